"""Example data sets bundled with :mod:`qca`: the data sets of R's QCA package (3.25).

Each data set is a CSV file in the repository's ``data/rqca/`` folder (copied into the wheel as
``qca/_data/rqca/``), described in ``data/rqca/datasets.toml``: source, citation, outcome, set
type and a codebook (what each column is and how it was calibrated), taken from the R package's
help pages; where those are silent the metadata says "not documented".

Examples
--------
>>> from qca import datasets
>>> "LR" in datasets.list()
True
>>> lr = datasets.load("LR")
>>> lr.shape
(18, 6)
>>> lr.loc["AU", "DEV"]
np.int64(720)
>>> datasets.info("LR")["outcome"]
'SURV'
"""

from __future__ import annotations

import builtins
import copy
import difflib
import functools
import importlib.resources
import sys
import tomllib
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pandas as pd

from .exceptions import QCAError

__all__ = ["info", "list", "load"]

_METADATA = "rqca/datasets.toml"
_COLLABORATION = "collaboration/cases.csv"
_INDEX = "case"
# R writes missing values as a bare NA; a quoted "NA" is a case name (Namibia in HarKem).
_MISSING = ["NA"]


def _root() -> Traversable:
    """The bundled data folder: ``qca/_data`` in a wheel, else the source tree's ``data/``."""
    packaged = importlib.resources.files("qca") / "_data"
    if packaged.is_dir() and (packaged / _METADATA).is_file():
        return packaged
    source = Path(__file__).resolve().parent.parent / "data"
    if (source / _METADATA).is_file():
        return source
    raise QCAError(
        "qca.datasets: the bundled data folder was not found (looked in the installed package's "
        f"qca/_data and in {source}). Reinstall qca."
    )


@functools.cache
def _registry() -> dict[str, dict[str, Any]]:
    root = _root()
    with (root / _METADATA).open("rb") as handle:
        table = tomllib.load(handle)
    registry = {}
    for name, entry in table.items():
        if not isinstance(entry, dict):
            continue
        registry[name] = {"name": name, **entry, "file": f"rqca/{entry['file']}"}
    if (root / _COLLABORATION).is_file():
        registry["collaboration"] = {
            "name": "collaboration",
            "file": _COLLABORATION,
            "source": "data/collaboration/ in the qca repository (maintained with that folder)",
        }
    return registry


def list() -> builtins.list[str]:
    """Names of the bundled data sets, sorted.

    Examples
    --------
    >>> from qca import datasets
    >>> datasets.list()[:4]
    ['CVF', 'CVR', 'Emme', 'HC']
    """
    return sorted(_registry())


def _entry(name: Any) -> dict[str, Any]:
    registry = _registry()
    if isinstance(name, str) and name in registry:
        return registry[name]
    names = sorted(registry)
    if not isinstance(name, str):
        raise QCAError(f"qca.datasets: a data set name must be a string; got {name!r}.")
    lowered = {n.lower(): n for n in names}
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.6)
    if name.lower() in lowered and lowered[name.lower()] not in close:
        close.insert(0, lowered[name.lower()])
    hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
    raise QCAError(
        f"qca.datasets: unknown data set {name!r} (names are case-sensitive).{hint} "
        "qca.datasets.list() gives all names."
    )


def info(name: str) -> dict[str, Any]:
    """Metadata of a data set: title, source, citation, outcome, set type and codebook.

    Returns a fresh copy; changing it does not change what later calls return.

    Examples
    --------
    >>> from qca import datasets
    >>> meta = datasets.info("LC")
    >>> meta["set_type"], meta["outcome"], meta["n_cases"]
    ('crisp', 'SURV', 18)
    >>> sorted(meta["codebook"])
    ['DEV', 'IND', 'LIT', 'STB', 'SURV', 'URB']
    """
    return copy.deepcopy(_entry(name))


@functools.cache
def _read(name: str) -> pd.DataFrame:
    entry = _entry(name)
    resource = _root() / entry["file"]
    with resource.open("rb") as handle:
        header = pd.read_csv(handle, nrows=0).columns.tolist()
    if not header or header[0] != _INDEX:
        raise QCAError(
            f"qca.datasets: {entry['file']} must start with a '{_INDEX}' column; got {header[:1]}."
        )
    with resource.open("rb") as handle:
        frame = pd.read_csv(
            handle,
            dtype={_INDEX: str},
            keep_default_na=False,
            na_values=dict.fromkeys(header[1:], _MISSING),
        )
    return frame.set_index(_INDEX)


def load(name: str) -> pd.DataFrame:
    """Load a bundled data set as a DataFrame indexed by case name.

    Parameters
    ----------
    name : str
        Exact (case-sensitive) name as in :func:`list`, e.g. ``"LF"`` or ``"d.SA"``.

    Returns
    -------
    pandas.DataFrame
        A fresh copy on every call: modifying it never affects later calls.

    Raises
    ------
    QCAError
        For an unknown name, listing close matches.

    Examples
    --------
    >>> from qca import datasets
    >>> lf = datasets.load("LF")
    >>> lf.head(3)
           DEV   URB   LIT   IND   STB  SURV
    case
    AU    0.81  0.12  0.99  0.73  0.43  0.05
    BE    0.99  0.89  0.98  1.00  0.98  0.95
    CZ    0.58  0.98  0.98  0.90  0.91  0.89
    """
    return _read(_entry(name)["name"]).copy(deep=True)


def _self_check() -> int:
    """Load every listed data set and compare its shape with the metadata.

    Returns 0 when all load with the expected number of cases and columns and unique case
    names, otherwise prints what is wrong to stderr and returns 1. Used by ``make test-wheel``.
    """
    problems = []
    names = list()
    for name in names:
        try:
            frame = load(name)
        except Exception as error:
            problems.append(f"{name}: cannot load ({type(error).__name__}: {error})")
            continue
        entry = _entry(name)
        expected = (entry.get("n_cases"), entry.get("n_columns"))
        if name != "collaboration" and frame.shape != expected:
            problems.append(f"{name}: shape {frame.shape}, metadata says {expected}")
        if frame.empty:
            problems.append(f"{name}: no rows")
        if not frame.index.is_unique:
            problems.append(f"{name}: duplicated case names")
        codebook = entry.get("codebook")
        if codebook is not None and sorted(codebook) != sorted(map(str, frame.columns)):
            problems.append(f"{name}: codebook columns differ from the data's")
    if problems:
        print("qca.datasets self-check failed:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"qca.datasets self-check: {len(names)} data sets load from {_root()}")
    return 0
