# Haven: `make run` serves the web chat; `make test` runs every test CI runs.
# Both create the environments first. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
PYTHON310 ?= $(shell PYENV_VERSION=3.10.13 pyenv which python 2>/dev/null || command -v python3.10)
VENV := .venv
RASA_VENV := .venv-rasa
PYTEST_ARGS ?=

.PHONY: help setup run test lint bench bench-gateway bench-crisis bench-llm train browser clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/service.lock pyproject.toml
	@test -n "$$($(PYTHON) -c 'import sys; print(sys.version_info[:2] == (3, 11) or "")')" \
	  || { echo "Haven's service needs Python 3.11 (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip==25.3"
	$(VENV)/bin/pip install --quiet torch==2.13.0
	$(VENV)/bin/pip install --quiet -r requirements/service.lock
	$(VENV)/bin/pip install --quiet --no-deps -e .
	touch $@

$(RASA_VENV)/.installed: requirements/rasa.lock
	@test -n "$(PYTHON310)" || { echo "Rasa 3.6 needs Python 3.10 (set PYTHON310=...)"; exit 1; }
	$(PYTHON310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install --quiet -r requirements/rasa.lock
	touch $@

setup: $(VENV)/.installed $(RASA_VENV)/.installed ## create both environments from the lock files

train: setup ## train the Rasa model and the crisis head if their inputs changed
	$(VENV)/bin/haven train
	$(VENV)/bin/haven crisis train

run: setup ## serve the web chat on http://127.0.0.1:$${HAVEN_PORT:-8000} (SQLite, local models)
	$(VENV)/bin/haven run

browser:
	@bash scripts/ensure-chromium.sh

test: setup browser train ## run every test (Rasa, SQLite, PostgreSQL, Chromium, models)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

lint: setup ## ruff, mypy and Rasa's own data validation
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check haven api bot consent clinician_console
	$(VENV)/bin/mypy
	$(RASA_VENV)/bin/rasa data validate --domain bot/flows --config config.yml \
	  --data nlu_data/nlu nlu_data/rules nlu_data/stories

bench: bench-gateway bench-crisis bench-llm ## every benchmark (prints figures; not a test)

bench-gateway: setup train ## p50/p95 of the same turns straight to Rasa and through the gateway
	$(VENV)/bin/python benchmarks/gateway_bench.py

bench-crisis: setup train ## crisis classifier p50/p99 per message on one core, and start-up time
	$(VENV)/bin/haven crisis bench

bench-llm: setup ## local model through Haven's serving path vs llama-cpp-python direct
	$(VENV)/bin/python benchmarks/llm_bench.py

clean: ## remove environments, trained models and local data
	rm -rf $(VENV) $(RASA_VENV) models/*.tar.gz data
