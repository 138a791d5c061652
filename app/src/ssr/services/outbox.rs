//! Outgoing mail goes through an outbox: the message is a row written in the same transaction
//! as what caused it (an invitation, a reset link), and a background worker sends it after
//! the commit. No transaction ever waits on an SMTP relay — on SQLite a slow relay used to
//! block every write of every tenant — and a mail that cannot be sent is retried, then
//! marked failed where the syndic can see it.

use crate::domain::AppError;
use crate::ssr::mail::{Email, Mailer};
use chrono::{DateTime, Duration, Utc};
use entity::mail_outbox::{self, Column};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::sync::Arc;
use tokio::sync::Notify;
use uuid::Uuid;

/// After this many failed attempts a mail is marked failed and no longer retried.
pub const MAX_ATTEMPTS: i32 = 6;
/// A worker that claimed a mail and died gives it back after this long.
const CLAIM_SECS: i64 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Sending,
    Sent,
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Sending => "sending",
            Status::Sent => "sent",
            Status::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Result<Status, &'static str> {
        match raw {
            "pending" => Ok(Status::Pending),
            "sending" => Ok(Status::Sending),
            "sent" => Ok(Status::Sent),
            "failed" => Ok(Status::Failed),
            _ => Err("mail_status.invalid"),
        }
    }
}

/// The wait before retry `attempt` (1-based): 30 s, 1 min, 2 min … capped at an hour.
pub fn retry_delay(attempt: i32) -> Duration {
    let exp = attempt.clamp(1, 8) - 1;
    Duration::seconds((30_i64 << exp).min(3600))
}

pub struct Outgoing<'a> {
    pub organization_id: Option<Uuid>,
    /// What the mail is about (`("invitation", id)`), so its status can be shown there.
    pub related: Option<(&'a str, Uuid)>,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Wakes the worker when a mail is queued; the worker also polls, so a lost wake-up only
/// delays a mail by a poll interval.
#[derive(Clone, Default, Debug)]
pub struct Outbox {
    notify: Arc<Notify>,
}

impl Outbox {
    pub fn wake(&self) {
        self.notify.notify_one();
    }

    pub async fn woken(&self) {
        self.notify.notified().await
    }
}

/// Queues a mail in the caller's transaction.
pub async fn enqueue(conn: &impl ConnectionTrait, mail: Outgoing<'_>) -> Result<Uuid, AppError> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    mail_outbox::Entity::insert(mail_outbox::ActiveModel {
        id: Set(id),
        organization_id: Set(mail.organization_id),
        related_type: Set(mail.related.map(|(kind, _)| kind.to_owned())),
        related_id: Set(mail.related.map(|(_, id)| id)),
        recipient: Set(mail.to),
        subject: Set(mail.subject),
        body: Set(mail.body),
        status: Set(Status::Pending.as_str().to_owned()),
        attempts: Set(0),
        last_error: Set(None),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(id)
}

/// The latest mail about each of `ids`, with its status.
pub async fn statuses(
    conn: &impl ConnectionTrait,
    related_type: &str,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Status>, AppError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows = mail_outbox::Entity::find()
        .filter(Column::RelatedType.eq(related_type))
        .filter(Column::RelatedId.is_in(ids.iter().copied()))
        .order_by_asc(Column::CreatedAt)
        .all(conn)
        .await?;
    let mut latest = std::collections::HashMap::new();
    for row in rows {
        let at = crate::ssr::decode::At {
            table: "mail_outbox",
            column: "status",
            id: &row.id,
        };
        let status = crate::ssr::decode::text(at, &row.status, Status::parse)?;
        if let Some(related) = row.related_id {
            latest.insert(related, status);
        }
    }
    Ok(latest)
}

/// Claims one due mail: a conditional update, so two workers (two replicas) never send the
/// same mail twice.
async fn claim_next(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<mail_outbox::Model>, AppError> {
    let due = Condition::any()
        .add(
            Condition::all()
                .add(Column::Status.eq(Status::Pending.as_str()))
                .add(Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(Column::Status.eq(Status::Sending.as_str()))
                .add(Column::ClaimedUntil.lt(now)),
        );
    let candidates = mail_outbox::Entity::find()
        .filter(due.clone())
        .order_by_asc(Column::NextAttemptAt)
        .limit(8)
        .all(db)
        .await?;
    for candidate in candidates {
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(Column::Status, Expr::value(Status::Sending.as_str()))
            .col_expr(
                Column::ClaimedUntil,
                Expr::value(now + Duration::seconds(CLAIM_SECS)),
            )
            .filter(Column::Id.eq(candidate.id))
            .filter(due.clone())
            .exec(db)
            .await?;
        if claimed.rows_affected == 1 {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

/// Sends every mail that is due; returns how many were sent.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &str,
) -> Result<usize, AppError> {
    let mut sent = 0;
    while let Some(mail) = claim_next(db, Utc::now()).await? {
        let outcome = mailer
            .send(
                from,
                Email {
                    to: mail.recipient.clone(),
                    subject: mail.subject.clone(),
                    body: mail.body.clone(),
                },
            )
            .await;
        let now = Utc::now();
        let attempts = mail.attempts + 1;
        let mut update = mail_outbox::Entity::update_many()
            .col_expr(Column::Attempts, Expr::value(attempts))
            .col_expr(
                Column::ClaimedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(Column::Id.eq(mail.id));
        update = match outcome {
            Ok(()) => {
                sent += 1;
                update
                    .col_expr(Column::Status, Expr::value(Status::Sent.as_str()))
                    .col_expr(Column::SentAt, Expr::value(now))
                    .col_expr(Column::LastError, Expr::value(Option::<String>::None))
            }
            Err(err) => {
                let status = if attempts >= MAX_ATTEMPTS {
                    Status::Failed
                } else {
                    Status::Pending
                };
                tracing::warn!(id = %mail.id, attempts, status = status.as_str(), "mail not sent");
                update
                    .col_expr(Column::Status, Expr::value(status.as_str()))
                    .col_expr(
                        Column::NextAttemptAt,
                        Expr::value(now + retry_delay(attempts)),
                    )
                    .col_expr(Column::LastError, Expr::value(err))
            }
        };
        update.exec(db).await?;
    }
    Ok(sent)
}

/// The worker: sends what is due whenever woken, and at least every `poll`.
pub async fn run_worker(
    db: DatabaseConnection,
    mailer: Mailer,
    from: String,
    outbox: Outbox,
    poll: std::time::Duration,
) {
    loop {
        if let Err(err) = deliver_due(&db, &mailer, &from).await {
            tracing::warn!(?err, "outbox delivery round failed");
        }
        tokio::select! {
            _ = outbox.woken() => {}
            _ = tokio::time::sleep(poll) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_an_hour() {
        assert_eq!(retry_delay(1), Duration::seconds(30));
        assert_eq!(retry_delay(2), Duration::seconds(60));
        assert_eq!(retry_delay(5), Duration::seconds(480));
        assert_eq!(retry_delay(8), Duration::seconds(3600));
        assert_eq!(retry_delay(100), Duration::seconds(3600));
        assert_eq!(retry_delay(-3), Duration::seconds(30));
    }

    #[test]
    fn statuses_round_trip_and_unknown_is_refused() {
        for s in [
            Status::Pending,
            Status::Sending,
            Status::Sent,
            Status::Failed,
        ] {
            assert_eq!(Status::parse(s.as_str()), Ok(s));
        }
        assert!(Status::parse("bogus").is_err());
    }
}
