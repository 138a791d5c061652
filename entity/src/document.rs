use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub building_id: Option<Uuid>,
    /// The first version's id.
    pub series_id: Uuid,
    pub version: i32,
    pub title: String,
    pub category: String,
    pub visibility: String,
    pub owner_id: Option<Uuid>,
    pub document_date: Option<Date>,
    pub file_name: String,
    pub file_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_at: DateTimeUtc,
    pub uploaded_by: Option<Uuid>,
    pub retain_until: Option<Date>,
    pub deleted_at: Option<DateTimeUtc>,
    pub deleted_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
