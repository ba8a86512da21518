//! Test support for the local AWS stack: provisioning the table, bucket and sender on the
//! emulator, calling the functions the way API Gateway routes to them, and reading back the
//! mail the emulator captured. `steps` has one checked step per request of every flow, and
//! `scenario` the matters and contacts that tests start from.

pub mod bridge;
pub mod contract;
pub mod faults;
pub mod observe;
pub mod pdf;
pub mod provision;
pub mod scenario;
pub mod steps;

pub use scenario::{Access, Contact, SignedIn};
pub use steps::ContactUpload;

use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_dynamodb::config::{Credentials, Region};
use lambda_http::{Body, Request};
use serde_json::Value;
use shared::auth::{mint_local_jwt, Staff};
use shared::{App, Config};
use std::collections::HashMap;

pub const SENDER: &str = "portal@firm.example";
pub const FIRM: &str = "Smith & Jones LLP";
/// The firm's payment page in tests: Pay links are built from it.
pub const PAYMENT_URL_TEMPLATE: &str = "https://pay.example.com/bills/{billId}";
pub const PORTAL_URL: &str = "https://portal.firm.example";
/// The local staff-token secret every test stack is configured with.
pub const LOCAL_SECRET: &str = "integration-test-secret";

/// The emulator endpoint; tests refuse to run (and fail) without one.
pub fn endpoint() -> String {
    std::env::var("AWS_ENDPOINT_URL")
        .expect("AWS_ENDPOINT_URL must point at the local emulator: run the tests with `make test`")
}

pub async fn sdk_config(endpoint: &str) -> SdkConfig {
    shared::aws::over_https(aws_config::defaults(BehaviorVersion::latest()))
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "test",
            "test",
            None,
            None,
            "local-emulator",
        ))
        .load()
        .await
}

/// Who is calling.
#[derive(Clone, Copy, Debug)]
pub enum Caller<'a> {
    Anonymous,
    Staff,
    Bearer(&'a str),
}

#[derive(Clone, Debug)]
pub struct SentEmail {
    pub to: Vec<String>,
    /// Blind copies: how one message reaches several of the firm's staff.
    pub bcc: Vec<String>,
    pub subject: String,
    /// The text part.
    pub body: String,
    /// The HTML part (the same text under the firm's header).
    pub html: String,
}

impl SentEmail {
    /// Whether `address` is among the recipients (to or blind copy).
    pub fn is_for(&self, address: &str) -> bool {
        self.to.iter().chain(&self.bcc).any(|t| t == address)
    }

    /// The single-use token in the email's portal link.
    pub fn link_token(&self) -> String {
        let start = self.body.find("#invite=").expect("email has a portal link") + "#invite=".len();
        self.body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }
}

/// A throwaway table and bucket on the emulator, and the functions wired to them.
pub struct Stack {
    pub app: App,
    pub sdk: SdkConfig,
    endpoint: String,
    http: reqwest::Client,
    staff_token: String,
    /// Where moto queues the bucket's ObjectCreated notifications.
    queue_url: String,
    /// The digest queue `file-notifications` sends to, over the stack's interceptors.
    pub queue: shared::queue::Queue,
    pub digest_queue_url: String,
    /// The table's stream, read where the last delivery stopped.
    stream: tokio::sync::Mutex<Option<bridge::StreamReader>>,
    /// Makes every id and address of this test unique on a shared emulator.
    pub run: String,
    /// Every route `call` has sent a request to, as (method, path template).
    routes_called: std::sync::Mutex<std::collections::BTreeSet<(&'static str, &'static str)>>,
}

impl Stack {
    pub async fn new() -> Self {
        Self::with_settings(&[]).await
    }

    /// A stack whose settings differ from the defaults, e.g. a short `INVITE_TTL`.
    pub async fn with_settings(overrides: &[(&str, &str)]) -> Self {
        Self::instrumented(overrides, &[]).await
    }

    /// A stack whose functions' SDK clients run `interceptors` (see [`observe`]).
    pub async fn instrumented(
        overrides: &[(&str, &str)],
        interceptors: &[observe::SharedInterceptor],
    ) -> Self {
        let endpoint = endpoint();
        let sdk = sdk_config(&endpoint).await;
        let run = uuid::Uuid::new_v4().simple().to_string()[..10].to_string();
        let table = format!("portal-test-{run}");
        let bucket = format!("portal-test-{run}");
        provision::provision(&sdk, &table, &bucket, SENDER)
            .await
            .expect("provision the emulator");
        let digest_queue_url = bridge::digest_queue(&sdk, &format!("{table}-digests"))
            .await
            .expect("the digest queue");
        let mut settings: HashMap<String, String> = [
            ("TABLE_NAME", table.as_str()),
            ("BUCKET_NAME", bucket.as_str()),
            ("SENDER_EMAIL", SENDER),
            ("FIRM_NAME", FIRM),
            ("PAYMENT_URL_TEMPLATE", PAYMENT_URL_TEMPLATE),
            ("PORTAL_URL", PORTAL_URL),
            ("PORTAL_LOCAL_JWT_SECRET", LOCAL_SECRET),
            // Resends are checked by the test that sets an interval; the others resend at once.
            ("INVITE_RESEND_INTERVAL", "0"),
            // Wake-ups are due at once: a test's window is what it files before it calls
            // `deliver_notifications`.
            ("DIGEST_WINDOW", "0"),
            ("DIGEST_QUEUE_URL", digest_queue_url.as_str()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in overrides {
            settings.insert(k.to_string(), v.to_string());
        }
        let config = Config::from_lookup(|k| settings.get(k).cloned()).expect("config");
        let queue_url = bridge::wire(&sdk, &bucket)
            .await
            .expect("wire S3 events to SQS");
        let staff = Staff {
            id: "staff-1".into(),
            email: "ann.lawyer@firm.example".into(),
            name: "Ann Lawyer".into(),
        };
        let staff_token = mint_local_jwt(LOCAL_SECRET, &staff, i64::from(u32::MAX));
        Self {
            queue: observe::instrumented_queue(&sdk, &digest_queue_url, interceptors),
            digest_queue_url,
            stream: tokio::sync::Mutex::new(None),
            app: observe::instrumented_app(config, &sdk, interceptors),
            sdk,
            endpoint,
            http: reqwest::Client::new(),
            staff_token,
            queue_url,
            run,
            routes_called: Default::default(),
        }
    }

    /// Every route requests were sent to so far, as (method, path template).
    pub fn routes_called(&self) -> std::collections::BTreeSet<(&'static str, &'static str)> {
        self.routes_called.lock().expect("routes lock").clone()
    }

    /// Runs `attach-upload` on every ObjectCreated event moto has queued, as the deployed
    /// S3 trigger would; returns each event's outcomes.
    pub async fn deliver_object_events(&self) -> Vec<Value> {
        let mut outcomes = Vec::new();
        for event in self.take_object_events().await {
            let answer =
                observe::as_function("attach-upload", attach_upload::handle(&self.app, event))
                    .await
                    .expect("attach-upload handles the event");
            outcomes.push(serde_json::to_value(answer).expect("outcomes as JSON"));
        }
        outcomes
    }

    /// Runs `attach-upload` on GuardDuty Malware Protection's scan-result event for `key` in
    /// `bucket` (`status`: NO_THREATS_FOUND, THREATS_FOUND, UNSUPPORTED, FAILED, ...), as
    /// EventBridge delivers it: its answer, or the error that makes Lambda retry it.
    pub async fn deliver_scan_result(
        &self,
        bucket: &str,
        key: &str,
        status: &str,
    ) -> Result<Value, shared::Error> {
        let event = serde_json::json!({
            "version": "0",
            "source": "aws.guardduty",
            "detail-type": "GuardDuty Malware Protection Object Scan Result",
            "detail": {
                "schemaVersion": "1.0",
                "scanStatus": "COMPLETED",
                "resourceType": "S3_OBJECT",
                "s3ObjectDetails": {"bucketName": bucket, "objectKey": key},
                "scanResultDetails": {"scanResultStatus": status, "threats": null},
            },
        });
        observe::as_function(
            "attach-upload",
            attach_upload::handle_event(&self.app, event),
        )
        .await
    }

    /// Tags an object of the stack's bucket as GuardDuty Malware Protection does once it has
    /// scanned it (`GuardDutyMalwareScanStatus`), from outside any function.
    pub async fn tag_scan_verdict(&self, key: &str, status: &str) {
        let tag = aws_sdk_s3::types::Tag::builder()
            .key(shared::scan::VERDICT_TAG)
            .value(status)
            .build()
            .expect("a tag");
        let tagging = aws_sdk_s3::types::Tagging::builder()
            .tag_set(tag)
            .build()
            .expect("a tag set");
        shared::files::client(&self.sdk)
            .put_object_tagging()
            .bucket(&self.app.config.bucket_name)
            .key(key)
            .tagging(tagging)
            .send()
            .await
            .expect("tag the object");
    }

    /// Runs `attach-upload` on the deletion sweep's scheduled event, as the deployed
    /// schedule does, with deletes older than `grace_seconds` due: what the sweep did.
    pub async fn sweep_deletions(&self, grace_seconds: u64) -> Value {
        let event = serde_json::json!({"sweep": "deletions", "graceSeconds": grace_seconds});
        observe::as_function(
            "attach-upload",
            attach_upload::handle_event(&self.app, event),
        )
        .await
        .expect("attach-upload sweeps")
    }

    /// The outbox, as deployed: every new stream record goes to `file-notifications`, then
    /// every due digest wake-up to `send-digests` (the test window is 0 s, so all are due).
    pub async fn deliver_notifications(&self) -> Delivered {
        let filed = self.file_stream().await;
        let sent = self.send_digests().await;
        Delivered { filed, sent }
    }

    /// Runs `file-notifications` on every stream record not yet delivered, a batch at a
    /// time; a batch that reports a failure is read again from that record next time, as
    /// Lambda retries a shard. Returns each batch's answer.
    pub async fn file_stream(&self) -> Vec<Value> {
        let mut answers = Vec::new();
        while let Some(batch) = self.take_stream_batch().await {
            let answer = self.file_notifications(batch).await;
            answers.push(answer.clone());
            if let Some(sequence) = bridge::failed_sequence(&answer) {
                self.stream
                    .lock()
                    .await
                    .as_mut()
                    .expect("the stream is open")
                    .rewind_to(&sequence)
                    .await
                    .expect("rewind the stream");
                break;
            }
        }
        answers
    }

    /// The next batch of stream records as Lambda would hand it over, without handling it.
    pub async fn take_stream_batch(&self) -> Option<Value> {
        let mut stream = self.stream.lock().await;
        self.open_stream(&mut stream)
            .await
            .next_batch(100)
            .await
            .expect("read the table's stream")
    }

    /// From now on the stream hands over only what is written after this call.
    pub async fn skip_stream(&self) {
        let mut stream = self.stream.lock().await;
        self.open_stream(&mut stream)
            .await
            .skip_to_end()
            .await
            .expect("skip the table's stream");
    }

    async fn open_stream<'a>(
        &self,
        stream: &'a mut Option<bridge::StreamReader>,
    ) -> &'a mut bridge::StreamReader {
        if stream.is_none() {
            let reader =
                bridge::StreamReader::open(&self.sdk, &self.endpoint, &self.app.config.table_name)
                    .await
                    .expect("open the table's stream");
            *stream = Some(reader);
        }
        stream.as_mut().expect("opened above")
    }

    /// Runs `file-notifications` on one stream event: its answer (`batchItemFailures`).
    pub async fn file_notifications(&self, event: Value) -> Value {
        observe::as_function(
            "file-notifications",
            Box::pin(file_notifications::handle(&self.app, &self.queue, event)),
        )
        .await
        .expect("file-notifications handles the event")
    }

    /// Runs `file-notifications` on its schedule's event as EventBridge sends it at `time`
    /// (RFC 3339): the daily summaries due then are put on the mail queue. Its answer.
    pub async fn run_daily_schedule_at(&self, time: &str) -> Value {
        self.file_notifications(bridge::scheduled_event(time)).await
    }

    /// Runs `send-digests` on every due wake-up; failed ones stay queued for the next call.
    /// Returns each batch's answer.
    pub async fn send_digests(&self) -> Vec<Value> {
        let answers = std::sync::Mutex::new(Vec::new());
        bridge::drain_digests(&self.sdk, &self.digest_queue_url, true, |event| {
            let answers = &answers;
            async move {
                let answer = self.send_digest_event(event).await;
                let failed = bridge::failed_messages(&answer);
                answers.lock().expect("lock").push(answer);
                Ok(failed)
            }
        })
        .await
        .expect("drain the digest queue");
        answers.into_inner().expect("lock")
    }

    /// The due wake-ups as one SQS event per batch, taken off the queue without handling.
    pub async fn take_digest_events(&self) -> Vec<Value> {
        let events = std::sync::Mutex::new(Vec::new());
        bridge::drain_digests(&self.sdk, &self.digest_queue_url, true, |event| {
            let events = &events;
            async move {
                events.lock().expect("lock").push(event);
                Ok(Vec::new())
            }
        })
        .await
        .expect("take digest wake-ups");
        events.into_inner().expect("lock")
    }

    /// Runs `send-digests` on one SQS event: its answer (`batchItemFailures`).
    pub async fn send_digest_event(&self, event: Value) -> Value {
        observe::as_function(
            "send-digests",
            Box::pin(send_digests::handle(&self.app, event)),
        )
        .await
        .expect("send-digests handles the event")
    }

    /// The queued ObjectCreated events, taken off the queue without handling them.
    pub async fn take_object_events(&self) -> Vec<Value> {
        let events = std::sync::Mutex::new(Vec::new());
        bridge::drain(&self.sdk, &self.queue_url, 0, |event| {
            let events = &events;
            async move {
                events.lock().expect("lock").push(event);
                Ok(())
            }
        })
        .await
        .expect("take S3 events");
        events.into_inner().expect("lock")
    }

    /// PUTs bytes to a presigned URL with the given content type, whatever was signed.
    pub async fn put_raw(&self, url: &str, content_type: &str, bytes: Vec<u8>) -> u16 {
        let request = self.http.put(url).header("content-type", content_type);
        status_of(request.body(bytes)).await
    }

    /// A staff JWT this stack accepts.
    pub fn staff_token(&self) -> &str {
        &self.staff_token
    }

    /// An id unique to this test run.
    pub fn id(&self, name: &str) -> String {
        format!("{name}-{}", self.run)
    }

    /// An address unique to this test run.
    pub fn email(&self, name: &str) -> String {
        format!("{name}.{}@client.example", self.run)
    }

    /// Sends a request to the function API Gateway would route it to.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        caller: Caller<'_>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut builder = lambda_http::http::Request::builder()
            .method(method)
            .uri(path);
        let token = match caller {
            Caller::Anonymous => None,
            Caller::Staff => Some(self.staff_token.as_str()),
            Caller::Bearer(token) => Some(token),
        };
        if let Some(token) = token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        let sent = body.clone();
        let body = body.map_or(Body::Empty, |b| Body::from(b.to_string()));
        let request: Request = builder.body(body).expect("request");
        let route = shared::routes::find(method, path)
            .unwrap_or_else(|| panic!("no route for {method} {path}"));
        self.routes_called
            .lock()
            .expect("routes lock")
            .insert((route.method, route.path));
        let function = route.function;
        // Every AWS call the handler makes is filed under its function (observe::Recorder).
        // Boxed: a test's future sits on its thread's stack, and handlers' futures are large.
        let response = observe::as_function(
            function,
            Box::pin(shared::routes::dispatch::by_function(
                function, &self.app, request,
            )),
        )
        .await
        .unwrap_or_else(|| panic!("no HTTP function {function}"));
        let status = response.status().as_u16();
        let bytes: &[u8] = response.body().as_ref();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|t| t.to_str().ok())
            .unwrap_or("")
            .to_string();
        let json = if bytes.is_empty() {
            Value::Null
        } else if content_type.starts_with("application/json") {
            serde_json::from_slice(bytes).expect("JSON response")
        } else {
            // A file (the CSV export): its text.
            Value::String(String::from_utf8_lossy(bytes).into_owned())
        };
        let exchange = contract::Exchange {
            route,
            request: sent.as_ref(),
            status,
            content_type: &content_type,
            response: &json,
        };
        let departures = contract::departures(&exchange);
        assert!(
            departures.is_empty(),
            "{method} {path} departs from openapi.json:\n  {}\nanswer {status}: {json}",
            departures.join("\n  ")
        );
        (status, json)
    }

    /// One page of the mail the emulator accepted, newest first (`scripts/moto_serial.py`).
    async fn mail_page(&self, offset: usize) -> Value {
        let url = format!("{}/_local/mail?limit=200&offset={offset}", self.endpoint);
        let response = self
            .http
            .get(&url)
            .send()
            .await
            .expect("the emulator's mail");
        assert!(
            response.status().is_success(),
            "{url}: {}",
            response.status()
        );
        response.json().await.expect("the mail as JSON")
    }
    /// Whether the bucket holds an object for this document.
    pub async fn object_exists(&self, matter: &str, document: &str) -> bool {
        let document = shared::records::DocumentRecord::key_for(document);
        let stored = self
            .app
            .table
            .get(&document)
            .await
            .expect("read the document");
        match stored {
            Some(d) if d.matter_id == matter => self.key_exists(&d.object_key).await,
            _ => false,
        }
    }

    /// Whether the bucket holds an object at `key`.
    pub async fn key_exists(&self, key: &str) -> bool {
        match shared::files::client(&self.sdk)
            .head_object()
            .bucket(&self.app.config.bucket_name)
            .key(key)
            .send()
            .await
        {
            Ok(_) => true,
            Err(err) if err.as_service_error().is_some_and(|e| e.is_not_found()) => false,
            Err(err) => panic!("head object: {err:?}"),
        }
    }

    /// Mail the emulator accepted for `address`, oldest first.
    pub async fn emails_to(&self, address: &str) -> Vec<SentEmail> {
        self.all_emails()
            .await
            .into_iter()
            .filter(|m| m.is_for(address))
            .collect()
    }

    /// All mail the emulator accepted (every stack's), oldest first.
    pub async fn all_emails(&self) -> Vec<SentEmail> {
        let mut newest_first = Vec::new();
        loop {
            let page = self.mail_page(newest_first.len()).await;
            let items = page["items"].as_array().cloned().unwrap_or_default();
            if items.is_empty() {
                break;
            }
            newest_first.extend(items.into_iter().map(|m| SentEmail {
                to: addresses(&m["to"]),
                bcc: addresses(&m["bcc"]),
                subject: m["subject"].as_str().unwrap_or_default().to_string(),
                body: m["body"].as_str().unwrap_or_default().to_string(),
                html: m["html"].as_str().unwrap_or_default().to_string(),
            }));
        }
        newest_first.reverse();
        newest_first
    }

    /// Every key in the stack's bucket under `prefix`.
    pub async fn object_keys(&self, prefix: &str) -> Vec<String> {
        let mut pages = shared::files::client(&self.sdk)
            .list_objects_v2()
            .bucket(&self.app.config.bucket_name)
            .prefix(prefix)
            .into_paginator()
            .send();
        let mut keys = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.expect("list objects");
            keys.extend(
                page.contents()
                    .iter()
                    .filter_map(|o| o.key().map(String::from)),
            );
        }
        keys
    }

    /// Uploads bytes through a presigned PUT answer, sending exactly the signed headers.
    pub async fn put_presigned(&self, answer: &Value, bytes: Vec<u8>) -> u16 {
        let mut request = self.http.put(answer["url"].as_str().expect("url"));
        for (name, value) in answer["headers"].as_object().expect("headers") {
            if name != "content-length" {
                request = request.header(name, value.as_str().expect("header value"));
            }
        }
        status_of(request.body(bytes)).await
    }

    /// GETs a presigned URL: status and body.
    pub async fn get_url(&self, url: &str) -> (u16, Vec<u8>) {
        let response = self.http.get(url).send().await.expect("GET");
        let status = response.status().as_u16();
        (status, response.bytes().await.expect("body").to_vec())
    }
}

/// What one delivery of the outbox did: each handler's answers.
#[derive(Debug, Default)]
pub struct Delivered {
    pub filed: Vec<Value>,
    pub sent: Vec<Value>,
}

impl Delivered {
    /// Stream records or wake-ups that failed (and will be delivered again).
    pub fn failures(&self) -> usize {
        self.filed
            .iter()
            .chain(&self.sent)
            .map(|a| a["batchItemFailures"].as_array().map_or(0, Vec::len))
            .sum()
    }
}

/// Sends a request, e.g. to a presigned URL: its status.
pub async fn status_of(request: reqwest::RequestBuilder) -> u16 {
    request
        .send()
        .await
        .expect("request sent")
        .status()
        .as_u16()
}

/// A decoded query parameter of a URL, e.g. the signed `response-content-disposition`
/// that S3 echoes back as the Content-Disposition header (moto does not echo it).
pub fn url_parameter(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| shared::http::form_decode(v))
    })
}

/// Document ids in a list answer, in order.
pub fn document_ids(answer: &Value) -> Vec<String> {
    answer["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["documentId"].as_str().expect("documentId").to_string())
        .collect()
}

/// The addresses of a destination field of moto's captured mail.
fn addresses(field: &Value) -> Vec<String> {
    field
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}
