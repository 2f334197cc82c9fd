"""Seeds: one :class:`numpy.random.SeedSequence` per run, spawned into fixed chunks of draws, so
that results depend on the seed only (not on ``n_jobs`` or the order chunks finish in)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import numpy as np

from ..exceptions import QCAError

__all__ = ["CHUNK", "chunk_sizes", "map_chunks", "seed_sequence"]

#: Draws per chunk: a chunk is the unit of seeding and of parallel work (fixed: not n_jobs).
CHUNK = 1000

T = TypeVar("T")


def seed_sequence(seed: Any, caller: str) -> np.random.SeedSequence:
    """A SeedSequence from an int, a SeedSequence or None (fresh entropy, recorded)."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if seed is None:
        return np.random.SeedSequence()
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise QCAError(f"{caller}: `seed` must be a non-negative integer or None; got {seed!r}.")
    return np.random.SeedSequence(int(seed))


def chunk_sizes(total: int) -> list[int]:
    """``total`` draws cut into chunks of :data:`CHUNK` (the last one shorter)."""
    full, rest = divmod(total, CHUNK)
    return [CHUNK] * full + ([rest] if rest else [])


def check_count(value: Any, name: str, caller: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise QCAError(f"{caller}: `{name}` must be an integer >= {minimum}; got {value!r}.")
    return int(value)


def map_chunks(
    work: Callable[[np.random.Generator, int], T],
    seed: np.random.SeedSequence,
    total: int,
    n_jobs: int,
) -> Sequence[T]:
    """``work(rng, size)`` for every chunk, each with its own spawned generator; results in
    chunk order whatever ``n_jobs`` (threads: numpy releases the GIL in its kernels)."""
    sizes = chunk_sizes(total)
    # a fresh copy: spawning changes a SeedSequence, and the same seed must give the same draws
    base = np.random.SeedSequence(seed.entropy, spawn_key=seed.spawn_key, pool_size=seed.pool_size)
    children = base.spawn(len(sizes))
    tasks = [
        (np.random.Generator(np.random.PCG64(c)), s) for c, s in zip(children, sizes, strict=True)
    ]
    if n_jobs == 1 or len(tasks) == 1:
        return [work(rng, size) for rng, size in tasks]
    with ThreadPoolExecutor(max_workers=n_jobs) as pool:
        return list(pool.map(lambda task: work(*task), tasks))
