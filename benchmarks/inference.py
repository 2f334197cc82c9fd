"""Benchmark of qca.inference: 10,000 permutations of a 200-case, 8-condition truth table (crisp
and fuzzy), every observed row tested at once; bootstrap intervals; R's binomial test.

Run on its own from the repository root (median of a few repeats, seconds):

    python benchmarks/inference.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

import qca


def problem(fuzzy: bool, seed: int = 11) -> pd.DataFrame:
    """200 cases, 8 conditions; the outcome follows A*B (with noise)."""
    rng = np.random.default_rng(seed)
    names = [f"c{i:03d}" for i in range(200)]
    if fuzzy:
        x = rng.beta(0.7, 0.7, size=(200, 8)).round(2)
        x[x == 0.5] = 0.51
        y = np.clip(np.minimum(x[:, 0], x[:, 1]) + rng.uniform(0, 0.4, 200), 0, 1).round(2)
        data = pd.DataFrame(x, columns=list("ABCDEFGH"), index=names)
        data["Y"] = y
    else:
        x = rng.integers(0, 2, size=(200, 8))
        y = (rng.random(200) < np.where(x[:, 0] & x[:, 1], 0.9, 0.35)).astype(int)
        data = pd.DataFrame(x, columns=list("ABCDEFGH"), index=names)
        data["Y"] = y
    return data


def timed(task: Callable[[], object], repeat: int) -> float:
    """Median wall-clock seconds; the median CPU seconds of this process go to ``CPU[-1]``
    (on a shared machine the CPU time says what the code costs, the wall time what it waited)."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        task()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU.append(statistics.median(cpu))
    return statistics.median(times)


CPU: list[float] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'problem':<52} {'rows':>5} {'seconds':>8} {'cpu s':>7}")
    for fuzzy in (False, True):
        data = problem(fuzzy)
        tt = qca.truth_table(data, "Y", incl_cut=0.8)
        kind = "fuzzy" if fuzzy else "crisp"
        rows = int((tt.table["n"] >= 1).sum())
        for jobs in (1, 2):
            seconds = timed(
                lambda tt=tt, jobs=jobs: qca.inference.permutation_test(
                    tt, n_permutations=10_000, seed=1, n_jobs=jobs
                ),
                args.repeat,
            )
            label = f"permutation_test {kind}, 10,000 perms, n_jobs={jobs}"
            print(f"{label:<52} {rows:>5} {seconds:>8.3f} {CPU[-1]:>7.3f}")
        seconds = timed(
            lambda tt=tt: qca.inference.bootstrap_intervals(tt, n_resamples=9999, seed=1),
            args.repeat,
        )
        label = f"bootstrap_intervals {kind}, 9,999 resamples, BCa"
        print(f"{label:<52} {rows:>5} {seconds:>8.3f} {CPU[-1]:>7.3f}")
    crisp = problem(False)
    seconds = timed(
        lambda: qca.truth_table(crisp, "Y", incl_cut=(0.8, 0.5), inf_test=("binom", 0.05)),
        args.repeat,
    )
    plain = timed(lambda: qca.truth_table(crisp, "Y", incl_cut=(0.8, 0.5)), args.repeat)
    print(
        f"{'truth_table crisp, inf_test binom (plain)':<52} {'':>5} {seconds:>8.3f} ({plain:.3f})"
    )
    r_seconds = r_binomial_seconds(crisp, args.repeat)
    if r_seconds is not None:
        label = "R QCA truthTable(inf.test = 'binom'), same problem"
        print(f"{label:<52} {'':>5} {r_seconds:>8.3f} (R / qca = {r_seconds / seconds:.1f})")


def r_binomial_seconds(data: pd.DataFrame, repeat: int) -> float | None:
    """R's truthTable(inf.test = c("binom", 0.05)) on the same data (median of ``repeat`` runs
    inside one R session), when R with QCA is installed (R_LIBS or /opt/rqca)."""
    if shutil.which("Rscript") is None:
        return None
    env = dict(os.environ)
    env.setdefault("R_LIBS", "/opt/rqca")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "data.csv")
        data.to_csv(path)
        script = (
            "suppressPackageStartupMessages(library(QCA)); "
            f"d <- read.csv('{path}', row.names = 1); "
            f"t <- sapply(1:{repeat}, function(i) system.time(truthTable(d, 'Y', "
            "incl.cut = c(0.8, 0.5), inf.test = c('binom', 0.05)))[['elapsed']]); "
            "cat(median(t))"
        )
        done = subprocess.run(
            ["Rscript", "-e", script], capture_output=True, text=True, env=env, check=False
        )
    try:
        return float(done.stdout.strip())
    except ValueError:
        return None


if __name__ == "__main__":
    main()
