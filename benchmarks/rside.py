"""R QCA beside ``benchmarks/run.py``: the same problems (the same data, written as CSV), the
same stages, timed inside R with the same repeat count.

One ``Rscript`` process per family runs every problem of the family, stage after stage:

* ``tt``: ``truthTable(data, outcome = "Y", conditions, incl.cut)``;
* ``cons``: ``minimize(tt)`` (include = "", every minimal model, as qca's ``include=""``);
* ``pars_first``: ``minimize(tt, include = "?", first.min = TRUE)``;
* ``pars_all``: ``minimize(tt, include = "?")`` (every minimal model; R has no cap, qca stops
  at ``max_models``), one run as in ``run.py``.

The median of the runs is timed by R itself (``proc.time()``), reading the data excluded (it
goes to R as raw doubles, column by column, with the column and case names beside: a CSV of the
1,000,000-case problems takes longer to write and read than the whole benchmark of a family).
Within a family, problems run smallest first (cases x conditions). R's
failures are results, not errors: a run longer than ``limit`` seconds is stopped
(``setTimeLimit``, or, when R's C code does not return, by killing the process, which then
restarts at the next stage) and shown as ``> limit``, and the same stage is skipped for the
larger problems of the family (shown as ``skip``); "cannot allocate" (R's address space is
capped at ``memory_gb``) is shown as ``memory``; any other error as ``R: <message>``.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

R_LIBS = "/opt/rqca"
STAGES = ("tt", "cons", "pars_first", "pars_all")

R_SCRIPT = r"""
suppressMessages(library(QCA))
args <- commandArgs(trailingOnly = TRUE)
work <- read.delim(args[1], header = TRUE, stringsAsFactors = FALSE, colClasses = "character")
out <- args[2]
repeat_n <- as.integer(args[3])
limit <- as.numeric(args[4])
skipped <- if (length(args) >= 5 && nzchar(args[5])) strsplit(args[5], ",")[[1]] else character(0)
emit <- function(...) cat(paste(..., sep = "\t"), "\n", file = out, append = TRUE, sep = "")
message_of <- function(e) trimws(gsub("[\t\n\r]+", " ", conditionMessage(e)))
current <- ""
data <- NULL
tt <- NULL
for (i in seq_len(nrow(work))) {
    item <- work[i, ]
    if (item$problem != current) {
        current <- item$problem
        cols <- readLines(paste0(item$path, ".cols"))
        rows <- readLines(paste0(item$path, ".rows"))
        values <- readBin(paste0(item$path, ".bin"), "double", n = length(cols) * length(rows))
        data <- as.data.frame(matrix(values, ncol = length(cols), dimnames = list(rows, cols)))
        rm(values)
        tt <- NULL
    }
    if (item$stage %in% skipped) {
        emit("SKIP", item$problem, item$stage)
        next
    }
    if (item$stage != "tt" && is.null(tt)) {
        # a process restarted after a stopped run: the table again, untimed
        tt <- tryCatch(truthTable(data, outcome = "Y", conditions = setdiff(names(data), "Y"),
                                  incl.cut = as.numeric(item$incl_cut)), error = function(e) NULL)
        if (is.null(tt)) {
            emit("NOTT", item$problem, item$stage)
            next
        }
    }
    emit("START", item$problem, item$stage)
    runs <- if (item$stage == "pars_all") 1L else repeat_n
    call <- switch(item$stage,
        tt = function() truthTable(data, outcome = "Y", conditions = setdiff(names(data), "Y"),
                                   incl.cut = as.numeric(item$incl_cut)),
        cons = function() minimize(tt),
        pars_first = function() minimize(tt, include = "?", first.min = TRUE),
        pars_all = function() minimize(tt, include = "?"))
    times <- numeric(0)
    result <- tryCatch({
        for (r in seq_len(runs)) {
            setTimeLimit(elapsed = limit, transient = TRUE)
            start <- proc.time()[["elapsed"]]
            value <- call()
            times <- c(times, proc.time()[["elapsed"]] - start)
            setTimeLimit(elapsed = Inf)
        }
        value
    }, error = function(e) {
        setTimeLimit(elapsed = Inf)
        e
    })
    if (inherits(result, "error")) {
        text <- message_of(result)
        if (grepl("elapsed time limit", text)) {
            skipped <- c(skipped, item$stage)
            emit("TIME", item$problem, item$stage)
        } else if (grepl("cannot allocate|memory", text, ignore.case = TRUE)) {
            emit("MEMORY", item$problem, item$stage)
        } else {
            emit("ERROR", item$problem, item$stage, substr(text, 1, 80))
        }
        next
    }
    if (item$stage == "tt") {
        tt <- result
        emit("DONE", item$problem, item$stage, median(times), nrow(tt$tt), "")
    } else {
        emit("DONE", item$problem, item$stage, median(times), length(result$solution),
             nrow(result$PIchart))
    }
}
"""


@dataclass
class RResult:
    """What R did with one stage of one problem: seconds, or why not."""

    seconds: float | None = None
    failure: str = ""  # "> 10", "memory", "skip", "R: <message>", ...
    models: int | None = None
    pis: int | None = None

    @property
    def timed_out(self) -> bool:
        return self.failure.startswith(">")

    def cell(self) -> str:
        return f"{self.seconds:.3g}" if self.seconds is not None else self.failure


_OK = RResult()


@dataclass
class Work:
    problem: str
    family: str
    path: str
    incl_cut: float
    stage: str


@dataclass
class FamilyRun:
    results: dict[tuple[str, str], RResult] = field(default_factory=dict)
    wall: float = 0.0


def available() -> bool:
    """Whether ``Rscript`` and the QCA package under ``R_LIBS`` are installed."""
    return shutil.which("Rscript") is not None and Path(R_LIBS, "QCA").exists()


def _cap_memory(gigabytes: float) -> Any:
    limit = int(gigabytes * 2**30)

    def cap() -> None:
        os.setsid()  # own process group: a stopped run takes its children with it
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return cap


def run_family(
    items: Sequence[Work], repeat: int, limit: float, memory_gb: float = 6.0
) -> FamilyRun:
    """Run ``items`` (one family, problems in increasing size, stages in order) in one Rscript
    process (restarted after a run it had to kill)."""
    run = FamilyRun()
    started = time.monotonic()
    env = {**os.environ, "R_LIBS": R_LIBS}
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder, "family.R")
        script.write_text(R_SCRIPT)
        pending = list(items)
        skipped: set[str] = set()
        while pending:
            manifest, out = Path(folder, "work.tsv"), Path(folder, "out.tsv")
            manifest.write_text(
                "problem\tpath\tincl_cut\tstage\n"
                + "".join(f"{w.problem}\t{w.path}\t{w.incl_cut}\t{w.stage}\n" for w in pending)
            )
            out.write_text("")
            process = subprocess.Popen(
                [
                    "Rscript",
                    str(script),
                    str(manifest),
                    str(out),
                    str(repeat),
                    str(limit),
                    ",".join(sorted(skipped)),
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                preexec_fn=_cap_memory(memory_gb),
            )
            stuck = _watch(process, out, pending, repeat, limit)
            done = _read(out, run.results, limit)
            # stages R stopped itself (setTimeLimit) stay skipped in a restarted process
            skipped |= {
                w.stage for w in pending if run.results.get((w.problem, w.stage), _OK).timed_out
            }
            if stuck is None:
                stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
                if process.returncode != 0 and done < len(pending):
                    # R died (not stopped by us): what it had not done is marked so
                    text = stderr.strip().splitlines()[-1:] or [f"exit {process.returncode}"]
                    for w in pending[done:]:
                        run.results.setdefault(
                            (w.problem, w.stage), RResult(failure=_short(text[0]))
                        )
                break
            # killed while running `stuck`: that stage is over the limit; the same stage of
            # the larger problems is skipped; what is left runs in a new process
            run.results[(stuck.problem, stuck.stage)] = RResult(failure=f"> {limit:g}")
            skipped.add(stuck.stage)
            position = pending.index(stuck)
            rest = pending[position + 1 :]
            if stuck.stage == "tt":
                for w in rest:
                    if w.problem == stuck.problem:
                        run.results[(w.problem, w.stage)] = RResult(failure="no tt")
                rest = [w for w in rest if w.problem != stuck.problem]
            pending = rest
    run.wall = time.monotonic() - started
    return run


def _short(text: str) -> str:
    return "R: " + text.replace("|", "/")[:60]


def _watch(
    process: subprocess.Popen, out: Path, pending: Sequence[Work], repeat: int, limit: float
) -> Work | None:
    """Wait for ``process``; kill it when one stage runs past its limit (R's own time limit
    is not seen inside C code) and return that stage, else None."""
    by_key = {(w.problem, w.stage): w for w in pending}
    current: Work | None = None
    since = time.monotonic()
    while process.poll() is None:
        time.sleep(0.2)
        lines = out.read_text().splitlines()
        last = lines[-1].split("\t") if lines else []
        if last and last[0] == "START":
            work = by_key.get((last[1], last[2]))
            if work is not current:
                current, since = work, time.monotonic()
        else:
            current = None
        runs = 1 if current is None or current.stage == "pars_all" else repeat
        if current is not None and time.monotonic() - since > limit * runs + 5:
            os.killpg(process.pid, 9)
            process.wait()
            return current
    return None


def _read(out: Path, results: dict[tuple[str, str], RResult], limit: float) -> int:
    """Record every finished stage of ``out``; the number of them."""
    count = 0
    for line in out.read_text().splitlines():
        parts = line.split("\t")
        kind, key = parts[0], (parts[1], parts[2])
        if kind == "START":
            continue
        count += 1
        if kind == "DONE":
            models = int(parts[4]) if parts[4] not in ("", "NA") else None
            pis = int(parts[5]) if len(parts) > 5 and parts[5] not in ("", "NA") else None
            results[key] = RResult(seconds=float(parts[3]), models=models, pis=pis)
        elif kind == "TIME":
            results[key] = RResult(failure=f"> {limit:g}")
        elif kind == "MEMORY":
            results[key] = RResult(failure="memory")
        elif kind == "SKIP":
            results[key] = RResult(failure="skip")
        elif kind == "NOTT":
            results[key] = RResult(failure="no tt")
        else:
            results[key] = RResult(failure=_short(parts[3] if len(parts) > 3 else kind))
    return count


def write_data(data: Any, path: Path) -> None:
    """``data`` (a DataFrame of numbers) as R's script reads it: ``path.bin`` (doubles, column
    after column), ``path.cols`` and ``path.rows`` (names, one a line)."""
    np.ascontiguousarray(data.to_numpy(dtype=np.float64).T).tofile(f"{path}.bin")
    Path(f"{path}.cols").write_text("\n".join(map(str, data.columns)) + "\n")
    Path(f"{path}.rows").write_text("\n".join(map(str, data.index)) + "\n")


def work_items(problems: Iterable[Any], folder: Path) -> dict[str, list[Work]]:
    """The work of each family, smallest problem first (cases x conditions): every problem's
    data written to ``folder``, then its stages (those of ``STAGES`` the problem has)."""
    sized: dict[str, list[tuple[int, int, list[Work]]]] = {}
    for order, problem in enumerate(problems):
        data = problem.make()
        path = folder / problem.name
        write_data(data, path)
        stages = [
            Work(problem.name, problem.family, str(path), problem.incl_cut, stage)
            for stage in STAGES
            if stage in problem.stages
        ]
        sized.setdefault(problem.family, []).append((data.size, order, stages))
        del data
    return {
        family: [work for _, _, stages in sorted(entries) for work in stages]
        for family, entries in sized.items()
    }


def ratio(r_cell: RResult | None, ours: float | str | None) -> str:
    """R / qca as text: ``12x``, ``> 3.1x`` when R was stopped, ``?`` when either is missing."""
    if r_cell is None or not isinstance(ours, float) or ours <= 0:
        return ""
    if r_cell.seconds is not None:
        return f"{r_cell.seconds / ours:.3g}x"
    if r_cell.failure.startswith(">"):
        return f"> {float(r_cell.failure[1:]) / ours:.3g}x"
    return ""


def to_json(results: dict[tuple[str, str], RResult]) -> str:
    return json.dumps({f"{p}:{s}": vars(r) for (p, s), r in results.items()})
