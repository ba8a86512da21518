#!/usr/bin/env bash
# Offline checks of infra/template.yaml: cfn-lint, sam validate (plain and --lint), checkov with
# no failed check, no local-only secret in the template, and `sam build` for x86_64 producing
# every function's bootstrap. Needs no AWS account or credentials.
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
checkov --config-file infra/.checkov.yaml --file "$template"

sam build --beta-features --parameter-overrides Architecture=x86_64
missing=0
for function in GrantAccess ShareDocuments ListShares PresignDownload PresignUpload StopShare AttachUpload; do
  bootstrap=".aws-sam/build/${function}Function/bootstrap"
  if [ -x "$bootstrap" ]; then
    echo "built $bootstrap ($(du -h "$bootstrap" | cut -f1))"
  else
    echo "missing $bootstrap" >&2
    missing=1
  fi
done
exit "$missing"
