# Two commands do everything on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install migrate demo bench lint format clean

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)
	@test -f .env || cp .env.example .env

migrate: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable

demo: migrate
	$(BIN)/python manage.py load_demo

# Web server on 127.0.0.1:8000 and the task worker beside it; Ctrl-C stops both.
run: demo
	$(BIN)/python manage.py schedule_heartbeat
	@echo "Web: http://127.0.0.1:8000  (sign-ins in README.md; email goes to var/mail/)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(BIN)/python manage.py db_worker --queue-name '*' --interval 2 & \
	  $(BIN)/python manage.py runserver 127.0.0.1:8000; \
	  wait

test: install
	$(BIN)/python -m playwright --version >/dev/null
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -q -n 2 --dist loadfile

# Benchmarks (docs/benchmarks.md): scratch databases, JSON then a summary. BENCH_QUICK=1: small sizes.
bench: install
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles var db.sqlite3*
