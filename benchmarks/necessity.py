"""Necessity search (``qca.necessity`` against R's ``superSubset``), side by side in one run.

    python benchmarks/necessity.py              # k = 8..14, both settings, R when installed
    python benchmarks/necessity.py --quick      # k = 8, 10

Settings (200 fuzzy cases, memberships uniform on [0, 1] rounded to 2 decimals, seeded):
``found``: incl_cut 0.9, cov_cut 0.6 (disjunctions of three conditions pass, the search stops at
four); ``none``: incl_cut 0.9, cov_cut 0.7 (nothing passes, so R searches every one of the
3^k - 1 expressions). Times are the minimum over ``--repeat`` runs, in one process for qca and
one ``Rscript`` for R (library load excluded).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qca

SETTINGS = {"found": (0.9, 0.6), "none": (0.9, 0.7)}
R_LIBS = "/opt/rqca"


def data(k: int, n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(1000 + k)
    frame = pd.DataFrame(np.round(rng.random((n, k)), 2), columns=[f"C{i}" for i in range(k)])
    frame["Y"] = np.round(rng.random(n), 2)
    return frame


def time_qca(frame: pd.DataFrame, incl: float, cov: float, repeat: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = len(qca.necessity(frame, "Y", incl_cut=incl, cov_cut=cov))
        best = min(best, time.perf_counter() - start)
    return best, found


R_CODE = r"""
suppressMessages(library(QCA))
args <- commandArgs(TRUE)
repeat_n <- as.integer(args[1])
for (spec in args[-1]) {
  parts <- strsplit(spec, ",")[[1]]
  df <- read.csv(parts[1])
  best <- Inf; found <- NA
  for (i in seq_len(repeat_n)) {
    t <- tryCatch(system.time(r <- superSubset(df, outcome = "Y", incl.cut = as.numeric(parts[2]),
                                             cov.cut = as.numeric(parts[3])))[["elapsed"]],
                  error = function(e) NA)
    if (is.na(t)) break
    best <- min(best, t)
    found <- if (is.null(r$incl.cov)) 0 else nrow(r$incl.cov)
  }
  cat(spec, best, found, "\n")
}
"""


def time_r(specs: list[str], repeat: int) -> dict[str, tuple[float, int | None]]:
    if shutil.which("Rscript") is None or not Path(R_LIBS, "QCA").exists():
        return {}
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as handle:
        handle.write(R_CODE)
    done = subprocess.run(
        ["Rscript", handle.name, str(repeat), *specs],
        capture_output=True,
        text=True,
        env={"R_LIBS": R_LIBS, "PATH": "/usr/bin:/bin"},
        timeout=3600,
    )
    result: dict[str, tuple[float, int | None]] = {}
    for line in done.stdout.splitlines():
        spec, seconds, found = line.split()
        if seconds in ("Inf", "NA"):
            result[spec] = (float("nan"), None)
        else:
            result[spec] = (float(seconds), None if found == "NA" else int(found))
    return result


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="k = 8, 10 only, one repeat")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--k", type=int, nargs="*", default=None)
    args = parser.parse_args(argv)
    ks = args.k or ([8, 10] if args.quick else [8, 10, 12, 13, 14])
    repeat = 1 if args.quick else args.repeat
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        specs = {}
        for k in ks:
            path = Path(folder, f"nec{k}.csv")
            data(k).to_csv(path, index=False)
            for name, (incl, cov) in SETTINGS.items():
                specs[(k, name)] = f"{path},{incl},{cov}"
        r_times = time_r(list(specs.values()), repeat)
        for (k, name), spec in specs.items():
            incl, cov = SETTINGS[name]
            seconds, found = time_qca(data(k), incl, cov, repeat)
            r_seconds, r_found = r_times.get(spec, (float("nan"), None))
            rows.append(
                {
                    "k": k,
                    "setting": name,
                    "qca_s": seconds,
                    "R_s": r_seconds,
                    "R/qca": r_seconds / seconds,
                    "found": found,
                    "R_found": r_found,
                }
            )
    print(markdown(rows))
    return rows


def markdown(rows: list[dict]) -> str:
    """A Markdown table (floats with 3 significant digits)."""
    if not rows:
        return ""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return "nan" if value != value else f"{value:.3g}"
        return "" if value is None else str(value)

    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(row[h]) for h in head) + " |" for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
