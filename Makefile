# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: demo test test-wheel lint bench docs clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,plot,lint]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/qca demo --force

test: $(VENV)/.installed
	$(PY) -m pytest -q --durations=20
	$(MAKE) test-wheel

# The bundled data must load from a built wheel too, not only from the source tree. The wheel is
# unpacked into build/wheel-site (its dependencies are already in .venv) and imported from there,
# from outside the source tree, ahead of the editable install.
test-wheel: $(VENV)/.installed
	rm -rf dist build/wheel-site
	$(PY) -m pip wheel --quiet --no-deps -w dist .
	$(PY) -m pip install --quiet --no-deps --target build/wheel-site dist/qca-*.whl
	cd /tmp && PYTHONPATH=$(CURDIR)/build/wheel-site $(CURDIR)/$(PY) -c \
	  "import qca, sys; assert '/build/wheel-site/' in qca.__file__, qca.__file__; sys.exit(qca.datasets._self_check())"

# ruff's rules and mypy's settings are in pyproject.toml (why each rule is on or off is said there).
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check qca tests benchmarks
	$(VENV)/bin/ruff format --check qca tests benchmarks
	$(VENV)/bin/mypy

# Every family of benchmarks/run.py with R QCA beside it when installed (one run, ratios), then
# the necessity and cold-start families. --quick (one run per timing, 10 s limit per stage, R
# too) keeps it under about 15 minutes on 2 cores; `make bench BENCH_FLAGS=` is the long run.
BENCH_FLAGS ?= --quick
bench: $(VENV)/.installed
	$(PY) benchmarks/run.py $(BENCH_FLAGS)

# The documentation site (docs/conf.py): warnings are errors, every notebook is executed.
# Only this target installs the docs extra. Output: docs/_build/html/index.html
docs: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[docs]'
	MPLBACKEND=Agg $(VENV)/bin/sphinx-build -W --keep-going -q -b html docs docs/_build/html

clean:
	rm -rf $(VENV) dist build runs docs/_build docs/api docs/datasets
