//! Local stack helper for `make run`:
//! `portal-local setup` creates the table, bucket, sender and the bucket's ObjectCreated -> SQS
//! wiring on the emulator (from the same environment the functions read);
//! `portal-local staff-token` prints a local staff JWT;
//! `portal-local bridge <invoke-url>` forwards every queued S3 event to `attach-upload`
//! through cargo lambda's invoke endpoint, as S3's trigger does in AWS, and sends it the
//! deletion sweep's scheduled event every minute, as the EventBridge schedule does;
//! `portal-local web-config` prints the page's `config.json` from the same settings the
//! functions read, so the page checks uploads against the server's own limits.

use shared::auth::{mint_local_jwt, Staff};
use shared::Config;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
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
            println!(
                "provisioned table {} and bucket {} on {endpoint}",
                config.table_name, config.bucket_name
            );
        }
        Some("bridge") => {
            let invoke_url = std::env::args()
                .nth(2)
                .ok_or("usage: portal-local bridge <invoke-url>")?;
            let endpoint = std::env::var("AWS_ENDPOINT_URL")?;
            let sdk = integration_tests::sdk_config(&endpoint).await;
            let queue_url = integration_tests::bridge::wire(&sdk, &config.bucket_name).await?;
            forward_forever(&sdk, &queue_url, &invoke_url).await;
        }
        Some("web-config") => {
            let web = serde_json::json!({
                "firmName": config.firm_name,
                "apiBase": "",
                "maxUploadBytes": config.max_upload_bytes,
                "inviteTtlSeconds": config.invite_ttl.as_secs(),
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
                "usage: portal-local setup | staff-token | web-config | bridge <invoke-url>".into(),
            )
        }
    }
    Ok(())
}

/// How often the bridge looks at the queue. It short-polls: moto serves one request at a
/// time, so a long poll would hold every other request behind it for its whole wait.
const POLL_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// How often the bridge runs the deletion sweep, and how old a halfway delete must be for it
/// to be finished: shorter than deployed (15 minutes, 5 minutes) so that it is seen locally.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(60);
const SWEEP_GRACE_SECONDS: u64 = 60;

/// Forwards queued S3 events to the function's invoke endpoint until stopped, and runs the
/// deletion sweep on its schedule.
async fn forward_forever(sdk: &aws_config::SdkConfig, queue_url: &str, invoke_url: &str) {
    let http = reqwest::Client::new();
    let mut next_sweep = tokio::time::Instant::now() + SWEEP_EVERY;
    loop {
        tokio::time::sleep(POLL_EVERY).await;
        if tokio::time::Instant::now() >= next_sweep {
            next_sweep += SWEEP_EVERY;
            sweep(&http, invoke_url).await;
        }
        let forwarded = integration_tests::bridge::drain(sdk, queue_url, 0, |event| {
            let http = &http;
            async move {
                let response = http.post(invoke_url).json(&event).send().await?;
                let failed = response.headers().contains_key("x-amz-function-error")
                    || !response.status().is_success();
                let body = response.text().await?;
                if failed {
                    // Left on the queue: delivered again after the visibility timeout.
                    return Err(format!("attach-upload failed: {body}").into());
                }
                println!("attach-upload: {body}");
                Ok(())
            }
        })
        .await;
        if let Err(err) = forwarded {
            eprintln!("bridge: {err}");
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        }
    }
}

/// One run of the deletion sweep, as the deployed schedule sends it; a failure is only logged
/// (the next run tries again, as the deployed schedule's retries do).
async fn sweep(http: &reqwest::Client, invoke_url: &str) {
    let event = serde_json::json!({"sweep": "deletions", "graceSeconds": SWEEP_GRACE_SECONDS});
    match http.post(invoke_url).json(&event).send().await {
        Ok(response) => {
            let failed = response.headers().contains_key("x-amz-function-error")
                || !response.status().is_success();
            let body = response.text().await.unwrap_or_default();
            if failed {
                eprintln!("bridge: the deletion sweep failed: {body}");
            } else {
                println!("deletion sweep: {body}");
            }
        }
        Err(err) => eprintln!("bridge: the deletion sweep was not sent: {err}"),
    }
}
