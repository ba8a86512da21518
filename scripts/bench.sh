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
cargo build --release --bin hello-floor $(printf -- '--bin %s ' "${functions[@]}")
cargo build --release -p bench --bin portal-bench
start_moto "$(free_port)"
BENCH_BIN_DIR="$ROOT/target/release" "$ROOT/target/release/portal-bench"
