"""Random QCA problems for the differential test against R QCA 3.25 (tests/test_reference_random.py).

Usage: python make_problems.py OUT.json [N] [SEED]

Each problem is seeded (``seed`` = SEED * 100000 + index) and independent of the others: crisp,
multi-value (3-4 levels on some conditions) or fuzzy data (3-7 conditions, 8-60 cases, duplicated
cases, fuzzy scores of exactly 0.5 now and then), an outcome built from a random sum of products
plus noise (crisp or fuzzy, sometimes negated), and varied options for truthTable() (one or two
inclusion cuts, n.cut, pri.cut, sort.by), minimize() (include, dir.exp, exclude, row.dom, all.sol,
first.min, pi.cons), superSubset() (relation, cut-offs, depth), pof() of random expressions and of
random models. make_random.R runs them in R.
"""

from __future__ import annotations

import json
import sys

import numpy as np

# not "INF": R reads that name as the number Inf in pof() ("does not match the set names")
NAMES = ["AGE", "BUD", "COR", "DEM", "EDU", "FED", "GOV", "HEA", "ISL", "JOB"]


def _levels(rng: np.random.Generator, set_type: str, k: int) -> list[int]:
    if set_type != "mv":
        return [2] * k
    levels = [2] * k
    for j in rng.choice(k, size=int(rng.integers(1, min(3, k) + 1)), replace=False):
        levels[int(j)] = int(rng.integers(3, 5))
    return levels


def _fuzzy(rng: np.random.Generator, n: int) -> np.ndarray:
    x = np.round(rng.beta(0.7, 0.7, size=n), 2)
    if rng.random() < 0.3:  # exact 0.5 now and then
        x[rng.integers(0, n)] = 0.5
    return x


def _term(rng: np.random.Generator, levels: list[int]) -> list[tuple[int, list[int]]]:
    k = len(levels)
    size = int(rng.integers(1, min(3, k) + 1))
    out = []
    for j in sorted(rng.choice(k, size=size, replace=False).tolist()):
        m = levels[j]
        if m == 2:
            out.append((j, [int(rng.integers(0, 2))]))
        else:
            picks = sorted(rng.choice(m, size=int(rng.integers(1, m)), replace=False).tolist())
            out.append((j, picks))
    return out


def _write_term(term: list[tuple[int, list[int]]], names: list[str], levels: list[int]) -> str:
    parts = []
    multivalue = any(m > 2 for m in levels)  # R wants every condition in brackets then
    for j, picks in term:
        if levels[j] == 2 and not multivalue:
            parts.append(names[j] if picks == [1] else "~" + names[j])
        else:
            parts.append(f"{names[j]}[{','.join(map(str, picks))}]")
    return "*".join(parts)


def _sum(rng: np.random.Generator, levels: list[int], names: list[str], count: int) -> str:
    terms = dict.fromkeys(_write_term(_term(rng, levels), names, levels) for _ in range(count))
    return " + ".join(terms)


def _membership(term, values: np.ndarray, levels: list[int]) -> np.ndarray:
    out = np.ones(values.shape[0])
    for j, picks in term:
        col = values[:, j]
        if levels[j] == 2:
            x = col if picks == [1] else 1 - col
        else:
            x = np.isin(col, picks).astype(float)
        out = np.minimum(out, x)
    return out


def problem(index: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    set_type = ["crisp", "mv", "fuzzy"][index % 3]
    k = int(rng.integers(3, 8))
    n = int(rng.integers(8, 61))
    names = [str(x) for x in rng.choice(NAMES, size=k, replace=False)]
    levels = _levels(rng, set_type, k)
    base = max(4, n - int(rng.integers(0, n // 2 + 1)))  # duplicates: n - base copies
    cols = []
    for j in range(k):
        if set_type == "fuzzy" and not (j == k - 1 and rng.random() < 0.15):
            cols.append(_fuzzy(rng, base))
        else:
            col = rng.integers(0, levels[j], size=base).astype(float)
            col[int(rng.integers(0, base))] = levels[j] - 1  # every level of the data is seen
            cols.append(col)
    values = np.column_stack(cols)
    if set_type == "fuzzy":
        levels = [2] * k
    values = values[np.sort(rng.integers(0, base, size=n))] if n > base else values[:n]
    values = np.vstack([values, values[rng.integers(0, len(values), size=n - len(values))]])
    terms = [_term(rng, levels) for _ in range(int(rng.integers(1, 4)))]
    y = np.max([_membership(t, values, levels) for t in terms], axis=0)
    fuzzy_outcome = set_type == "fuzzy" or rng.random() < 0.2
    if fuzzy_outcome:
        y = np.clip(np.round(0.7 * y + 0.3 * rng.random(n), 2), 0, 1)
    else:
        flip = rng.random(n) < rng.choice([0, 0.1, 0.2])
        y = np.where(flip, 1 - np.round(y), np.round(y))
    outcome = "~Y" if rng.random() < 0.2 else "Y"
    if rng.random() < 0.35:
        ic1 = float(rng.choice([0.75, 0.8, 0.85, 0.9, 1]))
        incl_cut: float | list[float] = [ic1, float(rng.choice([0.5, 0.6, 0.7]))]
    else:
        incl_cut = float(rng.choice([0.75, 0.8, 0.85, 0.9, 0.95, 1]))
    tt = {
        "incl_cut": incl_cut,
        "n_cut": int(rng.choice([1, 1, 1, 2, 3])),
        "pri_cut": float(rng.choice([0, 0, 0, 0.5, 0.6])),
        "sort_by": [["incl", "n"], ["n"], ["incl"], ["OUT", "incl"]][int(rng.integers(0, 4))]
        if rng.random() < 0.3
        else None,
    }
    n_rows = int(np.prod(levels))
    runs = [{"include": ""}, {"include": "?"}]
    extra = {"include": "?"}
    r = rng.random()
    if r < 0.25:
        extra["dir_exp"] = [
            names[j] if n_rows == 2**k else f"{names[j]}[{','.join(map(str, range(1, levels[j])))}]"
            for j in range(k)
        ]
    elif r < 0.5:
        dirs = []
        for j in range(k):
            c = rng.integers(0, 3)
            if c == 2:
                continue
            if n_rows == 2**k:
                dirs.append(names[j] if c == 0 else "~" + names[j])
            else:
                picks = sorted(
                    rng.choice(
                        levels[j], size=int(rng.integers(1, levels[j])), replace=False
                    ).tolist()
                )
                dirs.append(f"{names[j]}[{','.join(map(str, picks))}]")
        if dirs:
            extra["dir_exp"] = dirs
    if rng.random() < 0.25:
        extra["exclude"] = sorted(
            {int(x) for x in rng.integers(1, n_rows + 1, size=int(rng.integers(1, 4)))}
        )
    if rng.random() < 0.25:
        extra["row_dom"] = True
    if rng.random() < 0.2:
        extra["all_sol"] = True
    elif rng.random() < 0.15:
        extra["first_min"] = True
    if "dir_exp" not in extra and rng.random() < 0.15:
        extra["pi_cons"] = float(rng.choice([0.7, 0.75, 0.8]))
    if extra.get("all_sol") and "dir_exp" in extra and k >= 6:
        del extra["all_sol"]  # R's C code runs for minutes there, past any time limit
    if len(extra) > 1:
        runs.append(extra)
    nec = {
        "relation": "sufficiency" if rng.random() < 0.2 else "necessity",
        "incl_cut": float(rng.choice([0.75, 0.8, 0.9, 1])),
        "cov_cut": float(rng.choice([0, 0.5, 0.6])),
        "ron_cut": float(rng.choice([0, 0, 0.5])),
        # R's superSubset takes tens of seconds on 6-7 fuzzy conditions at depth 3 and more
        "depth": int(rng.integers(1, 3))
        if k >= 5
        else int(rng.integers(1, 4))
        if rng.random() < 0.4
        else None,
    }
    pof = list(dict.fromkeys(_write_term(_term(rng, levels), names, levels) for _ in range(3)))
    pof.append(_sum(rng, levels, names, 2))
    models = [_sum(rng, levels, names, int(rng.integers(2, 4)))]
    rows = [[*map(float, row), float(v)] for row, v in zip(values, y)]
    rows = [[int(x) if x == int(x) and (set_type != "fuzzy") else x for x in row] for row in rows]
    return {
        "id": f"rand{index:04d}",
        "kind": "random",
        "seed": seed,
        "set_type": set_type,
        "conditions": names,
        "outcome": outcome,
        "data": {
            "columns": [*names, "Y"],
            "case_names": [f"c{i + 1}" for i in range(n)],
            "rows": rows,
        },
        "truth_table_params": tt,
        "minimize": runs,
        "necessity": nec,
        "pof": {
            "relation": "necessity" if rng.random() < 0.5 else "sufficiency",
            "expressions": pof,
        },
        "fit": models,
    }


def main() -> None:
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    problems = [problem(i, seed * 100000 + i) for i in range(count)]
    with open(out, "w") as f:
        json.dump({"generator": "make_problems.py", "seed": seed, "problems": problems}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
