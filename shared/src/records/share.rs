//! A document shared with one contact: what the contact sees of it, and their opens and
//! downloads of it.

use super::document::{document_partition, DocumentRecord};
use super::{attr, contact_partition, matter_partition, Origin, Person};
use crate::store::layout::{
    CONTACT_BY_CREATED, CONTACT_BY_NAME, GSI1, GSI2, MATTER_BY_CREATED, MATTER_BY_NAME,
    PAIR_BY_ACTIVITY, PAIR_BY_CREATED, PAIR_BY_NAME,
};
use crate::store::{Change, Condition, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};

/// The document's facts as each of its shares carries them, so that lists need no
/// per-item lookups. Copied here and nowhere else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentCopy {
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uploaded_by: Option<Person>,
    pub document_created_at: String,
    /// The document's current version, which every link of the share opens.
    #[serde(default = "super::document::first_version")]
    pub version: u32,
    /// The folder it is in, for the portal's grouping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder_name: Option<String>,
}

impl DocumentCopy {
    pub fn of(document: &DocumentRecord) -> Self {
        Self {
            file_name: document.file_name.clone(),
            content_type: document.content_type.clone(),
            size: document.size,
            sha256: document.sha256.clone(),
            origin: document.origin,
            uploaded_by: document.uploaded_by.clone(),
            document_created_at: document.created_at.clone(),
            version: document.version,
            folder_id: document.folder_id.clone(),
            folder_name: document.folder_name.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareRecord {
    pub document_id: String,
    pub matter_id: String,
    pub contact_id: String,
    pub contact_name: String,
    #[serde(flatten)]
    pub document: DocumentCopy,
    pub shared_at: String,
    pub shared_by: String,
    /// When it was shared: the activity order's key (gsi1sk, gsi2sk) is built from it.
    pub activity_at: String,
    /// View and download links this contact took for it, and when last (written with the
    /// link's event).
    #[serde(default)]
    pub open_count: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_opened_at: Option<String>,
    /// The version the contact last opened (none: never opened, or opened before versions
    /// were recorded, which was version 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_version: Option<u32>,
    /// Download links taken, and the most this share allows (none: no limit).
    #[serde(default)]
    pub download_count: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_limit: Option<i64>,
    /// A message in the contact's conversation carries or names it: when the share goes,
    /// those messages are marked "attachment removed" (and only then is the conversation read).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_messages: bool,
    /// Why the contact has it: shared directly, through a folder share (`viaFolder`), or
    /// both. It goes when neither holds any more.
    #[serde(default = "shared_directly")]
    pub direct: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via_folder: Option<String>,
}

fn shared_directly() -> bool {
    true
}

/// Whose shares a list shows.
#[derive(Clone, Copy, Debug)]
pub enum Shares<'a> {
    /// A contact's, across every matter (the portal).
    OfContact(&'a str),
    /// Everyone's in one matter (the Sharing section).
    InMatter(&'a str),
    /// One contact's in one matter (either list, filtered).
    OfContactInMatter(&'a str, &'a str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// File name, case-insensitive.
    Name,
    /// When it was shared with the contact (the portal's "newest first").
    Activity,
    /// When the document was created in the matter.
    Created,
}

const SHARE_PREFIX: &str = "SHARE#";

fn share_sort(contact_id: &str) -> String {
    format!("{SHARE_PREFIX}{contact_id}")
}

fn pair(matter_id: &str, contact_id: &str) -> String {
    format!("MATTER#{matter_id}#CONTACT#{contact_id}")
}

impl ShareRecord {
    /// A new share of `document` with a contact, sharing the document's facts.
    pub fn new(
        document: &DocumentRecord,
        contact: &Person,
        shared_by: &str,
        now: &str,
        download_limit: Option<i64>,
    ) -> Self {
        Self {
            document_id: document.document_id.clone(),
            matter_id: document.matter_id.clone(),
            contact_id: contact.id.clone(),
            contact_name: contact.name.clone(),
            document: DocumentCopy::of(document),
            shared_at: now.into(),
            shared_by: shared_by.into(),
            activity_at: now.into(),
            open_count: 0,
            last_opened_at: None,
            opened_version: None,
            download_count: 0,
            download_limit,
            in_messages: false,
            direct: true,
            via_folder: None,
        }
    }

    /// The same share made by a folder share (not shared directly).
    pub fn through_folder(self, folder_id: &str) -> Self {
        Self {
            direct: false,
            via_folder: Some(folder_id.into()),
            ..self
        }
    }

    /// Now shared directly too (or again), while it exists.
    pub fn mark_direct() -> Change {
        Change::new()
            .set(attr::DIRECT, true)
            .when(Condition::exists())
    }

    /// No longer shared directly; it stays through its folder share.
    pub fn unmark_direct(folder_id: &str) -> Change {
        Change::new()
            .set(attr::DIRECT, false)
            .when(Condition::equals(attr::VIA_FOLDER, folder_id))
    }

    /// Now also through `folder_id`'s share, while it exists.
    pub fn mark_via(folder_id: &str) -> Change {
        Change::new()
            .set(attr::VIA_FOLDER, folder_id)
            .when(Condition::exists())
    }

    /// No longer through `folder_id`'s share; it stays, shared directly.
    pub fn unmark_via(folder_id: &str) -> Change {
        Change::new().remove(attr::VIA_FOLDER).when(
            Condition::equals(attr::VIA_FOLDER, folder_id).and(Condition::either(
                Condition::missing(attr::DIRECT),
                Condition::equals(attr::DIRECT, true),
            )),
        )
    }

    /// The document's folder as this share's copy shows it (none: out of every folder).
    pub fn copy_folder(folder: Option<(&str, &str)>) -> Change {
        super::document::in_folder(folder).when(Condition::exists())
    }

    /// Whether stopping `folder_id`'s share takes it away (it was not shared directly).
    pub fn only_through(&self, folder_id: &str) -> bool {
        !self.direct && self.via_folder.as_deref() == Some(folder_id)
    }

    pub fn key_for(document_id: &str, contact_id: &str) -> Key<Self> {
        Key::new(document_partition(document_id), share_sort(contact_id))
    }

    /// Noted as carried or named by a message (see `in_messages`); only while it exists.
    pub fn in_messages_change() -> Change {
        Change::new()
            .set(attr::IN_MESSAGES, true)
            .when(Condition::exists())
    }

    /// The share's copy moves to `document`'s current version, unless it is gone or already
    /// there (or past it: a later version's copy landed first).
    pub fn to_version(document: &DocumentRecord) -> Change {
        let mut change = Change::new()
            .set(attr::SIZE, document.size as i64)
            .set(attr::VERSION, i64::from(document.version));
        change = match &document.sha256 {
            Some(sha256) => change.set(attr::SHA256, sha256.as_str()),
            None => change.remove(attr::SHA256),
        };
        let behind = Condition::either(
            Condition::missing(attr::VERSION),
            Condition::below(attr::VERSION, i64::from(document.version)),
        );
        change.when(Condition::exists().and(behind))
    }

    /// Every share of one document.
    pub fn of_document(document_id: &str) -> Query<Self> {
        Query::table(document_partition(document_id), SHARE_PREFIX)
    }

    /// The index and partition holding these shares already in `sort` order, so that every
    /// page is read natively, whatever the matter holds.
    pub fn listed(shares: Shares<'_>, sort: SortBy) -> Query<Self> {
        match (shares, sort) {
            (Shares::OfContact(c), SortBy::Activity) => {
                Query::index(&GSI1, contact_partition(c), SHARE_PREFIX)
            }
            (Shares::OfContact(c), SortBy::Name) => {
                Query::sparse_index(&CONTACT_BY_NAME, contact_partition(c))
            }
            (Shares::OfContact(c), SortBy::Created) => {
                Query::sparse_index(&CONTACT_BY_CREATED, contact_partition(c))
            }
            (Shares::InMatter(m), SortBy::Activity) => {
                Query::index(&GSI2, matter_partition(m), SHARE_PREFIX)
            }
            (Shares::InMatter(m), SortBy::Name) => {
                Query::sparse_index(&MATTER_BY_NAME, matter_partition(m))
            }
            (Shares::InMatter(m), SortBy::Created) => {
                Query::sparse_index(&MATTER_BY_CREATED, matter_partition(m))
            }
            (Shares::OfContactInMatter(c, m), sort) => {
                let index = match sort {
                    SortBy::Activity => &PAIR_BY_ACTIVITY,
                    SortBy::Name => &PAIR_BY_NAME,
                    SortBy::Created => &PAIR_BY_CREATED,
                };
                Query::sparse_index(index, pair(m, c))
            }
        }
    }

    /// Download links left under its limit; none when there is no limit.
    pub fn downloads_left(&self) -> Option<i64> {
        self.download_limit
            .map(|limit| (limit - self.download_count).max(0))
    }

    /// Whether its download limit is used up.
    pub fn limit_reached(&self) -> bool {
        self.downloads_left() == Some(0)
    }

    /// Opened at least once, but not since the document's current version came.
    pub fn is_updated_since_opened(&self) -> bool {
        self.open_count > 0 && self.opened_version.unwrap_or(1) < self.document.version
    }

    /// One more opening of `version` at `now`; a download also takes one from the limit (a
    /// limit counts every version), refused (the condition fails) once it is reached.
    pub fn count_opening(&self, now: &str, version: u32, download: bool) -> Change {
        let mut change = Change::new()
            .add(attr::OPEN_COUNT, 1)
            .set(attr::LAST_OPENED_AT, now)
            .set(attr::OPENED_VERSION, i64::from(version))
            .when(Condition::exists());
        if download {
            change = change.add(attr::DOWNLOAD_COUNT, 1);
            if self.download_limit.is_some() {
                change = change.when(Condition::below_attribute(
                    attr::DOWNLOAD_COUNT,
                    attr::DOWNLOAD_LIMIT,
                ));
            }
        }
        change
    }
}

impl Stored for ShareRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.document_id, &self.contact_id)
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        let (d, c) = (&self.document_id, &self.contact_id);
        // Name order ignores case. The name is cut to 200 characters so the key stays under
        // DynamoDB's 1,024-byte limit; the separator sorts below any character a file name
        // may hold (control characters are refused), so "ab" comes before "ab c".
        let name: String = self
            .document
            .file_name
            .to_lowercase()
            .chars()
            .take(200)
            .collect();
        vec![
            (GSI1.partition, contact_partition(c)),
            (GSI1.sort, format!("{SHARE_PREFIX}{}#{d}", self.activity_at)),
            (GSI2.partition, matter_partition(&self.matter_id)),
            (
                GSI2.sort,
                format!("{SHARE_PREFIX}{}#{d}#{c}", self.activity_at),
            ),
            (PAIR_BY_NAME.partition, pair(&self.matter_id, c)),
            (PAIR_BY_NAME.sort, format!("{name}\u{1}{d}\u{1}{c}")),
            (
                PAIR_BY_CREATED.sort,
                format!("{}#{d}#{c}", self.document.document_created_at),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::{document, person};

    fn share_named(name: &str, d: &str) -> ShareRecord {
        let mut doc = document(d, "m");
        doc.file_name = name.into();
        ShareRecord::new(&doc, &person("c"), "s", "t", None)
    }

    fn name_key(share: &ShareRecord) -> String {
        let keys = share.index_keys();
        keys.iter()
            .find(|(n, _)| *n == PAIR_BY_NAME.sort)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    #[test]
    fn name_keys_sort_like_the_names_ignoring_case() {
        let names = ["ab", "AB c", "ab-c", "Abd", "b", "\u{e9}t\u{e9}.pdf"];
        let mut keys: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| name_key(&share_named(n, &format!("d{}", 9 - i))))
            .collect();
        keys.sort();
        let sorted: Vec<&str> = keys
            .iter()
            .map(|k| k.split('\u{1}').next().unwrap_or(""))
            .collect();
        assert_eq!(
            sorted,
            ["ab", "ab c", "ab-c", "abd", "b", "\u{e9}t\u{e9}.pdf"]
        );
    }

    #[test]
    fn long_names_keep_keys_under_the_index_limit() {
        let mut doc = document(&"d".repeat(64), "m");
        doc.file_name = "\u{130}".repeat(255);
        let share = ShareRecord::new(&doc, &person(&"c".repeat(64)), "s", "t", None);
        assert!(name_key(&share).len() < 1024);
    }

    #[test]
    fn a_share_copies_the_documents_facts() {
        let mut doc = document("d", "m");
        doc.origin = Origin::Portal;
        doc.uploaded_by = Some(person("c"));
        let share = ShareRecord::new(&doc, &person("c"), "s", "now", Some(3));
        assert_eq!(share.document, DocumentCopy::of(&doc));
        assert_eq!(share.document.document_created_at, doc.created_at);
        assert_eq!(
            (share.shared_at.as_str(), share.downloads_left()),
            ("now", Some(3))
        );
    }

    #[test]
    fn downloads_left_never_go_below_zero() {
        let mut share = share_named("a", "d");
        assert_eq!(
            (share.downloads_left(), share.limit_reached()),
            (None, false)
        );
        share.download_limit = Some(2);
        share.download_count = 3;
        assert_eq!(
            (share.downloads_left(), share.limit_reached()),
            (Some(0), true)
        );
    }

    #[test]
    fn every_list_and_order_reads_an_index_already_in_that_order() {
        let cases = [
            (
                Shares::OfContact("c"),
                SortBy::Activity,
                ("gsi1", "CONTACT#c", Some("SHARE#")),
            ),
            (
                Shares::OfContact("c"),
                SortBy::Name,
                ("contact-name", "CONTACT#c", None),
            ),
            (
                Shares::OfContact("c"),
                SortBy::Created,
                ("contact-created", "CONTACT#c", None),
            ),
            (
                Shares::InMatter("m"),
                SortBy::Activity,
                ("gsi2", "MATTER#m", Some("SHARE#")),
            ),
            (
                Shares::InMatter("m"),
                SortBy::Name,
                ("matter-name", "MATTER#m", None),
            ),
            (
                Shares::InMatter("m"),
                SortBy::Created,
                ("matter-created", "MATTER#m", None),
            ),
            (
                Shares::OfContactInMatter("c", "m"),
                SortBy::Activity,
                ("pair-activity", "MATTER#m#CONTACT#c", None),
            ),
            (
                Shares::OfContactInMatter("c", "m"),
                SortBy::Name,
                ("pair-name", "MATTER#m#CONTACT#c", None),
            ),
            (
                Shares::OfContactInMatter("c", "m"),
                SortBy::Created,
                ("pair-created", "MATTER#m#CONTACT#c", None),
            ),
        ];
        for (shares, sort, (index, partition, prefix)) in cases {
            let query = ShareRecord::listed(shares, sort);
            let spec = query.spec();
            assert_eq!(
                (
                    spec.index,
                    spec.partition.as_str(),
                    spec.sort_prefix.as_deref()
                ),
                (Some(index), partition, prefix),
                "{shares:?} {sort:?}"
            );
        }
    }
}
