//! Secure messages: a conversation per matter and contact. Staff post (by name), the contact
//! replies; one attachment per message; read receipts and unread counts on both sides; staff
//! delete. A post is one transaction (the message, its conversation's counters, its event
//! and the matter's activity); the outbox tells the other side in its next digest.
//!
//! Co-parties on one matter each have their own conversation: a message to one of them may
//! concern what the other must not see (a spouse, an opposing co-defendant), and a thread
//! shared by whoever holds access today would show later grantees everything said before.

use super::conversations::{self, busy, Draft, POST_ATTEMPTS};
use super::events::{self, Event};
use super::sharing;
use super::{access, matters};
use crate::auth::Staff;
use crate::error::{Error, Result};
use crate::pagination::Page;
use crate::records::message::AttachmentCopy;
use crate::records::{
    AccessRecord, Actor, ActorKind, ConversationRecord, DocumentRecord, EventType, MatterRecord,
    MessageRecord, Origin, ShareRecord,
};
use crate::service::sessions::Contact;
use crate::store::{BatchFound, BatchRead, Stored, Transacted};
use crate::{clock, validate, App};
use serde::{Deserialize, Serialize};

pub use super::conversations::MAX_TEXT_CHARS;
/// A contact's posts per clock hour, across their conversation in one matter.
pub const CONTACT_POSTS_PER_HOUR: i64 = 60;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PostInput {
    pub text: String,
    /// A document of the matter to attach: staff's is shared with the contact; the
    /// contact's must be one they can see (shared with them, or their own upload).
    #[serde(default)]
    pub document_id: Option<String>,
    /// The caller's id for this post: sent again (after a lost answer) it posts nothing new.
    #[serde(default)]
    pub request_id: Option<String>,
}

/// What either side sees of a message.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    pub message_id: String,
    pub author: Actor,
    pub text: String,
    pub posted_at: String,
    pub read_at: Option<String>,
    pub attachment: Option<AttachmentCopy>,
    pub shared_documents: Vec<AttachmentCopy>,
}

impl From<MessageRecord> for MessageView {
    fn from(m: MessageRecord) -> Self {
        Self {
            message_id: m.message_id,
            author: m.author,
            text: m.text,
            posted_at: m.posted_at,
            read_at: m.read_at,
            attachment: m.attachment,
            shared_documents: m.shared_documents,
        }
    }
}

/// A conversation as a list shows it, with the reader's unread count.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationView {
    pub matter_id: String,
    pub contact_id: String,
    pub contact_name: String,
    pub message_count: i64,
    pub unread: i64,
    pub last_message_at: Option<String>,
}

impl ConversationView {
    fn of(c: ConversationRecord, reader: ActorKind) -> Self {
        Self {
            unread: c.unread_by(reader).max(0),
            matter_id: c.matter_id,
            contact_id: c.contact_id,
            contact_name: c.contact_name,
            message_count: c.message_count,
            last_message_at: c.last_message_at,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadOutcome {
    pub marked: usize,
}

// ---- rules -------------------------------------------------------------------------------

/// The contact's post count for `now`'s hour after one more post, or 429 when the hour's
/// posts are used up.
pub fn next_hourly_count(conversation: Option<&ConversationRecord>, now: &str) -> Result<i64> {
    let hour = conversations::hour_of(now);
    let so_far = conversation
        .filter(|c| c.post_hour.as_deref() == Some(hour))
        .map_or(0, |c| c.posts_in_hour);
    if so_far >= CONTACT_POSTS_PER_HOUR {
        return Err(Error::Throttled(format!(
            "at most {CONTACT_POSTS_PER_HOUR} messages an hour; try again after the hour"
        )));
    }
    Ok(so_far + 1)
}

/// A post's request id: the caller's (validated), or a fresh one.
fn request_id(raw: Option<&str>) -> Result<String> {
    match raw {
        Some(raw) => validate::id("requestId", raw),
        None => Ok(crate::records::new_id()),
    }
}

/// Whether the contact can see `document` now: shared with them, or their own upload.
pub fn contact_sees(document: &DocumentRecord, share: Option<&ShareRecord>, contact: &str) -> bool {
    document.is_available()
        && (share.is_some()
            || (document.origin == Origin::Portal
                && document
                    .uploaded_by
                    .as_ref()
                    .is_some_and(|p| p.id == contact)))
}

/// Staff post to a contact with access. An attached document of the matter is shared with
/// the contact first (under their download setting); the first message to a contact who
/// never signed in sends their invitation again, when one may go.
pub async fn staff_post(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    contact_id: &str,
    input: PostInput,
) -> Result<MessageView> {
    let matter = matters::require(app, matter_id).await?;
    let contact_id = validate::id("contactId", contact_id)?;
    let text = validate::message_text("text", &input.text, MAX_TEXT_CHARS)?;
    let request_id = request_id(input.request_id.as_deref())?;
    let grant = active_grant(app, &matter, &contact_id).await?;
    let attachment = match input.document_id.as_deref() {
        Some(id) => Some(share_attachment(app, staff, &matter, &grant, id).await?),
        None => None,
    };
    if let Some(a) = &attachment {
        conversations::note_in_messages(app, &contact_id, &[&a.document_id]).await?;
    }
    let draft = Draft {
        matter_id: matter.matter_id.clone(),
        contact_id: contact_id.clone(),
        contact_name: grant.name.clone(),
        author: staff.actor(),
        text,
        attachment,
        shared_documents: Vec::new(),
        request_id,
        notify: vec![grant.contact()],
        hourly: None,
    };
    let posted = conversations::post(app, &draft, None).await?;
    invite_with_first_message(app, staff, &grant, posted.before.as_ref()).await;
    Ok(posted.message.into())
}

async fn active_grant(app: &App, matter: &MatterRecord, contact_id: &str) -> Result<AccessRecord> {
    let now = clock::stamp(clock::now());
    app.table
        .get(&AccessRecord::key_for(&matter.matter_id, contact_id))
        .await?
        .filter(|g| g.is_active_at(&now))
        .ok_or_else(|| Error::not_found(format!("contact {contact_id} with access to this matter")))
}

/// Shares the attached document with the contact (nothing new if it already is).
async fn share_attachment(
    app: &App,
    staff: &Staff,
    matter: &MatterRecord,
    grant: &AccessRecord,
    document_id: &str,
) -> Result<AttachmentCopy> {
    let document = sharing::share_one(app, staff, matter, document_id, grant).await?;
    Ok(AttachmentCopy::of(&document))
}

/// The conversation's first message goes with an invitation when the contact never signed
/// in. An invitation sent within the resend interval is still live: then the digest alone
/// tells them. Best effort: the message stands either way.
async fn invite_with_first_message(
    app: &App,
    staff: &Staff,
    grant: &AccessRecord,
    before: Option<&ConversationRecord>,
) {
    if grant.last_seen_at.is_some() || before.is_some_and(|c| c.message_count > 0) {
        return;
    }
    match access::resend_invitation(app, staff, &grant.matter_id, &grant.contact_id).await {
        Ok(_) | Err(Error::Throttled(_)) => {}
        Err(err) => {
            tracing::warn!(error = %err.chain(), "invitation with a first message not sent")
        }
    }
}

/// What a contact's post reads with the session: the conversation.
pub fn contact_reads(matter_id: &str, contact_id: &str, batch: &mut BatchRead) {
    if validate::id("matterId", matter_id).is_ok() {
        batch.want(ConversationRecord::key_for(matter_id, contact_id));
    }
}

/// A contact replies in their conversation on a matter they can reach.
pub async fn contact_post(
    app: &App,
    contact: &Contact,
    found: &mut BatchFound,
    matter_id: &str,
    input: PostInput,
) -> Result<MessageView> {
    let grant = reachable(contact, matter_id)?;
    let text = validate::message_text("text", &input.text, MAX_TEXT_CHARS)?;
    let request_id = request_id(input.request_id.as_deref())?;
    let read = found.take(&ConversationRecord::key_for(&grant.matter_id, &contact.id))?;
    let attachment = match input.document_id.as_deref() {
        Some(id) => Some(contact_attachment(app, grant, id).await?),
        None => None,
    };
    let matter = matters::require(app, &grant.matter_id).await?;
    if let Some(a) = &attachment {
        conversations::note_in_messages(app, &contact.id, &[&a.document_id]).await?;
    }
    let draft = Draft {
        matter_id: grant.matter_id.clone(),
        contact_id: contact.id.clone(),
        contact_name: grant.name.clone(),
        author: Actor::contact(&contact.id, &grant.name),
        text,
        attachment,
        shared_documents: Vec::new(),
        request_id,
        notify: matter.firm_recipients(),
        hourly: Some(next_hourly_count),
    };
    Ok(conversations::post(app, &draft, Some(read))
        .await?
        .message
        .into())
}

/// The contact's grant on `matter_id`, or 404: a matter they cannot reach is not there.
fn reachable<'c>(contact: &'c Contact, matter_id: &str) -> Result<&'c AccessRecord> {
    contact
        .grant_on(matter_id)
        .ok_or_else(|| Error::not_found(format!("matter {matter_id}")))
}

/// A document the contact attaches: one they can see in that matter (shared with them, or
/// their own upload, which went through the one document pipeline).
async fn contact_attachment(
    app: &App,
    grant: &AccessRecord,
    document_id: &str,
) -> Result<AttachmentCopy> {
    let document_id = validate::id("documentId", document_id)?;
    let mut batch = BatchRead::new();
    let document_key = batch.want(DocumentRecord::key_for(&document_id));
    let share_key = batch.want(ShareRecord::key_for(&document_id, &grant.contact_id));
    let mut found = app.table.read_batch(batch).await?;
    let document = found.take(&document_key)?;
    let share = found.take(&share_key)?;
    match document {
        Some(d)
            if d.matter_id == grant.matter_id
                && contact_sees(&d, share.as_ref(), &grant.contact_id) =>
        {
            Ok(AttachmentCopy::of(&d))
        }
        _ => Err(Error::not_found(format!(
            "document {document_id} in this matter"
        ))),
    }
}

// ---- reading -----------------------------------------------------------------------------

/// One page of a conversation, newest first (the page shows them oldest at the bottom):
/// one query.
async fn page(
    app: &App,
    matter_id: &str,
    contact_id: &str,
    limit: usize,
    cursor: Option<&str>,
) -> Result<Page<MessageView>> {
    let query = MessageRecord::of_conversation(matter_id, contact_id).descending();
    let page = app.table.query_page(&query, limit, cursor).await?;
    Ok(page.map(MessageView::from))
}

pub async fn staff_messages(
    app: &App,
    matter_id: &str,
    contact_id: &str,
    limit: usize,
    cursor: Option<&str>,
) -> Result<Page<MessageView>> {
    let matter_id = validate::id("matterId", matter_id)?;
    let contact_id = validate::id("contactId", contact_id)?;
    page(app, &matter_id, &contact_id, limit, cursor).await
}

pub async fn contact_messages(
    app: &App,
    contact: &Contact,
    matter_id: &str,
    limit: usize,
    cursor: Option<&str>,
) -> Result<Page<MessageView>> {
    let grant = reachable(contact, matter_id)?;
    page(app, &grant.matter_id, &contact.id, limit, cursor).await
}

/// A matter's conversations, by last message, newest first.
pub async fn conversations_of_matter(app: &App, matter_id: &str) -> Result<Vec<ConversationView>> {
    let matter = matters::require(app, matter_id).await?;
    let mut all = app
        .table
        .query_all(&ConversationRecord::of_matter(&matter.matter_id))
        .await?;
    all.sort_by(|a, b| b.last_message_at.cmp(&a.last_message_at));
    Ok(all
        .into_iter()
        .map(|c| ConversationView::of(c, ActorKind::Staff))
        .collect())
}

/// The contact's conversations, one per matter they reach (empty ones included), by last
/// message: one batch read after the session's.
pub async fn contact_conversations(app: &App, contact: &Contact) -> Result<Vec<ConversationView>> {
    let keys: Vec<_> = contact
        .grants
        .iter()
        .map(|g| ConversationRecord::key_for(&g.matter_id, &contact.id))
        .collect();
    let found = app.table.batch_get(&keys).await?;
    let mut all: Vec<ConversationView> = contact
        .grants
        .iter()
        .map(|grant| {
            let mut c = found
                .iter()
                .find(|c| c.matter_id == grant.matter_id)
                .cloned()
                .unwrap_or_else(|| ConversationRecord::empty(&grant.matter_id, &contact.id));
            c.contact_name = grant.name.clone();
            ConversationView::of(c, ActorKind::Contact)
        })
        .collect();
    all.sort_by(|a, b| b.last_message_at.cmp(&a.last_message_at));
    Ok(all)
}

// ---- receipts and deletion ---------------------------------------------------------------

/// Marks every message to `reader` in the conversation read now; their unread count falls by
/// as many. Each message only once: its first opening is its receipt.
async fn mark_read(
    app: &App,
    matter_id: &str,
    contact_id: &str,
    reader: ActorKind,
) -> Result<ReadOutcome> {
    let query = MessageRecord::of_conversation(matter_id, contact_id);
    for _ in 0..POST_ATTEMPTS {
        let unread: Vec<MessageRecord> = app
            .table
            .query_all(&query)
            .await?
            .into_iter()
            .filter(|m| m.is_for(reader) && m.is_unread())
            .collect();
        if unread.is_empty() {
            return Ok(ReadOutcome { marked: 0 });
        }
        let now = clock::stamp(clock::now());
        let mut marked = 0;
        let mut cancelled = false;
        // 99 receipts and the counter per transaction.
        for chunk in unread.chunks(99) {
            let mut transaction = app.table.transaction();
            for m in chunk {
                transaction.update(&m.key(), MessageRecord::opened(&now))?;
            }
            let count = i64::try_from(chunk.len()).unwrap_or(i64::MAX);
            transaction.update(
                &ConversationRecord::key_for(matter_id, contact_id),
                ConversationRecord::read(reader, count),
            )?;
            match app.table.commit(transaction).await? {
                Transacted::Committed => marked += chunk.len(),
                Transacted::Cancelled(_) => {
                    cancelled = true;
                    break;
                }
            }
        }
        if !cancelled {
            return Ok(ReadOutcome { marked });
        }
    }
    Err(busy())
}

pub async fn staff_read(app: &App, matter_id: &str, contact_id: &str) -> Result<ReadOutcome> {
    let matter_id = validate::id("matterId", matter_id)?;
    let contact_id = validate::id("contactId", contact_id)?;
    mark_read(app, &matter_id, &contact_id, ActorKind::Staff).await
}

pub async fn contact_read(app: &App, contact: &Contact, matter_id: &str) -> Result<ReadOutcome> {
    let grant = reachable(contact, matter_id)?;
    mark_read(app, &grant.matter_id, &contact.id, ActorKind::Contact).await
}

/// Staff delete a message: gone from both faces at once; the log keeps that it was deleted
/// (by whom, when, whose conversation), never its text.
pub async fn delete(
    app: &App,
    staff: &Staff,
    matter_id: &str,
    contact_id: &str,
    message_id: &str,
) -> Result<()> {
    let matter_id = validate::id("matterId", matter_id)?;
    let contact_id = validate::id("contactId", contact_id)?;
    let message_id = validate::id("messageId", message_id)?;
    let key = MessageRecord::key_for(&matter_id, &contact_id, &message_id);
    let gone = || Error::not_found(format!("message {message_id}"));
    let mut batch = BatchRead::new();
    let message_key = batch.want(key.clone());
    let conversation_key = batch.want(ConversationRecord::key_for(&matter_id, &contact_id));
    let mut found = app.table.read_batch(batch).await?;
    let message = found.take(&message_key)?.ok_or_else(gone)?;
    let contact_name = found
        .take(&conversation_key)?
        .map(|c| c.contact_name)
        .unwrap_or_default();
    let mut transaction = app.table.transaction();
    transaction.delete(&key, Some(message.unchanged_receipt()))?;
    if message.is_unread() {
        transaction.update(
            &ConversationRecord::key_for(&matter_id, &contact_id),
            ConversationRecord::read(message.recipient(), 1),
        )?;
    }
    let event = Event::new(EventType::MessageDeleted, staff.actor())
        .contact(&contact_id, &contact_name)
        .message(&message_id)
        .detail(format!(
            "posted {} by {}",
            message.posted_at, message.author.name
        ));
    events::add(&mut transaction, &matter_id, event)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(()),
        // Deleted (or read) meanwhile: a delete sent again finds it gone.
        Transacted::Cancelled(_) => Err(gone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::fixtures::{document, person};

    fn conversation(hour: &str, posts: i64) -> ConversationRecord {
        ConversationRecord {
            post_hour: Some(hour.into()),
            posts_in_hour: posts,
            ..ConversationRecord::empty("m", "c")
        }
    }

    #[test]
    fn a_contact_posts_sixty_times_an_hour_and_again_the_next_hour() {
        let now = "2026-12-03T14:59:59.000000Z";
        assert_eq!(next_hourly_count(None, now).ok(), Some(1));
        assert_eq!(
            next_hourly_count(Some(&conversation("2026-12-03T14", 59)), now).ok(),
            Some(60)
        );
        let full = conversation("2026-12-03T14", 60);
        assert_eq!(
            next_hourly_count(Some(&full), now)
                .map_err(|e| e.status())
                .err(),
            Some(429)
        );
        let next_hour = "2026-12-03T15:00:00.000000Z";
        assert_eq!(next_hourly_count(Some(&full), next_hour).ok(), Some(1));
    }

    #[test]
    fn a_contact_attaches_what_is_shared_with_them_or_their_own_upload_only() {
        let firm = document("d1", "m");
        assert!(!contact_sees(&firm, None, "c"));
        let mut upload = document("d2", "m");
        upload.origin = Origin::Portal;
        upload.uploaded_by = Some(person("c"));
        assert!(contact_sees(&upload, None, "c"));
        assert!(!contact_sees(&upload, None, "other"));
        upload.status = crate::records::DocumentStatus::Deleting;
        assert!(!contact_sees(&upload, None, "c"));
    }

    #[test]
    fn a_request_sent_again_finds_its_message_only_when_it_was_the_last() {
        let mut c = ConversationRecord::empty("m", "c");
        c.last_request_id = Some("r1".into());
        c.last_message_id = Some("x".into());
        assert_eq!(c.last_posted_by("r1"), Some("x"));
        assert_eq!(c.last_posted_by("r2"), None);
        assert!(request_id(Some("bad#id")).is_err());
        assert!(request_id(None).is_ok());
    }
}
