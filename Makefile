# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
QUOTES ?= 1000000

.PHONY: run test test-sqlite lint format bench setup install clean

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

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS)

test-sqlite: install
	TEST_DATABASE=sqlite $(BIN)/pytest -n $(PYTEST_WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Not part of `make test`: a throwaway PostgreSQL, QUOTES generated quotes, gunicorn and Datasette under wrk.
bench: install
	$(BIN)/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get install -y -q wrk; } \
		|| echo "==> wrk is not installed: the benchmark drives the servers with Python threads instead"
	QUOTES=$(QUOTES) $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
