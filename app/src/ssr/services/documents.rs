//! Documents of a building (issue 12): filed by the syndic's office, read by whom their
//! visibility allows. The bytes go to `Storage` first (streamed, hashed, type read from the
//! content), then the row is written, with the organisation's quota checked in the same
//! write transaction: there is never a row without its object, and an object left without a
//! row (refused quota, crash) is swept later.

use crate::domain::document::{
    self as rules, Category, DocumentInfo, FileType, Reader, SNIFF_BYTES, Visibility,
};
use crate::domain::{Actor, AppError, Permission, Role};
use crate::ssr::storage::{ByteRange, Download, Storage, StorageError};
use bytes::Bytes;
use chrono::NaiveDate;
use entity::{document, owner};
use futures::{Stream, StreamExt};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

/// The bounds an organisation's files are held to (server configuration).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file accepted.
    pub max_file_bytes: u64,
    /// Total of an organisation's documents (every version, deleted ones until purged).
    pub quota_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            quota_bytes: 20 * 1024 * 1024 * 1024,
        }
    }
}

/// What the uploader says of a file; everything else is read from it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
pub struct UploadMeta {
    /// Up to 200 characters; the file name (without extension) when empty.
    #[serde(default)]
    pub title: String,
    /// `basic_deed`, `rules_of_procedure`, `minutes`, `contract`, `insurance`, `plan`,
    /// `invoice`, `photo`, `correspondence` or `other`.
    #[serde(default)]
    pub category: String,
    /// `office` (the default), `council`, `owners` or `owner` (with `owner_id`).
    #[serde(default)]
    pub visibility: String,
    pub owner_id: Option<Uuid>,
    /// The date of the document itself, `YYYY-MM-DD`.
    pub document_date: Option<NaiveDate>,
    /// The file's name as the user's computer knows it.
    #[serde(default)]
    pub file_name: String,
    /// A new version of this document (its id, or any of its versions' ids).
    pub replaces: Option<Uuid>,
}

struct Checked {
    title: String,
    category: Category,
    visibility: Visibility,
    owner_id: Option<Uuid>,
    file_name: String,
}

fn check_meta(meta: &UploadMeta) -> Result<Checked, AppError> {
    let mut errors = crate::domain::FieldErrors::new();
    let file_name = rules::clean_file_name(&meta.file_name);
    let title = match meta.title.trim() {
        "" => file_name
            .rsplit_once('.')
            .map(|(stem, _)| stem)
            .unwrap_or(&file_name)
            .to_owned(),
        title => title.to_owned(),
    };
    if title.chars().count() > 200 {
        errors.insert("title".into(), vec!["document.title_too_long".into()]);
    }
    let category = Category::parse(meta.category.trim());
    if category.is_none() {
        errors.insert("category".into(), vec!["document.category_unknown".into()]);
    }
    let visibility = match meta.visibility.trim() {
        "" => Some(Visibility::Office),
        raw => Visibility::parse(raw),
    };
    match (visibility, meta.owner_id) {
        (None, _) => {
            errors.insert(
                "visibility".into(),
                vec!["document.visibility_unknown".into()],
            );
        }
        (Some(Visibility::Owner), None) => {
            errors.insert("owner_id".into(), vec!["document.owner_required".into()]);
        }
        _ => {}
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let visibility = visibility.unwrap_or(Visibility::Office);
    Ok(Checked {
        title,
        category: category.unwrap_or(Category::Other),
        owner_id: (visibility == Visibility::Owner)
            .then_some(meta.owner_id)
            .flatten(),
        visibility,
        file_name,
    })
}

/// The owner a one-owner document is for must be one of the organisation's.
async fn ensure_owner_of(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    owner_id: Uuid,
) -> Result<(), AppError> {
    let theirs = owner::Entity::find_by_id(owner_id)
        .one(conn)
        .await?
        .is_some_and(|o| o.organization_id == organization_id);
    if theirs {
        Ok(())
    } else {
        Err(AppError::field("owner_id", "document.owner_unknown"))
    }
}

fn storage_error(err: StorageError) -> AppError {
    match err {
        StorageError::TooLarge { .. } => AppError::field("file", "document.too_large"),
        StorageError::Interrupted(_) => AppError::field("file", "document.interrupted"),
        StorageError::NotFound => AppError::NotFound,
        StorageError::Store(e) => {
            tracing::error!(error = %e, "document storage failed");
            AppError::Unavailable {
                retry_after_secs: 30,
            }
        }
    }
}

/// Files a document on `building_id` from `body` (a request body, streamed).
pub async fn upload<S, E>(
    db: &DatabaseConnection,
    storage: &Storage,
    limits: Limits,
    actor: &Actor,
    building_id: Uuid,
    meta: UploadMeta,
    mut body: S,
) -> Result<DocumentInfo, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin + Send,
    E: std::fmt::Display,
{
    let organization_id = actor.require(Permission::ManageDocuments)?;
    let building = super::buildings::find_own(db, actor, building_id).await?;
    let checked = check_meta(&meta)?;
    if let Some(owner_id) = checked.owner_id {
        ensure_owner_of(db, organization_id, owner_id).await?;
    }
    let series = match meta.replaces {
        Some(id) => Some(own_document(db, organization_id, id).await?),
        None => None,
    };

    // The first bytes say what the file is, before anything is stored.
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    let mut rest: Option<Bytes> = None;
    while head.len() < SNIFF_BYTES {
        match body.next().await {
            Some(Ok(chunk)) => {
                let room = SNIFF_BYTES - head.len();
                if chunk.len() > room {
                    head.extend_from_slice(&chunk[..room]);
                    rest = Some(chunk.slice(room..));
                } else {
                    head.extend_from_slice(&chunk);
                }
            }
            Some(Err(e)) => return Err(storage_error(StorageError::Interrupted(e.to_string()))),
            None => break,
        }
    }
    let file_type =
        rules::detect(&head, &checked.file_name).map_err(|code| AppError::field("file", code))?;

    let used = used_bytes(db, organization_id).await?;
    let room = limits.quota_bytes.saturating_sub(used);
    if room == 0 {
        return Err(AppError::Conflict("document.quota_exceeded".into()));
    }
    let limit = limits.max_file_bytes.min(room);
    let first = futures::stream::iter(
        [Some(Bytes::from(head)), rest]
            .into_iter()
            .flatten()
            .map(Ok::<Bytes, String>),
    );
    let rest_of_body = body.map(|chunk| chunk.map_err(|e| e.to_string()));
    let stored = match storage
        .put_stream(organization_id, first.chain(rest_of_body), limit)
        .await
    {
        Err(StorageError::TooLarge { .. }) if limit < limits.max_file_bytes => {
            return Err(AppError::Conflict("document.quota_exceeded".into()));
        }
        other => other.map_err(storage_error)?,
    };

    let id = Uuid::new_v4();
    let today = crate::domain::calendar::today();
    let retain_until = checked.category.legal_retention_years().map(|years| {
        let from = meta.document_date.unwrap_or(today);
        from.checked_add_months(chrono::Months::new(12 * years as u32))
            .unwrap_or(from)
    });
    let written: Result<document::Model, AppError> = async {
        let txn = crate::ssr::db::begin_write(db).await?;
        // One upload at a time per organisation past this point (PostgreSQL; SQLite's
        // write transactions already are), so two cannot both fit in the last room.
        entity::organization::Entity::find_by_id(organization_id)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        if used_bytes(&txn, organization_id).await? + stored.size > limits.quota_bytes {
            return Err(AppError::Conflict("document.quota_exceeded".into()));
        }
        let (series_id, version) = match &series {
            Some(previous) => {
                let last = document::Entity::find()
                    .filter(document::Column::SeriesId.eq(previous.series_id))
                    .order_by_desc(document::Column::Version)
                    .one(&txn)
                    .await?
                    .map(|d| d.version)
                    .unwrap_or(0);
                (previous.series_id, last + 1)
            }
            None => (id, 1),
        };
        let row = document::ActiveModel {
            id: Set(id),
            organization_id: Set(organization_id),
            building_id: Set(Some(building.id)),
            series_id: Set(series_id),
            version: Set(version),
            title: Set(checked.title.clone()),
            category: Set(checked.category.as_str().into()),
            visibility: Set(checked.visibility.as_str().into()),
            owner_id: Set(checked.owner_id),
            document_date: Set(meta.document_date),
            file_name: Set(checked.file_name.clone()),
            file_type: Set(serde_plain(file_type)),
            size: Set(stored.size as i64),
            sha256: Set(stored.sha256.clone()),
            storage_key: Set(stored.key.clone()),
            uploaded_at: Set(chrono::Utc::now()),
            uploaded_by: Set(actor.user()),
            retain_until: Set(retain_until),
            deleted_at: Set(None),
            deleted_by: Set(None),
        };
        let row = sea_orm::ActiveModelTrait::insert(row, &txn).await?;
        super::audit::record(
            &txn,
            super::audit::Entry::new("document.uploaded", "document", id)
                .organization(organization_id)
                .actor(actor.user())
                .after(serde_json::json!({
                    "title": row.title, "file_name": row.file_name, "size": row.size,
                    "sha256": row.sha256, "visibility": row.visibility, "version": row.version,
                })),
        )
        .await?;
        txn.commit().await?;
        Ok(row)
    }
    .await;
    match written {
        Ok(row) => to_info(row),
        Err(err) => {
            // The object may be another row's too (same bytes): only an unnamed one goes.
            forget_if_unnamed(db, storage, &stored.key).await;
            Err(err)
        }
    }
}

async fn forget_if_unnamed(db: &DatabaseConnection, storage: &Storage, key: &str) {
    let named = document::Entity::find()
        .filter(document::Column::StorageKey.eq(key))
        .one(db)
        .await
        .map(|row| row.is_some());
    if let Ok(false) = named
        && let Err(err) = storage.delete(key).await
    {
        tracing::warn!(%err, "an object without a row stays until the sweep");
    }
}

fn serde_plain(file_type: FileType) -> String {
    serde_json::to_value(file_type)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// What an organisation's documents take, every version included.
async fn used_bytes(conn: &impl ConnectionTrait, organization_id: Uuid) -> Result<u64, AppError> {
    let total: Option<Option<i64>> = document::Entity::find()
        .select_only()
        // PostgreSQL sums a bigint into a numeric: read back as a bigint on both.
        .column_as(
            sea_orm::sea_query::Expr::expr(sea_orm::sea_query::Func::cast_as(
                sea_orm::sea_query::Func::sum(sea_orm::sea_query::Expr::col(
                    document::Column::Size,
                )),
                sea_orm::sea_query::Alias::new("BIGINT"),
            )),
            "total",
        )
        .filter(document::Column::OrganizationId.eq(organization_id))
        .into_tuple()
        .one(conn)
        .await?;
    Ok(total.flatten().unwrap_or(0).max(0) as u64)
}

/// A document of the organisation, deleted or not (for a new version).
async fn own_document(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    id: Uuid,
) -> Result<document::Model, AppError> {
    document::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|d| d.organization_id == organization_id && d.deleted_at.is_none())
        .ok_or(AppError::NotFound)
}

fn to_info(row: document::Model) -> Result<DocumentInfo, AppError> {
    let unreadable = || {
        tracing::error!(id = %row.id, "a document row holds an unknown value");
        AppError::Internal
    };
    Ok(DocumentInfo {
        id: row.id,
        building_id: row.building_id,
        category: Category::parse(&row.category).ok_or_else(unreadable)?,
        visibility: Visibility::parse(&row.visibility).ok_or_else(unreadable)?,
        file_type: serde_json::from_value(serde_json::Value::String(row.file_type.clone()))
            .map_err(|_| unreadable())?,
        title: row.title,
        owner_id: row.owner_id,
        document_date: row.document_date,
        file_name: row.file_name,
        size: row.size,
        sha256: row.sha256,
        uploaded_at: row.uploaded_at,
        uploaded_by: row.uploaded_by,
        series_id: row.series_id,
        version: row.version,
        retain_until: row.retain_until,
    })
}

/// What the actor is to the building's documents; `None`: nothing of them.
async fn reader_of(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: Uuid,
    building_id: Uuid,
) -> Result<Option<Vec<Reader>>, AppError> {
    if actor.has(Permission::ManageDocuments) {
        return Ok(Some(vec![Reader::Office]));
    }
    let mut readers = Vec::new();
    let council = actor.roles.contains(&Role::BoardMember)
        && actor
            .building_scope
            .as_ref()
            .is_none_or(|scope| scope.contains(&building_id));
    if council {
        readers.push(Reader::Council);
    }
    if actor.has(Permission::ViewOrganization) {
        let mine = super::owners::records_of(conn, organization_id, actor.user_id).await?;
        if !mine.is_empty() {
            let lots =
                super::owners::owned_lots(conn, &mine, crate::domain::calendar::today()).await?;
            for (owner_id, lots) in lots {
                if lots.iter().any(|l| l.building_id == building_id) {
                    readers.push(Reader::Owner(owner_id));
                }
            }
        }
    }
    Ok((!readers.is_empty()).then_some(readers))
}

fn sees(readers: &[Reader], row: &document::Model) -> bool {
    let Some(visibility) = Visibility::parse(&row.visibility) else {
        return false;
    };
    readers
        .iter()
        .any(|r| rules::visible_to(visibility, row.owner_id, *r))
}

/// The building's current documents the actor may see (the latest version of each), newest
/// first.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
) -> Result<Vec<DocumentInfo>, AppError> {
    let organization_id = actor.require(Permission::ViewOrganization)?;
    let building = entity::building::Entity::find_by_id(building_id)
        .one(db)
        .await?
        .filter(|b| b.organization_id == organization_id)
        .ok_or(AppError::NotFound)?;
    let Some(readers) = reader_of(db, actor, organization_id, building.id).await? else {
        return Err(AppError::NotFound);
    };
    let rows = document::Entity::find()
        .filter(document::Column::OrganizationId.eq(organization_id))
        .filter(document::Column::BuildingId.eq(building.id))
        .filter(document::Column::DeletedAt.is_null())
        .order_by_desc(document::Column::UploadedAt)
        .order_by_desc(document::Column::Version)
        .all(db)
        .await?;
    let mut seen_series = std::collections::HashSet::new();
    rows.into_iter()
        .filter(|row| sees(&readers, row))
        // Newest version first within the order above: the first of a series is current.
        .filter(|row| seen_series.insert(row.series_id))
        .map(to_info)
        .collect()
}

/// One document the actor may see; `NotFound` for any other (another organisation's, a
/// syndic-only one for an owner), so that ids cannot be probed.
async fn visible(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
) -> Result<document::Model, AppError> {
    let organization_id = actor.require(Permission::ViewOrganization)?;
    let row = document::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|d| d.organization_id == organization_id && d.deleted_at.is_none())
        .ok_or(AppError::NotFound)?;
    let Some(building_id) = row.building_id else {
        return if actor.has(Permission::ManageDocuments) {
            Ok(row)
        } else {
            Err(AppError::NotFound)
        };
    };
    match reader_of(db, actor, organization_id, building_id).await? {
        Some(readers) if sees(&readers, &row) => Ok(row),
        _ => Err(AppError::NotFound),
    }
}

pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
) -> Result<DocumentInfo, AppError> {
    to_info(visible(db, actor, id).await?)
}

/// A document the actor may read, checked once: what a download answers from (the ETag, the
/// size a range must fit) before it reads any byte.
pub struct Readable {
    pub info: DocumentInfo,
    row: document::Model,
}

pub async fn readable(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
) -> Result<Readable, AppError> {
    let row = visible(db, actor, id).await?;
    Ok(Readable {
        info: to_info(row.clone())?,
        row,
    })
}

/// The bytes of a readable document, or a range of them. A download of anything but a
/// document for all owners is audited.
pub async fn open(
    db: &DatabaseConnection,
    storage: &Storage,
    actor: &Actor,
    document: &Readable,
    range: Option<ByteRange>,
) -> Result<Download, AppError> {
    let row = &document.row;
    let download = storage
        .get(&row.storage_key, range)
        .await
        .map_err(storage_error)?;
    // A whole read or its first part is a download; the rest of a ranged read is the same one.
    let starts = range.is_none() || download.range.start == 0;
    if row.visibility != Visibility::Owners.as_str() && starts {
        super::audit::record(
            db,
            super::audit::Entry::new("document.downloaded", "document", row.id)
                .organization(row.organization_id)
                .actor(actor.user()),
        )
        .await?;
    }
    Ok(download)
}

/// Deletes a document (all its versions), unless the law still makes the association keep
/// it. Soft: the row stays, hidden, with who deleted it.
pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageDocuments)?;
    let row = own_document(db, organization_id, id).await?;
    let today = crate::domain::calendar::today();
    let txn = crate::ssr::db::begin_write(db).await?;
    let versions = document::Entity::find()
        .filter(document::Column::SeriesId.eq(row.series_id))
        .filter(document::Column::DeletedAt.is_null())
        .all(&txn)
        .await?;
    if versions
        .iter()
        .any(|v| v.retain_until.is_some_and(|until| until > today))
    {
        return Err(AppError::Conflict("document.retained".into()));
    }
    let result = document::Entity::update_many()
        .col_expr(
            document::Column::DeletedAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now()),
        )
        .col_expr(
            document::Column::DeletedBy,
            sea_orm::sea_query::Expr::value(actor.user()),
        )
        .filter(document::Column::SeriesId.eq(row.series_id))
        .filter(document::Column::DeletedAt.is_null())
        .exec(&txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    super::audit::record(
        &txn,
        super::audit::Entry::new("document.deleted", "document", row.series_id)
            .organization(organization_id)
            .actor(actor.user())
            .before(serde_json::json!({ "title": row.title, "versions": versions.len() })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Who may see a document from now on, for all its versions (audited).
pub async fn set_visibility(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    visibility: &str,
    owner_id: Option<Uuid>,
) -> Result<DocumentInfo, AppError> {
    let organization_id = actor.require(Permission::ManageDocuments)?;
    let row = own_document(db, organization_id, id).await?;
    let visibility = Visibility::parse(visibility.trim())
        .ok_or_else(|| AppError::field("visibility", "document.visibility_unknown"))?;
    let owner_id = match (visibility, owner_id) {
        (Visibility::Owner, None) => {
            return Err(AppError::field("owner_id", "document.owner_required"));
        }
        (Visibility::Owner, Some(owner_id)) => {
            ensure_owner_of(db, organization_id, owner_id).await?;
            Some(owner_id)
        }
        _ => None,
    };
    let txn = crate::ssr::db::begin_write(db).await?;
    document::Entity::update_many()
        .col_expr(
            document::Column::Visibility,
            sea_orm::sea_query::Expr::value(visibility.as_str()),
        )
        .col_expr(
            document::Column::OwnerId,
            sea_orm::sea_query::Expr::value(owner_id),
        )
        .filter(document::Column::SeriesId.eq(row.series_id))
        .filter(document::Column::DeletedAt.is_null())
        .exec(&txn)
        .await?;
    super::audit::record(
        &txn,
        super::audit::Entry::new("document.visibility_changed", "document", row.series_id)
            .organization(organization_id)
            .actor(actor.user())
            .before(serde_json::json!({ "visibility": row.visibility, "owner_id": row.owner_id }))
            .after(serde_json::json!({ "visibility": visibility.as_str(), "owner_id": owner_id })),
    )
    .await?;
    txn.commit().await?;
    let updated = own_document(db, organization_id, id).await?;
    to_info(updated)
}

/// Deletes the stored objects that no document row names, older than `grace`.
pub async fn sweep(
    db: &DatabaseConnection,
    storage: &Storage,
    grace: std::time::Duration,
) -> Result<u64, AppError> {
    storage
        .sweep(grace, |keys| async move {
            document::Entity::find()
                .select_only()
                .column(document::Column::StorageKey)
                .filter(document::Column::StorageKey.is_in(keys))
                .into_tuple::<String>()
                .all(db)
                .await
                .map(|named| named.into_iter().collect())
                .map_err(|e| e.to_string())
        })
        .await
        .map_err(storage_error)
}
