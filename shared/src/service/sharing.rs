//! Sharing documents with contacts, stopping a share, and the Sharing section.

use super::listing::{ListQuery, Shares};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::model::{AccessRecord, DocumentRecord, MatterRecord, Origin, Person, ShareRecord};
use crate::pagination::Page;
use crate::store::{put_in_transaction, s, Condition};
use crate::{clock, email, keys, validate, App};
use aws_sdk_dynamodb::types::{ConditionCheck, TransactWriteItem};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const MAX_DOCUMENTS_PER_CALL: usize = 100;
pub const MAX_CONTACTS_PER_CALL: usize = 50;
/// One count update plus (document check, share put) pairs must fit in 100 items.
const SHARES_PER_TRANSACTION: usize = 49;
/// Concurrent calls sharing the same pair cancel each other's transactions; re-read and retry.
const SHARE_ATTEMPTS: usize = 5;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareInput {
    pub document_ids: Vec<String>,
    pub contact_ids: Vec<String>,
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactShareOutcome {
    pub contact_id: String,
    /// Documents newly shared by this call (already-shared ones are not counted again).
    pub newly_shared: usize,
    pub emailed: bool,
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
}

impl From<ShareRecord> for ShareView {
    fn from(r: ShareRecord) -> Self {
        Self {
            document_id: r.document_id,
            file_name: r.file_name,
            content_type: r.content_type,
            size: r.size,
            origin: r.origin,
            uploaded_by: r.uploaded_by,
            contact_id: r.contact_id,
            contact_name: r.contact_name,
            shared_at: r.shared_at,
            created_at: r.document_created_at,
            activity_at: r.activity_at,
        }
    }
}

/// The share of `document` with a contact, keyed for all three views (document, contact, matter).
pub fn share_record(
    document: &DocumentRecord,
    contact_id: &str,
    contact_name: &str,
    shared_by: &str,
    now: &str,
) -> ShareRecord {
    ShareRecord {
        pk: keys::document(&document.document_id),
        sk: keys::share(contact_id),
        gsi1pk: keys::contact(contact_id),
        gsi1sk: keys::share_in_contact_view(now, &document.document_id),
        gsi2pk: keys::matter(&document.matter_id),
        gsi2sk: keys::share_in_matter(now, &document.document_id, contact_id),
        pair_pk: keys::pair(&document.matter_id, contact_id),
        name_sk: keys::share_by_name(&document.file_name, &document.document_id, contact_id),
        created_sk: keys::share_by_created(&document.created_at, &document.document_id, contact_id),
        document_id: document.document_id.clone(),
        matter_id: document.matter_id.clone(),
        contact_id: contact_id.into(),
        contact_name: contact_name.into(),
        file_name: document.file_name.clone(),
        content_type: document.content_type.clone(),
        size: document.size,
        origin: document.origin,
        uploaded_by: document.uploaded_by.clone(),
        document_created_at: document.created_at.clone(),
        shared_at: now.into(),
        shared_by: shared_by.into(),
        activity_at: now.into(),
    }
}

impl App {
    /// Shares every document with every contact. Idempotent: pairs already shared are left
    /// alone, counts move only with the shares written in the same transaction, and each
    /// contact gets one email listing what is new to them.
    pub async fn share_documents(
        &self,
        staff: &Staff,
        matter_id: &str,
        input: ShareInput,
    ) -> Result<ShareOutcome> {
        let matter = self.require_matter(matter_id).await?;
        let document_ids =
            validate::id_list("documentIds", &input.document_ids, MAX_DOCUMENTS_PER_CALL)?;
        let contact_ids =
            validate::id_list("contactIds", &input.contact_ids, MAX_CONTACTS_PER_CALL)?;
        let message = input
            .message
            .as_deref()
            .map(|m| validate::text("message", m, validate::MAX_MESSAGE_CHARS))
            .transpose()?;
        let documents = self.shareable_documents(&matter, &document_ids).await?;
        let contacts = self.active_contacts(&matter, &contact_ids).await?;

        let mut outcome = ShareOutcome {
            created: 0,
            contacts: Vec::with_capacity(contacts.len()),
        };
        for contact in &contacts {
            let new_documents = self.share_with_contact(staff, &documents, contact).await?;
            let emailed = if new_documents.is_empty() {
                false
            } else {
                self.email_new_shares(&matter, contact, &new_documents, message.as_deref())
                    .await
            };
            outcome.created += new_documents.len();
            outcome.contacts.push(ContactShareOutcome {
                contact_id: contact.contact_id.clone(),
                newly_shared: new_documents.len(),
                emailed,
            });
        }
        Ok(outcome)
    }

    async fn shareable_documents(
        &self,
        matter: &MatterRecord,
        ids: &[String],
    ) -> Result<Vec<DocumentRecord>> {
        let item_keys = ids
            .iter()
            .map(|id| crate::store::key(keys::document(id), keys::DOCUMENT))
            .collect();
        let found: Vec<DocumentRecord> = self.table.batch_get(item_keys).await?;
        let mut documents = Vec::with_capacity(ids.len());
        for id in ids {
            let document = found
                .iter()
                .find(|d| &d.document_id == id && d.matter_id == matter.matter_id)
                .cloned()
                .ok_or_else(|| {
                    Error::not_found(format!("document {id} in matter {}", matter.matter_id))
                })?;
            documents.push(self.ensure_available(document).await?);
        }
        Ok(documents)
    }

    async fn active_contacts(
        &self,
        matter: &MatterRecord,
        ids: &[String],
    ) -> Result<Vec<AccessRecord>> {
        let item_keys = ids
            .iter()
            .map(|id| crate::store::key(keys::matter(&matter.matter_id), keys::contact(id)))
            .collect();
        let found: Vec<AccessRecord> = self.table.batch_get(item_keys).await?;
        ids.iter()
            .map(|id| {
                found
                    .iter()
                    .find(|a| &a.contact_id == id && a.is_active())
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

    /// Writes the shares this contact does not have yet; returns the documents newly shared.
    async fn share_with_contact(
        &self,
        staff: &Staff,
        documents: &[DocumentRecord],
        contact: &AccessRecord,
    ) -> Result<Vec<DocumentRecord>> {
        let mut newly_shared = Vec::new();
        for _ in 0..SHARE_ATTEMPTS {
            let existing_keys = documents
                .iter()
                .map(|d| {
                    crate::store::key(
                        keys::document(&d.document_id),
                        keys::share(&contact.contact_id),
                    )
                })
                .collect();
            let existing: HashSet<String> = self
                .table
                .batch_get::<ShareRecord>(existing_keys)
                .await?
                .into_iter()
                .map(|s| s.document_id)
                .collect();
            let missing: Vec<&DocumentRecord> = documents
                .iter()
                .filter(|d| !existing.contains(&d.document_id))
                .collect();
            if missing.is_empty() {
                return Ok(newly_shared);
            }
            let mut raced = false;
            for chunk in missing.chunks(SHARES_PER_TRANSACTION) {
                match self.write_shares(staff, chunk, contact).await? {
                    Ok(()) => newly_shared.extend(chunk.iter().map(|d| (*d).clone())),
                    Err(()) => raced = true,
                }
            }
            if !raced {
                return Ok(newly_shared);
            }
        }
        Err(Error::Conflict(
            "these documents were being shared by someone else at the same time; try again".into(),
        ))
    }

    /// One transaction: the contact is still active, each document is still available, each
    /// share is new, and the count grows by exactly the number of shares written.
    async fn write_shares(
        &self,
        staff: &Staff,
        documents: &[&DocumentRecord],
        contact: &AccessRecord,
    ) -> Result<std::result::Result<(), ()>> {
        let now = clock::stamp(clock::now());
        let mut items: Vec<TransactWriteItem> = Vec::with_capacity(1 + documents.len() * 2);
        items.push(self.shared_count_update(
            &contact.matter_id,
            &contact.contact_id,
            documents.len() as i64,
            true,
        )?);
        for document in documents {
            let check = ConditionCheck::builder()
                .table_name(self.table.name())
                .set_key(Some(crate::store::key(
                    document.pk.clone(),
                    document.sk.clone(),
                )))
                .condition_expression("#status = :available AND matterId = :matter")
                .expression_attribute_names("#status", "status")
                .expression_attribute_values(":available", s("available"))
                .expression_attribute_values(":matter", s(&contact.matter_id))
                .build()?;
            items.push(TransactWriteItem::builder().condition_check(check).build());
            let share = share_record(
                document,
                &contact.contact_id,
                &contact.name,
                &staff.id,
                &now,
            );
            items.push(put_in_transaction(
                self.table.name(),
                &share,
                Some(Condition::new("attribute_not_exists(pk)")),
            )?);
        }
        match self.table.transact(items).await? {
            Ok(()) => Ok(Ok(())),
            Err(cancelled) if cancelled.failed_condition(0) => Err(Error::Conflict(format!(
                "contact {} lost access to the matter meanwhile",
                contact.contact_id
            ))),
            Err(cancelled) => {
                let document_gone =
                    (0..documents.len()).any(|i| cancelled.failed_condition(1 + 2 * i));
                if document_gone {
                    return Err(Error::Conflict(
                        "a document was deleted from the matter meanwhile".into(),
                    ));
                }
                if cancelled.any_failed_condition() {
                    Ok(Err(()))
                } else {
                    Err(Error::Upstream(format!(
                        "share transaction cancelled: {:?}",
                        cancelled.0
                    )))
                }
            }
        }
    }

    async fn email_new_shares(
        &self,
        matter: &MatterRecord,
        contact: &AccessRecord,
        documents: &[DocumentRecord],
        message: Option<&str>,
    ) -> bool {
        let names: Vec<String> = documents.iter().map(|d| d.file_name.clone()).collect();
        let email = email::documents_shared(
            &self.config.firm_name,
            &matter.title,
            &contact.email,
            &contact.name,
            &names,
            message,
            &self.config.portal_url,
        );
        match self.mailer.send(email).await {
            Ok(()) => true,
            Err(err) => {
                // The shares stand; the outcome tells the firm this contact was not emailed.
                tracing::error!(error = %err, contact = %contact.contact_id, "share email failed");
                false
            }
        }
    }

    /// Stops sharing one document with one contact; the document stays in the matter.
    pub async fn stop_share(
        &self,
        matter_id: &str,
        document_id: &str,
        contact_id: &str,
    ) -> Result<()> {
        let matter_id = validate::id("matterId", matter_id)?;
        let document_id = validate::id("documentId", document_id)?;
        let contact_id = validate::id("contactId", contact_id)?;
        let share: ShareRecord = self
            .table
            .get(keys::document(&document_id), keys::share(&contact_id))
            .await?
            .filter(|s: &ShareRecord| s.matter_id == matter_id)
            .ok_or_else(|| {
                Error::not_found(format!(
                    "share of document {document_id} with contact {contact_id}"
                ))
            })?;
        let items = vec![
            self.share_delete(&share)?,
            self.shared_count_update(&matter_id, &contact_id, -1, false)?,
        ];
        match self.table.transact(items).await? {
            Ok(()) => Ok(()),
            Err(_) => Err(Error::not_found(format!(
                "share of document {document_id} with contact {contact_id}"
            ))),
        }
    }

    /// The Sharing section: who has what, filtered, searched, sorted and paginated.
    pub async fn list_shares(&self, matter_id: &str, query: &ListQuery) -> Result<Page<ShareView>> {
        let matter = self.require_matter(matter_id).await?;
        let shares = match &query.contact_id {
            Some(contact_id) => Shares::OfContactInMatter(contact_id, &matter.matter_id),
            None => Shares::InMatter(&matter.matter_id),
        };
        let page = self.share_page(query, shares, |s| query.matches(s)).await?;
        Ok(Page {
            items: page.items.into_iter().map(ShareView::from).collect(),
            next_cursor: page.next_cursor,
        })
    }
}
