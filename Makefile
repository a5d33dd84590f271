# permit-check: `make demo` sets up and scans the bundled examples; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup system-deps test-deps demo test lint benchmark examples screenshots clean

# $(call need,CHECK,PACKAGE,ADVICE): when CHECK fails, installs the Debian PACKAGE as root, else prints ADVICE.
need = if ! $(1); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2); \
	  else echo "$(3)"; exit 1; fi; \
	fi

# libmagic1 is the system library behind content detection; Tesseract's English and French language
# data let the bundled OCR engine (tesserocr) read passports' MRZ and scanned letters.
TESSDATA_CHECK = ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata /usr/share/tesseract-ocr/*/tessdata/fra.traineddata >/dev/null 2>&1
system-deps:
	@$(call need,ldconfig -p 2>/dev/null | grep -q 'libmagic\.so\.1',libmagic1,permit-check needs libmagic: run 'sudo apt-get install libmagic1' (Debian/Ubuntu) or 'brew install libmagic' (macOS))
	@$(call need,$(TESSDATA_CHECK),tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra,permit-check needs the OCR language data: run 'sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra' (Debian/Ubuntu) or 'brew install tesseract tesseract-lang' (macOS))

# The tests also render the HTML report in Debian's Chromium (about 130 Debian packages with its dependencies),
# and draw passports' MRZ in the OCR-B font.
test-deps: system-deps
	@$(call need,[ -x /usr/bin/chromium ],chromium,the tests need Chromium: run 'sudo apt-get install chromium')
	@$(call need,[ -f /usr/share/fonts/opentype/ocr-b/OCRB.otf ],fonts-ocr-b,the tests need the OCR-B font: run 'sudo apt-get install fonts-ocr-b')

$(BIN)/permit-check: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: system-deps $(BIN)/permit-check

# The returned example has errors by design: its exit code 1 is expected, and said, not an error of make.
demo: setup
	@$(BIN)/permit-check examples/returned-application; code=$$?; \
	  if [ $$code = 1 ]; then echo "(exit code 1: problems found, as expected for this example)"; \
	  elif [ $$code != 0 ]; then exit $$code; fi
	@echo
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

# The HTML report's pictures in docs/ (both examples at 1280 and 390 px, and printed to PDF), drawn by Chromium.
screenshots: setup test-deps
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
