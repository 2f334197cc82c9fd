"""Assemble tests/reference/necessity.json from the R QCA reference outputs.

Source: /work/shared/reference/cases/nec_*.json, written by R 4.2.2 Patched (2022-11-10 r83330),
QCA 3.25 (dusadrian/QCA commit 2a43ce0, "CRAN version 3.25"), admisc 0.39.1; JSON by jsonlite with
full double precision. Nothing is recomputed here: for every necessity case this keeps the exact
superSubset() arguments and R's result (expressions in R's order with inclN, RoN, covN; or R's
error) and pof() of every single condition and its negation; each data set's data is stored once
("datasets", keyed by the case's "dataset"). R's printed tables are dropped.

Run from the repository root (DO NOT EDIT the output by hand):

    python tests/reference/make_necessity.py [/path/to/shared/reference]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEEP = ("id", "dataset", "set_type", "outcome", "conditions", "versions")


def main(source: str = "/work/shared/reference") -> None:
    cases = []
    datasets: dict[str, dict] = {}
    for path in sorted((Path(source) / "cases").glob("nec_*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        name = record["dataset"]
        if datasets.setdefault(name, record["data"]) != record["data"]:
            raise SystemExit(f"{path.name}: data differ from another case of data set {name}")
        kept = {key: record[key] for key in KEEP}
        kept["superSubset"] = {k: v for k, v in record["superSubset"].items() if k != "printed"}
        kept["pof_single"] = record["pof_single"]
        cases.append(kept | {"source_file": path.name})
    document = {
        "_about": (
            "Necessity analyses computed by R's QCA package: R 4.2.2 Patched (2022-11-10 r83330), "
            "QCA 3.25 (dusadrian/QCA commit 2a43ce0), admisc 0.39.1. Copied from "
            "shared/reference/cases/nec_*.json by tests/reference/make_necessity.py (printed "
            "tables dropped). DO NOT EDIT."
        ),
        "datasets": datasets,
        "cases": cases,
    }
    out = HERE / "necessity.json"
    out.write_text(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {out} ({len(cases)} cases, {out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(*sys.argv[1:2])
