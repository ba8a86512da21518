#!/usr/bin/env bash
# The whole test suite: unit tests, and integration tests against a fresh moto server.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
cd "$ROOT"
ensure_tools
use_emulator_credentials
start_moto "$(free_port)"
echo "moto server on $AWS_ENDPOINT_URL"
cargo test --workspace --all-targets "$@"
