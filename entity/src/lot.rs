use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub building_id: Uuid,
    pub number: String,
    pub kind: String,
    pub floor: Option<String>,
    pub area_cm2: Option<i64>,
    pub notes: Option<String>,
    /// `None`: since the basic deed.
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// The division or merger it comes from.
    pub origin_event_id: Option<Uuid>,
    /// The division or merger that ended it.
    pub end_event_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::building::Entity",
        from = "Column::BuildingId",
        to = "super::building::Column::Id"
    )]
    Building,
    #[sea_orm(has_many = "super::ownership::Entity")]
    Ownership,
}

impl Related<super::building::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Building.def()
    }
}

impl Related<super::ownership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Ownership.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
