#!/usr/bin/env python3
"""Builds evaluation set C (realistic-c.csv) from the two hand-written lists beside it.

effecten.py and ondersteuning.py were each written by a writer who had only the five theme
definitions and a description of the survey: no codebook, no patterns, no other corpus, and
who never ran the tool. They hold (text, gold codes, functie if the text fixes it). This
script only adds the background variables (bestuurslaag, functie where the text leaves it
open, geslacht, ernst) with a fixed seed, a fixed weight per bestuurslaag x functie, and
shuffles the answers of both questions into one order, so that "every second answer" mixes
them. Nothing in the answers or their gold coding is changed here.
"""
import csv
import random
import runpy
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "realistic-c.csv"
THEMES = ["caution", "avoidance", "vigilance", "psych_impact", "training_need"]

LAGEN = {"gemeente": 0.70, "provincie": 0.15, "waterschap": 0.15}
FUNCTIES = {
    "gemeente": {"raadslid": 0.40, "wethouder": 0.15, "burgemeester": 0.05, "medewerker": 0.40},
    "provincie": {"statenlid": 0.45, "gedeputeerde": 0.15, "medewerker": 0.40},
    "waterschap": {"lid algemeen bestuur": 0.40, "lid dagelijks bestuur": 0.15,
                   "dijkgraaf": 0.05, "medewerker": 0.40},
}
# A functie named in the text fixes it (and where it says, the bestuurslaag); anything
# else that names a civil servant's job is a medewerker of a bestuurslaag drawn at random.
NAMED = {
    "raadslid": ("gemeente", "raadslid"), "wethouder": ("gemeente", "wethouder"),
    "burgemeester": ("gemeente", "burgemeester"), "statenlid": ("provincie", "statenlid"),
    "gedeputeerde": ("provincie", "gedeputeerde"),
    "dijkgraaf": ("waterschap", "dijkgraaf"), "ab-lid": ("waterschap", "lid algemeen bestuur"),
    "lid algemeen bestuur": ("waterschap", "lid algemeen bestuur"),
    "lid dagelijks bestuur": ("waterschap", "lid dagelijks bestuur"),
}


def pick(rng, dist):
    keys = list(dist)
    return rng.choices(keys, weights=[dist[k] for k in keys])[0]


def background(rng, functie):
    named = functie.strip().lower()
    if named in NAMED:
        return NAMED[named]
    if named:
        return pick(rng, LAGEN), "medewerker"
    laag = pick(rng, LAGEN)
    return laag, pick(rng, FUNCTIES[laag])


def weights(rng):
    return {(laag, f): round(rng.uniform(0.6, 1.6), 3) for laag in FUNCTIES for f in FUNCTIES[laag]}


def main():
    answers = []
    for vraag in ("effecten", "ondersteuning"):
        for text, codes, functie in runpy.run_path(str(HERE / f"{vraag}.py"))["ANSWERS"]:
            gold = [c for c in codes.split(";") if c]
            assert set(gold) <= set(THEMES), (text, codes)
            assert text.strip(), "empty answer"
            answers.append((vraag, text, ";".join(t for t in THEMES if t in gold), functie))
    # Fillers such as "weet ik niet" occur in both lists, as in any survey; only those repeat.
    texts = [a[1] for a in answers]
    duplicates = [t for t, n in Counter(texts).items() if n > 1]
    assert all(len(t.split()) <= 3 and not g for t in duplicates
               for _, u, g, _ in answers if u == t), duplicates

    rng = random.Random(20261202)
    weight = weights(rng)
    rng.shuffle(answers)
    rows = []
    for n, (vraag, text, gold, functie) in enumerate(answers, start=1):
        laag, functie = background(rng, functie)
        p_ernstig = 0.6 if "psych_impact" in gold else 0.4
        rows.append({
            "id": f"C{n:04d}", "bestuurslaag": laag, "functie": functie,
            "geslacht": pick(rng, {"man": .50, "vrouw": .42, "anders": .02, "": .06}),
            "ernst": "ernstig" if rng.random() < p_ernstig else "minder ernstig",
            "weight": weight[(laag, functie)], "vraag": vraag, "text": text, "handcodering": gold,
        })
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    print(f"{len(rows)} answers -> {OUT.name}")
    for vraag in ("effecten", "ondersteuning"):
        part = [r for r in rows if r["vraag"] == vraag]
        counts = Counter(c for r in part for c in r["handcodering"].split(";") if c)
        print(vraag, len(part), {t: counts[t] for t in THEMES},
              "none", sum(1 for r in part if not r["handcodering"]),
              "several", sum(1 for r in part if ";" in r["handcodering"]))


if __name__ == "__main__":
    main()
