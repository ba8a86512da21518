#!/usr/bin/env bash
# The whole test suite: Rust unit tests, integration tests against a fresh moto server, the
# presigned-URL tests against s3s-fs, the pages' logic under node, and the pages in Chromium
# against the whole local stack. Arguments go to `cargo test` (BROWSER_TESTS=0 skips the
# browser part while iterating on Rust; CI and `make test` run everything).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
# shellcheck source=scripts/local-stack.sh
source "$(dirname "$0")/local-stack.sh"
cd "$ROOT"
ensure_tools
ensure_s3s_fs
use_emulator_credentials
start_moto "$(free_port)"
echo "moto server on $AWS_ENDPOINT_URL"
cargo test --workspace --all-targets "$@"
# The pages: their logic in node (no browser), then the pages in Chromium against the local stack.
ensure_node
ensure_web_packages
(cd web && node --test test/unit/)
if [ "${BROWSER_TESTS:-1}" != 0 ]; then
  ./scripts/browser-test.sh
fi
