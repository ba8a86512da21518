#!/usr/bin/env bash
# Runs the portal locally: the emulator, every function, the event bridge and the dev
# server, with the portal page and the API on one origin at the PORTAL_URL emails carry.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
# shellcheck source=scripts/local-stack.sh
source "$(dirname "$0")/local-stack.sh"
cd "$ROOT"
MOTO_PORT=${MOTO_PORT:-5000}
API_PORT=${API_PORT:-9000}
DEV_PORT=${DEV_PORT:-3000}
QUIET=${QUIET:-1}
start_local_stack
cat <<HELP

The portal is running.

  Open the portal:      $PORTAL_URL/
  Staff console:        $PORTAL_URL/console/   (signed in with the token below)
  Read the mail:        $PORTAL_URL/_dev/mail   (invitations and sign-in links: click them)
  Notifications:        shares and uploads arrive as one digest per recipient, ${DIGEST_WINDOW} s
                        after the first (DIGEST_WINDOW=${DIGEST_WINDOW} here; deployed: 300 s)
  API (same origin):    $PORTAL_URL/matters/... and $PORTAL_URL/portal/...
  Logs:                 $STACK_STATE/watch.log (functions), bridge.log, dev-server.log;
                        $STATE/moto-$MOTO_PORT.log

Staff token (valid 12 h, this run only):
  export STAFF="$STAFF_TOKEN"

Give a client access and share a document:
  curl -s -X PUT $PORTAL_URL/matters/m1 -H "authorization: Bearer \$STAFF" \\
    -d '{"title":"Estate of Smith","owner":{"id":"u1","email":"owner@firm.example","name":"Olive Owner"}}'
  curl -s -X PUT $PORTAL_URL/matters/m1/contacts/c1 -H "authorization: Bearer \$STAFF" \\
    -d '{"email":"client@example.com","name":"Carl Client","canDownload":true}'
  curl -s -X POST $PORTAL_URL/matters/m1/documents -H "authorization: Bearer \$STAFF" \\
    -d '{"fileName":"Letter.pdf","contentType":"application/pdf","size":9}'
  # PUT the bytes to the returned url with its content-type; the trigger makes it available:
  #   curl -X PUT -H 'content-type: application/pdf' --data-binary '%PDF-demo' "<url>"
  curl -s -X POST $PORTAL_URL/matters/m1/shares -H "authorization: Bearer \$STAFF" \\
    -d '{"documentIds":["<documentId>"],"contactIds":["c1"]}'
Then open $PORTAL_URL/_dev/mail and click the invitation link: the portal opens signed in.
About ${DIGEST_WINDOW} s after the share, its digest ("... shared 1 document with you") is there too.

Ctrl-C stops everything.
HELP
wait
