"""Boolean minimization: prime implicants, PI charts and minimal solutions.

:func:`minimize` reproduces R QCA 3.25's ``minimize()``: conservative, parsimonious and
intermediate solutions, every minimal model (M1, M2, ... in R's order), R's order of the prime
implicants, its essential PIs, simplifying assumptions and easy counterfactuals, and the
parameters of fit of every term and model.

The stages, one module each: :mod:`~qca.minimize.problem` reads the truth table and checks the
arguments, :mod:`~qca.minimize.models` solves the PI chart and fits the models,
:mod:`~qca.minimize.assumptions` lists the simplifying assumptions,
:mod:`~qca.minimize.intermediate` builds intermediate solutions from directional expectations,
:mod:`~qca.minimize.solution` holds the results and :mod:`~qca.minimize.solve` runs them in turn.
"""

# HiGHS (highspy, about 15 ms to load) is imported by qca._core.cover only when a chart needs a
# 0/1 program or an LP: a chart that the reductions solve (the usual small one) never loads it.
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models import AUTO_QMC_LIMIT
from .solution import Model, Solution
from .solve import minimize

if TYPE_CHECKING:
    from .intermediate import IntermediatePair

__all__ = ["AUTO_QMC_LIMIT", "IntermediatePair", "Model", "Solution", "minimize"]


def __getattr__(name: str) -> Any:
    # IntermediatePair lives with the intermediate solutions, which load on first use (PEP 562)
    if name == "IntermediatePair":
        from .intermediate import IntermediatePair

        return IntermediatePair
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
