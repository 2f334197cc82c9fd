"""The report's inference section: in words, which truth-table rows and which models are
distinguishable from chance (permutation tests, ``[inference]`` of the study file)."""

from __future__ import annotations

from typing import Any

from .._render.html import escape, html_table
from .results import StudyResult

__all__ = ["inference_section", "inference_toc"]

SECTION_ID = "inference"


def inference_toc(result: StudyResult) -> list[str]:
    """The table-of-contents entry (none without ``[inference]``)."""
    if not result.inference:
        return []
    return [f'<a href="#{SECTION_ID}">Inference</a>']


def _names(values: list[str]) -> str:
    if not values:
        return ""
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + " and " + values[-1]


def _p(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}"


def _outcome_html(outcome: str, entry: dict[str, Any], result: StudyResult) -> str:
    rows = entry["rows"]
    options = entry["options"]
    tests = rows["tests"]
    tt = next(a.truth_table for a in result.sufficiency if a.spec.outcome == outcome)
    out_codes = tt.table["OUT"].astype(str)
    cases_in = tt.table["n"]  # cases with membership above 0.5 (fuzzy rows: not sum(x))
    positive = [t for t in tests if out_codes.get(int(t["tested"].split()[1])) == "1"]
    passed = [t["tested"] for t in positive if t["distinguishable"]]
    failed = [t for t in positive if not t["distinguishable"]]
    others = [t["tested"] for t in tests if t["distinguishable"] and t not in positive]
    alpha = options["alpha"]
    correction = {"holm": "Holm", "bh": "Benjamini–Hochberg", "bonferroni": "Bonferroni"}.get(
        options["correction"], "no"
    )
    parts = [f"<h3>{escape(outcome)}</h3>"]
    words = [
        f"The outcome {escape(outcome)} was shuffled over the {len(tt.memberships)} cases "
        f"{options['n_permutations']:,} times (seed {options['seed']}); a truth-table row is "
        "distinguishable from chance when fewer than "
        f"{alpha:g} of the shuffles give it a consistency at least as high as observed, after "
        f"the {correction} correction over the {len(tests)} rows tested."
    ]
    if not positive:
        words.append("No row is coded 1 (positive).")
    elif not failed:
        words.append(f"Every row coded 1 is distinguishable from chance: {escape(_names(passed))}.")
    else:
        if passed:
            words.append(
                f"Of the {len(positive)} rows coded 1, {escape(_names(passed))} "
                f"{'is' if len(passed) == 1 else 'are'} distinguishable from chance."
            )
        described = [
            f"{t['tested']} (n = {int(cases_in[int(t['tested'].split()[1])])}, inclS {t['inclS']:.3f}, adjusted p "
            f"{_p(t['p_inclS_adj'])})"
            for t in failed
        ]
        words.append(
            f"{escape(_names(described))} {'is' if len(failed) == 1 else 'are'} coded 1 but "
            "not distinguishable from chance: too few cases for that consistency to be "
            "unlikely if the outcome were unrelated to the configuration."
        )
    if others:
        words.append(f"Also distinguishable, though not coded 1: {escape(_names(others))}.")
    parts.append(f"<p>{' '.join(words)}</p>")
    parts.append(
        html_table(
            ["row", "n", "inclS", "p", "adjusted p", "distinguishable"],
            [
                [
                    t["tested"].split()[1],
                    int(cases_in[int(t["tested"].split()[1])]),
                    t["inclS"],
                    t["p_inclS"],
                    t["p_inclS_adj"],
                    "yes" if t["distinguishable"] else "no",
                ]
                for t in tests
            ],
            numeric=[True, True, True, True, True, False],
            scroll=True,
        )
    )
    models = entry.get("models")
    if models:
        by_expression = {t["tested"]: t for t in models["tests"]}
        sentences = []
        for named in models["names"]:
            t = by_expression.get(named["expression"])
            if t is None:
                continue
            verdict = "is" if t["distinguishable"] else "is not"
            sentences.append(
                f"{escape(named['solution'])} {escape(named['name'])} "
                f"(<code>{escape(named['expression'])}</code>, inclS {t['inclS']:.3f}) {verdict} "
                f"distinguishable from chance (p {_p(t['p_inclS'])}, adjusted over "
                f"{len(models['tests'])} models {_p(t['p_inclS_adj'])})."
            )
        parts.append(f"<p>{' '.join(sentences)}</p>")
    return "".join(parts)


def inference_section(result: StudyResult) -> str:
    """The section, or an empty string when the study has no ``[inference]``."""
    if not result.inference:
        return ""
    parts = [
        f'<section id="{SECTION_ID}"><h2>Inference: distinguishable from chance?</h2>',
        "<p>A consistency reached by few cases can arise by chance. Permutation tests "
        "(Braumoeller 2015) ask how often the observed consistency would be reached if the "
        "outcome were unrelated to the configurations; see docs/inference.md.</p>",
    ]
    for outcome, entry in result.inference.items():
        parts.append(_outcome_html(outcome, entry, result))
    parts.append("</section>")
    return "".join(parts)
