# Two commands a newcomer needs: `make app` (the dashboard on the sample data) and
# `make test` (the whole suite). Both create the venv and install on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: app test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The distribution was called "provenance" before 0.1 was renamed provenance-news (the PyPI
# name is taken): drop an old editable install so one distribution provides the package.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip uninstall --quiet --yes provenance 2>/dev/null || true
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

app: $(STAMP)
	$(BIN)/streamlit run app.py --server.headless true --browser.gatherUsageStats false

# Lint and types first (seconds), then the suite. pytest exits 5 when it collected no tests:
# say so, a run that checked nothing is a failure.
test: lint
	@$(BIN)/pytest -q || { rc=$$?; [ $$rc -ne 5 ] || echo "make test: no tests collected" >&2; exit $$rc; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts app.py
	$(BIN)/ruff format --check src tests benchmarks scripts app.py
	$(BIN)/mypy src

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_analysis.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
