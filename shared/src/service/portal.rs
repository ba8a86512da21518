//! What a signed-in contact sees and opens.

use super::documents;
use super::events::{self, Event};
use super::listing::{self, ListQuery, Shares};
use super::sessions::Contact;
use crate::disposition::{header_value, Disposition};
use crate::error::{Error, Result};
use crate::pagination::Page;
use crate::records::{attr, AccessRecord, Actor, DocumentRecord, EventType, Origin, ShareRecord};
use crate::store::{BatchFound, BatchRead, Change, Condition, Stored, Transacted};
use crate::{clock, stamp, validate, App};
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
    pub sha256: Option<String>,
    pub origin: Origin,
    /// True when this contact uploaded it.
    pub uploaded_by_me: bool,
    pub can_download: bool,
    pub shared_at: String,
    pub created_at: String,
    pub activity_at: String,
    /// Shared with me and never opened by me yet.
    pub is_new: bool,
    /// The version every link opens; `isUpdated` while I have not opened it since it came.
    pub version: u32,
    pub is_updated: bool,
    /// The folder it is in, for grouping a matter's documents.
    pub folder_id: Option<String>,
    pub folder_name: Option<String>,
    /// Download links left under the share's limit; none when there is no limit.
    pub downloads_left: Option<i64>,
}

impl PortalDocumentView {
    /// The contact's row of one share, under their grant on its matter.
    fn of(share: ShareRecord, contact_id: &str, grant: Option<&AccessRecord>) -> Self {
        let uploaded_by_me = uploaded_by(&share, contact_id);
        Self {
            can_download: grant.is_some_and(|g| g.can_download),
            matter_title: grant
                .map(|g| g.matter.matter_title.clone())
                .unwrap_or_default(),
            uploaded_by_me,
            is_new: !uploaded_by_me && share.open_count == 0,
            is_updated: share.is_updated_since_opened(),
            version: share.document.version,
            folder_id: share.document.folder_id.clone(),
            folder_name: share.document.folder_name.clone(),
            downloads_left: share.downloads_left(),
            document_id: share.document_id,
            matter_id: share.matter_id,
            file_name: share.document.file_name,
            content_type: share.document.content_type,
            size: share.document.size,
            sha256: share.document.sha256,
            origin: share.document.origin,
            shared_at: share.shared_at,
            created_at: share.document.document_created_at,
            activity_at: share.activity_at,
        }
    }
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
            title: grant.matter.matter_title.clone(),
            can_download: grant.can_download,
            owner: OwnerView {
                name: grant.matter.owner_name.clone(),
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
        let grant = grants.get(s.matter_id.as_str()).copied();
        PortalDocumentView::of(s, &contact.id, grant)
    }))
}

/// What a link needs besides the session, read in the session's own BatchGetItem: the
/// contact's share of the document and the document.
pub fn link_reads(document_id: &str, contact_id: &str, batch: &mut BatchRead) {
    if validate::id("documentId", document_id).is_ok() {
        batch.want(ShareRecord::key_for(document_id, contact_id));
        batch.want(DocumentRecord::key_for(document_id));
    }
}

/// The contact's share of a document, their grant on its matter and the document, from
/// what the session's BatchGetItem read (see [`link_reads`]). Anything the contact may not
/// know exists is a 404.
pub(crate) fn shared_document<'c>(
    contact: &'c Contact,
    found: &mut BatchFound,
    document_id: &str,
) -> Result<(ShareRecord, &'c AccessRecord, DocumentRecord)> {
    let not_found = || Error::not_found(format!("document {document_id}"));
    let share = found
        .take(&ShareRecord::key_for(document_id, &contact.id))?
        .ok_or_else(not_found)?;
    let access = contact.grant_on(&share.matter_id).ok_or_else(not_found)?;
    let document = found
        .take(&DocumentRecord::key_for(document_id))?
        .filter(|d| d.matter_id == share.matter_id)
        .ok_or_else(not_found)?;
    Ok((share, access, document))
}

/// Whether the contact uploaded the document themselves (it is theirs: never stamped).
fn uploaded_by(share: &ShareRecord, contact_id: &str) -> bool {
    share
        .document
        .uploaded_by
        .as_ref()
        .is_some_and(|p| p.id == contact_id)
}

/// A short-lived GET, minted only after the session, the share, the access and the
/// document check out. A view-only contact asking to download gets 403, and so does one
/// asking for the original of a PDF they did not upload, which opens for them only as a
/// stamped copy (`service::stamps`). Two DynamoDB calls: the session's BatchGetItem read the share and
/// the document too (see [`link_reads`]); one transaction records the opening.
pub async fn download_link(
    app: &App,
    contact: &Contact,
    found: &mut BatchFound,
    document_id: &str,
    input: LinkInput,
) -> Result<LinkView> {
    let document_id = validate::id("documentId", document_id)?;
    let disposition = Disposition::parse(&input.disposition)?;
    let (share, access, document) = shared_document(contact, found, &document_id)?;
    if disposition == Disposition::Download && !access.can_download {
        return Err(Error::Forbidden(
            "you may view this document but not download it".into(),
        ));
    }
    if stamp::original_withheld(
        access.can_download,
        &document.content_type,
        uploaded_by(&share, &contact.id),
    ) {
        return Err(Error::Forbidden(
            "this PDF opens view-only as a copy stamped with your name: ask for its stamped link"
                .into(),
        ));
    }
    let document = documents::ensure_available(app, document).await?;
    record_opening(app, contact, access, &share, &document, disposition).await?;
    presigned_link(
        app,
        &document.object_key,
        disposition,
        &document.file_name,
        &document.content_type,
    )
    .await
}

/// The short-lived GET of `key`, shown or saved as `file_name`, and when it stops working.
pub(crate) async fn presigned_link(
    app: &App,
    key: &str,
    disposition: Disposition,
    file_name: &str,
    content_type: &str,
) -> Result<LinkView> {
    let ttl = app.config.download_url_ttl;
    let url = app
        .files
        .presign_get(
            key,
            &header_value(disposition, file_name),
            content_type,
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

/// What the grant notes of an opening: the contact was seen, and opened this document.
pub(crate) fn noted_on_grant(
    access: &AccessRecord,
    document: &DocumentRecord,
    now: &str,
) -> Change {
    Change::new()
        .set(attr::LAST_SEEN_AT, now)
        .set(attr::LAST_OPENED_AT, now)
        .set(attr::LAST_OPENED_DOCUMENT_ID, document.document_id.as_str())
        .set(attr::LAST_OPENED_FILE_NAME, document.file_name.as_str())
        .when(Condition::exists().and(AccessRecord::at_version(&access.grant_version)))
}

/// One transaction before the URL is minted: the share counts the opening (and, for a
/// download, takes one from its limit, if it has one), the grant notes what was opened last,
/// the document must still be available, and the event is written.
pub(crate) async fn record_opening(
    app: &App,
    contact: &Contact,
    access: &AccessRecord,
    share: &ShareRecord,
    document: &DocumentRecord,
    disposition: Disposition,
) -> Result<()> {
    let not_found = || Error::not_found(format!("document {}", document.document_id));
    let download = disposition == Disposition::Download;
    let kind = if download {
        EventType::DocumentDownloaded
    } else {
        EventType::DocumentViewed
    };
    for attempt in 0..OPEN_ATTEMPTS {
        let now = clock::stamp(clock::now());
        let mut transaction = app.table.transaction();
        let share_counted = transaction.update(
            &share.key(),
            share.count_opening(&now, document.version, download),
        )?;
        let grant_noted =
            transaction.update(&access.key(), noted_on_grant(access, document, &now))?;
        let available = transaction.check(
            &document.key(),
            DocumentRecord::available_in(&document.matter_id),
        )?;
        let event = Event::new(kind, Actor::contact(&contact.id, &contact.name))
            .contact(&contact.id, &contact.name)
            .document(&document.document_id, &document.file_name)
            .version(document.version, document.sha256.as_deref());
        events::add(&mut transaction, &share.matter_id, event)?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => return Ok(()),
            Transacted::Cancelled(c) if c.failed_condition(share_counted) => {
                // Gone, or its limit used up: which one, the share itself says.
                let now_share = app.table.get(&share.key()).await?.ok_or_else(not_found)?;
                if now_share.limit_reached() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::{document, grant, person};
    use crate::records::Person;

    fn share_of(uploaded_by: Option<Person>) -> ShareRecord {
        let mut d = document("d", "m");
        d.uploaded_by = uploaded_by;
        ShareRecord::new(&d, &person("c"), "s", "t", Some(2))
    }

    #[test]
    fn a_row_is_new_until_opened_unless_the_contact_uploaded_it() {
        let g = grant("m", "c");
        let row = PortalDocumentView::of(share_of(None), "c", Some(&g));
        assert!(row.is_new && !row.uploaded_by_me);
        assert_eq!(
            (row.matter_title.as_str(), row.downloads_left),
            ("Matter m", Some(2))
        );
        let mine = PortalDocumentView::of(share_of(Some(person("c"))), "c", Some(&g));
        assert!(mine.uploaded_by_me && !mine.is_new);
        let mut opened = share_of(None);
        opened.open_count = 1;
        assert!(!PortalDocumentView::of(opened, "c", Some(&g)).is_new);
    }

    #[test]
    fn a_row_is_updated_once_a_version_came_after_the_contact_opened_it() {
        let g = grant("m", "c");
        let mut share = share_of(None);
        share.document.version = 2;
        assert!(
            !PortalDocumentView::of(share.clone(), "c", Some(&g)).is_updated,
            "never opened: new, not updated"
        );
        share.open_count = 1;
        assert!(
            PortalDocumentView::of(share.clone(), "c", Some(&g)).is_updated,
            "opened before versions were recorded: version 1"
        );
        share.opened_version = Some(2);
        let row = PortalDocumentView::of(share, "c", Some(&g));
        assert!(!row.is_updated && !row.is_new);
        assert_eq!(row.version, 2);
    }

    #[test]
    fn download_permission_comes_from_the_grant() {
        let mut g = grant("m", "c");
        g.can_download = false;
        assert!(!PortalDocumentView::of(share_of(None), "c", Some(&g)).can_download);
        assert!(!PortalDocumentView::of(share_of(None), "c", None).can_download);
    }

    #[test]
    fn matters_are_listed_by_title_ignoring_case() {
        let contact = Contact::for_tests(vec![grant("b", "c"), grant("a", "c")]);
        let mut grants = contact.grants.clone();
        grants[0].matter.matter_title = "zeta".into();
        grants[1].matter.matter_title = "Alpha".into();
        let contact = Contact::for_tests(grants);
        let titles: Vec<String> = portal_matters(&contact)
            .items
            .into_iter()
            .map(|m| m.title)
            .collect();
        assert_eq!(titles, ["Alpha", "zeta"]);
    }

    #[test]
    fn an_opening_notes_the_document_on_the_grant_at_its_version() {
        let text = format!(
            "{:?}",
            noted_on_grant(&grant("m", "c"), &document("d", "m"), "now")
        );
        assert!(
            text.contains("lastOpenedDocumentId") && text.contains("grantVersion"),
            "{text}"
        );
    }
}
