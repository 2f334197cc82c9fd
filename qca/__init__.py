"""qca: Qualitative Comparative Analysis in Python.

The pipeline, one module each: :mod:`qca.calibrate` (raw scores to set memberships),
:mod:`qca.truthtable`, :mod:`qca.minimize` (exact Boolean minimization), :mod:`qca.fit`
(parameters of fit) and :mod:`qca.necessity`. Results agree with R's QCA package (3.25).
"""

from __future__ import annotations

from ._version import __version__

from . import exceptions, expressions, setops
from .exceptions import QCAError
# The module first, then the function: `qca.calibrate` is the function.
from . import calibrate as _calibrate_module  # noqa: F401
from . import datasets, plots
from .calibrate import calibrate
from .setops import fuzzy_and, fuzzy_or, negate
from .truthtable import TruthTable, truth_table
# The subpackage first, then its names: `qca.minimize` is the function.
from . import minimize as _minimize_module  # noqa: F401
from .minimize import Model, Solution, minimize

# Last: `qca.fit` is the function; the kernels stay importable with `from qca.fit import ...`.
from .fit import FitTable, fit
from .necessity import NecessityResult, necessity
from .esa import find_rows
from .theory import model_fit

__all__ = [
    "__version__",
    "QCAError",
    "calibrate",
    "datasets",
    "exceptions",
    "expressions",
    "find_rows",
    "fit",
    "FitTable",
    "fuzzy_and",
    "minimize",
    "model_fit",
    "Model",
    "fuzzy_or",
    "necessity",
    "NecessityResult",
    "negate",
    "plots",
    "setops",
    "Solution",
    "truth_table",
    "TruthTable",
]
