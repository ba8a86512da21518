//! The local stand-ins for the deployed event sources: moto sends S3 ObjectCreated
//! notifications to an SQS queue, and this drains the queue into `attach-upload`; it reads
//! the table's stream for `file-notifications` and the digest queue for `send-digests`, as
//! Lambda's event source mappings do. Every poll is short: moto serves one request at a time.

use aws_config::SdkConfig;
use aws_sdk_s3::types::{
    Event, FilterRule, FilterRuleName, NotificationConfiguration, NotificationConfigurationFilter,
    QueueConfiguration, S3KeyFilter,
};
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
    // As the template's trigger: objects under `matters/` only, so zips (`zips/`) are no uploads.
    let matters_only = NotificationConfigurationFilter::builder()
        .key(
            S3KeyFilter::builder()
                .filter_rules(
                    FilterRule::builder()
                        .name(FilterRuleName::Prefix)
                        .value("matters/")
                        .build(),
                )
                .build(),
        )
        .build();
    let queue = QueueConfiguration::builder()
        .queue_arn(arn)
        .events(Event::S3ObjectCreated)
        .filter(matters_only)
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

/// The digest queue, as the template creates it (the sender's wake-ups, delayed).
pub async fn digest_queue(sdk: &SdkConfig, name: &str) -> Result<String, BoxError> {
    let sqs = aws_sdk_sqs::Client::new(sdk);
    Ok(sqs
        .create_queue()
        .queue_name(name)
        .send()
        .await?
        .queue_url
        .ok_or("no queue url")?)
}

/// Reads the table's stream as Lambda's event source mapping does, one batch at a time,
/// from the oldest record. moto serves DynamoDB Streams' JSON API on its one endpoint; the
/// requests carry a credential scope only so that moto knows the service (it checks no
/// signature), which spares the tests an SDK crate of their own for it.
pub struct StreamReader {
    http: reqwest::Client,
    endpoint: String,
    arn: String,
    shard: String,
    resume: Resume,
}

/// Where the next read starts. An iterator is asked for afresh on every read instead of
/// following `NextShardIterator`: moto undoes a cancelled transaction by restoring a copy of
/// every table, stream shard included, and an iterator taken before that follows the old
/// shard, which never sees another record (the stream would seem to stop).
#[derive(Clone, Debug)]
enum Resume {
    Start,
    At(String),
    After(String),
    /// A LATEST iterator: the records written after it was taken.
    Iterator(String),
}

impl StreamReader {
    pub async fn open(sdk: &SdkConfig, endpoint: &str, table: &str) -> Result<Self, BoxError> {
        let arn = aws_sdk_dynamodb::Client::new(sdk)
            .describe_table()
            .table_name(table)
            .send()
            .await?
            .table
            .and_then(|t| t.latest_stream_arn)
            .ok_or("the table has no stream")?;
        let mut reader = Self {
            http: reqwest::Client::new(),
            endpoint: endpoint.trim_end_matches('/').to_string(),
            arn,
            shard: String::new(),
            resume: Resume::Start,
        };
        let stream = reader
            .request(
                "DescribeStream",
                serde_json::json!({"StreamArn": reader.arn}),
            )
            .await?;
        reader.shard = stream["StreamDescription"]["Shards"][0]["ShardId"]
            .as_str()
            .ok_or("the stream has no shard")?
            .to_string();
        Ok(reader)
    }

    async fn request(&self, action: &str, body: Value) -> Result<Value, BoxError> {
        let response = self
            .http
            .post(&self.endpoint)
            .header("content-type", "application/x-amz-json-1.0")
            .header("x-amz-target", format!("DynamoDBStreams_20120810.{action}"))
            .header(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=test/20261124/us-east-1/dynamodb/aws4_request, \
                 SignedHeaders=host, Signature=0",
            )
            .body(body.to_string())
            .send()
            .await?;
        let status = response.status();
        let text = response.text().await?;
        if !status.is_success() {
            return Err(format!("DynamoDB Streams {action}: {status} {text}").into());
        }
        Ok(serde_json::from_str(&text)?)
    }

    async fn iterator(&self, kind: &str, sequence: Option<&str>) -> Result<String, BoxError> {
        let mut body = serde_json::json!({
            "StreamArn": self.arn, "ShardId": self.shard, "ShardIteratorType": kind,
        });
        if let Some(sequence) = sequence {
            body["SequenceNumber"] = Value::from(sequence);
        }
        let answer = self.request("GetShardIterator", body).await?;
        Ok(answer["ShardIterator"]
            .as_str()
            .ok_or("no shard iterator")?
            .to_string())
    }

    /// The next records as a Lambda stream event (`{"Records": [...]}`), or `None` when
    /// there are none yet.
    pub async fn next_batch(&mut self, limit: usize) -> Result<Option<Value>, BoxError> {
        let iterator = match &self.resume {
            Resume::Start => self.iterator("TRIM_HORIZON", None).await?,
            Resume::At(sequence) => self.iterator("AT_SEQUENCE_NUMBER", Some(sequence)).await?,
            Resume::After(sequence) => {
                self.iterator("AFTER_SEQUENCE_NUMBER", Some(sequence))
                    .await?
            }
            Resume::Iterator(iterator) => iterator.clone(),
        };
        let answer = self
            .request(
                "GetRecords",
                serde_json::json!({"ShardIterator": iterator, "Limit": limit}),
            )
            .await?;
        let mut records = answer["Records"].as_array().cloned().unwrap_or_default();
        let Some(last) = records
            .last()
            .and_then(|r| r["dynamodb"]["SequenceNumber"].as_str())
        else {
            return Ok(None);
        };
        self.resume = Resume::After(last.to_string());
        for record in &mut records {
            // What Lambda adds to each record it hands on.
            record["eventSourceARN"] = Value::from(self.arn.clone());
        }
        Ok(Some(serde_json::json!({ "Records": records })))
    }

    /// Reads from now on only what is written after this call (the bench skips what it
    /// seeded in bulk).
    pub async fn skip_to_end(&mut self) -> Result<(), BoxError> {
        self.resume = Resume::Iterator(self.iterator("LATEST", None).await?);
        Ok(())
    }

    /// Reads again from `sequence` (a failed record), as Lambda retries a shard.
    pub async fn rewind_to(&mut self, sequence: &str) -> Result<(), BoxError> {
        self.resume = Resume::At(sequence.to_string());
        Ok(())
    }
}

/// EventBridge's scheduled event for a run due at `time` (RFC 3339), as a schedule target
/// receives it.
pub fn scheduled_event(time: &str) -> Value {
    serde_json::json!({
        "version": "0",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "time": time,
        "detail": {},
    })
}

/// The sequence number a stream consumer's answer names as its first failure.
pub fn failed_sequence(answer: &Value) -> Option<String> {
    answer["batchItemFailures"]
        .as_array()?
        .first()?
        .get("itemIdentifier")?
        .as_str()
        .map(String::from)
}

/// Takes every visible message of the digest queue, as an SQS Lambda event per batch of up
/// to 10, and hands each event to `invoke`, which answers the message ids that failed.
/// Those stay on the queue (with `retry_now`, visible again at the end, so that a test's
/// next delivery retries them; otherwise after the queue's visibility timeout, as in AWS);
/// the others are deleted. Returns how many messages ran.
pub async fn drain_digests<F, Fut>(
    sdk: &SdkConfig,
    queue_url: &str,
    retry_now: bool,
    invoke: F,
) -> Result<usize, BoxError>
where
    F: Fn(Value) -> Fut,
    Fut: Future<Output = Result<Vec<String>, BoxError>>,
{
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let mut delivered = 0;
    let mut failed_handles = Vec::new();
    loop {
        let out = sqs
            .receive_message()
            .queue_url(queue_url)
            .max_number_of_messages(10)
            .wait_time_seconds(0)
            .send()
            .await?;
        let messages = out.messages.unwrap_or_default();
        if messages.is_empty() {
            break;
        }
        let event = sqs_event(queue_url, &messages);
        let failed = invoke(event).await?;
        delivered += messages.len();
        for message in &messages {
            let id = message.message_id().unwrap_or_default();
            let Some(handle) = message.receipt_handle() else {
                continue;
            };
            if failed.iter().any(|f| f == id) {
                failed_handles.push(handle.to_string());
            } else {
                sqs.delete_message()
                    .queue_url(queue_url)
                    .receipt_handle(handle)
                    .send()
                    .await?;
            }
        }
    }
    for handle in failed_handles.into_iter().filter(|_| retry_now) {
        sqs.change_message_visibility()
            .queue_url(queue_url)
            .receipt_handle(handle)
            .visibility_timeout(0)
            .send()
            .await?;
    }
    Ok(delivered)
}

/// The SQS event Lambda's event source mapping would hand over for `messages`.
pub fn sqs_event(queue_url: &str, messages: &[aws_sdk_sqs::types::Message]) -> Value {
    let arn = format!(
        "arn:aws:sqs:us-east-1:123456789012:{}",
        queue_url.rsplit('/').next().unwrap_or_default()
    );
    let records: Vec<Value> = messages
        .iter()
        .map(|m| {
            serde_json::json!({
                "messageId": m.message_id(),
                "receiptHandle": m.receipt_handle(),
                "body": m.body(),
                "attributes": {},
                "messageAttributes": {},
                "md5OfBody": m.md5_of_body(),
                "eventSource": "aws:sqs",
                "eventSourceARN": arn,
                "awsRegion": "us-east-1",
            })
        })
        .collect();
    serde_json::json!({ "Records": records })
}

/// The message ids an SQS consumer's answer names as failed.
pub fn failed_messages(answer: &Value) -> Vec<String> {
    answer["batchItemFailures"]
        .as_array()
        .map(|failures| {
            failures
                .iter()
                .filter_map(|f| f["itemIdentifier"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}
