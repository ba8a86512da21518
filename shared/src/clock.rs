//! Timestamps: fixed-width UTC strings so that they sort lexically in DynamoDB keys.

use time::{format_description::FormatItem, macros::format_description, OffsetDateTime};

const STAMP: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// `2026-11-22T10:00:00.000000Z`: always 27 characters, so string order is time order.
pub fn stamp(at: OffsetDateTime) -> String {
    at.format(STAMP)
        .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

/// An RFC 3339 time from the API (`2026-12-01T00:00:00Z`, any offset) as a stamp; `None`
/// when it is not one.
pub fn parse_rfc3339(raw: &str) -> Option<String> {
    OffsetDateTime::parse(raw, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|at| stamp(at.to_offset(time::UtcOffset::UTC)))
}

/// A stamp read back as a time (stamps are RFC 3339 in UTC).
pub fn parse_stamp(stamp: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(stamp, &time::format_description::well_known::Rfc3339).ok()
}

pub fn epoch_seconds(at: OffsetDateTime) -> i64 {
    at.unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_sort_like_times() {
        let early = OffsetDateTime::from_unix_timestamp(1_700_000_000).expect("time");
        let later = early + time::Duration::microseconds(1);
        let (a, b) = (stamp(early), stamp(later));
        assert_eq!(a.len(), 27);
        assert_eq!(a, "2023-11-14T22:13:20.000000Z");
        assert!(a < b);
    }

    #[test]
    fn api_times_become_utc_stamps() {
        assert_eq!(
            parse_rfc3339("2026-12-01T01:30:00+01:00").as_deref(),
            Some("2026-12-01T00:30:00.000000Z")
        );
        assert_eq!(parse_rfc3339("1 Dec 2026"), None);
        assert_eq!(parse_rfc3339(""), None);
    }
}
