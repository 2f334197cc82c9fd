"""Cold start: whole processes, timed from outside (``subprocess``), minimum over repeats.

    python benchmarks/coldstart.py            # 5 repeats
    python benchmarks/coldstart.py --quick    # 2 repeats

Rows: ``import qca`` against ``library(QCA)``; the Lipset analysis (R's ``LF`` data: truth table with incl.cut 0.8,
parsimonious solution, printed) as a whole
process through the CLI (``qca minimize``) against ``Rscript``; ``import numpy, pandas`` (the
floor of any analysis: both load with the first stage); and, inside one process, the first
``minimize()`` against a warm one (the target is at most 3x), twice: with ``minimize`` imported
beforehand (``from qca import minimize``, the import counted as import, as ``library(QCA)``
loads everything), and as ``qca.minimize(...)``, whose first read also imports the stage (``import
qca`` is lazy: each public name loads its module on first use).

qca's sources are byte-compiled first (``compileall``), as a wheel install does: with
``PYTHONDONTWRITEBYTECODE`` set (as on the shared benchmark machine), an editable install would
otherwise compile every module at every start (about 0.1 s idle, 0.5 s under load).

The first/warm rows are given twice: wall-clock, and in process CPU seconds (``(CPU)``: the
steadier figure when other jobs load the machine). ``--against DIR`` also times another copy of
qca in those rows (``DIR/qca``, e.g. ``git archive main qca data | tar -x -C /tmp/old``),
alternating with this one run by run::

    python benchmarks/coldstart.py --against /tmp/old
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
R_LIBS = "/opt/rqca"

FIRST_WARM = """
import sys
import time
import qca
if sys.argv[1] == "imported":
    from qca import minimize
tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
times = []
for _ in range(3):
    times.append((time.perf_counter(), time.process_time()))
    qca.minimize(tt, include="?")
times.append((time.perf_counter(), time.process_time()))
for clock in (0, 1):
    spans = [b[clock] - a[clock] for a, b in zip(times, times[1:])]
    print(spans[0], min(spans[1:]))
"""

R_LIPSET = """
suppressMessages(library(QCA))
data(LF)
tt <- truthTable(LF, outcome = "SURV", incl.cut = 0.8)
print(minimize(tt, include = "?"))
"""


def wall(command: list[str], repeat: int, env: dict | None = None) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def _with_path(tree: Path) -> dict[str, str]:
    """This process's environment with ``tree`` first on ``PYTHONPATH``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(tree), *filter(None, [env.get("PYTHONPATH")])])
    return env


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--against", type=Path, help="another tree holding qca/ (first/warm rows only)"
    )
    args = parser.parse_args(argv)
    repeat = 2 if args.quick else args.repeat
    python = sys.executable
    have_r = shutil.which("Rscript") is not None and Path(R_LIBS, "QCA").exists()
    r_env = {"R_LIBS": R_LIBS, "PATH": "/usr/bin:/bin"}
    rows = []
    # byte-compiled sources, as an installed wheel has them (see the module's docstring)
    trees = [ROOT] + ([args.against.resolve()] if args.against else [])
    for tree in trees:
        subprocess.run(
            [python, "-m", "compileall", "-q", str(tree / "qca")], check=True, capture_output=True
        )
    with tempfile.TemporaryDirectory() as folder:
        import qca

        data = Path(folder, "LF.csv")
        qca.datasets.load("LF").to_csv(data)
        r_script = Path(folder, "lipset.R")
        r_script.write_text(R_LIPSET)
        # the `qca` script of this interpreter's environment (not whichever `qca` is on PATH)
        script = Path(python).parent / "qca"
        cli = [str(script)] if script.exists() else [python, "-m", "qca.cli"]
        runs = {
            "import": (
                [python, "-c", "import qca"],
                ["Rscript", "-e", "suppressMessages(library(QCA))"],
            ),
            "Lipset CLI": (
                [
                    *cli,
                    "minimize",
                    str(data),
                    "--outcome",
                    "SURV",
                    "--incl-cut",
                    "0.8",
                    "--include",
                    "?",
                ],
                ["Rscript", str(r_script)],
            ),
            "python -c pass / R --vanilla": (
                [python, "-c", "pass"],
                ["Rscript", "-e", "invisible(0)"],
            ),
            "import numpy, pandas / R --vanilla": (
                [python, "-c", "import numpy, pandas"],
                ["Rscript", "-e", "invisible(0)"],
            ),
        }
        for name, (ours, theirs) in runs.items():
            seconds = wall(ours, repeat)
            r_seconds = wall(theirs, repeat, r_env) if have_r else float("nan")
            rows.append(
                {"what": name, "qca_s": seconds, "R_s": r_seconds, "qca/R": seconds / r_seconds}
            )
        for mode, label in (
            ("imported", "first minimize() / warm"),
            ("lazy", "first qca.minimize() incl. its import / warm"),
        ):
            # [tree][clock] = [first, warm], minimum over the runs; the trees alternate
            best = [[[float("inf")] * 2 for _clock in range(2)] for _tree in trees]
            for _ in range(repeat):
                for tree, tree_best in zip(trees, best):
                    done = subprocess.run(
                        [python, "-c", FIRST_WARM, mode],
                        check=True,
                        capture_output=True,
                        text=True,
                        env=_with_path(tree) if args.against else None,
                        cwd=tree,  # `python -c` puts the working directory first on sys.path
                    )
                    for clock, line in enumerate(done.stdout.splitlines()[-2:]):
                        for i, value in enumerate(line.split()):
                            tree_best[clock][i] = min(tree_best[clock][i], float(value))
            for tree, tree_best in zip(trees, best):
                for clock, (first, warm) in enumerate(tree_best):
                    name = label + (" (CPU)" if clock else "")
                    if tree != ROOT:
                        name += f" ({tree})"
                    rows.append({"what": name, "qca_s": first, "R_s": warm, "qca/R": first / warm})
    from necessity import markdown

    print(markdown(rows))
    print("(first/warm rows: R_s holds the warm minimize() time and qca/R the first/warm ratio)")
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
