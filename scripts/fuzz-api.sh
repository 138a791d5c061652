#!/usr/bin/env bash
# API fuzzing: schemathesis (PyPI) against the real server and its own OpenAPI document,
# authenticated as the demo syndic with an API token. It checks that no request gets a 5xx
# and that every response matches its documented schema. The server runs on a throwaway
# SQLite data directory with the demo data (the fuzzer deletes and archives freely).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${KOPROGO_BIN:?KOPROGO_BIN must name the koprogo binary}"
PORT="${KOPROGO_FUZZ_PORT:-3200}"
BASE="http://127.0.0.1:$PORT"
DATA="$(mktemp -d)"
LOG="$DATA/server.log"
cleanup() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
# The CLI through the interpreter: pip may have put the script outside PATH (~/.local/bin).
schemathesis() {
  python3 -c 'import sys; from schemathesis.cli import schemathesis as cli; sys.argv[0] = "schemathesis"; sys.exit(cli())' "$@"
}

# The fuzzer sends its requests fast from one address; lift the per-IP login limit and the
# hashing wait so that what it finds are defects, not the protections at work.
KOPROGO_DATA_DIR="$DATA" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="$ROOT/target/site" \
  KOPROGO_AUTH_RATE_PER_MINUTE=100000 RUST_LOG=warn \
  "$BIN" serve --seed-demo >"$LOG" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done

JAR="$DATA/cookies"
curl -fsS -c "$JAR" -H 'content-type: application/json' \
  -d '{"email":"syndic@demo.koprogo.be","password":"koprogo-demo-2026"}' \
  "$BASE/api/v1/auth/login" >/dev/null
TOKEN=$(curl -fsS -b "$JAR" -H 'content-type: application/json' -H "origin: $BASE" \
  -d '{"name":"schemathesis"}' "$BASE/api/v1/auth/tokens" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')

# Real identifiers for the path parameters, so that the fuzzer reaches the handlers rather
# than a 404 for a random id.
api() { curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1$1"; }
first_id() { python3 -c 'import json,sys; d=json.load(sys.stdin); d=d.get("items",d) if isinstance(d,dict) else d; print(d[0]["id"])'; }
ORG=$(api /auth/me | python3 -c 'import json,sys; print(json.load(sys.stdin)["active_organization_id"])')
BUILDING=$(api /buildings | first_id)
LOT=$(api "/buildings/$BUILDING/lots" | first_id)
OWNER=$(api /owners | first_id)
CONFIG="$DATA/schemathesis.toml"
{
  for pair in "buildings:$BUILDING" "lots:$LOT" "owners:$OWNER" "organizations:$ORG"; do
    printf '[[operations]]\ninclude-path-regex = "^/api/v1/%s/"\nparameters = { "path.id" = "%s" }\n\n' \
      "${pair%%:*}" "${pair#*:}"
  done
} >"$CONFIG"

# Logging out and revoking tokens would end the fuzzer's own session and token (it learns
# the token's id from the listing); both are covered by the integration tests.
status=0
# Its example database and crash cache go to the throwaway directory, not the repository.
cd "$DATA"
schemathesis --config-file "$CONFIG" run "$BASE/api/v1/openapi.json" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,response_schema_conformance \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "${KOPROGO_FUZZ_EXAMPLES:-25}" \
  --exclude-path /api/v1/auth/logout \
  --exclude-path "/api/v1/auth/tokens/{id}" \
  --workers 2 \
  --generation-with-security-parameters false \
  --seed "${KOPROGO_FUZZ_SEED:-8}" \
  --no-color || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log (last 60 lines) ---"
  tail -n 60 "$LOG"
fi
exit "$status"
