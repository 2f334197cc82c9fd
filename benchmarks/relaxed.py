"""Timings of R's consistency-relaxed search (``pi_cons``, ``sol_cons``, ``sol_cov``) in qca and
in R QCA side by side (median of a few runs; R when ``Rscript`` and QCA are installed).

Not part of the test suite. Run on its own:

    .venv/bin/python benchmarks/relaxed.py            # about half a minute on 2 cores
    R_LIBS=/opt/rqca .venv/bin/python benchmarks/relaxed.py --repeat 3

qca is warmed first (scipy's solvers are imported on first use); R's times are measured inside
one R session (``system.time`` around ``minimize``), so R's start-up is not counted either.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qca

PROBLEMS = [
    ("d.jobsecurity", "JSR", 0.8, {"pi_cons": 0.8}),
    ("d.jobsecurity", "JSR", 0.8, {"pi_cons": 0.75, "sol_cons": 0.8, "sol_cov": 0.75}),
    (
        "d.jobsecurity",
        "JSR",
        0.8,
        {"pi_cons": 0.8, "sol_cons": 0.85, "sol_cov": 0.7, "sol_depth": 4},
    ),
    ("CVF", "PROTEST", 0.8, {"sol_cons": 0.8, "sol_cov": 0.6, "all_sol": True}),
]


def _r_value(value: object) -> str:
    return ("TRUE" if value else "FALSE") if isinstance(value, bool) else str(value)


def _r_times(repeat: int) -> list[float | None]:
    if shutil.which("Rscript") is None:
        return [None] * len(PROBLEMS)
    lines = ["suppressMessages(library(QCA))"]
    for data, outcome, incl_cut, options in PROBLEMS:
        args = ", ".join(f"{k.replace('_', '.')} = {_r_value(v)}" for k, v in options.items())
        lines.append(
            f'data({data}); tt <- truthTable({data}, "{outcome}", incl.cut = {incl_cut}); '
            f"t <- replicate({repeat}, system.time(minimize(tt, include = '?', {args}))[['elapsed']]); "
            "cat(median(t), '\\n')"
        )
    run = subprocess.run(
        ["Rscript", "-e", "\n".join(lines)], capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        return [None] * len(PROBLEMS)
    return [float(v) for v in run.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    qca.minimize(qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8), include="?")
    r_times = _r_times(args.repeat)
    print(f"{'problem':<70} {'models':>6} {'qca s':>8} {'R s':>8} {'R/qca':>6}")
    for (data, outcome, incl_cut, options), r_time in zip(PROBLEMS, r_times):
        tt = qca.truth_table(qca.datasets.load(data), outcome, incl_cut=incl_cut)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            solution = qca.minimize(tt, include="?", **options)
            times.append(time.perf_counter() - start)
        ours = statistics.median(times)
        label = f"{data} {outcome} incl_cut={incl_cut} {options}"
        r_text = "-" if r_time is None else f"{r_time:.3f}"
        ratio = "-" if r_time is None else f"{r_time / ours:.1f}"
        print(f"{label:<70} {len(solution.models):>6} {ours:>8.3f} {r_text:>8} {ratio:>6}")


if __name__ == "__main__":
    main()
