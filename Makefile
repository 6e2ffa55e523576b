# The README's commands. `make demo` and `make test` each work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test engine-start engine-stop bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,build]'
	touch $(STAMP)

install: $(STAMP)

## The main job on the embedded default: serve the sample site, crawl, index into SQLite, search.
demo: $(STAMP)
	$(VENV)/bin/wirewatch demo

## The whole test suite; tests/conftest.py starts (and stops) the real OpenSearch node.
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

engine-start: $(STAMP)
	$(VENV)/bin/wirewatch engine start

engine-stop: $(STAMP)
	$(VENV)/bin/wirewatch engine stop

bench: $(STAMP)
	$(PY) benchmarks/crawl_throughput.py
	$(PY) benchmarks/search_latency.py --n 100000
	$(PY) benchmarks/extract/run.py
	$(PY) benchmarks/extract/pool_bench.py
	$(PY) benchmarks/taxonomy/run.py

clean:
	rm -rf $(VENV) build *.egg-info
