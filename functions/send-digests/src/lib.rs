//! `send-digests`, the mail worker: each message of the mail queue is a recipient's digest
//! window that is due (delayed by the window) or a mail request a route stored, such as a
//! sign-in link (`mail::handle`). A message that fails (SES down, or another attempt still
//! sending the window) is reported by its id, so SQS delivers it again and, at last,
//! dead-letters it.

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use shared::records::MailJob;
use shared::service::mail;
use shared::{App, Error};

pub async fn handle(app: &App, event: serde_json::Value) -> Result<serde_json::Value, Error> {
    let event: SqsEvent = serde_json::from_value(event)
        .map_err(|e| Error::validation(format!("not an SQS event: {e}")))?;
    let mut response = SqsBatchResponse::default();
    for message in event.records {
        let id = message.message_id.clone().unwrap_or_default();
        let job = MailJob::parse(message.body.as_deref().unwrap_or(""))
            .map_err(|e| Error::validation(format!("not a mail queue message: {e}")));
        let outcome = match job {
            Ok(job) => mail::handle(app, &job).await,
            Err(err) => Err(err),
        };
        let retry = match outcome {
            Ok(handled) if handled.retry_later() => {
                tracing::info!(message = %id, "being handled by another attempt; retried later");
                true
            }
            Ok(handled) => {
                tracing::info!(message = %id, ?handled, "mail queue message handled");
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
