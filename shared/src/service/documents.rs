//! Matter documents: registering a firm upload, checking its object arrived, listing, deleting.

use super::uploads::Verdict;
use super::{item_key, status_value, values};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::model::{DocumentRecord, DocumentStatus, Origin, Person, ShareRecord};
use crate::pagination::{decode_key, encode_key, Page};
use crate::store::{conditional, Condition, QuerySpec};
use crate::{clock, keys, validate, App};
use aws_sdk_dynamodb::types::{Delete, TransactWriteItem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Shares removed per transaction when a document is deleted (two items each, 100 max).
const SWEEP_CHUNK: usize = 50;
/// A concurrent stop-share can cancel a sweep transaction; it is re-read and retried.
const SWEEP_ATTEMPTS: usize = 5;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UploadInput {
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
}

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

pub(crate) fn new_document_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

impl App {
    /// Records a pending firm document and returns the presigned PUT for its bytes.
    pub async fn register_firm_document(
        &self,
        staff: &Staff,
        matter_id: &str,
        input: UploadInput,
    ) -> Result<UploadView> {
        let matter = self.require_matter(matter_id).await?;
        let file_name = validate::file_name(&input.file_name)?;
        let content_type = self.allowed_type(&input.content_type)?;
        let size = validate::upload_size(input.size, self.config.max_upload_bytes)?;
        let document_id = new_document_id();
        let now = clock::stamp(clock::now());
        let object_key = keys::object_key(&matter.matter_id, &document_id);
        // Sign first: if signing fails nothing is written.
        let put = self
            .files
            .presign_put(&object_key, &content_type, size, self.config.upload_url_ttl)
            .await?;
        let record = DocumentRecord {
            pk: keys::document(&document_id),
            sk: keys::DOCUMENT.into(),
            gsi2pk: keys::matter(&matter.matter_id),
            gsi2sk: keys::document_in_matter(&now, &document_id),
            document_id: document_id.clone(),
            matter_id: matter.matter_id,
            file_name,
            content_type,
            size,
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
        self.table
            .put(&record, Some(Condition::new("attribute_not_exists(pk)")))
            .await?;
        Ok(UploadView {
            document_id,
            url: put.url,
            method: "PUT",
            headers: put.headers,
            expires_at: clock::stamp(clock::now() + self.config.upload_url_ttl),
        })
    }

    /// A pending document becomes available once its object passes the upload checks. The
    /// trigger normally does this; here it also happens on first use, should the trigger lag.
    pub(crate) async fn ensure_available(
        &self,
        document: DocumentRecord,
    ) -> Result<DocumentRecord> {
        let gone = || Error::not_found(format!("document {}", document.document_id));
        match document.status {
            DocumentStatus::Available => return Ok(document),
            DocumentStatus::Deleting | DocumentStatus::Rejected => return Err(gone()),
            DocumentStatus::Pending => {}
        }
        match self
            .verify_object(&document.object_key, document.size, &document.content_type)
            .await?
        {
            Verdict::Missing => Err(Error::Conflict(format!(
                "document {} is still uploading; try again when the upload has finished",
                document.file_name
            ))),
            Verdict::Rejected(reason) => {
                self.reject_document(&document, &reason).await?;
                Err(Error::Conflict(format!(
                    "the upload of {} was rejected: {reason}",
                    document.file_name
                )))
            }
            Verdict::Accepted => {
                if self.mark_available(&document).await? {
                    return Ok(DocumentRecord {
                        status: DocumentStatus::Available,
                        ..document
                    });
                }
                // Someone else moved it first: available (the trigger) or being deleted.
                let current: DocumentRecord = self
                    .table
                    .get(document.pk.clone(), document.sk.clone())
                    .await?
                    .ok_or_else(gone)?;
                match current.status {
                    DocumentStatus::Available => Ok(current),
                    _ => Err(gone()),
                }
            }
        }
    }

    pub async fn list_documents(
        &self,
        matter_id: &str,
        limit: usize,
        cursor: Option<&str>,
    ) -> Result<Page<DocumentView>> {
        let matter = self.require_matter(matter_id).await?;
        let spec = QuerySpec::index(
            keys::GSI2,
            keys::matter(&matter.matter_id),
            keys::DOCUMENT_PREFIX,
        )
        .descending();
        let start = decode_key(cursor, &spec)?;
        let (items, next) = self
            .table
            .query_page::<DocumentRecord>(&spec, Some(limit as i32), start)
            .await?;
        Ok(Page {
            items: items
                .into_iter()
                .filter(|d| d.status != DocumentStatus::Deleting)
                .map(DocumentView::from)
                .collect(),
            next_cursor: next.as_ref().map(encode_key),
        })
    }

    /// Deletes a document from the matter and every share of it. Marked first, so that no
    /// new share or link can start; a retry after a failure finishes the sweep.
    pub async fn delete_document(&self, matter_id: &str, document_id: &str) -> Result<()> {
        let matter_id = validate::id("matterId", matter_id)?;
        let document_id = validate::id("documentId", document_id)?;
        let result = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .set_key(Some(item_key(keys::document(&document_id), keys::DOCUMENT)))
            .update_expression("SET #status = :deleting")
            .condition_expression("attribute_exists(pk) AND matterId = :matter")
            .expression_attribute_names("#status", "status")
            .set_expression_attribute_values(Some(values([
                (":deleting", status_value("deleting")),
                (":matter", crate::store::s(&matter_id)),
            ])))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllNew)
            .send()
            .await;
        let marked = conditional(result)?.ok_or_else(|| {
            Error::not_found(format!("document {document_id} in matter {matter_id}"))
        })?;
        let document: DocumentRecord =
            crate::store::from_item(marked.attributes.unwrap_or_default())?;
        self.sweep_shares(&document).await?;
        self.files.delete(&document.object_key).await?;
        self.table.delete(document.pk, document.sk).await
    }

    async fn sweep_shares(&self, document: &DocumentRecord) -> Result<()> {
        let spec = QuerySpec::table(keys::document(&document.document_id), keys::SHARE_PREFIX);
        for _ in 0..SWEEP_ATTEMPTS {
            let shares: Vec<ShareRecord> = self.table.query_all(&spec).await?;
            if shares.is_empty() {
                return Ok(());
            }
            let mut cancelled = false;
            for chunk in shares.chunks(SWEEP_CHUNK) {
                let mut items = Vec::with_capacity(chunk.len() * 2);
                for share in chunk {
                    items.push(self.share_delete(share)?);
                    items.push(self.shared_count_update(
                        &share.matter_id,
                        &share.contact_id,
                        -1,
                        false,
                    )?);
                }
                cancelled |= self.table.transact(items).await?.is_err();
            }
            if !cancelled {
                return Ok(());
            }
        }
        Err(Error::Conflict(
            "the document's shares kept changing; try again".into(),
        ))
    }

    /// Deletes one share only if it still exists, so its count moves exactly once.
    pub(crate) fn share_delete(&self, share: &ShareRecord) -> Result<TransactWriteItem> {
        let delete = Delete::builder()
            .table_name(self.table.name())
            .set_key(Some(item_key(share.pk.clone(), share.sk.clone())))
            .condition_expression("attribute_exists(pk)")
            .build()?;
        Ok(TransactWriteItem::builder().delete(delete).build())
    }
}
