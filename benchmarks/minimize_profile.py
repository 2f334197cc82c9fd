"""Seconds per stage of minimize(include="?") on the 200-case crisp families (issue 17, item 8).

Not part of the test suite. Each problem runs in its own process; the stages are timed by
wrapping the functions ``qca.minimize`` calls (a stage absent from a commit shows as 0):

* ``tt``: truth_table();
* ``primes``: the prime implicants (``find_primes``);
* ``chart``: R's PI order and the PI chart (``r_order``, ``implicant_covers``);
* ``spell``: the PIs as text (``implicant_terms`` and the rest of ``Chart``);
* ``covers``: the minimal models (``_covers``: classes of identical PIs, the 0/1 programs,
  the listing);
* ``fit``: models and their parameters of fit (``build_models``);
* ``cases``, ``assumptions``, ``terms``: cases per PI, simplifying assumptions, terms table;
* ``other``: the rest of minimize() (arguments, the result object).

``--against REV`` runs the same problems on another commit's ``qca/`` (exported with
``git archive``) in alternating processes, keeps the best of ``--rounds`` for each side, and
checks that both give the same result (PIs, models, fit: a digest of ``Solution.to_dict()``).

    .venv/bin/python benchmarks/minimize_profile.py                       # dnf200 k = 16, 18, 20
    .venv/bin/python benchmarks/minimize_profile.py --against main --k 10 12 14 16 18 20
    .venv/bin/python benchmarks/minimize_profile.py --family crisp200 --k 12 --first-min

Families: ``dnf200`` (200 random crisp cases, the outcome a random sum of 3 products of 3
literals, as an oracle draws it; incl_cut 0.8) and ``crisp200`` (``run.py``'s problems: the
outcome a random Boolean function of the conditions, incl_cut 1).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STAGES = (
    "tt",
    "primes",
    "chart",
    "spell",
    "covers",
    "fit",
    "cases",
    "assumptions",
    "terms",
    "other",
)

# Run in a child process with the qca of `root` first on sys.path.
_CHILD = r"""
import hashlib, json, sys, time, warnings
sys.path.insert(0, {root!r})
sys.path.insert(1, {bench!r})
import qca
assert qca.__file__.startswith({root!r}), qca.__file__
import minimize_profile as mp
warnings.simplefilter("ignore")
print(json.dumps(mp.profile_one({family!r}, {k}, {first_min!r})))
"""


def dnf_problem(k: int, seed: int, n_cases: int = 200, n_terms: int = 3, size: int = 3):
    """``n_cases`` random crisp cases; the outcome is a random sum of ``n_terms`` products of
    ``size`` literals each (an oracle's DNF)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    x = rng.integers(0, 2, size=(n_cases, k)).astype(np.int8)
    y = np.zeros(n_cases, dtype=bool)
    for _ in range(n_terms):
        columns = rng.choice(k, size=size, replace=False)
        levels = rng.integers(0, 2, size=size)
        y |= (x[:, columns] == levels).all(axis=1)
    data = pd.DataFrame(x, columns=[f"C{j + 1}" for j in range(k)])
    data["Y"] = y.astype(np.int8)
    data.index = [f"case{i + 1}" for i in range(n_cases)]
    return data


def problem(family: str, k: int):
    """``(data, incl_cut)`` of one problem of a family."""
    if family == "dnf200":
        return dnf_problem(k, 100 + k), 0.8
    if family == "crisp200":
        import run

        return run.crisp_problem(k, 100 + k, n_cases=200), 1.0
    raise SystemExit(f"unknown family {family!r}")


def _wrap(module, name: str, stage: str, seconds: dict[str, float]) -> None:
    import time

    original = getattr(module, name, None)
    if original is None:
        return

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            seconds[stage] += time.perf_counter() - start

    setattr(module, name, timed)


def profile_one(family: str, k: int, first_min: bool = False) -> dict:
    """Seconds per stage of one minimize() (after one untimed warm-up on a small problem),
    the counts and a digest of the result."""
    import hashlib
    import time

    import qca
    from qca.minimize import models, solve

    data, incl_cut = problem(family, k)
    warm, _ = dnf_problem(6, 0, 40), None
    qca.minimize(qca.truth_table(warm, "Y", incl_cut=0.8), include="?")

    seconds = dict.fromkeys(STAGES, 0.0)
    for name, stage in (
        ("find_primes", "primes"),
        ("build_models", "fit"),
        ("term_cases", "cases"),
        ("SimplifyingAssumptions", "assumptions"),
        ("chart_terms_table", "terms"),
    ):
        _wrap(solve, name, stage, seconds)
    for name, stage in (
        ("r_order", "chart"),
        ("implicant_covers", "chart"),
        ("chart_bits", "chart"),
        ("_covers", "covers"),
    ):
        _wrap(models, name, stage, seconds)
    chart_class = models.Chart
    init = chart_class.__init__

    def timed_init(self, *args, **kwargs):
        start = time.perf_counter()
        before = seconds["chart"] + seconds["covers"]
        init(self, *args, **kwargs)
        inside = time.perf_counter() - start - (seconds["chart"] + seconds["covers"] - before)
        seconds["spell"] += inside

    chart_class.__init__ = timed_init

    start = time.perf_counter()
    table = qca.truth_table(data, "Y", incl_cut=incl_cut)
    seconds["tt"] = time.perf_counter() - start
    start = time.perf_counter()
    solution = qca.minimize(table, include="?", first_min=first_min)
    total = time.perf_counter() - start
    seconds["other"] = total - sum(v for s, v in seconds.items() if s not in ("tt", "other"))
    digest = hashlib.sha256(
        json.dumps(solution.to_dict(), sort_keys=True, default=str).encode()
    ).hexdigest()[:12]
    return {
        "seconds": seconds,
        "minimize": total,
        "pis": len(solution.prime_implicants),
        "models": len(solution.models),
        "n_models": solution.n_models,
        "digest": digest,
    }


def _run(root: Path, family: str, k: int, first_min: bool) -> dict:
    code = _CHILD.format(
        root=str(root), bench=str(ROOT / "benchmarks"), family=family, k=k, first_min=first_min
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{root} k={k}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _best(runs: list[dict]) -> dict:
    best = min(runs, key=lambda r: r["minimize"])
    stages = {s: min(r["seconds"][s] for r in runs) for s in STAGES}
    return best | {"seconds": stages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", default="dnf200", choices=("dnf200", "crisp200"))
    parser.add_argument("--k", type=int, nargs="+", default=[16, 18, 20])
    parser.add_argument("--against", default=None, help="git commit or branch to compare with")
    parser.add_argument("--rounds", type=int, default=1, help="alternating runs per side")
    parser.add_argument("--first-min", action="store_true", help="minimize(first_min=True)")
    args = parser.parse_args(argv)
    head = "| k | side | PIs | models | minimize s | " + " | ".join(STAGES) + " | digest |"
    print(
        f"{args.family}, include='?'{', first_min' if args.first_min else ''}; "
        f"best of {args.rounds} run(s) per side (stage columns: best per stage)"
    )
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    with tempfile.TemporaryDirectory() as other:
        sides: list[tuple[str, Path]] = [("this tree", ROOT)]
        if args.against:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.against, "qca"],
                capture_output=True,
                check=True,
            )
            subprocess.run(["tar", "-x", "-C", other], input=archive.stdout, check=True)
            sides.insert(0, (args.against, Path(other)))
        differ = False
        for k in args.k:
            runs: dict[str, list[dict]] = {side: [] for side, _ in sides}
            for _ in range(args.rounds):
                for side, root in sides:
                    runs[side].append(_run(root, args.family, k, args.first_min))
            results = {side: _best(r) for side, r in runs.items()}
            for side, r in results.items():
                stages = " | ".join(f"{r['seconds'][s]:.3f}" for s in STAGES)
                count = (
                    r["models"]
                    if r["n_models"] in (None, r["models"])
                    else (f"{r['models']} of {r['n_models']}")
                )
                print(
                    f"| {k} | {side} | {r['pis']:,} | {count} | {r['minimize']:.3f} | "
                    f"{stages} | {r['digest']} |",
                    flush=True,
                )
            if args.against:
                old, new = results[args.against], results["this tree"]
                same = old["digest"] == new["digest"]
                differ |= not same
                print(
                    f"| {k} | ratio | | | {old['minimize'] / new['minimize']:.2f}x | "
                    + " | " * (len(STAGES) - 1)
                    + f" | {'same result' if same else 'RESULTS DIFFER'} |",
                    flush=True,
                )
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
