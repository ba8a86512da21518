# The whole local stack, shared by `make run` (scripts/run.sh) and the browser tests
# (scripts/browser-test.sh): moto, the table/bucket/sender, `cargo lambda watch` serving every
# function, the event bridge (S3 events, the deletion sweep's schedule, the table's stream and
# the digest queue), and the dev server with the pages and the API on one origin.
# shellcheck shell=bash

# Starts everything on MOTO_PORT, API_PORT and DEV_PORT and waits until every function
# answers. Sets STAFF_TOKEN, PORTAL_URL and STACK_STATE (settings and logs; the functions'
# log is watch.log there when QUIET=1).
start_local_stack() {
  ensure_tools lambda
  ensure_node
  use_emulator_credentials
  PORTAL_URL="http://localhost:$DEV_PORT"
  # The emulator answers browsers from the page's origin only (the bucket's presigned PUTs).
  export LOCAL_PAGE_ORIGINS="$PORTAL_URL http://127.0.0.1:$DEV_PORT"
  start_moto "$MOTO_PORT"
  # Each stack keeps its settings and logs apart, so several can run at once.
  STACK_STATE="$STATE/stack-$DEV_PORT"
  mkdir -p "$STACK_STATE"
  # Notifications gather this long before their digest goes out (deployed: 300 s).
  DIGEST_WINDOW=${DIGEST_WINDOW:-30}
  # How soon an invitation may be sent again (deployed: 600 s, the functions' default).
  INVITE_RESEND_INTERVAL=${INVITE_RESEND_INTERVAL:-600}
  # A fresh staff-token secret per run: local tokens die with the run.
  local secret
  secret=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(32))')
  cat >"$STACK_STATE/env" <<ENV
AWS_ENDPOINT_URL=$AWS_ENDPOINT_URL
AWS_ACCESS_KEY_ID=test
AWS_SECRET_ACCESS_KEY=test
AWS_REGION=us-east-1
TABLE_NAME=client-portal-local
BUCKET_NAME=client-portal-local-documents
SENDER_EMAIL=portal@firm.example
FIRM_NAME="Local Law LLP"
FIRM_TIME_ZONE=America/New_York
# Locally the Pay button leads nowhere real: the firm's processor is its own.
PAYMENT_URL_TEMPLATE=https://pay.example.com/local-law/bills/{billId}
PORTAL_URL=$PORTAL_URL
PORTAL_LOCAL_JWT_SECRET=$secret
DIGEST_WINDOW=$DIGEST_WINDOW
INVITE_RESEND_INTERVAL=$INVITE_RESEND_INTERVAL
DIGEST_QUEUE_URL=$AWS_ENDPOINT_URL/123456789012/client-portal-local-digests
# No GuardDuty here: a stand-in refuses uploads holding the EICAR test string, nothing else.
MALWARE_SCAN=stand-in
ENV
  set -a
  # shellcheck disable=SC1091
  source "$STACK_STATE/env"
  set +a

  cargo build --quiet -p integration-tests --bin portal-local
  local tool="$ROOT/target/debug/portal-local"
  "$tool" setup
  STAFF_TOKEN=$("$tool" staff-token)
  "$tool" web-config >"$STACK_STATE/web-config.json"
  # Local only: the console reads the staff token from here; never part of web/.
  printf '{"staffToken":"%s"}\n' "$STAFF_TOKEN" >"$STACK_STATE/console-config.json"

  local api="http://127.0.0.1:$API_PORT"
  local out=/dev/stdout
  [ "${QUIET:-0}" = 1 ] && out="$STACK_STATE/watch.log"
  # WATCH_FLAGS: the browser tests pass --ignore-changes so that no edit restarts a function
  # under them; `make run` reloads functions as their code changes.
  # shellcheck disable=SC2086
  # --disable-cors: its default answers every origin; the page reaches the API through the
  # dev server, on its own origin, as behind CloudFront.
  cargo lambda watch --disable-cors --invoke-address 127.0.0.1 --invoke-port "$API_PORT" \
    --env-file "$STACK_STATE/env" ${WATCH_FLAGS:-} >"$out" 2>&1 &
  stop_on_exit $!
  # S3 ObjectCreated -> SQS (moto) -> attach-upload, as the S3 trigger does in AWS; the
  # deletion sweep's scheduled event every minute (grace 60 s), as EventBridge sends it; the
  # table's stream -> file-notifications and the digest queue -> send-digests, as Lambda's
  # event source mappings do. Short polls only: moto serves one request at a time.
  "$tool" bridge "$api" >"$STACK_STATE/bridge.log" 2>&1 &
  stop_on_exit $!
  DEV_PORT=$DEV_PORT API_URL="$api" WEB_CONFIG="$STACK_STATE/web-config.json" \
    CONSOLE_CONFIG="$STACK_STATE/console-config.json" \
    node "$ROOT/scripts/dev-server.mjs" >"$STACK_STATE/dev-server.log" 2>&1 &
  stop_on_exit $!
  wait_for_functions "http://127.0.0.1:$DEV_PORT" "$api"
}

# cargo lambda builds each function on its first request: ask each once (the HTTP ones
# through the dev server) until it answers, so nobody waits on a build later.
wait_for_functions() {
  local base=$1 api=$2 request
  local requests=(
    "GET /portal/documents"                # list-shares
    "DELETE /portal/sessions/current"      # grant-access
    "POST /portal/documents/x/links"       # presign-download
    "POST /portal/documents/x/stamped-links" # stamp-views
    "POST /portal/matters/x/uploads"       # presign-upload
    "POST /matters/x/shares"               # share-documents
    "DELETE /matters/x/shares/d/c"         # stop-share
    "GET /matters/x/events"                # list-events
    "GET /portal/conversations"            # messages
  )
  for request in "${requests[@]}"; do
    retry_until "$request" answers_with_an_error "${request% *}" "$base${request#* }"
  done
  retry_until "attach-upload" handles_no_records "$api/2015-03-31/functions/attach-upload/invocations"
  retry_until "file-notifications" fails_no_records "$api/2015-03-31/functions/file-notifications/invocations"
  retry_until "send-digests" fails_no_records "$api/2015-03-31/functions/send-digests/invocations"
}

# The function answered with the API's error JSON (401 and the like), not a gateway fault.
answers_with_an_error() {
  curl -s -X "$1" "$2" | grep -q '"error"'
}

handles_no_records() {
  [ "$(curl -s -X POST -d '{"Records":[]}' "$1")" = "[]" ]
}

# The outbox's consumers answer an empty batch with no failures.
fails_no_records() {
  curl -s -X POST -d '{"Records":[]}' "$1" | grep -q '"batchItemFailures":\[\]'
}

# Runs a command every second until it succeeds, for at most ten minutes (a cold build).
retry_until() {
  local what=$1
  shift
  local tries=0
  until "$@"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ]; then
      echo "the local stack did not answer: $what" >&2
      return 1
    fi
    sleep 1
  done
}

# Node runs the dev server and the browser tests; Debian's package if the machine has none.
ensure_node() {
  if ! command -v node >/dev/null; then
    apt-get update && apt-get install -y nodejs npm
  fi
}

# jq and openssl (a file's SHA-256), which the walkthrough's commands use (docs/walkthrough.sh).
ensure_jq() {
  if ! command -v jq >/dev/null || ! command -v openssl >/dev/null; then
    apt-get update && apt-get install -y jq openssl
  fi
}

# Debian's Chromium: no browser download by any test tool.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    apt-get update && apt-get install -y chromium
  fi
}

# web/'s npm packages (playwright-core for the browser tests), from its lock file.
ensure_web_packages() {
  if [ ! -d "$ROOT/web/node_modules/playwright-core" ] || [ ! -d "$ROOT/web/node_modules/eslint" ] ||
    [ "$ROOT/web/package-lock.json" -nt "$ROOT/web/node_modules/.package-lock.json" ]; then
    (cd "$ROOT/web" && npm ci --no-audit --no-fund)
  fi
}
