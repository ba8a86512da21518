//! `file-notifications`: the table's stream (new event records and mail requests only)
//! files each notifiable event into its recipients' digest windows (`digests::file_event`)
//! and puts each mail request on the mail queue (`mail::forward`). A record that fails is
//! reported by its sequence number and processing stops there: Lambda retries the shard from
//! it, and records before it are not filed again (filing is idempotent anyway).
//!
//! On a schedule (EventBridge, every 15 minutes) it puts the daily summaries that are due on
//! the mail queue (`digests::queue_daily_summaries`): this function is the one that sends to
//! that queue, so no other needs SQS rights.

use aws_lambda_events::event::dynamodb::Event as StreamEvent;
use aws_lambda_events::event::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use shared::queue::Queue;
use shared::service::digests;
use shared::service::mail::{self, Outboxed};
use shared::{App, Error};

pub async fn handle(
    app: &App,
    queue: &Queue,
    event: serde_json::Value,
) -> Result<serde_json::Value, Error> {
    if let Some(at) = scheduled_at(&event) {
        let queued = digests::queue_daily_summaries(app, queue, at).await?;
        tracing::info!(queued, "daily summaries due put on the mail queue");
        return Ok(serde_json::json!({ "dailySummariesQueued": queued }));
    }
    let event: StreamEvent = serde_json::from_value(event)
        .map_err(|e| Error::validation(format!("not a DynamoDB stream event: {e}")))?;
    let mut response = DynamoDbEventResponse::default();
    for record in event.records {
        // Only new items: an event record is written once and never changed.
        if record.event_name != "INSERT" {
            continue;
        }
        let sequence = record.change.sequence_number.clone();
        let result = match mail::outboxed(&record.change.new_image) {
            Ok(Some(Outboxed::Event(event))) => digests::file_event(app, queue, &event)
                .await
                .map(|filed| Some(format!("{filed:?}"))),
            Ok(Some(Outboxed::Mail(request))) => mail::forward(queue, &request)
                .await
                .map(|()| Some("mail request queued".to_string())),
            Ok(None) => Ok(None),
            Err(err) => {
                // A malformed record would block its shard for good: logged (and alarmed), skipped.
                tracing::error!(error = %err.chain(), sequence = ?sequence, "stream record skipped");
                Ok(None)
            }
        };
        match result {
            Ok(Some(done)) => tracing::info!(%done, "stream record handled"),
            Ok(None) => {}
            Err(err) => {
                tracing::error!(error = %err.chain(), sequence = ?sequence, "filing failed");
                let Some(sequence) = sequence else {
                    return Err(err);
                };
                let mut failure = DynamoDbBatchItemFailure::default();
                failure.item_identifier = Some(sequence);
                response.batch_item_failures.push(failure);
                break;
            }
        }
    }
    serde_json::to_value(response).map_err(|e| Error::internal_from("function answer", e))
}

/// The time of an EventBridge scheduled event (when the run was due), or `None` for any
/// other event. A scheduled event without a readable time runs as of now.
fn scheduled_at(event: &serde_json::Value) -> Option<time::OffsetDateTime> {
    if event.get("detail-type").and_then(|d| d.as_str()) != Some("Scheduled Event") {
        return None;
    }
    let at = event
        .get("time")
        .and_then(|t| t.as_str())
        .and_then(shared::clock::parse_stamp);
    Some(at.unwrap_or_else(shared::clock::now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheduled_events_are_told_from_stream_events_and_run_as_of_their_time() {
        let scheduled = serde_json::json!({
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "time": "2026-12-05T07:00:00Z",
        });
        let at = scheduled_at(&scheduled).expect("scheduled");
        assert_eq!(shared::clock::stamp(at), "2026-12-05T07:00:00.000000Z");
        let untimed = serde_json::json!({"detail-type": "Scheduled Event"});
        assert!(scheduled_at(&untimed).is_some(), "runs as of now");
        assert!(scheduled_at(&serde_json::json!({"Records": []})).is_none());
    }
}
