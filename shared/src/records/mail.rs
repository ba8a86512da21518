//! Mail that a request asks for and the mail worker (`send-digests`) sends: the request as
//! stored (the outbox the table's stream hands over), and the message on the mail queue.

use super::{new_id, stream_image, AccessRecord};
use crate::clock;
use crate::store::{Key, Stored};
use serde::{Deserialize, Serialize};
use std::time::Duration;

const MAIL_REQUEST: &str = "MAILREQ";
/// A request left unhandled (nothing to send, over a limit, or superseded) is dropped after
/// this (TTL); the stream hands a request over within seconds.
const REQUEST_TTL: Duration = Duration::from_secs(24 * 3600);

/// Partition prefixes of the records the table's stream hands to `file-notifications`:
/// events and mail requests. The template's filter names the same (a test reads it).
pub const STREAMED_PREFIXES: [&str; 2] = ["EVENTS#", "MAILREQ#"];

/// What a mail request asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MailRequestKind {
    /// A sign-in link for every active grant naming the address.
    SignIn,
    /// An invitation for one grant, at the version it was asked for.
    Invitation,
}

/// One request for mail, written by the route that takes it (one PutItem, whatever the
/// request turns out to need) and handled by the mail worker once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailRequestRecord {
    pub request_id: String,
    pub kind: Option<MailRequestKind>,
    /// A sign-in request's address as given (validated); the worker looks it up.
    #[serde(default)]
    pub address: String,
    /// An invitation's grant: its matter, contact and version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_version: Option<String>,
    /// The staff member whose grant, resend or first message asked for the invitation: the
    /// email names them, so that it does not read as if from nobody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_by: Option<String>,
    pub requested_at: String,
    pub expires_at_epoch: i64,
}

impl MailRequestRecord {
    fn new(kind: MailRequestKind, now: time::OffsetDateTime) -> Self {
        Self {
            request_id: new_id(),
            kind: Some(kind),
            requested_at: clock::stamp(now),
            expires_at_epoch: clock::epoch_seconds(now)
                .saturating_add(i64::try_from(REQUEST_TTL.as_secs()).unwrap_or(0)),
            ..Self::default()
        }
    }

    /// Links for whoever has access under `address`.
    pub fn sign_in(address: &str, now: time::OffsetDateTime) -> Self {
        Self {
            address: address.to_string(),
            ..Self::new(MailRequestKind::SignIn, now)
        }
    }

    /// An invitation for `grant` as it stands (a later version makes the request stale),
    /// asked for by the staff member named `inviter`.
    pub fn invitation(grant: &AccessRecord, inviter: &str, now: time::OffsetDateTime) -> Self {
        Self {
            matter_id: Some(grant.matter_id.clone()),
            contact_id: Some(grant.contact_id.clone()),
            grant_version: Some(grant.grant_version.clone()),
            invited_by: Some(inviter.to_string()).filter(|name| !name.trim().is_empty()),
            ..Self::new(MailRequestKind::Invitation, now)
        }
    }

    pub fn key_for(request_id: &str) -> Key<Self> {
        Key::new(format!("{MAIL_REQUEST}#{request_id}"), MAIL_REQUEST)
    }

    /// The mail request a stream image holds; `None` for any other record.
    pub fn from_stream_image(image: &serde_dynamo::Item) -> crate::Result<Option<Self>> {
        stream_image(image, &format!("{MAIL_REQUEST}#"), MAIL_REQUEST)
    }
}

impl Stored for MailRequestRecord {
    fn key(&self) -> Key<Self> {
        Self::key_for(&self.request_id)
    }
}

/// A message on the mail queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum MailJob {
    /// A recipient's digest window is due.
    Digest {
        recipient: String,
        window_id: String,
        /// Queued by the daily sweep: a daily summary that is due.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        daily: bool,
    },
    /// A mail request to handle.
    Request { request_id: String },
}

impl MailJob {
    /// A message body as sent to the queue. A wake-up from before messages carried their
    /// kind (`{recipient, windowId}`) is still read as a digest.
    pub fn parse(body: &str) -> serde_json::Result<Self> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct UntaggedWake {
            recipient: String,
            window_id: String,
        }
        serde_json::from_str(body).or_else(|tagged| {
            serde_json::from_str::<UntaggedWake>(body)
                .map(|w| Self::Digest {
                    recipient: w.recipient,
                    window_id: w.window_id,
                    daily: false,
                })
                .map_err(|_| tagged)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_say_their_kind_and_old_wake_ups_still_read_as_digests() {
        let digest = MailJob::Digest {
            recipient: "ann@client.example".into(),
            window_id: "w1".into(),
            daily: false,
        };
        let text = serde_json::to_string(&digest).expect("encode");
        assert_eq!(
            text,
            r#"{"kind":"digest","recipient":"ann@client.example","windowId":"w1"}"#
        );
        assert_eq!(MailJob::parse(&text).expect("parse"), digest);
        let old = r#"{"recipient":"ann@client.example","windowId":"w1"}"#;
        assert_eq!(MailJob::parse(old).expect("parse"), digest);
        let due =
            r#"{"kind":"digest","recipient":"ann@client.example","windowId":"w1","daily":true}"#;
        assert_eq!(
            MailJob::parse(due).expect("parse"),
            MailJob::Digest {
                recipient: "ann@client.example".into(),
                window_id: "w1".into(),
                daily: true,
            }
        );
        let request = MailJob::parse(r#"{"kind":"request","requestId":"r1"}"#).expect("parse");
        assert_eq!(
            request,
            MailJob::Request {
                request_id: "r1".into()
            }
        );
        assert!(MailJob::parse(r#"{"kind":"fax"}"#).is_err());
        assert!(MailJob::parse("[]").is_err());
    }

    #[test]
    fn requests_are_found_in_the_stream_by_their_key() {
        let request = MailRequestRecord::sign_in("ann@client.example", clock::now());
        assert_eq!(request.kind, Some(MailRequestKind::SignIn));
        assert!(request.expires_at_epoch > clock::epoch_seconds(clock::now()));
        let key = request.key();
        let mut item: serde_dynamo::Item = serde_dynamo::to_item(&request).expect("item");
        item.insert("pk".into(), serde_dynamo::AttributeValue::S(key.pk.clone()));
        item.insert("sk".into(), serde_dynamo::AttributeValue::S(key.sk.clone()));
        assert!(STREAMED_PREFIXES.iter().any(|p| key.pk.starts_with(p)));
        assert_eq!(
            MailRequestRecord::from_stream_image(&item).expect("read"),
            Some(request)
        );
        item.insert(
            "pk".into(),
            serde_dynamo::AttributeValue::S("EVENTS#m".into()),
        );
        assert_eq!(
            MailRequestRecord::from_stream_image(&item).expect("read"),
            None
        );
    }
}
