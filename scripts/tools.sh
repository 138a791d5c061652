#!/usr/bin/env bash
# Installs what a fresh machine lacks and skips what is already there. Sourced by the
# Makefile's recipes through `scripts/tools.sh <step>...`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/koprogo/target}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The tool installs build in release; these keep them to minutes on two cores.
TOOL_BUILD_ENV=(CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16)
CARGO_LEPTOS_VERSION=0.3.10

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

apt_install() {
  log "apt-get install $*"
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

rust_tools() {
  # josekit (the JOSE crate of the OpenID Connect login) builds on OpenSSL.
  if ! pkg-config --exists openssl 2>/dev/null; then
    apt_install libssl-dev pkg-config
  fi
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 12 minutes on 2 cores)"
    env "${TOOL_BUILD_ENV[@]}" cargo install cargo-leptos --locked \
      --version "$CARGO_LEPTOS_VERSION" --features no_downloads
  fi
  # The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    log "installing wasm-bindgen-cli $want"
    env "${TOOL_BUILD_ENV[@]}" cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

npm_tools() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
  # Swagger UI is served by the app itself (no CDN): copy it into the site's assets.
  mkdir -p public/vendor/swagger-ui
  cp -u node_modules/swagger-ui-dist/swagger-ui.css node_modules/swagger-ui-dist/swagger-ui-bundle.js \
    public/vendor/swagger-ui/
}

pip_install() {
  log "pip install $*"
  python3 -m pip install --quiet --user "$@" 2>/dev/null || python3 -m pip install --quiet "$@"
}

# aiosmtpd: a real SMTP server on loopback for the mail tests; moto: a real S3-compatible
# server on loopback for the documents' storage; schemathesis fuzzes the API from its
# OpenAPI document.
python_tools() {
  python3 -c 'import aiosmtpd' 2>/dev/null || pip_install aiosmtpd
  python3 -c 'import moto.server, flask_cors' 2>/dev/null || pip_install 'moto[server]>=5,<6'
  python3 -c 'import schemathesis.cli' 2>/dev/null || pip_install 'schemathesis>=4.30,<5'
}

chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium fonts-liberation2
  fi
}

# PostgreSQL for the integration tests: installed if absent, started if stopped, with a
# password-authenticated role over TCP that may create databases.
postgres() {
  if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    apt_install postgresql
  fi
  local version cluster status
  read -r version cluster _ status _ < <(pg_lsclusters -h | head -n 1)
  if [ "$status" != "online" ]; then
    log "starting PostgreSQL $version/$cluster"
    sudo_if_needed pg_ctlcluster "$version" "$cluster" start
  fi
  for _ in $(seq 1 30); do
    as_postgres psql -qAtc 'select 1' >/dev/null 2>&1 && break
    sleep 1
  done
  as_postgres psql -qAt <<'SQL' >/dev/null
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'koprogo_test') THEN
    CREATE ROLE koprogo_test LOGIN CREATEDB PASSWORD 'koprogo_test';
  END IF;
END $$;
SQL
}

for step in "$@"; do
  "$step"
done
