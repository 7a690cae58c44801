# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
FUZZ_EXAMPLES ?= 200
QUOTES ?= 1000000

.PHONY: run test test-sqlite fuzz soak lint format bench setup install clean system-packages

# Local use: DEBUG on (a throwaway secret key, SQLite). Production sets its own environment.
setup run bench: export DEBUG ?= true

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@echo "==> Creating the virtualenv in $(VENV) and installing requirements"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed

setup: install
	@echo "==> Migrating the database"
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	@echo "==> Loading the demo data"
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py create_local_logins

run: setup
	@echo "==> Serving on http://$(HOST):$(PORT)/ (admin at /admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

system-packages:
	@bash .ci/system-packages

test: install system-packages
	DJANGO_SETTINGS_MODULE=config.test_settings $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS)

test-sqlite: install system-packages
	TEST_DATABASE=sqlite $(BIN)/pytest -n $(PYTEST_WORKERS)

# A longer schemathesis run than the one in `make test`: FUZZ_EXAMPLES examples per operation.
fuzz: install system-packages
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/test_api_fuzz.py -v

# Concurrent writes through gunicorn with a worker killed mid-run (not part of `make test`).
SOAK_SECONDS ?= 60
soak: install system-packages
	SOAK_SECONDS=$(SOAK_SECONDS) $(BIN)/python bench/soak.py

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
	@command -v redis-server >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get install -y -q redis-server; } \
		|| echo "==> redis-server is not installed: the app behind the response cache is not measured"
	QUOTES=$(QUOTES) $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
