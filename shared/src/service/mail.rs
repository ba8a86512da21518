//! The mail worker's messages: each message of the mail queue (`send-digests`) is a digest
//! window that is due or a request for mail that a route stored; the table's stream puts
//! the requests on the queue (`forward`, in `file-notifications`). Routes never send mail
//! themselves, so what they answer, and when, does not depend on whom it goes to.

use super::digests::{self, Sent, Wake};
use super::{access, sessions};
use crate::error::Result;
use crate::queue::Queue;
use crate::records::{EventRecord, MailJob, MailRequestKind, MailRequestRecord};
use crate::App;
use serde::Serialize;
use std::time::Duration;

/// What handling one message did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "job")]
pub enum Handled {
    Digest(Sent),
    /// A request handled, or found handled already (`known: false`).
    Request {
        known: bool,
    },
}

impl Handled {
    /// Another attempt holds the message's work: try it again later.
    pub fn retry_later(&self) -> bool {
        matches!(self, Self::Digest(Sent::Busy))
    }
}

/// Handles one message of the mail queue.
pub async fn handle(app: &App, job: &MailJob) -> Result<Handled> {
    match job {
        MailJob::Digest {
            recipient,
            window_id,
            daily,
        } => {
            let wake = Wake {
                recipient: recipient.clone(),
                window_id: window_id.clone(),
                daily: *daily,
            };
            digests::send_window(app, &wake).await.map(Handled::Digest)
        }
        MailJob::Request { request_id } => {
            let key = MailRequestRecord::key_for(request_id);
            let Some(request) = app.table.get(&key).await? else {
                return Ok(Handled::Request { known: false });
            };
            match request.kind {
                Some(MailRequestKind::SignIn) => {
                    sessions::send_sign_in_links(app, &request).await?
                }
                Some(MailRequestKind::Invitation) => access::send_invitation(app, &request).await?,
                None => tracing::warn!(request = %request_id, "mail request of no known kind"),
            }
            Ok(Handled::Request { known: true })
        }
    }
}

/// Puts a stored request on the mail queue, to be handled at once.
pub async fn forward(queue: &Queue, request: &MailRequestRecord) -> Result<()> {
    let job = MailJob::Request {
        request_id: request.request_id.clone(),
    };
    queue.send(&job, Duration::ZERO).await
}

/// What a new item in the table's stream is for.
#[derive(Debug)]
pub enum Outboxed {
    /// An event, filed into its recipients' digests (boxed: an event is the larger record).
    Event(Box<EventRecord>),
    /// A mail request, forwarded to the mail queue.
    Mail(MailRequestRecord),
}

/// The event or mail request a stream image holds; `None` for any other record.
pub fn outboxed(image: &serde_dynamo::Item) -> Result<Option<Outboxed>> {
    if let Some(event) = digests::event_from_image(image)? {
        return Ok(Some(Outboxed::Event(Box::new(event))));
    }
    Ok(MailRequestRecord::from_stream_image(image)?.map(Outboxed::Mail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{Actor, Event, EventType};
    use crate::store::Stored;

    fn image_of(record: &impl Serialize, pk: &str, sk: &str) -> serde_dynamo::Item {
        let mut item: serde_dynamo::Item = serde_dynamo::to_item(record).expect("item");
        item.insert("pk".into(), serde_dynamo::AttributeValue::S(pk.into()));
        item.insert("sk".into(), serde_dynamo::AttributeValue::S(sk.into()));
        item
    }

    #[test]
    fn the_stream_hands_on_events_and_mail_requests_and_nothing_else() {
        let event = Event::new(EventType::DocumentShared, Actor::staff("s", "Sam"))
            .record("m1", "2026-11-24T10:00:00.000000Z");
        let image: serde_dynamo::Item = crate::store::to_item(&event).expect("item").into();
        match outboxed(&image).expect("read") {
            Some(Outboxed::Event(found)) => assert_eq!(found.event_id, event.event_id),
            other => panic!("an event: {other:?}"),
        }

        let request = MailRequestRecord::sign_in("ann@client.example", crate::clock::now());
        let key = request.key();
        let image = image_of(&request, &key.pk, &key.sk);
        match outboxed(&image).expect("read") {
            Some(Outboxed::Mail(found)) => assert_eq!(found, request),
            other => panic!("a mail request: {other:?}"),
        }

        let share = serde_json::json!({"pk": "DOC#d1", "sk": "SHARE#c1"});
        let image: serde_dynamo::Item = serde_dynamo::to_item(share).expect("item");
        assert!(
            outboxed(&image).expect("read").is_none(),
            "a share is neither"
        );
    }

    #[test]
    fn only_a_busy_digest_is_tried_again_later() {
        assert!(Handled::Digest(Sent::Busy).retry_later());
        assert!(!Handled::Request { known: true }.retry_later());
        assert!(!Handled::Request { known: false }.retry_later());
    }
}
