#!/usr/bin/env bash
# Benchmark (not a test) of documents (issue 12): the release server uploads and downloads a
# 100 MiB file, on the local filesystem and on an S3-compatible server on loopback (moto),
# and prints the throughput and the server's resident memory before and after (VmRSS, and
# the peak VmHWM), so that a body held in memory would show as a jump of ~100 MiB.
#
# Knobs: BENCH_DOC_MIB [100] BENCH_STORES ["local s3"] BENCH_PORT [3250]
#        BENCH_SKIP_BUILD=1 (use the release build as it is)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/koprogo/target}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
MIB="${BENCH_DOC_MIB:-100}"
STORES="${BENCH_STORES:-local s3}"
PORT="${BENCH_PORT:-3250}"
BASE="http://127.0.0.1:$PORT"
BIN="$CARGO_TARGET_DIR/server-release/koprogo"
WORK="$(mktemp -d)"
SERVER=""
MOTO=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  [ -n "$MOTO" ] && kill "$MOTO" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  scripts/tools.sh rust_tools npm_tools python_tools
  scripts/build.sh
fi

# A PDF header, then incompressible bytes: what a scanned plan is like.
FILE="$WORK/plan.pdf"
{ printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n'; head -c "$((MIB * 1024 * 1024))" /dev/urandom; } >"$FILE"
SIZE=$(stat -c %s "$FILE")

memory() { # VmRSS and VmHWM of the server, MiB
  awk '/VmRSS|VmHWM/ { printf "%s %.0f MiB  ", $1, $2 / 1024 }' "/proc/$SERVER/status"
}

printf '%-6s %12s %12s   %s\n' store upload download "server memory (before → after)"
for store in $STORES; do
  DATA="$WORK/data-$store"
  mkdir -p "$DATA"
  env_store=(KOPROGO_STORAGE=local)
  if [ "$store" = s3 ]; then
    MOTO_PORT=$((PORT + 1))
    python3 -m moto.server -H 127.0.0.1 -p "$MOTO_PORT" >"$WORK/moto.log" 2>&1 &
    MOTO=$!
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$MOTO_PORT" >/dev/null 2>&1 && break; sleep 0.1; done
    curl -fs -X PUT "http://127.0.0.1:$MOTO_PORT/bench" >/dev/null
    env_store=(KOPROGO_STORAGE=s3://bench KOPROGO_S3_ENDPOINT="http://127.0.0.1:$MOTO_PORT"
      AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=eu-west-1)
  fi
  env "${env_store[@]}" KOPROGO_DATA_DIR="$DATA" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" \
    LEPTOS_SITE_ROOT="$ROOT/target/site" KOPROGO_AUTH_RATE_PER_MINUTE=1000 RUST_LOG=warn \
    "$BIN" serve --seed-demo >"$WORK/server-$store.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fs "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  JAR="$WORK/cookies-$store"
  curl -fs -c "$JAR" -H 'content-type: application/json' \
    -d '{"email":"syndic@demo.koprogo.be","password":"koprogo-demo-2026"}' "$BASE/api/v1/auth/login" >/dev/null
  BUILDING=$(curl -fs -b "$JAR" "$BASE/api/v1/buildings" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); d=d.get("items",d) if isinstance(d,dict) else d; print(d[0]["id"])')
  before=$(memory)
  up=$(curl -fs -b "$JAR" -H "origin: $BASE" -H 'content-type: application/octet-stream' \
    --data-binary @"$FILE" -o "$WORK/created.json" -w '%{time_total}' \
    "$BASE/api/v1/buildings/$BUILDING/documents?title=Plan&category=plan&file_name=plan.pdf")
  ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/created.json")
  down=$(curl -fs -b "$JAR" -o "$WORK/back.pdf" -w '%{time_total}' "$BASE/api/v1/documents/$ID/content")
  after=$(memory)
  cmp -s "$FILE" "$WORK/back.pdf" || { echo "the downloaded file differs" >&2; exit 1; }
  rate() { python3 -c "print(f'{$SIZE / 1048576 / $1:.0f} MiB/s')"; }
  printf '%-6s %12s %12s   %s→ %s\n' "$store" "$(rate "$up")" "$(rate "$down")" "$before" "$after"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  if [ -n "$MOTO" ]; then kill "$MOTO"; wait "$MOTO" 2>/dev/null || true; MOTO=""; fi
done
