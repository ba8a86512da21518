//! What a signed-in contact sees and opens.

use super::documents;
use super::events::{self, Event};
use super::listing::{self, ListQuery, Shares};
use super::sessions::{self, Contact, Expiries};
use crate::disposition::{header_value, Disposition};
use crate::error::{Error, Result};
use crate::keys::{self, attr, Record};
use crate::model::{AccessRecord, DocumentRecord, DocumentStatus, EventType, Origin, ShareRecord};
use crate::pagination::Page;
use crate::store::{Change, Condition, Transacted};
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
    /// Shared with me and never opened by me yet.
    pub is_new: bool,
    /// Download links left under the share's limit; none when there is no limit.
    pub downloads_left: Option<i64>,
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
        let uploaded_by_me = s.uploaded_by.as_ref().is_some_and(|p| p.id == contact.id);
        PortalDocumentView {
            can_download: grant.is_some_and(|g| g.can_download),
            matter_title: grant.map(|g| g.matter_title.clone()).unwrap_or_default(),
            uploaded_by_me,
            is_new: !uploaded_by_me && s.open_count == 0,
            downloads_left: s.download_limit.map(|l| (l - s.download_count).max(0)),
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

/// A short-lived GET, minted only after the session, the share, the access and the
/// document check out. Anything the contact may not know exists is a 404; a view-only
/// contact asking to download gets 403. Two DynamoDB calls: one BatchGetItem reads the
/// session, its grants, the share and the document; one transaction records the opening.
pub async fn download_link(
    app: &App,
    bearer: Option<&str>,
    document_id: &str,
    input: impl FnOnce() -> Result<LinkInput>,
) -> Result<LinkView> {
    let document_id = match validate::id("documentId", document_id) {
        Ok(id) => id,
        Err(invalid) => {
            // Anonymous callers learn nothing, not even that the id was malformed.
            sessions::contact_session(app, bearer, Expiries::Record).await?;
            return Err(invalid);
        }
    };
    let (contact, mut found, (share, document)) =
        sessions::contact_session_reading(app, bearer, Expiries::Record, |contact_id, batch| {
            (
                batch.want(&keys::share_key(&document_id, contact_id)),
                batch.want(&keys::document_key(&document_id)),
            )
        })
        .await?;
    let disposition = match input()?.disposition.as_str() {
        "view" => Disposition::View,
        "download" => Disposition::Download,
        _ => return Err(Error::validation("disposition must be view or download")),
    };
    let not_found = || Error::not_found(format!("document {document_id}"));
    let share = found.take(&share)?.ok_or_else(not_found)?;
    let access = contact.grant_on(&share.matter_id).ok_or_else(not_found)?;
    let document = found
        .take(&document)?
        .filter(|d| d.matter_id == share.matter_id)
        .ok_or_else(not_found)?;
    if disposition == Disposition::Download && !access.can_download {
        return Err(Error::Forbidden(
            "you may view this document but not download it".into(),
        ));
    }
    let document = documents::ensure_available(app, document).await?;
    record_opening(app, &contact, access, &share, &document, disposition).await?;
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
    Ok(LinkView {
        url,
        expires_at: clock::stamp(clock::now() + ttl),
    })
}

/// Concurrent links of one contact (or of many, on one limited share) cancel each other's
/// transactions; each is tried again, so 40 at once against a limit of 5 give exactly 5.
const OPEN_ATTEMPTS: usize = 12;

/// One transaction before the URL is minted: the share counts the opening (and, for a
/// download, takes one from its limit, if it has one), the grant notes what was opened last,
/// the document must still be available, and the event is written.
async fn record_opening(
    app: &App,
    contact: &Contact,
    access: &AccessRecord,
    share: &ShareRecord,
    document: &DocumentRecord,
    disposition: Disposition,
) -> Result<()> {
    let not_found = || Error::not_found(format!("document {}", document.document_id));
    for attempt in 0..OPEN_ATTEMPTS {
        let now = clock::stamp(clock::now());
        let mut counted = Change::new()
            .add(attr::OPEN_COUNT, 1)
            .set(attr::LAST_OPENED_AT, now.as_str())
            .when(Condition::exists());
        let kind = match disposition {
            Disposition::View => EventType::DocumentViewed,
            Disposition::Download => {
                counted = counted.add(attr::DOWNLOAD_COUNT, 1);
                if share.download_limit.is_some() {
                    counted = counted.when(Condition::below_attribute(
                        attr::DOWNLOAD_COUNT,
                        attr::DOWNLOAD_LIMIT,
                    ));
                }
                EventType::DocumentDownloaded
            }
        };
        let mut transaction = app.table.transaction();
        let share_counted = transaction.update(&share.key(), counted)?;
        let grant_noted = transaction.update(
            &access.key(),
            Change::new()
                .set(attr::LAST_SEEN_AT, now.as_str())
                .set(attr::LAST_OPENED_AT, now.as_str())
                .set(attr::LAST_OPENED_DOCUMENT_ID, document.document_id.as_str())
                .set(attr::LAST_OPENED_FILE_NAME, document.file_name.as_str())
                .when(Condition::exists().and(sessions::at_version(&access.grant_version))),
        )?;
        let available = transaction.check(
            &document.key(),
            Condition::equals(attr::STATUS, DocumentStatus::Available),
        )?;
        let event = Event::new(kind, events::contact_actor(&contact.id, &contact.name))
            .contact(&contact.id, &contact.name)
            .document(&document.document_id, &document.file_name);
        events::add(&mut transaction, &share.matter_id, event)?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => return Ok(()),
            Transacted::Cancelled(c) if c.failed_condition(share_counted) => {
                // Gone, or its limit used up: which one, the share itself says.
                let now_share = app.table.get(&share.key()).await?.ok_or_else(not_found)?;
                if now_share
                    .download_limit
                    .is_some_and(|limit| now_share.download_count >= limit)
                {
                    return Err(Error::Forbidden(
                        "the download limit for this document has been reached".into(),
                    ));
                }
                continue;
            }
            Transacted::Cancelled(c)
                if c.failed_condition(grant_noted) || c.failed_condition(available) =>
            {
                return Err(not_found())
            }
            Transacted::Cancelled(c) if c.conflicted() => {
                // Spread the retries so that racing links do not collide again in lockstep.
                let pause = 5 + rand::random::<u64>() % 20 * (attempt as u64 + 1);
                tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
            }
            Transacted::Cancelled(c) => {
                return Err(Error::upstream("DynamoDB TransactWriteItems (link)", c))
            }
        }
    }
    Err(Error::Conflict(
        "this document is being opened many times at once; try again".into(),
    ))
}
