//! Stored records: one module per kind, each with its fields (the table's attribute names,
//! camelCase like the API), its key and index attributes (`store::Stored`), its
//! constructors and the queries that read it. Services build records here and never name a
//! key or index attribute.
//!
//! A field copied from one record onto another is copied in one named place:
//! [`share::DocumentCopy`] (a document's facts on each of its shares) and
//! [`access::MatterCopy`] (a matter's title and owner on each of its grants).

pub mod access;
pub mod appointment;
pub mod bill;
pub mod deletion;
pub mod delivery;
pub mod digest;
pub mod document;
pub mod event;
pub mod folder;
pub mod mail;
pub mod matter;
pub mod message;
pub mod session;
pub mod share;
pub mod task;
pub mod upload;
pub mod version;

pub use access::{AccessRecord, AccessStatus, MatterCopy, NotificationChoice};
pub use appointment::{AppointmentContent, AppointmentRecord};
pub use bill::{BillKind, BillPdf, BillRecord, BillState};
pub use deletion::DeletionRecord;
pub use delivery::{DeliveryRecord, ItemKind};
pub use digest::{
    DigestFiledRecord, DigestItemRecord, DigestSentRecord, DigestState, DigestWindowRecord,
};
pub use document::{DocumentRecord, DocumentStatus, Origin};
pub use event::{Actor, ActorKind, Event, EventRecord, EventSubject, EventType, Particulars};
pub use folder::{FolderEntryRecord, FolderRecord, FolderShareRecord};
pub use mail::{MailJob, MailRequestKind, MailRequestRecord};
pub use matter::{MatterRecord, MatterTallyRecord, RecountCursorRecord, Tally};
pub use message::{AttachmentCopy, ConversationRecord, MessageRecord};
pub use session::{InvitationPurpose, InvitationRecord, SessionRecord, SignInRecord};
pub use share::{DocumentCopy, ShareRecord};
pub use task::{TaskRecord, TaskState};
pub use upload::{Declaration, UploadPurpose, UploadRecord, UploadStatus};
pub use version::VersionRecord;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: String,
    pub email: String,
    pub name: String,
}

/// A new random id for a document, an upload, an event or a window (an upload's id
/// becomes its document's).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The record of type `T` a stream image holds when its keys start with these prefixes;
/// `None` for any other record. The keys are read in place: only a record of this type is
/// copied out to be decoded (each stream record is asked once per kind it may be).
pub(crate) fn stream_image<T: serde::de::DeserializeOwned>(
    image: &serde_dynamo::Item,
    pk_prefix: &str,
    sk_prefix: &str,
) -> crate::Result<Option<T>> {
    let key = |name: &str| match image.get(name) {
        Some(serde_dynamo::AttributeValue::S(value)) => Some(value.as_str()),
        _ => None,
    };
    let ours = key("pk").is_some_and(|pk| pk.starts_with(pk_prefix))
        && key("sk").is_some_and(|sk| sk.starts_with(sk_prefix));
    if !ours {
        return Ok(None);
    }
    serde_dynamo::from_item(image.clone())
        .map(Some)
        .map_err(|e| crate::Error::internal_from("a record in the table's stream", e))
}

/// Partitions several kinds of record share (a matter's, a contact's).
pub(crate) fn matter_partition(matter_id: &str) -> String {
    format!("MATTER#{matter_id}")
}

pub(crate) fn contact_partition(contact_id: &str) -> String {
    format!("CONTACT#{contact_id}")
}

/// Attributes that conditions and partial updates name (the records' camelCase fields).
pub mod attr {
    pub const STATUS: &str = "status";
    pub const REMINDED_ON: &str = "remindedOn";
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
    pub const INVITATION_SENT_AT: &str = "invitationSentAt";
    pub const INVITATION_REQUESTED_AT: &str = "invitationRequestedAt";
    pub const LANGUAGE: &str = "language";
    pub const NOTIFICATIONS: &str = "notifications";
    pub const WINDOW_ID: &str = "windowId";
    pub const WAKE_QUEUED_AT: &str = "wakeQueuedAt";
    pub const STATE: &str = "state";
    pub const ATTEMPT: &str = "attempt";
    pub const SENT_AT: &str = "sentAt";
    pub const ITEMS: &str = "items";
    pub const CONTACTS: &str = "contacts";
    pub const DOCUMENTS: &str = "documents";
    pub const LAST_ACTIVITY_AT: &str = "lastActivityAt";
    pub const VERSION: &str = "version";
    pub const IN_MESSAGES: &str = "inMessages";
    pub const SIZE: &str = "size";
    pub const SHA256: &str = "sha256";
    pub const OPENED_VERSION: &str = "openedVersion";
    pub const DOCUMENT_COUNT: &str = "documentCount";
    pub const NAME: &str = "name";
    pub const FOLDER_ID: &str = "folderId";
    pub const FOLDER_NAME: &str = "folderName";
    pub const DIRECT: &str = "direct";
    pub const VIA_FOLDER: &str = "viaFolder";
    pub const REVISION: &str = "revision";
    pub const SEQUENCE: &str = "sequence";
}

/// An enum stored as a word: serde's form, `as_str`, `parse`, `ALL`, and a condition
/// value, all from the one list of variants and words.
macro_rules! stored_words {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $word)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored form, as serde writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == raw)
            }
        }

        impl From<$name> for crate::store::Value {
            fn from(v: $name) -> Self {
                v.as_str().into()
            }
        }
    };
}
pub(crate) use stored_words;

#[cfg(test)]
pub(crate) mod fixtures {
    //! Records as the unit tests of rules want them, with every other field plain.
    use super::*;

    pub fn person(id: &str) -> Person {
        Person {
            id: id.into(),
            email: format!("{id}@example.com"),
            name: id.to_uppercase(),
        }
    }

    pub fn document(id: &str, matter: &str) -> DocumentRecord {
        DocumentRecord {
            document_id: id.into(),
            matter_id: matter.into(),
            file_name: format!("{id}.pdf"),
            content_type: "application/pdf".into(),
            size: 1,
            sha256: None,
            status: DocumentStatus::Available,
            origin: Origin::Firm,
            author: person("owner"),
            uploaded_by: None,
            object_key: format!("matters/{matter}/uploads/{id}"),
            created_at: "2026-01-01T00:00:00.000000Z".into(),
            activity_at: "2026-01-01T00:00:00.000000Z".into(),
            rejection_reason: None,
            version: 1,
            version_by: None,
            version_at: None,
            folder_id: None,
            folder_name: None,
        }
    }

    /// Something sent to contact c1 (named C1) by staff s1 at `at`, with no note.
    pub fn delivery(kind: ItemKind, item: &str, matter: &str, at: &str) -> DeliveryRecord {
        DeliveryRecord {
            kind,
            item_id: item.into(),
            matter_id: matter.into(),
            contact_id: "c1".into(),
            contact_name: "C1".into(),
            sent_at: at.into(),
            sent_by: person("s1"),
            message: None,
        }
    }

    /// An open task due 2027-01-05, asking for no document.
    pub fn task(id: &str, matter: &str, contact: &str) -> TaskRecord {
        TaskRecord {
            task_id: id.into(),
            matter_id: matter.into(),
            contact_id: contact.into(),
            contact_name: contact.to_uppercase(),
            title: format!("Task {id}"),
            description: None,
            due_on: "2027-01-05".into(),
            document_wanted: None,
            status: TaskState::Open,
            done_at: None,
            document_id: None,
            reminded_on: None,
            created_at: "2026-01-01T00:00:00.000000Z".into(),
            created_by: person("s1"),
        }
    }

    pub fn grant(matter: &str, contact: &str) -> AccessRecord {
        AccessRecord {
            matter_id: matter.into(),
            contact_id: contact.into(),
            email: format!("{contact}@client.example"),
            name: contact.to_uppercase(),
            can_download: true,
            shared_count: 0,
            status: AccessStatus::Active,
            granted_at: "2026-01-01T00:00:00.000000Z".into(),
            granted_by: "staff".into(),
            last_seen_at: None,
            invite_hash: None,
            invitation_sent_at: None,
            invitation_requested_at: None,
            language: None,
            notifications: None,
            matter: MatterCopy {
                matter_title: format!("Matter {matter}"),
                owner_name: "Owner".into(),
            },
            grant_version: "v1".into(),
            expires_at: None,
            expiry_recorded_at: None,
            last_opened_document_id: None,
            last_opened_file_name: None,
            last_opened_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Stored;

    #[test]
    fn stored_words_are_what_serde_writes_and_parse_back() {
        fn check<T: Copy + Serialize + PartialEq + std::fmt::Debug>(
            all: &[T],
            word: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            for &v in all {
                assert_eq!(serde_json::to_value(v).ok(), Some(word(v).into()));
                assert_eq!(parse(word(v)), Some(v));
            }
        }
        check(AccessStatus::ALL, AccessStatus::as_str, AccessStatus::parse);
        check(
            DocumentStatus::ALL,
            DocumentStatus::as_str,
            DocumentStatus::parse,
        );
        check(UploadStatus::ALL, UploadStatus::as_str, UploadStatus::parse);
        check(
            UploadPurpose::ALL,
            UploadPurpose::as_str,
            UploadPurpose::parse,
        );
        check(EventType::ALL, EventType::as_str, EventType::parse);
        check(DigestState::ALL, DigestState::as_str, DigestState::parse);
        check(Origin::ALL, Origin::as_str, Origin::parse);
        check(BillKind::ALL, BillKind::as_str, BillKind::parse);
        check(BillState::ALL, BillState::as_str, BillState::parse);
        check(ItemKind::ALL, ItemKind::as_str, ItemKind::parse);
        assert_eq!(EventType::parse("nope"), None);
    }

    #[test]
    fn a_record_written_carries_its_key_and_index_attributes_and_reads_back_without_them() {
        let grant = fixtures::grant("m1", "c1");
        let item = crate::store::to_item(&grant).expect("item");
        let text = |name: &str| item.get(name).and_then(|v| v.as_s().ok()).cloned();
        assert_eq!(text("pk").as_deref(), Some("MATTER#m1"));
        assert_eq!(text("sk").as_deref(), Some("CONTACT#c1"));
        assert_eq!(text("gsi1pk").as_deref(), Some("CONTACT#c1"));
        assert_eq!(text("gsi2pk").as_deref(), Some("EMAIL#c1@client.example"));
        // The copied matter fields sit beside the grant's own, as conditions name them.
        assert_eq!(text("matterTitle").as_deref(), Some("Matter m1"));
        let back: AccessRecord = crate::store::from_item(item).expect("record");
        assert_eq!(back.key(), grant.key());
        assert_eq!(back.matter, grant.matter);
    }
}
