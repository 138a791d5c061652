#!/usr/bin/env bash
# Benchmark (not a test): the release server under concurrent load with wrk, on PostgreSQL
# and on SQLite, over an organisation of 30 buildings × 40 lots with their holders
# (`koprogo seed-bench`). For every row: requests/s, p50, p99, non-2xx answers and socket
# errors, SQL statements per request (from the server's own counter, `/metrics`
# db_statements_total, so a regression in queries shows even on a noisy machine), and the
# server's peak RSS so far. Then the release wasm and its first page's weight.
#
# Knobs: BENCH_CONNECTIONS [64] BENCH_THREADS [2] BENCH_DURATION [20s] BENCH_WARMUP [5s]
#        BENCH_BACKENDS ["postgres sqlite"] BENCH_BUILDINGS [30] BENCH_LOTS [40]
#        BENCH_SKIP_BUILD=1 (use the release build as it is)
#        BENCH_SERVER_BIN, BENCH_SITE_ROOT: serve with another build (an older release, to
#        compare before and after on the same data); the database is still migrated and
#        seeded by this build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/koprogo/target}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
THREADS="${BENCH_THREADS:-2}"
DURATION="${BENCH_DURATION:-20s}"
WARMUP="${BENCH_WARMUP:-5s}"
BACKENDS="${BENCH_BACKENDS:-postgres sqlite}"
BUILDINGS="${BENCH_BUILDINGS:-30}"
LOTS="${BENCH_LOTS:-40}"
PORT="${BENCH_PORT:-3200}"
BASE="http://127.0.0.1:$PORT"
BIN="$CARGO_TARGET_DIR/server-release/koprogo"
SERVER_BIN="${BENCH_SERVER_BIN:-$BIN}"
SITE_ROOT="${BENCH_SITE_ROOT:-target/site}"
PG="postgres://koprogo_test:koprogo_test@127.0.0.1:5432"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  scripts/tools.sh rust_tools npm_tools postgres
  scripts/build.sh >/dev/null 2>&1 || scripts/build.sh
fi
command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo; $sudo_cmd apt-get install -y -qq wrk >/dev/null; }

WORK="$(mktemp -d)"
SERVER=""
stop_server() {
  if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then
    kill -TERM "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  SERVER=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# Each login is another of the 128 bench owners (seed-bench): the throttles slow many
# attempts in flight on one account, as they should, and this measures the hashing.
cat >"$WORK/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = '{"email":"owner-' .. (n % 128 + 1) .. '@bench.koprogo.invalid","password":"koprogo-demo-2026"}'
  return wrk.format(nil, nil, nil, body)
end
LUA

statements() {
  # An older build has no such counter: 0, shown as "-".
  curl -fs "$BASE/metrics" | awk '$1=="db_statements_total" {n=$2} END {print n+0}'
}

# run NAME PATH [wrk args...]: warm-up, then the measured run; prints one table row.
run() {
  local name=$1 path=$2
  shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s "$@" "$BASE$path" >/dev/null 2>&1 || true
  local before after out
  before=$(statements)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$@" "$BASE$path")
  after=$(statements)
  row "$name" "$out" "$before" "$after"
}

row() {
  local name=$1 before=$3 after=$4
  printf '%s' "$2" >"$WORK/wrk.txt"
  python3 - "$name" "$before" "$after" "$(awk '/VmHWM/ {print $2}' "/proc/$SERVER/status")" "$WORK/wrk.txt" <<'PY'
import re, sys
name, before, after, hwm = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
t = open(sys.argv[5]).read()
def g(p, d="0"):
    m = re.search(p, t)
    return m.group(1) if m else d
rps = float(g(r"Requests/sec:\s+([\d.]+)"))
total = int(g(r"(\d+) requests in"))
p50, p99 = g(r"\n\s+50%\s+(\S+)", "-"), g(r"\n\s+99%\s+(\S+)", "-")
se = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
sock = sum(map(int, se.groups())) if se else 0
non2 = int(g(r"Non-2xx or 3xx responses: (\d+)"))
per = f"{(after - before) / total:.2f}" if total and after > before else ("0.00" if after else "-")
print(f"| {name:<34} | {rps:>9.0f} | {p50:>8} | {p99:>8} | {non2:>7} | {sock:>6} | {per:>5} | {hwm/1024:>7.1f} |")
PY
}

# Lighthouse (mobile profile: a mid phone, throttled network and CPU) on the first page a
# visitor loads, the login, and on a syndic's dashboard; fetched from npm when first run.
lighthouse() {
  local page score
  for page in /login /; do
    local headers='{}'
    [[ "$page" == / ]] && headers="{\"Cookie\": \"$COOKIE\"}"
    if CHROME_PATH=/usr/bin/chromium npm exec --yes lighthouse@13.5.0 -- "$BASE$page" \
        --only-categories=performance --form-factor=mobile --quiet \
        --extra-headers="$headers" --output=json --output-path="$WORK/lighthouse.json" \
        --chrome-flags="--headless=new --no-sandbox --disable-background-networking --disable-component-update" \
        >/dev/null 2>"$WORK/lighthouse.log"; then
      score=$(python3 - "$WORK/lighthouse.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = d["audits"]
v = lambda k: a[k]["displayValue"]
print(f'{d["categories"]["performance"]["score"] * 100:.0f} (FCP {v("first-contentful-paint")}, '
      f'LCP {v("largest-contentful-paint")}, TBT {v("total-blocking-time")}, '
      f'transferred {v("total-byte-weight")})')
PY
)
      echo "Lighthouse mobile performance, $page: $score"
    else
      echo "Lighthouse could not run on $page: $(tail -1 "$WORK/lighthouse.log")"
    fi
  done
}

echo
echo "KoproGo benchmark — $(date -u '+%F %H:%M UTC'), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION after $WARMUP warm-up"
echo "organisation: $BUILDINGS buildings × $LOTS lots, each lot held; release build; server, database and wrk share the machine"

for backend in $BACKENDS; do
  DATA_DIR="$WORK/$backend"
  mkdir -p "$DATA_DIR"
  if [[ "$backend" == postgres ]]; then
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS koprogo_benchmark WITH (FORCE)" -qc "CREATE DATABASE koprogo_benchmark" >/dev/null
    export DATABASE_URL="$PG/koprogo_benchmark"
    version="PostgreSQL $(psql "$PG/postgres" -tAc 'show server_version')"
  else
    unset DATABASE_URL
    version="SQLite (embedded)"
  fi
  "$BIN" --data-dir "$DATA_DIR" migrate >/dev/null
  "$BIN" --data-dir "$DATA_DIR" seed-bench --buildings "$BUILDINGS" --lots "$LOTS" >/dev/null
  # As autovacuum would have by then: the planner knows the tables' sizes.
  if [[ "$backend" == postgres ]]; then psql "$DATABASE_URL" -qc ANALYZE 2>/dev/null; fi

  KOPROGO_AUTH_RATE_PER_MINUTE=100000000 RUST_LOG=warn LEPTOS_SITE_ROOT="$SITE_ROOT" \
    "$SERVER_BIN" --data-dir "$DATA_DIR" serve --auto-migrate false --addr "127.0.0.1:$PORT" \
    >"$WORK/server-$backend.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 200); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.1; done

  COOKIE=$(curl -fs -c - -o /dev/null -H 'content-type: application/json' \
    -d '{"email":"bench@koprogo.invalid","password":"koprogo-demo-2026"}' \
    "$BASE/api/v1/auth/login" | awk '/koprogo_session/ {print $6"="$7}')
  BUILDING=$(curl -fs -H "Cookie: $COOKIE" "$BASE/api/v1/buildings" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  LOT=$(curl -fs -H "Cookie: $COOKIE" "$BASE/api/v1/buildings/$BUILDING/lots" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  S=(-H "Cookie: $COOKIE" -H "Accept-Language: fr")

  echo
  echo "### $version"
  echo "| request                            |     req/s |      p50 |      p99 | non-2xx | sockerr | SQL/req | RSS MiB |"
  echo "|------------------------------------|----------:|---------:|---------:|--------:|-------:|------:|--------:|"
  run "GET /healthz" /healthz
  run "GET /api/v1/auth/me" /api/v1/auth/me "${S[@]}"
  run "GET /api/v1/buildings ($BUILDINGS)" /api/v1/buildings "${S[@]}"
  run "SSR dashboard /" / "${S[@]}"
  run "SSR building page ($LOTS lots)" "/buildings/$BUILDING" "${S[@]}"
  run "SSR lot page" "/lots/$LOT" "${S[@]}"
  # Logins at full concurrency while a few users keep using the app: both measured at once.
  before=$(statements)
  wrk -t1 -c8 -d"$DURATION" --timeout 10s --latency "${S[@]}" "$BASE/api/v1/auth/me" >"$WORK/me-during-login.txt" 2>&1 &
  ME=$!
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$WORK/login.lua" "$BASE/api/v1/auth/login")
  wait "$ME"
  after=$(statements)
  # /auth/me runs no statement once its caller is cached: all of them are the logins'.
  row "POST /api/v1/auth/login (argon2id)" "$out" "$before" "$after"
  row "  meanwhile /auth/me (8 conns)" "$(cat "$WORK/me-during-login.txt")" 0 0
  echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' "/proc/$SERVER/status")"
  if [[ "$backend" == postgres && "${BENCH_LIGHTHOUSE:-1}" == 1 ]]; then
    lighthouse
  fi
  stop_server
done

echo
PKG="$SITE_ROOT/pkg"
WASM=$(ls -t "$PKG"/koprogo*.wasm | head -1)
JS=$(ls -t "$PKG"/koprogo*.js | head -1)
CSS=$(ls -t "$PKG"/koprogo*.css | head -1)
kib() { awk '{printf "%.0f", $1/1024}' <<<"$1"; }
echo "release wasm: $(kib "$(stat -c %s "$WASM")") KiB raw, $(kib "$(gzip -9 -c "$WASM" | wc -c)") KiB gzip, $(kib "$(stat -c %s "$WASM.br" 2>/dev/null || echo 0)") KiB brotli (as served)"
echo "release JS glue: $(kib "$(gzip -9 -c "$JS" | wc -c)") KiB gzip; CSS: $(kib "$(gzip -9 -c "$CSS" | wc -c)") KiB gzip"
