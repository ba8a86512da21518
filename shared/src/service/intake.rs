//! The one document pipeline: intent -> object -> checks -> accepted or rejected.
//!
//! Every upload, a firm document or a contact's (and, next, a document's new version or a
//! message's attachment), is declared first: the declaration is checked and an intent
//! (`UploadRecord`) written with a presigned PUT to the key it names. When the object
//! arrives (the S3 trigger, or the first use of a pending firm document), [`settle`] checks
//! its size, type and leading bytes against the intent and then either [`accept`]s it, one
//! transaction that flips the intent and writes what its purpose makes of it with its event,
//! or [`reject`]s it, one transaction that records the reason (and the event) before the
//! bytes are deleted. This module is the one place that decides, and the one place that
//! writes the outcome.

use super::events::{self, Event};
use super::{completion, matters, tally, versions};
use crate::error::{Error, Result};
use crate::files::ObjectFacts;
use crate::records::upload::parse_object_key;
use crate::records::{
    attr, AccessRecord, Actor, Declaration, DocumentRecord, DocumentStatus, EventType, Person,
    ShareRecord, Tally, TaskRecord, UploadPurpose, UploadRecord, UploadStatus, VersionRecord,
};
use crate::scan::{self, Scanner, Verdict};
use crate::store::{Condition, Stored, Transacted};
use crate::{checksum, clock, content, validate, App, Config};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long an upload intent is kept (DynamoDB TTL): past its URL's life (at most 900 s)
/// by a day, long enough for repeated events and status reads.
const INTENT_LIFETIME: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

const UPLOADER_LOST_ACCESS: &str = "the uploader no longer has access to the matter";
const DOCUMENT_GONE: &str = "the document is no longer in the matter";
const ALREADY_REFUSED: &str = "this upload was already refused";

/// What an uploader (staff or contact) declares before sending the bytes.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UploadInput {
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    /// The file's SHA-256, base64: signed into the PUT, so S3 stores no other bytes.
    pub checksum_sha256: String,
    /// A contact's upload of the document their task asks for: its acceptance completes
    /// the task (`uploads` checks the task is theirs and open before declaring).
    #[serde(default)]
    pub task_id: Option<String>,
}

/// A declared upload: its id and the PUT signed over its type and length.
#[derive(Debug)]
pub struct Declared {
    pub upload_id: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub expires_at: String,
}

/// What the S3 trigger did with one object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "outcome", content = "detail")]
pub enum AttachOutcome {
    Attached,
    /// A repeated or concurrent event for an object that was already handled.
    AlreadyHandled,
    /// The object failed a check: it was deleted and the reason recorded.
    Rejected(String),
    /// Not an object this service expects; left as it is.
    Ignored(String),
    /// Checked, waiting for the malware scan's verdict (its event settles it).
    AwaitingScan,
}

/// What became of a pending intent once its object was looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// No object yet.
    StillUploading,
    Rejected(String),
    Accepted,
    /// Another delivery or request settled it first.
    AlreadyHandled,
    /// Its bytes are as declared; the malware scan has not given its verdict yet.
    AwaitingScan,
}

impl From<Settled> for AttachOutcome {
    fn from(settled: Settled) -> Self {
        match settled {
            Settled::StillUploading => Self::Ignored("the object is gone".into()),
            Settled::Rejected(reason) => Self::Rejected(reason),
            Settled::Accepted => Self::Attached,
            Settled::AlreadyHandled => Self::AlreadyHandled,
            Settled::AwaitingScan => Self::AwaitingScan,
        }
    }
}

/// A declaration's name, type and size, checked against the settings: a type on the
/// allow-list (else 415), a size within the limit (else 413), a file name that is safe to
/// show, given the extension its type expects.
pub fn check_declaration(config: &Config, input: UploadInput) -> Result<Declaration> {
    if input.task_id.is_some() {
        return Err(Error::validation(
            "taskId is only for a contact's upload of what their task asks for",
        ));
    }
    let content_type = validate::content_type(&input.content_type)?;
    content::ensure_allowed(&content_type, &config.allowed_content_types)?;
    let file_name =
        content::with_fitting_extension(&validate::file_name(&input.file_name)?, &content_type);
    let size = validate::upload_size(input.size, config.max_upload_bytes)?;
    let sha256 = checksum::declared("checksumSha256", &input.checksum_sha256)?;
    Ok(Declaration {
        file_name,
        content_type,
        size,
        sha256,
    })
}

/// Declares an upload into `matter_id` for `purpose`: the intent (and, for a firm document,
/// the pending document listed to staff at once) and the PUT of its bytes.
pub async fn declare(
    app: &App,
    matter_id: &str,
    purpose: UploadPurpose,
    uploader: Person,
    mut input: UploadInput,
) -> Result<Declared> {
    let task_id = match purpose {
        UploadPurpose::PortalUpload => input.task_id.take(),
        _ => None,
    };
    let declared = check_declaration(&app.config, input)?;
    let (mut intent, now) = new_intent(matter_id, purpose, uploader, declared);
    intent.task_id = task_id;
    // Signed first: if signing fails nothing is written.
    let put = presign(app, &intent).await?;
    match purpose {
        UploadPurpose::FirmDocument => {
            let pending = DocumentRecord::from_upload(
                &intent,
                intent.uploader.clone(),
                DocumentStatus::Pending,
                &intent.created_at,
            );
            let mut transaction = app.table.transaction();
            transaction.put(&intent, Some(Condition::absent()))?;
            transaction.put(&pending, Some(Condition::absent()))?;
            tally::note(&mut transaction, &intent.matter_id, Tally::documents(1))?;
            if let Transacted::Cancelled(c) = app.table.commit(transaction).await? {
                return Err(Error::upstream("DynamoDB TransactWriteItems (declare)", c));
            }
        }
        UploadPurpose::PortalUpload | UploadPurpose::NewVersion => {
            app.table.put(&intent, Some(Condition::absent())).await?;
        }
    }
    Ok(declared_answer(intent, put, now, app.config.upload_url_ttl))
}

/// Declares the next version of an available document of the matter (else 404). A version
/// keeps the document's name, so it must be of the document's type (else 415).
pub async fn declare_version(
    app: &App,
    matter_id: &str,
    document_id: &str,
    uploader: Person,
    input: UploadInput,
) -> Result<Declared> {
    let document = versions::available(app, matter_id, document_id).await?;
    let declared = check_declaration(&app.config, input)?;
    if declared.content_type != document.content_type {
        return Err(Error::UnsupportedType(format!(
            "a new version of {} must be {} like the document, not {}",
            document.file_name, document.content_type, declared.content_type
        )));
    }
    let declared = Declaration {
        file_name: document.file_name.clone(),
        ..declared
    };
    let (mut intent, now) = new_intent(matter_id, UploadPurpose::NewVersion, uploader, declared);
    intent.document_id = Some(document.document_id);
    let put = presign(app, &intent).await?;
    app.table.put(&intent, Some(Condition::absent())).await?;
    Ok(declared_answer(intent, put, now, app.config.upload_url_ttl))
}

fn new_intent(
    matter_id: &str,
    purpose: UploadPurpose,
    uploader: Person,
    declared: Declaration,
) -> (UploadRecord, time::OffsetDateTime) {
    let now = clock::now();
    let intent = UploadRecord::new(
        matter_id,
        purpose,
        uploader,
        declared,
        &clock::stamp(now),
        clock::epoch_seconds(now + INTENT_LIFETIME),
    );
    (intent, now)
}

/// The PUT of an intent's bytes, signed over its type, length and checksum.
async fn presign(app: &App, intent: &UploadRecord) -> Result<crate::files::PresignedPut> {
    app.files
        .presign_put(
            &intent.object_key(),
            &intent.content_type,
            intent.size,
            &intent.sha256,
            app.config.upload_url_ttl,
        )
        .await
}

fn declared_answer(
    intent: UploadRecord,
    put: crate::files::PresignedPut,
    now: time::OffsetDateTime,
    ttl: std::time::Duration,
) -> Declared {
    Declared {
        upload_id: intent.upload_id,
        url: put.url,
        headers: put.headers,
        expires_at: clock::stamp(now + ttl),
    }
}

/// The S3 trigger's handling of one ObjectCreated event for a decoded key. Errors are ones
/// worth a retry (DynamoDB, S3, SES).
pub async fn on_object(app: &App, key: &str) -> Result<AttachOutcome> {
    on_object_scanned(app, key, None).await
}

/// The malware scan's verdict on an object (GuardDuty's scan-result event): the same
/// handling as its ObjectCreated event, now with the verdict that lets it settle.
pub async fn on_scan_result(app: &App, result: &scan::ScanResult) -> Result<AttachOutcome> {
    if result.bucket != app.config.bucket_name {
        return Ok(AttachOutcome::Ignored(format!(
            "a scan of another bucket, {}",
            result.bucket
        )));
    }
    let verdict = scan::guardduty_verdict(&result.status);
    if verdict == Verdict::Awaiting {
        // A failed scan: an error, so that the event is retried (and at last kept, alarmed).
        return Err(Error::internal(format!(
            "malware scan of {} reported {}",
            result.key, result.status
        )));
    }
    on_object_scanned(app, &result.key, Some(verdict)).await
}

async fn on_object_scanned(
    app: &App,
    key: &str,
    verdict: Option<Verdict>,
) -> Result<AttachOutcome> {
    let Some((matter_id, upload_id)) = parse_object_key(key) else {
        // Only the service writes under matters/ (the trigger's prefix): what it did not
        // issue is not kept.
        if key.starts_with("matters/") {
            return discard(app, key, "not a key this service issues").await;
        }
        return Ok(AttachOutcome::Ignored(format!(
            "{key} is not a key this service issues"
        )));
    };
    let intent = app.table.get(&UploadRecord::key_for(&upload_id)).await?;
    let Some(intent) = intent.filter(|u| u.matter_id == matter_id) else {
        // Nobody was given a URL for this key: don't keep what we can't vouch for.
        return discard(app, key, "no upload intent for this object").await;
    };
    match intent.status {
        UploadStatus::Rejected => discard(app, key, ALREADY_REFUSED).await,
        // Accepted bytes cannot be replaced (the PUT is signed with If-None-Match: *), so an
        // event for an accepted upload is a repeat, or a URL used again after its document
        // left the matter: nothing may keep those bytes.
        UploadStatus::Attached => match available_document(app, &intent).await? {
            None => discard(app, key, DOCUMENT_GONE).await,
            Some(document) => {
                if intent.purpose == UploadPurpose::NewVersion {
                    // A repeat may come after a delivery that stopped before every share
                    // showed the version: the fan-out is safe to repeat.
                    versions::show_on_shares(app, &document).await?;
                }
                Ok(AttachOutcome::AlreadyHandled)
            }
        },
        UploadStatus::Pending => {
            let settled = settle_scanned(app, &intent, verdict).await?;
            if settled == Settled::AwaitingScan && intent.awaiting_scan_since.is_none() {
                note_awaiting_scan(app, &intent).await?;
            }
            Ok(settled.into())
        }
    }
}

/// Notes since when an upload waits for its malware verdict (while it is still pending), so
/// that the sweep looks for one that never came.
async fn note_awaiting_scan(app: &App, intent: &UploadRecord) -> Result<()> {
    let waiting = UploadRecord {
        awaiting_scan_since: Some(clock::stamp(clock::now())),
        ..intent.clone()
    };
    let still_pending = Condition::equals(attr::STATUS, UploadStatus::Pending);
    // Settled meanwhile (its verdict came first): nothing to note.
    app.table.put(&waiting, Some(still_pending)).await?;
    Ok(())
}

/// What one sweep did for uploads whose malware verdict had not come.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ScanRetries {
    /// Settled from the verdict GuardDuty left on the object (its event was lost).
    pub settled: usize,
    /// Still without a verdict: left pending (never attached unscanned), logged as an error.
    pub waiting: usize,
}

/// Uploads that have waited over `grace` for their verdict: the verdict tag GuardDuty writes
/// on the object settles each one whose event never arrived; one with no verdict stays
/// pending and is logged as an error (alarmed), to be looked at again by the next sweep.
pub async fn retry_scans(app: &App, grace: std::time::Duration) -> Result<ScanRetries> {
    let before = clock::stamp(clock::now() - grace);
    let awaiting = app
        .table
        .query_all(&UploadRecord::awaiting_scan_since(&before))
        .await?;
    let mut outcome = ScanRetries::default();
    for listed in awaiting {
        // The index lags the table: the upload as it stands now.
        let Some(intent) = app.table.get(&listed.key()).await? else {
            continue;
        };
        if intent.status != UploadStatus::Pending {
            continue;
        }
        let tag = app
            .files
            .tag(&intent.object_key(), scan::VERDICT_TAG)
            .await?;
        let verdict = tag
            .as_deref()
            .map_or(Verdict::Awaiting, scan::guardduty_verdict);
        if verdict == Verdict::Awaiting {
            tracing::error!(
                upload = %intent.upload_id,
                since = ?intent.awaiting_scan_since,
                status = ?tag,
                "no malware verdict yet; the upload stays pending"
            );
            outcome.waiting += 1;
            continue;
        }
        settle_scanned(app, &intent, Some(verdict)).await?;
        outcome.settled += 1;
    }
    Ok(outcome)
}

/// The document an accepted upload became (or is a version of), while it is in the matter.
async fn available_document(app: &App, intent: &UploadRecord) -> Result<Option<DocumentRecord>> {
    let document = app
        .table
        .get(&DocumentRecord::key_for(intent.document_id()))
        .await?;
    Ok(document.filter(|d| d.is_available()))
}

/// Checks a pending intent's object, then accepts or rejects it (with GuardDuty, only once
/// its verdict has come).
pub async fn settle(app: &App, intent: &UploadRecord) -> Result<Settled> {
    settle_scanned(app, intent, None).await
}

async fn settle_scanned(
    app: &App,
    intent: &UploadRecord,
    reported: Option<Verdict>,
) -> Result<Settled> {
    let Some(facts) = app.files.head(&intent.object_key()).await? else {
        return Ok(Settled::StillUploading);
    };
    if let Err(reason) = stored_as_declared(intent, &facts) {
        return reject(app, intent, &reason).await;
    }
    // Without GuardDuty's verdict nothing can settle: the bytes are read once, when it comes.
    if app.config.malware_scan == Scanner::GuardDuty && reported.is_none() {
        return Ok(Settled::AwaitingScan);
    }
    let head = app
        .files
        .read_prefix(&intent.object_key(), content::SNIFF_BYTES)
        .await?;
    if let Err(reason) = content_as_declared(&intent.content_type, &head) {
        return reject(app, intent, &reason).await;
    }
    // S3 refuses a body unlike the signed checksum; the bytes are hashed again here because
    // not every S3 (an emulator) keeps refused bytes out, and what is recorded must be true.
    let stored = app.files.sha256(&intent.object_key()).await?;
    if let Err(reason) = checksum_as_declared(&intent.sha256, &stored) {
        return reject(app, intent, &reason).await;
    }
    let verdict = match app.config.malware_scan {
        Scanner::StandIn => scan::stand_in_verdict(&head),
        Scanner::GuardDuty => reported.unwrap_or(Verdict::Awaiting),
    };
    match verdict {
        Verdict::Clean => accept(app, intent).await,
        Verdict::Infected => {
            // The firm hears of it: someone with access tried to hand it malware.
            let firm = matters::require(app, &intent.matter_id)
                .await?
                .firm_recipients();
            reject_telling(app, intent, scan::FAILED_SCAN, firm).await
        }
        Verdict::Unscannable => reject(app, intent, scan::UNSCANNABLE).await,
        Verdict::Awaiting => Ok(Settled::AwaitingScan),
    }
}

/// The object's size and stored type against the declaration.
pub fn stored_as_declared(
    intent: &UploadRecord,
    facts: &ObjectFacts,
) -> std::result::Result<(), String> {
    if facts.size != intent.size {
        return Err(format!(
            "size {} differs from the declared {}",
            facts.size, intent.size
        ));
    }
    let stored_type = facts.content_type.split(';').next().unwrap_or("").trim();
    if stored_type != intent.content_type {
        return Err(format!(
            "type {stored_type} differs from the declared {}",
            intent.content_type
        ));
    }
    Ok(())
}

/// The object's first bytes against its declared type.
pub fn content_as_declared(content_type: &str, head: &[u8]) -> std::result::Result<(), String> {
    if content::leading_bytes_match(content_type, head) {
        Ok(())
    } else {
        Err(format!("the file's content is not {content_type}"))
    }
}

/// The stored bytes' SHA-256 against the one the PUT was signed with.
pub fn checksum_as_declared(declared: &str, stored: &str) -> std::result::Result<(), String> {
    if declared == stored {
        Ok(())
    } else {
        Err("the file's SHA-256 differs from the one declared".into())
    }
}

/// One transaction: the intent flips to attached (once) and its purpose's records and
/// event are written.
async fn accept(app: &App, intent: &UploadRecord) -> Result<Settled> {
    match intent.purpose {
        UploadPurpose::FirmDocument => accept_firm_document(app, intent).await,
        UploadPurpose::PortalUpload => accept_portal_upload(app, intent).await,
        UploadPurpose::NewVersion => accept_new_version(app, intent).await,
    }
}

/// A concurrent version (or delete) cancels the accepting transaction; it is read again.
const VERSION_ATTEMPTS: usize = 5;

/// The document's next version: the version it replaces is kept (`VersionRecord`), the
/// document holds the new bytes' facts, and the `documentVersionAdded` event is written;
/// then every share of the document shows the new version (see `versions::show_on_shares`).
async fn accept_new_version(app: &App, intent: &UploadRecord) -> Result<Settled> {
    let by = &intent.uploader;
    for _ in 0..VERSION_ATTEMPTS {
        let document = app
            .table
            .get(&DocumentRecord::key_for(intent.document_id()))
            .await?
            .filter(|d| d.matter_id == intent.matter_id && d.is_available());
        let Some(document) = document else {
            return reject(app, intent, DOCUMENT_GONE).await;
        };
        let now = clock::stamp(clock::now());
        let next = document.with_new_version(
            intent.size,
            &intent.object_key(),
            intent.checksum(),
            by.clone(),
            &now,
        );
        let mut transaction = app.table.transaction();
        let flip = transaction.update(&intent.key(), UploadRecord::attach())?;
        transaction.put(
            &VersionRecord::current_of(&document),
            Some(Condition::absent()),
        )?;
        transaction.put(
            &next,
            Some(DocumentRecord::available_at_version(
                &intent.matter_id,
                document.version,
            )),
        )?;
        let event = Event::new(
            EventType::DocumentVersionAdded,
            Actor::staff(&by.id, &by.name),
        )
        .document(&next.document_id, &next.file_name)
        .version(next.version, next.sha256.as_deref());
        events::add(&mut transaction, &intent.matter_id, event)?;
        tally::note(&mut transaction, &intent.matter_id, Tally::NONE)?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => {
                versions::show_on_shares(app, &next).await?;
                return Ok(Settled::Accepted);
            }
            Transacted::Cancelled(c) if c.failed_condition(flip) => {
                return Ok(Settled::AlreadyHandled)
            }
            // Another version landed, or a delete began: read the document again.
            Transacted::Cancelled(c) if c.any_failed_condition() || c.conflicted() => continue,
            Transacted::Cancelled(c) => {
                return Err(Error::upstream(
                    "DynamoDB TransactWriteItems (new version)",
                    c,
                ))
            }
        }
    }
    Err(Error::Conflict(
        "the document kept changing while its new version was added".into(),
    ))
}

/// The pending document becomes available.
async fn accept_firm_document(app: &App, intent: &UploadRecord) -> Result<Settled> {
    let mut transaction = app.table.transaction();
    let flip = transaction.update(&intent.key(), UploadRecord::attach())?;
    let document = transaction.update(
        &DocumentRecord::key_for(&intent.upload_id),
        DocumentRecord::move_status(DocumentStatus::Pending, DocumentStatus::Available)
            .when(Condition::equals(attr::MATTER_ID, &intent.matter_id)),
    )?;
    tally::note(&mut transaction, &intent.matter_id, Tally::NONE)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(Settled::Accepted),
        Transacted::Cancelled(c) if c.failed_condition(flip) => Ok(Settled::AlreadyHandled),
        // Deleted (or being deleted) while its bytes were on their way.
        Transacted::Cancelled(c) if c.failed_condition(document) => {
            reject(app, intent, DOCUMENT_GONE).await
        }
        Transacted::Cancelled(c) => Err(Error::upstream("DynamoDB TransactWriteItems (accept)", c)),
    }
}

/// A Document (Portal) of the matter, shared back with the uploader (whose count grows by
/// one), and the `uploadAttached` event that puts it in the next digest of the owner and
/// each notify-list address.
async fn accept_portal_upload(app: &App, intent: &UploadRecord) -> Result<Settled> {
    let uploader = &intent.uploader;
    let access = app
        .table
        .get(&AccessRecord::key_for(&intent.matter_id, &uploader.id))
        .await?
        .filter(|a| a.is_active_at(&clock::stamp(clock::now())));
    let Some(access) = access else {
        return reject(app, intent, UPLOADER_LOST_ACCESS).await;
    };
    let matter = matters::require(app, &intent.matter_id).await?;
    let mut task = task_completed_by(app, intent).await?;
    // A task done meanwhile (by its Done) cancels the transaction: attached without it.
    loop {
        let now = clock::stamp(clock::now());
        let document = DocumentRecord::from_upload(
            intent,
            matter.owner.clone(),
            DocumentStatus::Available,
            &now,
        );
        let share = ShareRecord::new(&document, &access.contact(), &uploader.id, &now, None);
        let mut transaction = app.table.transaction();
        let flip = transaction.update(&intent.key(), UploadRecord::attach())?;
        transaction.put(&document, Some(Condition::absent()))?;
        transaction.put(&share, Some(Condition::absent()))?;
        let count = transaction.update(&access.key(), AccessRecord::count_shares(1))?;
        let event = Event::new(
            EventType::UploadAttached,
            Actor::contact(&uploader.id, &uploader.name),
        )
        .contact(&uploader.id, &uploader.name)
        .document(&document.document_id, &document.file_name)
        .version(1, document.sha256.as_deref())
        .notify(matter.firm_recipients());
        events::add(&mut transaction, &intent.matter_id, event)?;
        tally::note(&mut transaction, &intent.matter_id, Tally::documents(1))?;
        let completing = task
            .as_ref()
            .map(|t| {
                let made = (document.document_id.as_str(), document.file_name.as_str());
                completion::complete(&mut transaction, t, Some(made), matter.firm_recipients())
                    .map(|(open, _)| open)
            })
            .transpose()?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => return Ok(Settled::Accepted),
            Transacted::Cancelled(c) if c.failed_condition(flip) => {
                return Ok(Settled::AlreadyHandled)
            }
            Transacted::Cancelled(c) if c.failed_condition(count) => {
                return reject(app, intent, UPLOADER_LOST_ACCESS).await
            }
            Transacted::Cancelled(c) if completing.is_some_and(|i| c.failed_condition(i)) => {
                task = None;
            }
            Transacted::Cancelled(c) => {
                return Err(Error::upstream("DynamoDB TransactWriteItems (attach)", c))
            }
        }
    }
}

/// The uploader's open task this upload was declared for, if it still is.
async fn task_completed_by(app: &App, intent: &UploadRecord) -> Result<Option<TaskRecord>> {
    let Some(task_id) = &intent.task_id else {
        return Ok(None);
    };
    Ok(app
        .table
        .get(&TaskRecord::key_for(&intent.matter_id, task_id))
        .await?
        .filter(|t| t.is_open() && t.contact_id == intent.uploader.id))
}

/// Records the refusal (with its event, and on a firm document's listing), then deletes the
/// bytes. In this order a failure between the two is finished by the event's retry, which
/// finds the upload refused and discards the bytes; the other order left an upload pending
/// forever with no object for the retry to check.
async fn reject(app: &App, intent: &UploadRecord, reason: &str) -> Result<Settled> {
    reject_telling(app, intent, reason, Vec::new()).await
}

/// [`reject`], with the event naming `firm` to be told in their next digest.
async fn reject_telling(
    app: &App,
    intent: &UploadRecord,
    reason: &str,
    firm: Vec<Person>,
) -> Result<Settled> {
    tracing::warn!(upload = %intent.upload_id, reason, "upload rejected");
    // A firm document shows the reason in the documents list, unless it left pending
    // meanwhile (marked deleting): then the intent alone records it.
    let mut with_document = intent.purpose == UploadPurpose::FirmDocument;
    loop {
        let mut transaction = app.table.transaction();
        let flip = transaction.update(&intent.key(), UploadRecord::reject(reason))?;
        let document = if with_document {
            let change =
                DocumentRecord::move_status(DocumentStatus::Pending, DocumentStatus::Rejected)
                    .set(attr::REJECTION_REASON, reason);
            Some(transaction.update(&DocumentRecord::key_for(&intent.upload_id), change)?)
        } else {
            None
        };
        if let Some(event) = rejected_event(intent, reason, &firm) {
            events::add(&mut transaction, &intent.matter_id, event)?;
        }
        match app.table.commit(transaction).await? {
            Transacted::Committed => break,
            // Handled by a concurrent delivery, which deletes the bytes if it refused them
            // (and must keep them if it accepted them).
            Transacted::Cancelled(c) if c.failed_condition(flip) => {
                return Ok(Settled::AlreadyHandled)
            }
            Transacted::Cancelled(c) if document.is_some_and(|d| c.failed_condition(d)) => {
                with_document = false;
            }
            Transacted::Cancelled(c) => {
                return Err(Error::upstream("DynamoDB TransactWriteItems (reject)", c))
            }
        }
    }
    app.files.delete(&intent.object_key()).await?;
    Ok(Settled::Rejected(reason.to_string()))
}

/// The log's record of a refused upload: a contact's (about them), or a new version (about
/// its document). A firm document shows its refusal in the documents list instead, unless
/// someone is to be told (`firm`: a failed malware scan).
fn rejected_event(intent: &UploadRecord, reason: &str, firm: &[Person]) -> Option<Event> {
    let event = Event::new(EventType::UploadRejected, Actor::system())
        .document(intent.document_id(), &intent.file_name);
    let event = match intent.purpose {
        UploadPurpose::PortalUpload => {
            let uploader = &intent.uploader;
            event.contact(&uploader.id, &uploader.name).detail(reason)
        }
        UploadPurpose::NewVersion => event.detail(format!("new version: {reason}")),
        UploadPurpose::FirmDocument if firm.is_empty() => return None,
        UploadPurpose::FirmDocument => event.detail(reason),
    };
    Some(if firm.is_empty() {
        event
    } else {
        event.notify(firm.to_vec())
    })
}

/// Deletes an object nothing may keep (no intent, a deleted document, a refused upload put
/// again) and says why.
async fn discard(app: &App, key: &str, reason: &str) -> Result<AttachOutcome> {
    tracing::warn!(key, reason, "object deleted");
    app.files.delete(key).await?;
    Ok(AttachOutcome::Rejected(reason.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::person;

    fn intent(size: u64, content_type: &str) -> UploadRecord {
        let declared = Declaration {
            file_name: "a.pdf".into(),
            content_type: content_type.into(),
            size,
            sha256: checksum::sha256_base64(b""),
        };
        UploadRecord::new(
            "m",
            UploadPurpose::PortalUpload,
            person("c"),
            declared,
            "t",
            1,
        )
    }

    fn facts(size: u64, content_type: &str) -> ObjectFacts {
        ObjectFacts {
            size,
            content_type: content_type.into(),
        }
    }

    #[test]
    fn the_object_must_have_the_declared_size_and_type() {
        let declared = intent(10, "application/pdf");
        assert_eq!(
            stored_as_declared(&declared, &facts(10, "application/pdf")),
            Ok(())
        );
        assert_eq!(
            stored_as_declared(&declared, &facts(10, "application/pdf; charset=binary")),
            Ok(()),
            "parameters of the stored type are ignored"
        );
        assert_eq!(
            stored_as_declared(&declared, &facts(11, "application/pdf")),
            Err("size 11 differs from the declared 10".into())
        );
        assert_eq!(
            stored_as_declared(&declared, &facts(10, "text/html")),
            Err("type text/html differs from the declared application/pdf".into())
        );
    }

    #[test]
    fn the_first_bytes_must_be_of_the_declared_type() {
        assert_eq!(
            content_as_declared("application/pdf", b"%PDF-1.7\n"),
            Ok(())
        );
        assert_eq!(
            content_as_declared("application/pdf", b"<html>"),
            Err("the file's content is not application/pdf".into())
        );
    }

    #[test]
    fn the_stored_bytes_must_have_the_declared_checksum() {
        let declared = checksum::sha256_base64(b"%PDF-1.7");
        assert_eq!(checksum_as_declared(&declared, &declared), Ok(()));
        assert_eq!(
            checksum_as_declared(&declared, &checksum::sha256_base64(b"%PDF-1.6")),
            Err("the file's SHA-256 differs from the one declared".into())
        );
    }

    #[test]
    fn declarations_are_checked_against_the_settings() {
        let config = Config::from_lookup(|k| match k {
            "TABLE_NAME" | "BUCKET_NAME" => Some("x".into()),
            "SENDER_EMAIL" => Some("portal@firm.example".into()),
            "PORTAL_URL" => Some("https://portal.firm.example".into()),
            "MAX_UPLOAD_BYTES" => Some("100".into()),
            _ => None,
        })
        .expect("config");
        let input = |name: &str, content_type: &str, size| UploadInput {
            file_name: name.into(),
            content_type: content_type.into(),
            size,
            checksum_sha256: checksum::sha256_base64(b"x"),
            task_id: None,
        };
        let ok = check_declaration(&config, input("Will", "application/pdf", 100)).expect("ok");
        assert_eq!(ok.file_name, "Will.pdf", "the type's extension is added");
        let status = |i| check_declaration(&config, i).unwrap_err().status();
        assert_eq!(status(input("a.pdf", "application/pdf", 101)), 413);
        assert_eq!(status(input("a.exe", "application/x-msdownload", 1)), 415);
        assert_eq!(status(input("", "application/pdf", 1)), 400);
        let mut unsigned = input("a.pdf", "application/pdf", 1);
        unsigned.checksum_sha256 = "not a digest".into();
        assert_eq!(status(unsigned), 400);
        let mut for_a_task = input("a.pdf", "application/pdf", 1);
        for_a_task.task_id = Some("t1".into());
        assert_eq!(
            status(for_a_task),
            400,
            "a firm document or version completes no task"
        );
    }

    #[test]
    fn what_the_trigger_reports_for_each_settlement() {
        assert_eq!(
            AttachOutcome::from(Settled::Accepted),
            AttachOutcome::Attached
        );
        assert_eq!(
            AttachOutcome::from(Settled::StillUploading),
            AttachOutcome::Ignored("the object is gone".into())
        );
        assert_eq!(
            AttachOutcome::from(Settled::Rejected("r".into())),
            AttachOutcome::Rejected("r".into())
        );
    }
}
