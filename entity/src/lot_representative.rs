use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lot_representatives")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub lot_id: Uuid,
    /// The mandatary: a holder or a third person of the owner directory.
    pub owner_id: Uuid,
    pub valid_from: Date,
    /// Set when a designating holding ends or a new designation replaces this one.
    pub valid_to: Option<Date>,
    /// When the syndic received the written designation.
    pub received_on: Date,
    /// Where the written designation is (a reference until documents are stored).
    pub document_ref: Option<String>,
    pub created_at: DateTimeUtc,
    pub version: i32,
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

crate::keeps_version!();
