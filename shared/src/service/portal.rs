//! What a signed-in contact sees and opens.

use super::listing::{ListQuery, Shares};
use super::sessions::Contact;
use crate::disposition::{header_value, Disposition};
use crate::error::{Error, Result};
use crate::model::{AccessRecord, DocumentRecord, Origin, ShareRecord};
use crate::pagination::Page;
use crate::store::{s, QuerySpec};
use crate::{clock, keys, validate, App};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkInput {
    pub disposition: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkView {
    pub url: String,
    pub expires_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalDocumentView {
    pub document_id: String,
    pub matter_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub origin: Origin,
    /// True when this contact uploaded it.
    pub uploaded_by_me: bool,
    pub can_download: bool,
    pub shared_at: String,
    pub created_at: String,
    pub activity_at: String,
}

impl App {
    /// Everything shared with the contact on matters where their access is active.
    pub async fn portal_documents(
        &self,
        contact: &Contact,
        query: &ListQuery,
    ) -> Result<Page<PortalDocumentView>> {
        let grants: Vec<AccessRecord> = self
            .table
            .query_all(&QuerySpec::index(
                keys::GSI1,
                keys::contact(&contact.id),
                keys::ACCESS_PREFIX,
            ))
            .await?;
        let can_download: HashMap<String, bool> = grants
            .into_iter()
            .filter(AccessRecord::is_active)
            .map(|a| (a.matter_id, a.can_download))
            .collect();
        let shares = match &query.matter_id {
            // A matter the contact has no active access to shows nothing, as if empty.
            Some(m) if !can_download.contains_key(m) => return Ok(Page::empty()),
            Some(m) => Shares::OfContactInMatter(&contact.id, m),
            None => Shares::OfContact(&contact.id),
        };
        let page = self
            .share_page(query, shares, |s| {
                can_download.contains_key(&s.matter_id) && query.matches(s)
            })
            .await?;
        Ok(Page {
            items: page
                .items
                .into_iter()
                .map(|s| PortalDocumentView {
                    can_download: can_download.get(&s.matter_id).copied().unwrap_or(false),
                    uploaded_by_me: s.uploaded_by.as_ref().is_some_and(|p| p.id == contact.id),
                    document_id: s.document_id,
                    matter_id: s.matter_id,
                    file_name: s.file_name,
                    content_type: s.content_type,
                    size: s.size,
                    origin: s.origin,
                    shared_at: s.shared_at,
                    created_at: s.document_created_at,
                    activity_at: s.activity_at,
                })
                .collect(),
            next_cursor: page.next_cursor,
        })
    }

    /// A short-lived GET, minted only after the share, the access and the document check out.
    /// Anything the contact may not know exists is a 404; a view-only contact asking to
    /// download gets 403.
    pub async fn download_link(
        &self,
        contact: &Contact,
        document_id: &str,
        input: LinkInput,
    ) -> Result<LinkView> {
        let disposition = match input.disposition.as_str() {
            "view" => Disposition::View,
            "download" => Disposition::Download,
            _ => return Err(Error::validation("disposition must be view or download")),
        };
        let document_id = validate::id("documentId", document_id)?;
        let not_found = || Error::not_found(format!("document {document_id}"));
        let share: ShareRecord = self
            .table
            .get(keys::document(&document_id), keys::share(&contact.id))
            .await?
            .ok_or_else(not_found)?;
        let access = self
            .access(&share.matter_id, &contact.id)
            .await?
            .filter(AccessRecord::is_active)
            .ok_or_else(not_found)?;
        let document: DocumentRecord = self
            .table
            .get(keys::document(&document_id), keys::DOCUMENT)
            .await?
            .filter(|d: &DocumentRecord| d.matter_id == share.matter_id)
            .ok_or_else(not_found)?;
        if disposition == Disposition::Download && !access.can_download {
            return Err(Error::Forbidden(
                "you may view this document but not download it".into(),
            ));
        }
        let document = self.ensure_available(document).await?;
        let ttl = self.config.download_url_ttl;
        let url = self
            .files
            .presign_get(
                &document.object_key,
                &header_value(disposition, &document.file_name),
                &document.content_type,
                ttl,
            )
            .await?;
        self.touch_last_seen(&access).await;
        Ok(LinkView {
            url,
            expires_at: clock::stamp(clock::now() + ttl),
        })
    }

    /// Best effort: a failed "last seen" write must not cost the contact their link.
    async fn touch_last_seen(&self, access: &AccessRecord) {
        let result = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .set_key(Some(crate::store::key(
                access.pk.clone(),
                access.sk.clone(),
            )))
            .update_expression("SET lastSeenAt = :now")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(":now", s(clock::stamp(clock::now())))
            .send()
            .await;
        if let Err(err) = result {
            tracing::warn!(error = %Error::aws(err), "last seen not recorded");
        }
    }
}
