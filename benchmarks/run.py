"""Timings of truth_table() and minimize() on seeded random problems (``make bench``).

Not part of the test suite. Prints one table (Markdown) with, per problem: observed rows
(positive/negative), prime implicants, models, median seconds of each stage and the peak
memory traced by ``tracemalloc`` during one extra, untimed run.

    python benchmarks/run.py --quick         # make bench: every family, R beside it
    python benchmarks/run.py                 # the long run (3 repeats, memory peaks)
    python benchmarks/run.py --only crisp200 --repeat 1 --no-r
    python benchmarks/run.py --list

Then, when R QCA is installed (/opt/rqca), the same problems in R (``benchmarks/rside.py``) and
one table of both with R / qca per stage; without ``--only``, the necessity and cold-start
families (``necessity.py``, ``coldstart.py``), with R too.

Stages: ``tt`` = truth_table(); ``cons`` = minimize(include="") (conservative);
``pars_first`` = minimize(include="?", first_min=True) (one minimal model, R's first.min);
``pars_all`` = minimize(include="?") (every minimal model, capped at max_models=10,000 and at
the cover search's node budget). The kernels (qca._core.primes.prime_implicants and
qca._core.cover.minimum_covers) are also timed on their own.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import statistics
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

import qca
from qca._core import cover as _cover
from qca._core import primes as _primes_fast
from qca._core.encode import implicant_covers

# --------------------------------------------------------------------------------------------
# problems


def _crisp_rows(k: int, rng: np.random.Generator, n_cases: int | None, n_rows: int | None):
    """Crisp cases: either ``n_cases`` random cases or ``n_rows`` distinct configurations."""
    if n_rows is not None:
        ids = rng.choice(2**k, size=n_rows, replace=False)
    else:
        ids = rng.integers(0, 2**k, size=n_cases)
    return ((ids[:, None] >> np.arange(k - 1, -1, -1)) & 1).astype(np.int8), ids


def crisp_problem(
    k: int,
    seed: int,
    *,
    n_cases: int | None = None,
    n_rows: int | None = None,
    n_positive: int | None = None,
) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x, ids = _crisp_rows(k, rng, n_cases, n_rows)
    if n_positive is None:
        # outcome from a random Boolean function of the k conditions
        table = rng.integers(0, 2, size=2**k, dtype=np.int8)
        y = table[ids]
    else:
        y = np.zeros(len(ids), dtype=np.int8)
        y[:n_positive] = 1
    data = pd.DataFrame(x, columns=[f"C{j + 1}" for j in range(k)])
    data["Y"] = y
    data.index = [f"case{i + 1}" for i in range(len(data))]
    return data


def fuzzy_problem(k: int, seed: int, n_cases: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    crisp, ids = _crisp_rows(k, rng, n_cases, None)
    # fuzzy scores on the side of 0.5 given by the crisp configuration, never exactly 0.5
    offset = rng.uniform(0.01, 0.5, size=crisp.shape)
    x = np.where(crisp == 1, 0.5 + offset, 0.5 - offset)
    table = rng.integers(0, 2, size=2**k)
    y_side = table[ids]
    y = np.where(y_side == 1, rng.uniform(0.6, 1.0, n_cases), rng.uniform(0.0, 0.4, n_cases))
    data = pd.DataFrame(np.round(x, 3), columns=[f"C{j + 1}" for j in range(k)])
    data["Y"] = np.round(y, 3)
    data.index = [f"case{i + 1}" for i in range(n_cases)]
    return data


def easy_problem(k: int, seed: int, n_cases: int = 30) -> pd.DataFrame:
    """30 random crisp cases, outcome = C1*C2 + ~C3*C4 (a two-term rule)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 2, size=(n_cases, k)).astype(np.int8)
    y = (x[:, 0] & x[:, 1]) | ((1 - x[:, 2]) & x[:, 3])
    data = pd.DataFrame(x, columns=[f"C{j + 1}" for j in range(k)])
    data["Y"] = y.astype(np.int8)
    data.index = [f"case{i + 1}" for i in range(n_cases)]
    return data


@dataclass
class Problem:
    name: str
    family: str
    make: Callable[[], pd.DataFrame]
    incl_cut: float = 1.0
    stages: tuple[str, ...] = ("tt", "cons", "pars_first", "pars_all", "kernels")
    target: str = ""


def problems() -> list[Problem]:
    out: list[Problem] = []
    for k in (8, 10, 12, 14, 16, 18, 20, 22):
        target = "< 2 s" if k <= 14 else ("< 10 s" if k <= 20 else "")
        out.append(
            Problem(
                f"crisp200_k{k}",
                "crisp200",
                lambda k=k: crisp_problem(k, 100 + k, n_cases=200),
                target=target,
            )
        )
    for k in (8, 10, 12, 14):
        out.append(
            Problem(
                f"quarter_k{k}",
                "quarter",
                lambda k=k: crisp_problem(k, 200 + k, n_rows=2**k // 4),
                target="< 30 s",
            )
        )
    for k in (8, 16, 24):
        out.append(
            Problem(
                f"easy30_k{k}",
                "easy",
                lambda k=k: easy_problem(k, 500 + k),
                target="3x faster than R (R 0.35-2 s)",
            )
        )
    out.append(
        Problem(
            "ccubes_k20",
            "ccubes",
            lambda: crisp_problem(20, 2018, n_rows=20, n_positive=10),
            target="< 0.3 s",
        )
    )
    for k in (8, 10, 12, 14):
        out.append(
            Problem(
                f"fuzzy200_k{k}", "fuzzy", lambda k=k: fuzzy_problem(k, 300 + k, 200), incl_cut=0.8
            )
        )
    # issue 17 item 8: the outcome a random DNF (benchmarks/minimize_profile.py times its stages)
    from minimize_profile import dnf_problem

    for k in (10, 12, 14, 16, 18, 20):
        out.append(
            Problem(
                f"dnf200_k{k}",
                "dnf200",
                lambda k=k: dnf_problem(k, 100 + k),
                incl_cut=0.8,
                target="pars_all < 2 s",
            )
        )
    # truth_table() alone on the large problems of benchmarks/truthtable_large.py (its fully
    # random fuzzy 20-condition data, ~630k observed rows, is beyond both exact kernels).
    from truthtable_large import PROBLEMS as LARGE

    for name in ("crisp-1M-20", "fuzzy-1M-10", "fuzzy-1M-13", "fuzzy-1M-20-16rows", "fuzzy-5k-20"):
        out.append(
            Problem(
                f"tt_{name}",
                "tt",
                LARGE[name][0],
                incl_cut=0.8,
                stages=("tt",),
                target="tt < 1 s" if name == "crisp-1M-20" else "",
            )
        )
    return out + _issue17_problems()


def multivalue_problem(k: int, seed: int, n_cases: int = 200) -> pd.DataFrame:
    """``n_cases`` random cases: the first half of the conditions with three levels (0, 1, 2),
    the others crisp; the outcome a random Boolean function of the configuration."""
    rng = np.random.default_rng(seed)
    levels = np.array([3] * (k // 2) + [2] * (k - k // 2))
    x = rng.integers(0, levels, size=(n_cases, k)).astype(np.int8)
    ids = np.ravel_multi_index(tuple(x.T), tuple(levels))
    y = rng.integers(0, 2, size=int(np.prod(levels)), dtype=np.int8)[ids]
    data = pd.DataFrame(x, columns=[f"C{j + 1}" for j in range(k)])
    data["Y"] = y
    data.index = [f"case{i + 1}" for i in range(n_cases)]
    return data


def _issue17_problems() -> list[Problem]:
    """The families of issue 17 not above: fuzzy k = 6 and multi-value conditions."""
    out = [
        Problem("fuzzy200_k6", "fuzzy", lambda: fuzzy_problem(6, 306, 200), incl_cut=0.8),
    ]
    for k in (6, 8, 10):
        out.append(
            Problem(
                f"mv200_k{k}",
                "multivalue",
                lambda k=k: multivalue_problem(k, 400 + k),
                incl_cut=0.8,
            )
        )
    return out


# --------------------------------------------------------------------------------------------
# measuring


@dataclass
class Row:
    problem: str
    rows: str = ""
    pis: str = ""
    models: str = ""
    seconds: dict[str, float | str] = field(default_factory=dict)
    peak_mib: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    target: str = ""


def _median_time(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _peak(func: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _limited(func: Callable[[], dict], repeat: int, memory: bool, limit: float) -> dict:
    """Median seconds of ``func()`` over ``repeat`` runs (then one traced run for the peak
    memory), in a forked child; a run that takes more than ``limit`` seconds stops the child
    (``{"timeout": limit}``). ``func`` returns a small summary dict."""
    context = mp.get_context("fork")
    parent, child = context.Pipe(duplex=False)

    def work() -> None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                times, summary = [], {}
                for _ in range(repeat):
                    start = time.perf_counter()
                    summary = func()
                    times.append(time.perf_counter() - start)
                    child.send({"tick": True})
                out = {**summary, "seconds": statistics.median(times)}
                if memory and max(times) < limit / 4:
                    out["peak"] = _peak(func)
        except Exception as error:
            out = {"error": f"{type(error).__name__}: {str(error)[:80]}"}
        child.send(out)

    process = context.Process(target=work)
    process.start()
    child.close()
    deadline = time.monotonic() + limit
    result = None
    while result is None and time.monotonic() < deadline:
        if parent.poll(0.05):
            message = parent.recv()
            if "tick" in message:
                deadline = time.monotonic() + limit  # the next run gets its own `limit`
            else:
                result = message
        elif not process.is_alive() and not parent.poll(0):
            result = {"error": f"child exited with code {process.exitcode}"}
    if result is None:
        process.terminate()
        result = {"timeout": limit}
    process.join()
    parent.close()
    return result


def measure(problem: Problem, repeat: int, memory: bool, limit: float) -> Row:
    row = Row(problem.name, target=problem.target)
    data = problem.make()
    conditions = [c for c in data.columns if c != "Y"]

    def tt():
        return qca.truth_table(data, "Y", conditions, incl_cut=problem.incl_cut, show_cases=False)

    big = len(data) >= 10**6
    seconds, table = _median_time(tt, max(repeat, 3) if big else repeat)
    row.seconds["tt"] = seconds
    if memory and not big:
        row.peak_mib["tt"] = _peak(tt)
    out = table.table["OUT"].astype(str)
    n_pos, n_neg = int((out == "1").sum()), int((out == "0").sum())
    row.rows = f"{n_pos}/{n_neg}" if not big else f"{len(table.table)} rows"
    if problem.stages == ("tt",):
        return row

    calls = {
        "cons": {"include": ""},
        "pars_first": {"include": "?", "first_min": True},
        "pars_all": {"include": "?"},
    }
    for stage, kwargs in calls.items():

        def run(kwargs=kwargs):
            solution = qca.minimize(table, **kwargs)
            return {
                "pis": len(solution.prime_implicants),
                "models": len(solution.models),
                "n_models": solution.n_models,
                "truncated": solution.truncated,
            }

        result = _limited(
            run, 1 if stage == "pars_all" else repeat, memory and stage != "pars_all", limit
        )
        if "timeout" in result:
            row.seconds[stage] = f"> {limit:g}"
            continue
        if "error" in result:  # e.g. "all truth table configurations are used"
            row.notes.append(f"{stage}: {result['error']}")
            continue
        row.seconds[stage] = result["seconds"]
        if "peak" in result:
            row.peak_mib[stage] = result["peak"]
        n_models = result["models"]
        if stage == "cons":
            row.pis = f"{result['pis']}"
            row.models = f"c:{n_models}"
        elif stage == "pars_first":
            row.pis += f" / {result['pis']}"
        else:
            total = result["n_models"]
            more = "" if total in (None, n_models) else f" of {total}"
            cut = "+" if result["truncated"] and total in (None, n_models) else ""
            row.models += f" p:{n_models}{cut}{more}"

    if "kernels" in problem.stages:
        positive = table.table[out == "1"][conditions].to_numpy(np.int64)
        negative = table.table[out == "0"][conditions].to_numpy(np.int64)
        levels = list(table.noflevels)
        seconds, pis = _median_time(
            lambda: _primes_fast.prime_implicants(positive, negative, levels, remainders=True),
            repeat,
        )
        row.seconds["k_primes"] = seconds
        chart = implicant_covers(pis, positive)
        result = _limited(
            lambda: (_cover.minimum_covers(chart, first_min=True), {})[1], repeat, False, limit
        )
        row.seconds["k_first"] = result.get(
            "seconds", f"> {limit:g}" if "timeout" in result else ""
        )
    return row


def machine() -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import scipy

    return (
        f"nproc={os.cpu_count()}, CPU: {cpu}, Python {platform.python_version()}, "
        f"numpy {np.__version__}, scipy {scipy.__version__}, pandas {pd.__version__}, "
        f"qca {qca.__version__}"
    )


STAGES = ("tt", "cons", "pars_first", "pars_all", "k_primes", "k_first")


def _cell(value: float | str | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else f"{value:.3g}"


def render(rows: list[Row]) -> str:
    head = (
        "| problem | rows +/- | PIs cons / pars | models | "
        + " | ".join(f"{s} s" for s in STAGES)
        + " | peak MiB | target | notes |"
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        secs = " | ".join(_cell(r.seconds.get(s)) for s in STAGES)
        peak = max(r.peak_mib.values()) if r.peak_mib else float("nan")
        lines.append(
            f"| {r.problem} | {r.rows} | {r.pis} | {r.models.strip()} | {secs} | "
            f"{peak:.0f} | {r.target} | {'; '.join(r.notes)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run the problems whose name contains this")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--list", action="store_true", help="list the problems and exit")
    parser.add_argument(
        "--limit",
        type=float,
        default=20.0,
        help="seconds one minimize() run may take before it is stopped (shown as '> limit')",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="--repeat 1 --no-memory --limit 10, kernels not timed alone (make bench)",
    )
    _add_r_arguments(parser)
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.no_memory, args.limit = 1, True, 10.0
    chosen = [p for p in problems() if args.only in p.name]
    if args.quick:
        chosen = _quick(chosen)
    if args.list:
        print("\n".join(p.name for p in chosen))
        return 0
    print(machine(), flush=True)
    # Load scipy.optimize (HiGHS) once here: the timed runs happen in forked children, which
    # would otherwise each pay the first import (about 0.4 s).
    warm = crisp_problem(4, 0, n_cases=12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(qca.QCAError):
            qca.minimize(qca.truth_table(warm, "Y"), include="?")
        _cover.minimum_covers([[True, False], [True, True]])
    rows = []
    for problem in chosen:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            row = measure(problem, args.repeat, not args.no_memory, args.limit)
        rows.append(row)
        print(render([row]).splitlines()[-1], flush=True)
    print()
    print(render(rows))
    _against_r(chosen, rows, args)
    if not args.only:
        _side_by_side(args.quick)
    return 0


def _quick(chosen: list[Problem]) -> list[Problem]:
    """--quick: the kernels alone are not timed (diagnostics, and the PI kernel has no time
    limit: 2^k/4 rows at k = 14 took 37 s of a quick run)."""
    for problem in chosen:
        problem.stages = tuple(s for s in problem.stages if s != "kernels")
    return chosen


# --------------------------------------------------------------------------------------------
# R side by side (benchmarks/rside.py): the same problems, the same stages, in the same run


def _add_r_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-r", action="store_true", help="skip R QCA even when it is installed (/opt/rqca)"
    )


R_STAGES = ("tt", "cons", "pars_first", "pars_all")


def _against_r(chosen: list[Problem], rows: list[Row], args: argparse.Namespace) -> None:
    """R QCA on the problems just timed, one Rscript process per family (same data, same
    stages, same repeat count, same time limit), then one table of both with R / qca."""
    import tempfile

    import rside

    if args.no_r or not rside.available():
        print(f"\n(R QCA not run: {'--no-r' if args.no_r else 'no Rscript with ' + rside.R_LIBS})")
        return
    print("\n## against R QCA 3.25 (same data; R / qca = R seconds over qca seconds)\n", flush=True)
    results: dict[tuple[str, str], rside.RResult] = {}
    with tempfile.TemporaryDirectory() as folder:
        families = rside.work_items(chosen, Path(folder))
        for family, items in families.items():
            run = rside.run_family(items, args.repeat, args.limit)
            results.update(run.results)
            print(f"R, family {family}: {run.wall:.0f} s", flush=True)
    print()
    print(render_against_r(rows, results))


def render_against_r(rows: list[Row], results: dict) -> str:
    import rside

    head = ["problem"]
    for stage in R_STAGES:
        head += [f"{stage} qca s", f"{stage} R s", f"{stage} R/qca"]
    head += ["models qca", "models R"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = [row.problem]
        for stage in R_STAGES:
            ours = row.seconds.get(stage)
            theirs = results.get((row.problem, stage))
            cells += [
                _cell(ours),
                theirs.cell() if theirs else "",
                rside.ratio(theirs, ours),
            ]
        r_models = []
        for stage, tag in (("cons", "c"), ("pars_all", "p")):
            theirs = results.get((row.problem, stage))
            if theirs is not None and theirs.models is not None:
                r_models.append(f"{tag}:{theirs.models}")
        cells += [row.models.strip(), " ".join(r_models)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _side_by_side(quick: bool) -> None:
    """The families timed against R in the same run: necessity search and cold start."""
    import coldstart
    import necessity

    flags = ["--quick"] if quick else []
    print("\n## necessity (qca.necessity vs R superSubset)\n", flush=True)
    necessity.main(flags)
    print("\n## cold start (whole processes)\n", flush=True)
    coldstart.main(flags)


if __name__ == "__main__":
    sys.exit(main())
