//! The cold path of a client's first visit, as a quiet portal serves it: open a session with
//! the emailed invitation (grant-access), list the documents (list-shares), get a download
//! link (presign-download), each function a freshly started process under the size's quota and
//! over TLS. What the client waits for is the sum of each step's init and first invoke.

use crate::processes::{api_event, function_env, ratio, Conditions, Job, Started};
use crate::seeding::Scenario;
use crate::{ms, BoxError};
use integration_tests::Stack;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

/// Visits per size unless `BENCH_COLD_RUNS` says otherwise; medians are shown.
pub const RUNS: usize = 3;

/// The three requests, in the order a client makes them.
const STEPS: [(&str, &str); 3] = [
    ("grant-access", "open session"),
    ("list-shares", "list documents"),
    ("presign-download", "download link"),
];

/// One step of a visit: init, first invoke, and moto's part of both.
#[derive(Clone, Copy)]
struct Step {
    init: Duration,
    first: Duration,
    moto: Duration,
}

/// One size's visits: each step's medians and the median total, or why visits failed.
pub struct Summary {
    pub mb: u32,
    /// Per step: median init and median first invoke.
    pub steps: Vec<(Duration, Duration)>,
    pub total: Option<Duration>,
    /// moto's part of the total (median).
    pub moto: Option<Duration>,
    pub visits: usize,
    pub failures: Vec<String>,
    /// hello-floor's init + first invoke at this size, three times: the same visit if the
    /// functions cost nothing but the runtime.
    pub floor: Duration,
}

pub fn runs() -> usize {
    std::env::var("BENCH_COLD_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(RUNS)
}

/// `runs` first visits at this size, each by another seeded contact, sent a fresh invitation
/// just before.
pub async fn visits(
    stack: &Stack,
    s: &Scenario,
    bin_dir: &Path,
    conditions: &Conditions<'_>,
    floor_cold: Duration,
) -> Result<Summary, BoxError> {
    let runs = runs();
    let mut done: Vec<[Step; 3]> = Vec::new();
    let mut failures = Vec::new();
    for run in 0..runs {
        eprintln!(
            "  {} MB: cold path, visit {}/{runs}",
            conditions.quota.mb,
            run + 1
        );
        match visit(stack, s, bin_dir, conditions, run % s.others.len()).await {
            Ok(steps) => done.push(steps),
            Err(err) => failures.push(err.to_string()),
        }
    }
    let median = |mut values: Vec<Duration>| -> Option<Duration> {
        values.sort();
        values.get(values.len() / 2).copied()
    };
    let steps = (0..STEPS.len())
        .filter_map(|k| {
            Some((
                median(done.iter().map(|v| v[k].init).collect())?,
                median(done.iter().map(|v| v[k].first).collect())?,
            ))
        })
        .collect();
    let total = median(
        done.iter()
            .map(|v| v.iter().map(|s| s.init + s.first).sum())
            .collect(),
    );
    let moto = median(
        done.iter()
            .map(|v| v.iter().map(|s| s.moto).sum())
            .collect(),
    );
    Ok(Summary {
        mb: conditions.quota.mb,
        steps,
        total,
        moto,
        visits: done.len(),
        failures,
        floor: floor_cold * 3,
    })
}

/// One visit by the `i`th other contact: each step's init and first invoke.
async fn visit(
    stack: &Stack,
    s: &Scenario,
    bin_dir: &Path,
    conditions: &Conditions<'_>,
    i: usize,
) -> Result<[Step; 3], BoxError> {
    // A fresh single-use invitation, as the firm sends it; the test steps read it from the
    // emulator's captured mail.
    stack.resend_invitation(&s.matter, &s.others[i]).await;
    let token = stack.emailed_token(&s.other_emails[i]).await;
    let env = function_env(stack, conditions);
    let job = |k: usize, event: String| Job {
        binary: bin_dir.join(STEPS[k].0),
        name: STEPS[k].0,
        label: STEPS[k].1,
        env: env.clone(),
        event,
    };

    let open = job(
        0,
        api_event(
            "POST",
            "/portal/sessions",
            None,
            Some(json!({"invitation": token})),
        ),
    );
    let (opened, answer) = cold(&open, conditions).await?;
    // The session exactly as the portal got it: its format is not the bench's business.
    let session = answer["session"]
        .as_str()
        .ok_or_else(|| format!("POST /portal/sessions answered without a session: {answer}"))?
        .to_string();

    let list = job(
        1,
        api_event("GET", "/portal/documents", Some(&session), None),
    );
    let (listed, answer) = cold(&list, conditions).await?;
    // The document a client would click: the first one listed.
    let document = answer["items"]
        .get(0)
        .and_then(|d| d["documentId"].as_str())
        .ok_or_else(|| format!("GET /portal/documents listed no document: {answer}"))?
        .to_string();

    let link = job(
        2,
        api_event(
            "POST",
            &format!("/portal/documents/{document}/links"),
            Some(&session),
            Some(json!({"disposition": "download"})),
        ),
    );
    let (linked, answer) = cold(&link, conditions).await?;
    if answer["url"].as_str().is_none() {
        return Err(format!("the download link answer has no url: {answer}").into());
    }
    Ok([opened, listed, linked])
}

/// Starts `job` cold, hands it its one event and stops it: init, first invoke and the
/// answer's body, which must come with a 2xx status.
async fn cold(job: &Job, conditions: &Conditions<'_>) -> Result<(Step, Value), BoxError> {
    let mut process = Started::start(job, conditions).await?;
    let (init, init_moto) = (process.init, process.init_moto);
    let invoked = process.invoke(job.event.clone()).await;
    let ended = process.stop().await;
    let invoked = invoked?;
    let answer = invoked.answer;
    let step = Step {
        init,
        first: invoked.latency,
        moto: init_moto.time + invoked.moto.time,
    };
    let response: Value = serde_json::from_str(&answer.body)
        .map_err(|e| format!("{}: not an HTTP answer ({e}): {}", job.name, answer.body))?;
    let status = response["statusCode"].as_u64().unwrap_or(0);
    let body: Value = response["body"]
        .as_str()
        .and_then(|b| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    if answer.error || !(200..300).contains(&status) {
        let stderr = ended
            .stderr
            .iter()
            .filter(|l| !l.contains("portal-init"))
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(" / ");
        return Err(format!(
            "{} ({}) answered {}: {} {stderr}",
            job.name,
            job.label,
            if answer.error {
                "an error".to_string()
            } else {
                status.to_string()
            },
            response["body"].as_str().unwrap_or(&answer.body)
        )
        .into());
    }
    Ok((step, body))
}

/// The "Cold path" table: one row per size.
pub fn print(summaries: &[Summary], over_tls: bool) {
    let transport = if over_tls {
        "over TLS"
    } else {
        "over plain HTTP (BENCH_TLS=0)"
    };
    if summaries.is_empty() {
        return;
    }
    println!("\n## Cold path of a first visit (every function started cold, {transport})\n");
    let headings: Vec<String> = STEPS
        .iter()
        .map(|(function, step)| format!("{step} ({function}): init + first invoke"))
        .collect();
    println!(
        "| memory | {} | a client waits | of which moto | 3 cold hello-floors | visits |",
        headings.join(" | ")
    );
    println!("|---|{}---|---|---|---|", "---|".repeat(STEPS.len()));
    for summary in summaries {
        let cells: Vec<String> = (0..STEPS.len())
            .map(|k| {
                summary
                    .steps
                    .get(k)
                    .map_or("—".to_string(), |(init, first)| {
                        format!("{:.1} + {:.1} ms", ms(*init), ms(*first))
                    })
            })
            .collect();
        let total = summary.total.map_or("—".to_string(), |t| {
            format!("**{:.0} ms**{}", ms(t), ratio(ms(t), ms(summary.floor)))
        });
        let moto = summary
            .moto
            .map_or("—".to_string(), |m| format!("{:.0} ms", ms(m)));
        println!(
            "| {} MB | {} | {total} | {moto} | {:.0} ms | {}{} |",
            summary.mb,
            cells.join(" | "),
            ms(summary.floor),
            summary.visits,
            if summary.failures.is_empty() {
                String::new()
            } else {
                format!(" ({} failed)", summary.failures.len())
            }
        );
    }
    println!(
        "\n(medians of {} visits per size, each by another contact with a fresh invitation: POST /portal/sessions, GET /portal/documents with the session it returned, POST /portal/documents/{{first listed}}/links; each step's process is started when its request arrives and stopped after answering; a client waits for the sum, of which moto's part is the emulator's time, metered by the proxy (DynamoDB answers in milliseconds); the ratio is to three cold hello-floor requests at the same size)",
        runs()
    );
    let failures: Vec<String> = summaries
        .iter()
        .flat_map(|s| {
            s.failures
                .iter()
                .map(move |f| format!("- {} MB: {f}", s.mb))
        })
        .collect();
    if !failures.is_empty() {
        println!("\nFailed visits:\n\n{}", failures.join("\n"));
    }
}
