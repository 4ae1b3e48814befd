PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
PROCESSES ?= 2
FIRST_PORT ?= 8601

.PHONY: run serve-multi test screenshots chromium lint demo clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Start the dashboard on http://localhost:$(PORT) (warmed at start: serve.py), loading the demo survey into an empty database.
run: $(VENV)/.runtime
	$(PY) -m cxcore demo --if-empty
	$(PY) serve.py --server.port $(PORT)

# Serve from $(PROCESSES) processes on ports $(FIRST_PORT)… for a proxy with sticky sessions (deploy/).
serve-multi: $(VENV)/.runtime
	$(PY) deploy/serve_multi.py --processes $(PROCESSES) --port $(FIRST_PORT)

# Run every test (unit, database, Streamlit AppTest and the Chromium end-to-end tests).
test: $(VENV)/.dev chromium
	$(PY) -m pytest -q

# Refresh the README's screenshots in docs/screenshots from the Chromium upload test.
screenshots: $(VENV)/.dev chromium
	CX_SCREENSHOTS=$(CURDIR)/docs/screenshots $(PY) -m pytest -q tests/browser/test_upload_in_chromium.py

# Debian's chromium for the browser tests: installed when we may (root), else the one command.
chromium:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq chromium; \
	else \
		echo "The browser tests need Chromium; run: sudo apt-get install -y chromium" >&2; exit 2; \
	fi

# Lint and check formatting.
lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Remove the local database (the next `make run` loads the demo again).
clean:
	rm -f data/cx.sqlite data/cx.sqlite-wal data/cx.sqlite-shm
