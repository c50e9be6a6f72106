# Two commands do everything: `make run` and `make test` (see README.md).
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench lint setup clean

run:
	@bash packaging/bootstrap.sh run
	@$(PY) -m kadr --example

test:
	@bash packaging/bootstrap.sh test
	@$(PY) -m pytest

bench:
	@bash packaging/bootstrap.sh test
	@$(PY) benchmarks/run.py

lint:
	@bash packaging/bootstrap.sh test
	@$(VENV)/bin/ruff check app tests benchmarks
	@$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache
