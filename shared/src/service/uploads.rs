//! Contacts' uploads: the intent and its presigned PUT, and the S3 trigger's handling of
//! every new object (checked, attached to its matter, shared back, the firm told once).

use super::documents;
use super::events::{self, Event};
use super::objects::{self, AttachOutcome, UploadInput, Verdict};
use super::sessions::Contact;
use super::{matters, sharing};
use crate::error::{Error, Result};
use crate::keys::{self, attr, ObjectRef, Record};
use crate::model::{
    AccessRecord, DocumentRecord, DocumentStatus, EventType, MatterRecord, Origin, Person,
    UploadRecord, UploadStatus,
};
use crate::store::{Change, Condition, Transacted};
use crate::{clock, validate, App};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadIntentView {
    pub upload_id: String,
    pub url: String,
    pub method: &'static str,
    pub headers: BTreeMap<String, String>,
    pub expires_at: String,
}

/// A presigned PUT for a contact with active access to the matter, and the intent the
/// trigger will hold the object to.
pub async fn request_upload(
    app: &App,
    contact: &Contact,
    matter_id: &str,
    input: UploadInput,
) -> Result<UploadIntentView> {
    let matter_id = validate::id("matterId", matter_id)?;
    contact
        .grant_on(&matter_id)
        .ok_or_else(|| Error::not_found(format!("matter {matter_id}")))?;
    let upload_id = keys::new_id();
    let object_key = keys::upload_object_key(&matter_id, &upload_id);
    let declared = objects::declare(app, input, &object_key).await?;
    let record = UploadRecord {
        pk: keys::upload(&upload_id),
        sk: keys::UPLOAD.into(),
        upload_id: upload_id.clone(),
        matter_id,
        uploader: Person {
            id: contact.id.clone(),
            email: contact.email.clone(),
            name: contact.name.clone(),
        },
        file_name: declared.file_name,
        content_type: declared.content_type,
        size: declared.size,
        object_key,
        status: UploadStatus::Pending,
        created_at: clock::stamp(clock::now()),
        rejection_reason: None,
        expires_at_epoch: Some(clock::epoch_seconds(clock::now() + INTENT_LIFETIME)),
    };
    app.table.put(&record, Some(Condition::absent())).await?;
    Ok(UploadIntentView {
        upload_id,
        url: declared.put.url,
        method: "PUT",
        headers: declared.put.headers,
        expires_at: declared.expires_at,
    })
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadStatusView {
    pub upload_id: String,
    pub status: UploadStatus,
    pub rejection_reason: Option<String>,
    /// The document it became, once attached (the upload id is kept as the document id).
    pub document_id: Option<String>,
}

/// Where the contact's own upload stands: still pending, attached, or rejected and why.
/// Anyone else's upload, or one on another matter, is not found.
pub async fn upload_status(
    app: &App,
    contact: &Contact,
    matter_id: &str,
    upload_id: &str,
) -> Result<UploadStatusView> {
    let matter_id = validate::id("matterId", matter_id)?;
    let upload_id = validate::id("uploadId", upload_id)?;
    let not_found = || Error::not_found(format!("upload {upload_id}"));
    contact.grant_on(&matter_id).ok_or_else(not_found)?;
    let intent = app
        .table
        .get(&keys::upload_key(&upload_id))
        .await?
        .filter(|u| u.matter_id == matter_id && u.uploader.id == contact.id)
        .ok_or_else(not_found)?;
    Ok(UploadStatusView {
        document_id: (intent.status == UploadStatus::Attached).then(|| intent.upload_id.clone()),
        upload_id: intent.upload_id,
        status: intent.status,
        rejection_reason: intent.rejection_reason,
    })
}

/// Handles one ObjectCreated event for a decoded key. Errors are ones worth a retry
/// (DynamoDB, S3, SES).
pub async fn attach_object(app: &App, key: &str) -> Result<AttachOutcome> {
    match keys::parse_object_key(key) {
        // Only the service writes under matters/ (the trigger's prefix): what it did not
        // issue is not kept.
        None if key.starts_with("matters/") => {
            objects::discard(app, key, "not a key this service issues").await
        }
        None => Ok(AttachOutcome::Ignored(format!(
            "{key} is not a key this service issues"
        ))),
        Some(ObjectRef::FirmDocument {
            matter_id,
            document_id,
        }) => documents::attach_firm_document(app, &matter_id, &document_id).await,
        Some(ObjectRef::PortalUpload {
            matter_id,
            upload_id,
        }) => attach_portal_upload(app, &matter_id, &upload_id).await,
    }
}

/// How long an upload intent is kept (DynamoDB TTL).
const INTENT_LIFETIME: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

const UPLOADER_LOST_ACCESS: &str = "the uploader no longer has access to the matter";

async fn attach_portal_upload(
    app: &App,
    matter_id: &str,
    upload_id: &str,
) -> Result<AttachOutcome> {
    let intent = app.table.get(&keys::upload_key(upload_id)).await?;
    let Some(intent) = intent.filter(|u| u.matter_id == matter_id) else {
        // No intent: nobody was given a URL for this key. Don't keep what we can't vouch for.
        let key = keys::upload_object_key(matter_id, upload_id);
        tracing::warn!(key, "object without an upload intent deleted");
        app.files.delete(&key).await?;
        return Ok(AttachOutcome::Rejected(
            "no upload intent for this object".into(),
        ));
    };
    match intent.status {
        UploadStatus::Rejected => {
            return objects::discard(app, &intent.object_key, "this upload was already refused")
                .await
        }
        UploadStatus::Attached if !document_kept(app, &intent).await? => {
            return objects::discard(
                app,
                &intent.object_key,
                "the document is no longer in the matter",
            )
            .await
        }
        UploadStatus::Attached => return Ok(AttachOutcome::AlreadyHandled),
        UploadStatus::Pending => {}
    }
    match objects::verify(app, &intent.object_key, intent.size, &intent.content_type).await? {
        Verdict::Missing => return Ok(AttachOutcome::Ignored("the object is gone".into())),
        Verdict::Rejected(reason) => return reject_upload(app, &intent, reason).await,
        Verdict::Accepted => {}
    }
    let access = app
        .table
        .get(&keys::access_key(matter_id, &intent.uploader.id))
        .await?
        .filter(|a| a.is_active_at(&clock::stamp(clock::now())));
    let Some(access) = access else {
        return reject_upload(app, &intent, UPLOADER_LOST_ACCESS.into()).await;
    };
    let matter = matters::require(app, matter_id).await?;
    match record_upload(app, &intent, &matter, &access).await? {
        RecordOutcome::Recorded => Ok(AttachOutcome::Attached),
        RecordOutcome::AlreadyRecorded => Ok(AttachOutcome::AlreadyHandled),
        RecordOutcome::AccessRevoked => {
            reject_upload(app, &intent, UPLOADER_LOST_ACCESS.into()).await
        }
    }
}

/// Whether the document an attached upload became is still in the matter.
async fn document_kept(app: &App, intent: &UploadRecord) -> Result<bool> {
    let document = app
        .table
        .get(&keys::document_key(&intent.upload_id))
        .await?;
    Ok(document.is_some_and(|d| d.status == DocumentStatus::Available))
}

enum RecordOutcome {
    Recorded,
    AlreadyRecorded,
    AccessRevoked,
}

/// One transaction: the intent flips to attached (once), the document and the share back
/// to the uploader are created, the uploader's count grows by one, and the `uploadAttached`
/// event (the owner's and the notify list's next digest) is written.
async fn record_upload(
    app: &App,
    intent: &UploadRecord,
    matter: &MatterRecord,
    access: &AccessRecord,
) -> Result<RecordOutcome> {
    let now = clock::stamp(clock::now());
    let document = DocumentRecord {
        pk: keys::document(&intent.upload_id),
        sk: keys::DOCUMENT.into(),
        gsi2pk: keys::matter(&intent.matter_id),
        gsi2sk: keys::document_in_matter(&now, &intent.upload_id),
        document_id: intent.upload_id.clone(),
        matter_id: intent.matter_id.clone(),
        file_name: intent.file_name.clone(),
        content_type: intent.content_type.clone(),
        size: intent.size,
        status: DocumentStatus::Available,
        origin: Origin::Portal,
        // As in the product this mirrors: the matter owner is the author of portal uploads.
        author: matter.owner.clone(),
        uploaded_by: Some(intent.uploader.clone()),
        object_key: intent.object_key.clone(),
        created_at: now.clone(),
        activity_at: now.clone(),
        rejection_reason: None,
    };
    let share = sharing::share_record(
        &document,
        &access.contact_id,
        &access.name,
        &intent.uploader.id,
        &now,
        None,
    );
    let mut transaction = app.table.transaction();
    let flip = transaction.update(
        &intent.key(),
        Change::new()
            .set(attr::STATUS, UploadStatus::Attached)
            .when(Condition::equals(attr::STATUS, UploadStatus::Pending)),
    )?;
    transaction.put(&document, Some(Condition::absent()))?;
    transaction.put(&share, Some(Condition::absent()))?;
    let count = sharing::add_to_count(&mut transaction, &intent.matter_id, &intent.uploader.id, 1)?;
    let uploader = &intent.uploader;
    let event = Event::new(
        EventType::UploadAttached,
        events::contact_actor(&uploader.id, &uploader.name),
    )
    .contact(&uploader.id, &uploader.name)
    .document(&document.document_id, &document.file_name)
    .notify(firm_recipients(matter));
    events::add(&mut transaction, &intent.matter_id, event)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(RecordOutcome::Recorded),
        Transacted::Cancelled(c) if c.failed_condition(flip) => Ok(RecordOutcome::AlreadyRecorded),
        Transacted::Cancelled(c) if c.failed_condition(count) => Ok(RecordOutcome::AccessRevoked),
        Transacted::Cancelled(c) => Err(Error::upstream("DynamoDB TransactWriteItems (attach)", c)),
    }
}

/// Records the refusal, then deletes the bytes. In this order a failure between the two is
/// finished by the event's retry, which finds the upload refused and discards the bytes; the
/// other order left an upload pending forever with no object for the retry to check.
async fn reject_upload(app: &App, intent: &UploadRecord, reason: String) -> Result<AttachOutcome> {
    tracing::warn!(upload = %intent.upload_id, reason = %reason, "upload rejected");
    let change = Change::new()
        .set(attr::STATUS, UploadStatus::Rejected)
        .set(attr::REJECTION_REASON, reason.as_str())
        .when(Condition::equals(attr::STATUS, UploadStatus::Pending));
    let uploader = &intent.uploader;
    let event = Event::new(EventType::UploadRejected, events::system_actor())
        .contact(&uploader.id, &uploader.name)
        .document(&intent.upload_id, &intent.file_name)
        .detail(reason.as_str());
    let mut transaction = app.table.transaction();
    let flip = transaction.update(&intent.key(), change)?;
    events::add(&mut transaction, &intent.matter_id, event)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => {}
        // Handled by a concurrent delivery, which deletes the bytes if it refused them (and
        // must keep them if it attached them).
        Transacted::Cancelled(c) if c.failed_condition(flip) => {
            return Ok(AttachOutcome::AlreadyHandled)
        }
        Transacted::Cancelled(c) => {
            return Err(Error::upstream("DynamoDB TransactWriteItems (reject)", c))
        }
    }
    app.files.delete(&intent.object_key).await?;
    Ok(AttachOutcome::Rejected(reason))
}

/// The matter's owner and notify list, each address once: who hears of a portal upload.
fn firm_recipients(matter: &MatterRecord) -> Vec<Person> {
    let mut recipients: Vec<Person> = Vec::new();
    for person in std::iter::once(&matter.owner).chain(matter.notify.iter()) {
        if !recipients
            .iter()
            .any(|r| r.email.eq_ignore_ascii_case(&person.email))
        {
            recipients.push(person.clone());
        }
    }
    recipients
}
