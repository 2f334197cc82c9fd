"""Model ambiguity of a solution (Baumgartner & Thiem 2017): how many minimal models there are,
which prime implicants every model shares and which only some use, and how the models fit.

:meth:`qca.Solution.ambiguity` builds an :class:`Ambiguity`; its views are in
:mod:`qca._render.ambiguity`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pandas as pd

from .._render.ambiguity import ambiguity_html, ambiguity_text

__all__ = ["Ambiguity", "ambiguity"]


@dataclass(frozen=True)
class Ambiguity:
    """The model ambiguity of a :class:`~qca.Solution`.

    Attributes
    ----------
    n_models : int
        Models listed in the solution.
    n_found : int or None
        Models that exist (more than ``n_models`` when the listing was truncated by
        ``max_models``; None when unknown).
    in_every : tuple of str
        PIs in every model (in the order of the first model).
    in_some : tuple of str
        PIs in some models but not all (most frequent first, then in PI order).
    frequency : mapping
        ``{PI: number of models that use it}`` for every PI used by some model.
    fit : pandas.DataFrame
        One row per model (index ``M1, M2, ...``): ``expression``, ``inclS``, ``PRI``,
        ``covS`` and ``n_terms``, side by side.
    """

    n_models: int
    n_found: int | None
    in_every: tuple[str, ...]
    in_some: tuple[str, ...]
    frequency: Mapping[str, int]
    _fit: pd.DataFrame = field(repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "frequency", MappingProxyType(dict(self.frequency)))

    @property
    def fit(self) -> pd.DataFrame:
        """The models' fit side by side (a copy)."""
        return self._fit.copy()

    @property
    def ambiguous(self) -> bool:
        """True when there is more than one model."""
        return self.n_models > 1 or (self.n_found or 0) > 1

    def to_frame(self) -> pd.DataFrame:
        """One row per PI used by some model: ``models`` (how many use it), ``share`` (of the
        listed models) and ``in_every``."""
        pis = list(self.in_every) + list(self.in_some)
        counts = [self.frequency[p] for p in pis]
        return pd.DataFrame(
            {
                "models": counts,
                "share": [c / self.n_models if self.n_models else float("nan") for c in counts],
                "in_every": [p in self.in_every for p in pis],
            },
            index=pd.Index(pis, name="PI"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_models": self.n_models,
            "n_found": self.n_found,
            "in_every": list(self.in_every),
            "in_some": list(self.in_some),
            "frequency": dict(self.frequency),
            "fit": [
                {"model": name, **{k: _plain(v) for k, v in row.items()}}
                for name, row in self._fit.iterrows()
            ],
        }

    def __repr__(self) -> str:
        return (
            f"<Ambiguity: {self.n_models} model(s), {len(self.in_every)} PI(s) in every model, "
            f"{len(self.in_some)} in some>"
        )

    def __str__(self) -> str:
        return ambiguity_text(self)

    def _repr_html_(self) -> str:
        return ambiguity_html(self)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return None
    return value.item() if hasattr(value, "item") else value


def ambiguity(models: Any, n_found: int | None = None) -> Ambiguity:
    """The :class:`Ambiguity` of a sequence of :class:`~qca.Model` (M1, M2, ...)."""
    models = tuple(models)
    frequency: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for model in models:
        for term in model.terms:
            frequency[term] = frequency.get(term, 0) + 1
            first_seen.setdefault(term, len(first_seen))
    every = tuple(t for t in (models[0].terms if models else ()) if frequency[t] == len(models))
    some = tuple(
        sorted(
            (t for t in frequency if t not in every),
            key=lambda t: (-frequency[t], first_seen[t]),
        )
    )
    fit = pd.DataFrame(
        {
            "expression": [m.expression for m in models],
            "inclS": [float(m.fit["inclS"]) for m in models],
            "PRI": [float(m.fit["PRI"]) for m in models],
            "covS": [float(m.fit["covS"]) for m in models],
            "n_terms": [len(m.terms) for m in models],
        },
        index=pd.Index([m.name for m in models], name="model"),
    )
    return Ambiguity(len(models), n_found, every, some, frequency, fit)
