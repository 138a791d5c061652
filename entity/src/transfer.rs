use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transfers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub lot_id: Uuid,
    pub kind: String,
    pub deed_date: Date,
    pub notary: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// From when the buyer enjoys the lot (bears its ordinary charges).
    pub enjoyment_date: Option<Date>,
    /// When the syndic was notified: from then the buyer counts towards the association.
    pub notified_on: Option<Date>,
    pub seller_address: Option<String>,
    pub voided_at: Option<DateTimeUtc>,
    pub voided_by: Option<Uuid>,
    pub void_reason: Option<String>,
    pub version: i32,
    pub updated_at: Option<DateTimeUtc>,
    /// The deed the transfer was recorded from: shared by the lots one deed conveyed.
    pub deed_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::lot::Entity",
        from = "Column::LotId",
        to = "super::lot::Column::Id"
    )]
    Lot,
}

impl Related<super::lot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Lot.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
