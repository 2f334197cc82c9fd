"""Read-only access to the frames a result keeps: one rule for every result class."""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["FrameCopy"]


class FrameCopy:
    """A result's frame attribute: the frame kept in ``_<name>``, handed out as a copy.

    The copy is pandas' Copy-on-Write shallow copy: cheap (no data is copied until written), and a
    write to it never reaches the result. Assigning the attribute itself raises, as the result
    classes are frozen.
    """

    def __init__(self, doc: str) -> None:
        self.__doc__ = doc
        self._private = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._private = f"_{name}"

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        frame: pd.DataFrame = getattr(obj, self._private)
        return frame.copy(deep=False)
