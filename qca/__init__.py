"""qca: Qualitative Comparative Analysis in Python.

The pipeline, one module each: :mod:`qca.calibrate` (raw scores to set memberships),
:mod:`qca.truthtable`, :mod:`qca.minimize` (exact Boolean minimization), :mod:`qca.fit`
(parameters of fit) and :mod:`qca.necessity`. Results agree with R's QCA package (3.25).
"""

from __future__ import annotations

import importlib as _importlib
import sys as _sys
import types as _types
from typing import TYPE_CHECKING, Any

from . import exceptions
from ._installation import warn_if_shadowed as _warn_if_shadowed
from ._version import __version__
from .exceptions import QCAError

# `import qca` loads only the lines above; every other public name is imported from its module
# when it is first read (PEP 562), so `import qca` and the CLI do not pay for pandas, scipy,
# matplotlib or joblib before a stage needs them. Public name -> the module that defines it:
_EXPORTS: dict[str, str] = {
    "calibrate": ".calibrate",
    "fuzzy_and": ".setops",
    "fuzzy_or": ".setops",
    "negate": ".setops",
    "TruthTable": ".truthtable",
    "truth_table": ".truthtable",
    "Model": ".minimize",
    "Solution": ".minimize",
    "minimize": ".minimize",
    "FitTable": ".fit",
    "fit": ".fit",
    "NecessityResult": ".necessity",
    "necessity": ".necessity",
    "find_rows": ".esa",
    "model_fit": ".theory",
    # robustness sweeps (issue 10)
    "RobustnessResult": ".robustness",
    "robustness": ".robustness",
    # R's QCA: several outcomes, expression outcomes, causalChain (issue 14)
    "causal_chain": ".outcomes",
    "minimize_outcomes": ".outcomes",
    "replace_categories": ".labels",
    "find_th": ".thresholds",
    "parse_thresholds": ".thresholds",
    "x_plot": ".xplot",
    "pofind": ".pofind",
    "factorize": ".expressions.factor",
    "invert": ".expressions.factor",
    "to_pos": ".expressions.factor",
    "retention": ".retention",
    "complexity": ".simulation",
    "generate": ".simulation",
    "cluster": ".cluster",
    "skew_check": ".skew",
    # case selection for process tracing (Schneider & Rohlfing; SetMethods' smmr)
    "case_pairs": ".cases",
    "case_roles": ".cases",
    "focal_conjunct_cases": ".cases",
    "focal_conjunct_pairs": ".cases",
    "necessity_case_pairs": ".cases",
    "necessity_case_roles": ".cases",
    "ConfigurationChart": ".configurations",
    "configuration_chart": ".configurations",
}
# Submodules, public (qca.datasets, qca.plots, qca.inference, ...) or not, are imported when first
# read: see `__getattr__` below.

if TYPE_CHECKING:  # the same names, imported for type checkers and IDEs
    from . import datasets, expressions, inference, measures, outcomes, plots, setops
    from .calibrate import calibrate
    from .cases import (
        case_pairs,
        case_roles,
        focal_conjunct_cases,
        focal_conjunct_pairs,
        necessity_case_pairs,
        necessity_case_roles,
    )
    from .cluster import cluster
    from .configurations import ConfigurationChart, configuration_chart
    from .esa import find_rows
    from .expressions.factor import factorize, invert, to_pos
    from .fit import FitTable, fit
    from .labels import replace_categories
    from .minimize import Model, Solution, minimize
    from .necessity import NecessityResult, necessity
    from .outcomes import causal_chain, minimize_outcomes
    from .pofind import pofind
    from .retention import retention
    from .robustness import RobustnessResult, robustness
    from .setops import fuzzy_and, fuzzy_or, negate
    from .simulation import complexity, generate
    from .skew import skew_check
    from .theory import model_fit
    from .thresholds import find_th, parse_thresholds
    from .truthtable import TruthTable, truth_table
    from .xplot import x_plot
else:

    def __getattr__(name: str) -> Any:
        """A public name on first read (then kept in the module's namespace), or a submodule."""
        if name in _EXPORTS:
            value = getattr(_importlib.import_module(_EXPORTS[name], __name__), name)
            globals()[name] = value
            return value
        if not (name.startswith("__") and name.endswith("__")):
            try:
                return _importlib.import_module(f"{__name__}.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"{__name__}.{name}":
                    raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))


class _Package(_types.ModuleType):
    """The class of the `qca` module object: it keeps a function named like its module.

    Importing a submodule binds it on its package (``import qca.fit`` sets ``qca.fit``), which
    would hide the function of the same name (``qca.fit``, ``qca.minimize``, ``qca.calibrate``,
    ...). That binding is skipped for those names: the function is read from the module instead
    (``from qca.fit import sufficiency_fit`` and ``sys.modules["qca.fit"]`` still find it).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if (
            name in _EXPORTS
            and isinstance(value, _types.ModuleType)
            and value.__name__ == f"{__name__}.{name}"
        ):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

__all__ = [
    "ConfigurationChart",
    "FitTable",
    "Model",
    "NecessityResult",
    "QCAError",
    "RobustnessResult",
    "Solution",
    "TruthTable",
    "__version__",
    "calibrate",
    "case_pairs",
    "case_roles",
    "causal_chain",
    "cluster",
    "complexity",
    "configuration_chart",
    "datasets",
    "exceptions",
    "expressions",
    "factorize",
    "find_rows",
    "find_th",
    "fit",
    "focal_conjunct_cases",
    "focal_conjunct_pairs",
    "fuzzy_and",
    "fuzzy_or",
    "generate",
    "inference",
    "invert",
    "measures",
    "minimize",
    "minimize_outcomes",
    "model_fit",
    "necessity",
    "necessity_case_pairs",
    "necessity_case_roles",
    "negate",
    "outcomes",
    "parse_thresholds",
    "plots",
    "pofind",
    "replace_categories",
    "retention",
    "robustness",
    "setops",
    "skew_check",
    "to_pos",
    "truth_table",
    "x_plot",
]

# The `pyqca` distribution installs the import name `qca` too and overwrites this package's files:
# say so at import (one folder listing).
_warn_if_shadowed()
