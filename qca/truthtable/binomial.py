"""R's inference test of a truth table (``truthTable(inf.test = "binom")``): a one-sided exact
binomial test per row, and ``OUT`` coded from its p-values instead of the inclusion score.

For a crisp row of ``n`` cases of which ``s`` show the outcome, the null hypothesis is that the
row's true inclusion is the cut-off ``ic`` and the alternative that it is greater:
``p = P(S >= s)`` with ``S ~ Binomial(n, ic)``. With ``incl_cut = (ic1, ic0)``:
``OUT = "1"`` if ``pval1 < alpha``; else ``"C"`` if ``pval0 < alpha``; else ``"0"``. With one
cut-off: ``"1"`` if ``pval1 < alpha``, else ``"0"``. Rows below ``n_cut`` stay ``"?"``; ``pri_cut``
plays no part under the test (as in R).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..exceptions import QCAError

__all__ = ["DEFAULT_ALPHA", "InfTest", "binomial_out", "binomial_pvalues", "parse_inf_test"]

#: R's significance level when ``inf.test = "binom"`` names none.
DEFAULT_ALPHA = 0.05

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class InfTest:
    """A truth table's inference test: its name (``"binom"``) and significance level."""

    test: str
    alpha: float

    def to_list(self) -> list[Any]:
        return [self.test, self.alpha]


def parse_inf_test(inf_test: Any, caller: str) -> InfTest | None:
    """``None``, ``"binom"`` or ``("binom", alpha)`` read; anything else refused."""
    if inf_test is None:
        return None
    allowed = (
        f'{caller}: `inf_test` must be None, "binom" or ("binom", alpha) with alpha in '
        f"[0, 1]; got {inf_test!r}"
    )
    if isinstance(inf_test, str):
        items: list[Any] = [inf_test]
    else:
        try:
            items = list(inf_test)
        except TypeError:
            raise QCAError(f"{allowed}.") from None
    if len(items) not in (1, 2) or items[0] != "binom":
        raise QCAError(f'{allowed}. Only R\'s binomial test ("binom") is offered here.')
    if len(items) == 1:
        return InfTest("binom", DEFAULT_ALPHA)
    alpha = items[1]
    if isinstance(alpha, bool | np.bool_ | str):
        raise QCAError(f"{allowed}.")
    try:
        value = float(alpha)
    except (TypeError, ValueError):
        raise QCAError(f"{allowed}.") from None
    if not 0.0 <= value <= 1.0:
        raise QCAError(f"{allowed}.")
    return InfTest("binom", value)


def binomial_pvalues(successes: npt.ArrayLike, n: npt.ArrayLike, p: float) -> FloatArray:
    """One-sided exact binomial p-values ``P(S >= successes)``, ``S ~ Binomial(n, p)``.

    Equal to R's ``binom.test(successes, n, p, alternative = "greater")$p.value``.

    Examples
    --------
    >>> binomial_pvalues([3, 5], [5, 5], 0.8).round(4).tolist()
    [0.9421, 0.3277]
    """
    # scipy.stats takes longer to import than the rest of a truth table: only when a test runs
    from scipy import stats

    s = np.asarray(successes, dtype=np.int64)
    size = np.asarray(n, dtype=np.int64)
    # the survival function at s - 1 is P(S >= s); scipy and R both use the regularized
    # incomplete beta function here
    return np.asarray(stats.binom.sf(s - 1, size, p), dtype=np.float64)


def binomial_out(pval1: FloatArray, pval0: FloatArray | None, alpha: float) -> npt.NDArray[np.str_]:
    """``OUT`` of rows under the test: ``"1"``, ``"C"`` (two cut-offs only) or ``"0"``."""
    out = np.full(pval1.shape, "0", dtype="<U1")
    if pval0 is not None:
        out[pval0 < alpha] = "C"
    out[pval1 < alpha] = "1"
    return out
