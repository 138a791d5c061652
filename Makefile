# KoproGo — the two commands a new user needs:
#   make run    builds the app and serves it on http://127.0.0.1:3000 (SQLite, demo data)
#   make test   runs every check CI runs (fmt, clippy, unit, PostgreSQL + SQLite, Playwright)
SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/koprogo/target
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test build bench bench-documents fmt

run:
	scripts/tools.sh rust_tools npm_tools
	scripts/build.sh
	LEPTOS_SITE_ROOT=target/site KOPROGO_DATA_DIR=$${KOPROGO_DATA_DIR:-./data} \
		$(CARGO_TARGET_DIR)/server-release/koprogo serve --seed-demo

test:
	scripts/test.sh

build:
	scripts/tools.sh rust_tools npm_tools
	scripts/build.sh

bench:
	scripts/bench.sh

bench-documents:
	scripts/bench-documents.sh

fmt:
	cargo fmt --all
