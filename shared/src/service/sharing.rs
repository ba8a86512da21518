//! Sharing documents with contacts (directly, or through a folder), the per-contact shared
//! count that moves with them, and the Sharing section. Stopping and removing shares is
//! `unsharing`.

use super::conversations::{self, Draft};
use super::documents;
use super::events::{self, Event};
use super::listing::{self, ListQuery, Shares};
use super::{matters, tally};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::pagination::Page;
use crate::records::AttachmentCopy;
use crate::records::{
    AccessRecord, DocumentRecord, EventType, FolderRecord, MatterRecord, Origin, Person,
    ShareRecord, Tally,
};
use crate::store::{Condition, Stored, Transacted};
use crate::{clock, tokens, validate, App};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const MAX_DOCUMENTS_PER_CALL: usize = 100;
pub const MAX_CONTACTS_PER_CALL: usize = 50;
/// The most download links one share may allow.
pub const MAX_DOWNLOAD_LIMIT: i64 = 1000;
/// One count update plus (document check, share put, event put) per share, and the matter's
/// tally, must fit in 100.
const SHARES_PER_TRANSACTION: usize = 32;
/// Concurrent calls sharing the same pair cancel each other's transactions; re-read and retry.
const SHARE_ATTEMPTS: usize = 5;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareInput {
    pub document_ids: Vec<String>,
    pub contact_ids: Vec<String>,
    #[serde(default)]
    pub message: Option<String>,
    /// How many download links each new share allows; none: no limit.
    #[serde(default)]
    pub download_limit: Option<i64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactShareOutcome {
    pub contact_id: String,
    /// Documents newly shared by this call (already-shared ones are not counted again); the
    /// contact hears of them in their next digest.
    pub newly_shared: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareOutcome {
    pub created: usize,
    pub contacts: Vec<ContactShareOutcome>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareView {
    pub document_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub origin: Origin,
    pub uploaded_by: Option<Person>,
    pub contact_id: String,
    pub contact_name: String,
    pub shared_at: String,
    pub created_at: String,
    pub activity_at: String,
    pub open_count: i64,
    pub last_opened_at: Option<String>,
    pub download_count: i64,
    pub download_limit: Option<i64>,
    /// Shared directly, through a folder share (`viaFolder`, the folder's id), or both.
    pub direct: bool,
    pub via_folder: Option<String>,
    /// The folder the document is in.
    pub folder_name: Option<String>,
}

impl From<ShareRecord> for ShareView {
    fn from(r: ShareRecord) -> Self {
        Self {
            document_id: r.document_id,
            file_name: r.document.file_name,
            content_type: r.document.content_type,
            size: r.document.size,
            origin: r.document.origin,
            uploaded_by: r.document.uploaded_by,
            contact_id: r.contact_id,
            contact_name: r.contact_name,
            shared_at: r.shared_at,
            created_at: r.document.document_created_at,
            activity_at: r.activity_at,
            open_count: r.open_count,
            last_opened_at: r.last_opened_at,
            download_count: r.download_count,
            download_limit: r.download_limit,
            direct: r.direct,
            via_folder: r.via_folder,
            folder_name: r.document.folder_name,
        }
    }
}

/// Shares every document with every contact. Idempotent: pairs already shared are left
/// alone; counts and one `documentShared` event per new share are written in the share's
/// transaction, and the event log's outbox tells each contact in their next digest.
pub async fn share_documents(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    input: ShareInput,
) -> Result<ShareOutcome> {
    let matter = matters::require(app, matter_id).await?;
    let document_ids =
        validate::id_list("documentIds", &input.document_ids, MAX_DOCUMENTS_PER_CALL)?;
    let contact_ids = validate::id_list("contactIds", &input.contact_ids, MAX_CONTACTS_PER_CALL)?;
    let message = input
        .message
        .as_deref()
        .filter(|m| !m.trim().is_empty())
        .map(|m| validate::message_text("message", m, conversations::MAX_TEXT_CHARS))
        .transpose()?;
    let download_limit = download_limit(input.download_limit)?;
    let documents = shareable_documents(app, &matter, &document_ids).await?;
    let contacts = active_contacts(app, &matter, &contact_ids).await?;
    let how = ShareTerms {
        staff,
        message: message.as_deref(),
        download_limit,
        via_folder: None,
    };
    let (newly_shared, existing) = write_missing_shares(app, &how, &documents, &contacts).await?;
    mark_direct(app, &existing).await?;
    if let Some(note) = &message {
        post_note(app, staff, &matter, note, &documents, &contacts).await?;
    }
    let mut outcome = ShareOutcome {
        created: 0,
        contacts: Vec::with_capacity(contacts.len()),
    };
    for (contact, new_documents) in contacts.iter().zip(newly_shared) {
        outcome.created += new_documents.len();
        outcome.contacts.push(ContactShareOutcome {
            contact_id: contact.contact_id.clone(),
            newly_shared: new_documents.len(),
        });
    }
    Ok(outcome)
}

/// A share's note is a message from the person who shared in each chosen contact's
/// conversation, naming the shared documents (linked, not attached). Its request id comes
/// from the call, so a share sent again after a lost answer posts it once.
async fn post_note(
    app: &App,
    staff: &Staff,
    matter: &MatterRecord,
    note: &str,
    documents: &[DocumentRecord],
    contacts: &[AccessRecord],
) -> Result<()> {
    let named: Vec<AttachmentCopy> = documents.iter().map(AttachmentCopy::of).collect();
    let mut ids: Vec<&str> = documents.iter().map(|d| d.document_id.as_str()).collect();
    ids.sort_unstable();
    let request_id = tokens::digest(&format!("share-note|{}|{}|{note}", staff.id, ids.join(",")));
    let document_ids: Vec<&str> = documents.iter().map(|d| d.document_id.as_str()).collect();
    for contact in contacts {
        conversations::note_in_messages(app, &contact.contact_id, &document_ids).await?;
        let draft = Draft {
            matter_id: matter.matter_id.clone(),
            contact_id: contact.contact_id.clone(),
            contact_name: contact.name.clone(),
            author: staff.actor(),
            text: note.to_string(),
            attachment: None,
            shared_documents: named.clone(),
            request_id: request_id.chars().take(64).collect(),
            notify: vec![contact.contact()],
            hourly: None,
        };
        conversations::post(app, &draft, None).await?;
    }
    Ok(())
}

/// Shares one document with one contact whose grant was read as active (a message's
/// attachment): nothing new if it already is. The document as shared.
pub async fn share_one(
    app: &App,
    staff: &Staff,
    matter: &MatterRecord,
    document_id: &str,
    contact: &AccessRecord,
) -> Result<DocumentRecord> {
    share_with(
        app,
        staff,
        matter,
        document_id,
        std::slice::from_ref(contact),
    )
    .await
}

/// Shares one document with contacts whose grants were read as active (a message's
/// attachment, a bill's PDF): nothing new for those who have it. The document as shared.
pub async fn share_with(
    app: &App,
    staff: &Staff,
    matter: &MatterRecord,
    document_id: &str,
    contacts: &[AccessRecord],
) -> Result<DocumentRecord> {
    let document_id = validate::id("documentId", document_id)?;
    let mut documents = shareable_documents(app, matter, &[document_id]).await?;
    let how = ShareTerms {
        staff,
        message: None,
        download_limit: None,
        via_folder: None,
    };
    let (_, existing) = write_missing_shares(app, &how, &documents, contacts).await?;
    mark_direct(app, &existing).await?;
    documents
        .pop()
        .ok_or_else(|| Error::internal("a shareable document read as none"))
}

/// Shares the contact had only through a folder share are now shared directly too (a direct
/// share, or a message that carries the document), so they outlast the folder share.
async fn mark_direct(app: &App, existing: &[ShareRecord]) -> Result<()> {
    for share in existing.iter().filter(|s| !s.direct) {
        app.table
            .update(&share.key(), ShareRecord::mark_direct())
            .await?;
    }
    Ok(())
}

/// Shares a folder's documents with contacts through `folder`'s share (each new share names
/// the folder; one already there now names it too): how many shares are new.
pub async fn share_through_folder(
    app: &App,
    staff: &Staff,
    folder: &FolderRecord,
    documents: &[DocumentRecord],
    contacts: &[AccessRecord],
    download_limit: Option<i64>,
) -> Result<usize> {
    if documents.is_empty() || contacts.is_empty() {
        return Ok(0);
    }
    let how = ShareTerms {
        staff,
        message: None,
        download_limit,
        via_folder: Some((&folder.folder_id, &folder.name)),
    };
    let (newly_shared, existing) = write_missing_shares(app, &how, documents, contacts).await?;
    for share in existing
        .iter()
        .filter(|s| s.via_folder.as_deref() != Some(&folder.folder_id))
    {
        app.table
            .update(&share.key(), ShareRecord::mark_via(&folder.folder_id))
            .await?;
    }
    Ok(newly_shared.iter().map(Vec::len).sum())
}

/// What a folder share no longer gives a contact: the share goes when it was only through
/// `folder_id` (with its count, its messages' attachments marked removed, and a
/// `shareStopped` event saying `why`); a share also made directly stays.
pub async fn withdraw_through_folder(
    app: &App,
    staff: &Staff,
    share: &ShareRecord,
    folder_id: &str,
    why: &str,
) -> Result<()> {
    if share.via_folder.as_deref() != Some(folder_id) {
        return Ok(());
    }
    if !share.only_through(folder_id) {
        app.table
            .update(&share.key(), ShareRecord::unmark_via(folder_id))
            .await?;
        return Ok(());
    }
    if share.in_messages {
        conversations::mark_attachment_removed(
            app,
            &share.matter_id,
            &share.contact_id,
            &share.document_id,
        )
        .await?;
    }
    let mut transaction = app.table.transaction();
    let removed = super::unsharing::remove_share(&mut transaction, share)?;
    let event = Event::new(EventType::ShareStopped, staff.actor())
        .contact(&share.contact_id, &share.contact_name)
        .document(&share.document_id, &share.document.file_name)
        .detail(why);
    events::add(&mut transaction, &share.matter_id, event)?;
    tally::note(&mut transaction, &share.matter_id, Tally::NONE)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        // Gone already (a repeat, or a delete): nothing left to withdraw.
        Transacted::Cancelled(c) if c.failed_condition(removed) => Ok(()),
        Transacted::Cancelled(c) => Err(Error::upstream(
            "DynamoDB TransactWriteItems (folder share withdrawn)",
            c,
        )),
    }
}

/// A share's download limit: none, or 1 to [`MAX_DOWNLOAD_LIMIT`].
pub(crate) fn download_limit(limit: Option<i64>) -> Result<Option<i64>> {
    match limit {
        Some(n) if !(1..=MAX_DOWNLOAD_LIMIT).contains(&n) => Err(Error::validation(format!(
            "downloadLimit must be between 1 and {MAX_DOWNLOAD_LIMIT}"
        ))),
        limit => Ok(limit),
    }
}

/// Who shares, with what note (also kept in the events' detail), what limit, and through
/// which folder's share (its id and name), if any.
struct ShareTerms<'a> {
    staff: &'a Staff,
    message: Option<&'a str>,
    download_limit: Option<i64>,
    via_folder: Option<(&'a str, &'a str)>,
}

async fn shareable_documents(
    app: &App,
    matter: &MatterRecord,
    ids: &[String],
) -> Result<Vec<DocumentRecord>> {
    let document_keys: Vec<_> = ids.iter().map(|id| DocumentRecord::key_for(id)).collect();
    let found = app.table.batch_get(&document_keys).await?;
    let mut shareable = Vec::with_capacity(ids.len());
    for id in ids {
        let document = found
            .iter()
            .find(|d| &d.document_id == id && d.matter_id == matter.matter_id)
            .cloned()
            .ok_or_else(|| {
                Error::not_found(format!("document {id} in matter {}", matter.matter_id))
            })?;
        shareable.push(documents::ensure_available(app, document).await?);
    }
    Ok(shareable)
}

pub(crate) async fn active_contacts(
    app: &App,
    matter: &MatterRecord,
    ids: &[String],
) -> Result<Vec<AccessRecord>> {
    let access_keys: Vec<_> = ids
        .iter()
        .map(|id| AccessRecord::key_for(&matter.matter_id, id))
        .collect();
    let found = app.table.batch_get(&access_keys).await?;
    let now = clock::stamp(clock::now());
    ids.iter()
        .map(|id| {
            found
                .iter()
                .find(|a| &a.contact_id == id && a.is_active_at(&now))
                .cloned()
                .ok_or_else(|| {
                    Error::not_found(format!(
                        "contact {id} with access to matter {}",
                        matter.matter_id
                    ))
                })
        })
        .collect()
}

/// Writes every (document, contact) share that does not exist yet; returns, for each
/// contact in order, the documents newly shared with them, and the shares that were there.
async fn write_missing_shares(
    app: &App,
    how: &ShareTerms<'_>,
    documents: &[DocumentRecord],
    contacts: &[AccessRecord],
) -> Result<(Vec<Vec<DocumentRecord>>, Vec<ShareRecord>)> {
    let mut newly_shared = vec![Vec::new(); contacts.len()];
    for _ in 0..SHARE_ATTEMPTS {
        let share_keys: Vec<_> = contacts
            .iter()
            .flat_map(|c| {
                documents
                    .iter()
                    .map(|d| ShareRecord::key_for(&d.document_id, &c.contact_id))
            })
            .collect();
        let found: Vec<ShareRecord> = app.table.batch_get(&share_keys).await?;
        let existing: HashSet<(String, String)> = found
            .iter()
            .map(|s| (s.document_id.clone(), s.contact_id.clone()))
            .collect();
        let pieces = missing_pieces(documents, contacts, &existing);
        if pieces.is_empty() {
            return Ok((newly_shared, found));
        }
        let mut raced = false;
        for batch in pack(pieces) {
            if write_shares(app, how, &batch).await? {
                for piece in batch {
                    newly_shared[piece.index].extend(piece.documents.into_iter().cloned());
                }
            } else {
                raced = true;
            }
        }
        if !raced {
            return Ok((newly_shared, found));
        }
    }
    Err(Error::Conflict(
        "these documents were being shared by someone else at the same time; try again".into(),
    ))
}

/// The shares not written yet, one contact's at a time in pieces that each fit a
/// transaction.
fn missing_pieces<'a>(
    documents: &'a [DocumentRecord],
    contacts: &'a [AccessRecord],
    existing: &HashSet<(String, String)>,
) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    for (index, contact) in contacts.iter().enumerate() {
        let missing: Vec<&DocumentRecord> = documents
            .iter()
            .filter(|d| !existing.contains(&(d.document_id.clone(), contact.contact_id.clone())))
            .collect();
        for chunk in missing.chunks(SHARES_PER_TRANSACTION) {
            pieces.push(Piece {
                index,
                contact,
                documents: chunk.to_vec(),
            });
        }
    }
    pieces
}

/// Some of one contact's new shares (the contact is `contacts[index]`).
struct Piece<'a> {
    index: usize,
    contact: &'a AccessRecord,
    documents: Vec<&'a DocumentRecord>,
}

/// DynamoDB's limit on items in one transaction.
const TRANSACTION_ITEMS: usize = 100;
/// The matter's tally: one update in every share transaction.
const TALLY_ITEMS: usize = 1;

/// Whether `piece` may join `batch` in one transaction: a transaction touches each item once
/// (so one piece per contact, one check per document) and holds at most 100 items: a count
/// update per contact, a check per document, a put and an event per share, the matter's tally.
fn fits(batch: &[Piece<'_>], piece: &Piece<'_>) -> bool {
    if batch.iter().any(|p| p.index == piece.index) {
        return false;
    }
    let pieces = || batch.iter().chain(std::iter::once(piece));
    let documents: HashSet<&str> = pieces()
        .flat_map(|p| p.documents.iter().map(|d| d.document_id.as_str()))
        .collect();
    let shares: usize = pieces().map(|p| p.documents.len()).sum();
    // (the pieces, this one, the checks, the shares and their events, the tally)
    batch.len() + 1 + documents.len() + 2 * shares + TALLY_ITEMS <= TRANSACTION_ITEMS
}

/// Packs pieces, in order, into as few transactions as fit.
fn pack(pieces: Vec<Piece<'_>>) -> Vec<Vec<Piece<'_>>> {
    let mut batches: Vec<Vec<Piece<'_>>> = Vec::new();
    for piece in pieces {
        match batches.last_mut() {
            Some(batch) if fits(batch, &piece) => batch.push(piece),
            _ => batches.push(vec![piece]),
        }
    }
    batches
}

/// One transaction: each contact is still active, each document is still available, each
/// share is new, and each contact's count grows by exactly the number of their shares
/// written, each share with its event. False when a concurrent call wrote one of these shares
/// first.
async fn write_shares(app: &App, how: &ShareTerms<'_>, batch: &[Piece<'_>]) -> Result<bool> {
    let now = clock::stamp(clock::now());
    let mut transaction = app.table.transaction();
    let mut counts = Vec::with_capacity(batch.len());
    let mut checked: HashSet<&str> = HashSet::new();
    let mut document_checks = Vec::new();
    for piece in batch {
        let contact = piece.contact;
        let count = transaction.update(
            &contact.key(),
            AccessRecord::count_shares(piece.documents.len() as i64),
        )?;
        counts.push((count, contact));
        for document in &piece.documents {
            if checked.insert(document.document_id.as_str()) {
                document_checks.push(transaction.check(
                    &document.key(),
                    DocumentRecord::available_in(&contact.matter_id),
                )?);
            }
            let person = contact.contact();
            let mut share =
                ShareRecord::new(document, &person, &how.staff.id, &now, how.download_limit);
            if let Some((folder_id, _)) = how.via_folder {
                share = share.through_folder(folder_id);
            }
            transaction.put(&share, Some(Condition::absent()))?;
            let mut event = Event::new(EventType::DocumentShared, how.staff.actor())
                .contact(&contact.contact_id, &contact.name)
                .document(&document.document_id, &document.file_name)
                .notify(vec![person]);
            if let Some(message) = how.message {
                event = event.detail(message);
            } else if let Some((_, folder_name)) = how.via_folder {
                event = event.detail(format!("through the folder {folder_name}"));
            }
            events::add(&mut transaction, &contact.matter_id, event)?;
        }
    }
    if let Some(piece) = batch.first() {
        tally::note(&mut transaction, &piece.contact.matter_id, Tally::NONE)?;
    }
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(true),
        Transacted::Cancelled(cancelled) => {
            if let Some((_, contact)) = counts.iter().find(|(i, _)| cancelled.failed_condition(*i))
            {
                return Err(Error::Conflict(format!(
                    "contact {} lost access to the matter meanwhile",
                    contact.contact_id
                )));
            }
            if document_checks
                .iter()
                .any(|&i| cancelled.failed_condition(i))
            {
                return Err(Error::Conflict(
                    "a document was deleted from the matter meanwhile".into(),
                ));
            }
            if cancelled.any_failed_condition() {
                return Ok(false);
            }
            Err(Error::upstream(
                "DynamoDB TransactWriteItems (share)",
                cancelled,
            ))
        }
    }
}

/// The Sharing section: who has what, filtered, searched, sorted and paginated.
pub async fn list_shares(app: &App, matter_id: &str, query: &ListQuery) -> Result<Page<ShareView>> {
    let matter = matters::require(app, matter_id).await?;
    let shares = match &query.contact_id {
        Some(contact_id) => Shares::OfContactInMatter(contact_id, &matter.matter_id),
        None => Shares::InMatter(&matter.matter_id),
    };
    let page = listing::share_page(app, query, shares, |s| query.matches(s)).await?;
    Ok(page.map(ShareView::from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::{document, grant};

    #[test]
    fn a_download_limit_is_none_or_within_bounds() {
        assert_eq!(download_limit(None).expect("none"), None);
        assert_eq!(download_limit(Some(1)).expect("one"), Some(1));
        assert_eq!(
            download_limit(Some(MAX_DOWNLOAD_LIMIT)).expect("max"),
            Some(MAX_DOWNLOAD_LIMIT)
        );
        for bad in [0, -1, MAX_DOWNLOAD_LIMIT + 1] {
            assert_eq!(download_limit(Some(bad)).unwrap_err().status(), 400);
        }
    }

    #[test]
    fn only_missing_pairs_are_written_each_contact_in_pieces_that_fit() {
        let documents: Vec<DocumentRecord> =
            (0..40).map(|i| document(&format!("d{i}"), "m")).collect();
        let contacts = vec![grant("m", "a"), grant("m", "b")];
        let existing: HashSet<(String, String)> =
            [("d0".to_string(), "a".to_string())].into_iter().collect();
        let pieces = missing_pieces(&documents, &contacts, &existing);
        let per_contact = |i: usize| -> usize {
            pieces
                .iter()
                .filter(|p| p.index == i)
                .map(|p| p.documents.len())
                .sum()
        };
        assert_eq!((per_contact(0), per_contact(1)), (39, 40));
        assert!(pieces
            .iter()
            .all(|p| p.documents.len() <= SHARES_PER_TRANSACTION));
        assert!(pieces[0].documents.iter().all(|d| d.document_id != "d0"));
    }

    #[test]
    fn packed_transactions_stay_within_dynamodbs_limit_and_touch_each_item_once() {
        let documents: Vec<DocumentRecord> =
            (0..10).map(|i| document(&format!("d{i}"), "m")).collect();
        let contacts: Vec<AccessRecord> = (0..5).map(|i| grant("m", &format!("c{i}"))).collect();
        let batches = pack(missing_pieces(&documents, &contacts, &HashSet::new()));
        // 10 documents x 5 contacts: 5 counts + 10 checks + 50 shares + 50 events + the
        // matter's tally would be 116 items, so two transactions.
        assert_eq!(batches.len(), 2);
        for batch in &batches {
            let shares: usize = batch.iter().map(|p| p.documents.len()).sum();
            let documents: HashSet<&str> = batch
                .iter()
                .flat_map(|p| p.documents.iter().map(|d| d.document_id.as_str()))
                .collect();
            assert!(batch.len() + documents.len() + 2 * shares + TALLY_ITEMS <= TRANSACTION_ITEMS);
            let contacts: HashSet<usize> = batch.iter().map(|p| p.index).collect();
            assert_eq!(contacts.len(), batch.len(), "one piece per contact");
        }
    }
}
