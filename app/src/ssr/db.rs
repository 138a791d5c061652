//! Database errors become `AppError`s here, and only here: the detail is logged, the client
//! gets an opaque `Internal` (or a `Conflict` for a unique violation).

use crate::domain::AppError;
use sea_orm::{DbErr, SqlErr};

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            tracing::info!(%detail, "unique constraint violation");
            return AppError::Conflict("conflict.duplicate".into());
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
