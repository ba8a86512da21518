//! Contacts' uploads and the S3 trigger that attaches every new object to its matter.

use super::documents::{new_document_id, UploadInput};
use super::sessions::Contact;
use super::sharing::share_record;
use super::{item_key, status_value, values};
use crate::error::{Error, Result};
use crate::keys::{self, ObjectRef};
use crate::model::{
    AccessRecord, DocumentRecord, DocumentStatus, MatterRecord, Origin, Person, UploadRecord,
    UploadStatus,
};
use crate::store::{conditional, put_in_transaction, s, Condition};
use crate::{clock, content, email, validate, App};
use aws_sdk_dynamodb::types::{TransactWriteItem, Update};
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

/// What the trigger did with one object.
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
}

/// The checks an uploaded object must pass against what was declared for it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Missing,
    Rejected(String),
    Accepted,
}

impl App {
    /// A presigned PUT for a contact with active access to the matter, and the intent the
    /// trigger will hold the object to.
    pub async fn request_upload(
        &self,
        contact: &Contact,
        matter_id: &str,
        input: UploadInput,
    ) -> Result<UploadIntentView> {
        let matter_id = validate::id("matterId", matter_id)?;
        self.access(&matter_id, &contact.id)
            .await?
            .filter(AccessRecord::is_active)
            .ok_or_else(|| Error::not_found(format!("matter {matter_id}")))?;
        let file_name = validate::file_name(&input.file_name)?;
        let content_type = self.allowed_type(&input.content_type)?;
        let size = validate::upload_size(input.size, self.config.max_upload_bytes)?;
        let upload_id = new_document_id();
        let object_key = keys::upload_object_key(&matter_id, &upload_id);
        let put = self
            .files
            .presign_put(&object_key, &content_type, size, self.config.upload_url_ttl)
            .await?;
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
            file_name,
            content_type,
            size,
            object_key,
            status: UploadStatus::Pending,
            created_at: clock::stamp(clock::now()),
            rejection_reason: None,
            notified_at: None,
        };
        self.table
            .put(&record, Some(Condition::new("attribute_not_exists(pk)")))
            .await?;
        Ok(UploadIntentView {
            upload_id,
            url: put.url,
            method: "PUT",
            headers: put.headers,
            expires_at: clock::stamp(clock::now() + self.config.upload_url_ttl),
        })
    }

    /// A declared type, normalised and on the allow-list (else 415).
    pub(crate) fn allowed_type(&self, declared: &str) -> Result<String> {
        let content_type = validate::content_type(declared)?;
        content::ensure_allowed(&content_type, &self.config.allowed_content_types)?;
        Ok(content_type)
    }

    /// Size, type and leading bytes of the object against what was declared.
    pub(crate) async fn verify_object(
        &self,
        key: &str,
        size: u64,
        content_type: &str,
    ) -> Result<Verdict> {
        let Some(facts) = self.files.head(key).await? else {
            return Ok(Verdict::Missing);
        };
        if facts.size != size {
            return Ok(Verdict::Rejected(format!(
                "size {} differs from the declared {size}",
                facts.size
            )));
        }
        let stored_type = facts
            .content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if stored_type != content_type {
            return Ok(Verdict::Rejected(format!(
                "type {stored_type} differs from the declared {content_type}"
            )));
        }
        let head = self.files.read_prefix(key, content::SNIFF_BYTES).await?;
        if !content::leading_bytes_match(content_type, &head) {
            return Ok(Verdict::Rejected(format!(
                "the file's content is not {content_type}"
            )));
        }
        Ok(Verdict::Accepted)
    }

    /// Handles one ObjectCreated event. Errors are ones worth a retry (DynamoDB, S3, SES).
    pub async fn attach_object(&self, key: &str) -> Result<AttachOutcome> {
        match keys::parse_object_key(key) {
            None => Ok(AttachOutcome::Ignored(format!(
                "{key} is not a key this service issues"
            ))),
            Some(ObjectRef::FirmDocument {
                matter_id,
                document_id,
            }) => self.attach_firm_document(&matter_id, &document_id).await,
            Some(ObjectRef::PortalUpload {
                matter_id,
                upload_id,
            }) => self.attach_portal_upload(&matter_id, &upload_id).await,
        }
    }

    async fn attach_firm_document(
        &self,
        matter_id: &str,
        document_id: &str,
    ) -> Result<AttachOutcome> {
        let document: Option<DocumentRecord> = self
            .table
            .get(keys::document(document_id), keys::DOCUMENT)
            .await?;
        let Some(document) = document.filter(|d| d.matter_id == matter_id) else {
            return Ok(AttachOutcome::Ignored(
                "no such document (deleted meanwhile?)".into(),
            ));
        };
        if document.status != DocumentStatus::Pending {
            return Ok(AttachOutcome::AlreadyHandled);
        }
        match self
            .verify_object(&document.object_key, document.size, &document.content_type)
            .await?
        {
            Verdict::Missing => Ok(AttachOutcome::Ignored("the object is gone".into())),
            Verdict::Rejected(reason) => {
                self.reject_document(&document, &reason).await?;
                Ok(AttachOutcome::Rejected(reason))
            }
            Verdict::Accepted => {
                if self.mark_available(&document).await? {
                    Ok(AttachOutcome::Attached)
                } else {
                    Ok(AttachOutcome::AlreadyHandled)
                }
            }
        }
    }

    /// pending -> available; false when someone else moved it first.
    pub(crate) async fn mark_available(&self, document: &DocumentRecord) -> Result<bool> {
        self.move_document_status(document, "available", None).await
    }

    /// Deletes the object and records why, so the firm sees it in the documents list.
    pub(crate) async fn reject_document(
        &self,
        document: &DocumentRecord,
        reason: &str,
    ) -> Result<()> {
        tracing::warn!(document = %document.document_id, reason, "upload rejected");
        self.files.delete(&document.object_key).await?;
        self.move_document_status(document, "rejected", Some(reason))
            .await?;
        Ok(())
    }

    async fn move_document_status(
        &self,
        document: &DocumentRecord,
        to: &str,
        reason: Option<&str>,
    ) -> Result<bool> {
        let mut update = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .set_key(Some(item_key(document.pk.clone(), document.sk.clone())))
            .condition_expression("#status = :pending")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":pending", status_value("pending"))
            .expression_attribute_values(":to", status_value(to));
        update = match reason {
            Some(reason) => update
                .update_expression("SET #status = :to, rejectionReason = :reason")
                .expression_attribute_values(":reason", s(reason)),
            None => update.update_expression("SET #status = :to"),
        };
        Ok(conditional(update.send().await)?.is_some())
    }

    async fn attach_portal_upload(
        &self,
        matter_id: &str,
        upload_id: &str,
    ) -> Result<AttachOutcome> {
        let intent: Option<UploadRecord> = self
            .table
            .get(keys::upload(upload_id), keys::UPLOAD)
            .await?;
        let Some(intent) = intent.filter(|u| u.matter_id == matter_id) else {
            // No intent: nobody was given a URL for this key. Don't keep what we can't vouch for.
            let key = keys::upload_object_key(matter_id, upload_id);
            tracing::warn!(key, "object without an upload intent deleted");
            self.files.delete(&key).await?;
            return Ok(AttachOutcome::Rejected(
                "no upload intent for this object".into(),
            ));
        };
        match intent.status {
            UploadStatus::Rejected => return Ok(AttachOutcome::AlreadyHandled),
            UploadStatus::Attached => {
                self.notify_upload_once(&intent).await?;
                return Ok(AttachOutcome::AlreadyHandled);
            }
            UploadStatus::Pending => {}
        }
        match self
            .verify_object(&intent.object_key, intent.size, &intent.content_type)
            .await?
        {
            Verdict::Missing => return Ok(AttachOutcome::Ignored("the object is gone".into())),
            Verdict::Rejected(reason) => return self.reject_upload(&intent, reason).await,
            Verdict::Accepted => {}
        }
        let access = self
            .access(matter_id, &intent.uploader.id)
            .await?
            .filter(AccessRecord::is_active);
        let Some(access) = access else {
            return self
                .reject_upload(
                    &intent,
                    "the uploader no longer has access to the matter".into(),
                )
                .await;
        };
        let matter = self.require_matter(matter_id).await?;
        match self.record_upload(&intent, &matter, &access).await? {
            RecordOutcome::Recorded => {
                self.notify_upload_once(&intent).await?;
                Ok(AttachOutcome::Attached)
            }
            RecordOutcome::AlreadyRecorded => {
                self.notify_upload_once(&intent).await?;
                Ok(AttachOutcome::AlreadyHandled)
            }
            RecordOutcome::AccessRevoked => {
                self.reject_upload(
                    &intent,
                    "the uploader no longer has access to the matter".into(),
                )
                .await
            }
        }
    }

    /// One transaction: the intent flips to attached (once), the document and the share back
    /// to the uploader are created, and the uploader's count grows by one.
    async fn record_upload(
        &self,
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
        let share = share_record(
            &document,
            &access.contact_id,
            &access.name,
            &intent.uploader.id,
            &now,
        );
        let flip = Update::builder()
            .table_name(self.table.name())
            .set_key(Some(item_key(intent.pk.clone(), intent.sk.clone())))
            .update_expression("SET #status = :attached")
            .condition_expression("#status = :pending")
            .expression_attribute_names("#status", "status")
            .set_expression_attribute_values(Some(values([
                (":attached", status_value("attached")),
                (":pending", status_value("pending")),
            ])))
            .build()?;
        let items = vec![
            TransactWriteItem::builder().update(flip).build(),
            put_in_transaction(
                self.table.name(),
                &document,
                Some(Condition::new("attribute_not_exists(pk)")),
            )?,
            put_in_transaction(
                self.table.name(),
                &share,
                Some(Condition::new("attribute_not_exists(pk)")),
            )?,
            self.shared_count_update(&intent.matter_id, &intent.uploader.id, 1, true)?,
        ];
        match self.table.transact(items).await? {
            Ok(()) => Ok(RecordOutcome::Recorded),
            Err(cancelled) if cancelled.failed_condition(0) => Ok(RecordOutcome::AlreadyRecorded),
            Err(cancelled) if cancelled.failed_condition(3) => Ok(RecordOutcome::AccessRevoked),
            Err(cancelled) => Err(Error::Upstream(format!(
                "attach transaction cancelled: {:?}",
                cancelled.0
            ))),
        }
    }

    async fn reject_upload(&self, intent: &UploadRecord, reason: String) -> Result<AttachOutcome> {
        tracing::warn!(upload = %intent.upload_id, reason = %reason, "upload rejected");
        self.files.delete(&intent.object_key).await?;
        let result = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .set_key(Some(item_key(intent.pk.clone(), intent.sk.clone())))
            .update_expression("SET #status = :rejected, rejectionReason = :reason")
            .condition_expression("#status = :pending")
            .expression_attribute_names("#status", "status")
            .set_expression_attribute_values(Some(values([
                (":rejected", status_value("rejected")),
                (":pending", status_value("pending")),
                (":reason", s(&reason)),
            ])))
            .send()
            .await;
        Ok(match conditional(result)? {
            Some(_) => AttachOutcome::Rejected(reason),
            None => AttachOutcome::AlreadyHandled,
        })
    }

    /// Emails the owner and notify list exactly once per upload: whoever claims `notifiedAt`
    /// sends; a failed send releases the claim and errors, so Lambda's retry sends it.
    async fn notify_upload_once(&self, intent: &UploadRecord) -> Result<()> {
        let claimed = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .set_key(Some(item_key(intent.pk.clone(), intent.sk.clone())))
            .update_expression("SET notifiedAt = :now")
            .condition_expression("#status = :attached AND attribute_not_exists(notifiedAt)")
            .expression_attribute_names("#status", "status")
            .set_expression_attribute_values(Some(values([
                (":attached", status_value("attached")),
                (":now", s(clock::stamp(clock::now()))),
            ])))
            .send()
            .await;
        if conditional(claimed)?.is_none() {
            return Ok(());
        }
        let matter = self.require_matter(&intent.matter_id).await?;
        let mut recipients: Vec<String> = Vec::new();
        for person in std::iter::once(&matter.owner).chain(matter.notify.iter()) {
            if !recipients
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&person.email))
            {
                recipients.push(person.email.clone());
            }
        }
        let message = email::upload_received(
            &self.config.firm_name,
            &matter.title,
            &intent.uploader.name,
            &intent.file_name,
            recipients,
        );
        if let Err(err) = self.mailer.send(message).await {
            let release = self
                .table
                .client()
                .update_item()
                .table_name(self.table.name())
                .set_key(Some(item_key(intent.pk.clone(), intent.sk.clone())))
                .update_expression("REMOVE notifiedAt")
                .send()
                .await;
            if let Err(release_err) = release {
                tracing::error!(error = %Error::aws(release_err), "could not release the notification claim");
            }
            return Err(err);
        }
        Ok(())
    }
}

enum RecordOutcome {
    Recorded,
    AlreadyRecorded,
    AccessRevoked,
}

/// S3 event keys are form-encoded: '+' is a space and %XX a byte of UTF-8.
pub fn decode_event_key(raw: &str) -> Result<String> {
    let spaced = raw.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map(|k| k.into_owned())
        .map_err(|_| Error::validation(format!("object key {raw} is not UTF-8")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_keys_decode_plus_percent_and_unicode() {
        assert_eq!(
            decode_event_key("matters/m1/uploads/u1").expect("plain"),
            "matters/m1/uploads/u1"
        );
        assert_eq!(decode_event_key("a+b%2Bc").expect("plus"), "a b+c");
        assert_eq!(
            decode_event_key("caf%C3%A9+%E2%82%AC.pdf").expect("unicode"),
            "café €.pdf"
        );
        assert_eq!(decode_event_key("100%25").expect("percent"), "100%");
        assert!(decode_event_key("%FF%FE").is_err());
    }
}
