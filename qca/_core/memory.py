"""Memory guard for the minimization engines.

Exact minimization can need arrays whose size grows exponentially with the number of
conditions. Rather than let the operating system kill the process (or swap for an hour), every
engine estimates the bytes an allocation needs *before* making it and calls
:func:`check_allocation`, which refuses with a :class:`~qca.exceptions.ProblemTooLargeError`
that says what was needed, what is available and what to change.
"""

from __future__ import annotations

from ..exceptions import ProblemTooLargeError

#: Used when ``/proc/meminfo`` cannot be read (non-Linux systems, sandboxes).
FALLBACK_AVAILABLE_BYTES = 4 * 1024**3

#: Share of the available memory one allocation may take: the engines keep a few arrays of the
#: same size alive at once, and the rest of the process needs room too.
USABLE_FRACTION = 0.5

DEFAULT_ADVICE = (
    "Use fewer conditions, method='fast' (it never expands the remainders), or a smaller "
    "`include` (the conservative solution, include=(), needs no remainders)."
)


def available_bytes() -> int:
    """Memory the system can give this process now: ``MemAvailable`` from ``/proc/meminfo``.

    Falls back to :data:`FALLBACK_AVAILABLE_BYTES` where that file does not exist or has no
    such field.

    Examples
    --------
    >>> available_bytes() > 0
    True
    """
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return FALLBACK_AVAILABLE_BYTES


def format_bytes(n_bytes: float) -> str:
    """Human-readable size with binary units.

    Examples
    --------
    >>> format_bytes(3 * 1024**3)
    '3.0 GiB'
    >>> format_bytes(512)
    '512 B'
    """
    value = float(n_bytes)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def usable_bytes() -> int:
    """Largest single allocation :func:`check_allocation` lets through."""
    return int(available_bytes() * USABLE_FRACTION)


def check_allocation(n_bytes: float, what: str, *, advice: str = DEFAULT_ADVICE) -> None:
    """Refuse an allocation of ``n_bytes`` that the machine cannot hold.

    Parameters
    ----------
    n_bytes : float
        Estimated size of the arrays about to be allocated.
    what : str
        What they are for, in words ("the prime implicant chart of 24 conditions").
    advice : str, optional
        What the user can change; the default names the options of ``minimize()``.

    Raises
    ------
    ProblemTooLargeError
        When ``n_bytes`` exceeds half of the currently available memory.

    Examples
    --------
    >>> check_allocation(1024, "a small table")
    >>> check_allocation(2**70, "the expanded remainders of 40 conditions")
    Traceback (most recent call last):
    ...
    qca.exceptions.ProblemTooLargeError: the expanded remainders of 40 conditions would need 1073741824.0 TiB of memory, ...
    """
    limit = usable_bytes()
    if n_bytes > limit:
        raise ProblemTooLargeError(
            f"{what} would need {format_bytes(n_bytes)} of memory, but only "
            f"{format_bytes(limit)} can be used ({format_bytes(available_bytes())} available, "
            f"at most {USABLE_FRACTION:.0%} of it for one step). {advice}"
        )
