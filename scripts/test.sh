#!/usr/bin/env bash
# The whole test suite, as CI runs it: format, lints (server and wasm), unit and integration
# tests on PostgreSQL and SQLite (the tenancy matrix among them), the release build, then
# Playwright and schemathesis against the real release server. Installs what is missing
# first. Prints the time of each step.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/koprogo/target}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-always}"

started=$(date +%s)
step() {
  local name=$1; shift
  local t0; t0=$(date +%s)
  printf '\n\033[1;34m==> %s\033[0m\n' "$name"
  "$@"
  printf '\033[1;32m    %s: %ss\033[0m\n' "$name" "$(( $(date +%s) - t0 ))"
}

step "tools" scripts/tools.sh rust_tools npm_tools python_tools chromium postgres
step "fmt" cargo fmt --all -- --check
step "clippy (server)" cargo clippy --workspace --exclude frontend --all-targets --locked -- -D warnings
step "clippy (browser)" cargo clippy -p frontend -p app --features app/hydrate \
  --target wasm32-unknown-unknown --locked -- -D warnings
export KOPROGO_TEST_PG_URL="${KOPROGO_TEST_PG_URL:-postgres://koprogo_test:koprogo_test@127.0.0.1:5432/postgres}"
step "unit and integration tests (PostgreSQL + SQLite)" cargo test --workspace --exclude frontend --locked
# The browser and fuzzing suites run against the release build, the one that ships: a
# failure only a release build shows (it happened) is caught here.
step "release build" scripts/build.sh
export KOPROGO_BIN="$CARGO_TARGET_DIR/server-release/koprogo"
step "end-to-end (Playwright, Chromium)" npx playwright test --config end2end/playwright.config.ts
step "API fuzzing (schemathesis)" scripts/fuzz-api.sh

printf '\n\033[1;32mAll checks passed in %ss.\033[0m\n' "$(( $(date +%s) - started ))"
