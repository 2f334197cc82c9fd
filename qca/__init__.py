"""qca: Qualitative Comparative Analysis in Python.

The pipeline, one module each: :mod:`qca.calibrate` (raw scores to set memberships),
:mod:`qca.truthtable`, :mod:`qca.minimize` (exact Boolean minimization), :mod:`qca.fit`
(parameters of fit) and :mod:`qca.necessity`. Results agree with R's QCA package (3.25).
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import exceptions, fit, setops
from .exceptions import QCAError
from .setops import fuzzy_and, fuzzy_or, negate

__all__ = [
    "__version__",
    "QCAError",
    "exceptions",
    "fit",
    "fuzzy_and",
    "fuzzy_or",
    "negate",
    "setops",
]
