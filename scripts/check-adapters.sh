#!/usr/bin/env bash
# Each AWS service has one adapter: only that module of shared/ may name its SDK crate, and
# no function does. Fails (listing the offenders) when any other code does.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
check() {
  local crate=$1 home=$2
  local found
  found=$(grep -rnE "\\b${crate}\\b" shared/src functions --include='*.rs' | grep -v "^${home}" || true)
  if [ -n "$found" ]; then
    echo "only ${home} may use ${crate}; found:" >&2
    echo "$found" >&2
    status=1
  fi
}
check aws_sdk_dynamodb shared/src/store/
check aws_sdk_s3 shared/src/files.rs
check aws_sdk_sesv2 shared/src/email.rs
check aws_sdk_sqs shared/src/queue.rs
if grep -nE '^aws-sdk-' functions/*/Cargo.toml; then
  echo "functions reach AWS through shared's adapters, not SDK crates of their own" >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "adapters: each AWS SDK is used by its one adapter only"
exit "$status"
