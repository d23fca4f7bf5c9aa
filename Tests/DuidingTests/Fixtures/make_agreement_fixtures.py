"""Reference values for Duiding's agreement statistics (run once; needs scikit-learn and
krippendorff from PyPI). Writes agreement.json: Cohen's kappa from
sklearn.metrics.cohen_kappa_score and Krippendorff's alpha (nominal) from
krippendorff.alpha for seeded random cases, with missing values for alpha."""
import json
import random

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

rng = random.Random(20241022)
cases = {"kappa": [], "alpha": []}
for _ in range(12):
    n = rng.randint(8, 60)
    p = rng.uniform(0.1, 0.6)
    flip = rng.uniform(0.0, 0.4)
    a = [1 if rng.random() < p else 0 for _ in range(n)]
    b = [x if rng.random() > flip else 1 - x for x in a]
    if len(set(a)) == 1 and len(set(b)) == 1 and a[0] == b[0]:
        continue  # kappa undefined
    cases["kappa"].append({"a": a, "b": b, "kappa": float(cohen_kappa_score(a, b))})
for _ in range(12):
    coders = rng.randint(2, 4)
    n = rng.randint(8, 50)
    p = rng.uniform(0.1, 0.6)
    truth = [1 if rng.random() < p else 0 for _ in range(n)]
    data = []
    for _c in range(coders):
        row = []
        for t in truth:
            if rng.random() < 0.15:
                row.append(None)  # this coder did not code the unit
            else:
                row.append(t if rng.random() > 0.2 else 1 - t)
        data.append(row)
    matrix = np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)
    alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    # Duiding takes units as rows (one value per coder), the package coders as rows.
    units = [[data[c][u] for c in range(coders)] for u in range(n)]
    cases["alpha"].append({"units": units, "alpha": float(alpha)})
with open("agreement.json", "w") as f:
    json.dump(cases, f, indent=1)
