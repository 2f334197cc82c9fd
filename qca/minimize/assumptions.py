"""The simplifying assumptions of parsimonious models, computed lazily (R's ``C_getSA``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .._core.encode import configuration_count
from .._core.rows import implicant_row_ids

__all__ = ["SimplifyingAssumptions"]


class SimplifyingAssumptions(Mapping):
    """``{model name: remainder row ids inside its terms}``, each computed on first access.

    With many conditions a short term holds millions of remainders, and printing a solution
    never needs them. Iteration order and values are those of a plain dict built at once.

    Parameters
    ----------
    codes : ndarray, shape (n_pis, k)
        Implicant codes of the prime implicants.
    covers : sequence of tuple of int
        Each model as indices into ``codes``.
    names : sequence of str
        The models' names, aligned with ``covers``.
    noflevels : sequence of int
    positive_ids : ndarray
        Row ids of the positive rows (not assumptions).
    """

    #: Above this many configurations the union of a model's rows is merged from sorted arrays
    #: instead of marked in a boolean array of the whole truth table. A class attribute so that
    #: tests can force either path.
    MASK_LIMIT = 2**26

    def __init__(
        self,
        codes: npt.NDArray[np.int64],
        covers: Sequence[tuple[int, ...]],
        names: Sequence[str],
        noflevels: Sequence[int],
        positive_ids: npt.ArrayLike,
    ) -> None:
        self._codes = codes
        self._covers = dict(zip(names, (tuple(c) for c in covers)))
        self._noflevels = tuple(int(n) for n in noflevels)
        self._positive = np.asarray(positive_ids, dtype=np.int64)
        self._rows: dict[int, npt.NDArray[np.int64]] = {}
        self._done: dict[str, tuple[int, ...]] = {}

    def _term(self, i: int) -> npt.NDArray[np.int64]:
        # a PI is shared by many models: its remainders are found once
        if i not in self._rows:
            ids = implicant_row_ids(self._codes[i], self._noflevels)
            self._rows[i] = ids[~np.isin(ids, self._positive)]
        return self._rows[i]

    def __getitem__(self, name: str) -> tuple[int, ...]:
        if name not in self._done:
            parts = [self._term(i) for i in self._covers[name]]
            total = configuration_count(self._noflevels)
            if len(parts) == 1:
                ids = parts[0]
            elif not parts:
                ids = np.zeros(0, dtype=np.int64)
            elif total <= self.MASK_LIMIT:
                mask = np.zeros(total + 1, dtype=bool)
                for part in parts:
                    mask[part] = True
                ids = np.flatnonzero(mask)
            else:
                ids = np.sort(np.concatenate(parts))
                ids = ids[np.concatenate([[True], ids[1:] != ids[:-1]])]
            self._done[name] = tuple(ids.tolist())
        return self._done[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._covers)

    def __len__(self) -> int:
        return len(self._covers)

    def __repr__(self) -> str:
        return repr(dict(self))
