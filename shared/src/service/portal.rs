//! What a signed-in contact sees and opens.

use super::documents;
use super::listing::{self, ListQuery, Shares};
use super::sessions::Contact;
use crate::disposition::{header_value, Disposition};
use crate::error::{Error, Result};
use crate::keys::{self, attr, Record};
use crate::model::{AccessRecord, Origin};
use crate::pagination::Page;
use crate::store::{Change, Condition};
use crate::{clock, validate, App};
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
    pub matter_title: String,
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

#[derive(Debug, Serialize)]
pub struct OwnerView {
    pub name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalMatterView {
    pub matter_id: String,
    pub title: String,
    pub can_download: bool,
    /// The firm's contact for the matter.
    pub owner: OwnerView,
}

/// The matters the contact may see now, by title.
pub fn portal_matters(contact: &Contact) -> Page<PortalMatterView> {
    let mut items: Vec<PortalMatterView> = contact
        .grants
        .iter()
        .map(|grant| PortalMatterView {
            matter_id: grant.matter_id.clone(),
            title: grant.matter_title.clone(),
            can_download: grant.can_download,
            owner: OwnerView {
                name: grant.owner_name.clone(),
            },
        })
        .collect();
    items.sort_by(|a, b| {
        (a.title.to_lowercase(), &a.matter_id).cmp(&(b.title.to_lowercase(), &b.matter_id))
    });
    Page {
        items,
        next_cursor: None,
    }
}

/// Everything shared with the contact on matters where their access is active.
pub async fn portal_documents(
    app: &App,
    contact: &Contact,
    query: &ListQuery,
) -> Result<Page<PortalDocumentView>> {
    let grants: HashMap<&str, &AccessRecord> = contact
        .grants
        .iter()
        .map(|grant| (grant.matter_id.as_str(), grant))
        .collect();
    let shares = match &query.matter_id {
        // A matter the contact has no active access to shows nothing, as if empty.
        Some(m) if !grants.contains_key(m.as_str()) => return Ok(Page::empty()),
        Some(m) => Shares::OfContactInMatter(&contact.id, m),
        None => Shares::OfContact(&contact.id),
    };
    let page = listing::share_page(app, query, shares, |s| {
        grants.contains_key(s.matter_id.as_str()) && query.matches(s)
    })
    .await?;
    Ok(page.map(|s| {
        let grant = grants.get(s.matter_id.as_str());
        PortalDocumentView {
            can_download: grant.is_some_and(|g| g.can_download),
            matter_title: grant.map(|g| g.matter_title.clone()).unwrap_or_default(),
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
        }
    }))
}

/// A short-lived GET, minted only after the share, the access and the document check out.
/// Anything the contact may not know exists is a 404; a view-only contact asking to
/// download gets 403.
pub async fn download_link(
    app: &App,
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
    let share = app
        .table
        .get(&keys::share_key(&document_id, &contact.id))
        .await?
        .ok_or_else(not_found)?;
    let access = contact.grant_on(&share.matter_id).ok_or_else(not_found)?;
    let document = app
        .table
        .get(&keys::document_key(&document_id))
        .await?
        .filter(|d| d.matter_id == share.matter_id)
        .ok_or_else(not_found)?;
    if disposition == Disposition::Download && !access.can_download {
        return Err(Error::Forbidden(
            "you may view this document but not download it".into(),
        ));
    }
    let document = documents::ensure_available(app, document).await?;
    let ttl = app.config.download_url_ttl;
    let url = app
        .files
        .presign_get(
            &document.object_key,
            &header_value(disposition, &document.file_name),
            &document.content_type,
            ttl,
        )
        .await?;
    touch_last_seen(app, access).await;
    Ok(LinkView {
        url,
        expires_at: clock::stamp(clock::now() + ttl),
    })
}

/// Best effort: a failed "last seen" write must not cost the contact their link.
async fn touch_last_seen(app: &App, access: &AccessRecord) {
    let change = Change::new()
        .set(attr::LAST_SEEN_AT, clock::stamp(clock::now()))
        .when(Condition::exists());
    if let Err(err) = app.table.update(&access.key(), change).await {
        tracing::warn!(error = %err.chain(), "last seen not recorded");
    }
}
