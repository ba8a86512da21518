#!/usr/bin/env bash
# The benchmark (not part of `make test`): release binaries of every function and of a
# hello-world floor, a fresh moto, then bench/src/main.rs prints the tables.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
cd "$ROOT"
ensure_tools
use_emulator_credentials
functions=(grant-access share-documents list-shares presign-download presign-upload stop-share attach-upload)

# Slimming variants of presign-download, each kept aside before the next build replaces it:
# Cargo's release defaults (as built and stripped), and the SDKs' default features.
variants="$ROOT/target/bench-variants"
mkdir -p "$variants"
cargo build --profile bench-cargo-defaults --bin presign-download
cp target/bench-cargo-defaults/presign-download "$variants/presign-download-cargo-defaults"
strip -o "$variants/presign-download-cargo-defaults-stripped" "$variants/presign-download-cargo-defaults"
cargo build --release --bin presign-download --features shared/sdk-default-features
cp target/release/presign-download "$variants/presign-download-sdk-defaults"

# Last, so target/release holds the binaries as they are deployed.
cargo build --release --bin hello-floor $(printf -- '--bin %s ' "${functions[@]}")
cargo build --release -p bench --bin portal-bench
start_moto "$(free_port)"
BENCH_BIN_DIR="$ROOT/target/release" BENCH_VARIANT_DIR="$variants" "$ROOT/target/release/portal-bench" "$@"
