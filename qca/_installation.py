"""Which installed distribution provides the import name ``qca``.

The ``pyqca`` distribution on the package index also installs a top-level package named
``qca``. Installed beside this package, the two write into the same folder: whichever was
installed last overwrites the other's files, silently, and uninstalling one breaks the other.
``qca --version`` reports it by looking the distribution up (importlib.metadata); ``import qca``
only lists the folder this package sits in (``importlib.metadata`` alone takes 20-30 ms to
import, more than the check is worth at every import).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from .exceptions import QCAWarning

__all__ = ["conflict_message", "conflicting_distributions", "warn_if_shadowed"]

_PACKAGE_FOLDER = Path(__file__).resolve().parent.parent

# Distributions known to install a top-level package named `qca` besides this one.
KNOWN_CONFLICTS = ("pyqca",)


def conflicting_distributions() -> list[tuple[str, str]]:
    """The installed distributions, other than this one, known to install the top-level name
    ``qca``, as ``(name, version)`` pairs (only ``pyqca`` is known).

    Each is looked up by name (a full scan of every installed distribution's file list takes
    seconds)."""
    import importlib.metadata

    found = []
    for name in KNOWN_CONFLICTS:
        try:
            found.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            continue
    return found


def conflict_message() -> str | None:
    """A warning naming every other distribution that installs ``qca``, or None."""
    others = conflicting_distributions()
    if not others:
        return None
    listed = ", ".join(f"{name} {version}" for name, version in others)
    return (
        f"{listed} also installs the import name 'qca' into the same folder as this package; "
        "whichever was installed last has overwritten the other's files. Remove both and "
        f"reinstall this one: pip uninstall -y {' '.join(n for n, _ in others)} qca && "
        "pip install qca"
    )


def warn_if_shadowed(folder: Path = _PACKAGE_FOLDER) -> None:
    """Warn (QCAWarning, on stderr) when the folder holding the ``qca`` package also holds the
    metadata of a distribution known to install ``qca`` (``pyqca-*.dist-info``): the two share
    the folder and overwrite each other's files."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    prefixes = tuple(f"{name}-" for name in KNOWN_CONFLICTS)
    found = sorted(
        n
        for n in names
        if n.lower().startswith(prefixes) and n.endswith((".dist-info", ".egg-info"))
    )
    if found:
        warnings.warn(
            f"{found[0]} (in {folder}) also installs the import name 'qca' into the same folder "
            "as this package; whichever was installed last has overwritten the other's files. "
            "Remove both and reinstall this one: pip uninstall -y "
            f"{' '.join(KNOWN_CONFLICTS)} qca && pip install qca",
            QCAWarning,
            stacklevel=3,
        )
