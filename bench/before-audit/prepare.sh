#!/usr/bin/env bash
# The build from before the audit trail and the outbox (d2963c4: named prepared
# statements, immutable entities, no audit), prepared as the bench's `other`
# target, so that the cost of audit + outbox is measured in one run against
# the build it was added to:
#
#   bench/before-audit/prepare.sh [dir]        # default ../integration-hub-before-audit
#   BENCH_SCENARIOS=plain BENCH_TARGETS=service,other,simplest \
#     BENCH_OTHER_ROOT=../integration-hub-before-audit npm run bench
#
# The bench migrates its database with this build, whose audit migration
# dropped the unaudited write function; the patch lets the old build put it
# back (one extra migration, under its own name) and changes nothing else.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="${1:-$root/../integration-hub-before-audit}"
commit=d2963c4
if [ ! -d "$dir" ]; then
  git -C "$root" worktree add --detach "$dir" "$commit"
  git -C "$dir" apply "$here/run-on-audited-schema.patch"
fi
cd "$dir"
npm ci --no-audit --no-fund
npm run build
echo "ready: BENCH_OTHER_ROOT=$dir"
