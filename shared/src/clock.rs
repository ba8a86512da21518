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
}
