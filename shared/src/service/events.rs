//! The event log: one record per portal action, written in the transaction of the change it
//! records (so a cancelled change leaves none), read by staff per matter, per contact and
//! per document, newest first, and exported as CSV. It is also the notification outbox: the
//! table's stream hands notifiable events to `digests`.

use super::listing::MAX_READS_PER_PAGE;
use crate::error::{Error, Result};
use crate::pagination::{parse_limit, Page};
pub use crate::records::Event;
use crate::records::{Actor, EventRecord, EventType};
use crate::store::{Condition, Query, Transaction};
use crate::{clock, validate, App};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The most rows one CSV export holds; the file says when it was cut.
pub const MAX_EXPORT_ROWS: usize = 10_000;

/// Adds `event` to a transaction: it is written exactly when the change is.
pub fn add(transaction: &mut Transaction, matter_id: &str, event: Event) -> Result<usize> {
    let record = event.record(matter_id, &clock::stamp(clock::now()));
    transaction.put(&record, Some(Condition::absent()))
}

/// Writes an event on its own, for what no table write goes with (an email that went out).
pub async fn write(app: &App, matter_id: &str, event: Event) -> Result<()> {
    let record = event.record(matter_id, &clock::stamp(clock::now()));
    app.table.put(&record, Some(Condition::absent())).await?;
    Ok(())
}

/// What staff see of an event.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    pub event_id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub at: String,
    pub actor: Actor,
    pub contact_id: Option<String>,
    pub contact_name: Option<String>,
    pub document_id: Option<String>,
    pub file_name: Option<String>,
    /// The message a message event is about (never its text).
    pub message_id: Option<String>,
    /// The document's version it is about, and that version's SHA-256 (base64).
    pub version: Option<u32>,
    pub sha256: Option<String>,
    /// The bill it is about.
    pub item_id: Option<String>,
    pub detail: Option<String>,
}

impl From<EventRecord> for EventView {
    fn from(r: EventRecord) -> Self {
        Self {
            event_id: r.event_id,
            kind: r.kind,
            at: r.at,
            actor: r.actor,
            contact_id: r.subject.contact_id,
            contact_name: r.subject.contact_name,
            document_id: r.subject.document_id,
            file_name: r.subject.file_name,
            message_id: r.subject.message_id,
            version: r.subject.version,
            sha256: r.subject.sha256,
            item_id: r.subject.item_id,
            detail: r.detail,
        }
    }
}

/// `GET /matters/{m}/events`: filters, page and format.
#[derive(Clone, Debug)]
pub struct EventQuery {
    pub document_id: Option<String>,
    pub contact_id: Option<String>,
    /// Empty: every type.
    pub types: HashSet<EventType>,
    pub limit: usize,
    pub cursor: Option<String>,
    pub csv: bool,
}

impl EventQuery {
    pub fn parse(params: &HashMap<String, String>) -> Result<Self> {
        let id = |name: &str| {
            params
                .get(name)
                .filter(|v| !v.is_empty())
                .map(|v| validate::id(name, v))
                .transpose()
        };
        let mut types = HashSet::new();
        for raw in params
            .get("type")
            .map(String::as_str)
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            types.insert(EventType::parse(raw).ok_or_else(|| {
                Error::validation(format!(
                    "type must be a comma-separated list of: {}",
                    EventType::ALL
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?);
        }
        let csv = match params.get("format").map(String::as_str) {
            None | Some("json") => false,
            Some("csv") => true,
            Some(_) => return Err(Error::validation("format must be json or csv")),
        };
        Ok(Self {
            document_id: id("documentId")?,
            contact_id: id("contactId")?,
            types,
            limit: parse_limit(params.get("limit").map(String::as_str))?,
            cursor: params.get("cursor").cloned(),
            csv,
        })
    }

    /// The narrowest partition that holds every wanted event: the document's, the
    /// contact's, or the matter's, newest first.
    fn spec(&self, matter_id: &str) -> Query<EventRecord> {
        match (&self.document_id, &self.contact_id) {
            (Some(d), _) => EventRecord::of_document(matter_id, d),
            (None, Some(c)) => EventRecord::of_contact(matter_id, c),
            (None, None) => EventRecord::of_matter(matter_id),
        }
        .descending()
    }

    fn keeps(&self, event: &EventRecord) -> bool {
        (self.types.is_empty() || self.types.contains(&event.kind))
            && self
                .contact_id
                .as_ref()
                .is_none_or(|c| event.subject.contact_id.as_ref() == Some(c))
    }
}

/// A matter's events, newest first, filtered and paginated.
pub async fn list_events(
    app: &App,
    matter_id: &str,
    query: &EventQuery,
) -> Result<Page<EventView>> {
    let matter_id = validate::id("matterId", matter_id)?;
    let page: Page<EventRecord> = app
        .table
        .query_page_where(
            &query.spec(&matter_id),
            query.limit,
            query.cursor.as_deref(),
            MAX_READS_PER_PAGE,
            |e| query.keeps(e),
        )
        .await?;
    Ok(page.map(EventView::from))
}

/// A CSV export: the name it is saved under and its text.
#[derive(Debug)]
pub struct Export {
    pub file_name: String,
    pub csv: String,
}

/// Every matching event (up to [`MAX_EXPORT_ROWS`]) as a CSV file.
pub async fn export_events(app: &App, matter_id: &str, query: &EventQuery) -> Result<Export> {
    let matter_id = validate::id("matterId", matter_id)?;
    let spec = query.spec(&matter_id);
    let mut rows = Vec::new();
    let mut cursor = query.cursor.clone();
    let mut cut = false;
    loop {
        let page: Page<EventRecord> = app
            .table
            .query_page_where(
                &spec,
                crate::pagination::MAX_LIMIT,
                cursor.as_deref(),
                MAX_READS_PER_PAGE,
                |e| query.keeps(e),
            )
            .await?;
        rows.extend(page.items);
        if rows.len() >= MAX_EXPORT_ROWS {
            cut = page.next_cursor.is_some() || rows.len() > MAX_EXPORT_ROWS;
            rows.truncate(MAX_EXPORT_ROWS);
            break;
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    Ok(Export {
        file_name: format!("events-{matter_id}.csv"),
        csv: to_csv(&rows, cut)?,
    })
}

const CSV_HEADER: [&str; 12] = [
    "at",
    "type",
    "actorKind",
    "actorId",
    "actorName",
    "contactId",
    "contactName",
    "documentId",
    "fileName",
    "version",
    "sha256",
    "detail",
];

/// RFC 4180 rows written by the `csv` crate, every cell quoted: a spreadsheet that splits on
/// `;` or a tab keeps `a;=cmd` whole. A cell a spreadsheet would run as a formula (first
/// non-blank character `=`, `+`, `-`, `@`, their full-width forms, a tab or a carriage return)
/// is prefixed with `'`: names and file names come from users.
pub fn to_csv(events: &[EventRecord], cut: bool) -> Result<String> {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let broken = |e: csv::Error| Error::internal_from("writing the CSV export", e);
    writer.write_record(CSV_HEADER).map_err(broken)?;
    for e in events {
        let version = e.subject.version.map(|v| v.to_string()).unwrap_or_default();
        let cells = [
            e.at.as_str(),
            e.kind.as_str(),
            e.actor.kind.as_str(),
            &e.actor.id,
            &e.actor.name,
            e.subject.contact_id.as_deref().unwrap_or(""),
            e.subject.contact_name.as_deref().unwrap_or(""),
            e.subject.document_id.as_deref().unwrap_or(""),
            e.subject.file_name.as_deref().unwrap_or(""),
            &version,
            e.subject.sha256.as_deref().unwrap_or(""),
            e.detail.as_deref().unwrap_or(""),
        ];
        writer
            .write_record(cells.iter().map(|c| defused(c).into_owned()))
            .map_err(broken)?;
    }
    let mut out = writer
        .into_inner()
        .map_err(|e| Error::internal_from("writing the CSV export", e.into_error()))?;
    if cut {
        out.extend_from_slice(
            format!("# cut at {MAX_EXPORT_ROWS} rows: export with filters for the rest\r\n")
                .as_bytes(),
        );
    }
    String::from_utf8(out).map_err(|e| Error::internal_from("writing the CSV export", e))
}

/// `value`, made inert when a spreadsheet would read it as a formula.
fn defused(value: &str) -> std::borrow::Cow<'_, str> {
    const FORMULA_STARTS: [char; 10] = [
        '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
    ];
    let first_visible = value.trim_start_matches(' ').chars().next();
    if first_visible.is_some_and(|c| FORMULA_STARTS.contains(&c)) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn queries_parse_types_and_refuse_unknown_ones() {
        let q = EventQuery::parse(&params(&[
            ("type", "documentViewed, documentDownloaded"),
            ("contactId", "c1"),
        ]))
        .expect("valid");
        assert_eq!(q.types.len(), 2);
        assert_eq!(q.contact_id.as_deref(), Some("c1"));
        assert!(!q.csv);
        assert!(EventQuery::parse(&params(&[("type", "opened")])).is_err());
        assert!(EventQuery::parse(&params(&[("format", "xml")])).is_err());
        assert!(EventQuery::parse(&params(&[("documentId", "a#b")])).is_err());
        assert!(
            EventQuery::parse(&params(&[("format", "csv")]))
                .expect("csv")
                .csv
        );
    }

    #[test]
    fn the_narrowest_log_is_read_newest_first() {
        let read = |pairs: &[(&str, &str)]| {
            let query = EventQuery::parse(&params(pairs)).expect("valid");
            let spec = query.spec("m1").spec().clone();
            (spec.index, spec.partition, spec.descending)
        };
        assert_eq!(read(&[]), (None, "EVENTS#m1".into(), true));
        assert_eq!(
            read(&[("contactId", "c1")]),
            (Some("gsi1"), "EVENTS#m1#CONTACT#c1".into(), true)
        );
        assert_eq!(
            read(&[("contactId", "c1"), ("documentId", "d1")]),
            (Some("gsi2"), "EVENTS#m1#DOC#d1".into(), true),
            "the document's log, filtered by contact"
        );
    }

    #[test]
    fn filters_keep_wanted_types_and_the_contact() {
        let query = EventQuery::parse(&params(&[("type", "documentViewed"), ("contactId", "c1")]))
            .expect("valid");
        let event = |kind, contact: &str| {
            Event::new(kind, Actor::system())
                .contact(contact, "C")
                .record("m1", "t")
        };
        assert!(query.keeps(&event(EventType::DocumentViewed, "c1")));
        assert!(!query.keeps(&event(EventType::DocumentViewed, "c2")));
        assert!(!query.keeps(&event(EventType::SignedIn, "c1")));
    }

    #[test]
    fn csv_quotes_every_cell_and_defuses_formulas() {
        let record = Event::new(
            EventType::DocumentShared,
            Actor::contact("c1", "=HYPERLINK()"),
        )
        .contact("c2", "a;=cmd|' /C calc'!A0")
        .document("d1", "a, \"b\".pdf")
        .detail("\u{FF1D}1+1")
        .record("m1", "2026-11-24T10:00:00.000000Z");
        let csv = to_csv(&[record], false).expect("csv");
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(
            lines[0].starts_with("\"at\",\"type\",\"actorKind\""),
            "{}",
            lines[0]
        );
        assert!(lines[1].contains(",\"'=HYPERLINK()\","), "{}", lines[1]);
        assert!(
            lines[1].contains(",\"a;=cmd|' /C calc'!A0\","),
            "a ; inside a quoted cell: {}",
            lines[1]
        );
        assert!(lines[1].contains(",\"a, \"\"b\"\".pdf\","), "{}", lines[1]);
        assert!(
            lines[1].ends_with(",\"'\u{FF1D}1+1\""),
            "full-width: {}",
            lines[1]
        );
        assert_eq!(lines.len(), 3, "header, one row, end");
        assert!(to_csv(&[], true).expect("csv").contains("cut at"));
        for (value, inert) in [
            (" =1", true),
            ("\u{FF20}SUM(A1)", true),
            ("\u{FF0B}1", true),
            ("\u{FF0D}1", true),
            ("-5", true),
            ("plain", false),
            ("a=b", false),
            ("", false),
        ] {
            assert_eq!(defused(value).starts_with('\''), inert, "{value:?}");
        }
    }
}
