use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "totp_credentials")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// Nonce then AES-256-GCM ciphertext of the raw secret (`app::ssr::crypto::seal`).
    pub secret_sealed: Vec<u8>,
    /// `None` while the user has not yet entered a first code.
    pub confirmed_at: Option<DateTimeUtc>,
    pub last_step: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
