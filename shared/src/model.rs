//! Stored records. Field names are the table's attribute names (camelCase, like the API).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: String,
    pub email: String,
    pub name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatterRecord {
    pub pk: String,
    pub sk: String,
    pub matter_id: String,
    pub title: String,
    pub owner: Person,
    pub notify: Vec<Person>,
    pub updated_at: String,
    pub updated_by: String,
    /// Lists the matter among the firm's matters by title (`keys::MATTERS` in gsi2). Absent
    /// on matters saved before the list existed: saving them again lists them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi2pk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi2sk: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AccessStatus {
    /// Granted; the contact has not signed in yet.
    Invited,
    /// The contact has signed in at least once.
    Active,
    /// Removed: nothing of this matter is visible to the contact.
    Revoked,
}

impl AccessStatus {
    /// The stored form, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::Active => "active",
            Self::Revoked => "revoked",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessRecord {
    pub pk: String,
    pub sk: String,
    pub gsi1pk: String,
    pub gsi1sk: String,
    pub gsi2pk: String,
    pub gsi2sk: String,
    pub matter_id: String,
    pub contact_id: String,
    pub email: String,
    pub name: String,
    pub can_download: bool,
    pub shared_count: i64,
    pub status: AccessStatus,
    pub granted_at: String,
    pub granted_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen_at: Option<String>,
    /// Hash of the invitation that is currently live; a resend replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_hash: Option<String>,
    /// The matter's title and owner's name, copied here so that the portal's lists read
    /// them with the grants they already read; `matters::save_matter` keeps them current.
    #[serde(default)]
    pub matter_title: String,
    #[serde(default)]
    pub owner_name: String,
    /// Changes on every grant, re-grant, address change and revoke. Every link and session is
    /// issued for one version, so any of those ends them all at once.
    #[serde(default)]
    pub grant_version: String,
    /// Optional end of access: from then on the portal answers as if it were revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// Set once the expiry has been recorded as an event, so that it is recorded once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_recorded_at: Option<String>,
    /// The document this contact opened last (view or download link), and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_opened_document_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_opened_file_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_opened_at: Option<String>,
}

impl AccessRecord {
    /// Granted and not revoked; see [`AccessRecord::is_active_at`] for expiry.
    pub fn is_active(&self) -> bool {
        self.status != AccessStatus::Revoked
    }

    /// Granted, not revoked and not expired at `now` (a stamp).
    pub fn is_active_at(&self, now: &str) -> bool {
        self.is_active() && !self.is_expired_at(now)
    }

    pub fn is_expired_at(&self, now: &str) -> bool {
        self.expires_at.as_deref().is_some_and(|end| end <= now)
    }

    /// The portal identity this grant names: its email address, compared case-insensitively.
    pub fn address_key(&self) -> String {
        crate::validate::email_key(&self.email)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DocumentStatus {
    /// Upload URL issued; the object may not exist yet.
    Pending,
    Available,
    /// Being removed from the matter; shares are being swept.
    Deleting,
    /// Its object failed the size, type or content checks and was deleted.
    Rejected,
}

impl DocumentStatus {
    /// The stored form, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Available => "available",
            Self::Deleting => "deleting",
            Self::Rejected => "rejected",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    Firm,
    Portal,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRecord {
    pub pk: String,
    pub sk: String,
    pub gsi2pk: String,
    pub gsi2sk: String,
    pub document_id: String,
    pub matter_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub status: DocumentStatus,
    pub origin: Origin,
    pub author: Person,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uploaded_by: Option<Person>,
    pub object_key: String,
    pub created_at: String,
    pub activity_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
}

/// A document marked `deleting`: written with the mark, removed with the document, so that
/// the sweep finishes a delete that failed halfway.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletionRecord {
    pub pk: String,
    pub sk: String,
    pub document_id: String,
    pub matter_id: String,
    pub marked_at: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UploadStatus {
    /// URL issued, object not seen yet.
    Pending,
    /// The object passed the checks and is a document of the matter.
    Attached,
    /// The object failed the checks and was deleted.
    Rejected,
}

impl UploadStatus {
    /// The stored form, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Attached => "attached",
            Self::Rejected => "rejected",
        }
    }
}

/// What a contact declared before uploading; the trigger holds the object to it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadRecord {
    pub pk: String,
    pub sk: String,
    pub upload_id: String,
    pub matter_id: String,
    pub uploader: Person,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub object_key: String,
    pub status: UploadStatus,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    /// DynamoDB TTL: an intent outlives its URL (at most 900 s) by a day, long enough for
    /// repeated events and status reads; without one, the trigger deletes the object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at_epoch: Option<i64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareRecord {
    pub pk: String,
    pub sk: String,
    pub gsi1pk: String,
    pub gsi1sk: String,
    pub gsi2pk: String,
    pub gsi2sk: String,
    pub pair_pk: String,
    pub name_sk: String,
    pub created_sk: String,
    pub document_id: String,
    pub matter_id: String,
    pub contact_id: String,
    pub contact_name: String,
    /// Copied from the document so listings need no per-item lookups.
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uploaded_by: Option<Person>,
    pub document_created_at: String,
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
    /// Download links taken, and the most this share allows (none: no limit).
    #[serde(default)]
    pub download_count: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_limit: Option<i64>,
}

/// What happened, as the event log names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EventType {
    AccessGranted,
    /// Name or download permission changed (same address).
    AccessUpdated,
    AddressChanged,
    AccessRevoked,
    AccessExpired,
    InvitationSent,
    SignedIn,
    SignedOut,
    DocumentShared,
    ShareStopped,
    DocumentDeleted,
    DocumentViewed,
    DocumentDownloaded,
    UploadAttached,
    UploadRejected,
    NotificationSent,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        Self::AccessGranted,
        Self::AccessUpdated,
        Self::AddressChanged,
        Self::AccessRevoked,
        Self::AccessExpired,
        Self::InvitationSent,
        Self::SignedIn,
        Self::SignedOut,
        Self::DocumentShared,
        Self::ShareStopped,
        Self::DocumentDeleted,
        Self::DocumentViewed,
        Self::DocumentDownloaded,
        Self::UploadAttached,
        Self::UploadRejected,
        Self::NotificationSent,
    ];

    /// The stored form, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AccessGranted => "accessGranted",
            Self::AccessUpdated => "accessUpdated",
            Self::AddressChanged => "addressChanged",
            Self::AccessRevoked => "accessRevoked",
            Self::AccessExpired => "accessExpired",
            Self::InvitationSent => "invitationSent",
            Self::SignedIn => "signedIn",
            Self::SignedOut => "signedOut",
            Self::DocumentShared => "documentShared",
            Self::ShareStopped => "shareStopped",
            Self::DocumentDeleted => "documentDeleted",
            Self::DocumentViewed => "documentViewed",
            Self::DocumentDownloaded => "documentDownloaded",
            Self::UploadAttached => "uploadAttached",
            Self::UploadRejected => "uploadRejected",
            Self::NotificationSent => "notificationSent",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }

    /// Events the outbox turns into digest emails.
    pub fn is_notifiable(self) -> bool {
        matches!(self, Self::DocumentShared | Self::UploadAttached)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ActorKind {
    Staff,
    Contact,
    /// The service itself: the upload trigger, the expiry check, the digest sender.
    System,
}

/// Who did it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub kind: ActorKind,
    pub id: String,
    pub name: String,
}

/// One entry of a matter's event log, written in the transaction of the change it records.
/// Never holds a token or a presigned URL.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventRecord {
    pub pk: String,
    pub sk: String,
    /// The contact's events in the matter, and the document's (see `keys`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi1pk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi1sk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi2pk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi2sk: Option<String>,
    pub event_id: String,
    pub matter_id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub at: String,
    pub actor: Actor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// A short word on it: the disposition, a rejection reason, the address now used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Who the outbox tells, for notifiable events (the contact of a share; the owner and
    /// the notify list of an upload), as they were when it happened.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<Person>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRecord {
    pub pk: String,
    pub sk: String,
    pub gsi1pk: String,
    pub gsi1sk: String,
    pub contact_id: String,
    pub email: String,
    pub name: String,
    pub created_at: String,
    pub expires_at_epoch: i64,
    /// The grants this session reaches, by matter, at the version each had at sign-in: the
    /// active grants of this contact that named the signed-in address.
    #[serde(default)]
    pub grants: std::collections::BTreeMap<String, String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InvitationPurpose {
    Invite,
    SignIn,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationRecord {
    pub pk: String,
    pub sk: String,
    pub matter_id: String,
    pub contact_id: String,
    pub purpose: InvitationPurpose,
    pub expires_at_epoch: i64,
    /// The grant version the link was issued for; any later change of the grant kills it.
    #[serde(default)]
    pub grant_version: String,
}

/// Sign-in links mailed to one address: the per-address limit, the cooldown and the links
/// that are live (a new send kills the older ones).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInRecord {
    pub pk: String,
    pub sk: String,
    pub window_started_epoch: i64,
    pub sent_in_window: u32,
    pub last_sent_epoch: i64,
    /// Hashes of the links of the latest send (one per contact record naming the address).
    pub live_links: Vec<String>,
    pub expires_at_epoch: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_status_names_are_what_serde_writes() {
        for status in [
            AccessStatus::Invited,
            AccessStatus::Active,
            AccessStatus::Revoked,
        ] {
            assert_eq!(
                serde_json::to_value(status).ok(),
                Some(status.as_str().into())
            );
        }
        for status in [
            DocumentStatus::Pending,
            DocumentStatus::Available,
            DocumentStatus::Deleting,
            DocumentStatus::Rejected,
        ] {
            assert_eq!(
                serde_json::to_value(status).ok(),
                Some(status.as_str().into())
            );
        }
        for kind in EventType::ALL {
            assert_eq!(serde_json::to_value(kind).ok(), Some(kind.as_str().into()));
            assert_eq!(EventType::parse(kind.as_str()), Some(kind));
        }
        for status in [
            UploadStatus::Pending,
            UploadStatus::Attached,
            UploadStatus::Rejected,
        ] {
            assert_eq!(
                serde_json::to_value(status).ok(),
                Some(status.as_str().into())
            );
        }
    }
}

/// A recipient's open digest window (`service::digests`): what new notifications are filed
/// into until the window's wake-up message closes it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestWindowRecord {
    pub pk: String,
    pub sk: String,
    pub recipient: String,
    pub window_id: String,
    pub opened_at: String,
    /// Set once the window's wake-up message was accepted by SQS: a window without it is
    /// woken again by the next filing (duplicate wake-ups are harmless).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wake_queued_at: Option<String>,
    pub expires_at_epoch: i64,
}

/// One notification filed into a recipient's window: the event it came from, as it was.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestItemRecord {
    pub pk: String,
    pub sk: String,
    pub recipient: String,
    pub window_id: String,
    pub event_id: String,
    pub matter_id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub at: String,
    pub actor_name: String,
    /// The person told, as the event named them (the greeting uses the name).
    pub person: Person,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    pub expires_at_epoch: i64,
}

/// That an event was filed for a recipient (in whichever window), so that a repeated stream
/// record files nothing twice even after its window was sent.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestFiledRecord {
    pub pk: String,
    pub sk: String,
    pub window_id: String,
    pub expires_at_epoch: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DigestState {
    /// Claimed by one sender until `leaseUntilEpoch`; after that another may take over.
    Sending,
    /// Sent (or nothing was left to send): every later wake-up of the window does nothing.
    Sent,
}

impl DigestState {
    /// The stored form, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sending => "sending",
            Self::Sent => "sent",
        }
    }
}

/// The send marker of one window: claimed before the email, marked sent after it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestSentRecord {
    pub pk: String,
    pub sk: String,
    pub recipient: String,
    pub window_id: String,
    pub state: DigestState,
    /// Who holds the claim: each attempt names itself, and only it may finish or release it.
    pub attempt: String,
    pub lease_until_epoch: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
    #[serde(default)]
    pub items: i64,
    pub expires_at_epoch: i64,
}
