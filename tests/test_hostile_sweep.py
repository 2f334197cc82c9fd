"""A sweep of hostile input over the public functions and the command line: every refusal is a
QCAError naming the argument, column, value and case; legitimate but unusual input (nullable,
bool, categorical dtypes; a DataFrame subclass; non-string column labels read as text) gives the
numeric answer; the caller's data is never changed. Complements tests/test_hostile.py."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import qca
from qca.cli import main
from qca.exceptions import ExpressionError, QCAError, StudyFileError


@pytest.fixture(scope="module")
def lf() -> pd.DataFrame:
    return qca.datasets.load("LF")


@pytest.fixture(scope="module")
def lc() -> pd.DataFrame:
    return qca.datasets.load("LC")


@pytest.fixture(scope="module")
def tt(lf: pd.DataFrame) -> qca.TruthTable:
    return qca.truth_table(lf, "SURV", incl_cut=0.8)


def _same(before: Any, after: Any) -> None:
    """The caller's object is exactly as it was (values, dtypes, labels)."""
    if isinstance(before, pd.DataFrame):
        pd.testing.assert_frame_equal(after, before, check_exact=True)
        assert list(after.columns) == list(before.columns)
    elif isinstance(before, pd.Series):
        pd.testing.assert_series_equal(after, before, check_exact=True)


def _refused(call: Callable[[], Any], match: str, *watched: Any) -> QCAError:
    """``call`` raises a QCAError matching ``match`` and leaves ``watched`` unchanged."""
    copies = [w.copy(deep=True) for w in watched]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(QCAError, match=match) as caught:
            call()
    for before, after in zip(copies, watched):
        _same(before, after)
    return caught.value


# ----------------------------------------------------------------------------- data frames


def _frame(lf: pd.DataFrame, kind: str) -> pd.DataFrame:
    data = lf.copy()
    if kind == "dup-columns":
        return data.set_axis(["DEV", "DEV", "LIT", "IND", "STB", "SURV"], axis=1)
    if kind == "int-vs-str-columns":
        return data.set_axis([1, "1", "LIT", "IND", "STB", "SURV"], axis=1)
    if kind == "multiindex-rows":
        data.index = pd.MultiIndex.from_arrays([data.index, range(len(data))])
        return data
    if kind == "multiindex-columns":
        data.columns = pd.MultiIndex.from_arrays([data.columns, data.columns])
        return data
    if kind == "nan-in-used-column":
        data.loc["CZ", "DEV"] = np.nan
        return data
    if kind == "Float64-NA":
        data = data.astype("Float64")
        data.loc["CZ", "DEV"] = pd.NA
        return data
    if kind == "str-in-object-column":
        data = data.astype(object)
        data.loc["CZ", "DEV"] = "abc"
        return data
    if kind == "inf":
        data.loc["CZ", "DEV"] = np.inf
        return data
    if kind == "above-one":
        data.loc["CZ", "DEV"] = 1.5
        return data
    raise AssertionError(kind)


FRAMES = [
    ("dup-columns", r"column names \['DEV'\] appear more than once in `data`"),
    ("int-vs-str-columns", r"column names \['1'\] appear more than once in `data`"),
    ("multiindex-rows", r"the index of `data` is a MultiIndex \(2 levels\)"),
    ("multiindex-columns", r"the columns of `data` are a MultiIndex \(2 levels\)"),
    ("nan-in-used-column", r"column 'DEV' has missing values \(case 'CZ'\)"),
    ("Float64-NA", r"column 'DEV' has missing values \(case 'CZ'\)"),
    ("str-in-object-column", r"column 'DEV' has a non-numeric value 'abc' \(case 'CZ'\)"),
    ("inf", r"column 'DEV' has a non-finite value inf \(case 'CZ'\)"),
    ("above-one", r"'DEV' has values? (outside \[0, 1\]: )?1\.5 \(case 'CZ'\)"),
]

CALLS: dict[str, Callable[[pd.DataFrame], Any]] = {
    "truth_table": lambda d: qca.truth_table(d, "SURV", incl_cut=0.8),
    "necessity": lambda d: qca.necessity(d, "SURV"),
    "fit-expression": lambda d: qca.fit("DEV*LIT", d, "SURV"),
    "fit-columns": lambda d: qca.fit(["DEV", "LIT"], d, "SURV"),
    "model_fit": lambda d: qca.model_fit("DEV*LIT", "DEV", d, "SURV"),
}


@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize(("kind", "match"), FRAMES, ids=[k for k, _ in FRAMES])
def test_hostile_frames(lf: pd.DataFrame, call: str, kind: str, match: str) -> None:
    data = _frame(lf, kind)
    error = _refused(lambda: CALLS[call](data), match, data)
    # the message names the function called, not an internal method
    assert str(error).startswith(call.split("-")[0] + "(): "), str(error)


def test_hostile_frames_in_robustness(lf: pd.DataFrame) -> None:
    for kind in ("dup-columns", "multiindex-rows", "multiindex-columns"):
        data = _frame(lf, kind)
        _refused(lambda d=data: qca.robustness(d, "SURV", incl_cut=0.8), dict(FRAMES)[kind], data)


@pytest.mark.parametrize(
    "dtype", ["Int64", "boolean", "bool", "uint8", "Float64", "category", "object"]
)
def test_legitimate_dtypes_give_the_numeric_answer(lc: pd.DataFrame, dtype: str) -> None:
    data = lc.astype(dtype)
    before = data.copy(deep=True)
    tt = qca.truth_table(data, "SURV")
    pd.testing.assert_frame_equal(tt.table, qca.truth_table(lc, "SURV").table)
    assert str(qca.minimize(tt, include="?")) == str(
        qca.minimize(qca.truth_table(lc, "SURV"), include="?")
    )
    pd.testing.assert_frame_equal(
        qca.necessity(data, "SURV").to_frame(), qca.necessity(lc, "SURV").to_frame()
    )
    pd.testing.assert_frame_equal(
        qca.fit("DEV*~URB", data, "SURV").to_frame(), qca.fit("DEV*~URB", lc, "SURV").to_frame()
    )
    _same(before, data)


def test_a_dataframe_subclass_works(lf: pd.DataFrame) -> None:
    class Frame(pd.DataFrame):
        @property
        def _constructor(self) -> type:
            return Frame

    data = Frame(lf.copy())
    pd.testing.assert_frame_equal(
        qca.truth_table(data, "SURV", incl_cut=0.8).table,
        qca.truth_table(lf, "SURV", incl_cut=0.8).table,
    )
    assert (
        qca.fit("DEV*~IND", data, "SURV")
        .to_frame()
        .equals(qca.fit("DEV*~IND", lf, "SURV").to_frame())
    )


def test_non_string_labels_are_read_as_text_without_renaming_the_callers_frame(
    lf: pd.DataFrame,
) -> None:
    data = lf.set_axis([0, "URB", "LIT", "IND", "STB", "SURV"], axis=1)
    before = data.copy(deep=True)
    # the label is read as the text '0', which is no valid name: the message names it
    _refused(lambda: qca.necessity(data, "SURV"), r"condition '0' is not a valid name", data)
    # unused, it is harmless: fit of other columns works and the caller's labels stay ints
    got = qca.fit("URB*LIT", data, "SURV").to_frame()
    assert got.equals(qca.fit("URB*LIT", lf, "SURV").to_frame())
    _same(before, data)


# ----------------------------------------------------------------------------- fit()


@pytest.mark.parametrize(
    ("sets", "match"),
    [
        ({"a": 1}, r"`expression_or_columns` must be an expression string .*; got dict \{'a': 1\}"),
        (5, r"`expression_or_columns` must be .*; got int 5\."),
        (None, r"`expression_or_columns` must be .*; got NoneType None\."),
        (np.array(["DEV", 1], dtype=object), r"`expression_or_columns` must be .*got ndarray"),
        ("DEV*(", r"fit\(\): `expression_or_columns` 'DEV\*\(': parse\(\): expected a condition"),
        ("__import__('os')", r"`expression_or_columns` .*unexpected character \"'\""),
        (
            "DEV*" * 3000 + "(",
            r"'DEV\*DEV.*\.\.\.' \(12001 characters\): parse\(\).*position 12001",
        ),
    ],
    ids=["dict", "int", "None", "mixed-array", "syntax", "import", "long"],
)
def test_fit_sets(lf: pd.DataFrame, sets: Any, match: str) -> None:
    error = _refused(lambda: qca.fit(sets, lf, "SURV"), match, lf)
    assert len(str(error)) < 600  # a long expression is named, not repeated


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (
            lambda i: pd.Series(["a"] * 18, index=i),
            r"set 'X' has a non-numeric value 'a' \(case 'AU'\)",
        ),
        (
            lambda i: pd.DataFrame({"X": ["a"] * 18}, index=i),
            r"set 'X' has a non-numeric value 'a' \(case 'AU'\)",
        ),
        (
            lambda i: pd.DataFrame([[0.1, 0.2]] * 18, index=i, columns=["X", "X"]),
            r"membership DataFrame has repeated column names \['X'\]",
        ),
        (
            lambda i: pd.Series([0.5] * 17 + [pd.NA], index=i, dtype="Float64"),
            r"set 'X' has missing values \(NaN\) \(case 'UK'\)",
        ),
        (lambda i: np.full(18, 2.0), r"memberships outside \[0, 1\]: 2\.0 \(case 'AU'\)"),
    ],
    ids=["str-series", "str-frame", "dup-frame", "NA-series", "above-one"],
)
def test_fit_membership_sets(lf: pd.DataFrame, make: Callable[[pd.Index], Any], match: str) -> None:
    sets = make(lf.index)
    watched = [lf] + ([sets] if isinstance(sets, pd.Series | pd.DataFrame) else [])
    _refused(lambda: qca.fit(sets, lf, "SURV"), match, *watched)


@pytest.mark.parametrize(
    ("outcome", "match"),
    [
        (None, r"`outcome` must be a column name, .*; got NoneType None\."),
        (5, r"`outcome` must be a column name, .*; got int 5\."),
        (np.ones((18, 1)), r"`outcome` has shape \(18, 1\); expected \(18,\)"),
    ],
    ids=["None", "int", "2-d"],
)
def test_fit_outcome(lf: pd.DataFrame, outcome: Any, match: str) -> None:
    _refused(lambda: qca.fit("DEV", lf, outcome), match, lf)


def test_fit_accepts_an_array_of_column_names(lf: pd.DataFrame) -> None:
    got = qca.fit(np.array(["DEV", "URB"]), lf, "SURV").to_frame()
    assert got.equals(qca.fit(["DEV", "URB"], lf, "SURV").to_frame())


# ----------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"n_cut": 10**30}, r"no truth-table row has n >= n_cut=10{30}"),
        ({"n_cut": 0}, r"`n_cut` must be an integer >= 1; got 0\."),
        ({"use_letters": "yes"}, r"`use_letters` must be True or False; got 'yes'\."),
    ],
    ids=["n_cut-huge", "n_cut-0", "use_letters"],
)
def test_truth_table_arguments(lf: pd.DataFrame, options: dict, match: str) -> None:
    _refused(lambda: qca.truth_table(lf, "SURV", **options), match, lf)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        (
            {"exclude": [10**20]},
            r"`exclude` row ids must be in 1\.\.32; got \[100000000000000000000\]",
        ),
        ({"exclude": "DEV*("}, r"minimize\(\): `exclude` 'DEV\*\(': parse\(\)"),
        ({"exclude": "__import__('os').system('x')"}, r"`exclude` .*unexpected character"),
        ({"dir_exp": "BOGUS"}, r"minimize\(\): `dir_exp` 'BOGUS': parse\(\): unknown condition"),
        ({"dir_exp": ["DEV", "DEV[5]"]}, r"`dir_exp` 'DEV\[5\]': .*level 5 of condition 'DEV'"),
    ],
    ids=["exclude-huge", "exclude-syntax", "exclude-import", "dir_exp-unknown", "dir_exp-level"],
)
def test_minimize_arguments(tt: qca.TruthTable, options: dict, match: str) -> None:
    error = _refused(lambda: qca.minimize(tt, include="?", **options), match)
    if "parse" in match:
        assert isinstance(error, ExpressionError) and error.text


@pytest.mark.parametrize(
    ("expression", "match"),
    [
        (5, r"`expression` must be an expression string .*; got 5\."),
        (["DEV", 5], r"`expression` must be .*; got \['DEV', 5\]\."),
        ("DEV*(", r"find_rows\(\): `expression` 'DEV\*\(': parse\(\)"),
    ],
    ids=["int", "mixed-list", "syntax"],
)
def test_find_rows_expression(tt: qca.TruthTable, expression: Any, match: str) -> None:
    _refused(lambda: qca.find_rows(tt, expression), match)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"leave_one_out": "yes"}, r"`leave_one_out` must be True or False; got 'yes'"),
        ({"cross": "no"}, r"`cross` must be True or False; got 'no'"),
        ({"progress": "yes"}, r"`progress` must be None, True or False; got 'yes'"),
        ({"necessity_cut": 2}, r"`necessity_cut` must be a number in \[0, 1\]; got 2\."),
        ({"coding": 5}, r"`coding` must be a mapping \(dict\) or None; got 5\."),
        ({"missing_values": 5}, r"`missing_values` must be a mapping \(dict\) or None; got 5\."),
        ({"incl_cut": (0.8, 0.9)}, r"`incl_cut` \[ic1, ic0\] needs ic0 <= ic1; got \(0\.8, 0\.9\)"),
    ],
    ids=["leave_one_out", "cross", "progress", "necessity_cut", "coding", "missing", "ic0>ic1"],
)
def test_robustness_arguments(lf: pd.DataFrame, options: dict, match: str) -> None:
    _refused(lambda: qca.robustness(lf, "SURV", **({"incl_cut": 0.8} | options)), match, lf)


def test_robustness_takes_ic1_ic0_in_that_order(lf: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = qca.robustness(lf, "SURV", incl_cut=(0.9, 0.8))
        want = qca.minimize(qca.truth_table(lf, "SURV", incl_cut=(0.9, 0.8)), include="?")
    assert got.robust_core == tuple(str(t) for t in want.models[0].terms) == ("URB*STB",)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"thresholds": [True, 5, 8]}, r"`thresholds` must be a finite number; got True\."),
        ({"thresholds": [2, 5, 8], "idm": True}, r"`idm` must be a finite number; got True\."),
    ],
    ids=["bool-anchor", "bool-idm"],
)
def test_calibrate_refuses_bools(options: dict, match: str) -> None:
    scores = pd.Series(np.arange(10.0), name="X")
    _refused(lambda: qca.calibrate(scores, **options), match, scores)


# ----------------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["truthtable", "{lf}", "--outcome", "SURV", "--n-cut", "9" * 30], "no truth-table row"),
        (
            [
                "minimize",
                "{lf}",
                "--outcome",
                "SURV",
                "--incl-cut",
                "0.8",
                "--include",
                "?",
                "--exclude",
                "9" * 30,
            ],
            "`exclude` row ids must be in 1..32",
        ),
        (["calibrate", "{lf}", "--tfr", "DEV", "--digits", "-1"], "--digits: must be a whole"),
        (["inference", "{lc}", "--outcome", "SURV", "--draws", "0"], "--draws: must be a positive"),
        (["fit", "DEV*" * 3000 + "(", "{lf}", "--outcome", "SURV"], "(12001 characters)"),
    ],
    ids=["n-cut-huge", "exclude-huge", "digits", "draws", "long-expression"],
)
def test_cli_refuses_without_traceback(
    argv: list[str], message: str, tmp_path: Path, lf: pd.DataFrame, lc: pd.DataFrame, capsys
) -> None:
    lf.to_csv(tmp_path / "lf.csv")
    lc.to_csv(tmp_path / "lc.csv")
    argv = [a.format(lf=tmp_path / "lf.csv", lc=tmp_path / "lc.csv") for a in argv]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            code = main(argv)
        except SystemExit as stop:
            code = stop.code
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "Traceback" not in err
    assert message in err, err
    assert len(err) < 1500


_STUDY = """schema_version = 1
[study]
name = "s"
[data]
path = "d.csv"
case_column = "case"
[analysis]
outcome = "SURV"
conditions = ["DEV", "URB", "LIT", "IND", "STB"]
[truth_table]
incl_cut = 0.8
[necessity]
enabled = false
[[sufficiency]]
outcome = "SURV"
solutions = ["parsimonious", "intermediate"]
dir_exp = ["DEV[5]"]
"""


def test_study_dir_exp_that_does_not_fit_the_data(tmp_path: Path, lf: pd.DataFrame) -> None:
    from qca.study import load_study, run_study

    lf.to_csv(tmp_path / "d.csv")
    (tmp_path / "s.toml").write_text(_STUDY)
    with pytest.raises(StudyFileError, match=r"\[\[sufficiency\]\]\[1\]\.dir_exp \['DEV\[5\]'\]"):
        run_study(load_study(tmp_path / "s.toml"))


def test_verify_refuses_another_manifest_version(tmp_path: Path, capsys) -> None:
    (tmp_path / "manifest.json").write_text(
        json.dumps({"schema": "qca.run-manifest", "schema_version": 99})
    )
    (tmp_path / "results.json").write_text("{}")
    assert main(["verify", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and re.search(r"schema_version must be 1; got 99", err), err


@pytest.mark.parametrize(
    ("outcome", "match"),
    [
        ("DEV[9]", r"`outcome` names level\(s\) \[9\] of 'DEV', which has the levels 0\.\.2\."),
        ("SURV[2]", r"`outcome` names level\(s\) \[2\] of 'SURV', which has the levels 0\.\.1\."),
        ("FZ[1]", r"level\(s\) of 'FZ', which has the value 0\.3 \(case 'AU'\); .*write 'FZ'"),
    ],
    ids=["mv-level-9", "crisp-level-2", "fuzzy-level"],
)
def test_truth_table_outcome_levels(lc: pd.DataFrame, outcome: str, match: str) -> None:
    data = lc.assign(DEV=[0, 1, 2] * 6, FZ=[0.3] * 18)
    _refused(lambda: qca.truth_table(data, outcome, ["URB", "LIT"]), match, data)
    # the levels it has still work, and agree with fit()'s reading of the same outcome
    tt = qca.truth_table(data, "DEV[0,2]", ["URB", "LIT"])
    assert tt.outcome == "DEV[0,2]"
    assert (
        qca.truth_table(data, "SURV[0]", ["URB", "LIT"])
        .table["incl"]
        .equals(qca.truth_table(data, "~SURV", ["URB", "LIT"]).table["incl"])
    )


def test_model_fit_refuses_an_outcome_that_is_a_condition(
    lf: pd.DataFrame, tt: qca.TruthTable
) -> None:
    solution = qca.minimize(tt, include="?")
    _refused(
        lambda: qca.model_fit(solution, "DEV", lf, "DEV"),
        r"`outcome` 'DEV' is also a condition \(\['DEV', 'URB', 'LIT', 'IND', 'STB'\]\)",
        lf,
    )


def test_robustness_numpy_integers_and_a_bootstrap_that_would_hang(lf: pd.DataFrame) -> None:
    from qca.exceptions import ProblemTooLargeError

    with pytest.raises(ProblemTooLargeError, match=r"`bootstrap` asks for 10{30} resamples"):
        qca.robustness(lf, "SURV", incl_cut=0.8, bootstrap=10**30)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = qca.robustness(lf, "SURV", incl_cut=0.8, seed=np.int64(3), n_jobs=np.int64(1))
    assert got.robust_core == ("DEV*~IND", "URB*STB")


def test_cli_warning_is_one_line_on_stderr(tmp_path: Path, lf: pd.DataFrame) -> None:
    import subprocess
    import sys

    data = lf.copy()
    data.loc["AU", "DEV"] = 0.5
    data.to_csv(tmp_path / "half.csv")
    argv = ["truthtable", str(tmp_path / "half.csv"), "--outcome", "SURV", "--incl-cut", "0.8"]
    done = subprocess.run(
        [sys.executable, "-m", "qca", *argv, "--json"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    json.loads(done.stdout)  # stdout is the result alone
    assert done.stderr.splitlines() == [
        "qca truthtable: warning: truth_table(): 1 case(s) have a membership of exactly 0.5 in a "
        "condition and are not assigned to any truth-table row: 'AU' (DEV). Move the calibration "
        "crossover to place them."
    ]


def test_study_refuses_an_empty_case_name(tmp_path: Path) -> None:
    from qca.study import load_study, run_study

    (tmp_path / "d.csv").write_text("case,DEV,URB,LIT,IND,STB,SURV\n,1,1,1,1,1,1\nb,0,0,0,0,0,0\n")
    (tmp_path / "s.toml").write_text(_STUDY.replace('"DEV[5]"', '"DEV"'))
    with pytest.raises(
        QCAError, match=r"column 'case' has an empty case name \(line 2 of the file\)"
    ):
        run_study(load_study(tmp_path / "s.toml"))
