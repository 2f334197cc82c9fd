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
"""

from __future__ import annotations

import argparse
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
t1 = time.perf_counter()
qca.minimize(tt, include="?")
t2 = time.perf_counter()
qca.minimize(tt, include="?")
t3 = time.perf_counter()
qca.minimize(tt, include="?")
t4 = time.perf_counter()
print(t2 - t1, min(t3 - t2, t4 - t3))
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


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    repeat = 2 if args.quick else args.repeat
    python = sys.executable
    have_r = shutil.which("Rscript") is not None and Path(R_LIBS, "QCA").exists()
    r_env = {"R_LIBS": R_LIBS, "PATH": "/usr/bin:/bin"}
    rows = []
    # byte-compiled sources, as an installed wheel has them (see the module's docstring)
    subprocess.run(
        [python, "-m", "compileall", "-q", str(ROOT / "qca")], check=True, capture_output=True
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
            best_first, best_warm = float("inf"), float("inf")
            for _ in range(repeat):
                done = subprocess.run(
                    [python, "-c", FIRST_WARM, mode], check=True, capture_output=True, text=True
                )
                first, warm = (float(v) for v in done.stdout.split())
                best_first, best_warm = min(best_first, first), min(best_warm, warm)
            rows.append(
                {
                    "what": label,
                    "qca_s": best_first,
                    "R_s": best_warm,
                    "qca/R": best_first / best_warm,
                }
            )
    from necessity import markdown

    print(markdown(rows))
    print("(last two rows: R_s holds the warm minimize() time and qca/R the first/warm ratio)")
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
