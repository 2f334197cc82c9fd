"""How the anchors of docs/examples/lipset.toml were found: fit e, c, i per condition by least
squares against R's LF, then check the round numbers near the fit.

    python docs/examples/lipset_anchors.py

LF's anchors are not documented (R's help page gives only the crisp cut points). The fit lands
within a few units of round numbers; with those, and Ragin's log odds of +-3 at the outer
anchors (fs/QCA's convention, idm = 1/(1+exp(-3)); R's default is 0.95), LR calibrated and
rounded to two decimals gives LF exactly. tests/test_lipset_anchors.py checks the result.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
from scipy.optimize import least_squares

import qca

ROUND_ANCHORS = {
    "DEV": (400, 550, 900),
    "URB": (25, 50, 65),
    "LIT": (50, 75, 90),
    "IND": (20, 30, 40),
    "STB": (15, 9.5, 5),
    "SURV": (-9, 0, 10),
}
IDM = 1 / (1 + math.exp(-3))


def main() -> None:
    lr = qca.datasets.load("LR")
    lf = qca.datasets.load("LF").loc[lr.index]
    warnings.simplefilter("ignore", qca.exceptions.HalfMembershipWarning)  # while searching
    for column in lr.columns:
        x = lr[column].to_numpy(float)
        y = lf[column].to_numpy(float)
        decreasing = np.corrcoef(x, y)[0, 1] < 0
        low, mid, high = np.quantile(x, [0.1, 0.5, 0.9])
        start = [high, mid, low] if decreasing else [low, mid, high]

        def residuals(anchors: np.ndarray, x: np.ndarray = x, y: np.ndarray = y) -> np.ndarray:
            e, c, i = anchors
            if not (e < c < i or e > c > i):
                return np.full(len(x), 10.0)
            return np.asarray(qca.calibrate(x, thresholds=[e, c, i])) - y

        fitted = least_squares(residuals, start, diff_step=1e-4).x
        rounded = np.asarray(
            qca.calibrate(x, thresholds=list(ROUND_ANCHORS[column]), idm=IDM)
        ).round(2)
        print(
            f"{column:5s} least squares e={fitted[0]:8.2f} c={fitted[1]:8.2f} i={fitted[2]:8.2f}"
            f" | round {ROUND_ANCHORS[column]}, idm={IDM:.5f}, rounded to 2 decimals:"
            f" max |difference to LF| = {np.abs(rounded - y).max():.3f}"
        )


if __name__ == "__main__":
    main()
