"""Necessity search (``qca.necessity`` against R's ``superSubset``), interleaved in one run.

    python benchmarks/necessity.py              # k = 8, 10..14, both settings, R when installed
    python benchmarks/necessity.py --quick      # k = 8, 10

Settings (200 fuzzy cases, memberships uniform on [0, 1] rounded to 2 decimals, seeded):
``found``: incl_cut 0.9, cov_cut 0.6 (disjunctions of three conditions pass, the search stops at
four or five); ``none``: incl_cut 0.9, cov_cut 0.7 (nothing passes, so R searches every one of
the 3^k - 1 expressions). One ``Rscript`` stays open beside this process and the two are timed
alternately, problem by problem (R first, then qca, on the same problem), so that both see the
same machine load; times are the minimum over ``--repeat`` runs, library load excluded.
CPU columns: process CPU seconds (R: user + sys of ``system.time``), the steadier figure on a
loaded machine. ``same``: whether qca's expressions (``table.index``) are R's row names, in the
same order. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
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


def time_qca(
    frame: pd.DataFrame, incl: float, cov: float, repeat: int
) -> tuple[float, float, list[str]]:
    """Best wall-clock and best CPU seconds of ``repeat`` calls, and the expressions found."""
    best, best_cpu, names = float("inf"), float("inf"), []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = qca.necessity(frame, "Y", incl_cut=incl, cov_cut=cov)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
        names = [str(label) for label in result.to_frame().index]
    return best, best_cpu, names


# One line per problem on stdin: "csv,incl_cut,cov_cut,repeat,names_file"; answers
# "seconds cpu_seconds found" (Inf Inf NA when superSubset fails) and writes the row names to
# names_file.
R_CODE = r"""
suppressMessages(library(QCA))
input <- file("stdin", "r")
while (length(line <- readLines(input, n = 1)) > 0) {
  parts <- strsplit(line, ",")[[1]]
  df <- read.csv(parts[1])
  best <- Inf; best_cpu <- Inf; found <- NA; names <- character(0)
  for (i in seq_len(as.integer(parts[4]))) {
    t <- tryCatch(system.time(r <- superSubset(df, outcome = "Y", incl.cut = as.numeric(parts[2]),
                                             cov.cut = as.numeric(parts[3]))),
                  error = function(e) NULL)
    if (is.null(t)) break
    best <- min(best, t[["elapsed"]])
    best_cpu <- min(best_cpu, t[["user.self"]] + t[["sys.self"]])
    found <- if (is.null(r$incl.cov)) 0 else nrow(r$incl.cov)
    names <- if (is.null(r$incl.cov)) character(0) else rownames(r$incl.cov)
  }
  writeLines(names, parts[5])
  cat(best, best_cpu, found, "\n")
  flush(stdout())
}
"""


class RSession:
    """An ``Rscript`` with QCA loaded, answering one problem at a time (None: no R here)."""

    def __init__(self, folder: str) -> None:
        self.process: subprocess.Popen[str] | None = None
        if shutil.which("Rscript") is None or not Path(R_LIBS, "QCA").exists():
            return
        script = Path(folder, "supersubset.R")
        script.write_text(R_CODE)
        self.process = subprocess.Popen(
            ["Rscript", str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # R's notes ("There are no configurations, ...")
            text=True,
            env={"R_LIBS": R_LIBS, "PATH": "/usr/bin:/bin"},
        )

    def time(
        self, path: Path, incl: float, cov: float, repeat: int
    ) -> tuple[float, float, int | None, list[str] | None]:
        """Best wall-clock and CPU seconds, number found and row names (NaN, None: failed)."""
        if self.process is None or self.process.stdin is None or self.process.stdout is None:
            return float("nan"), float("nan"), None, None
        names_file = path.with_suffix(f".{incl}_{cov}.names")
        self.process.stdin.write(f"{path},{incl},{cov},{repeat},{names_file}\n")
        self.process.stdin.flush()
        seconds, cpu, found = self.process.stdout.readline().split()
        if seconds in ("Inf", "NA"):
            return float("nan"), float("nan"), None, None
        names = names_file.read_text().splitlines()
        return float(seconds), float(cpu), None if found == "NA" else int(found), names

    def close(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.close()
            self.process.wait(timeout=60)


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="k = 8, 10 only, one repeat")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--k", type=int, nargs="*", default=None)
    parser.add_argument("--setting", choices=sorted(SETTINGS), nargs="*", default=None)
    args = parser.parse_args(argv)
    ks = args.k or ([8, 10] if args.quick else [8, 10, 11, 12, 13, 14])
    settings = args.setting or list(SETTINGS)
    repeat = 1 if args.quick else args.repeat
    rows = []
    print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        r_session = RSession(folder)
        try:
            for k in ks:
                path = Path(folder, f"nec{k}.csv")
                frame = data(k)
                frame.to_csv(path, index=False)
                for name in settings:
                    incl, cov = SETTINGS[name]
                    r_seconds, r_cpu, r_found, r_names = r_session.time(path, incl, cov, repeat)
                    seconds, cpu, names = time_qca(frame, incl, cov, repeat)
                    rows.append(
                        {
                            "k": k,
                            "setting": name,
                            "qca_s": seconds,
                            "R_s": r_seconds,
                            "R/qca": r_seconds / seconds,
                            "qca_cpu": cpu,
                            "R_cpu": r_cpu,
                            "cpu R/qca": r_cpu / cpu,
                            "found": len(names),
                            "R_found": r_found,
                            "same": "" if r_names is None else "yes" if names == r_names else "NO",
                        }
                    )
                    print(markdown(rows[-1:]).splitlines()[-1], flush=True)
        finally:
            r_session.close()
    print(f"load average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}\n")
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
