"""truth_table() of this tree against another commit, side by side in one run (minimum of runs).

Not part of the test suite. The other commit's ``qca/`` is exported with ``git archive`` into a
temporary directory; each side runs in its own process, the sides alternate, and the best time
of each is kept (the machine is shared: compare the ratio, not the seconds).

    .venv/bin/python benchmarks/truthtable_compare.py --against fc4032c
    .venv/bin/python benchmarks/truthtable_compare.py --against main --cases 100000 --rounds 3
    .venv/bin/python benchmarks/truthtable_compare.py --against main --range-index

Each call is timed, then the first read of its ``table`` (the case lists are built then), and
both together (the best run's sum, not the sum of the bests).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_RUN = """
import hashlib, sys, time
import pandas as pd
sys.path.insert(0, {root!r})
import qca
assert qca.__file__.startswith({root!r}), qca.__file__
sys.path.insert(1, {bench!r})
import truthtable_large
data = truthtable_large.crisp({cases}, {conditions})
if {range_index}:
    data = data.reset_index(drop=True)  # the default RangeIndex (rows still shuffled)
best = best_table = best_total = float("inf")
for _ in range({repeat}):
    start = time.perf_counter()
    tt = qca.truth_table(data, "Y", incl_cut=0.8)
    built = time.perf_counter()
    tt.table
    read = time.perf_counter()
    best = min(best, built - start)
    best_table = min(best_table, read - built)
    best_total = min(best_total, read - start)
    last = tt
    del tt
table = last.table
digest = hashlib.sha256(repr(table.dtypes).encode())
digest.update(pd.util.hash_pandas_object(table.drop(columns=["cases", "DCC"])).to_numpy().tobytes())
for column in ("cases", "DCC"):
    text = "\\x01".join("\\x00".join(names) for names in table[column])
    digest.update(text.encode("utf-8", "surrogatepass"))
digest.update("\\x00".join(map(str, last.memberships.index)).encode("utf-8", "surrogatepass"))
print(best, best_table, best_total, digest.hexdigest())
"""


def _time(
    root: Path, cases: int, conditions: int, repeat: int, range_index: bool
) -> tuple[float, float, float, str]:
    """Best seconds of truth_table(), of the first read of its ``table``, and of both; and a
    digest of the result (``table`` with its case tuples, the ``memberships`` index)."""
    code = _RUN.format(
        root=str(root),
        bench=str(ROOT / "benchmarks"),
        cases=cases,
        conditions=conditions,
        repeat=repeat,
        range_index=range_index,
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    call, table, total, digest = done.stdout.split()
    return float(call), float(table), float(total), digest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="main", help="git commit or branch to compare with")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--conditions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (processes)")
    parser.add_argument("--repeat", type=int, default=2, help="calls per process")
    parser.add_argument(
        "--range-index",
        action="store_true",
        help="cases named by the default RangeIndex (default: 'case<i>' strings)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as other:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.against, "qca"],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", other], input=archive.stdout, check=True)
        times: dict[str, list[tuple[float, float, float, str]]] = {
            args.against: [],
            "this tree": [],
        }
        for _ in range(args.rounds):
            for side, root in ((args.against, Path(other)), ("this tree", ROOT)):
                times[side].append(
                    _time(root, args.cases, args.conditions, args.repeat, args.range_index)
                )
    names = "RangeIndex" if args.range_index else "'case<i>' names"
    print(
        f"crisp {args.cases:,} cases x {args.conditions} conditions ({names}, rows shuffled), "
        f"best of {args.rounds * args.repeat} runs each"
    )
    stages = (("truth_table()", 0), ("first .table read", 1), ("both (best run)", 2))
    for what, column in stages:
        best = {side: min(t[column] for t in values) for side, values in times.items()}
        print(f" {what}")
        for side, seconds in best.items():
            print(f"  {side:>12}: {seconds:.3f} s")
        ratio = best[args.against] / best["this tree"]
        print(f"  ratio {args.against} / this tree: {ratio:.2f}")
    digests = {t[3] for values in times.values() for t in values}
    print(f" results identical (table with case tuples, memberships index): {len(digests) == 1}")
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
