"""Which installed distribution provides the import name ``qca``.

The ``pyqca`` distribution on the package index also installs a top-level package named
``qca``. Installed beside this package, the two write into the same folder: whichever was
installed last overwrites the other's files, silently, and uninstalling one breaks the other.
``qca --version`` reports it, and so does ``import qca`` (one metadata look-up, well under a
millisecond).
"""

from __future__ import annotations

import importlib.metadata
import warnings

from .exceptions import QCAWarning

__all__ = ["conflict_message", "conflicting_distributions", "warn_if_shadowed"]

# Distributions known to install a top-level package named `qca` besides this one.
KNOWN_CONFLICTS = ("pyqca",)


def conflicting_distributions() -> list[tuple[str, str]]:
    """The installed distributions, other than this one, known to install the top-level name
    ``qca``, as ``(name, version)`` pairs (only ``pyqca`` is known).

    Each is looked up by name (a full scan of every installed distribution's file list takes
    seconds)."""
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


def warn_if_shadowed() -> None:
    """Warn (QCAWarning, on stderr) when another distribution installs ``qca`` too."""
    message = conflict_message()
    if message:
        warnings.warn(message, QCAWarning, stacklevel=3)
