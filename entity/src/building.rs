use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "buildings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub enterprise_number: Option<String>,
    pub construction_year: Option<i32>,
    pub basic_deed_date: Option<Date>,
    pub fiscal_year_start_month: i16,
    pub fiscal_year_start_day: i16,
    pub archived_at: Option<DateTimeUtc>,
    /// `MM-DD`: the first day of the ordinary assembly's 15-day window (rules of procedure).
    pub assembly_window_start: Option<String>,
    /// A notice longer than the legal 15 days, if the rules set one.
    pub notice_days: Option<i32>,
    pub remote_participation: bool,
    /// `full` or `simplified`, as chosen; `None`: the law's default.
    pub accounts_regime: Option<String>,
    pub provisional_acceptance_on: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::lot::Entity")]
    Lot,
}

impl Related<super::lot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Lot.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
