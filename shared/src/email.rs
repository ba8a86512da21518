//! SES adapter and the texts of every email the portal sends.

use crate::aws::OnFirstUse;
use crate::error::{Error, Result};
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};
use aws_sdk_sesv2::Client;

#[derive(Clone, Debug)]
pub struct Mailer {
    client: OnFirstUse<Client>,
    sender: String,
    configuration_set: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    /// One recipient: every email the portal sends is for one person.
    pub to: String,
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
            client: OnFirstUse::new(sdk, Client::new),
            sender: sender.into(),
            configuration_set,
        }
    }

    /// A mailer over a client built elsewhere (the bench's counts its calls).
    pub fn with_client(client: Client, sender: impl Into<String>) -> Self {
        Self {
            client: OnFirstUse::ready(client),
            sender: sender.into(),
            configuration_set: None,
        }
    }

    /// Sends `email` to its one recipient.
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
        self.client
            .get()
            .send_email()
            .from_email_address(&self.sender)
            .set_configuration_set_name(self.configuration_set.clone())
            .destination(Destination::builder().to_addresses(email.to).build())
            .content(EmailContent::builder().simple(message).build())
            .send()
            .await
            .map_err(|e| Error::upstream("SES SendEmail", e))?;
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
        to: to.to_string(),
        subject: format!("{firm} invited you to its client portal"),
        body: format!(
            "Hello {name},\n\n{firm} has given you access to documents for \"{matter_title}\" in its client portal.\n\nOpen the portal:\n{link}\n\nThis link works once and expires in {} minutes. If it has expired, ask {firm} to send a new invitation, or request a sign-in link from the portal with this email address.\n",
            minutes(ttl)
        ),
    }
}

pub fn sign_in(firm: &str, to: &str, link: &str, ttl: std::time::Duration) -> Email {
    Email {
        to: to.to_string(),
        subject: format!("Your sign-in link for {firm}"),
        body: format!(
            "Hello,\n\nUse this link to sign in to the {firm} client portal:\n{link}\n\nIt works once and expires in {} minutes. If you did not ask for it, you can ignore this email.\n",
            minutes(ttl)
        ),
    }
}

/// One line of a digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DigestLine {
    /// A document shared with the recipient (a contact).
    Shared {
        file_name: String,
    },
    /// A contact's upload, told to the firm's staff.
    Uploaded {
        uploader: String,
        file_name: String,
    },
    /// A new message from `from`. Never its text: an email leaves the portal's access
    /// checks behind (forwarded, read on a shared device, kept by mail providers), while
    /// the message stays behind a sign-in and can be deleted.
    Message {
        from: String,
    },
    /// A new version of a document shared with the recipient (a contact).
    Updated {
        file_name: String,
    },
    /// A bill or trust request sent to the recipient: "Bill 1042, USD 1,250.00 due 2027-01-31".
    Bill {
        what: String,
    },
    /// A change to one: "Bill 1042: balance USD 0.00, marked settled".
    BillChanged {
        what: String,
    },
    /// A calendar event shared with the recipient: "Signing, 2027-01-05 20:00 UTC".
    Appointment {
        what: String,
    },
    /// One moved to another time, otherwise changed, or cancelled.
    AppointmentMoved {
        what: String,
    },
    AppointmentChanged {
        what: String,
    },
    AppointmentCancelled {
        what: String,
    },
    /// A task given to the recipient: "Sign the letter, due 2027-01-05".
    Task {
        what: String,
    },
    /// One of theirs due tomorrow, still open.
    TaskDueSoon {
        what: String,
    },
    /// A contact's task done, told to the firm.
    TaskDone {
        who: String,
        what: String,
    },
}

/// A matter's lines in a digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestSection {
    pub matter_title: String,
    pub lines: Vec<DigestLine>,
}

/// Everything one recipient is told in one window, grouped by matter, with where to look:
/// the portal for a contact, the console for staff. Links only, never a token or a presigned
/// URL: the recipient signs in as usual.
pub fn digest(
    firm: &str,
    to: &str,
    name: &str,
    sections: &[DigestSection],
    links: &[String],
) -> Email {
    let lines = || sections.iter().flat_map(|s| s.lines.iter());
    let count = lines().count();
    let all_shared = lines().all(|l| matches!(l, DigestLine::Shared { .. }));
    let all_uploads = lines().all(|l| matches!(l, DigestLine::Uploaded { .. }));
    let all_messages = lines().all(|l| matches!(l, DigestLine::Message { .. }));
    let all_bills = lines().all(|l| matches!(l, DigestLine::Bill { .. }));
    let all_moves = lines().all(|l| matches!(l, DigestLine::AppointmentMoved { .. }));
    let all_due = lines().all(|l| matches!(l, DigestLine::TaskDueSoon { .. }));
    let plural = |one: &str, many: &str| if count == 1 { one } else { many }.to_string();
    let subject = if all_shared {
        format!(
            "{firm} shared {count} {} with you",
            plural("document", "documents")
        )
    } else if let (true, Some(DigestLine::Bill { what })) =
        (all_bills && count == 1, lines().next())
    {
        let noun = if what.starts_with("Trust request") {
            "trust request"
        } else {
            "bill"
        };
        format!("New {noun} from {firm}")
    } else if all_moves && count == 1 {
        format!("Event moved: {firm} client portal")
    } else if all_due {
        format!(
            "{} due tomorrow: {firm} client portal",
            plural("Task", &format!("{count} tasks"))
        )
    } else if all_bills {
        format!("{count} new bills and requests from {firm}")
    } else if all_messages {
        format!(
            "{count} new {} in the {firm} client portal",
            plural("message", "messages")
        )
    } else if let (true, [only]) = (all_uploads, sections) {
        let noun = plural("upload", "uploads");
        format!("{count} new portal {noun} on \"{}\"", only.matter_title)
    } else if all_uploads {
        format!("{count} new portal {}", plural("upload", "uploads"))
    } else {
        format!("{count} portal {} from {firm}", plural("update", "updates"))
    };
    let mut body = format!("Hello {name},\n\nNew in the {firm} client portal:\n");
    for section in sections {
        body.push_str(&format!("\n\"{}\"\n", section.matter_title));
        for line in &section.lines {
            match line {
                DigestLine::Shared { file_name } => {
                    body.push_str(&format!("  - shared with you: {file_name}\n"));
                }
                DigestLine::Uploaded {
                    uploader,
                    file_name,
                } => body.push_str(&format!("  - {uploader} uploaded \"{file_name}\"\n")),
                DigestLine::Message { from } => {
                    body.push_str(&format!("  - a new message from {from} is waiting\n"));
                }
                DigestLine::Updated { file_name } => {
                    body.push_str(&format!("  - {file_name} was updated\n"));
                }
                DigestLine::Bill { what } => {
                    body.push_str(&format!("  - new from {firm}: {what}\n"));
                }
                DigestLine::BillChanged { what } => {
                    body.push_str(&format!("  - changed: {what}\n"));
                }
                DigestLine::Appointment { what } => {
                    body.push_str(&format!("  - new event: {what}\n"));
                }
                DigestLine::AppointmentMoved { what } => {
                    body.push_str(&format!("  - event moved: {what}\n"));
                }
                DigestLine::AppointmentChanged { what } => {
                    body.push_str(&format!("  - event changed: {what}\n"));
                }
                DigestLine::AppointmentCancelled { what } => {
                    body.push_str(&format!("  - event cancelled: {what}\n"));
                }
                DigestLine::Task { what } => {
                    body.push_str(&format!("  - new task for you: {what}\n"));
                }
                DigestLine::TaskDueSoon { what } => {
                    body.push_str(&format!("  - task due tomorrow: {what}\n"));
                }
                DigestLine::TaskDone { who, what } => {
                    body.push_str(&format!("  - {who} completed the task: {what}\n"));
                }
            }
        }
    }
    body.push_str("\nSee them in the portal:\n");
    for link in links {
        body.push_str(&format!("{link}\n"));
    }
    Email {
        to: to.to_string(),
        subject,
        body,
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
        assert_eq!(e.to, "a@b.com");
        assert!(e.subject.contains("Smith LLP"));
        assert!(
            e.body.contains(&link) && e.body.contains("60 minutes") && e.body.contains("Estate")
        );
    }

    #[test]
    fn digests_group_by_matter_and_carry_no_token() {
        let sections = vec![
            DigestSection {
                matter_title: "Estate".into(),
                lines: vec![
                    DigestLine::Shared {
                        file_name: "a.pdf".into(),
                    },
                    DigestLine::Shared {
                        file_name: "b.pdf".into(),
                    },
                ],
            },
            DigestSection {
                matter_title: "Lease".into(),
                lines: vec![DigestLine::Shared {
                    file_name: "c.pdf".into(),
                }],
            },
        ];
        let e = digest("F", "x@y.com", "X", &sections, &["https://p/".into()]);
        assert_eq!(e.subject, "F shared 3 documents with you");
        assert!(e.body.find("\"Estate\"") < e.body.find("\"Lease\""));
        assert!(e.body.contains("https://p/") && !e.body.contains("#invite="));
        let upload = DigestSection {
            matter_title: "M".into(),
            lines: vec![DigestLine::Uploaded {
                uploader: "Carl".into(),
                file_name: "d.pdf".into(),
            }],
        };
        let e = digest(
            "F",
            "s@f.com",
            "S",
            &[upload],
            &["https://p/console/".into()],
        );
        assert_eq!(e.subject, "1 new portal upload on \"M\"");
        assert!(e.body.contains("Carl uploaded \"d.pdf\""));
        let message = DigestSection {
            matter_title: "M".into(),
            lines: vec![DigestLine::Message { from: "Sam".into() }],
        };
        let e = digest("F", "c@x.com", "C", &[message], &["https://p/".into()]);
        assert_eq!(e.subject, "1 new message in the F client portal");
        assert!(e.body.contains("a new message from Sam is waiting"));
        let updated = DigestSection {
            matter_title: "M".into(),
            lines: vec![DigestLine::Updated {
                file_name: "Will.pdf".into(),
            }],
        };
        let e = digest("F", "c@x.com", "C", &[updated], &["https://p/".into()]);
        assert!(e.body.contains("Will.pdf was updated"), "{}", e.body);
    }

    #[test]
    fn bills_in_a_digest_say_what_is_owed_and_what_changed() {
        let bill = |what: &str| DigestLine::Bill { what: what.into() };
        let one = |lines| {
            let section = DigestSection {
                matter_title: "Estate".into(),
                lines,
            };
            digest(
                "Smith LLP",
                "c@x.com",
                "C",
                &[section],
                &["https://p/".into()],
            )
        };
        let e = one(vec![bill("Bill 1042, USD 1,250.00 due 2027-01-31")]);
        assert_eq!(e.subject, "New bill from Smith LLP");
        assert!(e
            .body
            .contains("new from Smith LLP: Bill 1042, USD 1,250.00 due 2027-01-31"));
        let e = one(vec![bill("Trust request R-7, USD 5,000.00 due 2027-02-01")]);
        assert_eq!(e.subject, "New trust request from Smith LLP");
        let e = one(vec![bill("Bill 1"), bill("Bill 2")]);
        assert_eq!(e.subject, "2 new bills and requests from Smith LLP");
        let e = one(vec![DigestLine::BillChanged {
            what: "Bill 1042: due 2027-02-15".into(),
        }]);
        assert_eq!(e.subject, "1 portal update from Smith LLP");
        assert!(e.body.contains("changed: Bill 1042: due 2027-02-15"));
        let e = one(vec![DigestLine::AppointmentMoved {
            what: "Signing, moved to 2027-01-06 20:00 UTC".into(),
        }]);
        assert_eq!(e.subject, "Event moved: Smith LLP client portal");
        assert!(e
            .body
            .contains("event moved: Signing, moved to 2027-01-06 20:00 UTC"));
        let e = one(vec![
            DigestLine::Appointment {
                what: "Signing".into(),
            },
            DigestLine::AppointmentCancelled {
                what: "Call".into(),
            },
        ]);
        assert!(e.body.contains("new event: Signing") && e.body.contains("event cancelled: Call"));
        let due = |what: &str| DigestLine::TaskDueSoon { what: what.into() };
        let e = one(vec![due("Sign the letter, due 2027-01-06")]);
        assert_eq!(e.subject, "Task due tomorrow: Smith LLP client portal");
        assert!(e
            .body
            .contains("task due tomorrow: Sign the letter, due 2027-01-06"));
        let e = one(vec![due("A"), due("B")]);
        assert_eq!(e.subject, "2 tasks due tomorrow: Smith LLP client portal");
        let e = one(vec![DigestLine::TaskDone {
            who: "Ann".into(),
            what: "Sign the letter, due 2027-01-06".into(),
        }]);
        assert!(e
            .body
            .contains("Ann completed the task: Sign the letter, due 2027-01-06"));
    }
}
