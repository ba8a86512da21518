//! A document's versions: the history staff see and open, and every share moved to the
//! current version once it is accepted (`intake` accepts it). Contacts always open the
//! current version, which the document record holds; replaced versions are `VersionRecord`s.

use super::events::{self, Event};
use crate::disposition::{header_value, Disposition};
use crate::error::{Error, Result};
use crate::records::{AccessRecord, DocumentRecord, EventType, Person, ShareRecord, VersionRecord};
use crate::store::{Stored, Transacted};
use crate::{clock, validate, App};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionView {
    pub number: u32,
    pub size: u64,
    pub sha256: Option<String>,
    pub uploaded_by: Person,
    pub uploaded_at: String,
    pub current: bool,
}

impl From<VersionRecord> for VersionView {
    fn from(v: VersionRecord) -> Self {
        Self {
            number: v.number,
            size: v.size,
            sha256: v.sha256,
            uploaded_by: v.uploaded_by,
            uploaded_at: v.uploaded_at,
            current: false,
        }
    }
}

/// The versions of a document, newest (the current one) first.
pub fn history(document: &DocumentRecord, replaced: Vec<VersionRecord>) -> Vec<VersionView> {
    let current = VersionView {
        current: true,
        ..VersionRecord::current_of(document).into()
    };
    let mut views: Vec<VersionView> = replaced
        .into_iter()
        .filter(|v| v.number < document.version)
        .map(VersionView::from)
        .collect();
    views.push(current);
    views.sort_by_key(|v| std::cmp::Reverse(v.number));
    views
}

/// An available document of the matter, else 404: what every route about one document's
/// versions, and a move, starts from.
pub(crate) async fn available(
    app: &App,
    matter_id: &str,
    document_id: &str,
) -> Result<DocumentRecord> {
    let matter_id = validate::id("matterId", matter_id)?;
    let document_id = validate::id("documentId", document_id)?;
    app.table
        .get(&DocumentRecord::key_for(&document_id))
        .await?
        .filter(|d| d.matter_id == matter_id && d.is_available())
        .ok_or_else(|| Error::not_found(format!("document {document_id} in matter {matter_id}")))
}

/// Staff's list of a document's versions.
pub async fn list(app: &App, matter_id: &str, document_id: &str) -> Result<Vec<VersionView>> {
    let document = available(app, matter_id, document_id).await?;
    let replaced = app
        .table
        .query_all(&VersionRecord::of_document(&document.document_id))
        .await?;
    Ok(history(&document, replaced))
}

/// A short-lived GET of any version of a document, for staff.
pub async fn link(
    app: &App,
    matter_id: &str,
    document_id: &str,
    number: &str,
    disposition: &str,
) -> Result<(String, String)> {
    let disposition = Disposition::parse(disposition)?;
    let document = available(app, matter_id, document_id).await?;
    let number: u32 = number
        .parse()
        .map_err(|_| Error::validation("version must be a whole number"))?;
    let not_found = || Error::not_found(format!("version {number} of {}", document.file_name));
    let object_key = if number == document.version {
        document.object_key.clone()
    } else {
        let key = VersionRecord::key_for(&document.document_id, number);
        app.table.get(&key).await?.ok_or_else(not_found)?.object_key
    };
    let ttl = app.config.download_url_ttl;
    let url = app
        .files
        .presign_get(
            &object_key,
            &header_value(disposition, &document.file_name),
            &document.content_type,
            ttl,
        )
        .await?;
    Ok((url, clock::stamp(clock::now() + ttl)))
}

/// Moves every share of the document that still shows an older version to the current one,
/// each with its `documentVersionAdded` event telling that contact (in their next digest).
/// Safe to repeat: a share already at the version is left alone and told nothing.
pub async fn show_on_shares(app: &App, document: &DocumentRecord) -> Result<()> {
    let document_id = document.document_id.as_str();
    if !document.is_available() {
        return Ok(());
    }
    let shares: Vec<ShareRecord> = app
        .table
        .query_all(&ShareRecord::of_document(document_id))
        .await?
        .into_iter()
        .filter(|s| s.document.version < document.version)
        .collect();
    if shares.is_empty() {
        return Ok(());
    }
    let grant_keys: Vec<_> = shares
        .iter()
        .map(|s| AccessRecord::key_for(&s.matter_id, &s.contact_id))
        .collect();
    let now = clock::stamp(clock::now());
    let grants: HashMap<String, AccessRecord> = app
        .table
        .batch_get(&grant_keys)
        .await?
        .into_iter()
        .filter(|g: &AccessRecord| g.is_active_at(&now))
        .map(|g| (g.contact_id.clone(), g))
        .collect();
    for share in shares {
        let mut transaction = app.table.transaction();
        let moved = transaction.update(&share.key(), ShareRecord::to_version(document))?;
        let mut event = Event::new(EventType::DocumentVersionAdded, document_actor(document))
            .contact(&share.contact_id, &share.contact_name)
            .document(&document.document_id, &document.file_name)
            .version(document.version, document.sha256.as_deref());
        if let Some(grant) = grants.get(&share.contact_id) {
            event = event.notify(vec![grant.contact()]);
        }
        events::add(&mut transaction, &document.matter_id, event)?;
        match app.table.commit(transaction).await? {
            Transacted::Committed => {}
            // Gone meanwhile, or already moved (by a repeat, or by a later version).
            Transacted::Cancelled(c) if c.failed_condition(moved) => {}
            Transacted::Cancelled(c) => {
                return Err(Error::upstream(
                    "DynamoDB TransactWriteItems (version on share)",
                    c,
                ))
            }
        }
    }
    Ok(())
}

/// Who the per-contact events name: the staff member who added the version.
fn document_actor(document: &DocumentRecord) -> crate::records::Actor {
    let by = document.version_uploader();
    crate::records::Actor::staff(&by.id, &by.name)
}

/// Deletes the bytes and records of every version a document replaced (its current bytes
/// are the document's own); part of a delete, safe to repeat.
pub async fn forget_replaced(app: &App, document: &DocumentRecord) -> Result<()> {
    let replaced = app
        .table
        .query_all(&VersionRecord::of_document(&document.document_id))
        .await?;
    for version in replaced {
        app.files.delete(&version.object_key).await?;
        app.table.delete(&version.key()).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::{document, person};

    #[test]
    fn the_history_is_newest_first_with_the_current_version_marked() {
        let first = document("d", "m");
        let second = first.with_new_version(7, "k2", Some("s2".into()), person("sam"), "t2");
        let replaced = vec![VersionRecord::current_of(&first)];
        let views = history(&second, replaced);
        let numbers: Vec<(u32, bool, u64)> = views
            .iter()
            .map(|v| (v.number, v.current, v.size))
            .collect();
        assert_eq!(numbers, [(2, true, 7), (1, false, 1)]);
        assert_eq!(views[0].uploaded_by, person("sam"));
        assert_eq!(views[1].uploaded_by, first.author);
    }

    #[test]
    fn a_kept_record_at_or_past_the_current_number_is_not_listed_twice() {
        let first = document("d", "m");
        let kept = VersionRecord::current_of(&first);
        assert_eq!(history(&first, vec![kept]).len(), 1);
    }
}
