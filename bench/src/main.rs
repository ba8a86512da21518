//! `make bench`: for every function, run as Lambda runs it (AWS over TLS, the CPU share of
//! each memory size), init time, first and warm latency, peak memory, binary size and init
//! steps, each as a ratio to a hello-world lambda_http function under the same conditions; a
//! client's first visit with every function cold; then the AWS calls and latency of the main
//! operations on a 20-document and a 10,000-document matter. Figures are printed as Markdown;
//! nothing here asserts a time, only the budgets of AWS calls per operation fail the bench.
//!
//! Sections, in the order they run and print: `processes` (release binaries against
//! `runtime_api`, through `tls`, under `quota`) and `cold_path` at each memory size, the
//! tables across sizes, `slimming`, then `operations` (in process, calls counted by
//! `integration_tests::observe`) and `budgets`; `seeding` writes the matters they run on.
//! Each memory size, the slimming ladder and the operations run on a table of their own
//! (`fresh_matter`): moto slows as a table grows, and these figures are about the functions.

mod attacks;
mod budgets;
mod capacity;
mod cold_path;
mod costs;
mod local_stack;
mod operations;
mod processes;
mod quota;
mod routes;
mod runtime_api;
mod seeding;
mod sign_in_timing;
mod slimming;
mod tls;
mod zips;

use integration_tests::Stack;
use processes::{Chosen, Conditions, Plan};
use quota::{Quotas, PERIOD_US};
use std::net::ToSocketAddrs;
use std::path::PathBuf;
use std::time::Duration;

const BIG_MATTER_DOCUMENTS: usize = 10_000;

/// The slimming ladder runs at presign-download's size in the template, when it is measured.
const TEMPLATE_MB: u32 = 512;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    // An interrupted bench still removes its cgroups and CA (their values are dropped).
    tokio::select! {
        result = run() => result,
        _ = tokio::signal::ctrl_c() => Err("interrupted".into()),
    }
}

async fn run() -> Result<(), BoxError> {
    // `portal-bench local` measures only the local stack's pages (a minute).
    if std::env::args().nth(1).as_deref() == Some("local") {
        return local_sections().await;
    }
    // `portal-bench signin` measures only whether sign-in answers tell who has access.
    if std::env::args().nth(1).as_deref() == Some("signin") {
        let stack = Stack::new().await;
        sign_in_timing::run(&stack).await?;
        retire(&stack).await;
        return Ok(());
    }
    // `portal-bench attacks` runs only what an attacker tries; it fails when anything gets through.
    if std::env::args().nth(1).as_deref() == Some("attacks") {
        let stack = Stack::new().await;
        let outcome = attacks::run(&stack).await;
        retire(&stack).await;
        return outcome;
    }
    // `portal-bench routes` measures only every route and trigger on both firms.
    if std::env::args().nth(1).as_deref() == Some("routes") {
        return routes_and_costs().await;
    }
    // `portal-bench zip` measures only the zip of 20 × 5 MiB documents (the bench).
    if std::env::args().nth(1).as_deref() == Some("zip") {
        let bin_dir = std::env::var("BENCH_BIN_DIR").unwrap_or_else(|_| "target/release".into());
        return zips::run(std::path::Path::new(&bin_dir)).await;
    }
    // `portal-bench processes` skips the operations (the 10,000-document matter takes minutes).
    let processes_only = std::env::args().nth(1).as_deref() == Some("processes");
    let bin_dir =
        PathBuf::from(std::env::var("BENCH_BIN_DIR").unwrap_or_else(|_| "target/release".into()));
    let variant_dir = std::env::var("BENCH_VARIANT_DIR").ok().map(PathBuf::from);
    let sizes = sizes()?;

    println!("# Benchmark\n");
    println!("machine: {}\n", machine());

    // `BENCH_TLS=0` keeps the proxy's hop but in plain HTTP, to see what TLS costs.
    let over_tls = std::env::var("BENCH_TLS").as_deref() != Ok("0");
    let front = tls::Front::start(moto_address()?, over_tls).await?;
    let quotas = Quotas::create(&sizes);
    let plan = Plan::from_env();
    let chosen = Chosen::from_env();
    print_conditions(&front, &quotas, plan);
    let mut by_size = Vec::new();
    let mut visits = Vec::new();
    for quota in quotas.sizes() {
        let conditions = Conditions {
            endpoint: &front.endpoint,
            ca_bundle: front.ca_bundle(),
            meter: &front.meter,
            quota,
        };
        eprintln!("{}", quota.label());
        let (stack, small) = fresh_matter().await?;
        let rows =
            processes::functions(&stack, &small, &bin_dir, &conditions, plan, &chosen).await?;
        let floor_cold = rows.first().map_or(Duration::ZERO, |r| r.figures.cold());
        visits.push(cold_path::visits(&stack, &small, &bin_dir, &conditions, floor_cold).await?);
        by_size.push((quota.mb, rows));
        retire(&stack).await;
    }
    processes::print_by_size(&by_size);
    cold_path::print(&visits, over_tls);

    let slim = quotas
        .sizes()
        .iter()
        .find(|q| q.mb == TEMPLATE_MB)
        .or_else(|| quotas.sizes().iter().min_by_key(|q| q.mb));
    if let Some(quota) = slim {
        let conditions = Conditions {
            endpoint: &front.endpoint,
            ca_bundle: front.ca_bundle(),
            meter: &front.meter,
            quota,
        };
        eprintln!("slimming at {}", quota.label());
        let (stack, small) = fresh_matter().await?;
        slimming::ladder(
            &stack,
            &small,
            &bin_dir,
            variant_dir.as_deref(),
            &conditions,
            plan,
        )
        .await?;
        retire(&stack).await;
    }
    drop(quotas);
    drop(front);

    if !processes_only {
        eprintln!("operations");
        let (stack, small) = fresh_matter().await?;
        let measured = operations::run(&stack, &small, big_matter_documents()).await?;
        budgets::check(&measured)?;
        routes_and_costs().await?;
    }
    eprintln!("local stack");
    local_sections().await
}

/// The local stack's sections, each on a table of its own.
async fn local_sections() -> Result<(), BoxError> {
    let stack = Stack::new().await;
    local_stack::mail_page(&stack).await?;
    retire(&stack).await;
    let stack = Stack::new().await;
    local_stack::curve(&stack).await?;
    retire(&stack).await;
    let stack = Stack::new().await;
    sign_in_timing::run(&stack).await?;
    retire(&stack).await;
    let stack = Stack::new().await;
    let outcome = attacks::run(&stack).await;
    retire(&stack).await;
    outcome
}

/// Every route and trigger on both firms, then the month's cost from the small firm's figures.
async fn routes_and_costs() -> Result<(), BoxError> {
    let measured = routes::run(&firm_sizes()).await?;
    costs::print(&measured[0])
}

/// A table of its own with a matter of twenty documents (ten shared with everyone, ten left
/// for the share measurement), for each memory size and section. What a section writes
/// (an event per download link, say) stays out of the next one's figures: moto's stream and
/// memory grow with every write, whatever the launcher spares it.
async fn fresh_matter() -> Result<(Stack, seeding::Scenario), BoxError> {
    let stack = Stack::new().await;
    let small = seeding::seed_matter(&stack, "small", 20).await?;
    Ok((stack, small))
}

/// Drops a section's table from moto, which otherwise keeps it in memory to the end.
async fn retire(stack: &Stack) {
    let deleted = aws_sdk_dynamodb::Client::new(&stack.sdk)
        .delete_table()
        .table_name(&stack.app.config.table_name)
        .send()
        .await;
    if let Err(err) = deleted {
        eprintln!("note: the table of a finished section stays in moto: {err}");
    }
}

/// `BENCH_SIZES=128,1769` measures only those memory sizes (MB), for a quick try.
fn sizes() -> Result<Vec<u32>, BoxError> {
    let Ok(list) = std::env::var("BENCH_SIZES") else {
        return Ok(quota::SIZES.to_vec());
    };
    list.split(',')
        .map(|mb| {
            mb.trim()
                .parse::<u32>()
                .ok()
                .filter(|mb| (128..=10_240).contains(mb))
                .ok_or_else(|| {
                    format!("BENCH_SIZES: {mb:?} is not a Lambda memory size (128 to 10240 MB)")
                        .into()
                })
        })
        .collect()
}

/// Where moto listens, from the bench's own `AWS_ENDPOINT_URL` (plain HTTP).
fn moto_address() -> Result<std::net::SocketAddr, BoxError> {
    let endpoint = integration_tests::endpoint();
    let host = endpoint
        .strip_prefix("http://")
        .ok_or_else(|| format!("AWS_ENDPOINT_URL={endpoint}: the bench expects moto over http://"))?
        .trim_end_matches('/');
    host.to_socket_addrs()?
        .next()
        .ok_or_else(|| format!("AWS_ENDPOINT_URL={endpoint}: no address").into())
}

fn print_conditions(front: &tls::Front, quotas: &Quotas, plan: Plan) {
    println!("## Conditions of the function processes\n");
    match front.ca_bundle() {
        Some(ca) => println!(
            "- AWS over TLS: `AWS_ENDPOINT_URL={}`, a proxy in the bench that terminates TLS (rustls on ring) and keeps connections alive as AWS does (moto closes after every answer; each request goes to it on a fresh loopback connection); `AWS_CA_BUNDLE={}`, the root of a CA made for this run (RSA 2048 root → intermediate → leaf for localhost and 127.0.0.1, like AWS's chains), deleted at the end. The proxy and moto run outside any quota: they are AWS's side. The proxy meters moto's time (whole request in hand to whole answer in hand), shown as \"moto\" below: on DynamoDB the same calls take a few milliseconds each.",
            front.endpoint,
            ca.display()
        ),
        None => println!(
            "- AWS over plain HTTP (`BENCH_TLS=0`): `AWS_ENDPOINT_URL={}`, the same proxy without TLS, so nothing but the handshakes differs from a TLS run. It meters moto's time, shown as \"moto\" below.",
            front.endpoint
        ),
    }
    match &quotas.fallback {
        None => {
            let shares: Vec<String> = quotas.sizes().iter().map(|q| q.label()).collect();
            println!(
                "- CPU: each function process and hello-floor runs in a cgroup v1 CPU quota of Lambda's share, memory / 1,769 MB of one vCPU: {}. It joins its cgroup between fork and exec, so all of its init runs under the quota. Period {} ms: Lambda does not publish its own; 20 ms is the shortest round period that keeps the 128 MB slice above the kernel's 1 ms minimum quota, and spreads throttling finely (stalls of at most 18.6 ms, where the kernel's default 100 ms would let a process run 7.2 ms and then stall 93 ms).",
                shares.join("; "),
                PERIOD_US / 1000
            );
        }
        Some(why) => println!("- CPU: **{why}**."),
    }
    println!("- Environment: only what Lambda gives a function (the template's settings, `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` = the size, credentials, region, `PATH`, `LANG`, `TZ`), plus `PORTAL_INIT_TIMINGS=1`; none of the bench's own (its CA settings, `HOME`).");
    println!(
        "- Runs, at every size: each binary started {} times × {} warm invocations (fewer than the 200 of one size at full CPU, kept from when moto copied the whole table in every transaction; every download link writes an event; each size and section gets a fresh table); cold path: {} visits; slimming: the same starts, at most {} warm invocations.\n",
        plan.starts,
        plan.warm,
        cold_path::runs(),
        slimming::WARM_INVOCATIONS
    );
}

/// `BENCH_DOCUMENTS` makes the big matter smaller for a quick try of the bench itself.
fn big_matter_documents() -> usize {
    std::env::var("BENCH_DOCUMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 20)
        .unwrap_or(BIG_MATTER_DOCUMENTS)
}

/// The small firm and the big one every route is measured on; `BENCH_DOCUMENTS` scales the
/// big one down for a quick try.
fn firm_sizes() -> [seeding::Size; 2] {
    let documents = big_matter_documents();
    [
        seeding::Size {
            label: "small firm",
            matters: 50,
            documents: 20,
            contacts: 50,
            events: 200,
        },
        seeding::Size {
            label: "big firm",
            matters: documents,
            documents,
            contacts: documents / 10,
            events: documents * 10,
        },
    ]
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory_kib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0);
    format!(
        "{cpu}, {cores} cores, {:.0} GiB, {}",
        mib(memory_kib),
        std::env::consts::ARCH
    )
}

/// Milliseconds, for the tables.
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Microseconds, for the tables.
fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Units of 2^20: MiB from bytes, GiB from KiB.
fn mib(n: u64) -> f64 {
    n as f64 / 1048576.0
}
