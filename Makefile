# DocHarvest developer commands. `make demo` and `make test` install first when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV := $(shell command -v uv 2>/dev/null)

.PHONY: install demo test test-fast lint airflow requirements clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
ifdef UV
	uv venv --allow-existing --python $(PYTHON) $(VENV)
	uv pip install --python $(BIN)/python --compile-bytecode -r requirements.txt -r requirements-dev.txt
	uv pip install --python $(BIN)/python --no-deps -e .
else
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
endif
	@# Bytecode for our own modules too: without it (uv's default, or PYTHONDONTWRITEBYTECODE set)
	@# every command recompiles Airflow & co from source, ~5 s of a one-page job.
	@$(BIN)/python -m compileall -q include dags plugins >/dev/null
	@touch $(STAMP)
	@echo "installed: $(BIN)/docharvest"

demo: install
	$(BIN)/docharvest demo

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check include dags plugins
	$(BIN)/mypy

airflow: install
	$(BIN)/docharvest airflow

# Re-pin after editing requirements*.in (needs uv; works from the package registry alone).
requirements:
	uv pip compile requirements.in --python-version 3.11 -o requirements.txt
	uv pip compile requirements-dev.in --python-version 3.11 -o requirements-dev.txt

clean:
	rm -rf $(VENV) .airflow data .mypy_cache .ruff_cache
