"""Every public function documents itself with an example on a bundled data set.

The examples themselves run as doctests: ``pytest`` collects ``qca/`` with ``--doctest-modules``
(pyproject.toml), so an example whose output changes fails the suite. This file checks that
each public function has one, that it works on a bundled data set (R's Lipset data, ...) rather
than a hand-made toy, and that the doctest run stays switched on.
"""

from __future__ import annotations

import doctest
import inspect
import tomllib
from pathlib import Path

import pytest

import qca

ROOT = Path(__file__).resolve().parents[1]

# Modules whose public functions analyse data: their examples load a bundled data set.
DATA_MODULES = (qca, qca.datasets, qca.setops, qca.plots)
# Functions on expressions alone (no data): an example, on expressions written out.
EXPRESSION_MODULES = (qca.expressions,)


def _public_functions(modules: tuple) -> list[tuple[str, object]]:
    found = {}
    for module in modules:
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return sorted(found.items())


def _examples(obj: object) -> list[doctest.Example]:
    tests = doctest.DocTestFinder(recurse=False).find(obj)
    return [example for test in tests for example in test.examples]


@pytest.mark.parametrize(("name", "function"), _public_functions(DATA_MODULES))
def test_example_uses_a_bundled_data_set(name: str, function: object) -> None:
    examples = _examples(function)
    assert examples, f"{name} has no example"
    source = "".join(example.source for example in examples)
    assert "datasets." in source, f"{name}: the example does not use a bundled data set"
    assert "SimpleNamespace" not in source and "pd.DataFrame(" not in source, name


@pytest.mark.parametrize(("name", "function"), _public_functions(EXPRESSION_MODULES))
def test_expression_functions_have_examples(name: str, function: object) -> None:
    assert _examples(function), f"{name} has no example"


def test_examples_run_as_doctests() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in options["addopts"].split()
    assert "qca" in options["testpaths"]


def _result_classes() -> list[tuple[str, type]]:
    return sorted(
        (name, obj)
        for name in qca.__all__
        if inspect.isclass(obj := getattr(qca, name)) and not issubclass(obj, BaseException)
    )


@pytest.mark.parametrize(("name", "cls"), _result_classes())
def test_result_classes_have_examples_on_bundled_data(name: str, cls: type) -> None:
    source = "".join(example.source for example in _examples(cls))
    assert "datasets." in source, f"qca.{name}: no example on a bundled data set"
