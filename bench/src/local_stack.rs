//! The local stack as a developer meets it: how long its pages take as what it holds grows.
//! The local mail page (`/_dev/mail`, served by scripts/dev-server.mjs from the emulator's
//! mail endpoint): 1,000 messages accepted by the emulator's SES, then the page's answer
//! time, and the emulator's own part of it (`/_local/mail`, one page). And the curve: a
//! contact's page of documents and a share of 10 documents with 5 contacts, through the real
//! handlers against the emulator as `make run` starts it, with the table at 1,000, 10,000 and
//! 100,000 items.

use crate::operations::request;
use crate::seeding::{seed_matter, write_filler};
use crate::{ms, BoxError};
use integration_tests::Stack;
use serde_json::{json, Value};
use shared::email::Email;
use shared::routes::dispatch;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Table sizes the curve is measured at.
const CURVE_SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// Requests per size: pages, and shares (each of 10 new documents with the same 5 contacts).
const PAGE_SAMPLES: usize = 20;
const SHARE_SAMPLES: usize = 5;

/// The curve's table: "| items | page p50 | page p99 | share p50 | share p99 |".
pub async fn curve(stack: &Stack) -> Result<(), BoxError> {
    // 50 contacts, every document shared with the first, ten with each other: ~1,000 items.
    let documents = 10 + CURVE_SIZES.len() * SHARE_SAMPLES * 10;
    let matter = seed_matter(stack, "curve", documents).await?;
    let mut written = 50 + documents * 2 + documents + 49 * 10;
    println!(
        "## The local stack as its table grows
"
    );
    println!(
        "A contact's first page of documents (`GET /portal/documents`, {PAGE_SAMPLES} times) and a share of 10 new documents with 5 contacts (`POST /matters/{{m}}/shares`, {SHARE_SAMPLES} times), through the functions' handlers against the emulator as `make run` starts it; the rest of the table is other matters' documents and events.\n"
    );
    println!("| items in the table | page p50 | page p99 | share p50 | share p99 |");
    println!("|---|---|---|---|---|");
    let mut next_document = 10;
    for size in CURVE_SIZES {
        if size > written {
            write_filler(stack, size - written).await?;
            written = size;
        }
        let mut pages = Vec::with_capacity(PAGE_SAMPLES);
        for _ in 0..PAGE_SAMPLES {
            let started = Instant::now();
            let answer = dispatch::list_shares(
                &stack.app,
                request("GET", "/portal/documents", &matter.session, None),
            )
            .await;
            pages.push(started.elapsed());
            if answer.status() != 200 {
                return Err(format!("page: {}", answer.status()).into());
            }
        }
        let mut shares = Vec::with_capacity(SHARE_SAMPLES);
        let contacts: Vec<&String> = matter.others.iter().take(5).collect();
        for _ in 0..SHARE_SAMPLES {
            let documents: Vec<&String> = matter.documents[next_document..next_document + 10]
                .iter()
                .collect();
            next_document += 10;
            let body = json!({"documentIds": documents, "contactIds": contacts});
            let started = Instant::now();
            let answer = dispatch::share_documents(
                &stack.app,
                request(
                    "POST",
                    &matter.sharing_path(),
                    stack.staff_token(),
                    Some(body),
                ),
            )
            .await;
            shares.push(started.elapsed());
            let created: Value =
                serde_json::from_slice(answer.body().as_ref()).unwrap_or(Value::Null);
            if created["created"] != 50 {
                return Err(format!("share: {} {created}", answer.status()).into());
            }
            // Each share wrote 50 shares, 50 events and the counts.
            written += 110;
        }
        pages.sort();
        shares.sort();
        println!(
            "| {size} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms |",
            ms(percentile(&pages, 50)),
            ms(percentile(&pages, 99)),
            ms(percentile(&shares, 50)),
            ms(percentile(&shares, 99)),
        );
    }
    println!();
    Ok(())
}

const MESSAGES: usize = 1_000;
const SAMPLES: usize = 50;

/// Sends `MESSAGES` emails through the stack's SES (moto), then times the mail page.
pub async fn mail_page(stack: &Stack) -> Result<(), BoxError> {
    for n in 0..MESSAGES {
        let email = Email {
            to: format!("reader{n}@client.example"),
            language: shared::locale::Language::En,
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
