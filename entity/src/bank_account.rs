use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank_accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub building_id: Uuid,
    /// Unique across the platform: one real account belongs to one association.
    pub iban: String,
    pub purpose: String,
    pub label: Option<String>,
    /// The name the bank holds the account in (the association's).
    pub holder_name: String,
    pub bic: Option<String>,
    pub opened_on: Option<Date>,
    /// Closed accounts stay: past statements and charges name them.
    pub closed_on: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
