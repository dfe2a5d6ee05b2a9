# The two commands a newcomer needs:  make serve   and   make test
VENV := .venv
PY := $(VENV)/bin/python

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

.PHONY: install serve test bench
install: $(VENV)/.installed

serve: $(VENV)/.installed  ## run the service on its defaults: shipped model, SQLite, gunicorn on :8000
	$(PY) serve.py

test: $(VENV)/.installed  ## lint and run every test (starts PostgreSQL, installs Chromium if missing)
	bash scripts/test-services.sh
	$(PY) -m ruff check .
	$(PY) -m pytest

bench: $(VENV)/.installed  ## performance figures (see README, Performance; installs Debian's wrk if missing)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	$(PY) -m pip install -q -e ".[bench]"
	$(PY) -m benchmarks
