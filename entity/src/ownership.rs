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

/// Every write keeps the version and updated-at (the offline app syncs from them): set on
/// insert, bumped on each update, whichever service writes.
#[sea_orm::prelude::async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        let now = chrono::Utc::now();
        if insert {
            if self.version.is_not_set() {
                self.version = sea_orm::ActiveValue::Set(1);
            }
        } else if let Some(version) = self.version.try_as_ref().copied() {
            self.version = sea_orm::ActiveValue::Set(version + 1);
        }
        self.updated_at = sea_orm::ActiveValue::Set(Some(now));
        Ok(self)
    }
}
