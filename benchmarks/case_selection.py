"""Timings of case selection (qca.case_roles, qca.case_pairs) and of the Venn regions.

Not part of the test suite. Run on its own (a few seconds):

    .venv/bin/python benchmarks/case_selection.py

Seeded fuzzy data (memberships rounded to 0.01) with an expression of three terms; the median of
three runs. ``case_pairs`` builds every typical x IIR pair of each term (quadratic in the cases).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

import qca
from qca.plots.venn import region_codes, region_label_points


def _median(work: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    expression = "A*B + ~C*D + E"
    for n in (200, 2000):
        rng = np.random.default_rng(0)
        data = pd.DataFrame(rng.random((n, 6)).round(2), columns=list("ABCDEY"))
        data.index = [f"c{i}" for i in range(n)]
        roles = _median(lambda d=data: qca.case_roles(expression, data=d, outcome="Y"))
        pairs = _median(
            lambda d=data: qca.case_pairs(expression, "typical-iir", data=d, outcome="Y")
        )
        print(f"{n:>5} cases: case_roles {roles:.3f} s, case_pairs(typical-iir) {pairs:.3f} s")

    def venn() -> None:
        region_codes.cache_clear()
        region_label_points.cache_clear()
        region_label_points(7, 480)

    print(f"Venn regions and label points, 7 sets: {_median(venn):.3f} s")


if __name__ == "__main__":
    main()
