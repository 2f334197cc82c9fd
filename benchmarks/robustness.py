"""Benchmark of qca.robustness: 10,032 variants of the fuzzy Lipset analysis, and the same in R.

The sweep: the raw Lipset data (LR) calibrated as R QCA's help page for LF does, then
DEV's crossover x URB's crossover (6 x 11 values) x incl_cut (0.65 .. 1 by 0.05, 8 values) x the
full case set and each case left out (19) = 10,032 variants, each a calibration, a truth table
and a parsimonious minimization. qca computes each distinct calibration, truth table and
minimization problem once (see qca.robustness.engine).

Printed side by side, in one run:

* ``qca.robustness`` with ``n_jobs=1`` (and ``--n-jobs N`` more);
* a plain Python loop (``calibrate`` + ``truth_table`` + ``minimize`` per variant), timed on a
  seeded sample of ``--sample`` variants and extrapolated to all of them;
* the same loop in R (QCA's ``calibrate`` + ``truthTable`` + ``minimize``), when ``Rscript`` and
  QCA are installed (``R_LIBS``, default ``/opt/rqca``), timed on the same sample and
  extrapolated.

Usage::

    python benchmarks/robustness.py [--n-jobs 2] [--sample 200] [--no-r]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

import qca
from qca.exceptions import QCAError, QCAWarning

CONDITIONS = ["DEV", "URB", "LIT", "IND", "STB"]
CALIBRATION = {
    "DEV": {"thresholds": {"e": 350, "c": 550, "i": 850}},
    "URB": {"thresholds": {"e": 10, "c": 50, "i": 80}},
    "LIT": {"thresholds": {"e": 50, "c": 75, "i": 95}},
    "IND": {"thresholds": {"e": 10, "c": 30, "i": 45}},
    "STB": {"thresholds": {"e": 15, "c": 10.5, "i": 5}},
    "SURV": {"thresholds": {"e": -9, "c": 0, "i": 9}},
}
SWEEP = {
    "anchors": {
        "DEV": {"c": [450, 500, 550, 600, 650, 700]},
        "URB": {"c": {"from": 40, "to": 60, "by": 2}},
    },
    "incl_cuts": {"from": 0.65, "to": 1.0, "by": 0.05},
    "leave_one_out": True,
}


def sweep(data, n_jobs: int):
    start = time.perf_counter()
    result = qca.robustness(
        data, "SURV", CONDITIONS, calibration=CALIBRATION, incl_cut=0.8, n_jobs=n_jobs, **SWEEP
    )
    return time.perf_counter() - start, result


def plain_variant(data, row) -> str:
    calibrated = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        for column, spec in CALIBRATION.items():
            thresholds = dict(spec["thresholds"])
            if column in ("DEV", "URB"):
                thresholds["c"] = row[f"{column}.c"]
            calibrated[column] = qca.calibrate(data[column], thresholds=thresholds)
        frame = data[[]].assign(**calibrated)
        if row["cases"] != "all":
            frame = frame.drop(index=row["cases"][1:])
        try:
            tt = qca.truth_table(frame, "SURV", CONDITIONS, incl_cut=row["incl_cut"])
            return " | ".join(m.expression for m in qca.minimize(tt, include="?").models)
        except QCAError:
            return "(none)"


R_CODE = r"""
suppressMessages(library(QCA))
data(LR)
variants <- read.csv("%s", stringsAsFactors = FALSE)
conds <- c("DEV", "URB", "LIT", "IND", "STB")
one <- function(v) {
  d <- LR
  d$DEV <- calibrate(LR$DEV, type = "fuzzy", thresholds = c(e = 350, c = v$DEV_c, i = 850))
  d$URB <- calibrate(LR$URB, type = "fuzzy", thresholds = c(e = 10, c = v$URB_c, i = 80))
  d$LIT <- calibrate(LR$LIT, type = "fuzzy", thresholds = c(e = 50, c = 75, i = 95))
  d$IND <- calibrate(LR$IND, type = "fuzzy", thresholds = c(e = 10, c = 30, i = 45))
  d$STB <- calibrate(LR$STB, type = "fuzzy", thresholds = c(e = 15, c = 10.5, i = 5))
  d$SURV <- calibrate(LR$SURV, type = "fuzzy", thresholds = c(e = -9, c = 0, i = 9))
  if (v$cases != "all") d <- d[rownames(d) != substring(v$cases, 2), ]
  tryCatch({
    tt <- truthTable(d, outcome = "SURV", conditions = conds, incl.cut = v$incl_cut)
    s <- minimize(tt, include = "?")
    paste(sapply(s$solution, paste, collapse = " + "), collapse = " | ")
  }, error = function(e) "(none)")
}
out <- character(nrow(variants))
elapsed <- system.time(for (i in seq_len(nrow(variants))) out[i] <- one(variants[i, ]))[["elapsed"]]
cat(elapsed, "\n")
writeLines(out, "%s")
"""


def r_loop(rows, folder: Path) -> tuple[float, list[str]] | None:
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    libs = os.environ.get("R_LIBS", "/opt/rqca")
    if not (Path(libs) / "QCA").is_dir():
        return None
    table = folder / "variants.csv"
    answers = folder / "answers.txt"
    with table.open("w") as handle:
        handle.write("DEV_c,URB_c,incl_cut,cases\n")
        for row in rows:
            handle.write(f"{row['DEV.c']},{row['URB.c']},{row['incl_cut']},{row['cases']}\n")
    script = folder / "loop.R"
    script.write_text(R_CODE % (table, answers))
    done = subprocess.run(
        [rscript, str(script)], capture_output=True, text=True, env={**os.environ, "R_LIBS": libs}
    )
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
        return None
    return float(done.stdout.split()[-1]), answers.read_text().splitlines()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-jobs", type=int, nargs="*", default=[2], help="also time these n_jobs")
    parser.add_argument("--sample", type=int, default=200, help="variants timed in the loops")
    parser.add_argument("--no-r", action="store_true", help="skip R")
    args = parser.parse_args()
    data = qca.datasets.load("LR")
    qca.minimize(qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8), include="?")

    rows_out = []
    seconds, result = sweep(data, 1)
    total = result.n_variants
    rows_out.append(("qca.robustness, n_jobs=1", seconds, seconds))
    for n_jobs in args.n_jobs:
        if n_jobs != 1:
            more, other = sweep(data, n_jobs)
            assert other.to_dict() == result.to_dict()
            rows_out.append((f"qca.robustness, n_jobs={n_jobs}", more, more))
    frame = result.to_frame()
    rng = np.random.default_rng(0)
    picked = np.sort(rng.choice(total, size=min(args.sample, total), replace=False))
    rows = [frame.iloc[i].to_dict() for i in picked]
    start = time.perf_counter()
    plain = [plain_variant(data, row) for row in rows]
    loop = time.perf_counter() - start
    rows_out.append((f"plain Python loop ({len(rows)} timed)", loop, loop * total / len(rows)))
    expected = [row["solution"] if row["status"] == "ok" else "(none)" for row in rows]
    agree = sum(a == b for a, b in zip(plain, expected))
    r_agree = None
    if not args.no_r:
        with tempfile.TemporaryDirectory() as folder:
            found = r_loop(rows, Path(folder))
        if found is not None:
            r_seconds, r_answers = found
            rows_out.append(
                (f"R QCA 3.25 loop ({len(rows)} timed)", r_seconds, r_seconds * total / len(rows))
            )
            r_agree = sum(a == b for a, b in zip(r_answers, expected))

    print(
        f"{total} variants: {result.n_calibrations} calibrations, {result.n_tables} truth "
        f"tables, {result.n_problems} distinct minimizations; machine: {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    print(f"{'':40} {'measured s':>11} {'for all s':>11} {'x qca n_jobs=1':>15}")
    for label, measured, extrapolated in rows_out:
        print(f"{label:40} {measured:11.2f} {extrapolated:11.1f} {extrapolated / seconds:15.1f}")
    print(f"plain loop gives the sweep's solution in {agree}/{len(rows)} sampled variants")
    if r_agree is not None:
        print(f"R gives the sweep's solution in {r_agree}/{len(rows)} sampled variants")
    return 0


if __name__ == "__main__":
    sys.exit(main())
