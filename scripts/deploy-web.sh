#!/usr/bin/env bash
# Publishes web/ to a deployed stack (`make deploy-web`, after `sam deploy`): syncs the page's
# files to the stack's site bucket, writes config.json there from the stack's outputs and
# parameters, and invalidates the distribution's cached copies. Local-only files (dev configs,
# the console's local token, tests, build scripts, node_modules) are never uploaded.
#
#   STACK_NAME             the stack (default: stack_name in samconfig.toml)
#   AWS_REGION/AWS_PROFILE as for the AWS CLI (default: region and profile in samconfig.toml)
#   ALLOWED_CONTENT_TYPES  comma-separated upload types the page offers (default: the functions'
#                          own default list, shared/src/content.rs DEFAULT_ALLOWED_TYPES)
#   DRY_RUN=1              print what would change, change nothing
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WEB=web

# Identical to shared/src/content.rs DEFAULT_ALLOWED_TYPES (`make infra-check` compares them).
DEFAULT_ALLOWED_TYPES=(
  application/pdf
  application/msword
  application/vnd.openxmlformats-officedocument.wordprocessingml.document
  application/vnd.ms-excel
  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
  application/vnd.ms-powerpoint
  application/vnd.openxmlformats-officedocument.presentationml.presentation
  application/rtf
  image/jpeg
  image/png
  image/gif
  image/tiff
  image/webp
  text/plain
  text/csv
  application/zip
)

# Browsers revalidate every load (a 304 from the edge when unchanged); the edge keeps a copy
# for a day at most, and each publish invalidates it.
CACHE_CONTROL="max-age=0, s-maxage=86400"

# Only the page's own file types, then never anything local-only or development-only (later
# filters win): tests, node_modules, npm files, build scripts and the bundle's entry (the page
# loads vendor/preact-htm.js, built from it). config.json is written below, never copied.
SYNC_FILTERS=(
  --exclude "*"
  --include "*.html" --include "*.css" --include "*.js"
  --include "*.svg" --include "*.png" --include "*.ico" --include "*.webp" --include "*.txt"
  --exclude "node_modules/*" --exclude "*/node_modules/*"
  --exclude "test/*" --exclude "*/test/*" --exclude "tests/*" --exclude "*/tests/*"
  --exclude "*.test.js" --exclude "*.config.js"
  --exclude "package*.json" --exclude "*.mjs" --exclude "vendor/entry.js"
  --exclude "config*.json" --exclude "*/config*.json"
  --exclude "*.local" --exclude "*.local.*" --exclude ".*" --exclude "*/.*"
)

# Paths whose edge copies are dropped on every publish ("/" is cached apart from /index.html).
INVALIDATE=(/ /index.html /config.json /styles.css "/src/*" "/vendor/*" "/console/*")

die() {
  echo "deploy-web: $*" >&2
  exit 1
}

# A value from samconfig.toml's default environment (the first `key = "value"` line).
samconfig_value() {
  [ -f samconfig.toml ] || return 0
  sed -n "s/^$1 *= *\"\(.*\)\"[[:space:]]*\$/\1/p" samconfig.toml | head -n 1
}

command -v aws >/dev/null || die "the AWS CLI (aws) is needed"
command -v python3 >/dev/null || die "python3 is needed (it writes config.json)"
[ -f "$WEB/index.html" ] || die "$WEB/index.html is missing: nothing to publish (and --delete would empty the site)"

stack=${STACK_NAME:-$(samconfig_value stack_name)}
[ -n "$stack" ] || die "no stack: set STACK_NAME or stack_name in samconfig.toml"
aws_args=()
if [ -z "${AWS_REGION:-}${AWS_DEFAULT_REGION:-}" ] && [ -n "$(samconfig_value region)" ]; then
  aws_args+=(--region "$(samconfig_value region)")
fi
if [ -z "${AWS_PROFILE:-}" ] && [ -n "$(samconfig_value profile)" ]; then
  aws_args+=(--profile "$(samconfig_value profile)")
fi
dry_run=${DRY_RUN:-}
# The AWS CLI with the region and profile above (the +-expansion keeps bash 3.2 happy when empty).
awsc() {
  aws ${aws_args[@]+"${aws_args[@]}"} "$@"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awsc cloudformation describe-stacks --stack-name "$stack" \
  --query 'Stacks[0]' --output json >"$work/stack.json" ||
  die "cannot read stack $stack (deployed? credentials? region?)"

# Reads the stack description; writes config.json and prints the values the shell needs.
if [ -n "${ALLOWED_CONTENT_TYPES:-}" ]; then
  allowed=$ALLOWED_CONTENT_TYPES
else
  allowed=$(IFS=,; echo "${DEFAULT_ALLOWED_TYPES[*]}")
fi
values=$(python3 - "$work/stack.json" "$allowed" "$work/config.json" <<'PY'
import json, sys

stack = json.load(open(sys.argv[1]))
outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs") or []}
parameters = {p["ParameterKey"]: p.get("ParameterValue", "") for p in stack.get("Parameters") or []}
missing = [k for k in ("SiteBucketName", "DistributionId", "PortalUrl") if not outputs.get(k)]
if missing:
    sys.exit(f"the stack has no {', '.join(missing)} output: deploy the current template first")
# The same normalisation as the functions' ALLOWED_CONTENT_TYPES (shared/src/config.rs).
allowed = [t.strip().lower() for t in sys.argv[2].split(",") if t.strip()]
config = {
    "firmName": parameters.get("FirmName", ""),
    # The language the console offers as the firm's (FIRM_LANGUAGE).
    "firmLanguage": parameters.get("FirmLanguage") or "en",
    # The firm's brand, as the emails show it (FIRM_ACCENT, FIRM_LOGO): the functions refuse an
    # accent too faint for white text, so the stack only holds readable ones.
    "accent": parameters.get("FirmAccent") or "#1f3a5f",
    "logo": "/" + (parameters.get("FirmLogo") or "brand/logo.png").lstrip("/"),
    # The API is on the page's own origin (the distribution's /matters and /portal behaviours).
    "apiBase": "",
    "maxUploadBytes": int(parameters.get("MaxUploadBytes") or 104857600),
    "allowedContentTypes": allowed,
    # The link the console shows staff to give clients.
    "portalUrl": outputs["PortalUrl"].rstrip("/") + "/",
    # The functions' default INVITE_RESEND_INTERVAL: the console waits as long before it
    # offers Resend invitation again.
    "inviteResendSeconds": 600,
}
# The console's sign-in (Cognito managed login, code + PKCE): the user pool domain and the
# client, when the stack has them (outputs StaffAuthDomain and StaffUserPoolClientId).
if outputs.get("StaffAuthDomain") and outputs.get("StaffUserPoolClientId"):
    config["staffAuth"] = {
        "domain": outputs["StaffAuthDomain"],
        "clientId": outputs["StaffUserPoolClientId"],
    }
with open(sys.argv[3], "w") as f:
    json.dump(config, f, indent=2)
    f.write("\n")
print(outputs["SiteBucketName"], outputs["DistributionId"], outputs["PortalUrl"],
      parameters.get("PortalUrl", "") or "-")
PY
) || die "could not read the stack's outputs"
read -r bucket distribution portal_url portal_url_parameter <<<"$values"

# Everything the sync would do, checked before anything is done.
awsc s3 sync "$WEB/" "s3://$bucket/" --delete "${SYNC_FILTERS[@]}" --dryrun >"$work/plan.txt"
sed -n 's/^(dryrun) upload: \(.*\) to s3:.*/\1/p' "$work/plan.txt" >"$work/uploads.txt"
# A second net under the filters: a name that says local, token or secret is never published.
if grep -Ei '(^|/)\.|(^|[/._-])local([._-]|$)|secret|token|node_modules|(^|/)tests?/' "$work/uploads.txt"; then
  die "the files above look local-only (rename them if they are not); nothing was published"
fi
echo "publishing $WEB/ to s3://$bucket for $portal_url"
if [ -n "$dry_run" ]; then
  cat "$work/plan.txt"
  echo "(dryrun) config.json:"
  cat "$work/config.json"
  echo "(dryrun) invalidate ${INVALIDATE[*]} on $distribution"
  exit 0
fi

awsc s3 sync "$WEB/" "s3://$bucket/" --delete "${SYNC_FILTERS[@]}" \
  --cache-control "$CACHE_CONTROL" --only-show-errors
awsc s3 cp "$work/config.json" "s3://$bucket/config.json" \
  --content-type "application/json" --cache-control "$CACHE_CONTROL" --only-show-errors
invalidation=$(awsc cloudfront create-invalidation --distribution-id "$distribution" \
  --paths "${INVALIDATE[@]}" --query 'Invalidation.Id' --output text)
echo "published; invalidation $invalidation on $distribution (a minute or two at the edges)"

if [ "$portal_url_parameter" = "-" ]; then
  cat >&2 <<EOF

deploy-web: the stack's PortalUrl parameter is empty, so the functions have no PORTAL_URL and
refuse every request. Set it to this distribution's address and deploy again (this saves it
to samconfig.toml):
  sam deploy --guided          # PortalUrl: $portal_url
EOF
fi
