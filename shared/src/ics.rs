//! One calendar event as an RFC 5545 iCalendar file, for a contact to add to their calendar.
//!
//! Times are written in UTC (`…Z`), which RFC 5545 allows without a VTIMEZONE and every
//! calendar shows in its reader's zone; the event's own zone stays with the event for pages.
//! The UID is the event's, so a changed file replaces the one imported before, and SEQUENCE
//! is raised on every change so calendars take the newer one; a cancelled event is sent with
//! METHOD:CANCEL and STATUS:CANCELLED. Text is escaped and lines folded at 75 octets, never
//! inside a UTF-8 character.

/// What one event's file says.
#[derive(Clone, Debug)]
pub struct IcsEvent<'a> {
    /// Unique for all time: `<event id>@<portal host>`.
    pub uid: &'a str,
    pub sequence: u32,
    /// When the file was made (a stamp, UTC).
    pub stamp: &'a str,
    /// Start and end (stamps, UTC).
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub summary: &'a str,
    pub location: Option<&'a str>,
    pub url: Option<&'a str>,
    pub description: Option<&'a str>,
    pub cancelled: bool,
    /// The firm, as the organizer: its name and address.
    pub organizer: (&'a str, &'a str),
}

/// The longest line before folding, in octets, the line break excluded (RFC 5545 3.1).
const MAX_OCTETS: usize = 75;

/// The file: CRLF line ends, folded, escaped.
pub fn calendar(event: &IcsEvent<'_>) -> String {
    let method = if event.cancelled { "CANCEL" } else { "PUBLISH" };
    let status = if event.cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    let (firm, address) = event.organizer;
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Client portal//Calendar event//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        format!("METHOD:{method}"),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", text(event.uid)),
        format!("DTSTAMP:{}", utc(event.stamp)),
        format!("SEQUENCE:{}", event.sequence),
        format!("DTSTART:{}", utc(event.starts_at)),
        format!("DTEND:{}", utc(event.ends_at)),
        format!("SUMMARY:{}", text(event.summary)),
        format!(
            "ORGANIZER;CN=\"{}\":mailto:{}",
            parameter(firm),
            address.trim()
        ),
    ];
    if let Some(location) = event.location {
        lines.push(format!("LOCATION:{}", text(location)));
    }
    if let Some(url) = event.url {
        // A URI, not text: validated https with no spaces or controls when it was saved.
        lines.push(format!("URL:{url}"));
    }
    if let Some(description) = event.description {
        lines.push(format!("DESCRIPTION:{}", text(description)));
    }
    lines.push(format!("STATUS:{status}"));
    lines.push("END:VEVENT".to_string());
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

/// TEXT as RFC 5545 3.3.11 writes it: backslash, semicolon and comma escaped, a line break as
/// `\n`; other control characters dropped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let value = value.replace("\r\n", "\n");
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A quoted parameter value: no DQUOTE or control character can be written in one.
fn parameter(value: &str) -> String {
    value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect()
}

/// `2027-01-05T15:00:00.000000Z` as `20270105T150000Z`.
fn utc(stamp: &str) -> String {
    let digits: String = stamp
        .chars()
        .take(19)
        .filter(char::is_ascii_digit)
        .collect();
    if digits.len() == 14 {
        format!("{}T{}Z", &digits[..8], &digits[8..])
    } else {
        // Stamps are written by the service; one that is not is a bug, kept visible.
        stamp.to_string()
    }
}

/// One content line folded at 75 octets (a continuation starts with a space, which counts),
/// ending with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / MAX_OCTETS * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::{Calendar, CalendarComponent, Component, EventLike};

    fn event<'a>(summary: &'a str, description: Option<&'a str>, cancelled: bool) -> IcsEvent<'a> {
        IcsEvent {
            uid: "a1@portal.firm.example",
            sequence: 3,
            stamp: "2026-12-03T10:00:00.000000Z",
            starts_at: "2027-01-05T20:00:00.000000Z",
            ends_at: "2027-01-05T21:30:00.000000Z",
            summary,
            location: Some("Room 4, 2nd floor; Main St."),
            url: Some("https://meet.example.com/j/123?pwd=a,b"),
            description,
            cancelled,
            organizer: ("Smith \"&\" Jones, LLP", "portal@firm.example"),
        }
    }

    /// The file read back by the icalendar crate's parser (one we did not write).
    fn parsed(file: &str) -> (Calendar, icalendar::Event) {
        let calendar: Calendar = file.parse().expect("a calendar the parser reads");
        let event = calendar
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Event(e) => Some(e.clone()),
                _ => None,
            })
            .expect("one event");
        (calendar, event)
    }

    #[test]
    fn an_event_reads_back_with_its_times_in_utc_and_its_text_unescaped() {
        let notes = "Bring: ID, the signed will;\nand the deed \\ copy.";
        let file = calendar(&event("Signing, at last; finally", Some(notes), false));
        let (calendar, e) = parsed(&file);
        assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));
        assert_eq!(e.get_uid(), Some("a1@portal.firm.example"));
        assert_eq!(e.get_summary(), Some("Signing, at last; finally"));
        assert_eq!(e.get_description(), Some(notes));
        assert_eq!(e.get_location(), Some("Room 4, 2nd floor; Main St."));
        assert_eq!(e.get_url(), Some("https://meet.example.com/j/123?pwd=a,b"));
        assert_eq!(e.get_sequence(), Some(3));
        assert_eq!(e.get_status(), Some(icalendar::EventStatus::Confirmed));
        let start = format!("{:?}", e.get_start().expect("start"));
        assert!(start.contains("2027-01-05T20:00:00Z"), "{start}");
        let end = format!("{:?}", e.get_end().expect("end"));
        assert!(end.contains("2027-01-05T21:30:00Z"), "{end}");
        assert!(file.contains("DTSTART:20270105T200000Z\r\n"));
        assert!(file.contains("ORGANIZER;CN=\"Smith & Jones, LLP\":mailto:portal@firm.example\r\n"));
    }

    #[test]
    fn a_cancelled_event_is_sent_as_cancelled() {
        let file = calendar(&event("Signing", None, true));
        let (calendar, e) = parsed(&file);
        assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
        assert_eq!(e.get_status(), Some(icalendar::EventStatus::Cancelled));
        assert!(!file.contains("DESCRIPTION"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_never_inside_a_character() {
        let summary = "Firma del testamento de la señora Núñez — reunión en la oficina ".repeat(4);
        let file = calendar(&event(&summary, None, false));
        for line in file.split("\r\n") {
            assert!(line.len() <= MAX_OCTETS, "{} octets: {line}", line.len());
        }
        assert!(file.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !file.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
        let (_, e) = parsed(&file);
        assert_eq!(
            e.get_summary(),
            Some(summary.as_str()),
            "unfolded to the same text"
        );
    }

    #[test]
    fn text_is_escaped_and_controls_dropped() {
        assert_eq!(text("a,b;c\\d\r\ne\u{7}"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(utc("2027-01-05T20:00:00.000000Z"), "20270105T200000Z");
    }
}
