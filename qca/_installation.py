"""Which installed distribution provides the import name ``qca``.

The ``pyqca`` distribution on the package index also installs a top-level package named
``qca``. Installed beside this package, the two write into the same folder: whichever was
installed last overwrites the other's files, silently, and uninstalling one breaks the other.
``qca --version`` reports it; nothing here is imported by the analysis stages.
"""

from __future__ import annotations

import importlib.metadata

__all__ = ["DISTRIBUTION", "conflict_message", "conflicting_distributions"]

DISTRIBUTION = "qca"


def conflicting_distributions() -> list[tuple[str, str]]:
    """Installed distributions other than this one that provide the top-level name ``qca``,
    as ``(name, version)`` pairs sorted by name (``pyqca`` is the one known)."""
    found: dict[str, str] = {}
    for distribution in importlib.metadata.distributions():
        name = str(distribution.metadata.get("Name", ""))  # type: ignore[attr-defined]
        if _normalized(name) == DISTRIBUTION:
            continue
        if _normalized(name) == "pyqca" or _provides_qca(distribution):
            found[name] = distribution.version
    return sorted(found.items())


def _normalized(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _provides_qca(distribution: importlib.metadata.Distribution) -> bool:
    top_level = distribution.read_text("top_level.txt")
    if top_level is not None:
        return "qca" in top_level.split()
    files = distribution.files or ()
    return any(len(f.parts) > 1 and f.parts[0] == "qca" for f in files)


def conflict_message() -> str | None:
    """A warning naming every other distribution that installs ``qca``, or None."""
    others = conflicting_distributions()
    if not others:
        return None
    listed = ", ".join(f"{name} {version}" for name, version in others)
    return (
        f"warning: {listed} also installs the import name 'qca' into the same folder as this "
        "package; whichever was installed last has overwritten the other's files. Remove both "
        f"and reinstall this one: pip uninstall -y {' '.join(n for n, _ in others)} qca && "
        "pip install qca"
    )
