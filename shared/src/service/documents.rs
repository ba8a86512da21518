//! Matter documents: registering a firm upload, its status (pending -> available or
//! rejected, or deleting), and the matter's document list.

use super::events::{self, Event};
use super::matters;
use super::objects::{self, AttachOutcome, UploadInput, Verdict};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::keys::{self, attr, Record};
use crate::model::{DeletionRecord, DocumentRecord, DocumentStatus, EventType, Origin, Person};
use crate::pagination::Page;
use crate::store::{Change, Condition, QuerySpec, Transacted};
use crate::{clock, App};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadView {
    pub document_id: String,
    pub url: String,
    pub method: &'static str,
    pub headers: BTreeMap<String, String>,
    pub expires_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    pub document_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub status: DocumentStatus,
    pub origin: Origin,
    pub author: Person,
    pub uploaded_by: Option<Person>,
    pub created_at: String,
    pub activity_at: String,
    /// Why the upload was refused, when `status` is `rejected`.
    pub rejection_reason: Option<String>,
}

impl From<DocumentRecord> for DocumentView {
    fn from(r: DocumentRecord) -> Self {
        Self {
            document_id: r.document_id,
            file_name: r.file_name,
            content_type: r.content_type,
            size: r.size,
            status: r.status,
            origin: r.origin,
            author: r.author,
            uploaded_by: r.uploaded_by,
            created_at: r.created_at,
            activity_at: r.activity_at,
            rejection_reason: r.rejection_reason,
        }
    }
}

/// Records a pending firm document and returns the presigned PUT for its bytes.
pub async fn register_firm_document(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    input: UploadInput,
) -> Result<UploadView> {
    let matter = matters::require(app, matter_id).await?;
    let document_id = keys::new_id();
    let now = clock::stamp(clock::now());
    let object_key = keys::object_key(&matter.matter_id, &document_id);
    // Signed first: if signing fails nothing is written.
    let declared = objects::declare(app, input, &object_key).await?;
    let record = DocumentRecord {
        pk: keys::document(&document_id),
        sk: keys::DOCUMENT.into(),
        gsi2pk: keys::matter(&matter.matter_id),
        gsi2sk: keys::document_in_matter(&now, &document_id),
        document_id: document_id.clone(),
        matter_id: matter.matter_id,
        file_name: declared.file_name,
        content_type: declared.content_type,
        size: declared.size,
        status: DocumentStatus::Pending,
        origin: Origin::Firm,
        author: Person {
            id: staff.id.clone(),
            email: staff.email.clone(),
            name: staff.name.clone(),
        },
        uploaded_by: None,
        object_key,
        created_at: now.clone(),
        activity_at: now,
        rejection_reason: None,
    };
    app.table.put(&record, Some(Condition::absent())).await?;
    Ok(UploadView {
        document_id,
        url: declared.put.url,
        method: "PUT",
        headers: declared.put.headers,
        expires_at: declared.expires_at,
    })
}

/// A pending document becomes available once its object passes the upload checks. The
/// trigger normally does this; here it also happens on first use, should the trigger lag.
pub async fn ensure_available(app: &App, document: DocumentRecord) -> Result<DocumentRecord> {
    let gone = || Error::not_found(format!("document {}", document.document_id));
    match document.status {
        DocumentStatus::Available => return Ok(document),
        DocumentStatus::Deleting | DocumentStatus::Rejected => return Err(gone()),
        DocumentStatus::Pending => {}
    }
    match settle(app, &document).await? {
        Settled::StillUploading => Err(Error::Conflict(format!(
            "document {} is still uploading; try again when the upload has finished",
            document.file_name
        ))),
        Settled::Rejected(reason) => Err(Error::Conflict(format!(
            "the upload of {} was rejected: {reason}",
            document.file_name
        ))),
        Settled::MadeAvailable => Ok(DocumentRecord {
            status: DocumentStatus::Available,
            ..document
        }),
        Settled::MovedByAnother => {
            // Available (the trigger) or being deleted.
            let current = app.table.get(&document.key()).await?.ok_or_else(gone)?;
            match current.status {
                DocumentStatus::Available => Ok(current),
                _ => Err(gone()),
            }
        }
    }
}

/// The trigger's handling of a firm document's object: checked, then available or rejected.
pub async fn attach_firm_document(
    app: &App,
    matter_id: &str,
    document_id: &str,
) -> Result<AttachOutcome> {
    let gone = "the document is no longer in the matter";
    let key = keys::object_key(matter_id, document_id);
    let document = app.table.get(&keys::document_key(document_id)).await?;
    // A presigned PUT used again after the document left the matter or was refused: nothing
    // may keep those bytes. Accepted bytes cannot be replaced (the PUT is signed with
    // If-None-Match: *), so an available document's event is a repeat.
    let Some(document) = document.filter(|d| d.matter_id == matter_id) else {
        return objects::discard(app, &key, gone).await;
    };
    match document.status {
        DocumentStatus::Deleting => return objects::discard(app, &key, gone).await,
        DocumentStatus::Rejected => {
            return objects::discard(app, &key, "this upload was already refused").await
        }
        DocumentStatus::Available => return Ok(AttachOutcome::AlreadyHandled),
        DocumentStatus::Pending => {}
    }
    Ok(match settle(app, &document).await? {
        Settled::StillUploading => AttachOutcome::Ignored("the object is gone".into()),
        Settled::Rejected(reason) => AttachOutcome::Rejected(reason),
        Settled::MadeAvailable => AttachOutcome::Attached,
        Settled::MovedByAnother => AttachOutcome::AlreadyHandled,
    })
}

/// What became of a pending document once its object was checked.
enum Settled {
    StillUploading,
    Rejected(String),
    MadeAvailable,
    /// Someone else moved it out of pending first.
    MovedByAnother,
}

/// Checks a pending document's object, then moves it to available or rejected.
async fn settle(app: &App, document: &DocumentRecord) -> Result<Settled> {
    let verdict = objects::verify(
        app,
        &document.object_key,
        document.size,
        &document.content_type,
    )
    .await?;
    Ok(match verdict {
        Verdict::Missing => Settled::StillUploading,
        Verdict::Rejected(reason) => {
            reject(app, document, &reason).await?;
            Settled::Rejected(reason)
        }
        Verdict::Accepted if mark_available(app, document).await? => Settled::MadeAvailable,
        Verdict::Accepted => Settled::MovedByAnother,
    })
}

/// pending -> available; false when someone else moved it first.
async fn mark_available(app: &App, document: &DocumentRecord) -> Result<bool> {
    let change = Change::new()
        .set(attr::STATUS, DocumentStatus::Available)
        .when(Condition::equals(attr::STATUS, DocumentStatus::Pending));
    app.table.update(&document.key(), change).await
}

/// Records why, so the firm sees it in the documents list, then deletes the object. In this
/// order a failure in between leaves a refused document whose bytes the repeated event
/// discards; the other way round it would stay pending with nothing left to check.
async fn reject(app: &App, document: &DocumentRecord, reason: &str) -> Result<()> {
    tracing::warn!(document = %document.document_id, reason, "upload rejected");
    let change = Change::new()
        .set(attr::STATUS, DocumentStatus::Rejected)
        .set(attr::REJECTION_REASON, reason)
        .when(Condition::equals(attr::STATUS, DocumentStatus::Pending));
    if app.table.update(&document.key(), change).await? {
        app.files.delete(&document.object_key).await?;
    }
    // Otherwise another writer moved it first: made available (the bytes must stay) or
    // marked deleting (that delete removes them).
    Ok(())
}

/// A concurrent writer can cancel the marking transaction; it is read and tried again.
const MARK_ATTEMPTS: usize = 3;

/// Marks the matter's document as being deleted, so that no new share or link can start,
/// and writes its deletion marker in the same transaction, so that the sweep finds it should
/// the delete stop halfway; gives back the document, or `None` when the matter has no such
/// document. Marking again (a repeated delete) is harmless. The first mark writes the
/// `documentDeleted` event; a repeat finds the document already marked and writes none.
pub async fn mark_deleting(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    document_id: &str,
) -> Result<Option<DocumentRecord>> {
    let key = keys::document_key(document_id);
    for _ in 0..MARK_ATTEMPTS {
        let Some(document) = app
            .table
            .get(&key)
            .await?
            .filter(|d| d.matter_id == matter_id)
        else {
            return Ok(None);
        };
        let marker_key = keys::deletion_key(document_id);
        let marker = DeletionRecord {
            pk: marker_key.pk,
            sk: marker_key.sk,
            document_id: document.document_id.clone(),
            matter_id: document.matter_id.clone(),
            marked_at: clock::stamp(clock::now()),
        };
        let first_mark = document.status != DocumentStatus::Deleting;
        let mut condition = Condition::exists().and(Condition::equals(attr::MATTER_ID, matter_id));
        if first_mark {
            // Two deletes at once: one writes the event, the other re-reads and finds it marked.
            condition = condition.and(Condition::not_equals(
                attr::STATUS,
                DocumentStatus::Deleting,
            ));
        }
        let mut transaction = app.table.transaction();
        let marked = transaction.update(
            &key,
            Change::new()
                .set(attr::STATUS, DocumentStatus::Deleting)
                .when(condition),
        )?;
        transaction.put(&marker, None)?;
        if first_mark {
            let event = Event::new(EventType::DocumentDeleted, events::staff_actor(staff))
                .document(&document.document_id, &document.file_name);
            events::add(&mut transaction, matter_id, event)?;
        }
        match app.table.commit(transaction).await? {
            Transacted::Committed => {
                return Ok(Some(DocumentRecord {
                    status: DocumentStatus::Deleting,
                    ..document
                }))
            }
            // Deleted or marked meanwhile: the next read tells which.
            Transacted::Cancelled(c) if c.failed_condition(marked) || c.conflicted() => continue,
            Transacted::Cancelled(c) => {
                return Err(Error::upstream(
                    "DynamoDB TransactWriteItems (mark deleting)",
                    c,
                ))
            }
        }
    }
    Err(Error::Conflict(
        "this document was changing while being deleted; try again".into(),
    ))
}

/// The last step of a delete: the record and its marker go together.
pub async fn forget(app: &App, document: &DocumentRecord) -> Result<()> {
    let mut transaction = app.table.transaction();
    transaction.delete(&document.key(), None)?;
    transaction.delete(&keys::deletion_key(&document.document_id), None)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        Transacted::Cancelled(c) => Err(Error::upstream(
            "DynamoDB TransactWriteItems (forget document)",
            c,
        )),
    }
}

/// Removes a marker whose document is already gone (or never was marked).
pub async fn drop_deletion_marker(app: &App, marker: &DeletionRecord) -> Result<()> {
    app.table.delete(&marker.key()).await
}

/// Every deletion marker, read strongly consistently (a table query, not an index): a
/// delete that just failed is seen by the next sweep. There are only as many as deletes
/// under way or stopped halfway, a handful at most.
pub async fn deletion_markers(app: &App) -> Result<Vec<DeletionRecord>> {
    let spec = QuerySpec::table(keys::DELETIONS.into(), keys::DOCUMENT_PREFIX);
    app.table.query_all(&spec).await
}

/// The matter's documents, newest first. A document stuck in `deleting` (a delete that
/// failed halfway) is listed as such, so staff can repeat the delete; it is never shared
/// or linked (see [`ensure_available`]).
pub async fn list_documents(
    app: &App,
    matter_id: &str,
    limit: usize,
    cursor: Option<&str>,
) -> Result<Page<DocumentView>> {
    let matter = matters::require(app, matter_id).await?;
    let spec = QuerySpec::index(
        keys::GSI2,
        keys::matter(&matter.matter_id),
        keys::DOCUMENT_PREFIX,
    )
    .descending();
    let page = app
        .table
        .query_page::<DocumentRecord>(&spec, limit, cursor)
        .await?;
    Ok(page.map(DocumentView::from))
}
