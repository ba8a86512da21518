//! `make bench`: for every function, init time, first and warm latency, peak memory, binary
//! size, each as a ratio to a hello-world lambda_http function under the same harness; then
//! the AWS calls and latency of the main operations on a 20-document and a 10,000-document
//! matter. Figures are printed as Markdown; nothing here asserts a time, only the budgets of
//! AWS calls per operation fail the bench.
//!
//! Sections, in the order they print: `operations` (in process, calls counted by `integration_tests::observe`),
//! `budgets`, `processes` (release binaries against `runtime_api`), `slimming`; `seeding`
//! writes the matters they run on.

mod budgets;
mod operations;
mod processes;
mod runtime_api;
mod seeding;
mod slimming;

use integration_tests::Stack;
use std::path::PathBuf;
use std::time::Duration;

const BIG_MATTER_DOCUMENTS: usize = 10_000;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    // `portal-bench processes` skips the operations (the 10,000-document matter takes minutes).
    let processes_only = std::env::args().nth(1).as_deref() == Some("processes");
    let bin_dir =
        PathBuf::from(std::env::var("BENCH_BIN_DIR").unwrap_or_else(|_| "target/release".into()));
    let variant_dir = std::env::var("BENCH_VARIANT_DIR").ok().map(PathBuf::from);

    let stack = Stack::new().await;
    println!("# Benchmark\n");
    println!("machine: {}\n", machine());

    // Twenty documents: ten shared with everyone, ten left for the share measurement.
    let small = seeding::seed_matter(&stack, "small", 20).await?;
    if !processes_only {
        let measured = operations::run(&stack, &small, big_matter_documents()).await?;
        budgets::check(&measured)?;
    }
    // The small matter: these figures are about each function, not the emulator's scans.
    processes::functions(&stack, &small, &bin_dir).await?;
    slimming::ladder(&stack, &small, &bin_dir, variant_dir.as_deref()).await?;
    Ok(())
}

/// `BENCH_DOCUMENTS` makes the big matter smaller for a quick try of the bench itself.
fn big_matter_documents() -> usize {
    std::env::var("BENCH_DOCUMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 20)
        .unwrap_or(BIG_MATTER_DOCUMENTS)
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
