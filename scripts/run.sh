#!/usr/bin/env bash
# Runs the portal locally: moto on 127.0.0.1, the table, bucket and verified sender created,
# and `cargo lambda watch` serving every function on the deployed paths.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
cd "$ROOT"
MOTO_PORT=${MOTO_PORT:-5000}
API_PORT=${API_PORT:-9000}
ensure_tools lambda
use_emulator_credentials
start_moto "$MOTO_PORT"

# A fresh staff-token secret per run: local tokens die with the run.
secret=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(32))')
cat >"$STATE/env" <<ENV
AWS_ENDPOINT_URL=$AWS_ENDPOINT_URL
AWS_ACCESS_KEY_ID=test
AWS_SECRET_ACCESS_KEY=test
AWS_REGION=us-east-1
TABLE_NAME=client-portal-local
BUCKET_NAME=client-portal-local-documents
SENDER_EMAIL=portal@firm.example
FIRM_NAME="Local Law LLP"
PORTAL_URL=http://localhost:3000
PORTAL_LOCAL_JWT_SECRET=$secret
ENV
set -a
# shellcheck disable=SC1091
source "$STATE/env"
set +a

cargo build --quiet -p integration-tests --bin portal-local
local_tool="$ROOT/target/debug/portal-local"
"$local_tool" setup
staff_token=$("$local_tool" staff-token)
api="http://127.0.0.1:$API_PORT"
# S3 ObjectCreated -> SQS (moto) -> attach-upload, as the S3 trigger does in AWS.
"$local_tool" bridge "$api/2015-03-31/functions/attach-upload/invocations" &
stop_on_exit $!
cat <<HELP

Local portal API: $api   (emulator: $AWS_ENDPOINT_URL, sent mail: $AWS_ENDPOINT_URL/moto-api/data.json)

Staff token (valid 12 h, this run only):
  export STAFF="$staff_token"

Try the flow:
  curl -s -X PUT $api/matters/m1 -H "authorization: Bearer \$STAFF" \\
    -d '{"title":"Estate of Smith","owner":{"id":"u1","email":"owner@firm.example","name":"Olive Owner"}}'
  curl -s -X PUT $api/matters/m1/contacts/c1 -H "authorization: Bearer \$STAFF" \\
    -d '{"email":"client@example.com","name":"Carl Client","canDownload":true}'
  curl -s -X POST $api/matters/m1/documents -H "authorization: Bearer \$STAFF" \\
    -d '{"fileName":"Letter.pdf","contentType":"application/pdf","size":9}'
  # PUT the bytes to the returned url with its headers; the trigger makes it available:
  #   curl -X PUT -H 'content-type: application/pdf' --data-binary '%PDF-demo' "<url>"
  curl -s -X POST $api/matters/m1/shares -H "authorization: Bearer \$STAFF" \\
    -d '{"documentIds":["<documentId>"],"contactIds":["c1"]}'
  # The invitation token is in the emulator's mail (after '#invite='):
  curl -s $AWS_ENDPOINT_URL/moto-api/data.json | python3 -c 'import json,sys; [print(m["body"]) for m in json.load(sys.stdin)["ses"]["Message"]]'
  curl -s -X POST $api/portal/sessions -d '{"invitation":"<token>"}'
  curl -s $api/portal/documents -H "authorization: Bearer <session>"
  curl -s -X POST $api/portal/documents/<documentId>/links -H "authorization: Bearer <session>" -d '{"disposition":"download"}'
  # A contact's upload: ask for a URL, PUT the bytes; the owner and notify list get an email.
  curl -s -X POST $api/portal/matters/m1/uploads -H "authorization: Bearer <session>" \\
    -d '{"fileName":"Signed.pdf","contentType":"application/pdf","size":9}'

HELP
cargo lambda watch --invoke-address 127.0.0.1 --invoke-port "$API_PORT" --env-file "$STATE/env"
