# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: demo test test-wheel bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,plot]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/qca demo

test: $(VENV)/.installed
	$(PY) -m pytest -q
	$(MAKE) test-wheel

# The bundled data must load from a built wheel too, not only from the source tree.
test-wheel: $(VENV)/.installed
	rm -rf dist .venv-wheel
	$(PY) -m pip wheel --quiet --no-deps -w dist .
	$(PYTHON) -m venv .venv-wheel
	.venv-wheel/bin/python -m pip install --quiet dist/qca-*.whl
	cd /tmp && $(CURDIR)/.venv-wheel/bin/python -c "import qca, sys; sys.exit(qca.datasets._self_check())"

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .venv-wheel dist build runs
