#!/usr/bin/env bash
# Offline checks of infra/template.yaml: cfn-lint, sam validate (plain and --lint), no dependency
# cycle once SAM has expanded the template, checkov with no failed check, no local-only secret
# in the template, scripts/deploy-web.sh (syntax, shellcheck when installed, its upload types
# equal to the functions'), and the release build of the functions nearest the 8 MiB budget,
# each checked against it, with `sam build` of one (INFRA_BUILD=all: every function).
# Needs no AWS account or credentials.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
cd "$ROOT"
ensure_tools lambda
INFRA_VENV="$STATE/infra-venv"
if [ ! -x "$INFRA_VENV/bin/sam" ] || [ ! -x "$INFRA_VENV/bin/checkov" ]; then
  python3 -m venv "$INFRA_VENV"
  "$INFRA_VENV/bin/pip" install --quiet --disable-pip-version-check \
    "aws-sam-cli==1.170.0" "checkov==3.2.459" "cfn-lint==1.58.0"
fi
# cargo-lambda (from .venv) first: sam build calls it for every Rust function.
export PATH="$VENV/bin:$PATH:$INFRA_VENV/bin" SAM_CLI_TELEMETRY=0 AWS_REGION=us-east-1
template=infra/template.yaml

if grep -n "PORTAL_LOCAL_JWT_SECRET" "$template"; then
  echo "the template must never set PORTAL_LOCAL_JWT_SECRET" >&2
  exit 1
fi
cfn-lint "$template"
sam validate --template-file "$template" --region us-east-1
sam validate --lint --template-file "$template"
# cfn-lint reads the template before SAM expands it, so it misses cycles through what SAM writes
# (each HTTP function's ARN in the API's definition): a function naming the distribution, which
# routes to the API, passes every check above and fails only at deploy. Expand, then look.
AWS_DEFAULT_REGION=us-east-1 "$INFRA_VENV/bin/python" - "$template" <<'PY'
import json, sys
from cfnlint.api import ManualArgs, lint
from cfnlint.decode import decode
from samtranslator.translator.transform import transform

template, errors = decode(sys.argv[1])
if errors:
    sys.exit(f"{sys.argv[1]} does not parse: {errors}")
for resource in template["Resources"].values():
    if resource.get("Type") == "AWS::Serverless::Function":
        resource["Properties"]["CodeUri"] = "s3://placeholder-bucket/code.zip"


class NoManagedPolicies:
    def load(self):
        return {}


expanded = transform(json.loads(json.dumps(template, default=str)), {}, NoManagedPolicies())
matches = lint(json.dumps(expanded), config=ManualArgs(regions=["us-east-1"]))
cycles = [m for m in matches if m.rule.id == "E3004"]
for match in cycles:
    print(f"after the SAM transform: {match.message}", file=sys.stderr)
if cycles:
    sys.exit(1)
print("no dependency cycle after the SAM transform")
PY
checkov --config-file infra/.checkov.yaml --file "$template"

bash -n scripts/deploy-web.sh
if command -v shellcheck >/dev/null; then
  shellcheck scripts/deploy-web.sh
else
  echo "shellcheck not installed: scripts/deploy-web.sh checked for syntax only"
fi
# The page offers the upload types the functions accept by default.
rust_types=$(sed -n '/DEFAULT_ALLOWED_TYPES: &\[&str\] = &\[/,/^\];/p' shared/src/content.rs | grep -o '"[^"]*"' | tr -d '"')
script_types=$(sed -n '/^DEFAULT_ALLOWED_TYPES=(/,/^)/p' scripts/deploy-web.sh | sed '1d;$d' | tr -d ' ')
if [ -z "$rust_types" ] || [ "$rust_types" != "$script_types" ]; then
  echo "scripts/deploy-web.sh DEFAULT_ALLOWED_TYPES differs from shared/src/content.rs:" >&2
  diff <(echo "$rust_types") <(echo "$script_types") >&2 || true
  exit 1
fi

# The release build gets a target directory of its own: it shares nothing with the tests'
# debug builds, and in the same directory cargo's lock made the tests' build wait for it.
export CARGO_TARGET_DIR="$ROOT/target/sam"
# --no-cached: SAM's cache hashes the whole code directory (CodeUri is the repository root,
# target/ included), which is slow and fails when a cargo build elsewhere deletes files under
# it mid-hash; cargo's own incremental build is the cache that matters.
# What the release check builds. By default (CI): the functions within about 1 MiB of the
# 8 MiB budget (SIZE_WATCH, from the last full build's sizes in the README), each checked
# against it, and `sam build` of one function, which proves the build method every function
# shares (tests/suite/template.rs checks that they all use it and name a workspace binary).
# Fat LTO takes a minute or two per binary on two cores, and building all eleven made the
# check the longest part of CI. INFRA_BUILD=all builds and sam-builds every function, as
# `make bench` (which measures every bootstrap against the budget) builds them all.
SIZE_WATCH=(share-documents messages presign-download presign-upload attach-upload list-shares stamp-views)
binaries=()
if [ "${INFRA_BUILD:-watch}" = all ]; then
  while read -r binary; do binaries+=(--bin "$binary"); done < <(sed -n 's/^ *Binary: *//p' infra/template.yaml)
else
  for binary in "${SIZE_WATCH[@]}"; do binaries+=(--bin "$binary"); done
fi
# One cargo call first: cargo links the binaries two at a time where a core is free, where
# sam's one call per function would link them one after another; sam's calls then find each
# binary fresh (the same command and flags, so the same fingerprints).
cargo lambda build --release "${binaries[@]}"
missing=0
MAX_BOOTSTRAP_BYTES=$((8 * 1024 * 1024))
if [ "${INFRA_BUILD:-watch}" = all ]; then
  sam build --beta-features --no-cached --parameter-overrides Architecture=x86_64
  bootstraps=()
  for function in GrantAccess ShareDocuments ListShares PresignDownload PresignUpload StopShare AttachUpload Messages StampViews \
    ListEvents FileNotifications SendDigests; do
    bootstraps+=(".aws-sam/build/${function}Function/bootstrap")
  done
else
  sam build ShareDocumentsFunction --beta-features --no-cached --parameter-overrides Architecture=x86_64
  bootstraps=(.aws-sam/build/ShareDocumentsFunction/bootstrap)
  for binary in "${SIZE_WATCH[@]}"; do bootstraps+=("$CARGO_TARGET_DIR/lambda/$binary/bootstrap"); done
fi
for bootstrap in "${bootstraps[@]}"; do
  if [ -x "$bootstrap" ]; then
    bytes=$(stat -c %s "$bootstrap")
    echo "built $bootstrap ($bytes bytes)"
    # Issue 14's budget: what Lambda loads at every cold start stays under 8 MiB.
    if [ "$bytes" -gt "$MAX_BOOTSTRAP_BYTES" ]; then
      echo "$bootstrap is over $MAX_BOOTSTRAP_BYTES bytes" >&2
      missing=1
    fi
  else
    echo "missing $bootstrap" >&2
    missing=1
  fi
done
exit "$missing"
