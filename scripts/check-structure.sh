#!/usr/bin/env bash
# The structure the README describes, checked: each AWS service has one adapter (only that
# module of shared/ names its SDK crate, and no function does); only records/ and store/
# name keys, indexes and queries; and shared's layers depend one way (records < service <
# http < api < routes). Fails, listing the offenders, when any code does otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
# Lines of shared/ and functions/ matching $1, outside the places ($2, a regex) allowed.
offenders() {
  grep -rnE "$1" shared/src functions --include='*.rs' | grep -vE "^($2)" || true
}
refuse() {
  local what=$1 pattern=$2 allowed=$3 found
  found=$(offenders "$pattern" "$allowed")
  if [ -n "$found" ]; then
    echo "$what; found:" >&2
    echo "$found" >&2
    status=1
  fi
}
refuse "only shared/src/store/ may use aws_sdk_dynamodb" '\baws_sdk_dynamodb\b' 'shared/src/store/'
refuse "only shared/src/files.rs may use aws_sdk_s3" '\baws_sdk_s3\b' 'shared/src/files.rs'
refuse "only shared/src/email.rs may use aws_sdk_sesv2" '\baws_sdk_sesv2\b' 'shared/src/email.rs'
refuse "only shared/src/queue.rs may use aws_sdk_sqs" '\baws_sdk_sqs\b' 'shared/src/queue.rs'
if grep -nE '^aws-sdk-' functions/*/Cargo.toml; then
  echo "functions reach AWS through shared's adapters, not SDK crates of their own" >&2
  status=1
fi
refuse "records own their keys: only records/ and store/ name the table layout, keys and queries" \
  'store::layout|Key::new\(|Query::(table|index|sparse_index)\(|\bindexed_as\(' 'shared/src/(records|store)/'
refuse "records/ sits below the services and HTTP" 'crate::(service|http|api|routes)\b' 'shared/src/(service|http|api|routes|store/mocked.rs)'
refuse "services know nothing of HTTP" 'crate::(http|api|routes)\b' 'shared/src/(http|api|routes)'
refuse "handlers are reached through the route table only" 'crate::routes\b' 'shared/src/routes.rs'
[ "$status" -eq 0 ] && echo "structure: one adapter per AWS SDK, keys in records/, layers one way"
exit "$status"
