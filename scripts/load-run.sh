#!/usr/bin/env bash
# A bounded load run (issue 14): starts the local stack as `make run` does (on its own free
# ports, quietly), then scripts/load-run.mjs drives LOAD_CLIENTS contacts (default 20) for
# LOAD_SECONDS (default 60) through the dev server and checks the end state. Loopback only;
# stops everything when done. Exit status: 0 only with no error and no mismatch.
# LOAD_REPORT=<file> also writes the printed Markdown there; LOAD_WATCH_FLAGS adds flags to
# `cargo lambda watch` (e.g. `--concurrency 4`: several instances of each function, so that
# one function's requests also race each other; default one instance, as `make run` has).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
# shellcheck source=scripts/local-stack.sh
source "$(dirname "$0")/local-stack.sh"
cd "$ROOT"
LOAD_CLIENTS=${LOAD_CLIENTS:-20}
LOAD_SECONDS=${LOAD_SECONDS:-60}
MOTO_PORT=$(free_port) API_PORT=$(free_port) DEV_PORT=$(free_port)
# A shorter digest window than `make run`'s 30 s: the run waits for the setup's digests before
# it starts and for the last uploads' digests at the end.
export DIGEST_WINDOW=${DIGEST_WINDOW:-10}
# The stack's own messages go to stderr: stdout is the report alone.
QUIET=1 WATCH_FLAGS="--ignore-changes ${LOAD_WATCH_FLAGS:-}" start_local_stack >&2
echo "load run: local stack on $PORTAL_URL, logs in $STACK_STATE" >&2
# The report notes moto's memory: found by its port, this stack's own.
LOAD_MOTO_PID=$(pgrep -f "moto_serial.py 127.0.0.1 $MOTO_PORT\$" | head -n 1 || true)
# 127.0.0.1, not localhost: the dev server listens on IPv4 only. `timeout` is a hard bound
# besides the script's own (setup, run and checks), should Node itself hang; --foreground lets
# Ctrl-C reach Node.
PORTAL_URL="http://127.0.0.1:$DEV_PORT" STAFF_TOKEN="$STAFF_TOKEN" LOAD_LOGS="$STACK_STATE" \
  LOAD_CLIENTS="$LOAD_CLIENTS" LOAD_SECONDS="$LOAD_SECONDS" LOAD_MOTO_PID="$LOAD_MOTO_PID" \
  timeout --foreground --kill-after=10 $((LOAD_SECONDS + 1500)) node scripts/load-run.mjs
