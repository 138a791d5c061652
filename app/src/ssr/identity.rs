//! Who a request is, without asking the database each time: the session records and the
//! users (with their memberships and building scopes) are cached in this process, and the
//! database announces every change to those rows (triggers of migration
//! `m20261201_000005_identity_changes`), whoever writes them — this process, another replica,
//! the CLI. The lists of buildings with their register figures, read on every dashboard and
//! list, are cached and announced the same way (`m20261201_000006_register_changes`: any
//! change to a building, lot or holding announces its organisation). A logout, a password change, a removed role or building reaches every replica:
//! - on PostgreSQL when the change commits (LISTEN/NOTIFY, in practice a few milliseconds);
//! - on SQLite within half a second (the server reads `identity_changes`).
//!
//! The services that change those rows also tell this process at once (`changed`), so that a
//! request that follows a change made here reads it, before the database's announcement
//! comes back.
//!
//! While the server is not hearing changes (before the listener is up, after its connection
//! dropped) the caches are empty and bypassed: every request reads the database, as if there
//! were no cache. Everything is dropped again when listening resumes, since changes may have
//! been missed meanwhile.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, FromQueryResult, Statement};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tower_sessions::session::Record;
use uuid::Uuid;

use crate::domain::CurrentUser;
use crate::domain::register::Building;

/// The channel the triggers notify.
pub const CHANNEL: &str = "koprogo_identity";
/// How often SQLite's change table is read.
pub const SQLITE_POLL: Duration = Duration::from_millis(500);
/// Bounds kept whatever happens: memory (entries), and how long an entry lives even if no
/// change is announced for it.
const CAPACITY: u64 = 100_000;
const TIME_TO_LIVE: Duration = Duration::from_secs(300);
/// Lists are weighed by their buildings: about 300 bytes each, so at most a few MiB.
const LISTED_BUILDINGS: u64 = 20_000;

/// One list of buildings as an actor sees it: their organisation, their building scope, with
/// or without the archived ones, and the figures as of a day (holdings start and end on dates).
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct ListKey {
    pub organization_id: Uuid,
    pub scope: Option<Vec<Uuid>>,
    pub include_archived: bool,
    pub on: chrono::NaiveDate,
}

#[derive(Clone)]
pub struct Identity {
    inner: Arc<Inner>,
}

struct Inner {
    sessions: moka::sync::Cache<String, Arc<Record>>,
    /// The user without an active organisation: that one is chosen per session.
    users: moka::sync::Cache<Uuid, Arc<CurrentUser>>,
    buildings: moka::sync::Cache<ListKey, Arc<Vec<Building>>>,
    listening: AtomicBool,
    /// Bumped by every eviction of its family (who a request is; the lists). A value read
    /// from the database is cached only if no eviction of its family happened since the read
    /// began, else it may be older than the change. Two families, so that the register's
    /// frequent changes do not keep sessions and users from being cached, nor the reverse.
    generations: [AtomicU64; 2],
    /// Evictions take it exclusively, insertions shared: an insertion's check of the
    /// generation and its insert are one step as far as evictions are concerned.
    evicting: RwLock<()>,
}

impl Default for Identity {
    fn default() -> Self {
        let inner = Arc::new(Inner {
            sessions: moka::sync::Cache::builder()
                .max_capacity(CAPACITY)
                .time_to_live(TIME_TO_LIVE)
                .support_invalidation_closures()
                .build(),
            users: moka::sync::Cache::builder()
                .max_capacity(CAPACITY)
                .time_to_live(TIME_TO_LIVE)
                .build(),
            buildings: moka::sync::Cache::builder()
                .max_capacity(LISTED_BUILDINGS)
                .weigher(|_, list: &Arc<Vec<Building>>| {
                    u32::try_from(list.len()).unwrap_or(u32::MAX).max(1)
                })
                .time_to_live(TIME_TO_LIVE)
                .support_invalidation_closures()
                .build(),
            listening: AtomicBool::new(false),
            generations: [AtomicU64::new(0), AtomicU64::new(0)],
            evicting: RwLock::new(()),
        });
        let mut all = IN_PROCESS.write().unwrap_or_else(|e| e.into_inner());
        all.retain(|weak| weak.strong_count() > 0);
        all.push(Arc::downgrade(&inner));
        Identity { inner }
    }
}

/// Every cache of this process (one in production; one per test server in tests, where the
/// keys, random ids, never collide).
static IN_PROCESS: RwLock<Vec<std::sync::Weak<Inner>>> = RwLock::new(Vec::new());

/// Tells this process's caches of a change a service just made (after its commit, or just
/// before it: a read racing the commit is corrected by the database's announcement).
pub fn changed(change: &Change) {
    let all = IN_PROCESS.read().unwrap_or_else(|e| e.into_inner());
    for inner in all.iter().filter_map(std::sync::Weak::upgrade) {
        Identity { inner }.evict(change);
    }
}

/// The caches whose evictions guard each other's insertions.
#[derive(Clone, Copy)]
enum Family {
    Identity = 0,
    Lists = 1,
}

/// What a cache read found, and the generation to insert a fresh value under.
pub enum Cached<T> {
    Hit(T),
    Miss(Option<u64>),
}

/// A change the database announced.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    Session(String),
    User(Uuid),
    /// Every session of a user (a password change ends them), found by their data.
    SessionsOf(Uuid),
    /// A building, lot or holding of an organisation.
    Register(Uuid),
    Everything,
}

impl Change {
    /// Reads a NOTIFY payload; an unknown one drops everything (safe, merely slower).
    pub fn parse(payload: &str) -> Change {
        if let Some(id) = payload.strip_prefix("s:") {
            return Change::Session(id.to_owned());
        }
        if let Some(id) = payload
            .strip_prefix("u:")
            .and_then(|id| Uuid::parse_str(id).ok())
        {
            return Change::User(id);
        }
        if let Some(id) = payload
            .strip_prefix("r:")
            .and_then(|id| Uuid::parse_str(id).ok())
        {
            return Change::Register(id);
        }
        Change::Everything
    }
}

impl Identity {
    pub fn is_listening(&self) -> bool {
        self.inner.listening.load(Ordering::Acquire)
    }

    fn lookup<K, Q, V>(&self, family: Family, cache: &moka::sync::Cache<K, V>, key: &Q) -> Cached<V>
    where
        K: std::borrow::Borrow<Q> + std::hash::Hash + Eq + Send + Sync + 'static,
        Q: std::hash::Hash + Eq + ?Sized,
        V: Clone + Send + Sync + 'static,
    {
        if !self.is_listening() {
            return Cached::Miss(None);
        }
        let generation = self.inner.generations[family as usize].load(Ordering::Acquire);
        match cache.get(key) {
            Some(value) => Cached::Hit(value),
            None => Cached::Miss(Some(generation)),
        }
    }

    fn store<K, V>(
        &self,
        family: Family,
        cache: &moka::sync::Cache<K, V>,
        generation: Option<u64>,
        key: K,
        value: V,
    ) where
        K: std::hash::Hash + Eq + Send + Sync + 'static,
        V: Clone + Send + Sync + 'static,
    {
        let Some(generation) = generation else { return };
        let _shared = self
            .inner
            .evicting
            .read()
            .unwrap_or_else(|e| e.into_inner());
        let current = self.inner.generations[family as usize].load(Ordering::Acquire);
        if self.is_listening() && current == generation {
            cache.insert(key, value);
        }
    }

    pub fn session(&self, id: &str) -> Cached<Arc<Record>> {
        // Borrowed: a request's lookup allocates nothing.
        self.lookup(Family::Identity, &self.inner.sessions, id)
    }

    pub fn store_session(&self, generation: Option<u64>, record: Record) {
        self.store(
            Family::Identity,
            &self.inner.sessions,
            generation,
            record.id.to_string(),
            Arc::new(record),
        );
    }

    pub fn user(&self, id: Uuid) -> Cached<Arc<CurrentUser>> {
        self.lookup(Family::Identity, &self.inner.users, &id)
    }

    pub fn store_user(&self, generation: Option<u64>, user: CurrentUser) {
        self.store(
            Family::Identity,
            &self.inner.users,
            generation,
            user.id,
            Arc::new(user),
        );
    }

    pub fn buildings(&self, key: &ListKey) -> Cached<Arc<Vec<Building>>> {
        self.lookup(Family::Lists, &self.inner.buildings, key)
    }

    pub fn store_buildings(&self, generation: Option<u64>, key: ListKey, list: Vec<Building>) {
        self.store(
            Family::Lists,
            &self.inner.buildings,
            generation,
            key,
            Arc::new(list),
        );
    }

    /// Forgets what a change makes stale. This process calls it for its own writes too, so
    /// that they are seen at once, before the database's announcement comes back.
    pub fn evict(&self, change: &Change) {
        let _exclusive = self
            .inner
            .evicting
            .write()
            .unwrap_or_else(|e| e.into_inner());
        let families: &[Family] = match change {
            Change::Register(_) => &[Family::Lists],
            Change::Everything => &[Family::Identity, Family::Lists],
            _ => &[Family::Identity],
        };
        for family in families {
            self.inner.generations[*family as usize].fetch_add(1, Ordering::AcqRel);
        }
        match change {
            Change::Session(id) => self.inner.sessions.invalidate(id),
            Change::User(id) => self.inner.users.invalidate(id),
            Change::SessionsOf(user_id) => {
                let user_id = serde_json::Value::String(user_id.to_string());
                let of_user = move |_: &String, record: &Arc<Record>| {
                    record.data.get(super::auth::USER_ID_KEY) == Some(&user_id)
                };
                if let Err(err) = self.inner.sessions.invalidate_entries_if(of_user) {
                    tracing::error!(%err, "cannot evict a user's sessions; dropping all");
                    self.inner.sessions.invalidate_all();
                }
            }
            Change::Register(organization_id) => {
                let organization_id = *organization_id;
                let of_organization = move |key: &ListKey, _: &Arc<Vec<Building>>| {
                    key.organization_id == organization_id
                };
                if let Err(err) = self.inner.buildings.invalidate_entries_if(of_organization) {
                    tracing::error!(%err, "cannot evict an organisation's lists; dropping all");
                    self.inner.buildings.invalidate_all();
                }
            }
            Change::Everything => {
                self.inner.sessions.invalidate_all();
                self.inner.users.invalidate_all();
                self.inner.buildings.invalidate_all();
            }
        }
    }

    fn set_listening(&self, listening: bool) {
        // Whatever was cached may have missed changes: start again from the database.
        self.evict(&Change::Everything);
        self.inner.listening.store(listening, Ordering::Release);
    }

    /// Listens to the database's announcements until the process ends. Run it once per
    /// process (`koprogo::start_jobs`).
    pub async fn listen(self, db: DatabaseConnection) {
        match db.get_database_backend() {
            DatabaseBackend::Postgres => self.listen_postgres(db).await,
            DatabaseBackend::Sqlite => self.poll_sqlite(db).await,
            _ => {}
        }
    }

    async fn listen_postgres(self, db: DatabaseConnection) {
        use sea_orm::sqlx::postgres::PgListener;
        let pool = db.get_postgres_connection_pool().clone();
        loop {
            let mut listener = match PgListener::connect_with(&pool).await {
                Ok(listener) => listener,
                Err(err) => {
                    tracing::warn!(%err, "identity listener cannot connect; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if let Err(err) = listener.listen(CHANNEL).await {
                tracing::warn!(%err, "identity listener cannot LISTEN; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            self.set_listening(true);
            loop {
                match listener.try_recv().await {
                    Ok(Some(notification)) => self.evict(&Change::parse(notification.payload())),
                    // The connection dropped (try_recv reconnects on the next call): what was
                    // announced meanwhile is lost, so nothing cached can be trusted.
                    Ok(None) => {
                        tracing::warn!("identity listener lost its connection");
                        self.set_listening(false);
                        break;
                    }
                    Err(err) => {
                        tracing::warn!(%err, "identity listener failed");
                        self.set_listening(false);
                        break;
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn poll_sqlite(self, db: DatabaseConnection) {
        #[derive(FromQueryResult)]
        struct Row {
            id: i64,
            session_id: Option<String>,
            user_id: Option<Uuid>,
            organization_id: Option<Uuid>,
            everything: bool,
        }
        let mut seen: Option<i64> = None;
        let mut every = tokio::time::interval(SQLITE_POLL);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let read = match seen {
                None => db
                    .query_one_raw(Statement::from_string(
                        DatabaseBackend::Sqlite,
                        "SELECT COALESCE(MAX(id), 0) AS id FROM identity_changes",
                    ))
                    .await
                    .and_then(|row| match row {
                        Some(row) => row.try_get::<i64>("", "id"),
                        None => Ok(0),
                    })
                    .map(|last| {
                        seen = Some(last);
                        Vec::new()
                    }),
                Some(last) => {
                    Row::find_by_statement(Statement::from_sql_and_values(
                        DatabaseBackend::Sqlite,
                        "SELECT id, session_id, user_id, organization_id, everything \
                         FROM identity_changes \
                         WHERE id > ? ORDER BY id LIMIT 10000",
                        [last.into()],
                    ))
                    .all(&db)
                    .await
                }
            };
            match read {
                Ok(rows) => {
                    for row in rows {
                        seen = Some(row.id);
                        let change = match row {
                            Row {
                                everything: true, ..
                            } => Change::Everything,
                            Row {
                                session_id: Some(id),
                                ..
                            } => Change::Session(id),
                            Row {
                                user_id: Some(id), ..
                            } => Change::User(id),
                            Row {
                                organization_id: Some(id),
                                ..
                            } => Change::Register(id),
                            _ => Change::Everything,
                        };
                        self.evict(&change);
                    }
                    if !self.is_listening() {
                        self.set_listening(true);
                    }
                }
                Err(err) => {
                    tracing::warn!(%err, "cannot read identity changes");
                    if self.is_listening() {
                        self.set_listening(false);
                    }
                    seen = None;
                }
            }
        }
    }

    /// Waits until changes are heard (tests, and benchmarks that count statements).
    pub async fn wait_listening(&self, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        while !self.is_listening() {
            if tokio::time::Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        true
    }
}

/// Forgets SQLite's announcements older than an hour (the hourly sweep).
pub async fn sweep(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        db.execute_unprepared(
            "DELETE FROM identity_changes WHERE created_at < datetime('now', '-1 hour')",
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads() {
        let id = Uuid::now_v7();
        assert_eq!(Change::parse(&format!("u:{id}")), Change::User(id));
        assert_eq!(Change::parse("s:abc"), Change::Session("abc".into()));
        assert_eq!(Change::parse(&format!("r:{id}")), Change::Register(id));
        assert_eq!(Change::parse("*"), Change::Everything);
        assert_eq!(Change::parse("u:not-a-uuid"), Change::Everything);
    }

    fn user(id: Uuid) -> CurrentUser {
        CurrentUser {
            id,
            email: "a@b.be".into(),
            display_name: "A".into(),
            locale: Default::default(),
            is_superadmin: false,
            memberships: Vec::new(),
            active_organization_id: None,
            via_token: false,
            second_factor: false,
            assurance: None,
            recently_verified: false,
        }
    }

    /// Reads a user that is not cached, then caches it under the generation of that read.
    fn read_then_cache(identity: &Identity, id: Uuid) {
        let Cached::Miss(generation) = identity.user(id) else {
            panic!("{id} was cached already")
        };
        identity.store_user(generation, user(id));
    }

    #[test]
    fn nothing_is_cached_unless_changes_are_heard() {
        let identity = Identity::default();
        let id = Uuid::now_v7();
        let Cached::Miss(generation) = identity.user(id) else {
            panic!()
        };
        assert_eq!(generation, None);
        identity.store_user(generation, user(id));
        identity.set_listening(true);
        assert!(matches!(identity.user(id), Cached::Miss(Some(_))));
    }

    #[test]
    fn a_read_that_raced_an_eviction_is_not_cached() {
        let identity = Identity::default();
        identity.set_listening(true);
        let id = Uuid::now_v7();
        let Cached::Miss(generation) = identity.user(id) else {
            panic!()
        };
        // The change commits and is announced while the old row is on its way.
        identity.evict(&Change::User(id));
        identity.store_user(generation, user(id));
        assert!(matches!(identity.user(id), Cached::Miss(_)));
        // A read that began after it is cached.
        read_then_cache(&identity, id);
        assert!(matches!(identity.user(id), Cached::Hit(_)));
        identity.evict(&Change::User(id));
        assert!(matches!(identity.user(id), Cached::Miss(_)));
    }

    #[test]
    fn a_password_change_evicts_the_users_sessions() {
        let identity = Identity::default();
        identity.set_listening(true);
        let (user_id, other) = (Uuid::now_v7(), Uuid::now_v7());
        let record = |user: Uuid| {
            let mut data = std::collections::HashMap::new();
            data.insert(
                crate::ssr::auth::USER_ID_KEY.to_owned(),
                serde_json::json!(user.to_string()),
            );
            Record {
                id: Default::default(),
                data,
                expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
            }
        };
        let (mine, theirs) = (record(user_id), record(other));
        for r in [&mine, &theirs] {
            let Cached::Miss(generation) = identity.session(&r.id.to_string()) else {
                panic!()
            };
            identity.store_session(generation, r.clone());
        }
        changed(&Change::SessionsOf(user_id));
        assert!(matches!(
            identity.session(&mine.id.to_string()),
            Cached::Miss(_)
        ));
        assert!(matches!(
            identity.session(&theirs.id.to_string()),
            Cached::Hit(_)
        ));
    }

    #[test]
    fn a_register_change_does_not_keep_a_user_from_being_cached() {
        let identity = Identity::default();
        identity.set_listening(true);
        let id = Uuid::now_v7();
        let Cached::Miss(generation) = identity.user(id) else {
            panic!()
        };
        identity.evict(&Change::Register(Uuid::now_v7()));
        identity.store_user(generation, user(id));
        assert!(matches!(identity.user(id), Cached::Hit(_)));
    }

    #[test]
    fn a_register_change_evicts_only_that_organisations_lists() {
        let identity = Identity::default();
        identity.set_listening(true);
        let key = |organization_id, scope: Option<Vec<Uuid>>| ListKey {
            organization_id,
            scope,
            include_archived: false,
            on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        };
        let (ours, theirs) = (Uuid::now_v7(), Uuid::now_v7());
        let keys = [
            key(ours, None),
            key(ours, Some(vec![Uuid::now_v7()])),
            key(theirs, None),
        ];
        for k in &keys {
            let Cached::Miss(generation) = identity.buildings(k) else {
                panic!()
            };
            identity.store_buildings(generation, k.clone(), Vec::new());
        }
        assert!(
            keys.iter()
                .all(|k| matches!(identity.buildings(k), Cached::Hit(_)))
        );
        // The next day's figures are another list.
        let tomorrow = ListKey {
            on: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            ..key(ours, None)
        };
        assert!(matches!(identity.buildings(&tomorrow), Cached::Miss(_)));
        identity.evict(&Change::parse(&format!("r:{ours}")));
        assert!(matches!(identity.buildings(&keys[0]), Cached::Miss(_)));
        assert!(matches!(identity.buildings(&keys[1]), Cached::Miss(_)));
        assert!(matches!(identity.buildings(&keys[2]), Cached::Hit(_)));
    }

    #[test]
    fn losing_the_connection_drops_everything() {
        let identity = Identity::default();
        identity.set_listening(true);
        let id = Uuid::now_v7();
        read_then_cache(&identity, id);
        assert!(matches!(identity.user(id), Cached::Hit(_)));
        identity.set_listening(false);
        identity.set_listening(true);
        assert!(matches!(identity.user(id), Cached::Miss(_)));
    }
}
