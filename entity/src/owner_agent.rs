use sea_orm::entity::prelude::*;

/// A person who acts for an owner (a company's organ, a minor's parent, an attorney...) over
/// a period; ended, never deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "owner_agents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// The owner acted for.
    pub owner_id: Uuid,
    /// The person of the directory who acts.
    pub agent_id: Uuid,
    /// `organ`, `parent`, `guardian`, `administrator` or `attorney`.
    pub capacity: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub document: String,
    pub receives_mail: bool,
    pub created_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
