#!/usr/bin/env bash
# The benchmark (not part of `make test`): release binaries of every function and of a
# hello-world floor, a fresh moto, then bench/src/main.rs prints the tables. The function
# processes reach moto over TLS and run under Lambda's CPU share at each memory size (a cgroup
# v1 CPU quota: run as root, or the bench says so and runs at full CPU).
#   ./scripts/bench.sh processes       skips the AWS-call operations (the 10,000-document matter)
#   BENCH_SIZES=128,1769               only these memory sizes (default 128,256,512,1024,1769)
#   BENCH_STARTS=1 BENCH_WARM=20       fewer starts / warm invocations per binary, for a quick try
#   BENCH_COLD_RUNS=1                  fewer cold first visits per size (default 3)
#   BENCH_FUNCTIONS=list-shares        only these functions (and the floor) in the Functions tables
#   BENCH_TLS=0                        the same proxy in plain HTTP, to see what TLS costs
#   BENCH_DOCUMENTS=500                a smaller big matter
#   BENCH_INIT_FULL_CPU=1              init at full CPU, the quota from the first poll on (Lambda's way)
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
cd "$ROOT"
ensure_tools
use_emulator_credentials
functions=(grant-access share-documents list-shares presign-download presign-upload stop-share attach-upload list-events messages file-notifications send-digests)

# Slimming variants of presign-download, each kept aside before the next build replaces it:
# Cargo's release defaults (as built and stripped), the SDKs' default features, and Tokio's
# multi-thread runtime.
variants="$ROOT/target/bench-variants"
mkdir -p "$variants"
cargo build --profile bench-cargo-defaults --bin presign-download
cp target/bench-cargo-defaults/presign-download "$variants/presign-download-cargo-defaults"
strip -o "$variants/presign-download-cargo-defaults-stripped" "$variants/presign-download-cargo-defaults"
cargo build --release --bin presign-download --features shared/sdk-default-features
cp target/release/presign-download "$variants/presign-download-sdk-defaults"
cargo build --release --bin presign-download --features shared/multi-thread-runtime
cp target/release/presign-download "$variants/presign-download-multi-thread"

# Last, so target/release holds the binaries as they are deployed. The functions on their own:
# built with the bench's packages, Cargo would give their dependencies the bench's features too
# (tokio's process and signal support, for one), and the sizes would not be the deployed ones.
bins=()
for f in "${functions[@]}"; do bins+=(--bin "$f"); done
cargo build --release "${bins[@]}"
cargo build --release -p bench --bin hello-floor --bin portal-bench
start_moto "$(free_port)"
BENCH_BIN_DIR="$ROOT/target/release" BENCH_VARIANT_DIR="$variants" "$ROOT/target/release/portal-bench" "$@"
