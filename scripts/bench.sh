#!/usr/bin/env bash
# Benchmark (not a test): the release server on PostgreSQL under concurrent load with wrk.
# Prints requests/s and p50/p99 latency for /healthz, a logged-in GET /api/v1/auth/me and the
# server-rendered dashboard, the server's peak RSS, and the release wasm size.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/koprogo/target}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
DURATION="${BENCH_DURATION:-15s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
PORT="${BENCH_PORT:-3200}"

scripts/tools.sh rust_tools npm_tools postgres
command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo; $sudo_cmd apt-get install -y -qq wrk >/dev/null; }
cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release

PG="postgres://koprogo_test:koprogo_test@127.0.0.1:5432"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS koprogo_bench WITH (FORCE)" -qc "CREATE DATABASE koprogo_bench"
export DATABASE_URL="$PG/koprogo_bench"
BIN="$CARGO_TARGET_DIR/server-release/koprogo"
DATA_DIR="$(mktemp -d)"
"$BIN" --data-dir "$DATA_DIR" migrate
"$BIN" --data-dir "$DATA_DIR" seed-demo >/dev/null

KOPROGO_AUTH_RATE_PER_MINUTE=100000 RUST_LOG=warn LEPTOS_SITE_ROOT=target/site \
  "$BIN" --data-dir "$DATA_DIR" serve --addr "127.0.0.1:$PORT" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA_DIR"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done

COOKIE=$(curl -fs -c - -o /dev/null -H 'content-type: application/json' \
  -d '{"email":"syndic@demo.koprogo.be","password":"koprogo-demo-2026"}' \
  "http://127.0.0.1:$PORT/api/v1/auth/login" | awk '/koprogo_session/ {print $6"="$7}')

run() {
  local name=$1 path=$2
  shift 2
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "http://127.0.0.1:$PORT$path")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '| %-32s | %10s | %8s | %8s | %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0} non-2xx"
}

echo
echo "KoproGo benchmark — $(date -u +%F), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION, PostgreSQL $(psql "$PG/postgres" -tAc 'show server_version')"
echo "| endpoint                         |      req/s |      p50 |      p99 |"
run "GET /healthz" /healthz
run "GET /api/v1/auth/me (session)" /api/v1/auth/me -H "Cookie: $COOKIE"
run "GET / (SSR dashboard, session)" / -H "Cookie: $COOKIE" -H "Accept-Language: fr"
echo
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' /proc/$SERVER/status)"
WASM=target/site/pkg/koprogo.wasm
echo "release wasm: $(du -k "$WASM" | awk '{print $1}') KiB raw, $(gzip -9 -c "$WASM" | wc -c | awk '{printf "%d KiB", $1/1024}') gzipped"
echo "release JS glue: $(du -k target/site/pkg/koprogo.js | awk '{print $1}') KiB, CSS: $(du -k target/site/pkg/koprogo.css | awk '{print $1}') KiB"
