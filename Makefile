# justif: `make demo` sets everything up and verifies the bundled sample dossiers;
# `make test` sets everything up and runs the whole suite (what .ci/run calls).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages: OCR engine and French model, the MRZ font, fonts for sample documents,
# pdftoppm, `ss` (tests check the S3 server binds loopback only), venv support,
# PostgreSQL (the tests run every database test on it as well as on SQLite), and chromium
# (the staff web app's browser tests drive it with Playwright).
DEB_PACKAGES := tesseract-ocr tesseract-ocr-fra fonts-ocr-b fonts-dejavu-core poppler-utils \
	iproute2 python3-venv postgresql chromium
DEMO_SOURCE := s3://justif-demo/session-2026
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system-packages demo test lint clean

setup: system-packages $(VENV)/.installed

system-packages:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installation des paquets Debian : $$missing"; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml requirements.lock
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $@

demo: setup
	$(BIN)/justif s3-local start
	trap '$(BIN)/justif s3-local stop' EXIT; \
	$(BIN)/justif upload sample_docs/dossiers $(DEMO_SOURCE); \
	$(BIN)/justif verify $(DEMO_SOURCE) --out var/demo/results.jsonl

test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest -q --durations=10

lint: setup
	$(BIN)/ruff check .

clean:
	-[ -x $(BIN)/justif ] && $(BIN)/justif s3-local stop
	rm -rf var .pytest_cache .ruff_cache .hypothesis
