//! `attach-upload`: every ObjectCreated record is matched to its upload and checked; an
//! error makes Lambda retry the whole event, which is safe because attaching is idempotent.

use serde::Deserialize;
use shared::service::uploads::{decode_event_key, AttachOutcome};
use shared::{App, Error};

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
        let outcome = app.attach_object(&key).await?;
        tracing::info!(key = %key, outcome = ?outcome, "object handled");
        outcomes.push(outcome);
    }
    Ok(outcomes)
}
