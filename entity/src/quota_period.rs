use sea_orm::entity::prelude::*;

/// A lot's quote-part (or, without `lot_id`, the building's total) over a period.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quota_periods")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub building_id: Uuid,
    pub lot_id: Option<Uuid>,
    pub quota: i64,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub basis: String,
    pub reference: Option<String>,
    pub basis_date: Option<Date>,
    pub created_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
