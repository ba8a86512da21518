#!/usr/bin/env bash
# The pages' modules, tests and scripts through ESLint (names not defined, imports not used,
# the recommended set), as `make check` runs it. Installs web/'s npm packages if missing.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"
# shellcheck source=scripts/local-stack.sh
source "$(dirname "$0")/local-stack.sh"
ensure_node
ensure_web_packages
cd "$ROOT/web"
npx --no-install eslint .
echo "web: eslint clean"
