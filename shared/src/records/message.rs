//! Secure messages: one conversation per matter and contact, its messages, and the
//! conversation's counters (unread on each side, last activity, the contact's hourly posts).
//!
//! A conversation's counters sit beside the matter's grants (`MATTER#m` / `CONVERSATION#c`),
//! so that the console lists a matter's conversations with one query and the portal reads
//! them in its session's batch. Messages sit in their own partition, oldest to newest by id.

use super::event::{Actor, ActorKind};
use super::{attr, matter_partition, DocumentRecord};
use crate::store::{Change, Condition, Key, Query, Stored};
use serde::{Deserialize, Serialize};

/// A document a message carries or names, as it was named when posted. `removed` is set
/// when the document leaves the matter or stops being shared with the conversation's
/// contact, so that a page shows "attachment removed" without reading the shares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentCopy {
    pub document_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    #[serde(default)]
    pub removed: bool,
}

impl AttachmentCopy {
    pub fn of(document: &DocumentRecord) -> Self {
        Self {
            document_id: document.document_id.clone(),
            file_name: document.file_name.clone(),
            content_type: document.content_type.clone(),
            size: document.size,
            removed: false,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageRecord {
    /// Time-ordered (see `message_id`): the sort key orders a conversation.
    pub message_id: String,
    pub matter_id: String,
    pub contact_id: String,
    pub author: Actor,
    pub text: String,
    pub posted_at: String,
    /// When the recipient (the contact for staff messages, staff for the contact's) first
    /// opened it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<AttachmentCopy>,
    /// Documents a share's note names (linked, not attached).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_documents: Vec<AttachmentCopy>,
}

const MESSAGE_PREFIX: &str = "MESSAGE#";
const CONVERSATION_PREFIX: &str = "CONVERSATION#";

fn conversation_partition(matter_id: &str, contact_id: &str) -> String {
    format!("CONVERSATION#{matter_id}#{contact_id}")
}

/// A new message id: its UTC time to the microsecond, then randomness, so that ids sort as
/// messages were posted and a message's key follows from its id alone.
pub fn message_id(posted_at: &str) -> String {
    let digits: String = posted_at.chars().filter(char::is_ascii_digit).collect();
    let random = super::new_id();
    format!("{digits}-{}", &random[..12])
}

impl MessageRecord {
    pub fn key_for(matter_id: &str, contact_id: &str, message_id: &str) -> Key<Self> {
        Key::new(
            conversation_partition(matter_id, contact_id),
            format!("{MESSAGE_PREFIX}{message_id}"),
        )
    }

    /// One conversation's messages, oldest first (`descending` for newest first).
    pub fn of_conversation(matter_id: &str, contact_id: &str) -> Query<Self> {
        Query::table(
            conversation_partition(matter_id, contact_id),
            MESSAGE_PREFIX,
        )
    }

    /// Whether the other side has yet to open it.
    pub fn is_unread(&self) -> bool {
        self.read_at.is_none()
    }

    /// Who it is to: the contact for the firm's messages, staff for the contact's.
    pub fn recipient(&self) -> ActorKind {
        match self.author.kind {
            ActorKind::Contact => ActorKind::Staff,
            _ => ActorKind::Contact,
        }
    }

    /// Whether `reader` (staff or the contact) is its recipient.
    pub fn is_for(&self, reader: ActorKind) -> bool {
        self.recipient() == reader
    }

    /// Its receipt: read now, unless it was already.
    pub fn opened(now: &str) -> Change {
        Change::new()
            .set(fields::READ_AT, now)
            .when(Condition::exists().and(Condition::missing(fields::READ_AT)))
    }

    /// Still there with the receipt it was read with: a rewrite keeps any receipt written
    /// meanwhile by failing instead.
    pub fn unchanged_receipt(&self) -> Condition {
        let receipt = match &self.read_at {
            Some(at) => Condition::equals(fields::READ_AT, at.as_str()),
            None => Condition::missing(fields::READ_AT),
        };
        Condition::exists().and(receipt)
    }

    /// Every document it carries or names.
    pub fn documents(&self) -> impl Iterator<Item = &AttachmentCopy> {
        self.attachment.iter().chain(self.shared_documents.iter())
    }

    /// Whether it carries or names `document_id` not yet marked removed.
    pub fn shows_document(&self, document_id: &str) -> bool {
        self.documents()
            .any(|d| d.document_id == document_id && !d.removed)
    }

    /// The same message with `document_id` marked removed wherever it appears.
    pub fn with_removed(mut self, document_id: &str) -> Self {
        for d in self
            .attachment
            .iter_mut()
            .chain(self.shared_documents.iter_mut())
        {
            if d.document_id == document_id {
                d.removed = true;
            }
        }
        self
    }
}

impl Stored for MessageRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id, &self.contact_id, &self.message_id)
    }
}

/// One contact's conversation in one matter: its counters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationRecord {
    pub matter_id: String,
    pub contact_id: String,
    #[serde(default)]
    pub contact_name: String,
    /// Messages ever posted (deleted ones included): the version a contact's post checks.
    #[serde(default)]
    pub message_count: i64,
    #[serde(default)]
    pub unread_by_staff: i64,
    #[serde(default)]
    pub unread_by_contact: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_message_at: Option<String>,
    /// The hour (`2026-12-03T14`) the contact's post count is for, and that count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_hour: Option<String>,
    #[serde(default)]
    pub posts_in_hour: i64,
    /// The last post's request id and message: a post sent again after it committed (its
    /// answer lost) finds itself here and is not posted twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_message_id: Option<String>,
}

pub mod fields {
    pub const MESSAGE_COUNT: &str = "messageCount";
    pub const UNREAD_BY_STAFF: &str = "unreadByStaff";
    pub const UNREAD_BY_CONTACT: &str = "unreadByContact";
    pub const LAST_MESSAGE_AT: &str = "lastMessageAt";
    pub const POST_HOUR: &str = "postHour";
    pub const POSTS_IN_HOUR: &str = "postsInHour";
    pub const CONTACT_NAME: &str = "contactName";
    pub const CONTACT_ID: &str = "contactId";
    pub const LAST_REQUEST_ID: &str = "lastRequestId";
    pub const LAST_MESSAGE_ID: &str = "lastMessageId";
    pub const READ_AT: &str = "readAt";
    pub const ATTACHMENT: &str = "attachment";
    pub const SHARED_DOCUMENTS: &str = "sharedDocuments";
}

impl ConversationRecord {
    pub fn key_for(matter_id: &str, contact_id: &str) -> Key<Self> {
        Key::new(
            matter_partition(matter_id),
            format!("{CONVERSATION_PREFIX}{contact_id}"),
        )
    }

    /// A matter's conversations.
    pub fn of_matter(matter_id: &str) -> Query<Self> {
        Query::table(matter_partition(matter_id), CONVERSATION_PREFIX)
    }

    /// An empty conversation (before its first message).
    pub fn empty(matter_id: &str, contact_id: &str) -> Self {
        Self {
            matter_id: matter_id.into(),
            contact_id: contact_id.into(),
            ..Self::default()
        }
    }

    pub fn unread_by(&self, reader: ActorKind) -> i64 {
        match reader {
            ActorKind::Contact => self.unread_by_contact,
            _ => self.unread_by_staff,
        }
    }

    /// The counters a new message moves, created with the conversation by its first
    /// message (the caller writes them only over the conversation as read,
    /// `unchanged_since`).
    pub fn posted(
        message: &MessageRecord,
        contact_name: &str,
        request_id: &str,
        hourly: Option<(&str, i64)>,
    ) -> Change {
        let mut change = Change::new()
            .set(attr::MATTER_ID, message.matter_id.as_str())
            .set(fields::CONTACT_ID, message.contact_id.as_str())
            .set(fields::CONTACT_NAME, contact_name)
            .set(fields::LAST_MESSAGE_AT, message.posted_at.as_str())
            .set(fields::LAST_MESSAGE_ID, message.message_id.as_str())
            .set(fields::LAST_REQUEST_ID, request_id)
            .add(fields::MESSAGE_COUNT, 1)
            .add(unread_field(message.recipient()), 1);
        if let Some((hour, count)) = hourly {
            change = change
                .set(fields::POST_HOUR, hour)
                .set(fields::POSTS_IN_HOUR, count);
        }
        change
    }

    /// Whether `request_id` was its last post.
    pub fn last_posted_by(&self, request_id: &str) -> Option<&str> {
        (self.last_request_id.as_deref() == Some(request_id))
            .then_some(self.last_message_id.as_deref())
            .flatten()
    }

    /// Only over the conversation as read: absent, or at `message_count`.
    pub fn unchanged_since(read: Option<&Self>) -> Condition {
        match read {
            Some(c) => Condition::equals(fields::MESSAGE_COUNT, c.message_count),
            None => Condition::absent(),
        }
    }

    /// `count` messages to `reader` opened (or deleted unread).
    pub fn read(reader: ActorKind, count: i64) -> Change {
        Change::new()
            .add(unread_field(reader), -count)
            .when(Condition::exists())
    }
}

/// The counter of messages `reader` has not opened.
fn unread_field(reader: ActorKind) -> &'static str {
    match reader {
        ActorKind::Contact => fields::UNREAD_BY_CONTACT,
        _ => fields::UNREAD_BY_STAFF,
    }
}

impl Stored for ConversationRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.matter_id, &self.contact_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(author: ActorKind) -> MessageRecord {
        MessageRecord {
            message_id: "1".into(),
            matter_id: "m".into(),
            contact_id: "c".into(),
            author: Actor {
                kind: author,
                id: "a".into(),
                name: "A".into(),
            },
            text: "hi".into(),
            posted_at: "t".into(),
            read_at: None,
            attachment: Some(AttachmentCopy {
                document_id: "d1".into(),
                file_name: "a.pdf".into(),
                content_type: "application/pdf".into(),
                size: 1,
                removed: false,
            }),
            shared_documents: Vec::new(),
        }
    }

    #[test]
    fn message_ids_sort_as_their_times() {
        let early = message_id("2026-12-03T09:59:59.999999Z");
        let late = message_id("2026-12-03T10:00:00.000000Z");
        assert!(early < late);
        assert_eq!(early.len(), 33);
        assert!(crate::validate::id("messageId", &early).is_ok());
    }

    #[test]
    fn a_message_is_for_the_other_side() {
        assert!(message(ActorKind::Staff).is_for(ActorKind::Contact));
        assert!(!message(ActorKind::Staff).is_for(ActorKind::Staff));
        assert!(message(ActorKind::Contact).is_for(ActorKind::Staff));
        assert!(!message(ActorKind::Contact).is_for(ActorKind::Contact));
    }

    #[test]
    fn a_removed_document_is_marked_where_it_appears_only() {
        let m = message(ActorKind::Staff);
        assert!(m.shows_document("d1"));
        let m = m.with_removed("d2");
        assert!(m.shows_document("d1"));
        let m = m.with_removed("d1");
        assert!(!m.shows_document("d1"));
        assert!(m.attachment.is_some_and(|a| a.removed));
    }

    #[test]
    fn conversations_sit_beside_the_matters_grants() {
        let key = ConversationRecord::key_for("m1", "c1");
        assert_eq!(key.pk, "MATTER#m1");
        assert_eq!(key.sk, "CONVERSATION#c1");
        let key = MessageRecord::key_for("m1", "c1", "x");
        assert_eq!(key.pk, "CONVERSATION#m1#c1");
    }
}
