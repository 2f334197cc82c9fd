"""Copy the R QCA minimization records the tests need into tests/reference/minimize/.

DO NOT EDIT the generated files by hand; re-run this script:

    python tests/reference/make_minimize_refs.py [/work/shared/reference]

Source: the golden outputs of R 4.2.2 Patched, QCA 3.25 (dusadrian/QCA commit 2a43ce0),
admisc 0.39.1, described in that folder's README.md. Kept from each ``ds_*.json``: the data, the
truth table rows, and every ``minimize`` record (params, solutions, essential, prime implicants,
PI chart, fit, simplifying assumptions, intermediate pairs, printed lines, error / timeout,
first_min_fallback). Dropped: timings and the truth table's printed lines. For charts with more
than 40 models only the fit of the first 40 models is kept
(fit and simplifying assumptions; the model list itself is complete) and R's printed output is
dropped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KEEP_MODEL_FIT = 40


def _trim(record: dict) -> dict:
    record = {k: v for k, v in record.items() if k != "seconds"}
    fit = record.get("fit")
    if fit and len(fit.get("solutions", [])) > KEEP_MODEL_FIT:
        record["fit"] = {
            **fit,
            "solutions": fit["solutions"][:KEEP_MODEL_FIT],
            "solutions_trimmed": True,
        }
        sa = record.get("simplifying_assumptions") or {}
        record["simplifying_assumptions"] = dict(list(sa.items())[:KEEP_MODEL_FIT])
        record.pop("printed", None)
    if "first_min_fallback" in record and isinstance(record["first_min_fallback"], dict):
        record["first_min_fallback"] = _trim(record["first_min_fallback"])
    if "parsimonious_reference" in record:
        record["parsimonious_reference"] = _trim(record["parsimonious_reference"])
    if "intermediate" in record:
        record["intermediate"] = [_trim(pair) for pair in record["intermediate"]]
    return record


def main(source: Path) -> None:
    target = Path(__file__).parent / "minimize"
    target.mkdir(exist_ok=True)
    header = {
        "source": "R 4.2.2 Patched (2022-11-10 r83330), QCA 3.25 (dusadrian/QCA 2a43ce0), admisc 0.39.1",
        "generated_by": "tests/reference/make_minimize_refs.py - do not edit",
    }
    for path in sorted((source / "cases").glob("ds_*.json")):
        case = json.loads(path.read_text())
        out = {
            "_header": header,
            "id": case["id"],
            "set_type": case["set_type"],
            "outcome": case["outcome"],
            "conditions": case["conditions"],
            "data": case["data"],
            "truth_table_params": case["truth_table_params"],
        }
        tt = case.get("truth_table", {})
        if "rows" in tt:
            out["truth_table"] = {
                k: tt[k] for k in ("conditions", "noflevels", "rows", "remainder_rows")
            }
        else:
            out["truth_table"] = {k: v for k, v in tt.items() if k != "printed"}
        out["minimize"] = {name: _trim(rec) for name, rec in case.get("minimize", {}).items()}
        (target / path.name).write_text(json.dumps(out, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"))
