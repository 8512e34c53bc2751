# The two set-up commands of the README: `make build` and `make test`.
# Each creates .venv with Python 3.11+ and installs what it needs on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test lint bench score train clean chromium wheel-check pictures

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "negotiation-kg needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/kg build

test: $(STAMP) chromium lint
	$(BIN)/python -m pytest

# ruff's linter and formatter, configured in pyproject.toml ([tool.ruff]); `make test` runs it first
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# the browser tests' Chromium, from Debian's packages where this machine allows it (root, apt-get); elsewhere
# those tests skip and say why
chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "no Chromium: the browser tests will skip"

# a wheel, installed in a fresh virtual environment outside the checkout, used as a user would
wheel-check: $(STAMP)
	bash .ci/wheel-check

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

# the scorer and gold files are not part of a clone: say what is needed rather than fail on a missing path
SHARED ?= ../shared
score: $(STAMP)
	@test -f $(SHARED)/eval/score.py || { echo "make score needs the evaluation material: $(SHARED)/eval/score.py with" \
	  "its gold/ and dev/ files (not part of a clone); put it there or run: make score SHARED=/path/to/shared" >&2; exit 2; }
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/gold/*.json $(SHARED)/eval/dev/*.gold.json

# the README's pictures, photographed from the pages kg writes (the seed store, and a multi-article store of
# $(SHARED)/eval/dev where it is, else of the seeds) in headless Chromium
pictures: $(STAMP) chromium
	$(BIN)/python docs/render_pictures.py $(if $(wildcard $(SHARED)/eval/dev),--corpus $(SHARED)/eval/dev)

# the confidence model (kg/data/confidence_model.json), trained on the annotated articles with the scorer's
# matching, and its leave-one-article-out cross-validation
train: $(STAMP)
	$(BIN)/python -m kg.training --scorer $(SHARED)/eval/score.py -o kg/data/confidence_model.json \
	  $(SHARED)/eval/gold/*.json $(SHARED)/eval/dev/*.gold.json

clean:
	rm -rf $(VENV) store .store.* exports/.*.tmp
