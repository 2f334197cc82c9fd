"""qca.calibrate against R QCA 3.25 (golden cases), a line-by-line R transliteration, and properties."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import optimize

import qca
from qca import QCAError, calibrate
from qca.calibrate import _fractional_logit
from qca.exceptions import HalfMembershipWarning

REFERENCE = json.loads((Path(__file__).parent / "reference" / "calibration.json").read_text())
CASES = REFERENCE["cases"]


def _kwargs(args: dict) -> dict:
    kwargs = dict(args)
    if isinstance(kwargs.get("thresholds"), list) and len(kwargs["thresholds"]) == 1:
        kwargs["thresholds"] = kwargs["thresholds"][0]
    return kwargs


# --------------------------------------------------------------------------- golden cases


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c['dataset']}-{c['variable']}-{c['call'][13:]}" for c in CASES]
)
def test_agrees_with_r(case):
    check_calibration(case)


def check_calibration(case: dict) -> None:
    """calibrate() against one recorded R calibrate() call (input, exact arguments, output)."""
    x = np.array(case["input"], dtype=float)
    kwargs = _kwargs(case["args"])
    if case.get("error"):
        with pytest.raises(QCAError):
            calibrate(x, **kwargs)
        return
    expected = np.array(case["output"], dtype=float)
    if np.any(expected == 0.5):
        with pytest.warns(HalfMembershipWarning, match="move the crossover"):
            got = calibrate(x, **kwargs)
    else:
        got = calibrate(x, **kwargs)
    assert isinstance(got, np.ndarray)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
    if kwargs["type"] == "crisp":
        assert got.dtype == np.int64


def test_reference_file_covers_every_method():
    calls = " ".join(c["call"] for c in CASES)
    for needle in (
        "crisp",
        "logistic = FALSE",
        "idm = 0.99",
        "below = 2",
        "ecdf = TRUE",
        "e1 = 350",
        "i1 = 350",
        "TFR",
        "i = 350",
    ):
        assert needle in calls


def test_cvf_is_cvr_recalibrated_with_the_help_page_anchors():
    cvr, cvf = qca.datasets.load("CVR"), qca.datasets.load("CVF")
    for case in (c for c in CASES if c["dataset"] == "CVR"):
        got = calibrate(cvr[case["variable"]], **_kwargs(case["args"]))
        assert np.abs(got - cvf[case["variable"]]).max() <= 0.01 + 1e-12


# --------------------------------------------------------------------------- R transliteration


def _all_equal(a: float, b: float) -> bool:
    """R's isTRUE(all.equal(a, b)) for two numbers."""
    difference = abs(a - b)
    if abs(a) > 1.5e-8:
        difference /= abs(a)
    return difference <= 1.5e-8


def _r_power3(x, e, c, i, below=1.0, above=1.0, use_ecdf=False):
    """calibrate.R, non-logistic three-anchor branch, one case at a time."""
    increasing = not (i < c < e)
    if use_ecdf:
        kept = sorted(v for v in x if min(e, c, i) <= v <= max(e, c, i))
        fn = lambda v: sum(k <= v for k in kept) / len(kept)  # noqa: E731
    out = []
    for v in x:
        le = lambda a: v < a or _all_equal(v, a)  # noqa: E731
        if increasing:
            if le(e):
                fs = 0.0
            elif le(c):
                fs = fn(v) / fn(c) / 2 if use_ecdf else ((e - v) / (e - c)) ** below / 2
            elif le(i):
                fs = (
                    1 - (1 - fn(v)) / (1 - fn(c)) / 2
                    if use_ecdf
                    else 1 - ((i - v) / (i - c)) ** above / 2
                )
            else:
                fs = 1.0
        else:
            if le(i):
                fs = 1.0
            elif le(c):
                fs = 1 - fn(v) / fn(c) / 2 if use_ecdf else 1 - ((i - v) / (i - c)) ** above / 2
            elif le(e):
                fs = (1 - fn(v)) / (1 - fn(c)) / 2 if use_ecdf else ((e - v) / (e - c)) ** below / 2
            else:
                fs = 0.0
        out.append(0.0 if fs < 0.0001 else 1.0 if fs > 0.9999 else fs)
    return np.array(out)


def _r_power6(x, e1, c1, i1, i2, c2, e2, below=1.0, above=1.0):
    """calibrate.R, six-anchor branch, one case at a time."""
    increasing = not (i1 < c1 < e1 <= e2 < c2 < i2)
    out = []
    for v in x:
        le = lambda a: v < a or _all_equal(v, a)  # noqa: E731
        if increasing:
            if le(e1):
                fs = 0.0
            elif le(c1):
                fs = ((e1 - v) / (e1 - c1)) ** below / 2
            elif v < i1:
                fs = 1 - ((i1 - v) / (i1 - c1)) ** above / 2
            elif le(i2):
                fs = 1.0
            elif le(c2):
                fs = 1 - ((i2 - v) / (i2 - c2)) ** above / 2
            elif le(e2):
                fs = ((e2 - v) / (e2 - c2)) ** below / 2
            else:
                fs = 0.0
        else:
            if le(i1):
                fs = 1.0
            elif le(c1):
                fs = 1 - ((i1 - v) / (i1 - c1)) ** above / 2
            elif v < e1:
                fs = ((e1 - v) / (e1 - c1)) ** below / 2
            elif le(e2):
                fs = 0.0
            elif le(c2):
                fs = ((e2 - v) / (e2 - c2)) ** below / 2
            elif le(i2):
                fs = 1 - ((i2 - v) / (i2 - c2)) ** above / 2
            else:
                fs = 1.0
        out.append(0.0 if fs < 0.0001 else 1.0 if fs > 0.9999 else fs)
    return np.array(out)


def _quiet(x, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HalfMembershipWarning)
        return calibrate(x, **kwargs)


grid = st.integers(-40, 40).map(lambda k: k / 4)  # lands exactly on anchors often
exponent = st.sampled_from([0.5, 1.0, 2.0, 3.0])


@st.composite
def three_anchors(draw):
    e, c, i = sorted(draw(st.lists(grid, min_size=3, max_size=3, unique=True)))
    if draw(st.booleans()):
        e, i = i, e
    return e, c, i


@given(three_anchors(), st.lists(grid, min_size=1, max_size=25), exponent, exponent, st.booleans())
def test_power_curve_matches_r_transliteration(anchors, x, below, above, use_ecdf):
    e, c, i = anchors
    x = np.array(x)
    if use_ecdf:
        kept = x[(x >= min(anchors)) & (x <= max(anchors))]
        # R's Fn(c) must be strictly inside (0, 1) or R divides by zero; skip those draws.
        assume(kept.size and 0 < np.mean(kept <= c) < 1)
    got = _quiet(
        x,
        thresholds={"e": e, "c": c, "i": i},
        logistic=False,
        below=below,
        above=above,
        ecdf=use_ecdf,
    )
    np.testing.assert_allclose(
        got, _r_power3(x.tolist(), e, c, i, below, above, use_ecdf), rtol=0, atol=1e-12
    )


SIX = ("e1", "c1", "i1", "i2", "c2", "e2")


@st.composite
def six_anchors(draw):
    peak = draw(st.booleans())  # i1 == i2 (bell) or e1 == e2 (inverted bell) is allowed
    size = 5 if peak else 6
    v = sorted(draw(st.lists(grid, min_size=size, max_size=size, unique=True)))
    if peak:
        v = v[:3] + [v[2]] + v[3:]
    a, b, c, d, e, f = v
    if draw(st.booleans()):
        return {"e1": a, "c1": b, "i1": c, "i2": d, "c2": e, "e2": f}
    return {"i1": a, "c1": b, "e1": c, "e2": d, "c2": e, "i2": f}


@given(six_anchors(), st.lists(grid, min_size=1, max_size=25), exponent, exponent)
def test_six_anchors_match_r_transliteration(names, x, below, above):
    x = np.array(x)
    ordered = [names[k] for k in SIX]
    got = _quiet(x, thresholds=names, below=below, above=above)
    np.testing.assert_allclose(
        got, _r_power6(x.tolist(), *ordered, below, above), rtol=0, atol=1e-12
    )
    # Anchors given in order (tuple) mean the same as named anchors.
    np.testing.assert_array_equal(
        got, _quiet(x, thresholds=tuple(ordered), below=below, above=above)
    )


# --------------------------------------------------------------------------- properties


@st.composite
def increasing_anchors(draw):
    e = draw(st.floats(-1e3, 1e3))
    c = e + draw(st.floats(1e-2, 1e3))
    i = c + draw(st.floats(1e-2, 1e3))
    return e, c, i


@given(increasing_anchors(), st.lists(st.floats(-3e3, 3e3), min_size=2, max_size=30), st.booleans())
def test_direct_calibration_is_monotone(anchors, x, logistic):
    e, c, i = anchors
    x = np.sort(np.array(x))
    up = _quiet(x, thresholds=(e, c, i), logistic=logistic)
    down = _quiet(x, thresholds=(i, c, e), logistic=logistic)
    assert np.all(np.diff(up) >= 0)
    assert np.all(np.diff(down) <= 0)
    assert np.all((up >= 0) & (up <= 1)) and np.all((down >= 0) & (down <= 1))


@given(increasing_anchors(), st.floats(0.51, 0.999))
def test_anchors_map_to_idm_half_and_one_minus_idm(anchors, idm):
    e, c, i = anchors
    with pytest.warns(HalfMembershipWarning, match=r"position\(s\) 1"):
        got = calibrate([e, c, i], thresholds={"e": e, "c": c, "i": i}, idm=idm)
    np.testing.assert_allclose(got, [1 - idm, 0.5, idm], rtol=0, atol=1e-12)
    with pytest.warns(HalfMembershipWarning):
        linear = calibrate([e, c, i], thresholds=(e, c, i), logistic=False)
    np.testing.assert_array_equal(linear, [0.0, 0.5, 1.0])


@given(st.lists(st.sampled_from([0, 1]), min_size=2, max_size=40))
def test_crisp_calibration_is_idempotent_on_binary_data(values):
    assume(0 in values and 1 in values)  # R refuses a threshold outside the range of x
    x = np.array(values)
    once = calibrate(x, type="crisp", thresholds=0.5)
    np.testing.assert_array_equal(once, x)
    np.testing.assert_array_equal(calibrate(once, type="crisp", thresholds=0.5), once)


@given(st.lists(st.floats(-100, 100), min_size=3, max_size=30, unique=True), st.data())
def test_crisp_counts_thresholds_reached(values, data):
    x = np.array(values)
    cuts = sorted(data.draw(st.lists(st.sampled_from(values), min_size=1, max_size=3, unique=True)))
    got = calibrate(x, type="crisp", thresholds=cuts[::-1])
    np.testing.assert_array_equal(got, [sum(v >= t for t in cuts) for v in x])


@given(st.lists(st.integers(1, 7), min_size=2, max_size=40))
def test_tfr_matches_its_formula(values):
    assume(max(values) > 1)
    x = np.array(values, dtype=float)
    got = _quiet(x, method="TFR")
    n = len(values)
    at_one = sum(v <= 1 for v in values) / n
    expected = [max(0.0, (sum(w <= v for w in values) / n - at_one) / (1 - at_one)) for v in values]
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-15)


@given(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=20), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(values, rnd):
    x = np.array(values)
    order = list(range(len(values)))
    rnd.shuffle(order)
    for kwargs in (
        {"thresholds": (-100, 0, 200)},
        {"thresholds": (200, 0, -100), "logistic": False},
    ):
        np.testing.assert_array_equal(_quiet(x[order], **kwargs), _quiet(x, **kwargs)[order])


# --------------------------------------------------------------------------- indirect method


def _brute_force_fractional_logit(design, y):
    """Maximize the binomial quasi-likelihood directly (the fixed point IRLS converges to)."""
    scale = np.linalg.norm(design, axis=0)
    z = design / scale

    @np.errstate(over="ignore")
    def loss(beta):
        eta = z @ beta
        return np.sum(np.logaddexp(0, eta) - y * eta)

    @np.errstate(over="ignore")
    def grad(beta):
        mu = 1 / (1 + np.exp(-(z @ beta)))
        return z.T @ (mu - y)

    result = optimize.minimize(
        loss,
        np.zeros(z.shape[1]),
        jac=grad,
        method="BFGS",
        options={"gtol": 1e-12, "maxiter": 10_000},
    )
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-(z @ result.x)))


def test_indirect_on_lipset_development_matches_brute_force_fit():
    dev = qca.datasets.load("LR")["DEV"]
    got = calibrate(dev, method="indirect", thresholds=[350, 550, 850])
    assert isinstance(got, pd.Series) and got.index.equals(dev.index) and got.name == "DEV"
    x = dev.to_numpy(dtype=float)
    y = np.select([x > 850, x > 550, x > 350], [1.0, 0.667, 0.333], 0.0)
    design = np.column_stack([np.ones_like(x), np.log(x), np.sqrt(x), x, x**2])
    brute = _brute_force_fractional_logit(design, y)
    brute = np.where(brute < 0.0001, 0.0, np.where(brute > 0.9999, 1.0, brute))  # R's clamp
    np.testing.assert_allclose(got, brute, rtol=0, atol=2e-6)
    np.testing.assert_array_equal(got, np.round(got, 6))
    # Higher development, higher membership, on the whole (rank correlation).
    assert pd.Series(got.to_numpy()).corr(pd.Series(x), method="spearman") > 0.9


@given(
    st.lists(st.floats(0, 100), min_size=8, max_size=30),
    st.lists(st.floats(5, 95), min_size=1, max_size=4, unique=True),
)
@pytest.mark.slow
def test_irls_reaches_the_quasi_likelihood_optimum(values, cuts):
    x = np.array(values)
    cuts = np.sort(cuts)
    y = np.zeros(x.size)
    for k, cut in enumerate(cuts):
        y[x > cut] = round((k + 1) / cuts.size, 3)
    assume(0 < y.mean() < 1 and np.unique(x).size >= 6)
    xs = np.where(x == 0, 1e-5, x)
    design = np.column_stack([np.ones_like(xs), np.log(xs), np.sqrt(xs), xs, xs**2])
    try:
        fitted = _fractional_logit(design, y)
    except QCAError as error:
        # Separable groups: no finite optimum; refusing is the expected outcome.
        assert "did not converge" in str(error)
        with pytest.raises(QCAError, match="did not converge"):
            calibrate(x, method="indirect", thresholds=cuts)
        return
    brute = _brute_force_fractional_logit(design, y)

    def deviance(mu):
        mu = np.clip(mu, 1e-300, 1 - 1e-16)
        return -np.sum(y * np.log(mu) + (1 - y) * np.log1p(-mu))

    # Same optimum: IRLS is never worse than a general-purpose optimizer (to R's 1e-8 tolerance).
    assert deviance(fitted) <= deviance(brute) + 1e-6 * (1 + abs(deviance(brute)))
    memberships = _quiet(x, method="indirect", thresholds=cuts)
    assert np.all((memberships >= 0) & (memberships <= 1))


def test_indirect_single_threshold_separates_the_groups_and_is_refused():
    with pytest.raises(
        QCAError,
        match=r"calibrate\(\): the indirect method's fractional logit regression "
        r"did not converge .* Use more thresholds or the direct method",
    ):
        calibrate([0.0, 0.0, 1.0, 2.0, 28.0, 35.0, 36.0, 49.0], method="indirect", thresholds=35)


def test_indirect_zero_scores_are_moved_off_log_zero_as_r_does():
    x = qca.datasets.load("LR")["DEV"].to_numpy(dtype=float)
    x[0] = 0.0
    nudged = x.copy()
    nudged[0] = 0.00001
    got = _quiet(x, method="indirect", thresholds=[350, 550, 850])
    assert np.all(np.isfinite(got))
    np.testing.assert_array_equal(
        got, _quiet(nudged, method="indirect", thresholds=[350, 550, 850])
    )


# --------------------------------------------------------------------------- input and output


def test_series_in_series_out_with_index_and_name_and_input_untouched():
    lr = qca.datasets.load("LR")
    before = lr.copy(deep=True)
    dev = calibrate(lr["DEV"], thresholds={"e": 350, "c": 550, "i": 850})
    assert isinstance(dev, pd.Series) and dev.name == "DEV" and dev.index.equals(lr.index)
    assert dev.dtype == np.float64
    dev.iloc[0] = -1
    pd.testing.assert_frame_equal(lr, before)
    crisp = calibrate(lr["DEV"], type="crisp", thresholds=[550, 850])
    assert crisp.dtype == np.int64 and crisp.index.equals(lr.index)


def test_array_in_array_out_and_input_untouched():
    x = np.array([320.0, 550.0 + 1, 900.0])
    keep = x.copy()
    got = calibrate(x, thresholds=(350, 550, 850))
    assert isinstance(got, np.ndarray) and not np.shares_memory(got, x)
    np.testing.assert_array_equal(x, keep)
    assert isinstance(calibrate([1, 2, 3], type="crisp", thresholds=2), np.ndarray)


def test_named_and_ordered_anchors_agree():
    x = np.linspace(300, 1100, 17)
    named = _quiet(x, thresholds={"i": 850, "e": 350, "c": 550})
    np.testing.assert_array_equal(named, _quiet(x, thresholds=(350, 550, 850)))
    np.testing.assert_array_equal(named, _quiet(x, thresholds=np.array([350, 550, 850])))


def test_numeric_strings_are_accepted_as_r_does():
    got = calibrate(
        pd.Series(["720", "1098", "320"], index=["AU", "BE", "FI"]), type="crisp", thresholds=550
    )
    assert got.tolist() == [1, 1, 0]


def test_half_membership_warning_names_the_cases():
    stb = qca.datasets.load("LR")["STB"]
    with pytest.warns(
        HalfMembershipWarning,
        match=r"2 case\(s\) calibrate to exactly 0\.5 \('AU', 'GR'\): "
        r"they cannot be placed in a truth table; move the crossover",
    ):
        calibrate(stb, thresholds={"e": 15, "c": 10, "i": 5})


# --------------------------------------------------------------------------- errors


LR = pd.Series([720.0, 1098.0, 586.0], index=["AU", "BE", "CZ"], name="DEV")
ECI = {"e": 350, "c": 550, "i": 850}


@pytest.mark.parametrize(
    ("x", "match"),
    [
        (LR.where(LR.index != "BE"), r"`x` \('DEV'\) has 1 missing value\(s\) \(case 'BE'\)"),
        (pd.Series([1.0, np.nan, np.nan]), r"2 missing value\(s\) \(case 1 and 1 more\)"),
        (np.array([1.0, np.nan]), r"1 missing value\(s\) \(position 1\)"),
    ],
)
def test_missing_values_warn_and_give_nan(x, match) -> None:
    with pytest.warns(qca.exceptions.QCAWarning, match=match):
        out = qca.calibrate(x, thresholds=ECI)
    assert np.array_equal(np.isnan(np.asarray(out, dtype=float)), pd.isna(np.asarray(x)))


@pytest.mark.parametrize(
    ("x", "kwargs", "match"),
    [
        (
            pd.Series([720, "abc", 3], index=["AU", "BE", "CZ"], name="DEV"),
            {"thresholds": ECI},
            r"`x` \('DEV'\) has a non-numeric value 'abc' \(case 'BE'\); expected numbers",
        ),
        ([1.0, np.inf], {"thresholds": ECI}, r"non-finite value inf \(position 1\)"),
        (
            LR,
            {"thresholds": {"e": 350, "c": 900, "i": 850}},
            r"anchors must be ordered e < c < i .*got e=350, c=900, i=850",
        ),
        (LR, {"thresholds": (350, 350, 850)}, r"anchors must be distinct; got e=350, c=350, i=850"),
        (LR, {"thresholds": (350, 850, 850), "logistic": False}, r"anchors must be distinct"),
        (
            LR,
            {"thresholds": (1, 2, 3, 2, 5, 6)},
            r"six anchors must be ordered and distinct.*got e1=1, c1=2",
        ),
        (LR, {"thresholds": (350, 550)}, r"needs 3 anchors \(e, c, i\) or 6 anchors .*got 2"),
        (
            LR,
            {"thresholds": {"e": 350, "x": 550, "i": 850}},
            r"named anchors must be exactly \['e', 'c', 'i'\]; got \['e', 'x', 'i'\]",
        ),
        (LR, {"method": "Direct", "thresholds": ECI}, r"`method` must be one of .*got 'Direct'"),
        (LR, {"type": "fuzy", "thresholds": ECI}, r"`type` must be one of .*got 'fuzy'"),
        (
            LR,
            {"thresholds": ECI, "idm": 0.5},
            r"`idm` must lie strictly between 0.5 and 1; got 0.5",
        ),
        (LR, {"thresholds": ECI, "idm": 1}, r"`idm` must lie strictly between 0.5 and 1; got 1"),
        (
            LR,
            {"thresholds": ECI, "idm": 0.2},
            r"`idm` must lie strictly between 0.5 and 1; got 0.2",
        ),
        (LR, {"thresholds": ECI, "idm": "high"}, r"`idm` must be a finite number; got 'high'"),
        (LR, {"thresholds": ECI, "below": 0}, r"`below` must be positive; got 0"),
        (LR, {"thresholds": ECI, "above": -1}, r"`above` must be positive; got -1"),
        (LR, {"thresholds": ECI, "logistic": "no"}, r"`logistic` must be True or False; got 'no'"),
        (LR, {}, r"`thresholds` are required for type='fuzzy', method='direct'"),
        (LR, {"thresholds": "e=350, 550, i=850"}, r"name every threshold in .*, or none"),
        (LR, {"thresholds": (350, "c", 850)}, r"`thresholds` must be a finite number; got 'c'"),
        (LR, {"thresholds": (350, np.nan, 850)}, r"`thresholds` must be a finite number; got nan"),
        (LR, {"type": "crisp"}, r"`thresholds` are required for type='crisp'"),
        (
            LR,
            {"type": "crisp", "thresholds": {"c": 550}},
            r"named thresholds \['c'\] require type='fuzzy'",
        ),
        (
            LR,
            {"type": "crisp", "thresholds": 2000},
            r"crisp threshold\(s\) \[2000.0\] outside the range of `x` \[586, 1098\]",
        ),
        (LR, {"type": "crisp", "thresholds": (600, 600)}, r"crisp thresholds must be distinct"),
        (
            LR,
            {"type": "crisp", "method": "indirect", "thresholds": 600},
            r"`method` applies to fuzzy calibration only",
        ),
        (LR, {"method": "TFR", "thresholds": ECI}, r"method='TFR' takes no `thresholds`"),
        (pd.Series([0.2, 1.0]), {"method": "TFR"}, r"every score is <= 1 \(largest 1\)"),
        (
            pd.Series([3.0, -2.0], index=["AU", "BE"]),
            {"method": "indirect", "thresholds": 1},
            r"the indirect method regresses on log\(x\), so `x` must not be negative; got -2 \(case 'BE'\)",
        ),
        (
            LR,
            {"method": "indirect", "thresholds": (600, 600)},
            r"indirect calibration thresholds must be distinct",
        ),
        (
            pd.DataFrame({"DEV": [1, 2]}),
            {"thresholds": ECI},
            r"`x` must be one column of scores .* columns \['DEV'\]",
        ),
        (
            np.ones((2, 2)),
            {"thresholds": ECI},
            r"`x` must be a one-dimensional vector of scores; got shape \(2, 2\)",
        ),
        (pd.Series([], dtype=float, name="DEV"), {"thresholds": ECI}, r"`x` \('DEV'\) is empty"),
    ],
)
def test_bad_input_is_refused_clearly(x, kwargs, match):
    with pytest.raises(QCAError, match=r"calibrate\(\): .*" + match):
        calibrate(x, **kwargs)


def test_errors_are_value_errors_too():
    with pytest.raises(ValueError):
        calibrate([1, 2, 3], method="nope")


def test_ecdf_and_tfr_golden_cases_warn_about_their_half_memberships():
    for case in CASES:
        if "ecdf" in case["args"] or case["args"].get("method") == "TFR":
            with pytest.warns(HalfMembershipWarning, match="position"):
                calibrate(np.array(case["input"], dtype=float), **_kwargs(case["args"]))
