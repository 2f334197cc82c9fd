"""The ``qca`` command line.

Each subcommand is registered by a ``_add_<name>(subparsers)`` function listed in ``_REGISTRY``;
it sets ``handler`` to a ``_run_<name>(args) -> int`` function. ``--json`` output follows the
versioned schema documented in ``docs/cli.md`` (``SCHEMA_VERSION``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .exceptions import QCAError

__all__ = ["main", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1


def _emit_json(kind: str, payload: dict[str, Any]) -> None:
    """Print ``payload`` wrapped in the versioned envelope ``{"schema", "schema_version", ...}``."""
    document = {"schema": f"qca.{kind}", "schema_version": SCHEMA_VERSION, **payload}
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False, default=_json_default)
    sys.stdout.write("\n")


def _json_default(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, (np.ndarray, tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _add_demo(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help="run the bundled example analysis and say where its output is")
    parser.set_defaults(handler=_run_demo)


def _run_demo(args: argparse.Namespace) -> int:
    import qca

    print(f"qca {qca.__version__}: the demo analysis is not available yet in this build.")
    return 0


_REGISTRY: list[Callable[[argparse._SubParsersAction], None]] = [_add_demo]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qca", description="Qualitative Comparative Analysis.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in _REGISTRY:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except QCAError as error:
        print(f"qca {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
