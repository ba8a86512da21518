#!/usr/bin/env bash
# Starts the local stack as `make run` does (on its own ports, quietly), then measures
# requests through it with scripts/measure-run.mjs. Stops everything when done.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
# shellcheck source=scripts/local-stack.sh
source "$(dirname "$0")/local-stack.sh"
cd "$ROOT"
MOTO_PORT=$(free_port) API_PORT=$(free_port) DEV_PORT=$(free_port)
QUIET=1 WATCH_FLAGS=--ignore-changes start_local_stack
PORTAL_URL="http://127.0.0.1:$DEV_PORT" STAFF_TOKEN="$STAFF_TOKEN" node scripts/measure-run.mjs
