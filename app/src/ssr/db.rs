//! Database errors become `AppError`s here, and only here: the detail is logged, the client
//! gets an opaque `Internal` (or a `Conflict` for a unique violation).

use crate::domain::AppError;
use sea_orm::{DbErr, SqlErr};

/// Each unique index with the error its friendly pre-check gives, so that a race past the
/// pre-check reads the same: (PostgreSQL index name, SQLite's "table.column, …" text, the
/// field, the code). `None` as field: a conflict with that code.
const UNIQUE_INDEXES: &[(&str, &str, Option<&str>, &str)] = &[
    (
        "ux_lots_building_number",
        "lots.building_id, lots.number",
        Some("number"),
        "lot_number.taken",
    ),
    (
        "ux_bank_accounts_iban",
        "bank_accounts.iban",
        Some("iban"),
        "bank_account.iban_taken",
    ),
    (
        "ux_email_consents_open",
        "email_consents.owner_id, email_consents.building_id",
        Some("building_id"),
        "consent.already_given",
    ),
    (
        "users_email_key",
        "users.email",
        None,
        "conflict.email_taken",
    ),
    (
        "ux_oidc_identities_subject",
        "oidc_identities.issuer, oidc_identities.subject",
        None,
        "oidc.identity_taken",
    ),
    (
        "ux_oidc_identities_user_provider",
        "oidc_identities.user_id, oidc_identities.provider",
        None,
        "oidc.already_linked",
    ),
    (
        "ux_memberships_user_org_role",
        "memberships.user_id, memberships.organization_id, memberships.role",
        None,
        "conflict.already_member",
    ),
];

/// The error a unique violation stands for, from the database's message.
pub fn unique_violation(detail: &str) -> AppError {
    for (index, columns, field, code) in UNIQUE_INDEXES {
        let named = detail.contains(&format!("\"{index}\""))
            || detail.ends_with(columns)
            || detail.contains(&format!("{columns}\n"));
        if named {
            return match field {
                Some(field) => AppError::field(field, code),
                None => AppError::Conflict((*code).to_owned()),
            };
        }
    }
    AppError::Conflict("conflict.duplicate".into())
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            tracing::info!(%detail, "unique constraint violation");
            return unique_violation(&detail);
        }
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(err: sea_orm::TransactionError<AppError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

/// Saves an edit made from version `expected`: `UPDATE … SET …, version = expected + 1
/// WHERE id = ? AND version = expected`. The database decides, in the same statement that
/// writes: when somebody saved in between, no row matches and the edit is refused with
/// `conflict.stale_version` instead of silently overwriting theirs.
pub async fn update_versioned<A, C>(
    conn: &C,
    mut active: A,
    version: <A::Entity as sea_orm::EntityTrait>::Column,
    expected: i32,
) -> Result<<A::Entity as sea_orm::EntityTrait>::Model, AppError>
where
    A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    C: sea_orm::ConnectionTrait,
    <A::Entity as sea_orm::EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    active.set(version, (expected + 1).into());
    let update = A::Entity::update(active)
        .validate()?
        .filter(version.eq(expected));
    match update.exec(conn).await {
        Ok(model) => Ok(model),
        Err(DbErr::RecordNotUpdated) => Err(AppError::Conflict("conflict.stale_version".into())),
        Err(err) => Err(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_violations_read_like_their_pre_checks() {
        let pg = "duplicate key value violates unique constraint \"ux_lots_building_number\"";
        assert_eq!(
            unique_violation(pg),
            AppError::field("number", "lot_number.taken")
        );
        let sqlite = "UNIQUE constraint failed: lots.building_id, lots.number";
        assert_eq!(
            unique_violation(sqlite),
            AppError::field("number", "lot_number.taken")
        );
        assert_eq!(
            unique_violation("UNIQUE constraint failed: users.email"),
            AppError::Conflict("conflict.email_taken".into())
        );
        assert_eq!(
            unique_violation("something else"),
            AppError::Conflict("conflict.duplicate".into())
        );
    }
}

/// A table whose rows carry a version and an updated-at, and the columns of both.
pub trait Versioned: sea_orm::EntityTrait {
    const ID: Self::Column;
    const VERSION: Self::Column;
    const UPDATED_AT: Self::Column;
}

macro_rules! versioned {
    ($($table:ident),*) => {$(
        impl Versioned for entity::$table::Entity {
            const ID: Self::Column = entity::$table::Column::Id;
            const VERSION: Self::Column = entity::$table::Column::Version;
            const UPDATED_AT: Self::Column = entity::$table::Column::UpdatedAt;
        }
    )*};
}

versioned!(
    lot,
    building,
    quota_period,
    transfer,
    notary_request,
    email_consent,
    owner_agent
);

/// Runs `update` (with the changes it sets) as a claim of row `id` read at version
/// `expected`: the same statement bumps the version and the updated-at and matches only
/// if nobody changed the row in between — otherwise `conflict.stale_version`, and nothing
/// was written.
pub async fn claim<E: Versioned>(
    conn: &impl sea_orm::ConnectionTrait,
    update: sea_orm::UpdateMany<E>,
    id: uuid::Uuid,
    expected: i32,
) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, QueryFilter};
    let result = update
        .col_expr(E::VERSION, Expr::value(expected + 1))
        .col_expr(E::UPDATED_AT, Expr::value(chrono::Utc::now()))
        .filter(E::ID.eq(id))
        .filter(E::VERSION.eq(expected))
        .exec(conn)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::Conflict("conflict.stale_version".into()));
    }
    Ok(())
}

/// Starts a transaction that writes. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`): a deferred transaction that reads, then writes, fails with "database is
/// locked" when another writer got in between (its lock cannot be upgraded), whereas an
/// immediate one waits its turn under the busy timeout. PostgreSQL ignores the mode.
pub async fn begin_write<C>(db: &C) -> Result<C::Transaction, DbErr>
where
    C: sea_orm::TransactionTrait,
{
    db.begin_with_options(sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

#[cfg(test)]
mod every_write_is_immediate {
    /// The class of the defect, checked by machine: no service starts a deferred
    /// transaction.
    #[test]
    fn services_begin_their_transactions_with_begin_write() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ssr/services");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains(".begin()"),
                "{} starts a transaction with .begin(): use db::begin_write",
                path.display()
            );
        }
    }
}
