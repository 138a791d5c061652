use sea_orm::entity::prelude::*;

/// A mandate of the association: its syndic, a council member or chair, its auditor.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "association_mandates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub building_id: Uuid,
    pub role: String,
    pub holder_name: String,
    pub owner_id: Option<Uuid>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub decided_on: Option<Date>,
    pub fiscal_year: Option<i32>,
    pub created_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
