//! Matter documents: a firm upload declared through the pipeline, a pending document made
//! available on first use should the trigger lag, marking one deleting, and the matter's
//! document list.

use super::events::{self, Event};
use super::intake::{self, Settled, UploadInput};
use super::{matters, tally};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::pagination::Page;
use crate::records::{
    attr, DeletionRecord, DocumentRecord, DocumentStatus, EventType, FolderEntryRecord,
    FolderRecord, Origin, Person, Tally, UploadPurpose, UploadRecord, UploadStatus,
};
use crate::store::{Change, Condition, Stored, Transacted, Transaction};
use crate::{clock, App};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadView {
    pub document_id: String,
    /// The upload whose status tells when its bytes were checked (a firm document's is its
    /// own id; a new version's is its own).
    pub upload_id: String,
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
    pub sha256: Option<String>,
    /// The current version's number (1 until a new version is uploaded).
    pub version: u32,
    pub folder_id: Option<String>,
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
            sha256: r.sha256,
            version: r.version,
            folder_id: r.folder_id,
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
    let declared = intake::declare(
        app,
        &matter.matter_id,
        UploadPurpose::FirmDocument,
        staff.person(),
        input,
    )
    .await?;
    Ok(UploadView::of(declared.upload_id.clone(), declared))
}

/// Declares the next version of a document of the matter: the presigned PUT for its bytes.
pub async fn register_new_version(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    document_id: &str,
    input: UploadInput,
) -> Result<UploadView> {
    let matter = matters::require(app, matter_id).await?;
    let document_id = crate::validate::id("documentId", document_id)?;
    let declared =
        intake::declare_version(app, &matter.matter_id, &document_id, staff.person(), input)
            .await?;
    Ok(UploadView::of(document_id, declared))
}

impl UploadView {
    fn of(document_id: String, declared: intake::Declared) -> Self {
        Self {
            document_id,
            upload_id: declared.upload_id,
            url: declared.url,
            method: "PUT",
            headers: declared.headers,
            expires_at: declared.expires_at,
        }
    }
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
    let intent = app
        .table
        .get(&UploadRecord::key_for(&document.document_id))
        .await?
        .filter(|u| u.status == UploadStatus::Pending);
    let settled = match intent {
        Some(intent) => intake::settle(app, &intent).await?,
        // Settled meanwhile (or its intent outlived): the document itself says how.
        None => Settled::AlreadyHandled,
    };
    match first_use(&document, settled) {
        FirstUse::Ready(document) => Ok(*document),
        FirstUse::Refused(err) => Err(err),
        FirstUse::ReadAgain => {
            let current = app.table.get(&document.key()).await?.ok_or_else(gone)?;
            match current.status {
                DocumentStatus::Available => Ok(current),
                DocumentStatus::Pending => Err(still_uploading(&current)),
                _ => Err(gone()),
            }
        }
    }
}

/// What a pending document's first use makes of its settlement.
enum FirstUse {
    Ready(Box<DocumentRecord>),
    Refused(Error),
    ReadAgain,
}

fn first_use(document: &DocumentRecord, settled: Settled) -> FirstUse {
    match settled {
        Settled::StillUploading => FirstUse::Refused(still_uploading(document)),
        Settled::Rejected(reason) => FirstUse::Refused(Error::Conflict(format!(
            "the upload of {} was rejected: {reason}",
            document.file_name
        ))),
        Settled::Accepted => FirstUse::Ready(Box::new(DocumentRecord {
            status: DocumentStatus::Available,
            ..document.clone()
        })),
        Settled::AlreadyHandled => FirstUse::ReadAgain,
        Settled::AwaitingScan => FirstUse::Refused(Error::Conflict(format!(
            "document {} is being scanned for malware; try again in a moment",
            document.file_name
        ))),
    }
}

fn still_uploading(document: &DocumentRecord) -> Error {
    Error::Conflict(format!(
        "document {} is still uploading; try again when the upload has finished",
        document.file_name
    ))
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
    let key = DocumentRecord::key_for(document_id);
    for _ in 0..MARK_ATTEMPTS {
        let Some(document) = app
            .table
            .get(&key)
            .await?
            .filter(|d| d.matter_id == matter_id)
        else {
            return Ok(None);
        };
        let marker = DeletionRecord {
            document_id: document.document_id.clone(),
            matter_id: document.matter_id.clone(),
            marked_at: clock::stamp(clock::now()),
        };
        let first_mark = document.status != DocumentStatus::Deleting;
        let mut transaction = app.table.transaction();
        let marked = transaction.update(&key, deleting(matter_id, first_mark))?;
        transaction.put(&marker, None)?;
        tally::note(&mut transaction, matter_id, Tally::NONE)?;
        if first_mark {
            let event = Event::new(EventType::DocumentDeleted, staff.actor())
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

/// The mark: the document is still in the matter and, on the first mark, not marked by
/// someone else meanwhile (of two deletes at once, one writes the event, the other re-reads
/// and finds it marked).
fn deleting(matter_id: &str, first_mark: bool) -> Change {
    let mut condition = Condition::exists().and(Condition::equals(attr::MATTER_ID, matter_id));
    if first_mark {
        condition = condition.and(Condition::not_equals(
            attr::STATUS,
            DocumentStatus::Deleting,
        ));
    }
    Change::new()
        .set(attr::STATUS, DocumentStatus::Deleting)
        .when(condition)
}

/// Takes a document out of its folder within `transaction`: the folder's entry for it goes
/// and the folder counts one document fewer. A delete and a move both do this.
pub(crate) fn leave_folder(
    transaction: &mut Transaction,
    matter_id: &str,
    folder_id: &str,
    document_id: &str,
) -> Result<()> {
    transaction.delete(&FolderEntryRecord::key_for(folder_id, document_id), None)?;
    transaction.update(
        &FolderRecord::key_for(matter_id, folder_id),
        FolderRecord::count_documents(-1),
    )?;
    Ok(())
}

/// The last step of a delete: the record and its marker go together, and the matter counts
/// one document less, once (a repeat finds the record gone and leaves the count alone).
pub async fn forget(app: &App, document: &DocumentRecord) -> Result<()> {
    let mut transaction = app.table.transaction();
    let record = transaction.delete(&document.key(), Some(Condition::exists()))?;
    transaction.delete(&DeletionRecord::key_for(&document.document_id), None)?;
    if let Some(folder_id) = &document.folder_id {
        // Its folder holds one document fewer (and may then be deleted).
        leave_folder(
            &mut transaction,
            &document.matter_id,
            folder_id,
            &document.document_id,
        )?;
    }
    tally::note(&mut transaction, &document.matter_id, Tally::documents(-1))?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        Transacted::Cancelled(c) if c.failed_condition(record) => {
            // Forgotten before: only a marker can be left.
            app.table
                .delete(&DeletionRecord::key_for(&document.document_id))
                .await
        }
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
    app.table.query_all(&DeletionRecord::all()).await
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
    let newest_first = DocumentRecord::in_matter(&matter.matter_id).descending();
    let page = app.table.query_page(&newest_first, limit, cursor).await?;
    Ok(page.map(DocumentView::from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::document;

    #[test]
    fn a_first_use_says_why_a_pending_document_cannot_be_used_yet() {
        let mut pending = document("d", "m");
        pending.status = DocumentStatus::Pending;
        let status = |settled| match first_use(&pending, settled) {
            FirstUse::Ready(d) => Ok(d.status),
            FirstUse::Refused(err) => Err(err.status()),
            FirstUse::ReadAgain => Err(0),
        };
        assert_eq!(status(Settled::Accepted), Ok(DocumentStatus::Available));
        assert_eq!(status(Settled::StillUploading), Err(409));
        assert_eq!(status(Settled::Rejected("too big".into())), Err(409));
        assert_eq!(status(Settled::AlreadyHandled), Err(0), "read again");
        assert_eq!(
            status(Settled::AwaitingScan),
            Err(409),
            "never used unscanned"
        );
    }

    #[test]
    fn only_the_first_mark_insists_the_document_was_not_marked_already() {
        let render = |change: Change| format!("{change:?}");
        let first = render(deleting("m", true));
        let repeat = render(deleting("m", false));
        assert!(first.contains("NotEquals"), "{first}");
        assert!(!repeat.contains("NotEquals"), "{repeat}");
    }
}
