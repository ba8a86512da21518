//! Release binaries run as processes against the bench's own Lambda Runtime API
//! (`runtime_api`), as Lambda runs them: AWS reached over TLS (`tls`), under the CPU share of a
//! memory size (`quota`), with the environment Lambda gives and nothing of the bench's. Init,
//! first and warm latency, peak RSS and size, and each function's init steps: the "Functions"
//! tables here; the harness is shared with `slimming` and `cold_path`.

use crate::quota::Quota;
use crate::runtime_api::{Answer, RuntimeApi};
use crate::seeding::Scenario;
use crate::tls::{Meter, Reading};
use crate::{mib, ms, BoxError};
use integration_tests::{Caller, Stack, LOCAL_SECRET};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::io::AsyncBufReadExt;

/// Warm invocations after the first of each start (200 before the bench ran at five sizes).
/// Fewer, chosen when moto copied the whole table in every transaction (a size's warm runs
/// then cost quadratically in their number); kept so runs compare. p99 of 100 is the second
/// slowest.
pub const WARM_INVOCATIONS: usize = 100;
/// Each binary is started this many times, in turns with the others so that drift in the
/// machine touches them all alike; tables show medians.
pub const STARTS: usize = 5;
/// Stderr lines kept per start: enough for the timings line and a few warnings.
const STDERR_LINES: usize = 200;
/// Longest wait for a start or an answer; a hung function fails the bench instead of stalling it.
const PATIENCE: Duration = Duration::from_secs(120);

/// What every function process runs under: AWS behind TLS, and a memory size's CPU share.
pub struct Conditions<'a> {
    /// `AWS_ENDPOINT_URL`: the TLS proxy in front of moto.
    pub endpoint: &'a str,
    /// `AWS_CA_BUNDLE`: the run's throwaway CA; none when `BENCH_TLS=0` (plain HTTP).
    pub ca_bundle: Option<&'a Path>,
    /// moto's time, metered by the proxy.
    pub meter: &'a Meter,
    pub quota: &'a Quota,
}

impl Conditions<'_> {
    /// How the functions reach AWS, for the headings.
    pub fn transport(&self) -> &'static str {
        if self.ca_bundle.is_some() {
            "over TLS"
        } else {
            "over plain HTTP (BENCH_TLS=0)"
        }
    }
}

/// How many starts and warm invocations each binary gets at each size.
#[derive(Clone, Copy)]
pub struct Plan {
    pub starts: usize,
    pub warm: usize,
}

impl Plan {
    /// `STARTS` and `WARM_INVOCATIONS` at every size; `BENCH_STARTS` and `BENCH_WARM` override
    /// them for a quick try.
    pub fn from_env() -> Self {
        let knob = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|n| *n > 0)
        };
        Self {
            starts: knob("BENCH_STARTS").unwrap_or(STARTS),
            warm: knob("BENCH_WARM").unwrap_or(WARM_INVOCATIONS),
        }
    }
}

/// Which functions the Functions tables run: `BENCH_FUNCTIONS=list-shares,presign-download`
/// names them (the floor always runs, as every ratio is to it); every function without it.
pub struct Chosen(Option<Vec<String>>);

impl Chosen {
    pub fn from_env() -> Self {
        Self(std::env::var("BENCH_FUNCTIONS").ok().map(|list| {
            list.split(',')
                .map(|name| name.trim().to_string())
                .collect()
        }))
    }

    fn includes(&self, name: &str) -> bool {
        name == "hello-floor"
            || self
                .0
                .as_ref()
                .is_none_or(|names| names.iter().any(|n| n == name))
    }
}

/// One row of a Functions table: what was run and its medians.
pub struct Row {
    pub name: &'static str,
    pub figures: ProcessFigures,
}

/// Prints the "Functions" table of one memory size: every function in `bin_dir` and the
/// hello-world floor, each given a realistic event on the matter `s`, with ratios to the
/// floor; then each function's init steps. Returns the rows, for the tables across sizes.
pub async fn functions(
    stack: &Stack,
    s: &Scenario,
    bin_dir: &Path,
    conditions: &Conditions<'_>,
    plan: Plan,
    chosen: &Chosen,
) -> Result<Vec<Row>, BoxError> {
    let quota = conditions.quota;
    println!(
        "\n## Functions at {} {} (release binaries through a local Lambda Runtime API)\n",
        quota.label(),
        conditions.transport()
    );
    let staff = stack.staff_token();
    let document = &s.documents[0];
    let env = function_env(stack, conditions);
    let job = |name: &'static str, label: &'static str, event: String| Job {
        binary: bin_dir.join(name),
        name,
        label,
        env: env.clone(),
        event,
    };
    let mut jobs = vec![
        job(
            "hello-floor",
            "",
            api_event("GET", "/hello", Some(staff), None),
        ),
        job(
            "grant-access",
            "GET matter",
            api_event("GET", &format!("/matters/{}", s.matter), Some(staff), None),
        ),
        job(
            "list-shares",
            "portal list",
            api_event("GET", "/portal/documents", Some(&s.session), None),
        ),
        job("presign-download", "view link", view_link_event(s)),
        job(
            "share-documents",
            "repeat share",
            api_event(
                "POST",
                &s.sharing_path(),
                Some(staff),
                Some(json!({"documentIds": s.documents[..10].to_vec(), "contactIds": [s.contact]})),
            ),
        ),
        job(
            "presign-upload",
            "firm document",
            api_event(
                "POST",
                &format!("/matters/{}/documents", s.matter),
                Some(staff),
                Some(json!({"fileName": "a.pdf", "contentType": "application/pdf", "size": 1000,
                    "checksumSha256": shared::checksum::sha256_base64(&[0; 1000])})),
            ),
        ),
        job(
            "stop-share",
            "absent share, 404",
            api_event(
                "DELETE",
                &format!("{}/{document}/nobody", s.sharing_path()),
                Some(staff),
                None,
            ),
        ),
        job(
            "attach-upload",
            "repeat event",
            json!({"Records": [{"eventName": "ObjectCreated:Put", "s3": {"object": {"key": shared::records::upload::object_key(&s.matter, document)}}}]}).to_string(),
        ),
        job(
            "list-events",
            "matter's events",
            api_event(
                "GET",
                &format!("/matters/{}/events", s.matter),
                Some(staff),
                None,
            ),
        ),
    ];
    // Its event needs a share made through the API: made only when the function runs.
    if chosen.includes("file-notifications") {
        jobs.push(job(
            "file-notifications",
            "share event, replayed",
            share_event_record(stack, s).await?,
        ));
    }
    jobs.push(job(
        "send-digests",
        "repeat wake-up",
        digest_wake_up(stack, s),
    ));
    jobs.retain(|j| chosen.includes(j.name));
    let figures = in_rounds(&jobs, conditions, plan).await?;
    let floor = &figures[0];
    println!("| function | init | init CPU | first invoke | warm p50 | warm p99 | moto in init / first / warm p50 | peak RSS | stripped size | status |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (job, f) in jobs.iter().zip(&figures) {
        println!(
            "| {} | {:.1} ms{} | {:.1} ms | {:.2} ms{} | {:.2} ms{} | {:.2} ms{} | {} | {:.1} MiB{} | {:.1} MiB{} | {} |",
            job.title(),
            ms(f.init), ratio(ms(f.init), ms(floor.init)),
            ms(f.init_cpu),
            ms(f.first), ratio(ms(f.first), ms(floor.first)),
            ms(f.p50), ratio(ms(f.p50), ms(floor.p50)),
            ms(f.p99), ratio(ms(f.p99), ms(floor.p99)),
            f.moto_cell(),
            f.peak_mib(), ratio(f.peak_kib as f64, floor.peak_kib as f64),
            f.size_mib(), ratio(f.size as f64, floor.size as f64),
            f.status,
        );
    }
    println!(
        "\n(each binary started {} times, in turns, medians shown; {} warm invocations after the first of each start; init is from spawning the process until its runtime client first asks for an event, init CPU the CPU time its live threads used by then; latency is from handing the event to the runtime client until its response arrives, the first one including any connection and TLS handshake the init did not make; moto's part is what the proxy metered in moto meanwhile, with its number of AWS calls; ratios are to hello-floor under the same quota{})",
        plan.starts,
        plan.warm,
        quota
            .throttling()
            .map(|t| format!("; this size's cgroup so far: {t}"))
            .unwrap_or_default()
    );
    let rows: Vec<Row> = jobs
        .iter()
        .zip(figures)
        .map(|(job, figures)| Row {
            name: job.name,
            figures,
        })
        .collect();
    print_init_steps(quota, &rows);
    print_stderr_notes(&rows);
    Ok(rows)
}

/// `a / b` as ` (2.0×)`, or nothing without a floor.
pub fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 {
        format!(" ({:.1}×)", a / b)
    } else {
        String::new()
    }
}

/// Each function's `portal-init` steps (medians over its starts) against its measured init;
/// what the steps leave out is process start, the runtime and the first poll.
fn print_init_steps(quota: &Quota, rows: &[Row]) {
    let mut names: Vec<&str> = Vec::new();
    for row in rows {
        for (name, _) in &row.figures.init_steps {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    println!("\n### Init steps at {} MB (ms, medians)\n", quota.mb);
    if names.is_empty() {
        println!("(no function printed a `portal-init` line on stderr with PORTAL_INIT_TIMINGS=1: these builds do not time their init steps)");
        return;
    }
    println!(
        "| function | {} | steps | init | outside the steps |",
        names.join(" | ")
    );
    println!("|---|{}---|---|---|", "---|".repeat(names.len()));
    for row in rows.iter().filter(|r| !r.figures.init_steps.is_empty()) {
        let steps = &row.figures.init_steps;
        let cells: Vec<String> = names
            .iter()
            .map(|name| {
                steps
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or("—".to_string(), |(_, v)| format!("{v:.2}"))
            })
            .collect();
        let sum: f64 = steps.iter().map(|(_, v)| v).sum();
        let init = ms(row.figures.init);
        println!(
            "| {} | {} | {sum:.2} | {init:.1} | {:.1} |",
            row.name,
            cells.join(" | "),
            init - sum
        );
    }
}

/// The first line each function wrote to stderr other than its timings, if any: how a
/// failure (a refused certificate, say) shows itself.
fn print_stderr_notes(rows: &[Row]) {
    let notes: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            r.figures
                .stderr_note
                .as_ref()
                .map(|n| format!("- {}: `{n}`", r.name))
        })
        .collect();
    if !notes.is_empty() {
        println!("\nstderr (the first other line of the last start) or why a start failed:\n");
        println!("{}", notes.join("\n"));
    }
}

/// presign-download's event: a view link to the first document, for the contact's session.
pub fn view_link_event(s: &Scenario) -> String {
    api_event(
        "POST",
        &format!("/portal/documents/{}/links", s.documents[0]),
        Some(&s.session),
        Some(json!({"disposition": "view"})),
    )
}

/// An API Gateway v2 event, as the HttpApi sends it (no query string), with a bearer token
/// unless the route is public.
pub fn api_event(method: &str, path: &str, bearer: Option<&str>, body: Option<Value>) -> String {
    let mut headers = json!({"content-type": "application/json"});
    if let Some(bearer) = bearer {
        headers["authorization"] = json!(format!("Bearer {bearer}"));
    }
    json!({
        "version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012", "apiId": "bench", "domainName": "bench.local", "domainPrefix": "bench",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "bench"},
            "requestId": "bench", "routeKey": "$default", "stage": "$default",
            "time": "22/Nov/2026:10:00:00 +0000", "timeEpoch": 0
        },
        "body": body.map(|b| b.to_string()), "isBase64Encoded": false
    })
    .to_string()
}

/// What Lambda gives each function (the template's settings and the runtime's own
/// variables), pointed at the emulator through TLS. Nothing else: the bench's environment
/// (its own CA settings, HOME) is not passed on.
pub fn function_env(stack: &Stack, conditions: &Conditions<'_>) -> Vec<(&'static str, String)> {
    let config = &stack.app.config;
    let mut env = vec![
        ("TABLE_NAME", config.table_name.clone()),
        ("BUCKET_NAME", config.bucket_name.clone()),
        ("SENDER_EMAIL", config.sender_email.clone()),
        ("FIRM_NAME", config.firm_name.clone()),
        ("PORTAL_URL", config.portal_url.clone()),
        ("PORTAL_LOCAL_JWT_SECRET", LOCAL_SECRET.to_string()),
        ("DIGEST_QUEUE_URL", stack.digest_queue_url.clone()),
        ("AWS_ENDPOINT_URL", conditions.endpoint.to_string()),
        ("PORTAL_INIT_TIMINGS", "1".into()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_SESSION_TOKEN", "test".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_DEFAULT_REGION", "us-east-1".into()),
        (
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            conditions.quota.mb.to_string(),
        ),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand".into()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", "bench".into()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "bench".into()),
        ("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin".into()),
        ("LANG", "en_US.UTF-8".into()),
        ("TZ", ":UTC".into()),
        ("RUST_LOG", "warn".into()),
    ];
    if let Some(bundle) = conditions.ca_bundle {
        env.push(("AWS_CA_BUNDLE", bundle.to_string_lossy().into_owned()));
    }
    env
}

/// A share's event as the table's stream hands it to `file-notifications`: the first
/// delivery files it into a digest window, every later one is a replay that files nothing.
/// The seeding writes its shares directly, without events, so one share is made through the
/// API: the last document (not among the ten everyone has) with the second contact.
async fn share_event_record(stack: &Stack, s: &Scenario) -> Result<String, BoxError> {
    let document = s
        .documents
        .last()
        .ok_or("the seeded matter has no documents")?;
    let contact = s
        .others
        .first()
        .ok_or("the seeded matter has one contact")?;
    let (status, answer) = stack
        .call(
            "POST",
            &s.sharing_path(),
            Caller::Staff,
            Some(json!({"documentIds": [document], "contactIds": [contact]})),
        )
        .await;
    if status != 200 && status != 201 {
        return Err(format!("sharing for the stream record: {status} {answer}").into());
    }
    while let Some(batch) = stack.take_stream_batch().await {
        let share = batch["Records"].as_array().into_iter().flatten().find(|r| {
            r["eventName"] == "INSERT" && r["dynamodb"]["NewImage"]["type"]["S"] == "documentShared"
        });
        if let Some(record) = share {
            return Ok(json!({ "Records": [record] }).to_string());
        }
    }
    Err("the seeded matter's stream holds no share event".into())
}

/// A digest queue message waking a window of one of the matter's contacts, as the queue's
/// event source mapping hands it to `send-digests`: the window has nothing in it, so the
/// first wake-up marks it sent and every later one finds it sent.
fn digest_wake_up(stack: &Stack, s: &Scenario) -> String {
    let wake = json!({"recipient": s.other_emails[0], "windowId": shared::records::new_id()});
    let message = aws_sdk_sqs::types::Message::builder()
        .message_id("bench-wake-up")
        .receipt_handle("bench")
        .body(wake.to_string())
        .build();
    integration_tests::bridge::sqs_event(&stack.digest_queue_url, &[message]).to_string()
}

/// One binary to start, with its environment and the event it is given.
pub struct Job {
    pub binary: PathBuf,
    /// `AWS_LAMBDA_FUNCTION_NAME`.
    pub name: &'static str,
    /// What the event asks, e.g. `portal list`; empty for the floor.
    pub label: &'static str,
    pub env: Vec<(&'static str, String)>,
    pub event: String,
}

impl Job {
    /// E.g. `list-shares (portal list)`.
    pub fn title(&self) -> String {
        if self.label.is_empty() {
            self.name.to_string()
        } else {
            format!("{} ({})", self.name, self.label)
        }
    }
}

/// The figures of one start, or the medians of several.
pub struct ProcessFigures {
    pub init: Duration,
    /// moto's part of the init (the warm-up call), of the first invoke, and of the median warm one.
    pub init_moto: Reading,
    pub first_moto: Reading,
    pub warm_moto: Duration,
    /// CPU time of the process's live threads at its first poll.
    pub init_cpu: Duration,
    pub first: Duration,
    pub p50: Duration,
    pub p99: Duration,
    pub peak_kib: u64,
    pub size: u64,
    /// Each answer's status code and how often it came, e.g. `200×201`.
    pub status: String,
    /// The `portal-init` steps in the order printed, in milliseconds; empty without the line.
    pub init_steps: Vec<(String, f64)>,
    /// The first other line on stderr.
    pub stderr_note: Option<String>,
}

impl ProcessFigures {
    /// A row for a binary none of whose starts succeeded.
    fn failed() -> Self {
        Self {
            init: Duration::ZERO,
            init_moto: Reading::default(),
            first_moto: Reading::default(),
            warm_moto: Duration::ZERO,
            init_cpu: Duration::ZERO,
            first: Duration::ZERO,
            p50: Duration::ZERO,
            p99: Duration::ZERO,
            peak_kib: 0,
            size: 0,
            status: String::new(),
            init_steps: Vec::new(),
            stderr_note: None,
        }
    }

    pub fn peak_mib(&self) -> f64 {
        self.peak_kib as f64 / 1024.0
    }

    pub fn size_mib(&self) -> f64 {
        mib(self.size)
    }

    /// What a request that finds no warm process waits for: init and the first invoke.
    pub fn cold(&self) -> Duration {
        self.init + self.first
    }

    /// moto's time in the cold request.
    pub fn cold_moto(&self) -> Duration {
        self.init_moto.time + self.first_moto.time
    }

    /// E.g. `3.1 / 62.0 (3 calls) / 58.0 ms`.
    fn moto_cell(&self) -> String {
        format!(
            "{:.1} / {:.1} ({} calls) / {:.1} ms",
            ms(self.init_moto.time),
            ms(self.first_moto.time),
            self.first_moto.requests,
            ms(self.warm_moto)
        )
    }
}

/// Starts every job `plan.starts` times, one after another in turns, and keeps each job's
/// medians.
pub async fn in_rounds(
    jobs: &[Job],
    conditions: &Conditions<'_>,
    plan: Plan,
) -> Result<Vec<ProcessFigures>, BoxError> {
    let quota = conditions.quota;
    let mut runs: Vec<Vec<ProcessFigures>> = jobs.iter().map(|_| Vec::new()).collect();
    let mut failed: Vec<Vec<String>> = jobs.iter().map(|_| Vec::new()).collect();
    for round in 0..plan.starts {
        eprintln!(
            "  {} MB: round {}/{} of {} binaries",
            quota.mb,
            round + 1,
            plan.starts,
            jobs.len()
        );
        for ((job, runs), failed) in jobs.iter().zip(runs.iter_mut()).zip(failed.iter_mut()) {
            // A start that fails (a hung emulator, say) is reported, not fatal, unless it
            // keeps happening.
            match run_process(job, conditions, plan.warm).await {
                Ok(figures) => runs.push(figures),
                Err(err) if failed.len() + 1 < MAX_FAILED_STARTS => {
                    eprintln!("  {} MB: a start of {} failed: {err}", quota.mb, job.name);
                    failed.push(err.to_string());
                }
                Err(err) => return Err(err),
            }
        }
    }
    Ok(runs
        .into_iter()
        .zip(failed)
        .map(|(runs, failed)| {
            let mut figures = if runs.is_empty() {
                ProcessFigures::failed()
            } else {
                medians(runs)
            };
            if let Some(first) = failed.first() {
                figures.status = format!("{} failed×{}", figures.status, failed.len());
                figures.stderr_note = Some(first.chars().take(400).collect());
            }
            figures
        })
        .collect())
}

/// Failed starts of one binary at one size after which the bench gives up.
const MAX_FAILED_STARTS: usize = 3;

fn medians(mut runs: Vec<ProcessFigures>) -> ProcessFigures {
    fn middle<T: Copy + Ord>(runs: &[ProcessFigures], f: impl Fn(&ProcessFigures) -> T) -> T {
        let mut values: Vec<T> = runs.iter().map(f).collect();
        values.sort();
        values[values.len() / 2]
    }
    // Each step's median over the starts that reported it, in the order they print.
    let mut init_steps: Vec<(String, f64)> = Vec::new();
    for (name, _) in runs.iter().flat_map(|r| &r.init_steps) {
        if init_steps.iter().any(|(n, _)| n == name) {
            continue;
        }
        let mut values: Vec<f64> = runs
            .iter()
            .filter_map(|r| r.init_steps.iter().find(|(n, _)| n == name).map(|s| s.1))
            .collect();
        values.sort_by(f64::total_cmp);
        init_steps.push((name.clone(), values[values.len() / 2]));
    }
    let last = runs.len() - 1;
    let moto = |f: fn(&ProcessFigures) -> Reading| {
        let mut values: Vec<Reading> = runs.iter().map(f).collect();
        values.sort_by_key(|r| r.time);
        values[values.len() / 2]
    };
    ProcessFigures {
        init: middle(&runs, |f| f.init),
        init_moto: moto(|f| f.init_moto),
        first_moto: moto(|f| f.first_moto),
        warm_moto: middle(&runs, |f| f.warm_moto),
        init_cpu: middle(&runs, |f| f.init_cpu),
        first: middle(&runs, |f| f.first),
        p50: middle(&runs, |f| f.p50),
        p99: middle(&runs, |f| f.p99),
        peak_kib: middle(&runs, |f| f.peak_kib),
        size: runs[0].size,
        status: std::mem::take(&mut runs[0].status),
        init_steps,
        stderr_note: runs[last].stderr_note.take(),
    }
}

/// Starts `job` once: init until its first poll, then one first and `warm` warm invocations,
/// then its peak RSS.
async fn run_process(
    job: &Job,
    conditions: &Conditions<'_>,
    warm: usize,
) -> Result<ProcessFigures, BoxError> {
    let size = binary_size(&job.binary)?;
    let mut process = Started::start(job, conditions).await?;
    let mut latencies = Vec::with_capacity(warm + 1);
    let mut motos = Vec::with_capacity(warm + 1);
    let mut statuses = BTreeMap::<String, usize>::new();
    for _ in 0..=warm {
        let invoked = process.invoke(job.event.clone()).await?;
        latencies.push(invoked.latency);
        motos.push(invoked.moto);
        *statuses.entry(status_of(&invoked.answer)).or_default() += 1;
    }
    let (init, init_cpu, init_moto) = (process.init, process.init_cpu, process.init_moto);
    let ended = process.stop().await;
    let first = latencies[0];
    let mut warm: Vec<Duration> = latencies[1..].to_vec();
    warm.sort();
    let at = |p: usize| {
        warm.get((warm.len() * p / 100).min(warm.len().saturating_sub(1)))
            .copied()
            .unwrap_or(first)
    };
    let mut warm_moto: Vec<Duration> = motos[1..].iter().map(|r| r.time).collect();
    warm_moto.sort();
    Ok(ProcessFigures {
        init,
        init_moto,
        first_moto: motos[0],
        warm_moto: warm_moto
            .get(warm_moto.len() / 2)
            .copied()
            .unwrap_or_default(),
        init_cpu,
        first,
        p50: at(50),
        p99: at(99),
        peak_kib: ended.peak_kib,
        size,
        status: statuses
            .iter()
            .map(|(s, n)| format!("{s}×{n}"))
            .collect::<Vec<_>>()
            .join(" "),
        init_steps: init_steps(&ended.stderr),
        stderr_note: ended
            .stderr
            .iter()
            .find(|l| !l.contains("portal-init") && !l.trim().is_empty())
            .map(|l| l.chars().take(400).collect()),
    })
}

pub fn binary_size(binary: &Path) -> Result<u64, BoxError> {
    Ok(std::fs::metadata(binary)
        .map_err(|e| {
            format!(
                "{}: {e} (run `make bench`, which builds release binaries)",
                binary.display()
            )
        })?
        .len())
}

/// An answer's status code; `error` for an invocation error; for a batch answer (stream or
/// queue), `ok` when every record succeeded and `failed items` when the function handed
/// some back for a retry, which is a failure the bench must show, not hide as `ok`.
pub fn status_of(answer: &Answer) -> String {
    if answer.error {
        return "error".to_string();
    }
    let Ok(body) = serde_json::from_str::<Value>(&answer.body) else {
        return "ok".to_string();
    };
    if let Some(code) = body.get("statusCode") {
        return code.to_string();
    }
    let handed_back = body
        .get("batchItemFailures")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if handed_back > 0 {
        "failed items".to_string()
    } else {
        "ok".to_string()
    }
}

/// The `step=ms` pairs of the `portal-init` line, in order; empty without one.
fn init_steps(stderr: &[String]) -> Vec<(String, f64)> {
    let Some(line) = stderr.iter().find_map(|l| {
        l.find("portal-init ")
            .map(|at| &l[at + "portal-init ".len()..])
    }) else {
        return Vec::new();
    };
    line.split_whitespace()
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            let value = value.trim_end_matches("ms").parse::<f64>().ok()?;
            Some((name.to_string(), value))
        })
        .collect()
}

/// A function process past its init, waiting for events.
pub struct Started<'a> {
    api: RuntimeApi,
    child: tokio::process::Child,
    stderr: Option<tokio::task::JoinHandle<Vec<String>>>,
    meter: &'a Meter,
    name: &'static str,
    pub init: Duration,
    pub init_cpu: Duration,
    /// moto's part of the init.
    pub init_moto: Reading,
}

/// One invocation: the answer, how long it took, and moto's part.
pub struct Invoked {
    pub answer: Answer,
    pub latency: Duration,
    pub moto: Reading,
}

/// What a stopped process left: its peak RSS and what it wrote to stderr.
pub struct Ended {
    pub peak_kib: u64,
    pub stderr: Vec<String>,
}

impl<'a> Started<'a> {
    /// Spawns `job` in the quota's cgroup with only its own environment and waits for its
    /// first poll; a process that exits first fails with what it wrote to stderr.
    pub async fn start(job: &Job, conditions: &Conditions<'a>) -> Result<Self, BoxError> {
        let meter = conditions.meter;
        let mut api = RuntimeApi::start().await?;
        let mut command = tokio::process::Command::new(&job.binary);
        command
            .env_clear()
            .envs(job.env.iter().map(|(k, v)| (*k, v.as_str())))
            .env("AWS_LAMBDA_RUNTIME_API", &api.address)
            .env("AWS_LAMBDA_FUNCTION_NAME", job.name)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true);
        conditions.quota.apply(&mut command)?;
        let before = meter.read();
        let started = Instant::now();
        let mut child = command
            .spawn()
            .map_err(|e| format!("{}: {e}", job.binary.display()))?;
        let stderr = child.stderr.take().map(|pipe| {
            tokio::spawn(async move {
                let mut lines = tokio::io::BufReader::new(pipe).lines();
                let mut kept = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if kept.len() < STDERR_LINES {
                        kept.push(line);
                    }
                }
                kept
            })
        });
        let polled = tokio::select! {
            polled = tokio::time::timeout(PATIENCE, api.first_poll()) => polled.ok().flatten(),
            status = child.wait() => {
                let lines = match stderr {
                    Some(task) => task.await.unwrap_or_default(),
                    None => Vec::new(),
                };
                return Err(format!(
                    "{} exited during init ({}): {}",
                    job.name,
                    status.map_or_else(|e| e.to_string(), |s| s.to_string()),
                    lines.join(" / ")
                )
                .into());
            }
        };
        let polled = polled.ok_or_else(|| {
            format!(
                "{} did not finish its init within {} s ({})",
                job.name,
                PATIENCE.as_secs(),
                meter.in_flight()
            )
        })?;
        let init_moto = meter.read() - before;
        let init_cpu = child.id().map(cpu_time).unwrap_or_default();
        conditions.quota.after_init(child.id())?;
        Ok(Self {
            api,
            child,
            stderr,
            meter,
            name: job.name,
            init: polled - started,
            init_cpu,
            init_moto,
        })
    }

    /// Hands `event` to the function: its answer, or why none came.
    pub async fn invoke(&mut self, event: String) -> Result<Invoked, BoxError> {
        let before = self.meter.read();
        let sent = Instant::now();
        tokio::select! {
            answer = tokio::time::timeout(PATIENCE, self.api.invoke(event)) => {
                let answer = answer.ok().flatten().ok_or_else(|| {
                    format!(
                        "{} gave no answer within {} s ({})",
                        self.name,
                        PATIENCE.as_secs(),
                        self.meter.in_flight()
                    )
                })?;
                Ok(Invoked {
                    latency: answer.at - sent,
                    moto: self.meter.read() - before,
                    answer,
                })
            }
            status = self.child.wait() => Err(format!(
                "{} exited mid-invocation ({})",
                self.name,
                status.map_or_else(|e| e.to_string(), |s| s.to_string())
            )
            .into()),
        }
    }

    /// Reads the peak RSS, kills the process and collects its stderr.
    pub async fn stop(mut self) -> Ended {
        let peak_kib = self
            .child
            .id()
            .and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0);
        // Killed and reaped, so that its cgroup is empty again.
        let _ = self.child.kill().await;
        let stderr = match self.stderr.take() {
            Some(task) => task.await.unwrap_or_default(),
            None => Vec::new(),
        };
        Ended { peak_kib, stderr }
    }
}

/// The CPU time of `pid`'s live threads (schedstat, in nanoseconds).
fn cpu_time(pid: u32) -> Duration {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Duration::ZERO;
    };
    let nanos: u64 = tasks
        .filter_map(|t| t.ok())
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(nanos)
}

/// The tables across sizes: each function's cold request (init + first invoke) and its warm
/// p50 at every size, with ratios to the floor at the same size; what choosing a memory size
/// trades.
pub fn print_by_size(results: &[(u32, Vec<Row>)]) {
    let Some((_, first)) = results.first() else {
        return;
    };
    let heading: Vec<String> = results.iter().map(|(mb, _)| format!("{mb} MB")).collect();
    let table = |title: &str, cell: &dyn Fn(&ProcessFigures, &ProcessFigures) -> String| {
        println!("\n## {title}\n");
        println!("| function | {} |", heading.join(" | "));
        println!("|---|{}", "---|".repeat(results.len()));
        for (i, row) in first.iter().enumerate() {
            let cells: Vec<String> = results
                .iter()
                .map(|(_, rows)| match (rows.get(i), rows.first()) {
                    (Some(r), Some(floor)) => cell(&r.figures, &floor.figures),
                    _ => "—".into(),
                })
                .collect();
            println!("| {} | {} |", row.name, cells.join(" | "));
        }
    };
    table(
        "A cold request by memory size (init + first invoke, medians; ratio to hello-floor at that size; moto's part of the sum)",
        &|f, floor| {
            format!(
                "{:.0} + {:.0} = {:.0} ms{}; moto {:.0}",
                ms(f.init),
                ms(f.first),
                ms(f.cold()),
                ratio(ms(f.cold()), ms(floor.cold())),
                ms(f.cold_moto())
            )
        },
    );
    table(
        "A warm request by memory size (p50 / p99; moto's part of the p50)",
        &|f, _| {
            format!(
                "{:.1} / {:.1} ms; moto {:.1}",
                ms(f.p50),
                ms(f.p99),
                ms(f.warm_moto)
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &str, error: bool) -> Answer {
        Answer {
            body: body.to_string(),
            error,
            at: std::time::Instant::now(),
        }
    }

    #[test]
    fn the_chosen_functions_run_with_the_floor_and_without_a_choice_all_run() {
        let chosen = Chosen(Some(vec!["list-events".into(), "send-digests".into()]));
        assert!(chosen.includes("list-events") && chosen.includes("send-digests"));
        assert!(
            chosen.includes("hello-floor"),
            "every ratio is to the floor"
        );
        assert!(!chosen.includes("file-notifications"));
        assert!(Chosen(None).includes("file-notifications"));
    }

    #[test]
    fn a_status_names_the_http_code_an_error_or_records_handed_back() {
        assert_eq!(
            status_of(&answer(r#"{"statusCode":201,"body":"{}"}"#, false)),
            "201"
        );
        assert_eq!(status_of(&answer(r#"{"errorType":"x"}"#, true)), "error");
        assert_eq!(
            status_of(&answer(r#"{"batchItemFailures":[]}"#, false)),
            "ok"
        );
        assert_eq!(
            status_of(&answer(
                r#"{"batchItemFailures":[{"itemIdentifier":"1"}]}"#,
                false
            )),
            "failed items"
        );
        assert_eq!(status_of(&answer("null", false)), "ok");
    }

    #[test]
    fn the_timings_line_gives_each_step_in_order_and_other_lines_are_ignored() {
        let stderr = [
            "WARN something else".to_string(),
            "portal-init config=0.040 https_client=0.61 warm_up=14.2ms".to_string(),
        ];
        assert_eq!(
            init_steps(&stderr),
            vec![
                ("config".to_string(), 0.04),
                ("https_client".to_string(), 0.61),
                ("warm_up".to_string(), 14.2)
            ]
        );
        assert!(init_steps(&["no timings".to_string()]).is_empty());
    }
}
