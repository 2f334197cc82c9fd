"""``import qca`` is lazy: heavy dependencies load when a stage needs them, and every public name
is the same object it was when the package imported everything up front."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import qca

ROOT = Path(__file__).resolve().parents[1]

# What each public name was when qca/__init__.py imported everything eagerly: the module that
# defines it (``__module__``), or "module" for a public submodule.
PUBLIC = {
    "ConfigurationChart": "qca.configurations",
    "FitTable": "qca.fit",
    "Model": "qca.minimize.solution",
    "NecessityResult": "qca.necessity",
    "QCAError": "qca.exceptions",
    "RobustnessResult": "qca.robustness.result",
    "Solution": "qca.minimize.solution",
    "TruthTable": "qca.truthtable.table",
    "calibrate": "qca.calibrate",
    "case_pairs": "qca.cases",
    "case_roles": "qca.cases",
    "causal_chain": "qca.outcomes",
    "cluster": "qca.cluster",
    "complexity": "qca.simulation",
    "configuration_chart": "qca.configurations",
    "datasets": "module",
    "exceptions": "module",
    "expressions": "module",
    "factorize": "qca.expressions.factor",
    "find_rows": "qca.esa",
    "find_th": "qca.thresholds",
    "fit": "qca.fit",
    "focal_conjunct_cases": "qca.cases",
    "focal_conjunct_pairs": "qca.cases",
    "fuzzy_and": "qca.setops",
    "fuzzy_or": "qca.setops",
    "generate": "qca.simulation",
    "inference": "module",
    "invert": "qca.expressions.factor",
    "measures": "module",
    "minimize": "qca.minimize.solve",
    "minimize_outcomes": "qca.outcomes",
    "model_fit": "qca.theory",
    "necessity": "qca.necessity",
    "necessity_case_pairs": "qca.cases",
    "necessity_case_roles": "qca.cases",
    "negate": "qca.setops",
    "outcomes": "module",
    "parse_thresholds": "qca.thresholds",
    "plots": "module",
    "pofind": "qca.pofind",
    "replace_categories": "qca.labels",
    "retention": "qca.retention",
    "robustness": "qca.robustness.sweep",
    "setops": "module",
    "to_pos": "qca.expressions.factor",
    "truth_table": "qca.truthtable.build",
    "x_plot": "qca.xplot",
}

# Submodules named like the function they export: after any import of the submodule,
# `qca.<name>` must still be the function.
SHADOWED = [
    "calibrate",
    "cluster",
    "fit",
    "minimize",
    "necessity",
    "pofind",
    "retention",
    "robustness",
]

HEAVY = ["scipy", "matplotlib", "joblib", "tqdm", "dask", "distributed", "highspy"]


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _loaded_after(code: str) -> set[str]:
    """Top-level packages in sys.modules after running ``code`` in a fresh interpreter."""
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    return set(json.loads(_python(script).splitlines()[-1]))


def test_import_qca_loads_no_heavy_dependency() -> None:
    loaded = _loaded_after("import qca")
    assert loaded.isdisjoint([*HEAVY, "pandas", "numpy"]), loaded & {*HEAVY, "pandas", "numpy"}


def test_the_cli_minimize_path_loads_only_what_it_needs(tmp_path: Path) -> None:
    data = tmp_path / "LF.csv"
    qca.datasets.load("LF").to_csv(data)
    code = (
        "import contextlib, io\nfrom qca.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['minimize', {str(data)!r}, '--outcome', 'SURV', '--incl-cut', '0.8',"
        " '--include', '?']) == 0"
    )
    loaded = _loaded_after(code)
    assert loaded.isdisjoint(["scipy", "matplotlib", "joblib", "tqdm", "dask", "distributed"]), (
        loaded
    )


def test_a_small_minimize_loads_neither_highspy_nor_the_optional_parts() -> None:
    """HiGHS loads only for a chart that needs a 0/1 program (Lipset's does not), and the
    intermediate, temporal and ambiguity parts of the stage only when used."""
    code = (
        "import qca\ntt = qca.truth_table(qca.datasets.load('LF'), 'SURV', incl_cut=0.8)\n"
        "sol = qca.minimize(tt, include='?')\nimport sys\n"
        "optional = ['qca.minimize.intermediate', 'qca.minimize.temporal',"
        " 'qca.minimize.ambiguity']\n"
        "assert not any(m in sys.modules for m in optional), sys.modules.keys()\n"
        "from qca.minimize import IntermediatePair\n"
        "assert IntermediatePair.__module__ == 'qca.minimize.intermediate'\n"
        "assert sol.ambiguity().n_models == 1"
    )
    assert "highspy" not in _loaded_after(code)


def test_every_public_name_is_what_it_was() -> None:
    assert set(PUBLIC) <= set(qca.__all__)
    for name, origin in PUBLIC.items():
        value = getattr(qca, name)
        if origin == "module":
            assert isinstance(value, types.ModuleType) and value.__name__ == f"qca.{name}", name
        else:
            assert not isinstance(value, types.ModuleType), name
            assert (value.__module__, value.__name__) == (origin, name)
            assert value is getattr(sys.modules[origin], name)
    assert qca.negate is qca.setops.negate
    assert isinstance(qca.__version__, str)


def test_the_lazy_table_the_type_checking_imports_and_all_agree() -> None:
    tree = ast.parse((ROOT / "qca" / "__init__.py").read_text(encoding="utf-8"))
    typed: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom):
                    typed.update(alias.asname or alias.name for alias in statement.names)
    eager = {"__version__", "QCAError", "exceptions"}
    modules = {n for n in qca.__all__ if isinstance(getattr(qca, n), types.ModuleType)}
    assert set(qca._EXPORTS) | modules | eager == set(qca.__all__)
    assert typed == (set(qca.__all__) - eager)
    for name, module in qca._EXPORTS.items():
        value = getattr(qca, name)
        assert not isinstance(value, types.ModuleType), name
        assert value is getattr(sys.modules["qca" + module], name), name


def test_star_import_and_dir_list_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from qca import *", namespace)
    assert set(qca.__all__) <= set(namespace)
    assert set(qca.__all__) <= set(dir(qca))


@pytest.mark.parametrize("first", ["submodule", "function"])
def test_a_function_named_like_its_module_stays_the_function(first: str) -> None:
    """Importing ``qca.fit`` (any submodule named like a function) binds the module on the
    package; `qca.fit` must remain the function, whichever comes first."""
    imports = "\n".join(f"import qca.{name}" for name in SHADOWED)
    reads = "\n".join(f"assert callable(qca.{name}), qca.{name}" for name in SHADOWED)
    code = "import qca\n" + (
        f"{imports}\n{reads}" if first == "submodule" else f"{reads}\n{imports}\n{reads}"
    )
    code += (
        "\nfrom qca import fit, minimize\nassert callable(fit) and callable(minimize)"
        "\nfrom qca.fit import sufficiency_fit\nfrom qca.minimize import Solution"
        "\nimport sys\nassert sys.modules['qca.minimize'].minimize is qca.minimize"
        "\nassert qca.fit.__name__ == 'fit' and qca.minimize.__module__ == 'qca.minimize.solve'"
    )
    _python(code)


def test_submodules_are_reachable_as_attributes() -> None:
    assert qca.truthtable.TruthTable is qca.TruthTable
    assert isinstance(qca._core, types.ModuleType)
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = qca.no_such_name  # type: ignore[attr-defined]
    assert not hasattr(qca, "__wrapped__")
