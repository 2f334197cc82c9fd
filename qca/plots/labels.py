"""Case labels that do not overlap: a deterministic greedy placement.

Each label is tried at offsets around its point (nearest first, eight directions per ring); the
first position whose box overlaps no label already placed, no other point and stays inside the
axes wins; when none does, the position with the least overlap. Text sizes are estimated from the
font size (0.7 em per character, 1.25 em per line), not measured by a renderer, so that the layout
is the same on every backend and machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["label_boxes_overlap", "place_labels"]

_DIRECTIONS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
_RINGS = (3.0, 9.0, 16.0, 24.0, 34.0)
_MARKER = 3.0  # points: half the size of a case's marker


def _box(px: float, py: float, dx: float, dy: float, w: float, h: float) -> tuple[float, ...]:
    """The label box (x0, y0, x1, y1) in points for an offset (dx, dy) from the point."""
    x0 = px + dx if dx > 0 else (px + dx - w if dx < 0 else px - w / 2)
    y0 = py + dy if dy > 0 else (py + dy - h if dy < 0 else py - h / 2)
    return (x0, y0, x0 + w, y0 + h)


def _overlap(a: Sequence[float], b: Sequence[float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def label_boxes_overlap(boxes: Sequence[Sequence[float]]) -> bool:
    """True when any two boxes (x0, y0, x1, y1) overlap (used by the tests)."""
    return any(_overlap(a, b) > 1e-9 for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def place_labels(
    ax: Axes,
    xs: Sequence[float],
    ys: Sequence[float],
    names: Sequence[str],
    *,
    fontsize: float = 8.0,
    color: str = "#222222",
) -> list[Any]:
    """Write ``names`` next to the points (``xs``, ``ys``) without overlaps; return the texts.

    The axes' limits must be set first (the layout is computed in points from them). Each text is
    an annotation anchored at its point (``text.xy``); labels moved away from their point get a
    thin leader line. The chosen boxes (in points from the axes' lower left corner) are stored on
    the axes as ``ax._qca_label_boxes`` for tests.
    """
    fig: Any = ax.figure
    width_in, height_in = fig.get_size_inches()
    pos = ax.get_position()
    width, height = pos.width * width_in * 72.0, pos.height * height_in * 72.0
    (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()
    points = np.column_stack(
        [
            (np.asarray(xs, dtype=float) - x_lo) / (x_hi - x_lo) * width,
            (np.asarray(ys, dtype=float) - y_lo) / (y_hi - y_lo) * height,
        ]
    )
    markers = [(px - _MARKER, py - _MARKER, px + _MARKER, py + _MARKER) for px, py in points]
    placed: list[tuple[float, ...]] = []
    texts = []
    order = np.lexsort((np.arange(len(names)), -points[:, 1], points[:, 0]))
    for i in order:
        name = names[i]
        lines = name.split("\n")
        w = 0.7 * fontsize * max(len(line) for line in lines) + 1.0
        h = 1.25 * fontsize * len(lines)
        px, py = points[i]
        best: tuple[float, float, float, tuple[float, ...]] | None = None
        for ring in _RINGS:
            for ux, uy in _DIRECTIONS:
                dx, dy = ux * ring, uy * ring
                box = _box(px, py, dx, dy, w, h)
                cost = sum(_overlap(box, other) for other in placed)
                cost += sum(_overlap(box, m) for j, m in enumerate(markers) if j != i)
                outside = max(0.0, -box[0]) + max(0.0, box[2] - width)
                outside += max(0.0, -box[1]) + max(0.0, box[3] - height)
                cost += outside * h * 4
                if best is None or cost < best[0] - 1e-9:
                    best = (cost, dx, dy, box)
                if cost <= 1e-9:
                    break
            if best is not None and best[0] <= 1e-9:
                break
        assert best is not None
        _, dx, dy, box = best
        placed.append(box)
        ha = "left" if dx > 0 else ("right" if dx < 0 else "center")
        va = "bottom" if dy > 0 else ("top" if dy < 0 else "center")
        far = max(abs(dx), abs(dy)) > _RINGS[0]
        texts.append(
            ax.annotate(
                name,
                (float(xs[i]), float(ys[i])),
                xytext=(dx, dy),
                textcoords="offset points",
                fontsize=fontsize,
                color=color,
                ha=ha,
                va=va,
                zorder=5,
                arrowprops={
                    "arrowstyle": "-",
                    "color": "#999999",
                    "linewidth": 0.5,
                    "shrinkA": 0,
                    "shrinkB": 2,
                }
                if far
                else None,
            )
        )
    ax._qca_label_boxes = placed  # type: ignore[attr-defined]
    return texts
