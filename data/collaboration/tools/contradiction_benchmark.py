"""How easily would random data give a clean truth table with this many cases and conditions?

The check of Marx & Dusa (2011) for the collaboration study's size: draw crisp conditions and a crisp
outcome at random (each 0/1 with p = 0.5, independent), and count how often the truth table has no
contradictory row (a configuration with cases both in and out of the outcome). A specification for
which that happens often cannot tell structure from noise. Run:

    python data/collaboration/tools/contradiction_benchmark.py   # 9 cases, 1-4 conditions

Output with the defaults (seed 20261201, 20,000 draws):
    2 conditions: 0.026, 3 conditions: 0.119, 4 conditions: 0.330
"""

from __future__ import annotations

import sys

import numpy as np


def clean_table_probability(n_cases: int, n_conditions: int, draws: int, seed: int) -> float:
    rng = np.random.default_rng(seed)
    weights = 1 << np.arange(n_conditions)
    clean = 0
    for _ in range(draws):
        rows = rng.integers(0, 2, size=(n_cases, n_conditions)) @ weights
        outcome = rng.integers(0, 2, size=n_cases)
        clean += all(len(set(outcome[rows == r])) == 1 for r in np.unique(rows))
    return clean / draws


if __name__ == "__main__":
    n_cases = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    for k in (1, 2, 3, 4):
        p = clean_table_probability(n_cases, k, 20_000, 20261201)
        print(f"{n_cases} cases, {k} condition(s): P(no contradiction | random data) = {p:.3f}")
