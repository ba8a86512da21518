//! SES adapter and the texts of every email the portal sends.

use crate::error::{Error, Result};
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};
use aws_sdk_sesv2::Client;

/// SES refuses a message to more recipients than this.
const MAX_RECIPIENTS: usize = 50;

#[derive(Clone, Debug)]
pub struct Mailer {
    client: Client,
    sender: String,
    configuration_set: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

impl Mailer {
    pub fn new(
        sdk: &aws_config::SdkConfig,
        sender: impl Into<String>,
        configuration_set: Option<String>,
    ) -> Self {
        Self {
            client: Client::new(sdk),
            sender: sender.into(),
            configuration_set,
        }
    }

    /// A mailer over a client built elsewhere (the bench's counts its calls).
    pub fn with_client(client: Client, sender: impl Into<String>) -> Self {
        Self {
            client,
            sender: sender.into(),
            configuration_set: None,
        }
    }

    /// Sends `email` to each of its recipients. One recipient is the message's To; several
    /// (the firm's staff told of an upload) get it as blind copies, at most SES's 50 to a
    /// message, so that no one's address is shown to the others and no list is too long.
    pub async fn send(&self, email: Email) -> Result<()> {
        let text = |data: String| {
            Content::builder()
                .data(data)
                .charset("UTF-8")
                .build()
                .map_err(|e| Error::internal_from("email build", e))
        };
        let message = Message::builder()
            .subject(text(email.subject)?)
            .body(Body::builder().text(text(email.body)?).build())
            .build();
        let destinations: Vec<Destination> = match email.to.as_slice() {
            [_] => vec![Destination::builder()
                .set_to_addresses(Some(email.to))
                .build()],
            many => many
                .chunks(MAX_RECIPIENTS)
                .map(|chunk| {
                    Destination::builder()
                        .set_bcc_addresses(Some(chunk.to_vec()))
                        .build()
                })
                .collect(),
        };
        for destination in destinations {
            self.client
                .send_email()
                .from_email_address(&self.sender)
                .set_configuration_set_name(self.configuration_set.clone())
                .destination(destination)
                .content(EmailContent::builder().simple(message.clone()).build())
                .send()
                .await
                .map_err(|e| Error::upstream("SES SendEmail", e))?;
        }
        Ok(())
    }
}

/// The link a contact follows; the token rides in the fragment so that a mail scanner's
/// GET of the page consumes nothing.
pub fn portal_link(portal_url: &str, token: &str) -> String {
    format!("{portal_url}/#invite={token}")
}

fn minutes(ttl: std::time::Duration) -> u64 {
    ttl.as_secs().div_ceil(60).max(1)
}

pub fn invitation(
    firm: &str,
    matter_title: &str,
    to: &str,
    name: &str,
    link: &str,
    ttl: std::time::Duration,
) -> Email {
    Email {
        to: vec![to.to_string()],
        subject: format!("{firm} invited you to its client portal"),
        body: format!(
            "Hello {name},\n\n{firm} has given you access to documents for \"{matter_title}\" in its client portal.\n\nOpen the portal:\n{link}\n\nThis link works once and expires in {} minutes. If it has expired, ask {firm} to send a new invitation, or request a sign-in link from the portal with this email address.\n",
            minutes(ttl)
        ),
    }
}

pub fn sign_in(firm: &str, to: &str, link: &str, ttl: std::time::Duration) -> Email {
    Email {
        to: vec![to.to_string()],
        subject: format!("Your sign-in link for {firm}"),
        body: format!(
            "Hello,\n\nUse this link to sign in to the {firm} client portal:\n{link}\n\nIt works once and expires in {} minutes. If you did not ask for it, you can ignore this email.\n",
            minutes(ttl)
        ),
    }
}

pub fn documents_shared(
    firm: &str,
    matter_title: &str,
    to: &str,
    name: &str,
    file_names: &[String],
    message: Option<&str>,
    portal_url: &str,
) -> Email {
    let list: String = file_names.iter().map(|f| format!("  - {f}\n")).collect();
    let note = message
        .map(|m| format!("\nMessage from {firm}:\n{m}\n"))
        .unwrap_or_default();
    let count = file_names.len();
    let noun = if count == 1 { "document" } else { "documents" };
    Email {
        to: vec![to.to_string()],
        subject: format!("{firm} shared {count} {noun} with you"),
        body: format!(
            "Hello {name},\n\n{firm} shared {count} {noun} for \"{matter_title}\" with you:\n{list}{note}\nSee them in the portal:\n{portal_url}/\n"
        ),
    }
}

pub fn upload_received(
    firm: &str,
    matter_title: &str,
    uploader: &str,
    file_name: &str,
    to: Vec<String>,
) -> Email {
    Email {
        to,
        subject: format!("New portal upload on \"{matter_title}\""),
        body: format!(
            "{uploader} uploaded \"{file_name}\" to \"{matter_title}\" through the {firm} client portal.\n\nIt is in the matter's documents, marked as a portal upload, and shared back with {uploader}.\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn invitation_names_the_firm_and_carries_the_link() {
        let link = portal_link("https://p.example.com", "tok");
        assert_eq!(link, "https://p.example.com/#invite=tok");
        let e = invitation(
            "Smith LLP",
            "Estate",
            "a@b.com",
            "Ann",
            &link,
            Duration::from_secs(3600),
        );
        assert_eq!(e.to, vec!["a@b.com"]);
        assert!(e.subject.contains("Smith LLP"));
        assert!(
            e.body.contains(&link) && e.body.contains("60 minutes") && e.body.contains("Estate")
        );
    }

    #[test]
    fn share_email_lists_each_document_once() {
        let names = vec!["a.pdf".to_string(), "b.pdf".to_string()];
        let e = documents_shared(
            "F",
            "M",
            "x@y.com",
            "X",
            &names,
            Some("see these"),
            "https://p",
        );
        assert_eq!(e.subject, "F shared 2 documents with you");
        assert_eq!(e.body.matches("a.pdf").count(), 1);
        assert!(e.body.contains("see these"));
    }
}
