"""Timings of truth_table() on large seeded data (crisp and fuzzy), median of several runs.

Not part of the test suite (pytest does not collect it). Run on its own:

    .venv/bin/python benchmarks/truthtable_large.py              # about 1-2 minutes on 2 cores
    .venv/bin/python benchmarks/truthtable_large.py --repeat 5 --only crisp-1M-20
    .venv/bin/python benchmarks/truthtable_large.py --list

Each problem is built from a fixed seed; case names are ``case<i>`` in shuffled order (the
natural sort of names is part of the work). The ``kernel`` column says how incl/PRI were
computed: ``grouped`` (crisp: sums per row), ``cubes`` (fuzzy: nested cubes in a ternary array,
cost ~ cases x conditions + 3**conditions) or ``dense`` (fuzzy: every membership, cost ~ rows x
cases x conditions).

Random fuzzy data on 20 conditions has about as many observed rows as cases (1M cases: ~630k
rows), beyond both fuzzy kernels: ``dense`` needs ~1.3e13 membership evaluations and ``cubes``
a 3**20-cell array. Those problems are listed but only run with ``--infeasible``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qca
from qca.exceptions import HalfMembershipWarning
from qca.truthtable.kernels import prefer_cubes


def _frame(values: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    n, k = values.shape
    data = pd.DataFrame(values, columns=[f"C{j}" for j in range(k)])
    data["Y"] = y
    data.index = [f"case{i}" for i in range(n)]
    return data.iloc[rng.permutation(n)]


def crisp(n: int, k: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 2, size=(n, k))
    return _frame(values, rng.integers(0, 2, size=n), rng)


def fuzzy(n: int, k: int, seed: int = 2) -> pd.DataFrame:
    """Uniform scores (2 decimals, as calibrated data often are; 0.5 moved to 0.51)."""
    rng = np.random.default_rng(seed)
    values = np.round(rng.random((n, k)), 2)
    values[values == 0.5] = 0.51
    return _frame(values, np.round(rng.random(n), 2), rng)


def fuzzy_clustered(n: int, k: int, prototypes: int = 16, seed: int = 3) -> pd.DataFrame:
    """Cases scattered around a few prototype configurations: few observed rows."""
    rng = np.random.default_rng(seed)
    centres = rng.integers(0, 2, size=(prototypes, k))
    which = rng.integers(0, prototypes, size=n)
    noise = rng.random((n, k)) * 0.45
    values = np.where(centres[which] == 1, 0.55 + noise, 0.45 - noise)
    return _frame(np.round(values, 3), np.round(rng.random(n), 2), rng)


PROBLEMS: dict[str, tuple[Callable[[], pd.DataFrame], bool]] = {
    # name: (data, feasible)
    "crisp-1M-20": (lambda: crisp(1_000_000, 20), True),
    "crisp-100k-20": (lambda: crisp(100_000, 20), True),
    "crisp-100k-10": (lambda: crisp(100_000, 10), True),
    "fuzzy-100k-10": (lambda: fuzzy(100_000, 10), True),
    "fuzzy-1M-10": (lambda: fuzzy(1_000_000, 10), True),
    "fuzzy-1M-13": (lambda: fuzzy(1_000_000, 13), True),
    "fuzzy-1M-20-16rows": (lambda: fuzzy_clustered(1_000_000, 20), True),
    "fuzzy-100k-20-16rows": (lambda: fuzzy_clustered(100_000, 20), True),
    "fuzzy-5k-20": (lambda: fuzzy(5_000, 20), True),
    "fuzzy-100k-20": (lambda: fuzzy(100_000, 20), False),
    "fuzzy-1M-20": (lambda: fuzzy(1_000_000, 20), False),
}


def _kernel(tt: qca.TruthTable) -> str:
    fuzzy_mask = np.array(tt.fuzzy)
    if not fuzzy_mask.any():
        return "grouped"
    x = tt.memberships[list(tt.conditions)].to_numpy(dtype=float)
    configurations = tt.table[list(tt.conditions)].to_numpy()
    return "cubes" if prefer_cubes(x, fuzzy_mask, tt.noflevels, configurations) else "dense"


def run(name: str, repeat: int) -> dict[str, object]:
    make, _ = PROBLEMS[name]
    data = make()
    seconds = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HalfMembershipWarning)
        for _ in range(repeat):
            start = time.perf_counter()
            tt = qca.truth_table(data, "Y", incl_cut=0.8)
            seconds.append(time.perf_counter() - start)
    return {
        "problem": name,
        "cases": len(data),
        "conditions": len(tt.conditions),
        "observed rows": int((tt.table["n"] > 0).sum()),
        "kernel": _kernel(tt),
        "median s": statistics.median(seconds),
        "runs": ", ".join(f"{s:.2f}" for s in seconds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per problem (median shown)")
    parser.add_argument("--only", action="append", help="problem name (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the problems and exit")
    parser.add_argument(
        "--infeasible", action="store_true", help="also run random fuzzy 20-condition problems"
    )
    args = parser.parse_args(argv)
    if args.list:
        for name, (_, feasible) in PROBLEMS.items():
            print(name if feasible else f"{name}  (only with --infeasible)")
        return 0
    names = args.only or [n for n, (_, ok) in PROBLEMS.items() if ok or args.infeasible]
    unknown = [n for n in names if n not in PROBLEMS]
    if unknown:
        parser.error(f"unknown problem(s) {unknown}; see --list")
    columns = ["problem", "cases", "conditions", "observed rows", "kernel", "median s", "runs"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" for _ in columns) + "|")
    for name in names:
        row = run(name, args.repeat)
        cells = [f"{row[c]:.3f}" if c == "median s" else str(row[c]) for c in columns]
        print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
