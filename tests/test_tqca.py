"""Temporal QCA (tQCA): conditions holding the "don't care" placeholder "-", against R QCA 3.25.

Reference: tests/reference/r14/tqca.json, made by tests/reference/r14/tqca.R (R's RS data, a
fuzzy data set with one order column, a crisp one with two). Where R's parsimonious search
returns terms that contain negative rows (its row numbers code "-" as -1, and rows then share a
number), qca keeps the definition; those differences are asserted as such below.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca._core.qmc import prime_implicants
from qca.exceptions import QCAError
from qca.minimize.temporal import temporal_primes

REFERENCE = json.loads((Path(__file__).parent / "reference" / "r14" / "tqca.json").read_text())


def _data(key: str) -> pd.DataFrame:
    return pd.DataFrame(REFERENCE[key]["data"]).set_index("_row").rename_axis(None)


def _table(key: str) -> qca.TruthTable:
    if key == "RS":
        return qca.truth_table(qca.datasets.load("RS"), "REC", complete=True)
    return qca.truth_table(_data(key), "Y", incl_cut=0.75 if key == "fuzzy" else 1)


def _close(a, b) -> bool:
    return all(
        (x in (None, "NA") and math.isnan(y)) or math.isclose(x, y, abs_tol=1e-9)
        for x, y in zip(a, b, strict=True)
    )


@pytest.mark.parametrize("key", ["RS", "fuzzy", "two"])
def test_truth_table_equals_r(key: str) -> None:
    ref = dict(REFERENCE[key]["tt"])
    # R's tt$tt lists every configuration; its print (and qca's table) the observed rows
    keep = [i for i, n in enumerate(ref["n"]) if key == "RS" or n > 0]
    for name in ("rows", "configurations", "OUT", "n", "incl", "PRI", "cases"):
        ref[name] = [ref[name][i] for i in keep]
    ref["cases"] = [[c] if isinstance(c, str) else c for c in ref["cases"]]
    tt = _table(key)
    table = tt.table
    assert table.index.tolist() == ref["rows"]
    shown = [
        [
            "-" if c in tt.dont_care and v == tt.noflevels[j] - 1 else str(v)
            for j, (c, v) in enumerate(zip(tt.conditions, row, strict=True))
        ]
        for row in table[list(tt.conditions)].to_numpy().tolist()
    ]
    assert shown == ref["configurations"]
    assert table["OUT"].astype(str).tolist() == ref["OUT"]
    assert table["n"].tolist() == ref["n"]
    assert _close(ref["incl"], table["incl"].tolist())
    assert _close(ref["PRI"], table["PRI"].tolist())
    assert [sorted(c) for c in table["cases"]] == [sorted(c) for c in ref["cases"]]
    # R's printout, line for line (R pads with trailing blanks and blank lines around)
    printed = [line.rstrip() for line in ref["printed"]]
    while printed and not printed[0]:
        printed.pop(0)
    while printed and not printed[-1]:
        printed.pop()
    if key != "RS":  # R prints the cases in data order; these are in natural order already
        assert [line.rstrip() for line in str(tt).splitlines()] == printed
    else:
        ours = [line.rstrip() for line in str(tt).splitlines()]
        assert [" ".join(line.split()[:10]) for line in ours] == [
            " ".join(line.split()[:10]) for line in printed
        ]
    assert tt.multivalue is False


def _check_solution(solution: qca.minimize, ref: dict, models: list[int] | None = None) -> None:
    r_models = ref["solutions"] if models is None else [ref["solutions"][i] for i in models]
    assert [list(m.terms) for m in solution.models] == r_models
    frame = solution.to_frame().drop_duplicates("term").set_index("term")
    for i, term in enumerate(ref["terms"]["terms"]):
        if term not in frame.index:
            continue
        for figure in ("inclS", "PRI", "covS"):
            value = frame.loc[term, figure]
            assert math.isclose(float(value), ref["terms"][figure][i], abs_tol=1e-9), (
                term,
                figure,
            )


def test_rs_conservative_equals_r() -> None:
    ref = REFERENCE["RS"]["conservative"]
    solution = qca.minimize(qca.truth_table(qca.datasets.load("RS"), "REC"))
    _check_solution(solution, ref)
    fit = solution.models[0].fit
    assert math.isclose(fit["inclS"], ref["model"]["inclS"])
    assert math.isclose(fit["covS"], ref["model"]["covS"])
    assert solution.models[0].terms == ("P*E*S", "P*E*A*EBA", "E*A*~EBA*S")


def test_rs_parsimonious_equals_r() -> None:
    ref = REFERENCE["RS"]["parsimonious"]
    solution = qca.minimize(qca.truth_table(qca.datasets.load("RS"), "REC"), include="?")
    _check_solution(solution, ref)
    for model, r_fit in zip(solution.models, ref["models"], strict=True):
        assert math.isclose(model.fit["inclS"], r_fit["inclS"])
        assert math.isclose(model.fit["covS"], r_fit["covS"])
    # "-" rows are covered only by terms that do not name EBA (R's PI chart)
    chart = solution.pi_chart
    assert not chart.loc["EBA", 42] and not chart.loc["~EBA", 42] and chart.loc["P*E", 42]


def test_fuzzy_conservative_equals_r() -> None:
    ref = REFERENCE["fuzzy"]["conservative"]
    solution = qca.minimize(_table("fuzzy"))
    _check_solution(solution, ref)
    assert math.isclose(solution.models[0].fit["covS"], ref["model"]["covS"])


def test_two_order_columns_conservative_equals_r_up_to_term_order() -> None:
    ref = REFERENCE["two"]["conservative"]
    solution = qca.minimize(_table("two"))
    assert sorted(solution.models[0].terms) == sorted(ref["solutions"][0])


def test_where_r_takes_inconsistent_terms_qca_keeps_the_definition() -> None:
    # R's extra models hold terms that contain a negative row (R's own inclS < 1 on crisp data,
    # or a term and its subset together): an artefact of R coding "-" as -1 in row numbers
    negated = qca.minimize(qca.truth_table(qca.datasets.load("RS"), "~REC"), include="?")
    ref = REFERENCE["RS"]["parsimonious_negated"]
    inconsistent = {
        t for t, incl in zip(ref["terms"]["terms"], ref["terms"]["inclS"], strict=True) if incl < 1
    }
    assert inconsistent == {"~P", "~S"}
    kept = [m for m in ref["solutions"] if not inconsistent & set(m)]
    assert [list(m.terms) for m in negated.models] == kept
    assert all(m.fit["inclS"] == 1 for m in negated.models)
    fuzzy = qca.minimize(_table("fuzzy"), include="?")
    assert {frozenset(m.terms) for m in fuzzy.models} == {
        frozenset(m) for m in REFERENCE["fuzzy"]["parsimonious"]["solutions"][:2]
    }
    two = qca.minimize(_table("two"), include="?")
    assert [list(m.terms) for m in two.models] == [REFERENCE["two"]["parsimonious"]["solutions"][0]]


def test_placeholder_cases_belong_to_no_level() -> None:
    tt = qca.truth_table(qca.datasets.load("RS"), "REC")
    assert tt.dont_care == ("EBA",)
    assert tt.noflevels == (2, 2, 2, 3, 2)
    assert tt.memberships.loc["6", "EBA"] == 2
    assert tt.to_dict()["dont_care"] == {"EBA": 2}
    assert "dont_care" not in qca.truth_table(qca.datasets.load("LF"), "SURV").to_dict()
    rs = qca.datasets.load("RS")
    before = rs.copy()
    qca.truth_table(rs, "REC")
    pd.testing.assert_frame_equal(rs, before)


# ---- hostile inputs -----------------------------------------------------------------------


def _frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns, index=[f"c{i}" for i in range(1, 5)])


def test_placeholder_in_the_outcome_is_refused() -> None:
    data = _frame(A=[1, 0, 1, 0], Y=[1, "-", 0, 1])
    with pytest.raises(QCAError, match=r"outcome 'Y' has the value '-' \(case 'c2'\)"):
        qca.truth_table(data, "Y")


def test_placeholder_beside_fuzzy_scores_is_refused() -> None:
    data = _frame(A=[0.2, "-", 0.7, 1], B=[1, 0, 1, 0], Y=[1, 0, 0, 1])
    with pytest.raises(QCAError, match=r"condition 'A' .* value 0.2 \(case 'c1'\).*fuzzy"):
        qca.truth_table(data, "Y")


def test_placeholder_with_spaces_is_refused() -> None:
    data = _frame(A=[1, " - ", 0, 1], B=[1, 0, 1, 0], Y=[1, 0, 0, 1])
    with pytest.raises(QCAError, match=r"condition 'A' has the value ' - ' \(case 'c2'\).*exactly"):
        qca.truth_table(data, "Y")


def test_placeholder_mixed_with_other_text_is_refused() -> None:
    data = _frame(A=[1, "-", "x", 1], B=[1, 0, 1, 0], Y=[1, 0, 0, 1])
    with pytest.raises(QCAError, match=r"column 'A' has a non-numeric value 'x' \(case 'c3'\)"):
        qca.truth_table(data, "Y")
    data = _frame(A=[1, "-", -1, 1], B=[1, 0, 1, 0], Y=[1, 0, 0, 1])
    with pytest.raises(QCAError, match=r"condition 'A' .* value -1 \(case 'c3'\)"):
        qca.truth_table(data, "Y")


def test_numeric_strings_beside_the_placeholder_are_levels() -> None:
    data = _frame(A=["1", "-", "0", "1"], B=[1, 0, 1, 0], Y=[1, 0, 0, 1])
    tt = qca.truth_table(data, "Y")
    assert tt.memberships["A"].tolist() == [1, 2, 0, 1]


# ---- properties: the primes against a brute force over every term ------------------------


def _brute_primes(on, off, noflevels, placeholders, remainders):
    k = len(noflevels)
    real = [n - 1 if j in placeholders else n for j, n in enumerate(noflevels)]
    terms = list(itertools.product(*[range(r + 1) for r in real]))

    def contains(term, row):
        return all(c == 0 or row[j] == c - 1 for j, c in enumerate(term))

    expanded = set()
    for row in map(tuple, on):
        choices = [
            range(real[j]) if j in placeholders and v == noflevels[j] - 1 else [v]
            for j, v in enumerate(row)
        ]
        expanded.update(itertools.product(*choices))

    def implicant(term):
        if not remainders:
            rows = itertools.product(*[range(r) if c == 0 else [c - 1] for r, c in zip(real, term)])
            return all(r in expanded for r in rows)
        return any(contains(term, r) for r in on) and not any(contains(term, r) for r in off)

    found = [t for t in terms if implicant(t)]
    found_set = set(found)

    def prime(term):
        for j in range(k):
            if term[j]:
                if term[:j] + (0,) + term[j + 1 :] in found_set:
                    return False
        return True

    return sorted(t for t in found if prime(t))


@st.composite
def _problems(draw):
    k = draw(st.integers(2, 4))
    placeholders = sorted(draw(st.sets(st.integers(0, k - 1), min_size=1, max_size=2)))
    noflevels = tuple(3 if j in placeholders else 2 for j in range(k))
    every = list(itertools.product(*[range(n) for n in noflevels]))
    roles = draw(st.lists(st.sampled_from("10?"), min_size=len(every), max_size=len(every)))
    on = np.array([c for c, r in zip(every, roles) if r == "1"], dtype=np.int64).reshape(-1, k)
    off = np.array([c for c, r in zip(every, roles) if r == "0"], dtype=np.int64).reshape(-1, k)
    return on, off, noflevels, placeholders


def _engine(on, off, levels, remainders):
    return prime_implicants(on, off, levels, remainders=remainders)


@settings(max_examples=40, deadline=None)
@given(_problems(), st.booleans())
def test_temporal_primes_equal_brute_force(problem, remainders) -> None:
    on, off, noflevels, placeholders = problem
    if on.shape[0] == 0:
        return
    got = temporal_primes(on, off, noflevels, placeholders, remainders, _engine)
    expected = _brute_primes(on, off, noflevels, placeholders, remainders)
    assert sorted(map(tuple, got.tolist())) == expected


@settings(max_examples=20, deadline=None)
@given(_problems())
def test_a_placeholder_row_is_the_rows_it_stands_for_conservatively(problem) -> None:
    # conservative: a positive row at "-" gives the primes of the rows at 0 and at 1
    on, off, noflevels, placeholders = problem
    if on.shape[0] == 0:
        return
    from qca.minimize.temporal import expand_placeholders

    real = tuple(n - 1 if j in placeholders else n for j, n in enumerate(noflevels))
    expanded = expand_placeholders(on, noflevels, placeholders)
    with_placeholder = temporal_primes(on, off, noflevels, placeholders, False, _engine)
    plain = prime_implicants(
        expanded, np.zeros((0, len(noflevels)), np.int64), real, remainders=False
    )
    assert sorted(map(tuple, with_placeholder.tolist())) == sorted(map(tuple, plain.tolist()))


def test_rs_intermediate_equals_r() -> None:
    tt = qca.truth_table(qca.datasets.load("RS"), "REC")
    solution = qca.minimize(tt, include="?", dir_exp="P, E, A, EBA, S")
    got = {pair.label: [list(m.terms) for m in pair.models] for pair in solution.intermediate}
    assert got == REFERENCE["RS"]["intermediate"]


def test_rs_consistency_relaxed_search_equals_r() -> None:
    tt = qca.truth_table(qca.datasets.load("RS"), "REC")
    solution = qca.minimize(tt, include="?", pi_cons=0.8, sol_cons=0.8)
    assert [list(m.terms) for m in solution.models] == [REFERENCE["RS"]["relaxed"]]
    # the relaxed search never names the placeholder either
    negated = qca.minimize(
        qca.truth_table(qca.datasets.load("RS"), "~REC"), include="?", pi_cons=0.8, sol_cons=0.8
    )
    assert all("EBA" not in t or "[" not in t for m in negated.models for t in m.terms)


# ---- properties: every model against the definition, on random crisp tQCA data ------------


@st.composite
def _tqca_data(draw):
    n = draw(st.integers(4, 12))
    rows = []
    for _ in range(n):
        a, b, c = (draw(st.integers(0, 1)) for _ in range(3))
        t = draw(st.sampled_from(["0", "1", "-"]))
        rows.append({"A": a, "B": b, "T": t, "C": c, "Y": draw(st.integers(0, 1))})
    return pd.DataFrame(rows, index=[f"c{i}" for i in range(n)])


def _contains(term: str, row: dict) -> bool:
    for literal in term.split("*"):
        name = literal.lstrip("~")
        if row[name] != (0 if literal.startswith("~") else 1):
            return False
    return True


@settings(max_examples=20, deadline=None)
@given(_tqca_data())
def test_models_follow_the_definition(data) -> None:
    try:
        tt = qca.truth_table(data, "Y")
    except QCAError:
        return  # e.g. no row at all (cannot happen) -- or "-" alone in a column
    table = tt.table
    placeholder = tt.noflevels[tt.conditions.index("T")] - 1 if tt.dont_care else None
    rows = [
        ({c: (None if c == "T" and v == placeholder else v) for c, v in zip(tt.conditions, r)}, o)
        for r, o in zip(
            table[list(tt.conditions)].to_numpy().tolist(), table["OUT"].astype(str), strict=True
        )
    ]
    positive = [r for r, o in rows if o == "1"]
    negative = [r for r, o in rows if o != "1"]
    if not positive:
        return
    expanded = [{**r, "T": t} for r in positive for t in ((0, 1) if r["T"] is None else (r["T"],))]
    for include in ("", "?"):
        try:
            solution = qca.minimize(tt, include=include)
        except QCAError:
            continue  # every condition minimized away, as R refuses
        for model in solution.models:
            for row in positive:  # every positive row is covered ...
                assert any(_contains(t, row) for t in model.terms if t != "1")
            for term in model.terms:
                if include == "?":  # ... no term contains a negative row
                    assert not any(_contains(term, r) for r in negative)
                else:  # ... a conservative term holds positive configurations only
                    names = ["A", "B", "T", "C"]
                    for config in itertools.product((0, 1), repeat=4):
                        row = dict(zip(names, config, strict=True))
                        if _contains(term, row):
                            assert row in expanded


def test_views_show_the_placeholder() -> None:
    tt = qca.truth_table(qca.datasets.load("RS"), "REC")
    summary = str(tt.summary())
    assert "EBA 3 (crisp and '-' (tQCA))" in summary
    assert any(line.split()[:5] == ["5", "0", "0", "0", "-"] for line in summary.splitlines())
    assert '<td class="num">-</td>' in tt._repr_html_()


def test_sorting_by_an_order_column_equals_r() -> None:
    tt = qca.truth_table(qca.datasets.load("RS"), "REC", sort_by="EBA")
    printed = [line.split()[0] for line in REFERENCE["RS"]["sorted_by_EBA"][7:] if line.strip()]
    assert [str(i) for i in tt.table.index] == printed
