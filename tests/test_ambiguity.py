"""Solution.ambiguity(): counts against a brute-force tally over the models."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import qca


@pytest.fixture(scope="module")
def cvf() -> qca.Solution:
    tt = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    return qca.minimize(tt, include="?")


def test_ambiguity_counts_pis_across_models(cvf: qca.Solution) -> None:
    amb = cvf.ambiguity()
    tally = Counter(t for m in cvf.models for t in m.terms)
    assert amb.n_models == len(cvf.models) == 4
    assert dict(amb.frequency) == dict(tally)
    assert set(amb.in_every) == {t for t, n in tally.items() if n == len(cvf.models)}
    assert set(amb.in_every) | set(amb.in_some) == set(tally)
    assert not set(amb.in_every) & set(amb.in_some)
    assert set(amb.in_every) == set(cvf.essential)
    assert amb.in_every == ("~NATPRIDE", "DEMOC*GEOCON*POLDIS")
    # most frequent first
    counts = [amb.frequency[p] for p in amb.in_some]
    assert counts == sorted(counts, reverse=True)
    frame = amb.to_frame()
    assert list(frame.index) == list(amb.in_every) + list(amb.in_some)
    assert frame["share"].tolist() == [tally[p] / 4 for p in frame.index]


def test_ambiguity_fit_is_the_models_fit(cvf: qca.Solution) -> None:
    fit = cvf.ambiguity().fit
    assert list(fit.index) == [m.name for m in cvf.models]
    for model in cvf.models:
        for k in ("inclS", "PRI", "covS"):
            assert fit.loc[model.name, k] == model.fit[k]
        assert fit.loc[model.name, "expression"] == model.expression


def test_ambiguity_views(cvf: qca.Solution) -> None:
    amb = cvf.ambiguity()
    text = str(amb)
    assert text.startswith("Model ambiguity: 4 models: 2 PI(s) in every model, 4 in some")
    assert "DEMOC*ETHFRACT*GEOCON   2/4" in text
    assert "Prime implicants across models" in amb._repr_html_()
    assert repr(amb) == "<Ambiguity: 4 model(s), 2 PI(s) in every model, 4 in some>"
    json.dumps(amb.to_dict())
    summary = str(cvf.summary())
    assert "ambiguity:      4 models: 2 PI(s) in every model, 4 in some" in summary
    assert "in some models: ~DEMOC*ETHFRACT*POLDIS (2/4)" in summary


def test_capped_listing() -> None:
    from qca._render.ambiguity import ambiguity_text

    tt = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    amb = qca.minimize(tt, include="?").ambiguity()
    text = ambiguity_text(amb, max_rows=2)
    assert "… 2 more; `.in_some` has them all" in text
    assert "… 2 more models; `.fit` has them all" in text


def test_one_model_is_not_ambiguous() -> None:
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    amb = qca.minimize(tt, include="?").ambiguity()
    assert not amb.ambiguous and amb.in_some == () and str(amb).endswith("0.714")
    with pytest.raises(AttributeError):
        amb.n_models = 3  # type: ignore[misc]
