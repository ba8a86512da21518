//! Release binaries run as processes against the bench's own Lambda Runtime API
//! (`runtime_api`): init, first and warm latency, peak RSS and size. The "Functions" table
//! here; the harness is shared with `slimming`.

use crate::runtime_api::RuntimeApi;
use crate::seeding::Scenario;
use crate::{mib, ms, BoxError};
use integration_tests::{Stack, LOCAL_SECRET};
use serde_json::{json, Value};
use shared::keys;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const WARM_INVOCATIONS: usize = 200;
/// Each binary is started this many times, in turns with the others so that drift in the
/// machine touches them all alike; tables show medians.
pub const STARTS: usize = 5;

/// Prints the "Functions" table: every function in `bin_dir` and the hello-world floor, each
/// given a realistic event on the matter `s`, with ratios to the floor.
pub async fn functions(stack: &Stack, s: &Scenario, bin_dir: &Path) -> Result<(), BoxError> {
    println!("\n## Functions (release binaries through a local Lambda Runtime API)\n");
    let staff = stack.staff_token();
    let document = &s.documents[0];
    let env = function_env(stack);
    let job = |name: &'static str, event: String| Job {
        binary: bin_dir.join(name),
        name,
        env: env.clone(),
        event,
    };
    let jobs = [
        job("hello-floor", api_event("GET", "/hello", staff, None)),
        job(
            "grant-access",
            api_event("GET", &format!("/matters/{}", s.matter), staff, None),
        ),
        job(
            "list-shares",
            api_event("GET", "/portal/documents", &s.session, None),
        ),
        job("presign-download", view_link_event(s)),
        job(
            "share-documents",
            api_event(
                "POST",
                &s.sharing_path(),
                staff,
                Some(json!({"documentIds": s.documents[..10].to_vec(), "contactIds": [s.contact]})),
            ),
        ),
        job(
            "presign-upload",
            api_event(
                "POST",
                &format!("/matters/{}/documents", s.matter),
                staff,
                Some(json!({"fileName": "a.pdf", "contentType": "application/pdf", "size": 1000})),
            ),
        ),
        job(
            "stop-share",
            api_event(
                "DELETE",
                &format!("{}/{document}/nobody", s.sharing_path()),
                staff,
                None,
            ),
        ),
        job(
            "attach-upload",
            json!({"Records": [{"eventName": "ObjectCreated:Put", "s3": {"object": {"key": keys::object_key(&s.matter, document)}}}]}).to_string(),
        ),
    ];
    let figures = in_rounds(&jobs).await?;
    let floor = &figures[0];
    let ratio = |a: f64, b: f64| {
        if b > 0.0 {
            format!(" ({:.1}×)", a / b)
        } else {
            String::new()
        }
    };
    println!("| function | init | first invoke | warm p50 | warm p99 | peak RSS | stripped size | status |");
    println!("|---|---|---|---|---|---|---|---|");
    for (job, f) in jobs.iter().zip(&figures) {
        println!(
            "| {} | {:.1} ms{} | {:.2} ms{} | {:.2} ms{} | {:.2} ms{} | {:.1} MiB{} | {:.1} MiB{} | {} |",
            job.name,
            ms(f.init), ratio(ms(f.init), ms(floor.init)),
            ms(f.first), ratio(ms(f.first), ms(floor.first)),
            ms(f.p50), ratio(ms(f.p50), ms(floor.p50)),
            ms(f.p99), ratio(ms(f.p99), ms(floor.p99)),
            f.peak_mib(), ratio(f.peak_kib as f64, floor.peak_kib as f64),
            f.size_mib(), ratio(f.size as f64, floor.size as f64),
            f.status,
        );
    }
    println!("\n(each binary started {STARTS} times, in turns, medians shown; {WARM_INVOCATIONS} warm invocations after the first of each start; latency is from handing the event to the runtime client until its response arrives; ratios are to hello-floor)");
    Ok(())
}

/// presign-download's event: a view link to the first document, for the contact's session.
pub fn view_link_event(s: &Scenario) -> String {
    api_event(
        "POST",
        &format!("/portal/documents/{}/links", s.documents[0]),
        &s.session,
        Some(json!({"disposition": "view"})),
    )
}

/// An API Gateway v2 event, as the HttpApi sends it (no query string).
fn api_event(method: &str, path: &str, bearer: &str, body: Option<Value>) -> String {
    json!({
        "version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": "",
        "headers": {"authorization": format!("Bearer {bearer}"), "content-type": "application/json"},
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

/// What the template gives each function, pointed at the emulator.
pub fn function_env(stack: &Stack) -> Vec<(&'static str, String)> {
    let config = &stack.app.config;
    vec![
        ("TABLE_NAME", config.table_name.clone()),
        ("BUCKET_NAME", config.bucket_name.clone()),
        ("SENDER_EMAIL", config.sender_email.clone()),
        ("FIRM_NAME", config.firm_name.clone()),
        ("PORTAL_URL", config.portal_url.clone()),
        ("PORTAL_LOCAL_JWT_SECRET", LOCAL_SECRET.to_string()),
        ("AWS_ENDPOINT_URL", integration_tests::endpoint()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128".into()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", "bench".into()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "bench".into()),
        ("RUST_LOG", "warn".into()),
    ]
}

/// One binary to start, with its environment and the event it is given.
pub struct Job {
    pub binary: PathBuf,
    /// `AWS_LAMBDA_FUNCTION_NAME`.
    pub name: &'static str,
    pub env: Vec<(&'static str, String)>,
    pub event: String,
}

/// The figures of one start, or the medians of several.
pub struct ProcessFigures {
    pub init: Duration,
    pub first: Duration,
    pub p50: Duration,
    pub p99: Duration,
    pub peak_kib: u64,
    pub size: u64,
    /// Each answer's status code and how often it came, e.g. `200×201`.
    pub status: String,
}

impl ProcessFigures {
    pub fn peak_mib(&self) -> f64 {
        self.peak_kib as f64 / 1024.0
    }

    pub fn size_mib(&self) -> f64 {
        mib(self.size)
    }
}

/// Starts every job `STARTS` times, one after another in turns, and keeps each job's medians.
pub async fn in_rounds(jobs: &[Job]) -> Result<Vec<ProcessFigures>, BoxError> {
    let mut runs: Vec<Vec<ProcessFigures>> = jobs.iter().map(|_| Vec::new()).collect();
    for _ in 0..STARTS {
        for (job, runs) in jobs.iter().zip(runs.iter_mut()) {
            runs.push(run_process(job).await?);
        }
    }
    Ok(runs.into_iter().map(medians).collect())
}

fn medians(mut runs: Vec<ProcessFigures>) -> ProcessFigures {
    fn middle<T: Copy + Ord>(runs: &[ProcessFigures], f: impl Fn(&ProcessFigures) -> T) -> T {
        let mut values: Vec<T> = runs.iter().map(f).collect();
        values.sort();
        values[values.len() / 2]
    }
    ProcessFigures {
        init: middle(&runs, |f| f.init),
        first: middle(&runs, |f| f.first),
        p50: middle(&runs, |f| f.p50),
        p99: middle(&runs, |f| f.p99),
        peak_kib: middle(&runs, |f| f.peak_kib),
        size: runs[0].size,
        status: std::mem::take(&mut runs[0].status),
    }
}

/// Starts `job` once: init until its first poll, then one first and `WARM_INVOCATIONS` warm
/// invocations, then its peak RSS.
async fn run_process(job: &Job) -> Result<ProcessFigures, BoxError> {
    let size = std::fs::metadata(&job.binary)
        .map_err(|e| {
            format!(
                "{}: {e} (run `make bench`, which builds release binaries)",
                job.binary.display()
            )
        })?
        .len();
    let mut api = RuntimeApi::start().await?;
    let started = Instant::now();
    let mut child = tokio::process::Command::new(&job.binary)
        .envs(job.env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("AWS_LAMBDA_RUNTIME_API", &api.address)
        .env("AWS_LAMBDA_FUNCTION_NAME", job.name)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let polled = api
        .first_poll()
        .await
        .ok_or("the function never asked for an event")?;
    let init = polled - started;
    let mut latencies = Vec::with_capacity(WARM_INVOCATIONS + 1);
    let mut statuses = BTreeMap::<String, usize>::new();
    for _ in 0..=WARM_INVOCATIONS {
        let sent = Instant::now();
        let answer = api.invoke(job.event.clone()).await.ok_or("no answer")?;
        latencies.push(answer.at - sent);
        let status = if answer.error {
            "error".to_string()
        } else {
            serde_json::from_str::<Value>(&answer.body)
                .ok()
                .and_then(|v| v.get("statusCode").map(|s| s.to_string()))
                .unwrap_or_else(|| "ok".into())
        };
        *statuses.entry(status).or_default() += 1;
    }
    let peak_kib = child
        .id()
        .and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0);
    child.kill().await?;
    let first = latencies[0];
    let mut warm: Vec<Duration> = latencies[1..].to_vec();
    warm.sort();
    let at = |p: usize| warm[(warm.len() * p / 100).min(warm.len() - 1)];
    Ok(ProcessFigures {
        init,
        first,
        p50: at(50),
        p99: at(99),
        peak_kib,
        size,
        status: statuses
            .iter()
            .map(|(s, n)| format!("{s}×{n}"))
            .collect::<Vec<_>>()
            .join(" "),
    })
}
