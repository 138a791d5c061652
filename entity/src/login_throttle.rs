use sea_orm::entity::prelude::*;

/// Failed password checks per key: a hash of (e-mail, client address) or of the e-mail
/// alone. Times are Unix milliseconds so that one SQL statement can compare and compute them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_throttles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub failures: i32,
    pub blocked_until: i64,
    pub succeeded_at: Option<i64>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
