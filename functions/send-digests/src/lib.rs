//! `send-digests`: each delayed message of the digest queue closes one recipient's window
//! and sends its digest (`digests::send_window`). A message that fails (SES down, or another
//! attempt still sending the window) is reported by its id, so SQS delivers it again and, at
//! last, dead-letters it.

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use shared::service::digests::{self, Sent, Wake};
use shared::{App, Error};

pub async fn handle(app: &App, event: serde_json::Value) -> Result<serde_json::Value, Error> {
    let event: SqsEvent = serde_json::from_value(event)
        .map_err(|e| Error::validation(format!("not an SQS event: {e}")))?;
    let mut response = SqsBatchResponse::default();
    for message in event.records {
        let id = message.message_id.clone().unwrap_or_default();
        let wake: Result<Wake, Error> = serde_json::from_str(message.body.as_deref().unwrap_or(""))
            .map_err(|e| Error::validation(format!("not a digest wake-up: {e}")));
        let outcome = match wake {
            Ok(wake) => digests::send_window(app, &wake).await,
            Err(err) => Err(err),
        };
        let retry = match outcome {
            Ok(Sent::Busy) => {
                tracing::info!(message = %id, "window being sent by another attempt; retried later");
                true
            }
            Ok(sent) => {
                tracing::info!(message = %id, ?sent, "digest window handled");
                false
            }
            Err(err) => {
                tracing::error!(message = %id, error = %err.chain(), "digest not sent");
                true
            }
        };
        if retry {
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = id;
            response.batch_item_failures.push(failure);
        }
    }
    serde_json::to_value(response).map_err(|e| Error::internal_from("function answer", e))
}
