# permit-check: `make demo` sets up and scans the bundled examples; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup system-deps test-deps demo test lint benchmark examples clean

# libmagic1 is the system library behind content detection (Debian/Ubuntu package name).
system-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libmagic\.so\.1'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmagic1; \
	  else \
	    echo "permit-check needs libmagic: run 'sudo apt-get install libmagic1' (Debian/Ubuntu) or 'brew install libmagic' (macOS)"; \
	    exit 1; \
	  fi; \
	fi

# The tests also render the HTML report in Debian's Chromium.
test-deps: system-deps
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "the tests need Chromium: run 'sudo apt-get install chromium'"; \
	    exit 1; \
	  fi; \
	fi

$(BIN)/permit-check: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: system-deps $(BIN)/permit-check

demo: setup
	-$(BIN)/permit-check examples/returned-application
	$(BIN)/permit-check examples/ready-application

test: setup test-deps
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests examples benchmarks
	$(BIN)/mypy

# The corpus (about 2,000 files, 600 MB) is generated once, deterministically, outside git.
benchmark: setup
	$(BIN)/python benchmarks/scan_examples.py
	test -d benchmarks/.corpus || $(BIN)/python benchmarks/corpus.py
	$(BIN)/python benchmarks/run.py

examples: setup
	$(BIN)/python examples/generate.py --expected

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
