use sea_orm::entity::prelude::*;

/// A notary's request about a lot being sold (art. 3.94) and the syndic's answer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notary_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub lot_id: Uuid,
    pub kind: String,
    pub received_on: Date,
    pub notary: String,
    pub reference: Option<String>,
    pub answered_on: Option<Date>,
    pub created_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
