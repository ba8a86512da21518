//! Every DynamoDB key of the single table, built in one place.
//!
//! | item       | pk              | sk              | gsi1 (contact view)           | gsi2 (matter view)              |
//! |------------|-----------------|-----------------|-------------------------------|---------------------------------|
//! | matter     | MATTER#m        | SETTINGS        |                               | MATTERS / MATTER#title#m        |
//! | access     | MATTER#m        | CONTACT#c       | CONTACT#c / ACCESS#m          | EMAIL#e / ACCESS#m#c            |
//! | document   | DOC#d           | DOC             |                               | MATTER#m / DOC#createdAt#d      |
//! | share      | DOC#d           | SHARE#c         | CONTACT#c / SHARE#sharedAt#d  | MATTER#m / SHARE#sharedAt#d#c   |
//! | session    | SESSION#hash    | SESSION         | CONTACT#c / SESSION#hash      |                                 |
//! | invitation | INVITE#hash     | INVITE          |                               |                                 |
//! | sign-in    | SIGNIN#e        | SIGNIN          |                               |                                 |
//! | deletion   | SWEEP#deletions | DOC#d           |                               |                                 |
//! | event      | EVENTS#m        | EVENT#at#e      | EVENTS#m#CONTACT#c / = sk     | EVENTS#m#DOC#d / = sk           |
//! | digest window | DIGEST#r     | OPEN            |                               |                                 |
//! | digest filed  | DIGEST#r     | FILED#e         |                               |                                 |
//! | digest item   | DIGEST#r#w   | ITEM#e          |                               |                                 |
//! | digest sent   | DIGEST#r#w   | SENT            |                               |                                 |
//!
//! gsi1 and gsi2 give shares newest first for a contact and for a matter. So that every list
//! order pages natively, shares also carry `pairPk` (MATTER#m#CONTACT#c), `nameSk` and
//! `createdSk`, read by seven sparse indexes that hold nothing but shares (see [`INDEXES`]).
//!
//! Ids never contain `#` (see `validate::id`), so prefixes cannot collide.

use crate::model::{
    AccessRecord, DeletionRecord, DigestFiledRecord, DigestItemRecord, DigestSentRecord,
    DigestWindowRecord, DocumentRecord, EventRecord, InvitationRecord, MatterRecord, SessionRecord,
    ShareRecord, SignInRecord, UploadRecord,
};
use std::marker::PhantomData;

pub const PK: &str = "pk";
pub const SK: &str = "sk";
pub const GSI1: &str = "gsi1";
pub const GSI1_PK: &str = "gsi1pk";
pub const GSI1_SK: &str = "gsi1sk";
pub const GSI2: &str = "gsi2";
pub const GSI2_PK: &str = "gsi2pk";
pub const GSI2_SK: &str = "gsi2sk";
/// One contact's shares in one matter.
pub const PAIR_PK: &str = "pairPk";
/// Lower-cased file name, then ids: name order.
pub const NAME_SK: &str = "nameSk";
/// When the document was created, then ids: creation order.
pub const CREATED_SK: &str = "createdSk";
/// DynamoDB TTL attribute (epoch seconds) for invitations and sessions.
pub const TTL: &str = "expiresAtEpoch";

/// Attributes that conditions and partial updates name (the records' camelCase fields).
pub mod attr {
    pub const STATUS: &str = "status";
    pub const MATTER_ID: &str = "matterId";
    pub const SHARED_COUNT: &str = "sharedCount";
    pub const INVITE_HASH: &str = "inviteHash";
    pub const LAST_SEEN_AT: &str = "lastSeenAt";
    pub const REJECTION_REASON: &str = "rejectionReason";
    pub const MATTER_TITLE: &str = "matterTitle";
    pub const OWNER_NAME: &str = "ownerName";
    pub const GRANT_VERSION: &str = "grantVersion";
    pub const LAST_SENT_EPOCH: &str = "lastSentEpoch";
    pub const OPEN_COUNT: &str = "openCount";
    pub const LAST_OPENED_AT: &str = "lastOpenedAt";
    pub const LAST_OPENED_DOCUMENT_ID: &str = "lastOpenedDocumentId";
    pub const LAST_OPENED_FILE_NAME: &str = "lastOpenedFileName";
    pub const DOWNLOAD_COUNT: &str = "downloadCount";
    pub const DOWNLOAD_LIMIT: &str = "downloadLimit";
    pub const EXPIRES_AT: &str = "expiresAt";
    pub const EXPIRY_RECORDED_AT: &str = "expiryRecordedAt";
    pub const WINDOW_ID: &str = "windowId";
    pub const WAKE_QUEUED_AT: &str = "wakeQueuedAt";
    pub const STATE: &str = "state";
    pub const ATTEMPT: &str = "attempt";
    pub const SENT_AT: &str = "sentAt";
    pub const ITEMS: &str = "items";
}

/// The key of one stored record of type `T`: reading it gives back a `T`.
pub struct Key<T> {
    pub pk: String,
    pub sk: String,
    record: PhantomData<fn() -> T>,
}

impl<T> Key<T> {
    fn new(pk: String, sk: impl Into<String>) -> Self {
        Self {
            pk,
            sk: sk.into(),
            record: PhantomData,
        }
    }
}

impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        Self::new(self.pk.clone(), self.sk.clone())
    }
}

impl<T> std::fmt::Debug for Key<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.pk, self.sk)
    }
}

/// A record that knows its own key.
pub trait Record: Sized {
    fn key(&self) -> Key<Self>;
}

macro_rules! record_keys {
    ($($record:ty),*) => {$(
        impl Record for $record {
            fn key(&self) -> Key<Self> {
                Key::new(self.pk.clone(), self.sk.clone())
            }
        }
    )*};
}
record_keys!(
    MatterRecord,
    AccessRecord,
    DocumentRecord,
    ShareRecord,
    SessionRecord,
    InvitationRecord,
    UploadRecord,
    SignInRecord,
    DeletionRecord,
    EventRecord,
    DigestWindowRecord,
    DigestItemRecord,
    DigestFiledRecord,
    DigestSentRecord
);

pub fn matter_key(matter_id: &str) -> Key<MatterRecord> {
    Key::new(matter(matter_id), SETTINGS)
}
pub fn access_key(matter_id: &str, contact_id: &str) -> Key<AccessRecord> {
    Key::new(matter(matter_id), contact(contact_id))
}
pub fn document_key(document_id: &str) -> Key<DocumentRecord> {
    Key::new(document(document_id), DOCUMENT)
}
pub fn share_key(document_id: &str, contact_id: &str) -> Key<ShareRecord> {
    Key::new(document(document_id), share(contact_id))
}
pub fn session_key(token_hash: &str) -> Key<SessionRecord> {
    Key::new(session(token_hash), SESSION)
}
pub fn invitation_key(token_hash: &str) -> Key<InvitationRecord> {
    Key::new(invitation(token_hash), INVITATION)
}
pub fn sign_in_key(address_key: &str) -> Key<SignInRecord> {
    Key::new(sign_in(address_key), SIGN_IN)
}
/// The marker of a document being deleted (see [`DELETIONS`]).
pub fn deletion_key(document_id: &str) -> Key<DeletionRecord> {
    Key::new(DELETIONS.into(), document(document_id))
}
pub fn upload_key(upload_id: &str) -> Key<UploadRecord> {
    Key::new(upload(upload_id), UPLOAD)
}
pub fn event_key(matter_id: &str, at: &str, event_id: &str) -> Key<EventRecord> {
    Key::new(events(matter_id), event(at, event_id))
}
/// A recipient's open digest window (recipient: the address key, `validate::email_key`).
pub fn digest_window_key(recipient: &str) -> Key<DigestWindowRecord> {
    Key::new(digest(recipient), DIGEST_OPEN)
}
pub fn digest_filed_key(recipient: &str, event_id: &str) -> Key<DigestFiledRecord> {
    Key::new(
        digest(recipient),
        format!("{DIGEST_FILED_PREFIX}{event_id}"),
    )
}
pub fn digest_item_key(recipient: &str, window_id: &str, event_id: &str) -> Key<DigestItemRecord> {
    Key::new(
        digest_items(recipient, window_id),
        format!("{DIGEST_ITEM_PREFIX}{event_id}"),
    )
}
pub fn digest_sent_key(recipient: &str, window_id: &str) -> Key<DigestSentRecord> {
    Key::new(digest_items(recipient, window_id), DIGEST_SENT)
}
/// A key no record can have (no `#`), read by the warm-up at init.
pub fn warm_up_key() -> Key<()> {
    Key::new(WARM_UP.into(), WARM_UP)
}

pub const CONTACT_BY_NAME: &str = "contact-name";
pub const CONTACT_BY_CREATED: &str = "contact-created";
pub const MATTER_BY_NAME: &str = "matter-name";
pub const MATTER_BY_CREATED: &str = "matter-created";
pub const PAIR_BY_ACTIVITY: &str = "pair-activity";
pub const PAIR_BY_NAME: &str = "pair-name";
pub const PAIR_BY_CREATED: &str = "pair-created";

/// A global secondary index: its name, partition attribute and sort attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Index {
    pub name: &'static str,
    pub partition: &'static str,
    pub sort: &'static str,
}

/// Every index of the table; the template and the test stack create exactly these.
pub const INDEXES: [Index; 9] = [
    Index {
        name: GSI1,
        partition: GSI1_PK,
        sort: GSI1_SK,
    },
    Index {
        name: GSI2,
        partition: GSI2_PK,
        sort: GSI2_SK,
    },
    Index {
        name: CONTACT_BY_NAME,
        partition: GSI1_PK,
        sort: NAME_SK,
    },
    Index {
        name: CONTACT_BY_CREATED,
        partition: GSI1_PK,
        sort: CREATED_SK,
    },
    Index {
        name: MATTER_BY_NAME,
        partition: GSI2_PK,
        sort: NAME_SK,
    },
    Index {
        name: MATTER_BY_CREATED,
        partition: GSI2_PK,
        sort: CREATED_SK,
    },
    Index {
        name: PAIR_BY_ACTIVITY,
        partition: PAIR_PK,
        sort: GSI1_SK,
    },
    Index {
        name: PAIR_BY_NAME,
        partition: PAIR_PK,
        sort: NAME_SK,
    },
    Index {
        name: PAIR_BY_CREATED,
        partition: PAIR_PK,
        sort: CREATED_SK,
    },
];

pub fn index(name: &str) -> Option<&'static Index> {
    INDEXES.iter().find(|i| i.name == name)
}

pub fn matter(matter_id: &str) -> String {
    format!("MATTER#{matter_id}")
}
pub const SETTINGS: &str = "SETTINGS";
/// The gsi2 partition that lists every matter with portal settings, by title.
pub const MATTERS: &str = "MATTERS";
pub const MATTER_PREFIX: &str = "MATTER#";
pub fn matter_by_title(title: &str, matter_id: &str) -> String {
    format!("{MATTER_PREFIX}{}#{matter_id}", title.to_lowercase())
}

pub fn contact(contact_id: &str) -> String {
    format!("CONTACT#{contact_id}")
}
pub fn access_in_contact_view(matter_id: &str) -> String {
    format!("ACCESS#{matter_id}")
}
pub const ACCESS_PREFIX: &str = "ACCESS#";
pub const CONTACT_PREFIX: &str = "CONTACT#";
pub fn email(email_key: &str) -> String {
    format!("EMAIL#{email_key}")
}
pub fn access_by_email(matter_id: &str, contact_id: &str) -> String {
    format!("ACCESS#{matter_id}#{contact_id}")
}

pub fn document(document_id: &str) -> String {
    format!("DOC#{document_id}")
}
pub const DOCUMENT: &str = "DOC";
pub const DOCUMENT_PREFIX: &str = "DOC#";
pub fn document_in_matter(created_at: &str, document_id: &str) -> String {
    format!("DOC#{created_at}#{document_id}")
}

pub fn share(contact_id: &str) -> String {
    format!("SHARE#{contact_id}")
}
pub const SHARE_PREFIX: &str = "SHARE#";
pub fn share_in_contact_view(shared_at: &str, document_id: &str) -> String {
    format!("SHARE#{shared_at}#{document_id}")
}
pub fn share_in_matter(shared_at: &str, document_id: &str, contact_id: &str) -> String {
    format!("SHARE#{shared_at}#{document_id}#{contact_id}")
}
pub fn pair(matter_id: &str, contact_id: &str) -> String {
    format!("MATTER#{matter_id}#CONTACT#{contact_id}")
}
/// Name order ignores case. The name is cut to 200 characters so the key stays under
/// DynamoDB's 1,024-byte limit; the separator sorts below any character a file name may
/// hold (control characters are refused), so "ab" comes before "ab c".
pub fn share_by_name(file_name: &str, document_id: &str, contact_id: &str) -> String {
    let name: String = file_name.to_lowercase().chars().take(200).collect();
    format!("{name}\u{1}{document_id}\u{1}{contact_id}")
}
pub fn share_by_created(created_at: &str, document_id: &str, contact_id: &str) -> String {
    format!("{created_at}#{document_id}#{contact_id}")
}

pub fn session(token_hash: &str) -> String {
    format!("SESSION#{token_hash}")
}
pub const SESSION: &str = "SESSION";
pub const SESSION_PREFIX: &str = "SESSION#";
pub fn session_in_contact_view(token_hash: &str) -> String {
    format!("{SESSION_PREFIX}{token_hash}")
}

pub fn invitation(token_hash: &str) -> String {
    format!("INVITE#{token_hash}")
}
pub const INVITATION: &str = "INVITE";

/// One partition holding a marker per document marked `deleting`, so that the sweep finds
/// every unfinished delete with one strongly consistent query (an index could not be read
/// consistently). A firm deletes a few documents a minute at most: one partition is plenty.
pub const DELETIONS: &str = "SWEEP#deletions";
pub fn sign_in(address_key: &str) -> String {
    format!("SIGNIN#{address_key}")
}
pub const SIGN_IN: &str = "SIGNIN";

/// A matter's event log, newest first by its sort key.
pub fn events(matter_id: &str) -> String {
    format!("EVENTS#{matter_id}")
}
pub const EVENT_PREFIX: &str = "EVENT#";
pub fn event(at: &str, event_id: &str) -> String {
    format!("{EVENT_PREFIX}{at}#{event_id}")
}
/// One contact's events in one matter (gsi1).
pub fn events_of_contact(matter_id: &str, contact_id: &str) -> String {
    format!("EVENTS#{matter_id}#CONTACT#{contact_id}")
}
/// One document's events (gsi2).
pub fn events_of_document(matter_id: &str, document_id: &str) -> String {
    format!("EVENTS#{matter_id}#DOC#{document_id}")
}

/// A recipient's digest partition: the open window's pointer and what was filed.
pub fn digest(recipient: &str) -> String {
    format!("DIGEST#{recipient}")
}
/// One window of a recipient: its items and its send marker. Its sort keys (`ITEM#`,
/// `SENT`) never occur in a [`digest`] partition (`OPEN`, `FILED#`), so an address holding
/// `#` cannot make one key stand for two records.
pub fn digest_items(recipient: &str, window_id: &str) -> String {
    format!("DIGEST#{recipient}#{window_id}")
}
pub const DIGEST_OPEN: &str = "OPEN";
pub const DIGEST_SENT: &str = "SENT";
pub const DIGEST_ITEM_PREFIX: &str = "ITEM#";
pub const DIGEST_FILED_PREFIX: &str = "FILED#";

/// The key `Table::warm_up` reads: no `#`, so no record can ever have it.
pub const WARM_UP: &str = "WARM-UP";

/// A new random id for a document or an upload (an upload's id becomes its document's).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Where a document's bytes live: server-generated, never the user's file name.
pub fn object_key(matter_id: &str, document_id: &str) -> String {
    format!("matters/{matter_id}/documents/{document_id}")
}

pub fn upload(upload_id: &str) -> String {
    format!("UPLOAD#{upload_id}")
}
pub const UPLOAD: &str = "UPLOAD";

/// Where a contact's upload lands; the upload id becomes the document id once attached.
pub fn upload_object_key(matter_id: &str, upload_id: &str) -> String {
    format!("matters/{matter_id}/uploads/{upload_id}")
}

/// What an object key in the bucket stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObjectRef {
    FirmDocument {
        matter_id: String,
        document_id: String,
    },
    PortalUpload {
        matter_id: String,
        upload_id: String,
    },
}

/// Parses a key this service generated; anything else is `None`.
pub fn parse_object_key(key: &str) -> Option<ObjectRef> {
    let parts: Vec<&str> = key.split('/').collect();
    let valid = |s: &str| crate::validate::id("key", s).is_ok();
    match parts.as_slice() {
        ["matters", m, "documents", d] if valid(m) && valid(d) => Some(ObjectRef::FirmDocument {
            matter_id: m.to_string(),
            document_id: d.to_string(),
        }),
        ["matters", m, "uploads", u] if valid(m) && valid(u) => Some(ObjectRef::PortalUpload {
            matter_id: m.to_string(),
            upload_id: u.to_string(),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_sort_like_the_names_ignoring_case() {
        let names = ["ab", "AB c", "ab-c", "Abd", "b", "\u{e9}t\u{e9}.pdf"];
        let mut keys: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| share_by_name(n, &format!("d{}", 9 - i), "c"))
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
        let key = share_by_name(&"\u{130}".repeat(255), &"d".repeat(64), &"c".repeat(64));
        assert!(key.len() < 1024, "{}", key.len());
    }

    #[test]
    fn every_index_is_named_once_and_found() {
        for i in INDEXES {
            assert_eq!(index(i.name), Some(&i));
            assert_eq!(INDEXES.iter().filter(|j| j.name == i.name).count(), 1);
        }
        assert_eq!(index("nope"), None);
    }

    #[test]
    fn object_keys_are_server_generated_and_parse_back() {
        assert_eq!(object_key("m1", "d1"), "matters/m1/documents/d1");
        assert_eq!(
            parse_object_key(&object_key("m1", "d1")),
            Some(ObjectRef::FirmDocument {
                matter_id: "m1".into(),
                document_id: "d1".into()
            })
        );
        assert_eq!(
            parse_object_key(&upload_object_key("m1", "u1")),
            Some(ObjectRef::PortalUpload {
                matter_id: "m1".into(),
                upload_id: "u1".into()
            })
        );
        for other in [
            "",
            "matters/m1",
            "matters/m 1/uploads/u",
            "quarantine/matters/m/uploads/u",
            "matters/m/uploads/u/x",
        ] {
            assert_eq!(parse_object_key(other), None, "{other}");
        }
    }
}
