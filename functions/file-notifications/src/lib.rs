//! `file-notifications`: the table's stream (new event records only) files each notifiable
//! event into its recipients' digest windows (`digests::file_event`). A record that fails is
//! reported by its sequence number and processing stops there: Lambda retries the shard from
//! it, and records before it are not filed again (filing is idempotent anyway).

use aws_lambda_events::event::dynamodb::Event as StreamEvent;
use aws_lambda_events::event::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use shared::queue::Queue;
use shared::service::digests;
use shared::{App, Error};

pub async fn handle(
    app: &App,
    queue: &Queue,
    event: serde_json::Value,
) -> Result<serde_json::Value, Error> {
    let event: StreamEvent = serde_json::from_value(event)
        .map_err(|e| Error::validation(format!("not a DynamoDB stream event: {e}")))?;
    let mut response = DynamoDbEventResponse::default();
    for record in event.records {
        // Only new items: an event record is written once and never changed.
        if record.event_name != "INSERT" {
            continue;
        }
        let sequence = record.change.sequence_number.clone();
        let result = match digests::event_from_image(record.change.new_image) {
            Ok(Some(event)) => digests::file_event(app, queue, &event).await.map(Some),
            Ok(None) => Ok(None),
            Err(err) => {
                // A malformed event would block its shard for good: logged (and alarmed), skipped.
                tracing::error!(error = %err.chain(), sequence = ?sequence, "event record skipped");
                Ok(None)
            }
        };
        match result {
            Ok(Some(filed)) => tracing::info!(?filed, "event filed"),
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
