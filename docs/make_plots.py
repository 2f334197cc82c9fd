"""Draw the figures of docs/plots.md (run from the repository root: python docs/make_plots.py)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import qca

OUT = Path(__file__).parent / "img"
OUT.mkdir(exist_ok=True)


def save(ax_or_fig, name: str, dpi: int = 80) -> None:
    fig = getattr(ax_or_fig, "figure", ax_or_fig)
    fig.savefig(OUT / name, dpi=dpi, bbox_inches="tight")
    plt.close(fig)


lf = qca.datasets.load("LF")
tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
sol = qca.minimize(tt, include="?")
intermediate = qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB")

save(qca.plots.xy_plot("DEV*STB", lf, "SURV", title="DEV*STB -> SURV"), "xy.png")
save(sol.plot_xy("M1", enhanced=True), "xy_enhanced.png")
save(qca.plots.xy_plot("STB", lf, "SURV", relation="necessity", enhanced=True), "xy_necessity.png")
save(qca.plots.xy_plot("DEV*STB", lf, "SURV", jitter=0.02), "xy_jitter.png")
save(qca.plots.xy_matrix(sol, enhanced=True)[0, 0].figure, "xy_matrix.png", dpi=60)
save(qca.plots.venn(tt), "venn_tt.png")
save(qca.plots.venn(sol), "venn_solution.png")
save(qca.plots.configuration_chart(intermediate), "configuration_chart.png", dpi=90)
save(qca.plots.radar("DEV*~IND", list(tt.conditions)), "radar.png")

# seven conditions: crisp random data (a Venn diagram of 128 regions)
rng = np.random.default_rng(1)
names = [f"C{i}" for i in range(1, 8)]
crisp = pd.DataFrame(rng.integers(0, 2, size=(60, 7)), columns=names)
crisp["Y"] = (crisp["C1"] & crisp["C2"]) | crisp["C7"]
save(qca.plots.venn(qca.truth_table(crisp, "Y", incl_cut=0.8), text="row"), "venn_7.png", dpi=110)
