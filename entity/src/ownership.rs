use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ownerships")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub lot_id: Uuid,
    pub owner_id: Uuid,
    pub right: String,
    pub share_numerator: i64,
    pub share_denominator: i64,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    /// The transfer that opened this period, if any.
    pub opened_by: Option<Uuid>,
    /// The transfer that closed it.
    pub closed_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub version: i32,
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::lot::Entity",
        from = "Column::LotId",
        to = "super::lot::Column::Id"
    )]
    Lot,
    #[sea_orm(
        belongs_to = "super::owner::Entity",
        from = "Column::OwnerId",
        to = "super::owner::Column::Id"
    )]
    Owner,
}

impl Related<super::lot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Lot.def()
    }
}

impl Related<super::owner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Owner.def()
    }
}

crate::keeps_version!();
