//! Writing into a conversation: a post in one transaction (the message, the conversation's
//! counters, its event and the matter's activity), and attachments marked removed. Below
//! `sharing`, which posts a share's note and marks what a stopped share removes; `messages`
//! above both serves the routes.

use super::events::{self, Event};
use super::tally;
use crate::error::{Error, Result};
use crate::records::message::{message_id, AttachmentCopy};
use crate::records::{
    AccessRecord, Actor, ConversationRecord, EventType, MessageRecord, Person, ShareRecord, Tally,
};
use crate::store::{Condition, Stored, Transacted};
use crate::{clock, App};

/// Clio's limit for one message.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// A post that meets a concurrent change reads the conversation again and tries again.
pub const POST_ATTEMPTS: usize = 4;

/// The next hourly post count after the conversation as read at a time, or a refusal.
pub type HourlyRule = fn(Option<&ConversationRecord>, &str) -> Result<i64>;

/// A message about to be posted and who hears of it.
pub struct Draft {
    pub matter_id: String,
    pub contact_id: String,
    /// The conversation's contact, as the list and the event name them.
    pub contact_name: String,
    pub author: Actor,
    pub text: String,
    pub attachment: Option<AttachmentCopy>,
    pub shared_documents: Vec<AttachmentCopy>,
    /// The caller's id for the post: the conversation's last post with it is not repeated.
    pub request_id: String,
    pub notify: Vec<Person>,
    /// The contact's posts are counted per hour (`rule` gives the next count or refuses).
    pub hourly: Option<HourlyRule>,
}

/// A post's message, and the conversation as it was just before it.
pub struct Posted {
    pub message: MessageRecord,
    pub before: Option<ConversationRecord>,
}

/// Posts `draft` over the conversation as read (`read`, or read here); a post sent again
/// after it committed gives back the message it made.
pub async fn post(
    app: &App,
    draft: &Draft,
    read: Option<Option<ConversationRecord>>,
) -> Result<Posted> {
    let key = ConversationRecord::key_for(&draft.matter_id, &draft.contact_id);
    let mut read = read;
    for _ in 0..POST_ATTEMPTS {
        let before = match read.take() {
            Some(before) => before,
            None => app.table.get(&key).await?,
        };
        if let Some(message) = already_posted(app, before.as_ref(), &draft.request_id).await? {
            return Ok(Posted { message, before });
        }
        let message = new_message(draft);
        let hourly = match draft.hourly {
            Some(rule) => Some(rule(before.as_ref(), &message.posted_at)?),
            None => None,
        };
        if commit(app, draft, &message, before.as_ref(), hourly).await? {
            return Ok(Posted { message, before });
        }
    }
    Err(busy())
}

pub fn busy() -> Error {
    Error::Conflict("the conversation changed meanwhile; try again".into())
}

fn new_message(draft: &Draft) -> MessageRecord {
    let posted_at = clock::stamp(clock::now());
    MessageRecord {
        message_id: message_id(&posted_at),
        matter_id: draft.matter_id.clone(),
        contact_id: draft.contact_id.clone(),
        author: draft.author.clone(),
        text: draft.text.clone(),
        posted_at,
        read_at: None,
        attachment: draft.attachment.clone(),
        shared_documents: draft.shared_documents.clone(),
    }
}

/// The hour (`2026-12-03T14`) a stamp falls in.
pub fn hour_of(stamp: &str) -> &str {
    stamp.get(..13).unwrap_or(stamp)
}

/// One transaction over the conversation as read and a grant still standing; false when
/// either changed meanwhile.
async fn commit(
    app: &App,
    draft: &Draft,
    m: &MessageRecord,
    read: Option<&ConversationRecord>,
    hourly: Option<i64>,
) -> Result<bool> {
    let hour = hour_of(&m.posted_at).to_string();
    let mut transaction = app.table.transaction();
    transaction.put(m, Some(Condition::absent()))?;
    let change = ConversationRecord::posted(
        m,
        &draft.contact_name,
        &draft.request_id,
        hourly.map(|n| (hour.as_str(), n)),
    )
    .when(ConversationRecord::unchanged_since(read));
    transaction.update(
        &ConversationRecord::key_for(&m.matter_id, &m.contact_id),
        change,
    )?;
    let grant = transaction.check(
        &AccessRecord::key_for(&m.matter_id, &m.contact_id),
        AccessRecord::not_revoked(),
    )?;
    let mut event = Event::new(EventType::MessagePosted, m.author.clone())
        .contact(&m.contact_id, &draft.contact_name)
        .message(&m.message_id)
        .notify(draft.notify.clone());
    if let Some(a) = &m.attachment {
        event = event.document(&a.document_id, &a.file_name);
    }
    events::add(&mut transaction, &m.matter_id, event)?;
    tally::note(&mut transaction, &m.matter_id, Tally::NONE)?;
    match app.table.commit(transaction).await? {
        Transacted::Committed => Ok(true),
        Transacted::Cancelled(why) if why.failed_condition(grant) => Err(Error::not_found(
            format!("contact {} with access to this matter", m.contact_id),
        )),
        Transacted::Cancelled(why) if why.any_failed_condition() || why.conflicted() => Ok(false),
        Transacted::Cancelled(why) => Err(Error::upstream(
            "DynamoDB TransactWriteItems (message)",
            why,
        )),
    }
}

/// The message a post already made, when `request_id` was the conversation's last post.
async fn already_posted(
    app: &App,
    conversation: Option<&ConversationRecord>,
    request_id: &str,
) -> Result<Option<MessageRecord>> {
    let Some((c, id)) = conversation.and_then(|c| Some((c, c.last_posted_by(request_id)?))) else {
        return Ok(None);
    };
    app.table
        .get(&MessageRecord::key_for(&c.matter_id, &c.contact_id, id))
        .await
}

/// Notes on the contact's shares of `document_ids` that a message carries or names them, so
/// that stopping one of them marks the message (see `mark_attachment_removed`). Done before
/// the post: a note without its message only costs the removal one read. A share that went
/// meanwhile needs no note; a stop that read the share just before its note leaves that one
/// message unmarked (its link is still refused, since links check the share).
pub async fn note_in_messages(app: &App, contact_id: &str, document_ids: &[&str]) -> Result<()> {
    for chunk in document_ids.chunks(100) {
        let mut transaction = app.table.transaction();
        for document_id in chunk {
            transaction.update(
                &ShareRecord::key_for(document_id, contact_id),
                ShareRecord::in_messages_change(),
            )?;
        }
        if let Transacted::Cancelled(why) = app.table.commit(transaction).await? {
            tracing::info!(why = ?why, "a share named by a message went meanwhile");
        }
    }
    Ok(())
}

/// Marks `document_id` removed in every message of the contact's conversation that shows
/// it: the document left the matter or stopped being shared with them. Done before the
/// share goes, so that no page offers an attachment its reader can no longer open.
pub async fn mark_attachment_removed(
    app: &App,
    matter_id: &str,
    contact_id: &str,
    document_id: &str,
) -> Result<()> {
    let messages = app
        .table
        .query_all(&MessageRecord::of_conversation(matter_id, contact_id))
        .await?;
    for mut message in messages
        .into_iter()
        .filter(|m| m.shows_document(document_id))
    {
        for _ in 0..POST_ATTEMPTS {
            let condition = message.unchanged_receipt();
            let updated = message.clone().with_removed(document_id);
            if app.table.put(&updated, Some(condition)).await? {
                break;
            }
            // Read (or deleted) meanwhile: take the receipt and go again.
            match app.table.get(&message.key()).await? {
                Some(current) => message = current,
                None => break,
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_hour_is_a_stamps_date_and_hour() {
        assert_eq!(hour_of("2026-12-03T14:59:59.000000Z"), "2026-12-03T14");
        assert_eq!(hour_of("short"), "short");
    }
}
