//! "What a month costs": the routes' measured calls and request units (`routes`, small firm)
//! times a month's activity of a small and a large firm, times AWS's list prices. Everything
//! assumed is a named constant with its reason; the prices are us-east-1's on-demand list
//! prices as published by AWS (2025), without free tiers.

use crate::routes::{Measured, Step};
use crate::BoxError;

/// us-east-1 list prices, USD.
mod price {
    /// Lambda on arm64 (the template's default architecture): per GB-second, per request.
    pub const LAMBDA_GB_SECOND: f64 = 0.000_013_333_4;
    pub const LAMBDA_REQUEST: f64 = 0.20 / 1e6;
    /// API Gateway HTTP API, per request (first 300 million).
    pub const HTTP_API_REQUEST: f64 = 1.00 / 1e6;
    /// DynamoDB on demand (since November 2024), standard table class.
    pub const READ_UNIT: f64 = 0.125 / 1e6;
    pub const WRITE_UNIT: f64 = 0.625 / 1e6;
    pub const DYNAMODB_GB_MONTH: f64 = 0.25;
    /// S3 Standard: storage, requests, data transfer out to the internet (first 10 TB).
    pub const S3_GB_MONTH: f64 = 0.023;
    pub const S3_GET: f64 = 0.0004 / 1000.0;
    pub const S3_PUT: f64 = 0.005 / 1000.0;
    pub const S3_OUT_GB: f64 = 0.09;
    /// SES outbound email.
    pub const SES_EMAIL: f64 = 0.10 / 1000.0;
    /// CloudFront, North America and Europe: HTTPS requests and data out (first 10 TB).
    pub const CLOUDFRONT_REQUEST: f64 = 0.01 / 10_000.0;
    pub const CLOUDFRONT_OUT_GB: f64 = 0.085;
    /// SQS standard requests; CloudWatch Logs ingestion; a standard alarm.
    pub const SQS_REQUEST: f64 = 0.40 / 1e6;
    pub const LOGS_GB: f64 = 0.50;
    pub const ALARM_MONTH: f64 = 0.10;
}

/// What is assumed, with why.
mod assume {
    /// Every function's memory size in the template.
    pub const FUNCTION_MB: f64 = 512.0;
    /// A law firm's PDF, scanned or written.
    pub const DOCUMENT_MB: f64 = 1.0;
    /// The documents held are two years of work: this many months' worth arrive each month.
    pub const MONTHS_OF_DOCUMENTS: f64 = 24.0;
    /// Each new document is shared with this many contacts.
    pub const CONTACTS_PER_DOCUMENT: f64 = 2.0;
    /// One document in five comes from a contact's upload.
    pub const CONTACT_UPLOADS: f64 = 0.2;
    /// A visit opens this many documents; one visit in this many starts with a sign-in link.
    pub const OPENS_PER_VISIT: f64 = 4.0;
    pub const VISITS_PER_SIGN_IN: f64 = 5.0;
    /// Messages a month per contact, half each way; each is read once by its recipient.
    pub const MESSAGES_PER_CONTACT: f64 = 2.0;
    /// Staff look at each matter's sections this often a month.
    pub const CONSOLE_VIEWS_PER_MATTER: f64 = 10.0;
    /// A DynamoDB, S3 or SES call from Lambda in the same region, and the function's own work.
    pub const CALL_MS: f64 = 8.0;
    pub const OWN_MS: f64 = 5.0;
    /// An API answer and one log record per invocation; the page's files once per visit.
    pub const ANSWER_KB: f64 = 5.0;
    pub const LOG_KB: f64 = 1.0;
    pub const PAGE_KB: f64 = 300.0;
    pub const PAGE_FILES: f64 = 12.0;
    /// A stored item with its index copies (a share is in 9 indexes), averaged.
    pub const STORED_ITEM_KB: f64 = 1.5;
    /// The deletion sweep and recount run every 15 minutes.
    pub const SWEEPS: f64 = 4.0 * 24.0 * 30.0;
    /// Alarms in the template.
    pub const ALARMS: f64 = 16.0;
}

pub struct Profile {
    pub label: &'static str,
    pub matters: f64,
    pub contacts: f64,
    pub documents: f64,
    pub opens: f64,
}

pub const PROFILES: [Profile; 2] = [
    Profile {
        label: "small firm",
        matters: 50.0,
        contacts: 500.0,
        documents: 5_000.0,
        opens: 20_000.0,
    },
    Profile {
        label: "large firm",
        matters: 5_000.0,
        contacts: 50_000.0,
        documents: 1_000_000.0,
        opens: 2_000_000.0,
    },
];

/// A month's cost by service, USD.
#[derive(Debug, Default, Clone, Copy)]
pub struct Month {
    pub lambda: f64,
    pub api: f64,
    pub dynamodb: f64,
    pub s3: f64,
    pub ses: f64,
    pub cloudfront: f64,
    pub rest: f64,
}

impl Month {
    pub fn total(&self) -> f64 {
        self.lambda + self.api + self.dynamodb + self.s3 + self.ses + self.cloudfront + self.rest
    }

    fn services(&self) -> [(&'static str, f64); 7] {
        [
            ("Lambda", self.lambda),
            ("API Gateway (HTTP API)", self.api),
            ("DynamoDB on demand", self.dynamodb),
            ("S3", self.s3),
            ("SES", self.ses),
            ("CloudFront", self.cloudfront),
            ("the rest (SQS, CloudWatch Logs and alarms)", self.rest),
        ]
    }
}

/// The month's route calls and trigger runs of a firm: (budget key, how many, scale), where
/// scale divides the measured step (the share step shares 50 items, the digest step sends
/// 5 windows, the stream step files 50 events).
fn activity(p: &Profile) -> Vec<(&'static str, f64, f64)> {
    use assume::*;
    let new_documents = p.documents / MONTHS_OF_DOCUMENTS;
    let shares = new_documents * CONTACTS_PER_DOCUMENT;
    let contact_uploads = new_documents * CONTACT_UPLOADS;
    let visits = p.opens / OPENS_PER_VISIT;
    let sign_ins = visits / VISITS_PER_SIGN_IN;
    let new_contacts = p.contacts / MONTHS_OF_DOCUMENTS;
    let views = p.matters * CONSOLE_VIEWS_PER_MATTER;
    let messages = p.contacts * MESSAGES_PER_CONTACT;
    vec![
        ("POST /portal/documents/{documentId}/links", p.opens, 1.0),
        ("GET /portal/documents", p.opens, 1.0),
        ("GET /portal/matters", visits, 1.0),
        ("POST /portal/sign-in-links", sign_ins, 1.0),
        // The header reads the contact's language on every visit; a few choose one.
        ("GET /portal/preferences", visits, 1.0),
        ("PUT /portal/preferences", new_contacts / 5.0, 1.0),
        (
            "trigger: sign-in link sent by the mail worker",
            sign_ins,
            1.0,
        ),
        (
            "trigger: invitation sent by the mail worker",
            new_contacts * 1.1,
            1.0,
        ),
        ("POST /portal/sessions", sign_ins + new_contacts, 1.0),
        ("DELETE /portal/sessions/current", visits / 10.0, 1.0),
        (
            "PUT /matters/{matterId}/contacts/{contactId}",
            new_contacts,
            1.0,
        ),
        (
            "DELETE /matters/{matterId}/contacts/{contactId}",
            new_contacts / 2.0,
            1.0,
        ),
        (
            "POST /matters/{matterId}/documents",
            new_documents - contact_uploads,
            1.0,
        ),
        (
            "POST /portal/matters/{matterId}/uploads",
            contact_uploads,
            1.0,
        ),
        (
            "GET /portal/matters/{matterId}/uploads/{uploadId}",
            2.0 * contact_uploads,
            1.0,
        ),
        ("trigger: upload attached", new_documents, 1.0),
        // One document in ten gets a new version; its trigger tells 6 shares (as measured).
        (
            "POST /matters/{matterId}/documents/{documentId}/versions",
            new_documents / 10.0,
            1.0,
        ),
        ("trigger: new version (6 shares)", new_documents / 10.0, 1.0),
        (
            "GET /matters/{matterId}/uploads/{uploadId}",
            new_documents / 5.0,
            1.0,
        ),
        (
            "GET /matters/{matterId}/documents/{documentId}/versions",
            new_documents / 10.0,
            1.0,
        ),
        (
            "POST /matters/{matterId}/documents/{documentId}/versions/{version}/links",
            new_documents / 10.0,
            1.0,
        ),
        // Folders: each matter gets a folder or two a month, most documents are filed once,
        // and a folder share is the usual way to share a filed document.
        ("POST /matters/{matterId}/folders", p.matters / 6.0, 1.0),
        ("GET /matters/{matterId}/folders", views, 1.0),
        (
            "PUT /matters/{matterId}/documents/{documentId}/folder",
            new_documents / 2.0,
            1.0,
        ),
        (
            "POST /matters/{matterId}/folders/{folderId}/shares",
            p.matters / 12.0,
            1.0,
        ),
        (
            "PUT /matters/{matterId}/folders/{folderId}",
            p.matters / 60.0,
            1.0,
        ),
        (
            "DELETE /matters/{matterId}/folders/{folderId}/shares/{contactId}",
            p.matters / 60.0,
            1.0,
        ),
        (
            "DELETE /matters/{matterId}/folders/{folderId}",
            p.matters / 60.0,
            1.0,
        ),
        // Bills: a bill per matter a month, sent to its 2 contacts (a third of the 6 measured),
        // edited once (paid); staff
        // open Bills as often as the folders; a contact's home reads their bills each visit.
        ("POST /matters/{matterId}/bills", p.matters, 1.0),
        ("POST /matters/{matterId}/bill-sendings", p.matters, 3.0),
        ("PUT /matters/{matterId}/bills/{billId}", p.matters, 1.0),
        ("GET /matters/{matterId}/bills", views, 1.0),
        ("GET /portal/bills", visits, 1.0),
        // Calendar: two events a month per matter shared with its 2 contacts (a third of the 6
        // measured), one of them moved; a contact's events read on each visit, a calendar
        // file taken per event and contact.
        (
            "POST /matters/{matterId}/appointments",
            p.matters * 2.0,
            3.0,
        ),
        (
            "PUT /matters/{matterId}/appointments/{appointmentId}",
            p.matters,
            3.0,
        ),
        (
            "DELETE /matters/{matterId}/appointments/{appointmentId}",
            p.matters / 10.0,
            3.0,
        ),
        ("GET /matters/{matterId}/appointments", views, 1.0),
        ("GET /portal/appointments", visits, 1.0),
        (
            "GET /portal/matters/{matterId}/appointments/{appointmentId}/ics",
            p.matters * 4.0,
            1.0,
        ),
        // Tasks: two a month per matter, one done by its button and one by an upload; staff
        // open Tasks as often as the folders; a contact's home reads their tasks each visit.
        ("POST /matters/{matterId}/tasks", p.matters * 2.0, 1.0),
        ("GET /matters/{matterId}/tasks", views, 1.0),
        ("GET /portal/tasks", visits, 1.0),
        // The home is read on every visit, besides the lists it summarizes.
        ("GET /portal/home", visits, 1.0),
        (
            "POST /portal/matters/{matterId}/tasks/{taskId}/done",
            p.matters,
            1.0,
        ),
        ("trigger: upload for a task attached", p.matters, 1.0),
        // A task in twenty is given by mistake and withdrawn.
        (
            "DELETE /matters/{matterId}/tasks/{taskId}",
            p.matters / 10.0,
            1.0,
        ),
        // Zips: a contact downloads a folder or a matter once in 20 visits; staff a folder
        // or a matter twice a month per matter.
        ("POST /portal/matters/{matterId}/zips", visits / 20.0, 1.0),
        ("POST /matters/{matterId}/zips", p.matters * 2.0, 1.0),
        ("POST /matters/{matterId}/shares", shares, 50.0),
        (
            "trigger: stream batch (the share's 50 events)",
            shares + contact_uploads + messages,
            50.0,
        ),
        (
            "trigger: digest window (5 windows)",
            shares / 2.0 + contact_uploads + messages,
            5.0,
        ),
        (
            "POST /matters/{matterId}/conversations/{contactId}/messages",
            messages / 2.0,
            1.0,
        ),
        (
            "POST /portal/matters/{matterId}/messages",
            messages / 2.0,
            1.0,
        ),
        ("GET /portal/conversations", visits, 1.0),
        (
            "GET /portal/matters/{matterId}/messages",
            messages / 2.0,
            1.0,
        ),
        (
            "POST /portal/matters/{matterId}/messages/read",
            messages / 2.0,
            1.0,
        ),
        ("GET /matters/{matterId}/conversations", views, 1.0),
        (
            "GET /matters/{matterId}/conversations/{contactId}/messages",
            messages / 2.0,
            1.0,
        ),
        (
            "POST /matters/{matterId}/conversations/{contactId}/read",
            messages / 2.0,
            1.0,
        ),
        (
            "DELETE /matters/{matterId}/conversations/{contactId}/messages/{messageId}",
            messages / 100.0,
            1.0,
        ),
        (
            "DELETE /matters/{matterId}/shares/{documentId}/{contactId}",
            shares / 20.0,
            1.0,
        ),
        (
            "DELETE /matters/{matterId}/documents/{documentId}",
            new_documents / 20.0,
            1.0,
        ),
        ("GET /matters", views / 5.0, 1.0),
        ("GET /matters/{matterId}", p.matters / 2.0, 1.0),
        ("PUT /matters/{matterId}", p.matters / 12.0, 1.0),
        ("GET /matters/{matterId}/shares", 2.0 * views, 1.0),
        ("GET /matters/{matterId}/contacts", views, 1.0),
        ("GET /matters/{matterId}/documents", views, 1.0),
        ("GET /matters/{matterId}/events", views, 1.0),
        (
            "GET /matters/{matterId}/events?format=csv",
            p.matters / 12.0,
            1.0,
        ),
        (
            "GET /matters/{matterId}/documents/{documentId}/readers",
            views / 2.0,
            1.0,
        ),
        (
            "POST /matters/{matterId}/contacts/{contactId}/invitations",
            new_contacts / 10.0,
            1.0,
        ),
        ("trigger: deletion sweep", SWEEPS, 1.0),
    ]
}

fn count(step: &Step, service: &str) -> f64 {
    step.calls
        .iter()
        .filter(|(op, _)| op.starts_with(service))
        .map(|(_, n)| *n as f64)
        .sum()
}

/// One month of `p` from the measured steps.
pub fn month(p: &Profile, measured: &Measured) -> Result<Month, BoxError> {
    use assume::*;
    let mut m = Month::default();
    let mut invocations = 0.0;
    for (key, times, scale) in activity(p) {
        let step = measured
            .get(key)
            .ok_or_else(|| format!("{key}: not measured"))?;
        let each = times / scale;
        let calls: f64 = step.calls.values().map(|n| *n as f64).sum();
        let seconds = (OWN_MS + CALL_MS * calls) / 1000.0;
        let is_route = !key.starts_with("trigger");
        // A trigger's batch is one invocation, however many items it carries.
        let runs = if is_route { times } else { times / scale };
        invocations += runs;
        m.lambda += runs * price::LAMBDA_REQUEST
            + each * seconds * FUNCTION_MB / 1024.0 * price::LAMBDA_GB_SECOND;
        if is_route {
            m.api += times * price::HTTP_API_REQUEST;
            m.cloudfront +=
                times * (price::CLOUDFRONT_REQUEST + ANSWER_KB / 1e6 * price::CLOUDFRONT_OUT_GB);
        }
        m.dynamodb +=
            each * (step.units.read * price::READ_UNIT + step.units.write * price::WRITE_UNIT);
        m.ses += each * count(step, "SESv2.") * price::SES_EMAIL;
        m.rest += each * count(step, "SQS.") * price::SQS_REQUEST;
        m.s3 += each * count(step, "S3.PutObject") * price::S3_PUT;
    }
    // Documents travel from S3 to the browser through presigned GETs.
    m.s3 += p.opens * (price::S3_GET + DOCUMENT_MB / 1000.0 * price::S3_OUT_GB);
    m.s3 += p.documents * DOCUMENT_MB / 1000.0 * price::S3_GB_MONTH;
    let visits = p.opens / OPENS_PER_VISIT;
    m.cloudfront += visits
        * (PAGE_FILES * price::CLOUDFRONT_REQUEST + PAGE_KB / 1e6 * price::CLOUDFRONT_OUT_GB);
    // Stored a year in: documents, two shares each, a year's events (one per open and change).
    let items = p.documents * (1.0 + CONTACTS_PER_DOCUMENT) + p.contacts + 12.0 * p.opens * 1.2;
    m.dynamodb += items * STORED_ITEM_KB / 1e6 * price::DYNAMODB_GB_MONTH;
    m.rest += invocations * LOG_KB / 1e6 * price::LOGS_GB + ALARMS * price::ALARM_MONTH;
    Ok(m)
}

/// Prints the cost table and each firm's biggest service.
pub fn print(measured: &Measured) -> Result<(), BoxError> {
    let months: Vec<Month> = PROFILES
        .iter()
        .map(|p| month(p, measured))
        .collect::<Result<_, _>>()?;
    println!("\n## What a month costs (us-east-1 list prices, 2025, no free tier)\n");
    let heads: Vec<String> = PROFILES
        .iter()
        .map(|p| {
            format!(
                "{} ({} matters, {} contacts, {} documents, {} opens)",
                p.label, p.matters, p.contacts, p.documents, p.opens
            )
        })
        .collect();
    println!("| service | {} |", heads.join(" | "));
    println!("|---|---|---|");
    for i in 0..7 {
        let cells: Vec<String> = months
            .iter()
            .map(|m| {
                let (_, usd) = m.services()[i];
                format!("${usd:.2} ({:.0}%)", 100.0 * usd / m.total())
            })
            .collect();
        println!("| {} | {} |", months[0].services()[i].0, cells.join(" | "));
    }
    let totals: Vec<String> = months
        .iter()
        .map(|m| format!("**${:.2}**", m.total()))
        .collect();
    println!("| total | {} |", totals.join(" | "));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capacity::Units;
    use shared::routes::ROUTES;

    fn measured_with(units: Units) -> Measured {
        PROFILES
            .iter()
            .flat_map(activity)
            .map(|(key, _, _)| {
                let step = Step {
                    calls: [("DynamoDB.GetItem".to_string(), 1)].into_iter().collect(),
                    units,
                };
                (key.to_string(), step)
            })
            .collect()
    }

    #[test]
    fn every_activity_is_a_measured_step_and_names_a_route_or_trigger() {
        let keys: Vec<String> = ROUTES
            .iter()
            .map(|r| format!("{} {}", r.method, r.path))
            .collect();
        for (key, _, _) in activity(&PROFILES[0]) {
            assert!(
                key.starts_with("trigger: ") || keys.iter().any(|k| key.starts_with(k.as_str())),
                "{key}"
            );
        }
    }

    #[test]
    fn dynamodb_grows_with_units_and_the_large_firm_costs_more() {
        let light = measured_with(Units {
            read: 1.0,
            write: 1.0,
        });
        let heavy = measured_with(Units {
            read: 1.0,
            write: 10.0,
        });
        let small = month(&PROFILES[0], &light).expect("month");
        let large = month(&PROFILES[1], &light).expect("month");
        assert!(large.total() > 10.0 * small.total());
        let heavier = month(&PROFILES[0], &heavy).expect("month");
        assert!(heavier.dynamodb > small.dynamodb);
        assert_eq!(heavier.s3, small.s3);
    }

    #[test]
    fn a_missing_step_is_an_error_not_a_zero() {
        let mut measured = measured_with(Units::default());
        measured.remove("GET /portal/documents");
        assert!(month(&PROFILES[0], &measured).is_err());
    }
}
