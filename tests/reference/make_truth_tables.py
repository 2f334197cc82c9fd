"""Assemble tests/reference/truth_tables.json from the R QCA reference outputs.

Source: /work/shared/reference/cases/ds_*.json, written by R 4.2.2 Patched (2022-11-10 r83330),
QCA 3.25 (dusadrian/QCA commit 2a43ce0, "CRAN version 3.25"), admisc 0.39.1; JSON by jsonlite with
full double precision. Nothing is recomputed here: for every data-set case this keeps the data,
the exact truthTable() arguments and R's truth table (or R's error), and drops the minimization
records, which the truth-table tests do not need; each data set's data is stored once
("datasets", keyed by the case's "dataset").

Run from the repository root (DO NOT EDIT the output by hand):

    python tests/reference/make_truth_tables.py [/path/to/shared/reference]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEEP = (
    "id",
    "dataset",
    "set_type",
    "outcome",
    "conditions",
    "versions",
    "data",
    "truth_table_params",
    "truth_table",
)


def main(source: str = "/work/shared/reference") -> None:
    cases_dir = Path(source) / "cases"
    cases = []
    datasets: dict[str, dict] = {}
    for path in sorted(cases_dir.glob("ds_*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        name = record["dataset"]
        # the three cases of a data set share its data: store it once
        if datasets.setdefault(name, record["data"]) != record["data"]:
            raise SystemExit(f"{path.name}: data differ from another case of data set {name}")
        kept = {key: record[key] for key in KEEP if key in record and key != "data"}
        cases.append(kept | {"source_file": path.name})
    document = {
        "_about": (
            "Truth tables computed by R's QCA package: R 4.2.2 Patched (2022-11-10 r83330), "
            "QCA 3.25 (dusadrian/QCA commit 2a43ce0), admisc 0.39.1. Copied from "
            "shared/reference/cases/ds_*.json by tests/reference/make_truth_tables.py "
            "(minimization records dropped). DO NOT EDIT."
        ),
        "datasets": datasets,
        "cases": cases,
    }
    out = HERE / "truth_tables.json"
    out.write_text(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {out} ({len(cases)} cases, {out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(*sys.argv[1:])
