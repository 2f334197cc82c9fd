"""qca.cluster against SetMethods' published formulas (cluster.diagnostics in SetMethods 4.0,
written out below as plain loops over an xtabs-like table, with its 1e-10 smoothing)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import qca
from qca.exceptions import QCAError

EPS = 1e-10


def _xtabs(values, units, clusters):
    us, cs = sorted(set(units)), sorted(set(clusters))
    table = {(u, c): 0.0 for u in us for c in cs}
    for v, u, c in zip(values, units, clusters):
        table[(u, c)] += v
    return us, cs, table


def _setmethods(x, y, units, clusters, necessity):
    """SetMethods' cluster.diagnostics, term by term."""
    us, cs, X = _xtabs(x, units, clusters)
    _, _, Y = _xtabs(y, units, clusters)

    def cons(xs, ys):
        return (sum(min(a, b) for a, b in zip(xs, ys)) + EPS) / (sum(xs) + EPS)

    def cov(xs, ys):
        return (sum(min(a, b) for a, b in zip(xs, ys)) + EPS) / (sum(ys) + EPS)

    col = lambda t, c: [t[(u, c)] for u in us]  # noqa: E731
    row = lambda t, u: [t[(u, c)] for c in cs]  # noqa: E731
    b_cons = [cons(col(X, c), col(Y, c)) for c in cs]
    b_cov = [cov(col(X, c), col(Y, c)) for c in cs]
    w_cons = [cons(row(X, u), row(Y, u)) for u in us]
    w_cov = [cov(row(X, u), row(Y, u)) for u in us]

    def dist(values):
        total = sum(values)
        return math.sqrt(sum(((v + EPS) / (total + EPS) - 1 / len(values)) ** 2 for v in values))

    if necessity:
        return {
            "pooled": cov(x, y),
            "between": b_cov,
            "within": w_cov,
            "dBP": dist(b_cov),
            "dWP": dist(w_cov),
            "pooled_other": cons(x, y),
            "between_other": b_cons,
            "within_other": w_cons,
        }
    return {
        "pooled": cons(x, y),
        "between": b_cons,
        "within": w_cons,
        "dBP": dist(b_cons),
        "dWP": dist(w_cons),
        "pooled_other": cov(x, y),
        "between_other": b_cov,
        "within_other": w_cov,
    }


def _panel(name: str) -> tuple[pd.DataFrame, str, str]:
    """A bundled data set in long format: two waves, the second with memberships moved."""
    data = qca.datasets.load(name)
    rng = np.random.default_rng(7)
    wave2 = data.copy()
    numeric = wave2.columns
    wave2[numeric] = np.clip(wave2[numeric] + rng.choice([-0.1, 0, 0.1], wave2.shape), 0, 1)
    long = pd.concat([data.assign(wave="w1"), wave2.assign(wave="w2")])
    long["unit"] = list(data.index) * 2
    long.index = [f"{u}-{w}" for u, w in zip(long["unit"], long["wave"])]
    return long, "unit", "wave"


@pytest.mark.parametrize(
    ("name", "expression", "outcome"),
    [("LF", "DEV*~IND + URB*STB", "SURV"), ("d.jobsecurity", "S*C + ~L*R", "JSR")],
)
@pytest.mark.parametrize("necessity", [False, True])
def test_cluster_equals_setmethods_formulas(name, expression, outcome, necessity) -> None:
    data, unit, wave = _panel(name)
    result = qca.cluster(data, expression, outcome, unit, wave, necessity=necessity)
    parsed = qca.expressions.parse(expression)
    y = data[outcome].to_numpy()
    labels = [str(t) for t in parsed.terms] + ["expression"]
    assert list(result.sets) == labels
    for label in labels:
        x = (parsed if label == "expression" else qca.expressions.parse(label)).membership(data)
        expected = _setmethods(list(x), list(y), list(data[unit]), list(data[wave]), necessity)
        got = result.sets[label]
        assert got.pooled_consistency == pytest.approx(expected["pooled"], abs=1e-8)
        assert got.pooled_coverage == pytest.approx(expected["pooled_other"], abs=1e-8)
        assert got.between_consistency.tolist() == pytest.approx(expected["between"], abs=1e-8)
        assert got.between_coverage.tolist() == pytest.approx(expected["between_other"], abs=1e-8)
        within = got.within_consistency.fillna(1.0).tolist()  # SetMethods: 0/0 is 1
        assert within == pytest.approx(expected["within"], abs=1e-8)
        assert got.d_between == pytest.approx(expected["dBP"], abs=1e-8)
        assert got.d_within == pytest.approx(expected["dWP"], abs=1e-6)
    frame = result.to_frame()
    assert set(frame["figure"]) == {"pooled", "between", "within", "dBP", "dWP"}


def test_cluster_accepts_a_model_and_checks_its_arguments() -> None:
    data, unit, wave = _panel("LF")
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    model = qca.minimize(tt, include="?").models[0]
    result = qca.cluster(data, model, "SURV", unit, wave)
    assert list(result.sets) == ["DEV*~IND", "URB*STB", "expression"]
    assert "2 clusters, 18 units" in repr(result)
    with pytest.raises(QCAError, match="`cluster` column 'year' not found"):
        qca.cluster(data, model, "SURV", unit, "year")
    with pytest.raises(QCAError, match="`unit` has 3 values"):
        qca.cluster(data, model, "SURV", ["a", "b", "c"], wave)
