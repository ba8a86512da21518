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

const DATE: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// A calendar date from the API, `2027-01-05` (a real day of the years 1970 to 2199), as
/// stored; `None` when it is not one. Dates are days, not instants: string order is day order.
pub fn parse_date(raw: &str) -> Option<String> {
    let date = time::Date::parse(raw.trim(), DATE).ok()?;
    (1970..2200)
        .contains(&date.year())
        .then(|| date.format(DATE).ok())
        .flatten()
}

/// The day `days` after a stored date (before, when negative); `None` when `date` is not
/// one or the result leaves the calendar.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    let day = time::Date::parse(date, DATE).ok()?;
    day.checked_add(time::Duration::days(days))?
        .format(DATE)
        .ok()
}

/// The day it is now in UTC, as YYYY-MM-DD (for rules that need no zone's rules).
pub fn utc_date(at: OffsetDateTime) -> String {
    at.date().format(DATE).unwrap_or_default()
}

/// The day it is at `at` in the IANA time zone `zone` (the firm's), as YYYY-MM-DD. The zone
/// rules are compiled in (jiff's bundled tzdb): Lambda's image has no zoneinfo to rely on.
pub fn date_in(zone: &str, at: OffsetDateTime) -> crate::Result<String> {
    let tz = jiff::tz::TimeZone::get(zone)
        .map_err(|e| crate::Error::internal_from(format!("time zone {zone}"), e))?;
    let instant = jiff::Timestamp::from_second(at.unix_timestamp())
        .map_err(|e| crate::Error::internal_from("an instant out of range", e))?;
    Ok(instant.to_zoned_datetime(tz).date().to_string())
}

/// The first moment strictly after `after` when the wall clock in the IANA zone `zone` says
/// `hour`:00 (a day whose `hour`:00 falls in a DST gap takes the moment the clock jumps to).
pub fn next_local_hour(
    zone: &str,
    hour: i8,
    after: OffsetDateTime,
) -> crate::Result<OffsetDateTime> {
    let fail = |what: &str, e: jiff::Error| crate::Error::internal_from(what.to_string(), e);
    let tz = jiff::tz::TimeZone::get(zone).map_err(|e| fail("time zone", e))?;
    let instant = jiff::Timestamp::from_second(after.unix_timestamp())
        .map_err(|e| fail("an instant out of range", e))?;
    let today = instant.to_zoned_datetime(tz.clone()).date();
    let at = |day: jiff::civil::Date| {
        day.at(hour, 0, 0, 0)
            .to_zoned_datetime(tz.clone())
            .map(|z| z.timestamp().as_second())
            .map_err(|e| fail("a local hour", e))
    };
    let mut next = at(today)?;
    if next <= after.unix_timestamp() {
        let tomorrow = today.tomorrow().map_err(|e| fail("the next day", e))?;
        next = at(tomorrow)?;
    }
    OffsetDateTime::from_unix_timestamp(next)
        .map_err(|e| crate::Error::internal_from("an instant out of range", e))
}

/// A stored instant (a stamp) as the day (`2027-01-05`) and wall-clock time (`15:00`) it is
/// in the IANA zone `zone`; `None` when either is not one.
pub fn local_day_and_time(stamp: &str, zone: &str) -> Option<(String, String)> {
    let at = parse_stamp(stamp)?;
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let local = jiff::Timestamp::from_second(at.unix_timestamp())
        .ok()?
        .to_zoned_datetime(tz);
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    Some((local.date().to_string(), time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_is_told_as_its_day_and_time_in_a_zone() {
        let (day, time) =
            local_day_and_time("2027-01-06T02:30:00.000000Z", "America/New_York").expect("parts");
        assert_eq!(
            (day.as_str(), time.as_str()),
            ("2027-01-05", "21:30"),
            "the evening before"
        );
        let (day, time) =
            local_day_and_time("2027-07-01T12:00:00Z", "Europe/Madrid").expect("parts");
        assert_eq!(
            (day.as_str(), time.as_str()),
            ("2027-07-01", "14:00"),
            "summer time"
        );
        assert!(local_day_and_time("yesterday", "Europe/Madrid").is_none());
        assert!(local_day_and_time("2027-07-01T12:00:00Z", "Mars/Olympus").is_none());
    }

    fn utc(raw: &str) -> OffsetDateTime {
        parse_stamp(raw).expect("a stamp")
    }

    #[test]
    fn the_next_local_hour_is_today_before_it_and_tomorrow_from_it() {
        // Madrid is UTC+1 in December: 08:00 there is 07:00 UTC.
        let before = utc("2026-12-04T06:59:00Z");
        let next = next_local_hour("Europe/Madrid", 8, before).expect("next");
        assert_eq!(stamp(next), "2026-12-04T07:00:00.000000Z");
        let exactly = next_local_hour("Europe/Madrid", 8, next).expect("next");
        assert_eq!(
            stamp(exactly),
            "2026-12-05T07:00:00.000000Z",
            "strictly after"
        );
        let late = next_local_hour("Europe/Madrid", 8, utc("2026-12-04T23:30:00Z")).expect("next");
        assert_eq!(
            stamp(late),
            "2026-12-05T07:00:00.000000Z",
            "past midnight there"
        );
        // New York's evening is the next UTC day; its 08:00 is still tomorrow there.
        let evening =
            next_local_hour("America/New_York", 8, utc("2026-12-05T03:00:00Z")).expect("next");
        assert_eq!(stamp(evening), "2026-12-05T13:00:00.000000Z");
    }

    #[test]
    fn the_next_local_hour_follows_daylight_saving_changes() {
        // New York springs forward on 2027-03-14: 08:00 is then UTC-4.
        let next =
            next_local_hour("America/New_York", 8, utc("2027-03-13T14:00:00Z")).expect("next");
        assert_eq!(stamp(next), "2027-03-14T12:00:00.000000Z");
        // A 02:00 that does not exist that day is taken as 03:00 (the clock's jump).
        let gap =
            next_local_hour("America/New_York", 2, utc("2027-03-14T05:00:00Z")).expect("next");
        assert_eq!(stamp(gap), "2027-03-14T07:00:00.000000Z");
        assert!(next_local_hour("Mars/Olympus", 8, utc("2027-03-13T14:00:00Z")).is_err());
    }

    #[test]
    fn days_are_added_across_months_years_and_leap_days() {
        assert_eq!(add_days("2027-01-31", 1).as_deref(), Some("2027-02-01"));
        assert_eq!(add_days("2026-12-31", 1).as_deref(), Some("2027-01-01"));
        assert_eq!(add_days("2028-02-28", 1).as_deref(), Some("2028-02-29"));
        assert_eq!(add_days("2027-03-01", -1).as_deref(), Some("2027-02-28"));
        assert_eq!(add_days("not a date", 1), None);
        let at = OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("instant");
        assert_eq!(utc_date(at), "2027-01-15");
    }

    fn at(rfc3339: &str) -> OffsetDateTime {
        parse_stamp(rfc3339).expect("a time")
    }

    #[test]
    fn dates_are_real_days_written_one_way() {
        assert_eq!(parse_date("2027-01-05").as_deref(), Some("2027-01-05"));
        assert_eq!(parse_date(" 2028-02-29 ").as_deref(), Some("2028-02-29"));
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "2027-1-5",
            "05/01/2027",
            "",
            "1969-12-31",
            "2200-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_day_is_the_firms_not_utcs() {
        // 03:30 UTC on Jan 6 is still Jan 5 in New York (UTC-5) and already Jan 6 in Madrid.
        let instant = at("2027-01-06T03:30:00Z");
        assert_eq!(
            date_in("America/New_York", instant).ok().as_deref(),
            Some("2027-01-05")
        );
        assert_eq!(
            date_in("Europe/Madrid", instant).ok().as_deref(),
            Some("2027-01-06")
        );
        assert_eq!(date_in("UTC", instant).ok().as_deref(), Some("2027-01-06"));
        // Summer time: New York is UTC-4 in July, so 03:59 UTC is the evening before.
        let summer = at("2027-07-10T03:59:00Z");
        assert_eq!(
            date_in("America/New_York", summer).ok().as_deref(),
            Some("2027-07-09")
        );
        assert_eq!(
            date_in("America/New_York", at("2027-07-10T04:00:00Z"))
                .ok()
                .as_deref(),
            Some("2027-07-10")
        );
        assert!(date_in("Mars/Olympus_Mons", instant).is_err());
    }

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
