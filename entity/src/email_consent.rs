use sea_orm::entity::prelude::*;

/// An owner's written consent to e-mail from one association, for one address, until it ends.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_consents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub owner_id: Uuid,
    pub building_id: Uuid,
    pub address: String,
    pub given_on: Date,
    pub evidence: String,
    pub ended_on: Option<Date>,
    /// `withdrawn` or `address_changed`.
    pub end_reason: Option<String>,
    pub created_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
