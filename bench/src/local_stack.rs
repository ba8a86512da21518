//! The local stack as a developer meets it: how long its pages take as what it holds grows.
//! Here the local mail page (`/_dev/mail`, served by scripts/dev-server.mjs from the
//! emulator's mail endpoint): 1,000 messages accepted by the emulator's SES, then the page's
//! answer time, and the emulator's own part of it (`/_local/mail`, one page).

use crate::{ms, BoxError};
use integration_tests::Stack;
use shared::email::Email;
use std::process::Stdio;
use std::time::{Duration, Instant};

const MESSAGES: usize = 1_000;
const SAMPLES: usize = 50;

/// Sends `MESSAGES` emails through the stack's SES (moto), then times the mail page.
pub async fn mail_page(stack: &Stack) -> Result<(), BoxError> {
    for n in 0..MESSAGES {
        let email = Email {
            to: format!("reader{n}@client.example"),
            subject: format!("Message {n}"),
            body: format!("Hello,\n\nmessage {n} of the mail page's bench.\n"),
        };
        stack.app.mailer.send(email).await?;
    }
    let endpoint = integration_tests::endpoint();
    let http = reqwest::Client::new();
    let emulator = time(&http, &format!("{endpoint}/_local/mail?limit=20")).await?;
    let server = DevServer::start(&endpoint).await?;
    let page = time(&http, &format!("{}/_dev/mail", server.url)).await?;
    let last = time(&http, &format!("{}/_dev/mail?page=49", server.url)).await?;
    println!("## The local mail page\n");
    println!(
        "{MESSAGES} messages accepted by the emulator's SES; each row {SAMPLES} requests, one at a time.\n"
    );
    println!("| request | p50 | p99 |\n|---|---|---|");
    for (what, samples) in [
        ("`/_dev/mail` (newest 20)", &page),
        ("`/_dev/mail?page=49` (the oldest 20)", &last),
        ("the emulator's `/_local/mail?limit=20`", &emulator),
    ] {
        println!(
            "| {what} | {:.1} ms | {:.1} ms |",
            ms(percentile(samples, 50)),
            ms(percentile(samples, 99))
        );
    }
    println!();
    Ok(())
}

async fn time(http: &reqwest::Client, url: &str) -> Result<Vec<Duration>, BoxError> {
    let mut samples = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let started = Instant::now();
        let answer = http.get(url).send().await?;
        if !answer.status().is_success() {
            return Err(format!("{url}: {}", answer.status()).into());
        }
        answer.bytes().await?;
        samples.push(started.elapsed());
    }
    samples.sort();
    Ok(samples)
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let index = (sorted.len().saturating_sub(1) * p) / 100;
    sorted.get(index).copied().unwrap_or_default()
}

/// scripts/dev-server.mjs on a free port, stopped when dropped.
struct DevServer {
    child: tokio::process::Child,
    url: String,
}

impl DevServer {
    async fn start(emulator: &str) -> Result<Self, BoxError> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let child = tokio::process::Command::new("node")
            .arg(format!("{root}/scripts/dev-server.mjs"))
            .env("DEV_PORT", port.to_string())
            .env("AWS_ENDPOINT_URL", emulator)
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if reqwest::get(format!("{url}/_dev/mail?page=0"))
                .await
                .is_ok()
            {
                return Ok(Self { child, url });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("the dev server did not start".into())
    }
}

impl Drop for DevServer {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}
