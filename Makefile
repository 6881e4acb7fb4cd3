# Kolokol. `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.DEFAULT_GOAL := help
.PHONY: help run setup install install-test test lint format messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

run: install setup ## Set up everything and serve the demo on http://127.0.0.1:$(PORT)
	$(BIN)/kolokol serve --port $(PORT)

setup: install ## Migrate, collect static files, load the demo into an empty site
	$(BIN)/kolokol setup

install: $(VENV)/.installed ## Create the virtualenv and install Kolokol into it

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Kolokol needs Python 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

node_modules/axe-core/axe.min.js: package.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: accessibility tests will be skipped"; fi

test: install-test ## Run the whole test suite (DATABASE_URL picks the database)
	-@$(MAKE) --no-print-directory node_modules/axe-core/axe.min.js
	$(BIN)/pytest

lint: install-test ## Check style (ruff), the apps' layers (import-linter) and types (mypy)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	KOLOKOL_DATA_DIR="$$(mktemp -d)" $(BIN)/mypy

format: install-test ## Reformat the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update and compile the translation catalogues (needs gettext)
	cd kolokol && ../$(BIN)/kolokol makemessages -l ru -l ky -l fa --no-obsolete --ignore 'testing/*' --ignore '*/tests/*' --ignore 'demo/content_*'
	cd kolokol && ../$(BIN)/kolokol compilemessages

clean: ## Remove the virtualenv and node modules (keeps var/, your data)
	rm -rf $(VENV) node_modules
