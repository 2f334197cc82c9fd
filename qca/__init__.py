"""qca: Qualitative Comparative Analysis in Python.

The pipeline, one module each: :mod:`qca.calibrate` (raw scores to set memberships),
:mod:`qca.truthtable`, :mod:`qca.minimize` (exact Boolean minimization), :mod:`qca.fit`
(parameters of fit) and :mod:`qca.necessity`. Results agree with R's QCA package (3.25).
"""

from __future__ import annotations

# The module first, then the function: `qca.calibrate` is the function.
from . import calibrate as _calibrate_module  # noqa: F401
from . import datasets, exceptions, expressions, plots, setops

# The subpackage first, then its names: `qca.minimize` is the function.
from . import minimize as _minimize_module  # noqa: F401
from ._version import __version__
from .calibrate import calibrate
from .esa import find_rows
from .exceptions import QCAError

# Last: `qca.fit` is the function; the kernels stay importable with `from qca.fit import ...`.
from .fit import FitTable, fit
from .minimize import Model, Solution, minimize
from .necessity import NecessityResult, necessity
from .setops import fuzzy_and, fuzzy_or, negate
from .theory import model_fit
from .truthtable import TruthTable, truth_table

__all__ = [
    "FitTable",
    "Model",
    "NecessityResult",
    "QCAError",
    "Solution",
    "TruthTable",
    "__version__",
    "calibrate",
    "datasets",
    "exceptions",
    "expressions",
    "find_rows",
    "fit",
    "fuzzy_and",
    "fuzzy_or",
    "minimize",
    "model_fit",
    "necessity",
    "negate",
    "plots",
    "setops",
    "truth_table",
]
