//! Local stack helper for `make run`:
//! `portal-local setup` creates the table (with its stream), bucket, sender, the digest queue
//! and the bucket's ObjectCreated -> SQS wiring on the emulator (from the same environment the
//! functions read);
//! `portal-local staff-token` prints a local staff JWT;
//! `portal-local bridge <api-url>` plays the deployed event sources through cargo lambda's
//! invoke endpoints under `<api-url>`: every queued S3 event to `attach-upload`, as S3's
//! trigger does, and the deletion sweep's scheduled event every minute, as the EventBridge
//! schedule does; the table's stream records to `file-notifications` and the digest queue's
//! due wake-ups to `send-digests`, as Lambda's event source mappings do;
//! `portal-local web-config` prints the page's `config.json` from the same settings the
//! functions read, so the page checks uploads against the server's own limits;
//! `portal-local routes [--check]` writes what is generated from the route table (the
//! `cargo lambda watch` router in Cargo.toml, the README's route table), or with `--check`
//! fails when either is stale (`make check`).

use shared::auth::{mint_local_jwt, Staff};
use shared::records::mail::STREAMED_PREFIXES;
use shared::Config;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if std::env::args().nth(1).as_deref() == Some("routes") {
        let check = std::env::args().nth(2).as_deref() == Some("--check");
        return generated_routes(check);
    }
    let config = Config::from_env()?;
    match std::env::args().nth(1).as_deref() {
        Some("setup") => {
            let endpoint = std::env::var("AWS_ENDPOINT_URL")?;
            let sdk = integration_tests::sdk_config(&endpoint).await;
            integration_tests::provision::provision(
                &sdk,
                &config.table_name,
                &config.bucket_name,
                &config.sender_email,
            )
            .await?;
            integration_tests::bridge::wire(&sdk, &config.bucket_name).await?;
            let digests = digest_queue(&sdk, &config).await?;
            println!(
                "provisioned table {}, bucket {} and digest queue {digests} on {endpoint}",
                config.table_name, config.bucket_name
            );
        }
        Some("bridge") => {
            let api = std::env::args()
                .nth(2)
                .ok_or("usage: portal-local bridge <api-url>")?;
            let endpoint = std::env::var("AWS_ENDPOINT_URL")?;
            let sdk = integration_tests::sdk_config(&endpoint).await;
            let queue_url = integration_tests::bridge::wire(&sdk, &config.bucket_name).await?;
            let digests = digest_queue(&sdk, &config).await?;
            let stream =
                integration_tests::bridge::StreamReader::open(&sdk, &endpoint, &config.table_name)
                    .await?;
            let bridge = Bridge {
                http: reqwest::Client::new(),
                api: api.trim_end_matches('/').to_string(),
                sdk,
                s3_events: queue_url,
                digests,
            };
            bridge.forward_forever(stream).await;
        }
        Some("web-config") => {
            let web = serde_json::json!({
                "firmName": config.firm_name,
                "firmLanguage": config.firm_language.code(),
                "accent": config.accent.as_str(),
                "logo": format!("/{}", config.firm_logo.trim_start_matches('/')),
                "apiBase": "",
                "maxUploadBytes": config.max_upload_bytes,
                "inviteTtlSeconds": config.invite_ttl.as_secs(),
                "inviteResendSeconds": config.invite_resend_interval.as_secs(),
                "allowedContentTypes": config.allowed_content_types,
            });
            println!("{web}");
        }
        Some("staff-token") => {
            let secret = config
                .local_jwt_secret
                .ok_or("PORTAL_LOCAL_JWT_SECRET is not set")?;
            let staff = Staff {
                id: "staff-local".into(),
                email: "you@firm.example".into(),
                name: "Local Staff".into(),
            };
            let expires = shared::clock::epoch_seconds(shared::clock::now()) + 12 * 3600;
            println!("{}", mint_local_jwt(&secret, &staff, expires));
        }
        _ => {
            return Err(
                "usage: portal-local setup | staff-token | web-config | bridge <api-url>".into(),
            )
        }
    }
    Ok(())
}

/// How often the bridge looks at the queue. It short-polls: moto serves one request at a
/// time, so a long poll would hold every other request behind it for its whole wait.
const POLL_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// How often the bridge runs the deletion sweep (and the daily summaries' schedule), and how old a halfway delete must be for it
/// to be finished: shorter than deployed (15 minutes, 5 minutes) so that it is seen locally.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(60);
const SWEEP_GRACE_SECONDS: u64 = 60;

/// The digest queue the functions' settings name (`DIGEST_QUEUE_URL`), created if missing:
/// its URL. It must be the queue the settings name, or filed windows would never wake.
async fn digest_queue(sdk: &aws_config::SdkConfig, config: &Config) -> Result<String, BoxError> {
    let wanted = config
        .digest_queue_url
        .as_deref()
        .ok_or("DIGEST_QUEUE_URL is not set")?;
    let name = wanted.rsplit('/').next().unwrap_or_default();
    let url = integration_tests::bridge::digest_queue(sdk, name).await?;
    Ok(url)
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Waits before a source's next poll: longer after a failure, so a broken function or
/// emulator is not hammered.
async fn pause_after(result: Result<(), BoxError>) {
    match result {
        Ok(()) => tokio::time::sleep(POLL_EVERY).await,
        Err(err) => {
            eprintln!("bridge: {err}");
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        }
    }
}

/// Where the bridge reads and what it invokes.
struct Bridge {
    http: reqwest::Client,
    /// cargo lambda's address; each function's invoke endpoint is under it.
    api: String,
    sdk: aws_config::SdkConfig,
    s3_events: String,
    digests: String,
}

impl Bridge {
    fn invoke_url(&self, function: &str) -> String {
        format!("{}/2015-03-31/functions/{function}/invocations", self.api)
    }

    /// Invokes `function` with `event`: its answer, or an error when it failed.
    async fn invoke(
        &self,
        function: &str,
        event: &serde_json::Value,
    ) -> Result<serde_json::Value, BoxError> {
        let response = self
            .http
            .post(self.invoke_url(function))
            .json(event)
            .send()
            .await?;
        let failed = response.headers().contains_key("x-amz-function-error")
            || !response.status().is_success();
        let body = response.text().await?;
        if failed {
            return Err(format!("{function} failed: {body}").into());
        }
        Ok(serde_json::from_str(&body).unwrap_or(serde_json::Value::String(body)))
    }

    /// Forwards every event source to its function until stopped, and runs the deletion
    /// sweep on its schedule. Each source has a loop of its own, as each deployed mapping
    /// polls apart: a steady flow of uploads must not hold back the stream or the digests.
    async fn forward_forever(&self, mut stream: integration_tests::bridge::StreamReader) {
        tokio::join!(
            async {
                loop {
                    pause_after(self.s3_events().await.map(drop)).await;
                }
            },
            async {
                loop {
                    pause_after(self.stream(&mut stream).await).await;
                }
            },
            async {
                loop {
                    pause_after(self.digests().await.map(drop)).await;
                }
            },
            async {
                loop {
                    tokio::time::sleep(SWEEP_EVERY).await;
                    self.sweep().await;
                }
            },
        );
    }

    /// S3 ObjectCreated events to `attach-upload`.
    async fn s3_events(&self) -> Result<usize, BoxError> {
        integration_tests::bridge::drain(&self.sdk, &self.s3_events, 0, |event| async move {
            let answer = self.invoke("attach-upload", &event).await?;
            println!("attach-upload: {answer}");
            Ok(())
        })
        .await
    }

    /// New stream records to `file-notifications`, from where the last batch stopped; a
    /// batch that reports a failure is read again from that record, as Lambda retries.
    async fn stream(
        &self,
        stream: &mut integration_tests::bridge::StreamReader,
    ) -> Result<(), BoxError> {
        while let Some(batch) = stream.next_batch(100).await? {
            // What the deployed mapping's filter lets through: new event records only.
            let Some(batch) = event_records(batch) else {
                continue;
            };
            let answer = self.invoke("file-notifications", &batch).await?;
            if let Some(sequence) = integration_tests::bridge::failed_sequence(&answer) {
                stream.rewind_to(&sequence).await?;
                return Err(format!("file-notifications failed at record {sequence}").into());
            }
            println!("file-notifications: {answer}");
        }
        Ok(())
    }

    /// Due digest wake-ups to `send-digests`; failed ones come back after the queue's
    /// visibility timeout, as in AWS.
    async fn digests(&self) -> Result<usize, BoxError> {
        integration_tests::bridge::drain_digests(
            &self.sdk,
            &self.digests,
            false,
            |event| async move {
                let answer = self.invoke("send-digests", &event).await?;
                println!("send-digests: {answer}");
                Ok(integration_tests::bridge::failed_messages(&answer))
            },
        )
        .await
    }

    /// One run of the deletion sweep, as the deployed schedule sends it; a failure is only
    /// logged (the next run tries again, as the deployed schedule's retries do).
    async fn sweep(&self) {
        let event = serde_json::json!({"sweep": "deletions", "graceSeconds": SWEEP_GRACE_SECONDS});
        match self.invoke("attach-upload", &event).await {
            Ok(answer) => println!("deletion sweep: {answer}"),
            Err(err) => eprintln!("bridge: the deletion sweep failed: {err}"),
        }
        // The daily summaries' schedule, as EventBridge sends it.
        let now = shared::clock::stamp(shared::clock::now());
        let event = integration_tests::bridge::scheduled_event(&now);
        match self.invoke("file-notifications", &event).await {
            Ok(answer) => println!("daily summaries: {answer}"),
            Err(err) => eprintln!("bridge: the daily summaries' run failed: {err}"),
        }
    }
}

/// The batch with only the records the template's filter passes (INSERTs of events and
/// mail requests); `None` when none is left.
fn event_records(mut batch: serde_json::Value) -> Option<serde_json::Value> {
    let records = batch["Records"].as_array_mut()?;
    records.retain(|r| {
        r["eventName"] == "INSERT"
            && r["dynamodb"]["Keys"]["pk"]["S"]
                .as_str()
                .is_some_and(|pk| STREAMED_PREFIXES.iter().any(|p| pk.starts_with(p)))
    });
    (!records.is_empty()).then_some(batch)
}

/// The generated copies of the route table: each file with its region replaced by what the
/// table gives now. With `check`, nothing is written and a stale copy is an error.
fn generated_routes(check: bool) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let router = shared::routes::watch_router();
    let table = shared::routes::markdown_table();
    let copies = [
        (
            "Cargo.toml",
            "[workspace.metadata.lambda.watch.router]\n",
            None,
            router,
        ),
        (
            "README.md",
            "<!-- routes: generated -->\n",
            Some("<!-- /routes -->"),
            table,
        ),
    ];
    let mut stale = Vec::new();
    for (file, start, end, generated) in copies {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path)?;
        let from = text.find(start).ok_or(format!("{file} has no {start:?}"))?;
        let body = from + start.len();
        let to = match end {
            Some(end) => {
                body + text[body..]
                    .find(end)
                    .ok_or(format!("{file} has no {end:?}"))?
            }
            // The router runs to the next table, or to the end of the file.
            None => text[body..]
                .find("\n[")
                .map_or(text.len(), |i| body + i + 1),
        };
        let body_text = generated.strip_prefix(start).unwrap_or(&generated);
        if &text[body..to] == body_text {
            continue;
        }
        if check {
            stale.push(file);
        } else {
            let updated = format!("{}{body_text}{}", &text[..body], &text[to..]);
            std::fs::write(&path, updated)?;
            println!("wrote the route table into {file}");
        }
    }
    if !stale.is_empty() {
        return Err(format!(
            "generated from the route table and stale: {} (run `cargo run -p integration-tests --bin portal-local -- routes`)",
            stale.join(", ")
        )
        .into());
    }
    Ok(())
}
