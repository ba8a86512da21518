//! One entry of a matter's event log, written in the transaction of the change it records,
//! and [`Event`], how services describe one before it is written.

use super::{new_id, stored_words, Person};
use crate::store::layout::{GSI1, GSI2};
use crate::store::{indexed_as, IndexKey, Key, Query, Stored};
use serde::{Deserialize, Serialize};

stored_words! {
    /// What happened, as the event log names it.
    pub enum EventType {
        AccessGranted = "accessGranted",
        /// Name or download permission changed (same address).
        AccessUpdated = "accessUpdated",
        AddressChanged = "addressChanged",
        AccessRevoked = "accessRevoked",
        AccessExpired = "accessExpired",
        InvitationSent = "invitationSent",
        SignedIn = "signedIn",
        SignedOut = "signedOut",
        DocumentShared = "documentShared",
        ShareStopped = "shareStopped",
        DocumentDeleted = "documentDeleted",
        DocumentViewed = "documentViewed",
        DocumentDownloaded = "documentDownloaded",
        UploadAttached = "uploadAttached",
        UploadRejected = "uploadRejected",
        NotificationSent = "notificationSent",
        MessagePosted = "messagePosted",
        /// The log keeps that a message was deleted, never its text.
        MessageDeleted = "messageDeleted",
        /// A document's new version: once for the matter (by its uploader), then once per
        /// contact it is shared with (who hears of it in their digest).
        DocumentVersionAdded = "documentVersionAdded",
        /// Folders: the folder's name is the event's detail.
        FolderCreated = "folderCreated",
        FolderRenamed = "folderRenamed",
        FolderDeleted = "folderDeleted",
        /// A document into a folder (the detail names it) or out of every folder.
        DocumentMoved = "documentMoved",
        /// A folder shared with a contact, or no longer: its documents follow.
        FolderShared = "folderShared",
        FolderShareStopped = "folderShareStopped",
        /// Bills and trust requests: the detail names it ("Bill 1042"). Created is the
        /// firm's; sent and updated are written once per contact it was sent to, who hears
        /// of it in their digest.
        BillCreated = "billCreated",
        BillSent = "billSent",
        BillUpdated = "billUpdated",
        /// Calendar events: the detail names it and when. Shared, changed and cancelled are
        /// written once per contact it is shared with, who hears of it in their digest.
        AppointmentCreated = "appointmentCreated",
        AppointmentShared = "appointmentShared",
        /// Its start or end changed ("Event moved"); changed: anything else.
        AppointmentMoved = "appointmentMoved",
        AppointmentChanged = "appointmentChanged",
        AppointmentCancelled = "appointmentCancelled",
        /// Tasks: the detail names it and its due date. Assigned and due soon are told to
        /// the contact it is given to; done (by them, or by their upload of the document it
        /// asks for) to the firm.
        TaskAssigned = "taskAssigned",
        TaskDone = "taskDone",
        /// Written once per task by the scheduled pass on the day before it is due.
        TaskDueSoon = "taskDueSoon",
        /// Staff took a task back (given by mistake): it leaves the contact's portal.
        TaskWithdrawn = "taskWithdrawn",
        /// A contact chose how the portal writes to them (the detail says what, e.g. the
        /// language): once per matter their session reaches.
        PreferencesChanged = "preferencesChanged",
    }
}

impl EventType {
    /// Events the outbox turns into digest emails.
    pub fn is_notifiable(self) -> bool {
        matches!(
            self,
            Self::DocumentShared
                | Self::UploadAttached
                // Only an upload that failed its malware scan names anyone to tell.
                | Self::UploadRejected
                | Self::MessagePosted
                | Self::DocumentVersionAdded
                | Self::BillSent
                | Self::BillUpdated
                | Self::AppointmentShared
                | Self::AppointmentMoved
                | Self::AppointmentChanged
                | Self::AppointmentCancelled
                | Self::TaskAssigned
                | Self::TaskDone
                | Self::TaskDueSoon
        )
    }
}

stored_words! {
    pub enum ActorKind {
        Staff = "staff",
        Contact = "contact",
        /// The service itself: the upload trigger, the expiry check, the digest sender.
        System = "system",
    }
}

/// Who did it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub kind: ActorKind,
    pub id: String,
    pub name: String,
}

impl Actor {
    pub fn staff(id: &str, name: &str) -> Self {
        Self {
            kind: ActorKind::Staff,
            id: id.into(),
            name: name.into(),
        }
    }

    pub fn contact(id: &str, name: &str) -> Self {
        Self {
            kind: ActorKind::Contact,
            id: id.into(),
            name: name.into(),
        }
    }

    pub fn system() -> Self {
        Self {
            kind: ActorKind::System,
            id: "system".into(),
            name: "Portal".into(),
        }
    }
}

/// Which contact and which document an event is about, as they were named then. A digest
/// item takes its event's subject as it is (`DigestItemRecord`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSubject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// The message a message event is about (its text is never in the log).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// Which version of the document, and its bytes' SHA-256 (base64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The bill or calendar event (later the task) it is about; its type says which kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
}

/// Never holds a token or a presigned URL.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventRecord {
    pub event_id: String,
    pub matter_id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub at: String,
    pub actor: Actor,
    /// Which contact and document it is about.
    #[serde(flatten)]
    pub subject: EventSubject,
    /// A short word on it: the disposition, a rejection reason, the address now used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Who the outbox tells, for notifiable events (the contact of a share; the owner and
    /// the notify list of an upload), as they were when it happened.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<Person>,
    /// What a bill, calendar event or task was when it happened, as facts a digest words in
    /// its reader's language (`detail` is the log's English sentence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub particulars: Option<Particulars>,
}

/// A bill's, calendar event's or task's facts as an event keeps them for the digests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "of", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Particulars {
    /// A bill or (`trust`) a trust request: what is owed, in minor units, by when.
    Bill {
        trust: bool,
        number: String,
        balance_minor: i64,
        currency: String,
        due_on: String,
    },
    /// A calendar event: when it starts (a UTC stamp) in the zone it was set in.
    Appointment {
        title: String,
        starts_at: String,
        time_zone: String,
    },
    Task {
        title: String,
        due_on: String,
    },
}

const EVENT_PREFIX: &str = "EVENT#";

fn log(matter_id: &str) -> String {
    format!("EVENTS#{matter_id}")
}

fn of_contact_partition(matter_id: &str, contact_id: &str) -> String {
    format!("EVENTS#{matter_id}#CONTACT#{contact_id}")
}

fn of_document_partition(matter_id: &str, document_id: &str) -> String {
    format!("EVENTS#{matter_id}#DOC#{document_id}")
}

impl EventRecord {
    /// A matter's whole log, oldest first (`descending` for newest first).
    pub fn of_matter(matter_id: &str) -> Query<Self> {
        Query::table(log(matter_id), EVENT_PREFIX)
    }

    /// One contact's events in one matter.
    pub fn of_contact(matter_id: &str, contact_id: &str) -> Query<Self> {
        Query::index(
            &GSI1,
            of_contact_partition(matter_id, contact_id),
            EVENT_PREFIX,
        )
    }

    /// One document's events.
    pub fn of_document(matter_id: &str, document_id: &str) -> Query<Self> {
        Query::index(
            &GSI2,
            of_document_partition(matter_id, document_id),
            EVENT_PREFIX,
        )
    }

    /// The event record a stream image holds; `None` for any other record.
    pub fn from_stream_image(image: &serde_dynamo::Item) -> crate::Result<Option<Self>> {
        super::stream_image(image, "EVENTS#", EVENT_PREFIX)
    }

    fn sort_key(&self) -> String {
        format!("{EVENT_PREFIX}{}#{}", self.at, self.event_id)
    }
}

impl Stored for EventRecord {
    fn key(&self) -> Key<Self> {
        Key::new(log(&self.matter_id), self.sort_key())
    }

    fn index_keys(&self) -> Vec<IndexKey> {
        let mut keys = Vec::new();
        if let Some(contact) = &self.subject.contact_id {
            let partition = of_contact_partition(&self.matter_id, contact);
            keys.extend(indexed_as(&GSI1, partition, self.sort_key()));
        }
        if let Some(document) = &self.subject.document_id {
            let partition = of_document_partition(&self.matter_id, document);
            keys.extend(indexed_as(&GSI2, partition, self.sort_key()));
        }
        keys
    }
}

/// An event about to be written: what, by whom, about which contact and document.
#[derive(Clone, Debug)]
pub struct Event {
    kind: EventType,
    actor: Actor,
    contact: Option<(String, String)>,
    document: Option<(String, String)>,
    message_id: Option<String>,
    version: Option<(u32, Option<String>)>,
    item_id: Option<String>,
    detail: Option<String>,
    notify: Vec<Person>,
    particulars: Option<Particulars>,
}

impl Event {
    pub fn new(kind: EventType, actor: Actor) -> Self {
        Self {
            kind,
            actor,
            contact: None,
            document: None,
            message_id: None,
            version: None,
            item_id: None,
            detail: None,
            notify: Vec::new(),
            particulars: None,
        }
    }

    /// The facts a digest words in its reader's language.
    pub fn particulars(mut self, particulars: Particulars) -> Self {
        self.particulars = Some(particulars);
        self
    }

    pub fn contact(mut self, id: &str, name: &str) -> Self {
        self.contact = Some((id.into(), name.into()));
        self
    }

    pub fn document(mut self, id: &str, file_name: &str) -> Self {
        self.document = Some((id.into(), file_name.into()));
        self
    }

    pub fn message(mut self, message_id: &str) -> Self {
        self.message_id = Some(message_id.into());
        self
    }

    /// The document's version it is about, and that version's checksum when known.
    pub fn version(mut self, number: u32, sha256: Option<&str>) -> Self {
        self.version = Some((number, sha256.map(str::to_string)));
        self
    }

    /// The bill it is about.
    pub fn item(mut self, item_id: &str) -> Self {
        self.item_id = Some(item_id.into());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn notify(mut self, people: Vec<Person>) -> Self {
        self.notify = people;
        self
    }

    /// The stored record of this event in `matter_id`'s log at `at`.
    pub fn record(self, matter_id: &str, at: &str) -> EventRecord {
        let (contact_id, contact_name) = self.contact.unzip();
        let (document_id, file_name) = self.document.unzip();
        let (version, sha256) = self.version.unzip();
        EventRecord {
            event_id: new_id(),
            matter_id: matter_id.into(),
            kind: self.kind,
            at: at.into(),
            actor: self.actor,
            subject: EventSubject {
                contact_id,
                contact_name,
                document_id,
                file_name,
                message_id: self.message_id,
                version,
                sha256: sha256.flatten(),
                item_id: self.item_id,
            },
            detail: self.detail,
            notify: self.notify,
            particulars: self.particulars,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_keyed_for_the_matter_the_contact_and_the_document() {
        let record = Event::new(EventType::DocumentViewed, Actor::contact("c1", "Ann"))
            .contact("c1", "Ann")
            .document("d1", "a.pdf")
            .record("m1", "2026-11-24T10:00:00.000000Z");
        let key = record.key();
        assert_eq!(key.pk, "EVENTS#m1");
        assert!(key.sk.starts_with("EVENT#2026-11-24T10:00:00.000000Z#"));
        let indexed = record.index_keys();
        assert!(indexed.contains(&("gsi1pk", "EVENTS#m1#CONTACT#c1".into())));
        assert!(indexed.contains(&("gsi2pk", "EVENTS#m1#DOC#d1".into())));
        assert!(indexed.contains(&("gsi1sk", key.sk.clone())));
        let bare = Event::new(EventType::SignedOut, Actor::system()).record("m1", "t");
        assert!(bare.index_keys().is_empty());
    }

    #[test]
    fn stream_images_give_event_records_only() {
        let record = Event::new(EventType::DocumentShared, Actor::staff("s", "Sam"))
            .record("m1", "2026-11-24T10:00:00.000000Z");
        let image: serde_dynamo::Item = crate::store::to_item(&record).expect("item").into();
        let back = EventRecord::from_stream_image(&image)
            .expect("decode")
            .expect("an event");
        assert_eq!(back.event_id, record.event_id);
        let share = serde_json::json!({"pk": "DOC#d1", "sk": "SHARE#c1"});
        let image: serde_dynamo::Item = serde_dynamo::to_item(share).expect("item");
        assert!(EventRecord::from_stream_image(&image)
            .expect("decode")
            .is_none());
        let broken = serde_json::json!({"pk": "EVENTS#m1", "sk": "EVENT#x", "type": "nope"});
        let image: serde_dynamo::Item = serde_dynamo::to_item(broken).expect("item");
        assert!(EventRecord::from_stream_image(&image).is_err());
    }

    #[test]
    fn only_shares_uploads_messages_versions_bills_events_and_tasks_are_notifiable() {
        let notifiable: Vec<EventType> = EventType::ALL
            .iter()
            .copied()
            .filter(|t| t.is_notifiable())
            .collect();
        assert_eq!(
            notifiable,
            [
                EventType::DocumentShared,
                EventType::UploadAttached,
                EventType::UploadRejected,
                EventType::MessagePosted,
                EventType::DocumentVersionAdded,
                EventType::BillSent,
                EventType::BillUpdated,
                EventType::AppointmentShared,
                EventType::AppointmentMoved,
                EventType::AppointmentChanged,
                EventType::AppointmentCancelled,
                EventType::TaskAssigned,
                EventType::TaskDone,
                EventType::TaskDueSoon,
            ]
        );
    }
}
