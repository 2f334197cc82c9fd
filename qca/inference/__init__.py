"""Inference for set relations: is a consistency distinguishable from chance, how precise is it,
and how many cases would a test need?

* :func:`permutation_test` — p-values of the consistency (inclS) and PRI of truth-table rows,
  terms and models under permutation of the outcome (Braumoeller 2015), corrected for the many
  tests a truth table implies (Holm by default; Benjamini–Hochberg offered);
* :func:`bootstrap_intervals` — percentile and BCa intervals of inclS, PRI and covS;
* :func:`binomial_power`, :func:`permutation_power`, :func:`cases_needed`, :func:`power` — the
  power of the consistency test against a stated alternative and the cases a target power needs
  (Rohlfing 2018);
* R's binomial test of truth-table rows is ``qca.truth_table(..., inf_test=("binom", alpha))``.

Every function takes a :class:`~qca.TruthTable`, a :class:`~qca.Solution`, a
:class:`~qca.Model` or an expression (with ``data`` and ``outcome``), a ``seed`` (same seed, same
result, whatever ``n_jobs``) and returns a result with ``to_frame()`` and ``to_dict()``. Formulas,
null hypotheses, assumptions and references: docs/inference.md.
"""

from __future__ import annotations

from .bootstrap import BootstrapResult, bootstrap_intervals
from .correction import CORRECTIONS, DEFAULT_CORRECTION, adjust_pvalues
from .permutation import PermutationResult, permutation_test
from .power import PowerResult, binomial_power, cases_needed, permutation_power, power

__all__ = [
    "CORRECTIONS",
    "DEFAULT_CORRECTION",
    "BootstrapResult",
    "PermutationResult",
    "PowerResult",
    "adjust_pvalues",
    "binomial_power",
    "bootstrap_intervals",
    "cases_needed",
    "permutation_power",
    "permutation_test",
    "power",
]
