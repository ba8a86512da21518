//! The local stand-in for S3's Lambda trigger: moto sends ObjectCreated notifications to an
//! SQS queue, and this drains the queue into `attach-upload`.

use aws_config::SdkConfig;
use aws_sdk_s3::types::{Event, NotificationConfiguration, QueueConfiguration};
use serde_json::Value;
use std::future::Future;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Creates the queue and points the bucket's ObjectCreated notifications at it.
pub async fn wire(sdk: &SdkConfig, bucket: &str) -> Result<String, BoxError> {
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let queue_url = sqs
        .create_queue()
        .queue_name(format!("{bucket}-object-created"))
        .send()
        .await?
        .queue_url
        .ok_or("no queue url")?;
    let arn = sqs
        .get_queue_attributes()
        .queue_url(&queue_url)
        .attribute_names(aws_sdk_sqs::types::QueueAttributeName::QueueArn)
        .send()
        .await?
        .attributes
        .and_then(|a| {
            a.get(&aws_sdk_sqs::types::QueueAttributeName::QueueArn)
                .cloned()
        })
        .ok_or("no queue arn")?;
    let queue = QueueConfiguration::builder()
        .queue_arn(arn)
        .events(Event::S3ObjectCreated)
        .build()?;
    shared::files::client(sdk)
        .put_bucket_notification_configuration()
        .bucket(bucket)
        .notification_configuration(
            NotificationConfiguration::builder()
                .queue_configurations(queue)
                .build(),
        )
        .send()
        .await?;
    Ok(queue_url)
}

/// Hands every waiting S3 event to `invoke`; a message is deleted only once `invoke`
/// succeeded, so a failure is delivered again, as Lambda retries. Returns how many ran.
pub async fn drain<F, Fut>(
    sdk: &SdkConfig,
    queue_url: &str,
    wait_seconds: i32,
    invoke: F,
) -> Result<usize, BoxError>
where
    F: Fn(Value) -> Fut,
    Fut: Future<Output = Result<(), BoxError>>,
{
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let mut delivered = 0;
    loop {
        let out = sqs
            .receive_message()
            .queue_url(queue_url)
            .max_number_of_messages(10)
            .wait_time_seconds(wait_seconds)
            .send()
            .await?;
        let messages = out.messages.unwrap_or_default();
        if messages.is_empty() {
            return Ok(delivered);
        }
        for message in messages {
            let event: Value = serde_json::from_str(message.body().unwrap_or("{}"))?;
            // s3:TestEvent and anything else without records is not an upload.
            if event.get("Records").is_some() {
                invoke(event).await?;
                delivered += 1;
            }
            if let Some(handle) = message.receipt_handle() {
                sqs.delete_message()
                    .queue_url(queue_url)
                    .receipt_handle(handle)
                    .send()
                    .await?;
            }
        }
    }
}
