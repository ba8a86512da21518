//! SES adapter and the texts of every email the portal sends.

use crate::aws::OnFirstUse;
use crate::brand::Brand;
use crate::error::{Error, Result};
use crate::locale::{text, Arg, Language};
use crate::records::Particulars;
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};
use aws_sdk_sesv2::Client;

#[derive(Clone, Debug)]
pub struct Mailer {
    client: OnFirstUse<Client>,
    sender: String,
    configuration_set: Option<String>,
    brand: Brand,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    /// One recipient: every email the portal sends is for one person.
    pub to: String,
    /// The language it is written in (the HTML part says so).
    pub language: Language,
    pub subject: String,
    /// The plain-text part, the email's content; the HTML part says the same.
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
            brand: Brand::default(),
        }
    }

    /// The same mailer, its emails' HTML parts showing `brand`.
    pub fn branded(self, brand: Brand) -> Self {
        Self { brand, ..self }
    }

    /// A mailer over a client built elsewhere (the bench's counts its calls).
    pub fn with_client(client: Client, sender: impl Into<String>) -> Self {
        Self {
            client: OnFirstUse::ready(client),
            sender: sender.into(),
            configuration_set: None,
            brand: Brand::default(),
        }
    }

    /// Sends `email` to its one recipient: its text, and the same as HTML under the firm's
    /// header (SES makes the two a multipart/alternative message).
    pub async fn send(&self, email: Email) -> Result<()> {
        let html = self.brand.html(email.language, &email.subject, &email.body);
        let text = |data: String| {
            Content::builder()
                .data(data)
                .charset("UTF-8")
                .build()
                .map_err(|e| Error::internal_from("email build", e))
        };
        let message = Message::builder()
            .subject(text(email.subject)?)
            .body(
                Body::builder()
                    .text(text(email.body)?)
                    .html(text(html)?)
                    .build(),
            )
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

/// What an invitation says and to whom.
pub struct InvitationText<'a> {
    pub firm: &'a str,
    /// The staff member who asked for it; an older request may name nobody.
    pub inviter: Option<&'a str>,
    pub matter_title: &'a str,
    pub to: &'a str,
    pub name: &'a str,
    pub link: &'a str,
    pub ttl: std::time::Duration,
}

pub fn invitation(language: Language, invite: &InvitationText<'_>) -> Email {
    let firm = ("firm", Arg::from(invite.firm));
    let who = match invite.inviter {
        Some(inviter) => text(
            language,
            "invitation-from-staff",
            &[firm.clone(), ("inviter", inviter.into())],
        ),
        None => text(
            language,
            "invitation-from-firm",
            std::slice::from_ref(&firm),
        ),
    };
    Email {
        to: invite.to.to_string(),
        language,
        subject: text(language, "invitation-subject", std::slice::from_ref(&firm)),
        body: text(
            language,
            "invitation-body",
            &[
                firm,
                ("who", who.as_str().into()),
                ("name", invite.name.into()),
                ("matter", invite.matter_title.into()),
                ("link", invite.link.into()),
                ("minutes", minutes(invite.ttl).into()),
            ],
        ) + "\n",
    }
}

pub fn sign_in(
    language: Language,
    firm: &str,
    to: &str,
    link: &str,
    ttl: std::time::Duration,
) -> Email {
    Email {
        to: to.to_string(),
        language,
        subject: text(language, "sign-in-subject", &[("firm", firm.into())]),
        body: text(
            language,
            "sign-in-body",
            &[
                ("firm", firm.into()),
                ("link", link.into()),
                ("minutes", minutes(ttl).into()),
            ],
        ) + "\n",
    }
}

/// What a bill, calendar event or task line names: its facts, worded in the reader's
/// language, or (an event recorded before facts were kept) the log's English detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    Facts(Particulars),
    Logged(String),
}

impl From<&str> for What {
    fn from(detail: &str) -> Self {
        What::Logged(detail.to_string())
    }
}

impl What {
    /// A trust request rather than a bill (the subject says which).
    fn is_trust(&self) -> bool {
        match self {
            What::Facts(Particulars::Bill { trust, .. }) => *trust,
            What::Facts(_) => false,
            What::Logged(detail) => detail.starts_with("Trust request"),
        }
    }

    /// The words for it in `language`.
    fn words(&self, language: Language) -> String {
        let facts = match self {
            What::Logged(detail) => return detail.clone(),
            What::Facts(facts) => facts,
        };
        match facts {
            Particulars::Bill {
                trust,
                number,
                balance_minor,
                currency,
                due_on,
            } => {
                let places = crate::money::exponent(currency);
                let amount = crate::locale::decimal(language, *balance_minor, places);
                let money = text(
                    language,
                    "digest-money",
                    &[("amount", (&amount).into()), ("currency", currency.into())],
                );
                let id = if *trust {
                    "digest-what-trust"
                } else {
                    "digest-what-bill"
                };
                let due = long_date(language, due_on);
                let args = [
                    ("number", number.into()),
                    ("amount", (&money).into()),
                    ("due", (&due).into()),
                ];
                text(language, id, &args)
            }
            Particulars::Appointment {
                title,
                starts_at,
                time_zone,
            } => match crate::clock::local_day_and_time(starts_at, time_zone) {
                Some((day, time)) => {
                    let day = long_date(language, &day);
                    let args = [
                        ("title", title.into()),
                        ("day", (&day).into()),
                        ("time", (&time).into()),
                        ("zone", time_zone.into()),
                    ];
                    text(language, "digest-what-event", &args)
                }
                None => title.clone(),
            },
            Particulars::Task { title, due_on } => {
                let due = long_date(language, due_on);
                let args = [("title", title.into()), ("due", (&due).into())];
                text(language, "digest-what-task", &args)
            }
        }
    }
}

/// A stored date (`2027-01-31`) as `language` writes it in full; the date itself when it is
/// not one.
pub fn long_date(language: Language, date: &str) -> String {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<u64>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return date.to_string();
    };
    let args = [
        ("year", Arg::Count(year)),
        ("month", Arg::Count(month)),
        ("day", Arg::Count(day)),
    ];
    text(language, "digest-date", &args)
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
    /// A bill or trust request sent to the recipient: "Bill 1042, USD 1,250.00 due January 31, 2027".
    Bill {
        what: What,
    },
    /// A change to one, named as it now stands.
    BillChanged {
        what: What,
    },
    /// A calendar event shared with the recipient: "Signing, January 5, 2027 at 15:00 (America/New_York)".
    Appointment {
        what: What,
    },
    /// One moved to another time, otherwise changed, or cancelled.
    AppointmentMoved {
        what: What,
    },
    AppointmentChanged {
        what: What,
    },
    AppointmentCancelled {
        what: What,
    },
    /// A task given to the recipient: "Sign the letter, due January 5, 2027".
    Task {
        what: What,
    },
    /// One of theirs due tomorrow, still open.
    TaskDueSoon {
        what: What,
    },
    /// A contact's task done, told to the firm.
    TaskDone {
        who: String,
        what: What,
    },
    /// An upload refused because it failed a malware scan (its bytes deleted), told to the
    /// firm; `uploader`: the contact who sent it, none for the firm's own.
    FailedScan {
        uploader: Option<String>,
        file_name: String,
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
    language: Language,
    firm: &str,
    to: &str,
    name: &str,
    sections: &[DigestSection],
    links: &[String],
) -> Email {
    compose_digest(false, language, firm, to, name, sections, links)
}

/// [`digest`], introduced as the day's summary (a contact who chose one email a day).
pub fn daily_summary(
    language: Language,
    firm: &str,
    to: &str,
    name: &str,
    sections: &[DigestSection],
    links: &[String],
) -> Email {
    compose_digest(true, language, firm, to, name, sections, links)
}

fn compose_digest(
    daily: bool,
    language: Language,
    firm: &str,
    to: &str,
    name: &str,
    sections: &[DigestSection],
    links: &[String],
) -> Email {
    let lines = || sections.iter().flat_map(|s| s.lines.iter());
    let count = lines().count();
    let all = |kind: fn(&DigestLine) -> bool| lines().all(kind);
    let firm_arg = ("firm", Arg::from(firm));
    let counted = |id: &str| text(language, id, &[firm_arg.clone(), ("count", count.into())]);
    let subject = if all(|l| matches!(l, DigestLine::Shared { .. })) {
        counted("digest-subject-shared")
    } else if let (true, Some(DigestLine::Bill { what })) = (
        all(|l| matches!(l, DigestLine::Bill { .. })) && count == 1,
        lines().next(),
    ) {
        if what.is_trust() {
            counted("digest-subject-trust")
        } else {
            counted("digest-subject-bill")
        }
    } else if all(|l| matches!(l, DigestLine::AppointmentMoved { .. })) && count == 1 {
        counted("digest-subject-moved")
    } else if all(|l| matches!(l, DigestLine::TaskDueSoon { .. })) {
        counted("digest-subject-due")
    } else if all(|l| matches!(l, DigestLine::Bill { .. })) {
        counted("digest-subject-bills")
    } else if all(|l| matches!(l, DigestLine::Message { .. })) {
        counted("digest-subject-messages")
    } else if let (true, [only]) = (all(|l| matches!(l, DigestLine::Uploaded { .. })), sections) {
        text(
            language,
            "digest-subject-uploads-on",
            &[
                ("count", count.into()),
                ("matter", (&only.matter_title).into()),
            ],
        )
    } else if all(|l| matches!(l, DigestLine::Uploaded { .. })) {
        counted("digest-subject-uploads")
    } else {
        counted("digest-subject-updates")
    };
    let mut body = text(language, "digest-hello", &[("name", name.into())]);
    body.push_str("\n\n");
    let intro = if daily {
        "digest-intro-daily"
    } else {
        "digest-intro"
    };
    body.push_str(&text(language, intro, std::slice::from_ref(&firm_arg)));
    body.push('\n');
    for section in sections {
        body.push_str(&format!("\n\"{}\"\n", section.matter_title));
        for line in &section.lines {
            body.push_str("  - ");
            body.push_str(&digest_line(language, firm, line));
            body.push('\n');
        }
    }
    body.push('\n');
    body.push_str(&text(language, "digest-see", &[]));
    body.push('\n');
    for link in links {
        body.push_str(&format!("{link}\n"));
    }
    Email {
        to: to.to_string(),
        language,
        subject,
        body,
    }
}

fn digest_line(language: Language, firm: &str, line: &DigestLine) -> String {
    // A bill's, event's or task's name, worded in the reader's language.
    let worded = |w: &What| ("what", Arg::Owned(w.words(language)));
    let (id, args): (&str, Vec<(&str, Arg<'_>)>) = match line {
        DigestLine::Shared { file_name } => ("digest-shared", vec![("file", file_name.into())]),
        DigestLine::Uploaded {
            uploader,
            file_name,
        } => (
            "digest-uploaded",
            vec![("who", uploader.into()), ("file", file_name.into())],
        ),
        DigestLine::Message { from } => ("digest-message", vec![("who", from.into())]),
        DigestLine::Updated { file_name } => ("digest-updated", vec![("file", file_name.into())]),
        DigestLine::Bill { what } => ("digest-bill", vec![("firm", firm.into()), worded(what)]),
        DigestLine::BillChanged { what } => ("digest-bill-changed", vec![worded(what)]),
        DigestLine::Appointment { what } => ("digest-event", vec![worded(what)]),
        DigestLine::AppointmentMoved { what } => ("digest-event-moved", vec![worded(what)]),
        DigestLine::AppointmentChanged { what } => ("digest-event-changed", vec![worded(what)]),
        DigestLine::AppointmentCancelled { what } => ("digest-event-cancelled", vec![worded(what)]),
        DigestLine::Task { what } => ("digest-task", vec![worded(what)]),
        DigestLine::TaskDueSoon { what } => ("digest-task-due", vec![worded(what)]),
        DigestLine::TaskDone { who, what } => {
            ("digest-task-done", vec![("who", who.into()), worded(what)])
        }
        DigestLine::FailedScan {
            uploader: Some(who),
            file_name,
        } => (
            "digest-failed-scan",
            vec![("who", who.into()), ("file", file_name.into())],
        ),
        DigestLine::FailedScan {
            uploader: None,
            file_name,
        } => ("digest-failed-scan-firm", vec![("file", file_name.into())]),
    };
    text(language, id, &args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn invitation_names_the_firm_and_carries_the_link() {
        let link = portal_link("https://p.example.com", "tok");
        assert_eq!(link, "https://p.example.com/#invite=tok");
        let invite = InvitationText {
            firm: "Smith LLP",
            inviter: Some("Maria Lopez"),
            matter_title: "Estate",
            to: "a@b.com",
            name: "Ann",
            link: &link,
            ttl: Duration::from_secs(3600),
        };
        let e = invitation(Language::En, &invite);
        assert_eq!(e.to, "a@b.com");
        assert!(e.subject.contains("Smith LLP"));
        assert!(
            e.body.contains(&link) && e.body.contains("60 minutes") && e.body.contains("Estate")
        );
        assert!(
            e.body
                .contains("Maria Lopez at Smith LLP has given you access to \"Estate\""),
            "who is inviting: {}",
            e.body
        );
        assert!(
            e.body.contains("The portal is a private place"),
            "what it is for"
        );
        assert!(
            e.body.contains("If it has expired, open the portal"),
            "what to do when it has expired"
        );
        let unnamed = invitation(
            Language::En,
            &InvitationText {
                inviter: None,
                ..invite
            },
        );
        assert!(
            unnamed.body.contains("\n\nSmith LLP has given you access"),
            "{}",
            unnamed.body
        );
    }

    #[test]
    fn a_spanish_contact_is_written_to_in_spanish() {
        let link = portal_link("https://p.example.com", "tok");
        let invite = InvitationText {
            firm: "Smith LLP",
            inviter: Some("María López"),
            matter_title: "Sucesión",
            to: "a@b.com",
            name: "Ana",
            link: &link,
            ttl: Duration::from_secs(60),
        };
        let e = invitation(Language::Es, &invite);
        assert_eq!(e.subject, "Smith LLP le invitó a su portal de clientes");
        assert!(e.body.starts_with("Hola, Ana:\n\n"), "{}", e.body);
        assert!(e.body.contains("«Sucesión»") && e.body.contains(&link));
        assert!(
            e.body
                .contains("María López, de Smith LLP, le ha dado acceso a «Sucesión»"),
            "{}",
            e.body
        );
        assert!(e.body.contains("caduca en 1 minuto."), "{}", e.body);
        let e = sign_in(
            Language::Es,
            "Smith LLP",
            "a@b.com",
            &link,
            Duration::from_secs(3600),
        );
        assert_eq!(e.subject, "Su enlace de acceso a Smith LLP");
        assert!(e.body.contains("caduca en 60 minutos"), "{}", e.body);
        let shared = DigestSection {
            matter_title: "Sucesión".into(),
            lines: vec![DigestLine::Shared {
                file_name: "Testamento.pdf".into(),
            }],
        };
        let e = digest(
            Language::Es,
            "Smith LLP",
            "a@b.com",
            "Ana",
            &[shared],
            &["https://p/".into()],
        );
        assert_eq!(e.subject, "Smith LLP compartió 1 documento con usted");
        assert!(
            e.body
                .starts_with("Hola, Ana:\n\nNovedades en el portal de clientes de Smith LLP:"),
            "{}",
            e.body
        );
        assert!(
            e.body
                .contains("  - compartido con usted: Testamento.pdf\n"),
            "{}",
            e.body
        );
        assert!(
            e.body.contains("Véalas en el portal:\nhttps://p/\n"),
            "{}",
            e.body
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
        let e = digest(
            Language::En,
            "F",
            "x@y.com",
            "X",
            &sections,
            &["https://p/".into()],
        );
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
            Language::En,
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
        let e = digest(
            Language::En,
            "F",
            "c@x.com",
            "C",
            &[message],
            &["https://p/".into()],
        );
        assert_eq!(e.subject, "1 new message in the F client portal");
        assert!(e.body.contains("a new message from Sam is waiting"));
        let updated = DigestSection {
            matter_title: "M".into(),
            lines: vec![DigestLine::Updated {
                file_name: "Will.pdf".into(),
            }],
        };
        let e = digest(
            Language::En,
            "F",
            "c@x.com",
            "C",
            &[updated],
            &["https://p/".into()],
        );
        assert!(e.body.contains("Will.pdf was updated"), "{}", e.body);
    }

    #[test]
    fn bills_events_and_tasks_are_worded_in_the_readers_language() {
        let bill = What::Facts(Particulars::Bill {
            trust: false,
            number: "1042".into(),
            balance_minor: 125_000,
            currency: "EUR".into(),
            due_on: "2027-01-31".into(),
        });
        assert_eq!(
            bill.words(Language::En),
            "Bill 1042, EUR 1,250.00 due January 31, 2027"
        );
        assert_eq!(
            bill.words(Language::Es),
            "Factura 1042, 1250,00 EUR, vence el 31 de enero de 2027"
        );
        let trust = What::Facts(Particulars::Bill {
            trust: true,
            number: "R-7".into(),
            balance_minor: 1_500_000,
            currency: "JPY".into(),
            due_on: "2027-12-01".into(),
        });
        assert!(trust.is_trust());
        assert_eq!(
            trust.words(Language::Es),
            "Solicitud de provisión de fondos R-7, 1.500.000 JPY, vence el 1 de diciembre de 2027"
        );
        // A time in the zone the event was set in, named: an email does not know its reader's.
        let event = What::Facts(Particulars::Appointment {
            title: "Firma".into(),
            starts_at: "2027-01-06T02:30:00.000000Z".into(),
            time_zone: "America/New_York".into(),
        });
        assert_eq!(
            event.words(Language::Es),
            "Firma, el 5 de enero de 2027 a las 21:30 (America/New_York)"
        );
        assert_eq!(
            event.words(Language::En),
            "Firma, January 5, 2027 at 21:30 (America/New_York)"
        );
        let task = What::Facts(Particulars::Task {
            title: "Sign".into(),
            due_on: "2027-03-09".into(),
        });
        assert_eq!(
            task.words(Language::Es),
            "Sign, vence el 9 de marzo de 2027"
        );
        let line = DigestLine::TaskDueSoon { what: task };
        assert_eq!(
            digest_line(Language::Es, "Smith LLP", &line),
            "tarea que vence mañana: Sign, vence el 9 de marzo de 2027"
        );
        // An event logged before facts were kept: its English detail, as it was.
        assert_eq!(
            What::from("Bill 9, USD 1.00 due 2027-01-01").words(Language::Es),
            "Bill 9, USD 1.00 due 2027-01-01"
        );
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
                Language::En,
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
