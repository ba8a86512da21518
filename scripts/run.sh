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
ensure_jq
start_local_stack
cat <<HELP

The portal is running.

  Open the portal:      $PORTAL_URL/
  Staff console:        $PORTAL_URL/console/   (signed in with the token below)
  Read the mail:        $PORTAL_URL/_dev/mail   (invitations and sign-in links: click them)
  Notifications:        shares and uploads arrive as one digest per recipient, ${DIGEST_WINDOW} s
                        after the first (DIGEST_WINDOW=${DIGEST_WINDOW} here; deployed: 300 s);
                        a contact who chose one a day gets it at 08:00, New York time
  Malware scan:         a stand-in (no GuardDuty here) refuses uploads holding the EICAR
                        test string and nothing else
  API (same origin):    $PORTAL_URL/matters/... and $PORTAL_URL/portal/...
  Logs:                 $STACK_STATE/watch.log (functions), bridge.log, dev-server.log;
                        $STATE/moto-$MOTO_PORT.log

Staff token (valid 12 h, this run only): in the walkthrough's first line below.

Walk through it in another terminal (docs/walkthrough.sh, as in the README; needs curl and jq):

$(sed -e '1,2d' -e "s#^export PORTAL=.*#export PORTAL=$PORTAL_URL STAFF=$STAFF_TOKEN#" "$ROOT/docs/walkthrough.sh")

Then open $PORTAL_URL/_dev/mail and click the invitation link: the portal opens signed in,
with the letter in it. About ${DIGEST_WINDOW} s after the share, its digest is there too.

Ctrl-C stops everything.
HELP
wait
