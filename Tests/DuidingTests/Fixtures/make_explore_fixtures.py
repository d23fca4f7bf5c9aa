#!/usr/bin/env python3
"""Expected figures for ExploreTests.swift (duiding explore), computed independently.

The corpus is ten short answers. Next to each text stands its explicit token list, written by
hand: the words as Duiding's matcher folds them (lower case, no diacritics, clitics written out:
M'n -> mijn, 's -> des; hyphens dropped: burn-out -> burnout), split into clauses at . , ; :
The Swift test first checks that Duiding segments the texts into exactly these lists; every
figure below is computed from the lists alone, with scipy for the statistics:

- frequency: counts, docfreq, rank = scipy.stats.rankdata(-frequency, method="min")
  (quanteda's textstat_frequency default: 10, 10, 11 rank 1, 1, 3);
- n-grams: consecutive words of one clause; without stop words, n-grams whose first or last
  word is a stop word are left out;
- collocations: adjacent non-stop-word pairs within a clause, the 2x2 table of each pair over
  all such pairs, lambda = log odds ratio with 0.5 added to each cell (checked against
  scipy.stats.contingency.odds_ratio on the smoothed table), z = lambda / sqrt(sum 1/(n+0.5));
- keyness: per feature the table [[a, b], [A - a, B - b]] (a, b its counts in target and
  reference, A, B all feature counts there); chi2 = scipy.stats.chi2_contingency(correction=True),
  G2 = scipy.stats.power_divergence(lambda_="log-likelihood") against the expected counts,
  p = chi2.sf(G2, 1), both signed negative when a < its expected count;
- kwic: the patterns matched on the token lists by a small matcher here, positions counted over
  the words of the answer from 1; pre/post are the verbatim text between the words found by a
  regular expression on the original text.

Run once, by hand; the output is committed and the Swift tests compare against it (1e-9):

    python3 make_explore_fixtures.py > explore.json
"""
import json
import re
import sys

import numpy as np
import scipy
from scipy.stats import chi2, chi2_contingency, power_divergence, rankdata
from scipy.stats.contingency import expected_freq, odds_ratio

# Snowball's Dutch stop word list (https://snowballstem.org/algorithms/dutch/stop.txt, BSD-3-Clause,
# (c) 2001 Dr Martin Porter, 2002 Richard Boulton).
STOP_WORDS = """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb
hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen
toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons
zelf tegen na reeds wil kon niets uw iemand geweest andere""".split()
STOP = set(STOP_WORDS)

# (id, functie, text, clauses)
CORPUS = [
    ("D01", "raadslid", "Ik ben voorzichtiger geworden. Ik denk twee keer na voordat ik iets post.",
     [["ik", "ben", "voorzichtiger", "geworden"], ["ik", "denk", "twee", "keer", "na", "voordat", "ik", "iets", "post"]]),
    ("D02", "raadslid", "Sinds het incident ben ik voorzichtig op sociale media, en ik post minder.",
     [["sinds", "het", "incident", "ben", "ik", "voorzichtig", "op", "sociale", "media"], ["en", "ik", "post", "minder"]]),
    ("D03", "medewerker", "Een weerbaarheidstraining zou helpen; ik wil graag een training.",
     [["een", "weerbaarheidstraining", "zou", "helpen"], ["ik", "wil", "graag", "een", "training"]]),
    ("D04", "medewerker", "Géén effect. Ik ga gewoon door met mijn werk.",
     [["geen", "effect"], ["ik", "ga", "gewoon", "door", "met", "mijn", "werk"]]),
    ("D05", "wethouder", "Ik ben alerter geworden op Sociale Media en let beter op.",
     [["ik", "ben", "alerter", "geworden", "op", "sociale", "media", "en", "let", "beter", "op"]]),
    ("D06", "medewerker", "De training heb ik al gehad, maar ik ben nog steeds voorzichtig.",
     [["de", "training", "heb", "ik", "al", "gehad"], ["maar", "ik", "ben", "nog", "steeds", "voorzichtig"]]),
    ("D07", "raadslid", "Ik mijd de markt 's avonds en ik post minder op sociale media.",
     [["ik", "mijd", "de", "markt", "des", "avonds", "en", "ik", "post", "minder", "op", "sociale", "media"]]),
    ("D08", "wethouder", "M'n partner maakt zich zorgen; ik slaap slecht, bijna een burn-out. Slecht slapen is het ergste.",
     [["mijn", "partner", "maakt", "zich", "zorgen"], ["ik", "slaap", "slecht"], ["bijna", "een", "burnout"],
      ["slecht", "slapen", "is", "het", "ergste"]]),
    ("D09", "raadslid", "Sociale media laat ik links liggen. Ik post minder en denk twee keer na.",
     [["sociale", "media", "laat", "ik", "links", "liggen"], ["ik", "post", "minder", "en", "denk", "twee", "keer", "na"]]),
    ("D10", "medewerker", "Geen training gehad, wel behoefte aan een training over sociale media.",
     [["geen", "training", "gehad"], ["wel", "behoefte", "aan", "een", "training", "over", "sociale", "media"]]),
]
TARGET = ("functie", "raadslid")
# (pattern, window, matcher over a clause: returns the length of a match starting at i, or None)
GAP = 3


def word(w):
    return lambda clause, i: 1 if clause[i] == w else None


def prefix(p):
    return lambda clause, i: 1 if clause[i].startswith(p) else None


def phrase(*steps):
    """Steps are word tests or the string '*' (a gap of 0..GAP words, as short as possible)."""
    def match(clause, i, k=0):
        if k == len(steps):
            return 0
        if steps[k] == "*":
            for skip in range(GAP + 1):
                if i + skip > len(clause):
                    return None
                rest = match(clause, i + skip, k + 1)
                if rest is not None:
                    return skip + rest
            return None
        if i >= len(clause) or steps[k](clause, i) is None:
            return None
        rest = match(clause, i + 1, k + 1)
        return None if rest is None else 1 + rest
    return lambda clause, i: match(clause, i)


KWIC = [
    ("voorzicht*", 3, phrase(prefix("voorzicht"))),
    ("denk * keer", 2, phrase(word("denk"), "*", word("keer"))),
    ("sociale media", 3, phrase(word("sociale"), word("media"))),
]

WORD_RE = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")


def features(n, keep_stop=False):
    """Per text, the n-grams (tuples) in order."""
    result = []
    for _, _, _, clauses in CORPUS:
        grams = []
        for clause in clauses:
            for i in range(len(clause) - n + 1):
                g = tuple(clause[i:i + n])
                if not keep_stop and (g[0] in STOP or g[-1] in STOP):
                    continue
                grams.append(g)
        result.append(grams)
    return result


def frequency(n, keep_stop=False):
    per_text = features(n, keep_stop)
    counts, docs = {}, {}
    for grams in per_text:
        for g in grams:
            counts[g] = counts.get(g, 0) + 1
        for g in set(grams):
            docs[g] = docs.get(g, 0) + 1
    keys = sorted(counts, key=lambda g: (-counts[g], " ".join(g)))
    ranks = rankdata([-counts[g] for g in keys], method="min")
    return [{"feature": " ".join(g), "frequency": counts[g], "rank": int(r), "docfreq": docs[g]}
            for g, r in zip(keys, ranks)]


def collocations(min_count=2):
    pairs = [g for grams in features(2) for g in grams]
    n = len(pairs)
    counts = {}
    for g in pairs:
        counts[g] = counts.get(g, 0) + 1
    rows = []
    for (a, b), n11 in counts.items():
        if n11 < min_count:
            continue
        n1_ = sum(1 for x, _ in pairs if x == a)
        n_1 = sum(1 for _, y in pairs if y == b)
        table = np.array([[n11, n1_ - n11], [n_1 - n11, n - n1_ - n_1 + n11]], dtype=float)
        smoothed = table + 0.5
        lam = float(np.log(smoothed[0, 0]) - np.log(smoothed[0, 1]) - np.log(smoothed[1, 0]) + np.log(smoothed[1, 1]))
        # The same log odds ratio from scipy (sample odds ratio of the smoothed table, scaled to
        # integers: the ratio does not change when every cell is doubled).
        assert abs(np.log(odds_ratio((smoothed * 2).astype(int), kind="sample").statistic) - lam) < 1e-12
        z = lam / float(np.sqrt((1 / smoothed).sum()))
        rows.append({"collocation": f"{a} {b}", "count": n11, "lambda": lam, "z": z})
    rows.sort(key=lambda r: (-r["z"], -r["count"], r["collocation"]))
    return rows


def keyness(measure):
    per_text = features(1)
    target = [i for i, c in enumerate(CORPUS) if c[1] == TARGET[1]]
    reference = [i for i in range(len(CORPUS)) if i not in target]
    ct, cr = {}, {}
    for i in target:
        for g in per_text[i]:
            ct[g] = ct.get(g, 0) + 1
    for i in reference:
        for g in per_text[i]:
            cr[g] = cr.get(g, 0) + 1
    total_t, total_r = sum(ct.values()), sum(cr.values())
    rows = []
    for g in set(ct) | set(cr):
        a, b = ct.get(g, 0), cr.get(g, 0)
        table = np.array([[a, b], [total_t - a, total_r - b]], dtype=float)
        expected = expected_freq(table)
        if measure == "chi2":
            stat, p, _, _ = chi2_contingency(table, correction=True)
        else:
            stat, _ = power_divergence(table.ravel(), expected.ravel(), lambda_="log-likelihood")
            # Cross-check: chi2_contingency computes the same G2 without correction.
            g2, _, _, _ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
            assert abs(g2 - stat) < 1e-9
            p = chi2.sf(stat, 1)
        sign = -1.0 if a < expected[0, 0] else 1.0
        rows.append({"feature": " ".join(g), "statistic": sign * float(stat), "p": float(p),
                     "n_target": a, "n_reference": b})
    rows.sort(key=lambda r: (-r["statistic"], r["feature"]))
    return {"target": f"{TARGET[0]}={TARGET[1]}", "targetTotal": total_t, "referenceTotal": total_r, "rows": rows}


def kwic():
    out = []
    for pattern, window, match in KWIC:
        rows = []
        for doc_id, _, text, clauses in CORPUS:
            spans = [m.span() for m in WORD_RE.finditer(text)]
            assert len(spans) == sum(len(c) for c in clauses), (doc_id, len(spans))
            offset = 0
            for clause in clauses:
                for i in range(len(clause)):
                    length = match(clause, i)
                    if length:
                        first, last = offset + i, offset + i + length - 1
                        pre = "" if first == 0 else text[spans[max(0, first - window)][0]:spans[first][0]].strip()
                        post = "" if last == len(spans) - 1 else text[spans[last][1]:spans[min(len(spans) - 1, last + window)][1]].strip()
                        rows.append({"docname": doc_id, "from": first + 1, "to": last + 1, "pre": pre,
                                     "keyword": text[spans[first][0]:spans[last][1]], "post": post, "pattern": pattern})
                offset += len(clause)
        out.append({"pattern": pattern, "window": window, "rows": rows})
    return out


def main():
    fixture = {
        "generator": "make_explore_fixtures.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__},
        "stopWords": STOP_WORDS,
        "texts": [{"id": i, "functie": f, "text": t, "clauses": c} for i, f, t, c in CORPUS],
        "frequency": {
            "unigrams": frequency(1),
            "bigrams": frequency(2),
            "trigrams": frequency(3),
            "unigramsWithStopWords": frequency(1, keep_stop=True),
        },
        "collocations": collocations(),
        "keyness": {"chi2": keyness("chi2"), "lr": keyness("lr")},
        "kwic": kwic(),
    }
    json.dump(fixture, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
