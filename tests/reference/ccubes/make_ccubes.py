"""Gather R's CCubes outputs (make_ccubes.R) and their data into ccubes.json.

Usage: python make_ccubes.py OUT.json FILE.csv [FILE.csv ...]  (each FILE.r.txt beside it)

The problems: random crisp (8-20 conditions) and multi-value (9-11 conditions, one with four
levels) data, 10-50 cases, outcome a random two- or three-term DNF (10% of rows flipped in some);
and the CCubes-paper setting (benchmarks/run.py ccubes_k20, seed 2018).
"""

import json
import sys
from pathlib import Path

import pandas as pd


def main() -> None:
    problems = []
    for name in sys.argv[2:]:
        path = Path(name)
        lines = path.with_suffix(".r.txt").read_text().splitlines()
        if lines[0].startswith("ERROR"):
            continue
        data = pd.read_csv(path, index_col=0)
        problems.append(
            {
                "name": path.stem,
                "columns": list(data.columns),
                "data": data.to_numpy().tolist(),
                "r_pis": lines[0].split()[1:],
                "r_models": [line[4:] for line in lines if line.startswith("SOL ")],
            }
        )
    document = {"source": "R QCA 3.25, make_ccubes.R", "problems": problems}
    Path(sys.argv[1]).write_text(json.dumps(document) + "\n")


if __name__ == "__main__":
    main()
