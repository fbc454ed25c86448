#!/usr/bin/env bash
# The first-hour figures of the README (docs/adr/0008-build-once-start-from-the-build.md):
# from a warm install (npm ci done, the build current), the time from
# `npm start` to the first 200 on /healthz, and of one command line call.
#
#   scripts/measure-start.sh [runs]     default 5 runs each; prints each and the median
#
# A fresh DATA_DIR under $TMPDIR (its first start also runs initdb, shown
# apart), a free port; the load average is printed with the figures because
# the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/integration-hub-measure-XXXXXX")
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export DATA_DIR PORT LOG_LEVEL=warn DATABASE_URL= SECRET_KEY=
trap 'rm -rf "$DATA_DIR"' EXIT

now() { date +%s%N; }
ms_since() { echo $(( ($(now) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

start_once() {
  local t pid took
  t=$(now)
  npm start --silent >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do sleep 0.02; done
  took=$(ms_since "$t")
  kill -TERM "$pid" && wait "$pid"   # npm passes SIGTERM on to the server, which exits 0
  echo "$took"
}

time_cmd() {
  local t
  t=$(now)
  "$@" >/dev/null
  ms_since "$t"
}

node scripts/build.js   # the build current, as after npm ci
echo "first start on a fresh DATA_DIR (initdb): $(start_once) ms"
starts=(); for _ in $(seq "$runs"); do starts+=("$(start_once)"); done
# The command line alone (it starts and stops the embedded PostgreSQL itself) …
alone=(); for _ in $(seq "$runs"); do alone+=("$(time_cmd npm run --silent cli -- db:url)"); done
# … and beside a running server, as in the README's walk-throughs (it joins the server's PostgreSQL).
npm start --silent >/dev/null 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do sleep 0.02; done
clis=(); for i in $(seq "$runs"); do clis+=("$(time_cmd npm run --silent cli -- brands:create --url "measure-$i.example.com")"); done
nodes=(); for _ in $(seq "$runs"); do nodes+=("$(time_cmd node dist/src/bootstrap/cli.js db:url)"); done
kill -TERM "$server" && wait "$server"
tscs=(); for _ in $(seq "$runs"); do tscs+=("$(time_cmd node node_modules/typescript/bin/tsc --build)"); done
walks=(); for _ in $(seq "$runs"); do walks+=("$(time_cmd node -e "require('./scripts/build.js').isCurrent() || process.exit(1)")"); done

report() { echo "$1: $(printf '%s ' "${@:2}")ms → median $(printf '%s\n' "${@:2}" | median) ms"; }
report "npm start → /healthz 200 (warm)" "${starts[@]}"
report "npm run --silent cli -- brands:create (server running)" "${clis[@]}"
report "node dist/src/bootstrap/cli.js db:url (server running)" "${nodes[@]}"
report "npm run --silent cli -- db:url (no server: starts PostgreSQL itself)" "${alone[@]}"
report "tsc --build, nothing to do" "${tscs[@]}"
report "node -e isCurrent() (the walk alone, with node's own start)" "${walks[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, node $(node --version)"
