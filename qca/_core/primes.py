"""Exact prime implicants for many conditions, from the positive and negative rows alone.

The classic Quine-McCluskey engine (:mod:`qca._core.qmc`) expands every remainder and merges
terms; with ``k`` conditions that is up to ``3^k`` terms. This engine never expands anything.

Parsimonious solutions (``remainders=True``): minimal transversals
------------------------------------------------------------------
A literal is a pair (condition ``j``, level ``v``). A term (a set of literals, at most one per
condition) excludes the negative row ``n`` iff it holds a literal ``(j, v)`` with ``v != n_j``,
i.e. iff it meets the set ``E_n`` of literals that ``n`` does not satisfy. So a term is an
implicant iff it is consistent, contains a positive row and meets every ``E_n``, and a prime
implicant is exactly a *minimal transversal* of the hypergraph ``{E_n}`` that contains a positive
row (dropping a literal keeps the term consistent and its positive rows, so minimality among
transversals is primality). Both side conditions are inherited by subsets, so they can prune a
transversal search without losing any prime.

We enumerate the minimal transversals with MMCS (Murakami & Uno 2014, "Efficient algorithms for
dualizing large-scale hypergraphs", Discrete Applied Mathematics 170): a node is an irredundant
partial term ``S`` (every literal has a *critical* negative row that only it excludes) with a set
of candidate literals; it picks the still-covered negative row with the fewest usable
candidates and branches on each of them. Every minimal transversal is reached by exactly one
path. The search runs breadth-first in batches, every node of a batch handled at once with numpy:
positive rows, covered negative rows and critical rows are bitsets (``uint64`` words), the choice
of the row to branch on is one matrix product. This is the hitting-set formulation of the prime
implicants (the primes through a positive row ``p`` are the minimal hitting sets of the sets of
conditions where ``p`` and each negative row differ), run over all positive rows at once, so a
prime shared by many positive rows is found once.

Conservative solutions (``remainders=False``)
---------------------------------------------
Only configurations in ``on`` may be covered. Two exact routes, chosen by size:

* when the complement of ``on`` (every other configuration) is no larger than ``on`` itself,
  it is the negative set of the search above;
* otherwise terms are merged within ``on`` only (Quine-McCluskey restricted to the positive
  rows: a term with one more free condition is kept when all its ``levels[j]`` halves are), which
  touches only terms inside ``on`` and so stays small when ``on`` is sparse.

Multi-value conditions work throughout: a literal fixes one level.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .encode import configuration_count
from .memory import check_allocation

__all__ = ["prime_implicants"]

CodeArray = npt.NDArray[np.int64]

# Nodes handled at once in the transversal search: large enough to amortise numpy's per-call
# overhead, small enough to keep the per-batch temporaries within a few tens of megabytes.
_BATCH_NODES = 8192
_ADVICE = (
    "Use fewer conditions or fewer cases, or method='qmc' when the number of conditions is small."
)


def prime_implicants(
    on: npt.ArrayLike,
    off: npt.ArrayLike,
    noflevels: Sequence[int],
    *,
    remainders: bool,
) -> CodeArray:
    """Prime implicants of ``on`` (against ``off``), never expanding the remainders.

    Parameters
    ----------
    on : array_like of int, shape (n_on, k)
        Configurations that must be covered (levels ``0..noflevels[j]-1``).
    off : array_like of int, shape (n_off, k)
        Configurations that must not be covered; used only when ``remainders`` is true.
    noflevels : sequence of int
        Number of levels of each condition (2 for binary ones).
    remainders : bool
        True: every configuration in neither ``on`` nor ``off`` is a don't care (parsimonious).
        False: a term may contain only configurations of ``on`` (conservative).

    Returns
    -------
    numpy.ndarray of int64, shape (n_pi, k)
        Implicant codes (``0`` = condition absent, ``v + 1`` = level ``v``), without duplicates,
        sorted as the contract of ``docs/internals.md`` says (``np.lexsort`` on the codes).

    Raises
    ------
    ProblemTooLargeError
        When a step would need more memory than is available.

    Examples
    --------
    Three binary conditions, positive rows ``110, 111, 011``, negative ``000, 001``:

    >>> on = [[1, 1, 0], [1, 1, 1], [0, 1, 1]]
    >>> off = [[0, 0, 0], [0, 0, 1]]
    >>> prime_implicants(on, off, [2, 2, 2], remainders=True).tolist()
    [[0, 2, 0], [2, 0, 0]]
    >>> prime_implicants(on, off, [2, 2, 2], remainders=False).tolist()
    [[0, 2, 2], [2, 2, 0]]
    """
    levels = np.asarray(noflevels, dtype=np.int64).reshape(-1)
    k = levels.size
    on_rows = _as_configurations(on, k)
    if on_rows.shape[0] == 0:
        return np.zeros((0, k), dtype=np.int64)
    if remainders:
        off_rows = _as_configurations(off, k)
        return _sort_codes(_transversal_primes(on_rows, off_rows, levels))
    total = configuration_count(levels)
    if total - on_rows.shape[0] <= on_rows.shape[0]:
        complement = _complement(on_rows, levels)
        return _sort_codes(_transversal_primes(on_rows, complement, levels))
    return _sort_codes(_merge_within(on_rows, levels))


# --------------------------------------------------------------------------------------------
# helpers


def _as_configurations(rows: npt.ArrayLike, k: int) -> CodeArray:
    array = np.asarray(rows, dtype=np.int64)
    if array.size == 0:
        return np.zeros((0, k), dtype=np.int64)
    array = array.reshape(-1, k)
    return np.unique(array, axis=0)


def _sort_codes(codes: CodeArray) -> CodeArray:
    """Unique rows ordered by ``np.lexsort`` over the columns (first condition most significant)."""
    if codes.shape[0] == 0:
        return codes.astype(np.int64)
    codes = codes.astype(np.int64)
    bases = codes.max(axis=0) + 1
    if codes.min() >= 0 and float(np.prod(bases.astype(float))) < 2.0**62:
        # one integer key per term, first condition most significant: its order is the
        # lexicographic one (np.unique over rows sorts byte strings, seconds for 100k terms)
        _, first = np.unique(codes @ _radix(bases), return_index=True)
        return codes[first]
    codes = np.unique(codes, axis=0)
    return codes[np.lexsort(codes.T[::-1])]


def _complement(on_rows: CodeArray, levels: npt.NDArray[np.int64]) -> CodeArray:
    """Every configuration not in ``on_rows`` (only called when that is at most ``len(on)``)."""
    total = configuration_count(levels)
    check_allocation(
        total * (levels.size + 2) * 8, "the complement of the positive rows", advice=_ADVICE
    )
    weights = _radix(levels)
    ids = on_rows @ weights
    keep = np.ones(total, dtype=bool)
    keep[ids] = False
    rest = np.flatnonzero(keep)
    return (rest[:, None] // weights[None, :]) % levels[None, :]


def _radix(bases: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    weights = np.ones(bases.size, dtype=np.int64)
    if bases.size > 1:
        weights[:-1] = np.cumprod(bases[::-1])[::-1][1:]
    return weights


def _pack(matrix: npt.NDArray[np.bool_]) -> npt.NDArray[np.uint64]:
    """Bool ``(r, n)`` -> bitsets ``(r, ceil(n / 64))`` of ``uint64`` (bit ``i`` = column ``i``)."""
    r, n = matrix.shape
    words = max(1, -(-n // 64))
    padded = np.zeros((r, words * 64), dtype=bool)
    padded[:, :n] = matrix
    return np.packbits(padded, axis=1, bitorder="little").view(np.uint64).reshape(r, words)


def _any_bit(bits: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    """``bits.any(axis=-1)`` as one OR per word (a reduction over 1-3 words per row is
    dominated by numpy's per-row overhead)."""
    merged = bits[..., 0].copy()
    for word in range(1, bits.shape[-1]):
        merged |= bits[..., word]
    return merged != 0


def _unpack(bits: npt.NDArray[np.uint64], n: int) -> npt.NDArray[np.bool_]:
    r = bits.shape[0]
    as_bytes = np.ascontiguousarray(bits).view(np.uint8).reshape(r, -1)
    return np.unpackbits(as_bytes, axis=1, count=n, bitorder="little").astype(bool)


# --------------------------------------------------------------------------------------------
# parsimonious: minimal transversals (MMCS), batched


def _transversal_primes(
    on_rows: CodeArray, off_rows: CodeArray, levels: npt.NDArray[np.int64]
) -> CodeArray:
    k = levels.size
    n_pos, n_neg = on_rows.shape[0], off_rows.shape[0]
    if n_neg == 0:
        # Nothing to exclude: the empty term (every configuration) is the only prime.
        return np.zeros((1, k), dtype=np.int64)

    lit_cond = np.repeat(np.arange(k), levels)
    lit_val = np.concatenate([np.arange(m) for m in levels]).astype(np.int64)
    n_lit = lit_cond.size
    pos_match = on_rows[:, lit_cond] == lit_val[None, :]  # (P, L): row satisfies literal
    neg_match = off_rows[:, lit_cond] == lit_val[None, :]  # (N, L)
    pos_lit = _pack(pos_match.T)  # (L, Wp)
    neg_lit = _pack(neg_match.T)  # (L, Wn)
    neg_match_f = neg_match.T.astype(np.float32)  # (L, N) for the branching-row choice
    wp, wn = pos_lit.shape[1], neg_lit.shape[1]

    per_node = 8 * (k + wp + wn * (k + 2)) + n_lit * (2 + 8 * wp) + 4 * n_neg * 3
    check_allocation(
        per_node * _BATCH_NODES * 4,
        f"the prime implicant search over {n_pos} positive and {n_neg} negative rows",
        advice=_ADVICE,
    )

    all_pos = _pack(np.ones((1, n_pos), dtype=bool))
    all_neg = _pack(np.ones((1, n_neg), dtype=bool))
    root = _Batch(
        codes=np.zeros((1, k), dtype=np.int8 if levels.max() < 127 else np.int64),
        pos=all_pos,
        neg=all_neg,
        cand=np.ones((1, n_lit), dtype=bool),
        crit=np.zeros((1, 0, wn), dtype=np.uint64),
    )
    found: list[CodeArray] = []
    stack = [root]
    while stack:
        batch = stack.pop()
        if batch.size > _BATCH_NODES:
            stack.append(batch.take(slice(_BATCH_NODES, None)))
            batch = batch.take(slice(0, _BATCH_NODES))
        children = _expand(batch, pos_lit, neg_lit, neg_match_f, lit_cond, lit_val, n_neg)
        if children is None:
            continue
        done = ~_any_bit(children.neg)
        if done.any():
            found.append(children.codes[done].astype(np.int64))
        if not done.all():
            stack.append(children.take(~done))
    if not found:
        return np.zeros((0, k), dtype=np.int64)
    return np.concatenate(found)


class _Batch:
    """Search nodes of equal depth ``d``, one row each."""

    __slots__ = ("cand", "codes", "crit", "neg", "pos")

    def __init__(self, codes, pos, neg, cand, crit) -> None:
        self.codes = codes  # (M, k) implicant codes of the partial term S
        self.pos = pos  # (M, Wp) positive rows inside S
        self.neg = neg  # (M, Wn) negative rows inside S (still to exclude)
        self.cand = cand  # (M, L) literals the node may still add
        self.crit = crit  # (M, d, Wn) negative rows only literal i of S excludes

    @property
    def size(self) -> int:
        return int(self.codes.shape[0])

    def take(self, index) -> _Batch:
        return _Batch(
            self.codes[index],
            self.pos[index],
            self.neg[index],
            self.cand[index],
            self.crit[index],
        )


def _expand(
    batch: _Batch,
    pos_lit: npt.NDArray[np.uint64],
    neg_lit: npt.NDArray[np.uint64],
    neg_match_f: npt.NDArray[np.float32],
    lit_cond: npt.NDArray[np.int64],
    lit_val: npt.NDArray[np.int64],
    n_neg: int,
) -> _Batch | None:
    m = batch.size
    # Literals that keep a positive row inside the term, among the candidates.
    feasible = np.zeros((m, pos_lit.shape[0]), dtype=bool)
    for word in range(pos_lit.shape[1]):
        feasible |= (batch.pos[:, word, None] & pos_lit[None, :, word]) != 0
    usable = feasible & batch.cand

    # Branch on the covered negative row with the fewest usable literals excluding it:
    # usable literals excluding n = all usable - usable ones that n satisfies.
    covered = _unpack(batch.neg, n_neg)
    satisfied = usable.astype(np.float32) @ neg_match_f  # (M, N)
    options = usable.sum(axis=1, dtype=np.float32)[:, None] - satisfied
    options[~covered] = np.inf
    row = np.argmin(options, axis=1)
    alive = options[np.arange(m), row] > 0.5
    if not alive.any():
        return None
    if not alive.all():
        batch = batch.take(alive)
        usable, row = usable[alive], row[alive]
        m = batch.size
    # C: usable literals the chosen row does not satisfy.
    branch = usable & (neg_match_f.T[row] == 0)

    parent, lit = np.nonzero(branch)
    # Irredundance: every earlier literal must keep a row that only it excludes (tested
    # first: the children it drops are never built).
    if batch.crit.shape[1]:
        old_crit = batch.crit[parent] & neg_lit[lit][:, None, :]
        keep = _any_bit(old_crit).all(axis=1)
        if not keep.any():
            return None
        if not keep.all():
            parent, lit, old_crit = parent[keep], lit[keep], old_crit[keep]
    else:
        old_crit = np.zeros((lit.size, 0, batch.neg.shape[1]), dtype=np.uint64)
    # MMCS: the i-th branch may still use the branch literals before it, not those after.
    cand = (batch.cand & ~branch)[parent]
    cand |= branch[parent] & (np.arange(branch.shape[1])[None, :] < lit[:, None])
    cand[np.arange(lit.size), lit] = False

    new_neg = batch.neg[parent] & neg_lit[lit]
    own_crit = batch.neg[parent] & ~neg_lit[lit]
    codes = batch.codes[parent].copy()
    codes[np.arange(lit.size), lit_cond[lit]] = lit_val[lit] + 1
    return _Batch(
        codes=codes,
        pos=batch.pos[parent] & pos_lit[lit],
        neg=new_neg,
        cand=cand,
        crit=np.concatenate([old_crit, own_crit[:, None, :]], axis=1),
    )


# --------------------------------------------------------------------------------------------
# conservative: merging within the positive rows


def _merge_within(on_rows: CodeArray, levels: npt.NDArray[np.int64]) -> CodeArray:
    k = levels.size
    weights = _radix(levels + 1)
    exact_keys = float(np.prod((levels + 1).astype(float))) * k < 2.0**62
    current = on_rows + 1
    primes: list[CodeArray] = []
    while current.shape[0]:
        cube, cond = np.nonzero(current)
        check_allocation(
            cube.size * (k + 4) * 8 * 3,
            f"merging {current.shape[0]} terms within the positive rows",
            advice=_ADVICE,
        )
        parents = current[cube].copy()
        parents[np.arange(cube.size), cond] = 0
        if exact_keys:
            group_keys = (parents @ weights) * k + cond
            _, inverse, counts = np.unique(group_keys, return_inverse=True, return_counts=True)
        else:  # too many levels for an int64 key: compare the rows themselves
            _, inverse, counts = np.unique(
                np.column_stack([parents, cond]), axis=0, return_inverse=True, return_counts=True
            )
        complete = counts[inverse.reshape(-1)] == levels[cond]
        merged = np.zeros(current.shape[0], dtype=bool)
        merged[cube[complete]] = True
        primes.append(current[~merged])
        if not complete.any():
            break
        current = np.unique(parents[complete], axis=0)
    return np.concatenate(primes) if primes else np.zeros((0, k), dtype=np.int64)
