PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint demo clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Start the dashboard on http://localhost:$(PORT), loading the demo survey into an empty database.
run: $(VENV)/.runtime
	$(PY) -m cxcore demo --if-empty
	$(PY) -m streamlit run app.py --server.port $(PORT)

# Run every test (unit, database, Streamlit AppTest and the Chromium end-to-end test).
test: $(VENV)/.dev
	$(PY) -m pytest -q

# Lint and check formatting.
lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Remove the local database (the next `make run` loads the demo again).
clean:
	rm -f data/cx.sqlite data/cx.sqlite-wal data/cx.sqlite-shm
