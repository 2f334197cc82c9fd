"""qca: Qualitative Comparative Analysis in Python.

The pipeline, one module each: :mod:`qca.calibrate` (raw scores to set memberships),
:mod:`qca.truthtable`, :mod:`qca.minimize` (exact Boolean minimization), :mod:`qca.fit`
(parameters of fit) and :mod:`qca.necessity`. Results agree with R's QCA package (3.25).
"""

from __future__ import annotations

# The order below matters (so import sorting is off for this file): a submodule named like a
# function (`qca.calibrate`, `qca.minimize`, `qca.fit`) is imported first, then the function of
# the same name is bound over it, so that `qca.fit(...)` is the function while
# `from qca.fit import sufficiency_fit` still finds the module.
# ruff: noqa: I001
from ._version import __version__
from . import exceptions, expressions, setops, datasets, plots
from .exceptions import QCAError
from . import calibrate as _calibrate_module  # noqa: F401
from .calibrate import calibrate
from .setops import fuzzy_and, fuzzy_or, negate
from .truthtable import TruthTable, truth_table
from . import minimize as _minimize_module  # noqa: F401
from .minimize import Model, Solution, minimize
from .fit import FitTable, fit
from .necessity import NecessityResult, necessity
from .esa import find_rows
from .theory import model_fit

# robustness sweeps (issue 10): the package is imported first, then the function bound over it
from . import robustness as _robustness_module  # noqa: F401
from .robustness import RobustnessResult, robustness

# R's QCA: several outcomes, expression outcomes, causalChain (issue 14)
from . import outcomes
from .outcomes import causal_chain, minimize_outcomes
from .labels import replace_categories
from .thresholds import find_th, parse_thresholds
from .xplot import x_plot
from . import measures
from .pofind import pofind
from .expressions.factor import factorize, invert, to_pos
from .retention import retention
from .simulation import complexity, generate
from .cluster import cluster

# SetMethods' skew.check (issue 14)
from .skew import skew_check

# inference for set relations (permutation tests, bootstrap intervals, power): qca.inference
from . import inference

# case selection for process tracing (Schneider & Rohlfing; SetMethods' smmr)
from .cases import (
    case_pairs,
    case_roles,
    focal_conjunct_cases,
    focal_conjunct_pairs,
    necessity_case_pairs,
    necessity_case_roles,
)
from .configurations import ConfigurationChart, configuration_chart

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
# say so at import (one metadata look-up).
from ._installation import warn_if_shadowed as _warn_if_shadowed

_warn_if_shadowed()
