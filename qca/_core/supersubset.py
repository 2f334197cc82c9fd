"""The necessity (``superSubset``) search as a few large array operations per number of conditions.

:func:`search` finds, as R's ``superSubset``, the conjunctions of 1, 2, 3, ... conditions that
pass the cut-offs and, where a conjunction does not, the disjunction of the same literals, in
R's order (conjunctions by number of conditions, condition combination, levels; then the
disjunctions in the same order). It returns the same expressions, figures and memberships as a
search that loops over the combinations one by one (the oracle
:func:`qca.testing.necessity_search_reference`), but:

* **One size at a time, as blocks.** The expressions with ``s`` conditions are the ones with
  ``s - 1`` conditions extended by one literal of a later condition, so each membership vector is
  one ``minimum`` (conjunction) or ``maximum`` (disjunction) of its prefix's vector and a
  literal's, over chunks of rows bounded in memory (``CHUNK_VALUES``). The prefixes' vectors are
  kept while they fit in :data:`STORE_BYTES`; past that, the vectors are rebuilt from the
  literals (``s`` reductions instead of one).
* **Only what can pass is computed** (the figures are monotone in the literals added, exactly,
  floating point included: a sum of smaller terms in the same order is not larger):

  - necessity: a conjunction's inclN never exceeds its prefix's, so the conjunctions extending
    a prefix whose inclN misses the cut are not computed (they fail);
  - a disjunction's ``sum(x)`` never falls below its prefix's, and its covN is at most
    ``sum(y) / sum(x)``, so the disjunctions extending a prefix with ``sum(y) / sum(x)`` below
    the cut are not computed; nor those extending a prefix that passed (the extension contains
    it, and a disjunction containing an expression found with fewer conditions is dropped);
  - sufficiency: covS never exceeds the prefix's.

* **A float32 first pass.** Minimum and maximum commute with rounding, so the vectors computed
  in float32 are the float64 ones rounded, and their sums are within about ``3 n 2**-24`` of the
  float64 sums (``n`` cases, non-negative values: see ``_screens``). They decide every cut-off
  except within that band around it, where the float64 vectors are rebuilt from the literals
  and summed exactly as before; what passes gets its float64 vectors the same way.

The figures of what passes come from :func:`.fitkernels.necessity_fit` /
:func:`.fitkernels.sufficiency_fit` on the same membership vectors, so they are those of the
one-by-one search bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .fitkernels import necessity_fit, sufficiency_fit

__all__ = [
    "CHUNK_VALUES",
    "DENSE_KEY_BITS",
    "KEY_LITERALS",
    "SCREEN_CASES",
    "SCREEN_FLOAT32",
    "STORE_BYTES",
    "SupersetResult",
    "search",
]

#: Membership values (rows x cases) handled per block, in float64 (twice as many in float32).
CHUNK_VALUES = 1 << 17

#: Most literals for which the rows holding an expression found before are pruned before they
#: are computed (a set of literals is one 64-bit word); beyond, they are computed and dropped.
KEY_LITERALS = 64

#: Up to this many literals the subsets are looked up in a table of ``2 ** n`` flags (1 MiB at
#: 20), beyond by binary search in the sorted keys.
DENSE_KEY_BITS = 20

#: Whether the membership vectors are first computed in float32 (half the memory traffic), the
#: float64 ones only near a cut-off and for what passes (False: float64 throughout).
SCREEN_FLOAT32 = True

#: Most cases for the float32 first pass (its error bound grows with the number of cases).
SCREEN_CASES = 4096

#: Largest memory kept for the membership vectors of one size's prefixes (conjunctions and
#: disjunctions together); beyond it they are rebuilt from the literals.
STORE_BYTES = 256 << 20

FloatArray = npt.NDArray[np.float64]
WorkArray = npt.NDArray[np.floating]  # float64, or float32 in the first pass
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SupersetResult:
    """What :func:`search` found, in R's order.

    ``*_codes``: implicant rows (0 = condition absent, ``v + 1`` = level ``v``); ``*_figures``:
    (inclN, RoN, covN) or (inclS, PRI, covS) per row; ``*_members``: membership of each case.
    """

    conj_codes: IntArray
    conj_figures: FloatArray
    conj_members: FloatArray
    disj_codes: IntArray
    disj_figures: FloatArray
    disj_members: FloatArray


def _passes(values: FloatArray, cut: float, tolerance: float) -> npt.NDArray[np.bool_]:
    """A cut of 0 is no cut (NaN passes); above 0 a NaN never passes."""
    if cut <= 0:
        return np.ones(values.shape, dtype=bool)
    return values >= cut - tolerance


def _literal_masks(codes: IntArray, offsets: IntArray) -> npt.NDArray[np.uint64]:
    """Each row's set of literals as bits (words of 64)."""
    n_lits = int(offsets[-1])
    words = max(1, -(-n_lits // 64))
    masks = np.zeros((codes.shape[0], words), dtype=np.uint64)
    rows, cond = np.nonzero(codes)
    lit = offsets[cond] + codes[rows, cond] - 1
    np.bitwise_or.at(
        masks, (rows, lit // 64), np.left_shift(np.uint64(1), (lit % 64).astype(np.uint64))
    )
    return masks


def _contains_any(
    candidates: IntArray, found: IntArray, offsets: IntArray
) -> npt.NDArray[np.bool_]:
    """Whether each candidate row holds every literal of some found row."""
    result = np.zeros(candidates.shape[0], dtype=bool)
    if found.shape[0] == 0 or candidates.shape[0] == 0:
        return result
    cand = _literal_masks(candidates, offsets)
    prior = _literal_masks(found, offsets)
    step = max(1, (1 << 22) // (prior.shape[0] * prior.shape[1]))
    for start in range(0, cand.shape[0], step):
        block = ~cand[start : start + step, None, :]
        result[start : start + step] = ((prior[None, :, :] & block) == 0).all(axis=2).any(axis=1)
    return result


class _Level:
    """The expressions with one number of conditions, in R's order: literal indices per row,
    combination rank, last condition; per row whether its extensions need computing
    (``*_live``) and whether its conjunction passed (``conj_ok``)."""

    def __init__(
        self,
        lits: npt.NDArray[np.int16],
        combo: IntArray,
        last: IntArray,
        keys: npt.NDArray[np.uint64] | None = None,
    ) -> None:
        self.lits = lits
        self.combo = combo
        self.last = last
        self.keys = keys  # each row's set of literals as bits (when pruning)
        n = lits.shape[0]
        self.conj_live = np.zeros(n, dtype=bool)
        self.disj_live = np.zeros(n, dtype=bool)
        self.conj_ok = np.zeros(n, dtype=bool)


class _Store:
    """Membership vectors of live rows, kept while under a byte budget, written in place into
    one preallocated block (no list of parts to concatenate); once complete, sorted by the
    rows' last condition (stable) -- the literal-major blocks already come in that order, so
    the copy of a reorder is rarely needed."""

    def __init__(self, n_cases: int, budget: int, capacity: int, dtype: type = np.float64) -> None:
        self.count = 0
        self.overflow = False
        width = np.dtype(dtype).itemsize * max(n_cases, 1)
        size = max(0, min(capacity, budget // width))
        # np.empty only reserves: pages are touched (and paid for) as rows are written
        self.vectors: WorkArray = np.empty((size, n_cases), dtype=dtype)
        self.rows = np.empty(size, dtype=np.int64)
        self.last = np.zeros(0, dtype=np.int64)

    def add(self, rows: IntArray, vectors: WorkArray, keep: npt.NDArray[np.bool_]) -> None:
        """Keep ``vectors[keep]`` (the membership vectors of ``rows[keep]``)."""
        if self.overflow:
            return
        n = int(np.count_nonzero(keep))
        if n == 0:
            return
        if self.count + n > self.rows.shape[0]:
            self.overflow = True
            self.vectors = np.zeros((0, 0))
            return
        stop = self.count + n
        picked = np.flatnonzero(keep)
        np.take(vectors, picked, axis=0, out=self.vectors[self.count : stop], mode="clip")
        self.rows[self.count : stop] = rows[picked]
        self.count = stop

    def finish(self, last: IntArray) -> _Store | None:
        if self.overflow:
            return None
        self.rows = self.rows[: self.count]
        self.vectors = self.vectors[: self.count]
        self.last = last[self.rows]
        if self.count > 1 and bool((self.last[1:] < self.last[:-1]).any()):
            order = np.argsort(self.last, kind="stable")
            self.rows = self.rows[order]
            self.vectors = self.vectors[order]
            self.last = self.last[order]
        return self

    @classmethod
    def extending(
        cls,
        before: _Store | None,
        rows: IntArray,
        child_parent: IntArray,
        level: _Level,
        literals: WorkArray,
        join: np.ufunc,
        budget: int,
    ) -> _Store | None:
        """The store of ``level``'s ``rows``, each its prefix's vector in ``before`` joined with
        its last literal (None when ``before`` is None or the budget is exceeded)."""
        n_cases = literals.shape[1]
        store = cls(n_cases, budget, rows.size, literals.dtype.type)
        if before is None or rows.size > store.rows.shape[0]:
            return None
        # by last literal (so by last condition too): each literal joins one slice, no gather
        added = level.lits[rows, -1].astype(np.int64)
        order = np.argsort(added, kind="stable")
        rows, added = rows[order], added[order]
        size = max(int(child_parent.max(initial=0)), int(before.rows.max(initial=0))) + 1
        position = np.zeros(size, dtype=np.int64)
        position[before.rows] = np.arange(before.rows.size)
        out = store.vectors[: rows.size]
        np.take(before.vectors, position[child_parent[rows]], axis=0, out=out, mode="clip")
        bounds = np.searchsorted(added, np.arange(literals.shape[0] + 1)).tolist()
        for g in range(literals.shape[0]):
            if bounds[g] < bounds[g + 1]:
                block = out[bounds[g] : bounds[g + 1]]
                join(block, literals[g], out=block)
        store.rows[: rows.size] = rows
        store.count = rows.size
        return store.finish(level.last)

    @classmethod
    def single(cls, vector: WorkArray) -> _Store:
        store = cls(vector.shape[0], 1 << 62, 1, vector.dtype.type)
        store.add(np.zeros(1, dtype=np.int64), vector[None, :], np.ones(1, dtype=bool))
        store.rows = store.rows[:1]
        store.last = np.full(1, -1, dtype=np.int64)
        return store


class _Children:
    """Where each (prefix row, added literal) lands in the next size's R order: per prefix
    combination ``c`` (rows ``start..end``) and added condition ``j > last(c)``, the block
    ``prefix rows x levels of j``."""

    def __init__(self, parent: _Level, lit_cond: IntArray, offsets: IntArray, k: int) -> None:
        n_lits = lit_cond.shape[0]
        n_parent = parent.lits.shape[0]
        combo = parent.combo
        n_combos = int(combo[-1]) + 1
        self.combo = combo
        self.combo_start = np.searchsorted(combo, np.arange(n_combos))
        self.combo_rows = np.diff(np.concatenate([self.combo_start, [n_parent]]))
        self.combo_last = parent.last[self.combo_start]
        self.combo_first = offsets[np.minimum(self.combo_last + 1, k)]
        block = self.combo_rows * (n_lits - self.combo_first)
        self.block_start = np.concatenate([[0], np.cumsum(block)[:-1]])
        n_next = np.maximum(k - 1 - self.combo_last, 0)
        self.n_next = n_next  # conditions after each combination's last
        self.next_base = np.concatenate([[0], np.cumsum(n_next)[:-1]])
        self.total = int(block.sum())
        self.lit_cond = lit_cond
        self.offsets = offsets

    def rows(self, prefix: IntArray, lit: IntArray | int) -> IntArray:
        """Row of prefix row(s) ``prefix`` extended by literal(s) ``lit``."""
        c = self.combo[prefix]
        j = self.lit_cond[lit]
        width = self.offsets[j + 1] - self.offsets[j]
        return (
            self.block_start[c]
            + (self.offsets[j] - self.combo_first[c]) * self.combo_rows[c]
            + (prefix - self.combo_start[c]) * width
            + (lit - self.offsets[j])
        )

    def level(
        self, parent: _Level, bits: npt.NDArray[np.uint64] | None = None
    ) -> tuple[_Level, IntArray]:
        """The next size's rows, and each one's prefix row (``bits``: each literal's bit, to
        extend the parent's literal sets)."""
        # the blocks in R's order, one per next combination: (prefix combination, condition);
        # in a block, each prefix row (an "entry") repeated once per level of the condition
        block_combo = np.repeat(np.arange(self.n_next.size), self.n_next)
        block_cond = (
            self.combo_last[block_combo]
            + 1
            + (np.arange(block_combo.size) - self.next_base[block_combo])
        )
        width = self.offsets[block_cond + 1] - self.offsets[block_cond]
        entries = self.combo_rows[block_combo]
        entry_block = np.repeat(np.arange(block_combo.size), entries)
        entry_prefix = (self.combo_start[block_combo] - (np.cumsum(entries) - entries))[
            entry_block
        ] + np.arange(entry_block.size)
        entry_width = width[entry_block]
        entry_child = np.cumsum(entry_width) - entry_width  # each entry's first child
        child_parent = np.repeat(entry_prefix, entry_width)
        block = np.repeat(entry_block, entry_width)  # = each child's combination
        child_lit = np.repeat(
            self.offsets[block_cond][entry_block] - entry_child, entry_width
        ) + np.arange(self.total)
        lits = np.empty((self.total, parent.lits.shape[1] + 1), dtype=np.int16)
        for i in range(parent.lits.shape[1]):
            np.take(parent.lits[:, i], child_parent, out=lits[:, i], mode="clip")
        lits[:, -1] = child_lit
        keys = None
        if bits is not None and parent.keys is not None:
            keys = parent.keys[child_parent] | bits[child_lit]
        return _Level(lits, block, block_cond[block], keys), child_parent


def _codes(lits: npt.NDArray[np.int16], lit_cond: IntArray, offsets: IntArray, k: int) -> IntArray:
    rows = lits.astype(np.int64)
    codes = np.zeros((rows.shape[0], k), dtype=np.int64)
    cond = lit_cond[rows]
    np.put_along_axis(codes, cond, rows - offsets[cond] + 1, axis=1)
    return codes


def search(
    literals: FloatArray,
    noflevels: tuple[int, ...] | list[int],
    y: FloatArray,
    *,
    incl_cut: float,
    cov_cut: float,
    depth: int,
    necessity: bool = True,
    tolerance: float = 0.0,
) -> SupersetResult:
    """The minimal necessary (or sufficient) expressions, as R's ``superSubset`` (see module).

    Parameters
    ----------
    literals : array (sum(noflevels), n_cases)
        Membership in each literal, in [0, 1]: condition 0's levels 0, 1, ..., then
        condition 1's, ...
    noflevels : tuple of int
        Levels per condition.
    y : array (n_cases,)
        Outcome membership.
    incl_cut, cov_cut : float
        The cut-offs (inclN/covN, or inclS/covS), compared with ``tolerance`` subtracted.
    depth : int
        Largest number of conditions.
    necessity : bool
        False: sufficiency (conjunctions only; one containing a sufficient conjunction with
        fewer conditions is dropped).
    tolerance : float
        Subtracted from the cut-offs (R compares with ``cut - sqrt(eps)``).

    Examples
    --------
    >>> import numpy as np
    >>> lits = np.array([[1.0, 0.0], [0.0, 1.0], [0.2, 0.9], [0.8, 0.1]])  # ~A, A, ~B, B
    >>> found = search(lits, (2, 2), np.array([0.1, 0.8]), incl_cut=0.9, cov_cut=0.5, depth=2)
    >>> found.conj_codes.tolist(), found.disj_codes.tolist()  # ~B; A + B
    ([[0, 1]], [[2, 2]])
    """
    literals = np.ascontiguousarray(literals, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    # Every ratio below has a numerator that never exceeds its denominator (memberships are
    # non-negative, sums of smaller terms in the same order are not larger), so a zero
    # denominator gives 0 / 0 = NaN: the 0/0 rule of the fit kernels, without a test.
    with np.errstate(divide="ignore", invalid="ignore"):
        return _search(
            literals,
            tuple(int(n) for n in noflevels),
            y,
            incl_cut=incl_cut,
            cov_cut=cov_cut,
            depth=depth,
            necessity=necessity,
            tolerance=tolerance,
        )


def _holds_dead(
    lits: npt.NDArray[np.int16],
    keys: npt.NDArray[np.uint64],
    dead_keys: npt.NDArray[np.uint64],
    bits: npt.NDArray[np.uint64],
) -> npt.NDArray[np.bool_]:
    """Whether each row has a subset of one literal fewer among ``dead_keys`` (sorted)."""
    dead = np.zeros(keys.shape[0], dtype=bool)
    if dead_keys.size == 0 or keys.size == 0:
        return dead
    if bits.size <= DENSE_KEY_BITS:  # few literals: a table indexed by the key itself
        table = np.zeros(1 << bits.size, dtype=bool)
        table[dead_keys] = True
        for i in range(lits.shape[1]):
            dead |= table[keys ^ bits[lits[:, i]]]
        return dead
    for i in range(lits.shape[1]):
        sub = keys ^ bits[lits[:, i]]
        at = np.searchsorted(dead_keys, sub)
        np.minimum(at, dead_keys.size - 1, out=at)
        dead |= dead_keys[at] == sub
    return dead


def _screens(literals: FloatArray, y: FloatArray) -> bool:
    """Whether the first pass can run in float32 with a proven error bound: a few thousand
    cases at most (the bound grows with them), every value 0 or positive and far from float32's
    underflow and overflow. Then rounding to float32 is relative (at most 2**-24), a sum of
    such terms is off by at most about ``n * 2**-24`` of itself, and a float32 sum is 0 exactly
    where the float64 one is (so 0 / 0 and y / 0 are the same in both)."""
    if not SCREEN_FLOAT32 or not 0 < y.shape[0] <= SCREEN_CASES:
        return False
    values = np.concatenate([literals.ravel(), y])
    if not (np.isfinite(values).all() and values.min(initial=0.0) >= 0):
        return False
    nonzero = values[values != 0]
    return nonzero.size == 0 or bool(nonzero.min() >= 2.0**-100 and nonzero.max() <= 2.0**100)


def _search(
    literals: FloatArray,
    noflevels: tuple[int, ...],
    y: FloatArray,
    *,
    incl_cut: float,
    cov_cut: float,
    depth: int,
    necessity: bool,
    tolerance: float,
) -> SupersetResult:
    k = len(noflevels)
    n_cases = y.shape[0]
    n_lits = literals.shape[0]
    offsets = np.concatenate([[0], np.cumsum(noflevels)]).astype(np.int64)
    lit_cond = np.repeat(np.arange(k), noflevels).astype(np.int64)
    y_sum = float(y.sum())
    screen = _screens(literals, y) and y_sum > 0
    # (as many float32 values per block as float64 ones fit in the same memory)
    chunk = max(1, CHUNK_VALUES * (2 if screen else 1) // max(n_cases, 1))
    fit = necessity_fit if necessity else sufficiency_fit
    names = ("inclN", "RoN", "covN") if necessity else ("inclS", "PRI", "covS")
    # Work buffers reused by every block: fresh arrays of this size cost page faults that
    # dominate the arithmetic. (np.take(..., out=) with the default mode="raise" copies
    # through a temporary: the indices here are valid, so mode="clip".)
    rows_max = chunk + max(noflevels, default=1)  # a block holds at least one prefix's levels
    # The first pass may run in float32 (see _screens): min / max commute with rounding, so
    # its vectors are the float64 ones rounded; their sums decide every cut-off except within
    # ``2 * slack`` of it (relatively), where the float64 vectors are rebuilt and summed as before.
    work = np.float32 if screen else np.float64
    work_lits: WorkArray = literals.astype(work) if screen else literals
    work_y: WorkArray = y.astype(work) if screen else y
    ones = np.ones(n_cases, dtype=work)
    slack = 3.0 * (n_cases + 2) * 2.0**-24 + 1e-12
    x_buffer = np.empty((rows_max, n_cases), dtype=work)
    # min(x, y) of a block, and the literals added while rebuilding one (done before it is used)
    y_buffer = np.empty((rows_max, n_cases), dtype=work)
    # The rows that hold an expression found with fewer conditions ("dead") are dropped
    # whatever their figures, and so are their extensions: they are not computed at all.
    # A row is dead when one of its subsets of one literal fewer is dead or was found (the
    # levels are complete, so this recursion finds every such row); the sets are words of bits.
    prune = n_lits <= KEY_LITERALS
    dead_keys = np.zeros(0, dtype=np.uint64)
    bits = np.left_shift(np.uint64(1), np.arange(n_lits if prune else 0, dtype=np.uint64))

    Found = tuple[IntArray, IntArray, FloatArray, FloatArray]  # rows, codes, figures, members
    conj_found: list[Found] = []
    disj_found: list[Found] = []
    empty_codes = np.zeros((0, k), dtype=np.int64)

    def codes_of(found: list[Found]) -> IntArray:
        return np.concatenate([f[1] for f in found]) if found else empty_codes

    def blocks(
        level: _Level,
        store: _Store | None,
        children: _Children,
        child_parent: IntArray,
        live: npt.NDArray[np.bool_],
        join: np.ufunc,
        skip: npt.NDArray[np.bool_] | None,
    ):
        """(rows, vectors) of the rows of ``level`` whose prefix is ``live``, but not ``skip``."""
        if store is not None:
            if store.rows.size == 0:  # no live prefix
                return
            # The store is sorted by the prefixes' last condition, so the prefixes a literal
            # extends (last condition before its own) are the first n_prefix[g] rows. Every
            # (prefix, literal) pair at once, by literal: the rows wanted are gathered from the
            # store, and each literal joins its slice in place (rows that are skipped cost
            # nothing; the rows come by literal, not in R's order, which nothing here needs).
            n_prefix = np.searchsorted(store.last, lit_cond, side="left")
            lit = np.repeat(np.arange(n_lits), n_prefix)
            starts = np.cumsum(n_prefix) - n_prefix
            prefix = np.arange(lit.size) - starts[lit]
            rows = children.rows(store.rows[prefix], lit)
            if skip is not None:
                wanted = ~skip[rows]
                if not wanted.all():
                    lit, prefix, rows = lit[wanted], prefix[wanted], rows[wanted]
            for start in range(0, rows.size, chunk):
                stop = min(start + chunk, rows.size)
                out = x_buffer[: stop - start]
                np.take(store.vectors, prefix[start:stop], axis=0, out=out, mode="clip")
                block_lit = lit[start:stop]
                bounds = np.searchsorted(block_lit, np.arange(n_lits + 1)).tolist()
                for g in range(int(block_lit[0]), int(block_lit[-1]) + 1):
                    if bounds[g] < bounds[g + 1]:
                        piece = out[bounds[g] : bounds[g + 1]]
                        join(piece, work_lits[g], out=piece)
                yield rows[start:stop], out
            return
        # rebuilt from the literals, in chunks of rows
        wanted = live[child_parent]
        if skip is not None:
            wanted &= ~skip
        all_rows = np.flatnonzero(wanted)
        for start in range(0, all_rows.size, chunk):
            rows = all_rows[start : start + chunk]
            out = x_buffer[: rows.size]
            add = y_buffer[: rows.size]
            first = level.lits[rows, 0].astype(np.int64)
            np.take(work_lits, first, axis=0, out=out, mode="clip")
            for i in range(1, level.lits.shape[1]):
                more = level.lits[rows, i].astype(np.int64)
                np.take(work_lits, more, axis=0, out=add, mode="clip")
                join(out, add, out=out)
            yield rows, out

    def with_outcome(x: FloatArray) -> FloatArray:
        """``sum(min(x, y))`` per row."""
        return np.minimum(x, y, out=y_buffer[: x.shape[0]]).sum(axis=-1)

    def exact(lits: npt.NDArray[np.int16], join: np.ufunc) -> FloatArray:
        """The float64 vectors of the rows with these literals: each literal joined in turn."""
        vectors = literals[lits[:, 0]]
        for i in range(1, lits.shape[1]):
            join(vectors, literals[lits[:, i]], out=vectors)
        return vectors

    def doubtful(ratio: FloatArray, cut: float) -> npt.NDArray[np.bool_]:
        """Where a float32 figure may fall on the other side of the cut than the float64 one:
        within ``2 * slack`` of the cut, relatively (the float64 figure is within ``slack`` of
        the float32 one). A NaN or infinite figure is one in float64 too (a float32 sum is 0
        where the float64 one is); a cut of 0 or below compares nothing."""
        threshold = cut - tolerance
        if cut <= 0 or threshold <= 0:
            return np.zeros(ratio.shape, dtype=bool)
        low, high = threshold * (1.0 - 2.0 * slack), threshold * (1.0 + 2.0 * slack)
        return (ratio >= low) & (ratio <= high)

    def sums(
        x: FloatArray,
        rows: IntArray,
        join: np.ufunc,
        cuts: tuple[float, float, float],
        lazy: bool = False,
    ) -> tuple[FloatArray, FloatArray | None]:
        """``sum(min(x, y))`` and ``sum(x)`` per row (of ``level``), such that
        ``both / y_sum``, ``both / x_sum`` and ``y_sum / x_sum`` compare with ``cuts`` as the
        float64 sums do (``sum(x)`` None when ``lazy`` and in float64: computed where needed)."""
        if not screen:
            return with_outcome(x), None if lazy else x.sum(axis=-1)
        both = np.matmul(np.minimum(x, work_y, out=y_buffer[: x.shape[0]]), ones)
        both = both.astype(np.float64)
        x_sum = np.matmul(x, ones).astype(np.float64)
        doubt = doubtful(both / y_sum, cuts[0]) | doubtful(both / x_sum, cuts[1])
        doubt |= doubtful(y_sum / x_sum, cuts[2])
        if doubt.any():
            at = np.flatnonzero(doubt)
            vectors = exact(level.lits[rows[at]], join)
            both[at] = np.minimum(vectors, y).sum(axis=-1)
            x_sum[at] = vectors.sum(axis=-1)
        return both, x_sum

    def found_vectors(x: FloatArray, rows: IntArray, ok: npt.NDArray[np.bool_], join: np.ufunc):
        """The float64 membership vectors of ``rows[ok]`` (copies)."""
        return exact(level.lits[rows[ok]], join) if screen else x[ok]

    Passed = tuple[IntArray, FloatArray]  # rows, membership vectors (copies)

    parent = _Level(
        np.zeros((1, 0), dtype=np.int16),
        np.zeros(1, np.int64),
        np.full(1, -1),
        np.zeros(1, dtype=np.uint64) if prune else None,
    )
    parent.conj_live[:] = True
    parent.disj_live[:] = True
    conj_store: _Store | None = _Store.single(np.ones(n_cases, dtype=work))
    disj_store: _Store | None = _Store.single(np.zeros(n_cases, dtype=work))
    size = 1
    keep_going = True
    while size <= depth and keep_going:
        if (conj_found or disj_found) and size > 3:
            keep_going = False
        # this size is the last unless it finds something: its vectors are not stored
        tentative = not keep_going
        # (only the unpruned search tests what it found against these)
        found_conj_before = empty_codes if prune else codes_of(conj_found)
        found_disj_before = empty_codes if prune else codes_of(disj_found)
        children = _Children(parent, lit_cond, offsets, k)
        level, child_parent = children.level(parent, bits if prune else None)
        keys = level.keys if prune and dead_keys.size else None
        dead = None if keys is None else _holds_dead(level.lits, keys, dead_keys, bits)
        if dead is not None and not dead.any():
            dead = None
        extendable = size < k
        n_level = level.lits.shape[0]
        storing = extendable and not tentative
        conj_keep = _Store(n_cases, STORE_BYTES, n_level if storing else 0, work)
        disj_keep = _Store(n_cases, STORE_BYTES // 2, n_level if storing else 0, work)
        conj_now: list[Passed] = []
        disj_now: list[Passed] = []
        # conjunctions (for necessity every one: a conjunction is kept even when it holds a
        # necessary expression found before)
        for rows, x in blocks(
            level,
            conj_store,
            children,
            child_parent,
            parent.conj_live,
            np.minimum,
            None if necessity else dead,
        ):
            first_cut, other_cut = (incl_cut, cov_cut) if necessity else (cov_cut, incl_cut)
            both, x_sum = sums(x, rows, np.minimum, (first_cut, other_cut, 0), True)
            first = both / y_sum  # inclN, or covS
            live = _passes(first, first_cut, tolerance)
            ok = live.copy()
            if ok.any():
                other = both[ok] / (x[ok].sum(axis=-1) if x_sum is None else x_sum[ok])
                ok[ok] = _passes(other, other_cut, tolerance)  # covN, or inclS
            level.conj_live[rows[live]] = True
            level.conj_ok[rows[ok]] = True
            if storing and live.any():
                conj_keep.add(rows, x, live & (level.last[rows] < k - 1))
            if ok.any():
                conj_now.append((rows[ok], found_vectors(x, rows, ok, np.minimum)))
        # disjunctions, where the conjunction failed
        if necessity:
            skip = level.conj_ok if dead is None else level.conj_ok | dead
            for rows, x in blocks(
                level, disj_store, children, child_parent, parent.disj_live, np.maximum, skip
            ):
                # (the rows whose conjunction passed are skipped: their disjunction is not tried)
                both, x_sum = sums(x, rows, np.maximum, (incl_cut, cov_cut, cov_cut))
                assert x_sum is not None
                ok = _passes(both / y_sum, incl_cut, tolerance)
                ok &= _passes(both / x_sum, cov_cut, tolerance)
                live = ~ok
                if cov_cut > 0:
                    live &= ~(np.true_divide(y_sum, x_sum) < cov_cut - tolerance)
                level.disj_live[rows[live]] = True
                if storing and live.any():
                    disj_keep.add(rows, x, live & (level.last[rows] < k - 1))
                if ok.any():
                    disj_now.append((rows[ok], found_vectors(x, rows, ok, np.maximum)))
        found_now = 0
        found_rows = []
        for now, total, prior, relation_fit in (
            (conj_now, conj_found, () if necessity else (found_conj_before,), fit),
            (disj_now, disj_found, (found_conj_before, found_disj_before), necessity_fit),
        ):
            if not now:
                continue
            rows = np.concatenate([r for r, _ in now])
            order = np.argsort(rows, kind="stable")
            rows = rows[order]
            members = np.concatenate([m for _, m in now])[order]
            codes = _codes(level.lits[rows], lit_cond, offsets, k)
            if not prune:  # else the rows holding a prior expression were not computed
                fresh = np.ones(rows.shape[0], dtype=bool)
                for before in prior:
                    fresh &= ~_contains_any(codes, before, offsets)
                rows, codes, members = rows[fresh], codes[fresh], members[fresh]
            if rows.size:
                figures = relation_fit(members, y)
                total.append((rows, codes, np.column_stack([figures[n] for n in names]), members))
                found_rows.append(rows)
                found_now += rows.size
        if prune and size < depth:
            if found_rows or dead is not None:
                keys = level.keys
                assert keys is not None
                parts = [keys[r] for r in found_rows] + ([] if dead is None else [keys[dead]])
                dead_keys = np.sort(np.concatenate(parts))
            else:
                dead_keys = dead_keys[:0]
        if not keep_going and found_now:
            keep_going = True
        size += 1
        if tentative and keep_going and extendable:
            # the stores skipped on this size (it was to be the last), built after all from
            # the previous size's: one gather and one min / max per live row
            conj_store, disj_store = (
                _Store.extending(
                    previous,
                    np.flatnonzero(live_rows & (level.last < k - 1)),
                    child_parent,
                    level,
                    work_lits,
                    join,
                    budget,
                )
                for live_rows, previous, join, budget in (
                    (level.conj_live, conj_store, np.minimum, STORE_BYTES),
                    (level.disj_live, disj_store, np.maximum, STORE_BYTES // 2),
                )
            )
        else:
            conj_store = conj_keep.finish(level.last)
            disj_store = disj_keep.finish(level.last)
        parent = level
        if not (level.conj_live.any() or level.disj_live.any()):
            break  # no row of a larger size extends a live one: none is computed

    def stack(found: list[Found], index: int, width: int) -> FloatArray:
        return np.concatenate([f[index] for f in found]) if found else np.zeros((0, width))

    return SupersetResult(
        conj_codes=codes_of(conj_found),
        conj_figures=stack(conj_found, 2, 3),
        conj_members=stack(conj_found, 3, n_cases),
        disj_codes=codes_of(disj_found),
        disj_figures=stack(disj_found, 2, 3),
        disj_members=stack(disj_found, 3, n_cases),
    )
