# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run test test-sqlite lint format bench setup install clean system-packages

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@echo "==> Creating the virtualenv in $(VENV) and installing requirements"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed

setup: install
	@echo "==> Migrating the database"
	$(BIN)/python manage.py migrate --no-input
	@echo "==> Loading the demo data"
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py create_local_logins

run: setup
	@echo "==> Serving on http://$(HOST):$(PORT)/ (admin at /admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

system-packages:
	@bash .ci/system-packages

test: install system-packages
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS)

test-sqlite: install system-packages
	TEST_DATABASE=sqlite $(BIN)/pytest -n $(PYTEST_WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
