//! The "Slimming, before and after" table: each slimming change on presign-download (DynamoDB
//! reads, an S3 presign), from Cargo's release defaults to the build as deployed.

use crate::processes::{function_env, in_rounds, view_link_event, Conditions, Job, Plan};
use crate::seeding::Scenario;
use crate::{ms, BoxError};
use integration_tests::Stack;
use std::path::Path;

/// Warm invocations per start here, at most.
pub const WARM_INVOCATIONS: usize = 20;

/// Runs the builds `scripts/bench.sh` kept in `variant_dir` and the deployed one in `bin_dir`
/// under `conditions` (one memory size), each started `plan.starts` times in turns, medians
/// shown. Without `variant_dir` (the variants were not built) it only says so.
pub async fn ladder(
    stack: &Stack,
    s: &Scenario,
    bin_dir: &Path,
    variant_dir: Option<&Path>,
    conditions: &Conditions<'_>,
    plan: Plan,
) -> Result<(), BoxError> {
    let Some(variants) = variant_dir else {
        println!("\n(slimming variants not built: run `make bench`)");
        return Ok(());
    };
    let release = bin_dir.join("presign-download");
    let no_warm_up = Some(("WARM_UP_AT_INIT", "false"));
    let warm_up = Some(("WARM_UP_AT_INIT", "true"));
    let builds = [
        ("hello-floor, for reference", bin_dir.join("hello-floor"), None),
        (
            "A: Cargo's release defaults (no LTO, 16 codegen units, not stripped), slim SDK features, no warm-up",
            variants.join("presign-download-cargo-defaults"),
            no_warm_up,
        ),
        (
            "B: A, stripped",
            variants.join("presign-download-cargo-defaults-stripped"),
            no_warm_up,
        ),
        (
            "C: the release profile (opt-level z, fat LTO, 1 codegen unit, stripped), SDK default features, no warm-up",
            variants.join("presign-download-sdk-defaults"),
            no_warm_up,
        ),
        (
            "D: the release profile, slim SDK features, warm-up at init, Tokio's multi-thread runtime (as deployed before)",
            variants.join("presign-download-multi-thread"),
            warm_up,
        ),
        ("E: D on one thread", release.clone(), warm_up),
        ("F: E without the warm-up: as built and deployed", release, None),
    ];
    let event = view_link_event(s);
    let jobs: Vec<Job> = builds
        .iter()
        .map(|(_, binary, setting)| {
            let mut env = function_env(stack, conditions);
            if let Some((name, value)) = setting {
                env.push((name, value.to_string()));
            }
            Job {
                binary: binary.clone(),
                name: "presign-download",
                label: "view link",
                env,
                event: event.clone(),
            }
        })
        .collect();
    // The ladder is about init, the first request and size; its warm latency is moto's.
    let plan = Plan {
        warm: plan.warm.min(WARM_INVOCATIONS),
        ..plan
    };
    let figures = in_rounds(&jobs, conditions, plan).await?;
    println!(
        "\n## Slimming, before and after (presign-download at {} {}, median of {} starts in turns, {} warm invocations each)\n",
        conditions.quota.label(),
        conditions.transport(),
        plan.starts,
        plan.warm
    );
    println!("| build | init | first invoke | init + first | warm p50 | peak RSS | size |");
    println!("|---|---|---|---|---|---|---|");
    for ((label, _, _), f) in builds.iter().zip(figures) {
        println!(
            "| {label} | {:.1} ms | {:.2} ms | {:.1} ms | {:.2} ms | {:.1} MiB | {:.1} MiB |",
            ms(f.init),
            ms(f.first),
            ms(f.cold()),
            ms(f.p50),
            f.peak_mib(),
            f.size_mib(),
        );
    }
    Ok(())
}
