use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lot_representatives")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub lot_id: Uuid,
    /// The mandatary: a holder or a third person of the owner directory.
    pub owner_id: Uuid,
    pub valid_from: Date,
    /// Set when a designating holding ends or a new designation replaces this one.
    pub valid_to: Option<Date>,
    /// When the syndic received the written designation.
    pub received_on: Date,
    /// Where the written designation is (a reference until documents are stored).
    pub document_ref: Option<String>,
    pub created_at: DateTimeUtc,
    pub version: i32,
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

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
