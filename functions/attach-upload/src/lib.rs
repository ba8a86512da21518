//! `attach-upload`: every ObjectCreated record is matched to its upload and checked; an
//! error makes Lambda retry the whole event, which is safe because attaching is idempotent.
//! On a schedule (EventBridge) it also sweeps deletes that stopped halfway, then recounts the
//! next few matters' tallies, reminds contacts of their tasks due tomorrow (once per task
//! and date, however often it runs) and settles uploads whose malware verdict event never
//! came from the verdict tag GuardDuty left on the object: this function already holds the table and `s3:DeleteObject`
//! rights the sweep needs and runs off the request path with retries, a failure queue and an
//! alarm, so no new function is needed.
//!
//! Deployed, GuardDuty Malware Protection's scan-result event (EventBridge) reaches it too:
//! an upload whose bytes are as declared waits for that verdict and is attached only when it
//! is clean (`intake::on_scan_result`).

use serde::Deserialize;
use shared::service::intake::{self, AttachOutcome};
use shared::service::{removal, tally, tasks};
use shared::{App, Error};
use std::time::Duration;

/// A delete is swept only once it is this old (unless the schedule says otherwise), so that
/// one staff are still running is left to them.
pub const DEFAULT_SWEEP_GRACE: Duration = Duration::from_secs(300);

/// What the schedule sends: `{"sweep": "deletions", "graceSeconds": 300}` (the rule's
/// input), or EventBridge's own scheduled event, which has neither field.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SweepRequest {
    #[serde(default)]
    grace_seconds: Option<u64>,
}

/// Every event this function receives: a scheduled sweep or S3 records.
pub async fn handle_event(app: &App, event: serde_json::Value) -> Result<serde_json::Value, Error> {
    let encode = |e: serde_json::Error| Error::internal_from("function answer", e);
    if let Some(result) = shared::scan::scan_result(&event) {
        let outcome = intake::on_scan_result(app, &result).await?;
        tracing::info!(key = %result.key, status = %result.status, outcome = ?outcome, "scan result handled");
        return serde_json::to_value(vec![outcome]).map_err(encode);
    }
    if is_scheduled(&event) {
        let request: SweepRequest = serde_json::from_value(event)
            .map_err(|e| Error::validation(format!("not a sweep request: {e}")))?;
        let grace = request
            .grace_seconds
            .map_or(DEFAULT_SWEEP_GRACE, Duration::from_secs);
        let deletions = removal::sweep_deletions(app, grace).await?;
        let tallies = tally::recount_some(app, tally::RECOUNT_BATCH, tally::SETTLE).await?;
        let reminders = tasks::remind_due_tomorrow(app).await?;
        // Uploads whose malware verdict is late by the same grace: its tag settles them.
        let scans = intake::retry_scans(app, grace).await?;
        let mut answer = serde_json::to_value(deletions).map_err(encode)?;
        answer["scans"] = serde_json::to_value(scans).map_err(encode)?;
        answer["tallies"] = serde_json::to_value(tallies).map_err(encode)?;
        answer["reminders"] = serde_json::to_value(reminders).map_err(encode)?;
        return Ok(answer);
    }
    serde_json::to_value(handle(app, event).await?).map_err(encode)
}

/// The schedule's input names the sweep; EventBridge's default event says what it is.
fn is_scheduled(event: &serde_json::Value) -> bool {
    event.get("sweep").and_then(|s| s.as_str()) == Some("deletions")
        || event.get("detail-type").and_then(|d| d.as_str()) == Some("Scheduled Event")
}

/// Only the fields this function reads, so sparse records (as local emulators send) parse.
#[derive(Debug, Deserialize)]
struct S3Event {
    #[serde(rename = "Records", default)]
    records: Vec<Record>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record {
    #[serde(default)]
    event_name: String,
    s3: Entity,
}

#[derive(Debug, Deserialize)]
struct Entity {
    object: Object,
}

#[derive(Debug, Deserialize)]
struct Object {
    key: String,
}

pub async fn handle(app: &App, event: serde_json::Value) -> Result<Vec<AttachOutcome>, Error> {
    let event: S3Event = serde_json::from_value(event)
        .map_err(|e| Error::validation(format!("not an S3 event: {e}")))?;
    let mut outcomes = Vec::with_capacity(event.records.len());
    for record in event.records {
        if !record.event_name.is_empty() && !record.event_name.starts_with("ObjectCreated") {
            outcomes.push(AttachOutcome::Ignored(format!(
                "event {}",
                record.event_name
            )));
            continue;
        }
        let key = decode_event_key(&record.s3.object.key)?;
        let outcome = intake::on_object(app, &key).await?;
        tracing::info!(key = %key, outcome = ?outcome, "object handled");
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// S3 event keys are form-encoded: '+' is a space and %XX a byte of UTF-8.
pub fn decode_event_key(raw: &str) -> Result<String, Error> {
    let spaced = raw.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map(|k| k.into_owned())
        .map_err(|_| Error::validation(format!("object key {raw} is not UTF-8")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_keys_decode_plus_percent_and_unicode() {
        assert_eq!(
            decode_event_key("matters/m1/uploads/u1").expect("plain"),
            "matters/m1/uploads/u1"
        );
        assert_eq!(decode_event_key("a+b%2Bc").expect("plus"), "a b+c");
        assert_eq!(
            decode_event_key("caf%C3%A9+%E2%82%AC.pdf").expect("unicode"),
            "café €.pdf"
        );
        assert_eq!(decode_event_key("100%25").expect("percent"), "100%");
        assert!(decode_event_key("%FF%FE").is_err());
    }

    #[test]
    fn scheduled_events_are_told_from_s3_events() {
        let input = serde_json::json!({"sweep": "deletions", "graceSeconds": 60});
        let eventbridge = serde_json::json!({"source": "aws.events", "detail-type": "Scheduled Event", "detail": {}});
        let s3 = serde_json::json!({"Records": []});
        assert!(is_scheduled(&input) && is_scheduled(&eventbridge));
        assert!(!is_scheduled(&s3));
    }
}
