# Narrascope: the README commands.  `make demo` sets up and runs the main job on the
# bundled examples; `make test` sets up and runs the test suite.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stamp-install
OUT    ?= out

.PHONY: setup demo test test-fast lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[all,dev,bench]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	mkdir -p $(OUT)
	rm -f $(OUT)/demo.db $(OUT)/demo.db-wal $(OUT)/demo.db-shm
	$(BIN)/narrascope analyze src/narrascope/examples --db $(OUT)/demo.db --out $(OUT)/demo.json
	$(BIN)/narrascope report --db $(OUT)/demo.db -o $(OUT)/demo-report.html || true
	@echo
	@echo "Result: $(OUT)/demo.json   Report: $(OUT)/demo-report.html"
	@echo "Explore: $(BIN)/narrascope serve --db $(OUT)/demo.db"

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser and not postgres and not ray"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/bench_clean.py --n 10000
	$(BIN)/python bench/bench_extract.py --n 10000 --rounds 10 --n-process 2
	$(BIN)/python bench/bench_characterise.py --n 10000 --embedder static
	$(BIN)/python bench/bench_stories.py --sizes 1000 10000 100000 --embed-sample 200
	$(BIN)/python bench/bench_api.py --docs 100000 --clients 4 --seconds 30
	$(BIN)/python bench/bench_pipeline.py --sizes 1000 10000 --systems narrascope narrascope-w2 ray-1 ray-2 peer spacy

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
