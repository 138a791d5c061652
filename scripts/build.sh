#!/usr/bin/env bash
# The release build, the one way every script makes it (run, test, bench): the server with
# fat LTO, the wasm split per page (`--split`: a page's code loads when it is first shown),
# and every build file compressed once here (`--precompress`: .br and .gz beside it) rather
# than on every download. Names carry content hashes (`hash-files` in Cargo.toml).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/koprogo/target}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec cargo leptos build --release --precompress --split "$@"
