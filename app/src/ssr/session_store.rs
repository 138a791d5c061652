//! tower-sessions store over SeaORM, so sessions live in the application's own database on
//! both backends (no extra service to run).

use chrono::{DateTime, Utc};
use entity::session;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use uuid::Uuid;

use super::auth::USER_ID_KEY;
use super::identity::{Cached, Change, Identity};

/// Records are cached in process (`Identity`); the database announces every change to them.
#[derive(Clone)]
pub struct SeaOrmSessionStore {
    db: DatabaseConnection,
    identity: Identity,
}

impl std::fmt::Debug for SeaOrmSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeaOrmSessionStore").finish_non_exhaustive()
    }
}

impl SeaOrmSessionStore {
    pub fn new(db: DatabaseConnection, identity: Identity) -> Self {
        Self { db, identity }
    }
}

fn backend(err: sea_orm::DbErr) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn to_chrono(at: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(at.unix_timestamp(), at.nanosecond()).unwrap_or_default()
}

fn to_time(at: DateTime<Utc>) -> session_store::Result<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp(at.timestamp())
        .map_err(|err| session_store::Error::Decode(err.to_string()))
}

fn row(record: &Record) -> session_store::Result<session::ActiveModel> {
    let data = serde_json::to_vec(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    let user_id = record
        .data
        .get(USER_ID_KEY)
        .and_then(|value| serde_json::from_value::<Uuid>(value.clone()).ok());
    Ok(session::ActiveModel {
        id: Set(record.id.to_string()),
        data: Set(data),
        user_id: Set(user_id),
        expires_at: Set(to_chrono(record.expiry_date)),
    })
}

#[async_trait::async_trait]
impl SessionStore for SeaOrmSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Ids are 128 random bits, but a collision must never hand one user another's session.
        loop {
            let taken = session::Entity::find_by_id(record.id.to_string())
                .one(&self.db)
                .await
                .map_err(backend)?
                .is_some();
            if !taken {
                break;
            }
            record.id = Id::default();
        }
        session::Entity::insert(row(record)?)
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        session::Entity::insert(row(record)?)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .update_columns([
                        session::Column::Data,
                        session::Column::UserId,
                        session::Column::ExpiresAt,
                    ])
                    .to_owned(),
            )
            .exec(&self.db)
            .await
            .map_err(backend)?;
        self.identity.evict(&Change::Session(record.id.to_string()));
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let key = id.to_string();
        let generation = match self.identity.session(&key) {
            Cached::Hit(record) if record.expiry_date > time::OffsetDateTime::now_utc() => {
                return Ok(Some(Record::clone(&record)));
            }
            Cached::Hit(_) => return Ok(None),
            Cached::Miss(generation) => generation,
        };
        let Some(found) = session::Entity::find_by_id(id.to_string())
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_slice(&found.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let record = Record {
            id: *id,
            data,
            expiry_date: to_time(found.expires_at)?,
        };
        self.identity.store_session(generation, record.clone());
        Ok(Some(record))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map_err(backend)?;
        self.identity.evict(&Change::Session(id.to_string()));
        Ok(())
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for SeaOrmSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
