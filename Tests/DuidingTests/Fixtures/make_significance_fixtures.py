#!/usr/bin/env python3
"""Expected values for the significance tests in SignificanceTests.swift.

An independent implementation of what Sources/DuidingAnalysis/Significance.swift computes:
two-proportion z-tests (pooled, statsmodels), Kish's effective sample size for weighted
proportions, and Holm's adjustment (statsmodels.multipletests). Run once, by hand; the output
significance.json is committed and the Swift tests compare against it (tolerance 1e-6):

    pip install statsmodels      # scipy and numpy are needed too
    python3 make_significance_fixtures.py > significance.json
"""
import json
import sys

import numpy as np
import scipy
import statsmodels
from scipy.stats import norm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

ALPHA = 0.05


def side(weights, hits):
    """Weighted proportion and Kish's effective sample size (sum w)^2 / sum w^2."""
    w = np.asarray(weights, dtype=float)
    y = np.asarray(hits, dtype=float)
    n_eff = w.sum() ** 2 / (w ** 2).sum() if (w ** 2).sum() > 0 else 0.0
    p = (w * y).sum() / w.sum() if w.sum() > 0 else 0.0
    return p, n_eff


def ztest(p1, n1, p2, n2):
    """Pooled two-proportion z-test via statsmodels on (effective) counts; None when it cannot
    be computed (an empty side, or both proportions 0 or both 1)."""
    if n1 <= 0 or n2 <= 0:
        return None
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    if pooled <= 0 or pooled >= 1:
        return None
    z, p = proportions_ztest([p1 * n1, p2 * n2], [n1, n2], alternative="two-sided", prop_var=False)
    # Cross-check against the normal distribution directly.
    assert abs(p - 2 * norm.sf(abs(z))) < 1e-12
    return float(z), float(p)


def two_proportion_case(name, group, rest):
    p1, n1 = side(*group)
    p2, n2 = side(*rest)
    result = ztest(p1, n1, p2, n2)
    assert result is not None
    return {
        "name": name,
        "group": {"weights": list(map(float, group[0])), "hits": list(map(bool, group[1]))},
        "rest": {"weights": list(map(float, rest[0])), "hits": list(map(bool, rest[1]))},
        "p1": p1, "n1": n1, "p2": p2, "n2": n2, "z": result[0], "p": result[1],
    }


def unweighted(hits, n):
    return [1.0] * n, [True] * hits + [False] * (n - hits)


rng = np.random.default_rng(20241122)

cases = []
# Unweighted: also checked against statsmodels on the integer counts.
cases.append(two_proportion_case("unweighted 45/100 vs 26/120", unweighted(45, 100), unweighted(26, 120)))
z, p = proportions_ztest([45, 26], [100, 120])
assert abs(z - cases[-1]["z"]) < 1e-12 and abs(p - cases[-1]["p"]) < 1e-12
cases.append(two_proportion_case("unweighted small 3/8 vs 10/40", unweighted(3, 8), unweighted(10, 40)))
cases.append(two_proportion_case("weighted by hand",
                                 ([2.0, 1.0, 0.5, 1.5, 1.0], [True, True, False, False, True]),
                                 ([1.0, 3.0, 1.0, 0.5, 2.0, 1.0], [False, True, False, False, False, True])))
for i, (n_group, n_rest, rate_group, rate_rest) in enumerate([(60, 140, 0.45, 0.30), (200, 390, 0.20, 0.22)]):
    wg = rng.lognormal(0, 0.5, n_group)
    wr = rng.lognormal(0, 0.5, n_rest)
    hg = rng.random(n_group) < rate_group
    hr = rng.random(n_rest) < rate_rest
    cases.append(two_proportion_case(f"weighted random {i + 1}", (wg, hg), (wr, hr)))

holm = []
for pvals in [[0.01, 0.04, 0.03, 0.005], [0.2, 0.001, 0.04, 0.04, 0.9], [0.3]]:
    reject, corrected, _, _ = multipletests(pvals, alpha=ALPHA, method="holm")
    holm.append({"p": pvals, "adjusted": list(map(float, corrected)), "reject": list(map(bool, reject))})

# A whole table: two variables, four codes (code 3 never occurs, so it gets no tests) and the
# row of units with none of the codes. Every group is tested against the other groups of its
# variable; Holm runs over all tests of the table.
n_units = 400
geslacht = rng.choice(["man", "vrouw", "anders"], n_units, p=[0.48, 0.48, 0.04])
ernst = rng.choice(["minder ernstig", "ernstig"], n_units, p=[0.65, 0.35])
weights = np.round(rng.lognormal(0, 0.4, n_units), 3)
rates = {0: lambda g, e: 0.30 + (0.15 if g == "vrouw" else 0) + (0.10 if e == "ernstig" else 0),
         1: lambda g, e: 0.20 + (0.07 if e == "ernstig" else 0),
         2: lambda g, e: 0.12}
codes = [[c for c in range(3) if rng.random() < rates[c](geslacht[i], ernst[i])] for i in range(n_units)]
units = [{"attributes": {"geslacht": str(geslacht[i]), "ernst": str(ernst[i])}, "weight": float(weights[i]),
          "codes": codes[i]} for i in range(n_units)]

cells = []
for variable in ["geslacht", "ernst"]:
    values = sorted({u["attributes"][variable] for u in units})
    for row in [0, 1, 2, 3, None]:
        def hit(u):
            return (row in u["codes"]) if row is not None else not u["codes"]
        for value in values:
            group = [u for u in units if u["attributes"][variable] == value]
            rest = [u for u in units if u["attributes"][variable] != value]
            p1, n1 = side([u["weight"] for u in group], [hit(u) for u in group])
            p2, n2 = side([u["weight"] for u in rest], [hit(u) for u in rest])
            result = ztest(p1, n1, p2, n2)
            if result is None:
                continue
            cells.append({"variable": variable, "group": value, "code": row, "z": result[0], "p": result[1]})
reject, corrected, _, _ = multipletests([c["p"] for c in cells], alpha=ALPHA, method="holm")
for cell, r, adjusted in zip(cells, reject, corrected):
    direction = "higher" if cell["z"] > 0 else "lower"
    cell["pHolm"] = float(adjusted)
    cell["mark"] = direction if cell["p"] <= ALPHA else ""
    cell["markHolm"] = direction if r else ""
flips = [c for c in cells if c["mark"] != c["markHolm"]]
marked = [c for c in cells if c["markHolm"]]
assert flips and marked, "the table case should have cells that Holm keeps and cells it drops"

json.dump({
    "generator": "make_significance_fixtures.py",
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                 "statsmodels": statsmodels.__version__},
    "alpha": ALPHA,
    "twoProportion": cases,
    "holm": holm,
    "table": {"variables": ["geslacht", "ernst"], "codeCount": 4, "units": units, "cells": cells},
}, sys.stdout, indent=1)
print()
