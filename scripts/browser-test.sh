#!/usr/bin/env bash
# The pages in a real browser: Debian's chromium driven by playwright-core from `node --test`
# (web/test/browser/), against the whole local stack started here on free ports. Screenshots
# go to web/test/artifacts/.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
# shellcheck source=scripts/local-stack.sh
source "$(dirname "$0")/local-stack.sh"
cd "$ROOT"
ensure_node
ensure_chromium
ensure_jq
ensure_web_packages
MOTO_PORT=$(free_port) API_PORT=$(free_port) DEV_PORT=$(free_port)
# Resend invitation waits 8 s here (deployed: 600 s), so a test sees it wait and then send.
export INVITE_RESEND_INTERVAL=8
QUIET=1 WATCH_FLAGS=--ignore-changes start_local_stack
echo "local stack for the browser tests on $PORTAL_URL"
mkdir -p web/test/artifacts
PORTAL_URL="$PORTAL_URL" LOCAL_API_URL="http://127.0.0.1:$API_PORT" STAFF_TOKEN="$STAFF_TOKEN" INVITE_RESEND_INTERVAL="$INVITE_RESEND_INTERVAL" CHROMIUM=/usr/bin/chromium \
  node --test --test-concurrency=1 web/test/browser/
