"""Venn diagrams of a truth table or a solution, for 1 to 7 binary conditions.

The shapes: circles for 1-3 sets; for 4-7 sets Edwards' construction (Edwards 2004, *Cogwheels
of the Mind*): the first set is the left half of a square, the second its upper half, the third a
circle at its centre, and set ``k >= 4`` the "cogwheel" ``r(t) = r0 (1 + a_k sin(2^(k-2) t))``
around that circle. Every one of the ``2^n`` intersections is a non-empty connected region (the
tests check it on a fine grid). The regions are drawn as an image of region codes (so that each
is filled exactly, whatever its shape), the sets' outlines as lines on top; each region's label is
written at its deepest point (farthest from any outline).

For a truth table, each region is the truth-table row of that configuration, filled by its
output (1, 0, C, or a remainder) and labelled with its number of cases; for a solution, the
regions covered by each term of the model are filled in the term's colour (R's ``venn()`` of a
solution).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..cases import pick_model
from ..exceptions import QCAError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["MAX_SETS", "region_codes", "region_label_points", "set_outlines", "venn"]

#: The most sets a Venn diagram is drawn for.
MAX_SETS = 7
_R0 = 0.6
_AMPLITUDE = {4: 0.4, 5: 0.2, 6: 0.1, 7: 0.05}
_CIRCLES = {
    1: [((0.0, 0.0), 0.62)],
    2: [((-0.3, 0.0), 0.55), ((0.3, 0.0), 0.55)],
    3: [
        ((0.3 * np.cos(a), 0.3 * np.sin(a)), 0.55)
        for a in (np.pi / 2, np.pi / 2 + 2 * np.pi / 3, np.pi / 2 + 4 * np.pi / 3)
    ],
}
_OUTPUT_COLORS = {"1": "#4d4d4d", "0": "#ffffff", "C": "#bababa", "?": "#f2f2f2"}
_SET_COLORS = ("#d7191c", "#2c7bb6", "#1a9641", "#fdae61", "#7b3294", "#a6611a", "#e7298a")
_TERM_COLORS = ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf")


def _inside(k: int, n: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Whether the points lie in set ``k`` (0-based) of an ``n``-set diagram."""
    if n <= 3:
        (cx, cy), r = _CIRCLES[n][k]
        return np.asarray((x - cx) ** 2 + (y - cy) ** 2 < r * r)
    if k == 0:
        return np.asarray(x < 0)
    if k == 1:
        return np.asarray(y > 0)
    r = np.hypot(x, y)
    if k == 2:
        return np.asarray(r < _R0)
    t = np.arctan2(y, x)
    return np.asarray(r < _R0 * (1 + _AMPLITUDE[k + 1] * np.sin(2 ** (k - 1) * t)))


def set_outlines(n: int, points: int = 720) -> list[np.ndarray]:
    """The outline of each set as an (m, 2) array of points in the square [-1, 1]²."""
    _check_n(n)
    t = np.linspace(0, 2 * np.pi, points + 1)
    outlines = []
    for k in range(n):
        if n <= 3:
            (cx, cy), r = _CIRCLES[n][k]
            outlines.append(np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)]))
        elif k == 0:
            outlines.append(np.array([[0.0, -1.0], [0.0, 1.0]]))
        elif k == 1:
            outlines.append(np.array([[-1.0, 0.0], [1.0, 0.0]]))
        elif k == 2:
            outlines.append(np.column_stack([_R0 * np.cos(t), _R0 * np.sin(t)]))
        else:
            r = _R0 * (1 + _AMPLITUDE[k + 1] * np.sin(2 ** (k - 1) * t))
            outlines.append(np.column_stack([r * np.cos(t), r * np.sin(t)]))
    return outlines


def _check_n(n: int) -> None:
    if not (isinstance(n, (int, np.integer)) and 1 <= n <= MAX_SETS):
        raise QCAError(
            f"venn(): Venn diagrams are drawn for 1 to {MAX_SETS} conditions; got {n!r}."
        )


@lru_cache(maxsize=8)
def region_codes(n: int, resolution: int = 480) -> np.ndarray:
    """The region code of each pixel of the square [-1, 1]² (row 0 at the top): bit ``n-1-k``
    set when the pixel lies in set ``k``, i.e. the code of a configuration whose first condition
    is the most significant bit (``code + 1`` is R's truth-table row id). Read-only."""
    _check_n(n)
    centres = (np.arange(resolution) + 0.5) / resolution * 2 - 1
    x, y = np.meshgrid(centres, centres[::-1])
    code = np.zeros(x.shape, dtype=np.int64)
    for k in range(n):
        code |= _inside(k, n, x, y).astype(np.int64) << (n - 1 - k)
    code.setflags(write=False)
    return code


@lru_cache(maxsize=8)
def region_label_points(n: int, resolution: int = 480) -> np.ndarray:
    """(2^n, 2) array: for each region code, its deepest point (farthest from other regions), in
    the coordinates of the square [-1, 1]²."""
    from scipy import ndimage

    codes = region_codes(n, resolution)
    boundary = np.zeros(codes.shape, dtype=bool)
    boundary[:-1, :] |= codes[:-1, :] != codes[1:, :]
    boundary[1:, :] |= codes[:-1, :] != codes[1:, :]
    boundary[:, :-1] |= codes[:, :-1] != codes[:, 1:]
    boundary[:, 1:] |= codes[:, :-1] != codes[:, 1:]
    boundary[[0, -1], :] = True  # the frame bounds the outer regions
    boundary[:, [0, -1]] = True
    depth = ndimage.distance_transform_edt(~boundary)
    order = np.argsort(codes, axis=None, kind="stable")
    flat_codes = codes.ravel()[order]
    flat_depth = depth.ravel()[order]
    starts = np.searchsorted(flat_codes, np.arange(2**n))
    ends = np.searchsorted(flat_codes, np.arange(2**n), side="right")
    points = np.full((2**n, 2), np.nan)
    for code in range(2**n):
        if ends[code] > starts[code]:
            best = starts[code] + int(np.argmax(flat_depth[starts[code] : ends[code]]))
            row, col = divmod(int(order[best]), resolution)
            points[code] = ((col + 0.5) / resolution * 2 - 1, 1 - (row + 0.5) / resolution * 2)
    points.setflags(write=False)
    return points


def _hex_rgb(color: str) -> np.ndarray:
    return np.array([int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def venn(
    result: Any,
    model: str | int | None = None,
    *,
    ax: Axes | None = None,
    text: str | None = "n",
    fontsize: float | None = None,
    resolution: int = 480,
) -> Axes:
    """Venn diagram of a truth table or of a model of a solution (1 to 7 binary conditions).

    Parameters
    ----------
    result : TruthTable or Solution
        A truth table: each region is filled by its row's output (``1`` dark, ``0`` white,
        ``C`` grey, remainders light grey). A solution: the regions each term of ``model``
        covers are filled in the term's colour (mixed where terms overlap), with a legend.
    model : str or int, optional
        The model of a solution (default the first).
    ax : matplotlib.axes.Axes, optional
    text : {"n", "row", None}
        Written in each region: the number of cases of its row (blank for remainders), the row
        id, or nothing.
    fontsize : float, optional
        Of the region texts (default smaller for more sets).
    resolution : int
        Pixels per side of the region image.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> ax = qca.plots.venn(tt)
    >>> len(ax.texts)  # one text per observed row
    9
    """
    if hasattr(result, "models") and hasattr(result, "truth_table"):
        solution, tt = result, result.truth_table
    elif hasattr(result, "table") and hasattr(result, "conditions"):
        solution, tt = None, result
    else:
        raise QCAError(f"venn(): expected a TruthTable or a Solution; got {type(result).__name__}.")
    if text not in ("n", "row", None):
        raise QCAError(f"venn(): `text` must be 'n', 'row' or None; got {text!r}.")
    conditions = list(tt.conditions)
    n = len(conditions)
    if any(levels != 2 for levels in tt.noflevels):
        raise QCAError(
            "venn(): Venn diagrams are drawn for binary conditions only (no multi-value)."
        )
    _check_n(n)
    codes = region_codes(n, resolution)
    table = tt.table
    output = {int(row) - 1: str(out) for row, out in zip(table.index, table["OUT"])}
    cases = {int(row) - 1: int(k) for row, k in zip(table.index, table["n"])}

    colors = np.tile(_hex_rgb(_OUTPUT_COLORS["?"]), (2**n, 1))
    legend: list[tuple[str, str]] = []
    if solution is None:
        for code, out in output.items():
            colors[code] = _hex_rgb(_OUTPUT_COLORS.get(out, _OUTPUT_COLORS["?"]))
        legend = [(f"OUT = {k}", c) for k, c in _OUTPUT_COLORS.items() if k != "?"]
        legend.append(("remainder", _OUTPUT_COLORS["?"]))
    else:
        chosen = pick_model(solution, model, "venn()")
        colors[:] = 1.0
        configurations = (np.arange(2**n)[:, None] >> np.arange(n - 1, -1, -1)) & 1
        implicants = np.asarray(chosen.implicants)
        for index, term in enumerate(chosen.terms):
            legend.append((term, _TERM_COLORS[index % len(_TERM_COLORS)]))
        covered = np.zeros((2**n, len(chosen.terms)), dtype=bool)
        for index, codes_row in enumerate(implicants):
            covered[:, index] = np.all((codes_row == 0) | (configurations + 1 == codes_row), axis=1)
        for code in range(2**n):
            hits = np.flatnonzero(covered[code])
            if hits.size:
                mixed = np.mean(
                    [_hex_rgb(_TERM_COLORS[h % len(_TERM_COLORS)]) for h in hits], axis=0
                )
                colors[code] = 0.45 * mixed + 0.55  # light tints, the text stays readable
    image = colors[codes]

    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(5.5, 5.5))
    ax.imshow(image, extent=(-1, 1, -1, 1), interpolation="nearest", zorder=0)
    for k, outline in enumerate(set_outlines(n)):
        ax.plot(
            outline[:, 0],
            outline[:, 1],
            color=_SET_COLORS[k],
            linewidth=1.2,
            label=conditions[k],
            zorder=2,
        )
    if n >= 4:
        ax.plot([-1, 1, 1, -1, -1], [-1, -1, 1, 1, -1], color="#444444", linewidth=0.8, zorder=2)
    size = fontsize if fontsize is not None else {1: 10, 2: 10, 3: 9, 4: 8, 5: 7, 6: 5, 7: 3.5}[n]
    points = region_label_points(n, resolution)
    if text is not None:
        for code in range(2**n):
            if text == "n":
                if code not in cases:
                    continue
                label = str(cases[code])
            else:
                label = str(code + 1)
            dark = solution is None and output.get(code) == "1"
            ax.text(
                points[code, 0],
                points[code, 1],
                label,
                ha="center",
                va="center",
                fontsize=size,
                color="white" if dark else "black",
                zorder=3,
            )
    from matplotlib.patches import Patch

    handles = [
        *ax.get_lines()[:n],
        *[Patch(facecolor=c, edgecolor="#666666", label=lab) for lab, c in legend],
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=7,
        frameon=False,
    )
    ax.set_xlim(-1.02, 1.02)
    ax.set_ylim(-1.02, 1.02)
    ax.set_aspect("equal")
    ax.set_axis_off()
    what = f"{chosen.name}: {chosen.expression}" if solution is not None else "truth table"
    ax.set_title(f"{what} ({tt.outcome})", fontsize=9)
    return ax
