"""qca.minimize against R QCA 3.25 on every reference data set.

Golden records: tests/reference/minimize/ (copied by tests/reference/make_minimize_refs.py from
the R 4.2.2 / QCA 3.25 / admisc 0.39.1 outputs). The input truth table is built from the
reference truth table and data, so these tests check minimization alone. Compared: prime
implicants (in R's order), models M1, M2, ... (in R's order, terms in R's order), essential PIs,
PI chart, simplifying assumptions, easy counterfactuals and every fit figure (to 1e-6: R wrote
them with full double precision; the tolerance absorbs summation order only).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from qca._render.limits import MAX_BLOCKS
from qca._render.text import solution_text
from qca.exceptions import NoConfigurationsError, QCAError
from qca.minimize import Solution, minimize

REFERENCE = Path(__file__).parent / "reference" / "minimize"
TOL = 1e-6


def _load(name: str) -> dict:
    return json.loads((REFERENCE / name).read_text())


def reference_tt(case: dict) -> SimpleNamespace:
    """A TruthTable-shaped object (docs/internals.md fields) from a reference record."""
    conditions = case["conditions"]
    outcome = case["outcome"]
    data = pd.DataFrame(case["data"]["rows"], index=case["data"]["case_names"])
    memberships = data[conditions].astype(float)
    raw = data[outcome.lstrip("~")].astype(float)
    memberships[outcome] = 1.0 - raw if outcome.startswith("~") else raw
    rows = case["truth_table"]["rows"]
    table = pd.DataFrame(
        {
            **{c: [r[c] for r in rows] for c in conditions},
            "OUT": pd.Categorical([r["OUT"] for r in rows], categories=["1", "0", "C", "?"]),
            "n": [r["n"] for r in rows],
            "incl": [r["incl"] for r in rows],
            "PRI": [r["PRI"] for r in rows],
            "cases": [tuple(r["cases"]) for r in rows],
        },
        index=pd.Index([r["row"] for r in rows], name="row", dtype="int64"),
    )
    noflevels = tuple(case["truth_table"]["noflevels"])
    return SimpleNamespace(
        conditions=tuple(conditions),
        outcome=outcome,
        noflevels=noflevels,
        multivalue=any(n > 2 for n in noflevels),
        memberships=memberships,
        table=table,
    )


def _records() -> list[tuple[str, str]]:
    out = []
    for path in sorted(REFERENCE.glob("ds_*.json")):
        case = json.loads(path.read_text())
        for name in case.get("minimize", {}):
            out.append((path.name, name))
    return out


RECORDS = _records()
# d.SA's intermediate solutions (779 parsimonious models, one chart per C x P pair) take ~10 s each
_SLOW = [
    pytest.param(f, n, marks=pytest.mark.slow)
    if f.startswith("ds_d.SA_ACC") and "intermediate" in n
    else (f, n)
    for f, n in RECORDS
]


def _arguments(name: str, params: dict) -> dict:
    kwargs: dict = {"include": params.get("include", "")}
    if params.get("row.dom"):
        kwargs["row_dom"] = True
    if "dir.exp" in params:
        kwargs["dir_exp"] = list(params["dir.exp"])
    return kwargs


def _close(ours: float, theirs: float | None) -> bool:
    if theirs is None:
        return math.isnan(ours)
    return abs(ours - theirs) <= TOL


def _check_fit(ours: dict, theirs: dict, what: str) -> None:
    for key, value in theirs.items():
        assert _close(ours[key], value), f"{what} {key}: ours {ours[key]!r}, R {value!r}"


def _check_chart(solution_like, record: dict, what: str) -> None:
    assert list(solution_like["prime_implicants"]) == record["prime_implicants"], what
    assert {k: list(v) for k, v in solution_like["pi_chart"].items()} == record["pi_chart"], what
    assert [list(m) for m in solution_like["models"]] == record["solutions"], what
    assert list(solution_like["essential"]) == record["essential"], what


def _check_models_fit(models, record: dict, what: str) -> None:
    for model, fit in zip(models, record["fit"]["solutions"]):
        _check_fit(model.fit, fit["solution"], f"{what} {model.name}")
        assert list(model.term_fit) == list(fit["terms"]), what
        for term, figures in fit["terms"].items():
            _check_fit(model.term_fit[term], figures, f"{what} {model.name} {term}")


@pytest.mark.parametrize(("filename", "name"), _SLOW, ids=[f"{f[3:-5]}-{n}" for f, n in RECORDS])
def test_against_r(filename: str, name: str) -> None:
    check_minimize_record(_load(filename), name, filename)


def check_intermediate_pair(pair, expected: dict, what: str) -> None:
    """An intermediate pair against R's record, past its conservative solution: the parsimonious
    solution, easy counterfactuals, PI chart and the fit of every model."""
    assert list(pair.parsimonious) == expected["p.sol"], what
    assert list(pair.easy_counterfactuals) == expected["easy_counterfactuals"], what
    _check_chart(
        {
            "prime_implicants": pair.prime_implicants,
            "pi_chart": pair.pi_chart,
            "models": [m.terms for m in pair.models],
            "essential": pair.essential,
        },
        expected,
        what,
    )
    _check_models_fit(pair.models, expected, what)


def check_minimize_record(case: dict, name: str, filename: str) -> Solution | None:
    """Minimize the reference truth table as R did and compare everything R recorded.

    Returns our solution (None where R failed and we raise as R does)."""
    record = case["minimize"][name]
    tt = reference_tt(case)
    kwargs = _arguments(name, record["params"])
    error = record.get("error")
    if error and "None of the values in OUT is explained" in error:
        with pytest.raises(NoConfigurationsError, match="None of the values in OUT is explained"):
            minimize(tt, **kwargs)
        return None
    if error and "All truth table configurations are used" in error:
        with pytest.raises(QCAError, match="All truth table configurations are used"):
            minimize(tt, **kwargs)
        return None
    solution = minimize(tt, **kwargs)
    if error or record.get("timeout"):
        # R ran out of time or memory: it has no full answer. Ours must at least be sound.
        _check_sound(solution, tt)
        fallback = record.get("first_min_fallback")
        if isinstance(fallback, dict) and fallback.get("solutions"):
            # R's first.min model lists its terms in chart order: compare terms as sets
            assert set(fallback["solutions"][0]) in [set(m.terms) for m in solution.models]
        return solution
    if "intermediate" not in record:
        chart = solution.to_dict()
        _check_chart(
            {**chart, "models": [m.terms for m in solution.models]}, record, f"{filename} {name}"
        )
        _check_models_fit(solution.models, record, f"{filename} {name}")
        for term, figures in record["fit"]["terms"].items():
            _check_fit(solution.terms.loc[term].to_dict(), figures, f"terms {term}")
        if kwargs["include"] == "?":
            expected = record["simplifying_assumptions"]
            for model_name, rows in expected.items():
                assert list(solution.simplifying_assumptions[model_name]) == rows, model_name
        return solution
    # intermediate: one result per conservative x parsimonious pair
    reference_pars = record["parsimonious_reference"]
    assert [list(m.terms) for m in solution.parsimonious_models] == reference_pars["solutions"]
    assert list(solution.prime_implicants) == reference_pars["prime_implicants"]
    for model_name, rows in reference_pars["simplifying_assumptions"].items():
        assert list(solution.simplifying_assumptions[model_name]) == rows, model_name
    assert [p.label for p in solution.intermediate] == [p["label"] for p in record["intermediate"]]
    for pair, expected in zip(solution.intermediate, record["intermediate"]):
        what = f"{filename} {name} {pair.label}"
        assert list(pair.conservative) == expected["c.sol"], what
        check_intermediate_pair(pair, expected, what)
    distinct = []
    for expected in record["intermediate"]:
        for model in expected["solutions"]:
            if model not in distinct:
                distinct.append(model)
    assert [list(m.terms) for m in solution.models] == distinct
    return solution


def _check_sound(solution, tt) -> None:
    positive = set(tt.table.index[tt.table["OUT"] == "1"].tolist())
    chart = solution.pi_chart
    assert set(chart.columns) == positive
    for model in solution.models:
        if solution.intermediate:
            continue
        assert chart.loc[list(model.terms)].any(axis=0).all()


def test_printed_model_lines_match_r() -> None:
    """The first lines R prints (the models, essential PIs first, the rest in parentheses)."""
    checked = sum(check_printed_models(_load(f), n, f) for f, n in RECORDS)
    assert checked > 50


def check_printed_models(
    case: dict, name: str, filename: str, solution: Solution | None = None
) -> bool:
    """Our model lines against R's printout; False when the record has none to compare."""
    record = case["minimize"][name]
    if "printed" not in record or record.get("error") or "intermediate" in record:
        return False
    if solution is None:
        solution = minimize(reference_tt(case), **_arguments(name, record["params"]))
    printed = [line.rstrip() for line in record["printed"]]
    # str() shows at most MAX_BLOCKS models: the same printout, uncapped
    printout = solution_text(solution, max_blocks=max(len(solution.models), MAX_BLOCKS))
    ours = [line.rstrip() for line in printout.splitlines()]
    count = next(i for i, line in enumerate(printed[1:], start=1) if not line.strip())
    assert ours[1:count] == printed[1:count], f"{filename} {name}"
    return True
