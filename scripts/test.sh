#!/usr/bin/env bash
# The whole test suite: unit tests, integration tests against a fresh moto server, and the
# presigned-URL tests against s3s-fs.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
cd "$ROOT"
ensure_tools
ensure_s3s_fs
use_emulator_credentials
start_moto "$(free_port)"
echo "moto server on $AWS_ENDPOINT_URL"
cargo test --workspace --all-targets "$@"
