"""Robustness and coding uncertainty: how far a QCA result can be trusted.

Usage::

    import qca
    lr = qca.datasets.load("LR")                      # raw Lipset data
    result = qca.robustness(
        lr, "SURV", ["DEV", "URB", "LIT", "IND", "STB"],
        calibration={"DEV": {"thresholds": {"e": 350, "c": 550, "i": 850}}, ...},
        incl_cut=0.8,                                   # the base analysis ...
        anchors={"DEV": {"c": [500, 550, 600]}},        # ... and its perturbations
        incl_cuts={"from": 0.7, "to": 0.9, "by": 0.05},
        leave_one_out=True,                             # also leave_group_out="source", bootstrap=100
        leave_condition_out=False,
        coding={("AU", "STB"): [9, 11]},                # or interval/set/NaN cells in the data
        cross=True,                                     # every combination (False: one at a time)
        n_jobs=2,                                       # or backend="dask" / a dask Client
    )
    result.robust_core, result.term_frequency, result.sensitivity, result.figures
    result.to_frame()          # one row per variant
    result.to_dict()           # every figure, JSON-ready, byte-identical across backends
    result.plot("terms"); result.plot("heatmap", x="incl_cut", y="DEV.c"); result.plot("core")

Modules: :mod:`~qca.robustness.spec` (arguments, variants), :mod:`~qca.robustness.engine` (the
sweep, cheap variants, backends), :mod:`~qca.robustness.figures` (Oana & Schneider's figures),
:mod:`~qca.robustness.result` (:class:`RobustnessResult`), :mod:`~qca.robustness.plots`.
"""

from __future__ import annotations

from .figures import RobustnessFigures, robustness_figures
from .result import RobustnessResult
from .sweep import robustness

__all__ = ["RobustnessFigures", "RobustnessResult", "robustness", "robustness_figures"]
