"""The largest charts (issue 17, item 6): 2^k/4 observed rows, conservative solution, by stage.

Each (tree, k) runs in its own process (``--tree`` points at another checkout, e.g. an older
commit extracted with ``git archive``), the trees alternating for each k, so that both see the
same machine load. Stages, in seconds: ``tt`` = truth_table(); ``pis`` = the PI engine
(qca._core.primes); ``chart`` = the PI chart; ``covers`` = minimum_covers() with literals
(the listing, max_models=10,000, and the count when the listing stops); ``count`` =
count_minimum_covers() alone (trees that have it); ``minimize`` = the whole
qca.minimize(include="") call.

    python benchmarks/quarter.py                      # this tree, k = 10, 12, 14
    python benchmarks/quarter.py --tree /tmp/old      # side by side with another checkout
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, sys, time, warnings
sys.path.insert(0, {tree!r}); sys.path.insert(0, {bench!r})
import numpy as np
import qca
from run import crisp_problem
from qca._core import primes
from qca._core.cover import minimum_covers
from qca._core.encode import implicant_covers
k = {k}
warnings.simplefilter("ignore")
out = {{"tree": {label!r}, "k": k}}
data = crisp_problem(k, 200 + k, n_rows=2**k // 4)
conds = [c for c in data.columns if c != "Y"]
t = time.perf_counter()
tt = qca.truth_table(data, "Y", conds, incl_cut=1.0, show_cases=False)
out["tt"] = time.perf_counter() - t
flag = tt.table["OUT"].astype(str)
pos = tt.table[flag == "1"][conds].to_numpy(np.int64)
neg = tt.table[flag == "0"][conds].to_numpy(np.int64)
t = time.perf_counter()
pis = primes.prime_implicants(pos, neg, [2] * k, remainders=False)
out["pis"] = time.perf_counter() - t
t = time.perf_counter()
chart = implicant_covers(pis, pos)
out["chart"] = time.perf_counter() - t
out["n_pis"], out["n_pos"] = int(pis.shape[0]), int(pos.shape[0])
try:
    from qca._core.count import count_minimum_covers
except ImportError:
    count_minimum_covers = None
if count_minimum_covers is not None:
    t = time.perf_counter()
    counted = count_minimum_covers(chart)
    out["count"] = time.perf_counter() - t
    out["counted"] = str(counted.value) if counted.exact else f"{{counted.lower}}..{{counted.upper}}"
print(json.dumps(out), flush=True)
t = time.perf_counter()
result = minimum_covers(chart, literals=(pis != 0).sum(axis=1))
out["covers"] = time.perf_counter() - t
out["listed"] = len(result.covers)
out["n_models"] = None if result.n_models is None else str(result.n_models)
print(json.dumps(out), flush=True)
t = time.perf_counter()
sol = qca.minimize(tt, include="")
out["minimize"] = time.perf_counter() - t
out["sol_n_models"] = None if sol.n_models is None else str(sol.n_models)
print(json.dumps(out), flush=True)
"""

STAGES = ("tt", "pis", "chart", "count", "covers", "minimize")


def run_one(tree: Path, label: str, k: int, limit: float) -> dict:
    code = CHILD.format(tree=str(tree), bench=str(HERE), k=k, label=label)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=limit,
            env=env,
            cwd=tree,
        )
        lines = proc.stdout.strip().splitlines()
    except subprocess.TimeoutExpired as stopped:
        text = stopped.stdout.decode() if isinstance(stopped.stdout, bytes) else stopped.stdout
        lines = (text or "").strip().splitlines()
        if lines:
            row = json.loads(lines[-1])
            row["timeout"] = limit
            return row
        return {"tree": label, "k": k, "timeout": limit}
    return json.loads(lines[-1]) if lines else {"tree": label, "k": k, "error": proc.stderr[-300:]}


def cell(row: dict, stage: str) -> str:
    if stage in row:
        return f"{row[stage]:.2f}"
    if "timeout" in row:
        return f"> {row['timeout']:g}"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="another checkout to time side by side")
    parser.add_argument("--k", type=int, nargs="+", default=[10, 12, 14])
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per process")
    args = parser.parse_args(argv)
    trees = [(HERE.parent, "this")] + ([(args.tree.resolve(), "old")] if args.tree else [])
    load = os.getloadavg()[0]
    print(f"nproc={os.cpu_count()}, load average at start {load:.1f}, {time.strftime('%F %T')}")
    head = "| k | tree | PIs / rows | " + " | ".join(f"{s} s" for s in STAGES) + " | models |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1), flush=True)
    for k in args.k:
        for tree, label in trees if k % 4 else trees[::-1]:
            row = run_one(tree, label, k, args.limit)
            models = row.get("sol_n_models") or row.get("n_models") or row.get("counted") or ""
            listed = f"{row['listed']:,} listed of " if "listed" in row else ""
            print(
                f"| {k} | {label} | {row.get('n_pis', '')} / {row.get('n_pos', '')} | "
                + " | ".join(cell(row, s) for s in STAGES)
                + f" | {listed}{models} |",
                flush=True,
            )
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
