"""Tests of qca.expressions: parsing, printing, implicant conversion, membership and algebra."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qca.exceptions import ExpressionError, ProblemTooLargeError, QCAError
from qca.expressions import (
    Expression,
    Literal,
    Term,
    equivalent,
    intersect,
    negate,
    parse,
    simplify,
)


def lit(name: str, *values: int) -> Literal:
    return Literal(name, frozenset(values))


# ---------------------------------------------------------------------------------------------
# parsing
# ---------------------------------------------------------------------------------------------


def test_parse_structure() -> None:
    e = parse("A*~B + C[2]")
    assert e.terms == (Term((lit("A", 1), lit("B", 0))), Term((lit("C", 2),)))
    assert e.conditions == ("A", "B", "C")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A", "A"),
        ("~A", "~A"),
        ("A*B+C", "A*B + C"),
        ("  A  *  ~ B\t+\nC ", "A*~B + C"),
        ("A[2]", "A[2]"),
        ("A{2}", "A[2]"),
        ("A[2,1]", "A[1,2]"),
        ("A{1, 2}", "A[1,2]"),
        ("AB*C", "AB*C"),  # juxtaposition is a name, not a product
        ("x.1*y_2", "x.1*y_2"),
        (".a + _b", ".a + _b"),
        ("A + A", "A"),
        ("A*A", "A"),
        ("~~A", "A"),
        ("(A)", "A"),
        ("(A + B)*C", "A*C + B*C"),
        ("(A + B)*(C + ~D)", "A*C + A*~D + B*C + B*~D"),
        ("~(A*B)", "~A + ~B"),
        ("~(A + B)", "~A*~B"),
        ("~(A*~B + C)", "~A*~C + B*~C"),
        ("~A[1]", "~A"),
        ("~A[0]", "A"),
        ("Über*é", "Über*é"),
    ],
)
def test_parse_and_print(text: str, expected: str) -> None:
    assert str(parse(text)) == expected


def test_literal_order_follows_conditions() -> None:
    e = parse("C*~A + B", conditions=["A", "B", "C"])
    assert str(e) == "~A*C + B"
    assert e.conditions == ("A", "B", "C")
    # Without conditions: order of first appearance.
    assert str(parse("C*~A + B")) == "C*~A + B"


def test_negated_multivalue_literal_needs_levels() -> None:
    e = parse("~A[1]*B", conditions=["A", "B"], noflevels=[3, 2])
    assert e.terms == (Term((lit("A", 0, 2), lit("B", 1))),)
    assert str(e) == "A[0,2]*B[1]"  # a multi-value analysis writes B as B[1]
    assert e.to_string(multivalue=False) == "A[0,2]*B"
    assert str(parse("~(A[1] + A[2])", ["A"], [3])) == "A[0]"
    # ~A for a three-level condition is "not level 1"
    assert str(parse("~A", ["A"], [3])) == "A[0,2]"


def test_negated_tautology_is_empty() -> None:
    e = parse("~A[0,1] + B")
    assert str(e) == "B"
    assert str(parse("~A[0,1]")) == "0"
    assert parse("~A[0,1]").terms == ()


def test_multivalue_printing() -> None:
    e = parse("A*~B + C[2]")
    assert e.to_string(multivalue=True) == "A[1]*B[0] + C[2]"
    assert e.to_string(multivalue=False) == "A*~B + C[2]"
    assert str(Expression(())) == "0"
    assert str(Term(())) == "1"


def test_expression_repr_html_dict() -> None:
    e = parse("A*~B + C[1,2]")
    assert repr(e) == "Expression('A*~B + C[1,2]')"
    assert e._repr_html_() == "<code>A*~B + C[1,2]</code>"
    d = e.to_dict()
    assert d["expression"] == "A*~B + C[1,2]"
    assert d["terms"][1] == [{"condition": "C", "values": [1, 2]}]


def test_equality_ignores_context() -> None:
    assert parse("A*B") == parse("A*B", conditions=["A", "B", "C"])
    assert hash(parse("A*B")) == hash(parse("A*B", conditions=["A", "B"]))
    assert parse("A*B") != parse("A*~B")


# ---------------------------------------------------------------------------------------------
# parse errors
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, position, message",
    [
        ("", 0, "empty expression"),
        ("   ", 0, "empty expression"),
        ("A +", 3, "expected a condition name, '~' or '\\(' but found end of input"),
        ("A * + B", 4, "expected a condition name, '~' or '\\(' but found '\\+'"),
        ("A B", 2, "expected '\\+', '\\*' or the end but found 'B'"),
        ("(A + B", 6, "expected '\\)' to close the '\\(' at position 0"),
        ("A + B)", 5, "expected '\\+', '\\*' or the end but found '\\)'"),
        ("A[", 2, "expected a level \\(a whole number\\) for 'A' but found end of input"),
        ("A[]", 2, "expected a level"),
        ("A[1;2]", 3, "unexpected character ';'"),
        ("A[1,]", 4, "expected a level"),
        ("A{1]", 3, "expected ',' or '}' but found '\\]'"),
        ("A & B", 2, "unexpected character '&'"),
        ("2A", 0, "expected a condition name"),
        ("A[-1]", 2, "unexpected character '-'"),
    ],
)
def test_syntax_errors(text: str, position: int, message: str) -> None:
    with pytest.raises(ExpressionError, match=message) as info:
        parse(text)
    assert info.value.position == position
    assert info.value.text == text
    assert f"at position {position}" in str(info.value)
    # the caret line points at the position under the echoed text
    lines = str(info.value).splitlines()
    assert lines[-1] == "    " + " " * position + "^"
    assert lines[-2] == "    " + text.replace("\t", " ").replace("\n", " ")


def test_unknown_condition() -> None:
    with pytest.raises(
        ExpressionError,
        match=r"unknown condition 'X' at position 4; known conditions: \['A', 'B'\]",
    ) as info:
        parse("A + X*B", conditions=["A", "B"])
    assert info.value.position == 4


def test_level_out_of_range() -> None:
    with pytest.raises(
        ExpressionError,
        match=r"level 3 of condition 'A' at position 2 is out of "
        r"range: 'A' has levels 0..2",
    ):
        parse("A[3]", conditions=["A"], noflevels=[3])


def test_negation_without_levels() -> None:
    with pytest.raises(
        ExpressionError,
        match=r"cannot negate 'A\[2\]' at position 0 without "
        r"knowing how many levels 'A' has",
    ):
        parse("~A[2]")
    with pytest.raises(
        ExpressionError,
        match="'A' is negated at position 0 as a binary condition but is used with a level above 1",
    ):
        parse("~A + A[2]")


def test_bad_context_arguments() -> None:
    with pytest.raises(ExpressionError, match="`noflevels` needs `conditions`"):
        parse("A", noflevels=[2])
    with pytest.raises(ExpressionError, match=r"`noflevels` has 1 entries for 2 conditions"):
        parse("A", conditions=["A", "B"], noflevels=[2])
    with pytest.raises(ExpressionError, match=r"`noflevels` of 'A' must be an integer >= 2; got 1"):
        parse("A", conditions=["A"], noflevels=[1])
    with pytest.raises(
        ExpressionError, match="`conditions` must be a sequence of names, not a str"
    ):
        parse("A", conditions="AB")
    with pytest.raises(ExpressionError, match="`text` must be a string; got int"):
        parse(3)  # type: ignore[arg-type]


def test_expansion_limit() -> None:
    text = "*".join(f"(A{i} + B{i})" for i in range(16))
    with pytest.raises(ExpressionError, match="multiplies out to more than"):
        parse(text)


def test_expression_error_is_value_error() -> None:
    with pytest.raises(ValueError):
        parse("A +")


# ---------------------------------------------------------------------------------------------
# implicants
# ---------------------------------------------------------------------------------------------


def test_from_to_implicant() -> None:
    conditions = ["A", "B", "C"]
    t = Term.from_implicant(np.array([2, 0, 1]), conditions)
    assert str(t) == "A*~C"
    assert t.to_implicant(conditions).tolist() == [2, 0, 1]
    mv = Term.from_implicant([3, 2, 0], conditions, multivalue=True)
    assert str(mv) == "A[2]*B[1]"
    assert mv.to_string(multivalue=False) == "A[2]*B"
    assert mv == Term.from_implicant([3, 2, 0], conditions)  # the print flag is not identity
    assert Term.from_implicant([0, 0, 0], conditions).literals == ()
    assert parse("A*~C + B", conditions).to_implicants().tolist() == [[2, 0, 1], [0, 2, 0]]


def test_implicant_errors() -> None:
    with pytest.raises(ExpressionError, match=r"admits several levels"):
        parse("A[1,2]").terms[0].to_implicant(["A"])
    with pytest.raises(ExpressionError, match=r"condition 'D' of term 'D' is not among"):
        parse("D").terms[0].to_implicant(["A"])
    with pytest.raises(ExpressionError, match=r"restricts 'A' twice"):
        parse("A*~A").terms[0].to_implicant(["A"])
    with pytest.raises(ExpressionError, match=r"2 codes for 3 conditions"):
        Term.from_implicant([1, 2], ["A", "B", "C"])


def test_literal_validation() -> None:
    with pytest.raises(ExpressionError, match="with no level at all"):
        Literal("A", frozenset())
    with pytest.raises(ExpressionError, match="must be non-negative integers"):
        Literal("A", frozenset({-1}))


# ---------------------------------------------------------------------------------------------
# membership
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def data() -> pd.DataFrame:
    return pd.DataFrame(
        {"A": [0.8, 0.3, 1.0], "B": [0.1, 0.4, 0.0], "C": [0, 2, 1], "D": [1, 0, 1]},
        index=["x", "y", "z"],
    )


def test_membership(data: pd.DataFrame) -> None:
    m = parse("A*~B + C[2]").membership(data)
    assert m.index.tolist() == ["x", "y", "z"]
    assert m.name == "A*~B + C[2]"
    np.testing.assert_allclose(m, [0.8, 1.0, 1.0])
    np.testing.assert_allclose(parse("~A").membership(data), [0.2, 0.7, 0.0])
    np.testing.assert_allclose(parse("C[0,1]").membership(data), [1, 0, 1])
    np.testing.assert_allclose(parse("~C[1]", ["C"], [3]).membership(data), [1, 1, 0])
    np.testing.assert_allclose(parse("A[0,1]").membership(data), [0.8, 0.7, 1.0])
    np.testing.assert_allclose(parse("D[1]*A").membership(data), [0.8, 0.0, 1.0])
    np.testing.assert_allclose(parse("~A[0,1]").membership(data), [0, 0, 0])
    # A*~A keeps its fuzzy meaning min(a, 1 - a); A[0,1]*A is A
    assert str(parse("A*~A")) == "~A*A"
    assert str(parse("A[0,1]*A")) == "A"
    assert str(parse("C[0,1]*C[1,2]")) == "C"  # level 1 of a condition of unknown levels
    assert str(parse("C[1]*C[2] + A")) == "A"
    np.testing.assert_allclose(parse("A*~A").membership(data), [0.2, 0.3, 0.0])
    term = parse("A*~B").terms[0].membership(data)
    assert term.name == "A*~B"
    np.testing.assert_allclose(term, [0.8, 0.3, 1.0])
    assert data["A"].tolist() == [0.8, 0.3, 1.0]  # never modified


def test_membership_errors(data: pd.DataFrame) -> None:
    with pytest.raises(
        QCAError,
        match=r"condition\(s\) \['E'\] not found in `data`. Available "
        r"columns: \['A', 'B', 'C', 'D'\]",
    ):
        parse("A + E").membership(data)
    with pytest.raises(QCAError, match=r"Term.membership\(\): condition\(s\) \['E'\] not found"):
        parse("E").terms[0].membership(data)
    bad = data.assign(C=[0, 1.5, 2])
    with pytest.raises(
        QCAError,
        match=r"condition 'C' has value 1.5 \(case 'y'\); expected "
        r"memberships in \[0, 1\] or multi-value levels",
    ):
        parse("C[2]").membership(bad)
    with pytest.raises(QCAError, match=r"column 'A' has missing values \(case 'x'\)"):
        parse("A").membership(data.assign(A=[np.nan, 0.1, 0.2]))
    with pytest.raises(QCAError, match=r"`data` must be a pandas DataFrame; got dict"):
        parse("A").membership({"A": [1]})  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# algebra
# ---------------------------------------------------------------------------------------------


def test_simplify() -> None:
    assert str(simplify("A*B + A*~B")) == "A"
    assert str(simplify("A*~A")) == "0"
    assert str(simplify("A + ~A")) == "1"
    assert str(simplify("A*B + ~A*C + B*C")) == "~A*C + A*B"
    assert str(simplify(parse("A[0] + A[1]", ["A", "B"], [3, 2]))) == "A[0] + A[1]"
    assert str(simplify(parse("A[0] + A[1] + A[2]*B", ["A", "B"], [3, 2]))) == "A[0] + A[1] + B[1]"


def test_negate() -> None:
    assert str(negate("A")) == "~A"
    assert str(negate("A*B")) == "~A + ~B"
    assert str(negate("A + B")) == "~A*~B"
    assert str(negate("A*B + ~A*C")) == "~A*~C + A*~B"
    assert str(negate(parse("A[1]", ["A"], [3]))) == "A[0] + A[2]"
    assert str(~parse("A*B")) == "~A + ~B"
    assert str(negate("A*~B", minimize=False)) == "~A + B"


def test_negate_requires_levels() -> None:
    with pytest.raises(
        ExpressionError,
        match=r"negate\(\): the number of levels of 'A' is unknown "
        r"\(it is used with level 2\)",
    ):
        negate("A[2]")


def test_intersect_and_equivalent() -> None:
    assert str(intersect("A + B", "~A")) == "~A*B"
    assert str(parse("A + B") & "~A") == "~A*B"
    assert str(parse("A*B") | "A*~B") == "A"
    assert equivalent("A*B + A*~B", "A")
    assert not equivalent("A + B", "A*B")
    assert equivalent(parse("A[0] + A[1] + A[2]", ["A"], [3]), parse("A + ~A", ["A"], [3]))
    # without levels ~A is A[0]: A + ~A leaves out A[2]
    assert not equivalent(parse("A[0] + A[1] + A[2]", ["A"], [3]), "A + ~A")
    with pytest.raises(ExpressionError, match="intersect\\(\\): needs at least one expression"):
        intersect()
    with pytest.raises(ExpressionError, match="condition 'A' has 3 levels in one expression and 4"):
        intersect(parse("A[1]", ["A"], [3]), parse("A[1]", ["A"], [4]))


def test_algebra_size_limit() -> None:
    text = "*".join(f"A{i}" for i in range(17))
    with pytest.raises(ProblemTooLargeError, match="limited to 65536"):
        negate(text)


# ---------------------------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------------------------

NAMES = ["A", "B", "C", "D"]
LEVELS = {"A": 2, "B": 2, "C": 3, "D": 2}


@st.composite
def expressions(draw: st.DrawFn, max_terms: int = 4) -> Expression:
    terms = []
    for _ in range(draw(st.integers(1, max_terms))):
        chosen = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
        literals = []
        for name in chosen:
            levels = draw(
                st.sets(st.integers(0, LEVELS[name] - 1), min_size=1, max_size=LEVELS[name] - 1)
            )
            literals.append(lit(name, *levels))
        order = {n: i for i, n in enumerate(NAMES)}
        terms.append(Term(tuple(sorted(literals, key=lambda x: order[x.condition]))))
    return Expression(tuple(dict.fromkeys(terms)), NAMES, tuple(LEVELS[n] for n in NAMES))


@st.composite
def fuzzy_data(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(1, 8))
    unit = st.floats(0, 1, allow_nan=False)
    columns = {name: draw(st.lists(unit, min_size=n, max_size=n)) for name in ["A", "B", "D"]}
    columns["C"] = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    return pd.DataFrame(columns)[NAMES]


def crisp_space() -> pd.DataFrame:
    rows = list(itertools.product(*[range(LEVELS[n]) for n in NAMES]))
    return pd.DataFrame(rows, columns=NAMES)


@given(expressions())
def test_print_parse_round_trip(e: Expression) -> None:
    for multivalue in (False, True):
        again = parse(e.to_string(multivalue=multivalue), NAMES, [LEVELS[n] for n in NAMES])
        assert again == e


@given(expressions())
def test_double_negation_is_equivalent(e: Expression) -> None:
    twice = negate(negate(e))
    assert equivalent(twice, e)
    space = crisp_space()
    np.testing.assert_array_equal(twice.membership(space), e.membership(space))


@given(expressions())
def test_negation_is_complement_on_crisp_data(e: Expression) -> None:
    space = crisp_space()
    np.testing.assert_allclose(negate(e).membership(space), 1 - e.membership(space))


@given(expressions(max_terms=3), fuzzy_data())
def test_exact_negation_is_fuzzy_complement(e: Expression, data: pd.DataFrame) -> None:
    np.testing.assert_allclose(
        negate(e, minimize=False).membership(data), 1 - e.membership(data), atol=1e-12
    )


@given(expressions(), fuzzy_data())
def test_parse_expansion_keeps_fuzzy_membership(e: Expression, data: pd.DataFrame) -> None:
    # ~(e) parsed through De Morgan equals 1 - membership on fuzzy data
    text = "~(" + e.to_string(multivalue=True) + ")"
    parsed = parse(text, NAMES, [LEVELS[n] for n in NAMES])
    np.testing.assert_allclose(parsed.membership(data), 1 - e.membership(data), atol=1e-12)


@given(expressions())
def test_simplify_is_equivalent_and_minimal(e: Expression) -> None:
    s = simplify(e)
    assert equivalent(s, e)
    # no term of a minimal sum of products can be dropped
    for i in range(len(s.terms)):
        rest = Expression(s.terms[:i] + s.terms[i + 1 :], s.conditions, s.noflevels)
        assert not equivalent(rest, e)
    assert len(s.terms) <= len(simplify(e).terms)
    assert simplify(s) == s


@given(expressions(max_terms=3), expressions(max_terms=3))
def test_intersection_membership_on_crisp_data(a: Expression, b: Expression) -> None:
    space = crisp_space()
    np.testing.assert_array_equal(
        intersect(a, b).membership(space), np.minimum(a.membership(space), b.membership(space))
    )


@given(st.text(alphabet=st.sampled_from(list("AB~*+()[]{},0123 xé_.\t;")), max_size=30))
def test_parser_fuzz_grammar_alphabet(text: str) -> None:
    try:
        parse(text)
    except ExpressionError:
        pass


@given(st.text(max_size=30))
def test_parser_fuzz_any_text(text: str) -> None:
    try:
        parse(text, conditions=["A", "B"], noflevels=[2, 3])
    except ExpressionError:
        pass


# --------------------------------------------------------------------------- hostile input sizes


def test_deep_parentheses_are_a_syntax_error_not_a_recursion_error() -> None:
    from qca.exceptions import ExpressionError
    from qca.expressions import parse

    assert str(parse("(" * 100 + "A" + ")" * 100)) == "A"
    with pytest.raises(ExpressionError, match=r"parentheses nested more than 100 deep") as info:
        parse("(" * 400 + "A" + ")" * 400)
    assert info.value.position == 100
    with pytest.raises(ExpressionError, match=r"nested more than 100 deep"):
        parse("~(" * 400 + "A" + ")" * 400)


@pytest.mark.parametrize("count", [999, 1000, 5000])
def test_long_runs_of_negations(count: int) -> None:
    from qca.expressions import parse

    expected = "~A*B" if count % 2 else "A*B"
    assert str(parse("~" * count + "A*B")) == expected
    assert str(parse("~" * count + "(A + ~B)")) == ("~A*B" if count % 2 else "A + ~B")


def test_fit_and_cli_refuse_deep_nesting_cleanly(tmp_path) -> None:
    import subprocess
    import sys

    import qca

    lf = qca.datasets.load("LF")
    with pytest.raises(qca.QCAError, match="nested more than 100 deep"):
        qca.fit("(" * 400 + "DEV" + ")" * 400, lf, "SURV")
    assert qca.fit("~" * 1000 + "DEV", lf, "SURV").to_frame().index[0] == "DEV"
    path = tmp_path / "lf.csv"
    lf.to_csv(path)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "qca",
            "fit",
            "(" * 400 + "DEV" + ")" * 400,
            str(path),
            "--outcome",
            "SURV",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
