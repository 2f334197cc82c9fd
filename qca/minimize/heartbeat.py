"""A heartbeat for long minimizations: elapsed time and models found, on a terminal only.

:class:`Heartbeat` is a context manager; while it is open, a daemon thread rewrites one status
line on ``stderr`` every :data:`INTERVAL` seconds once :data:`SHOW_AFTER` seconds have passed,
and erases it at the end. Nothing is written when ``stderr`` is not a terminal (logs, pipes,
notebooks, tests), so stdout and captured output stay clean.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any, TextIO

__all__ = ["INTERVAL", "SHOW_AFTER", "Heartbeat"]

#: Seconds before the first beat: short minimizations print nothing.
SHOW_AFTER = 3.0

#: Seconds between beats.
INTERVAL = 1.0


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Heartbeat:
    """``with Heartbeat("minimize()") as beat: ... beat.found(n)``: show progress on a terminal.

    Parameters
    ----------
    what : str
        What is running, at the start of the line.
    stream : text stream, optional
        Default ``sys.stderr`` (looked up when the heartbeat starts).
    """

    def __init__(self, what: str, stream: TextIO | None = None) -> None:
        self.what = what
        self.stream = stream
        self.models = 0
        self.start = 0.0
        self.shown = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def found(self, n_models: int) -> None:
        """The cover search has found ``n_models`` models so far."""
        self.models = n_models

    def line(self) -> str:
        elapsed = time.monotonic() - self.start
        found = f", {self.models} model(s) found" if self.models else ""
        return f"{self.what}: {elapsed:.0f} s elapsed{found} (Ctrl-C stops)"

    def _beat(self, stream: TextIO) -> None:
        if self._stop.wait(SHOW_AFTER):
            return
        while True:
            stream.write("\r" + self.line() + "\033[K")
            stream.flush()
            self.shown = True
            if self._stop.wait(INTERVAL):
                return

    def __enter__(self) -> Heartbeat:
        self.start = time.monotonic()
        stream = self.stream if self.stream is not None else sys.stderr
        if _is_terminal(stream):
            self.stream = stream
            self._thread = threading.Thread(target=self._beat, args=(stream,), daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            if self.shown and self.stream is not None:
                self.stream.write("\r\033[K")
                self.stream.flush()
