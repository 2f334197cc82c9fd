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


#: cgroup files read for a container's memory limit and use: (limit, usage), v2 then v1.
CGROUP_FILES = (
    ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
    (
        "/sys/fs/cgroup/memory/memory.limit_in_bytes",
        "/sys/fs/cgroup/memory/memory.usage_in_bytes",
    ),
)

#: cgroup v1 writes "no limit" as a huge number (PAGE_COUNTER_MAX pages); anything above this
#: is no limit.
_NO_CGROUP_LIMIT = 2**60


def _read_int(path: str) -> int | None:
    try:
        with open(path, encoding="ascii") as handle:
            text = handle.read().strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None  # "max" (cgroup v2): no limit


def system_available_bytes() -> int:
    """``MemAvailable`` from ``/proc/meminfo`` (:data:`FALLBACK_AVAILABLE_BYTES` without it)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return FALLBACK_AVAILABLE_BYTES


def cgroup_available_bytes() -> int | None:
    """Headroom under the container's (cgroup v2 or v1) memory limit, or None without a limit."""
    for limit_file, usage_file in CGROUP_FILES:
        limit = _read_int(limit_file)
        if limit is None or limit >= _NO_CGROUP_LIMIT:
            continue
        usage = _read_int(usage_file) or 0
        return max(limit - usage, 0)
    return None


def rlimit_available_bytes() -> int | None:
    """Headroom under the address-space limit (``RLIMIT_AS``, ``ulimit -v``), or None."""
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft < 0:
        return None
    used = 0
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            used = int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        pass
    return max(soft - used, 0)


def available_bytes() -> int:
    """Memory this process can still get: the least of the system's ``MemAvailable``, the
    headroom under the container's cgroup limit and under ``RLIMIT_AS``.

    Examples
    --------
    >>> available_bytes() > 0
    True
    """
    limits = [system_available_bytes(), cgroup_available_bytes(), rlimit_available_bytes()]
    return min(v for v in limits if v is not None)


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
