#!/usr/bin/env python3
"""Validate dev.csv and test.csv of the independent PII evaluation set."""
import csv, json, sys, re, os
from collections import Counter
KINDS = ["email", "telefoon", "postcode", "bsn", "iban", "adres", "naam",
         "woonplaats", "geboortedatum", "kenteken", "account", "indirect"]
MIN = {"dev.csv": 6, "test.csv": 8}
PREFIX = {"dev.csv": "d", "test.csv": "t"}

def bsn_ok(s):
    d = re.sub(r"\D", "", s)
    if len(d) != 9: return False
    w = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return sum(int(a) * b for a, b in zip(d, w)) % 11 == 0

def iban_ok(s):
    s = s.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", s): return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1

def find_nth(text, sub, n):
    i = -1
    for _ in range(n):
        i = text.find(sub, i + 1)
        if i < 0: return -1
    return i

def check(fn):
    errors, warns = [], []
    rows = list(csv.DictReader(open(fn, encoding="utf-8", newline="")))
    kinds = Counter(); pos = neg = 0; ids = set(); texts = set()
    for k, r in enumerate(rows, 1):
        rid = r["id"]
        if rid != f"{PREFIX[fn]}{k:03d}": errors.append(f"{rid}: unexpected id (expected {PREFIX[fn]}{k:03d})")
        if rid in ids: errors.append(f"{rid}: duplicate id")
        ids.add(rid)
        if r["text"] in texts: errors.append(f"{rid}: duplicate text")
        texts.add(r["text"])
        try: spans = json.loads(r["spans"])
        except Exception as e: errors.append(f"{rid}: bad JSON {e}"); continue
        if not isinstance(spans, list): errors.append(f"{rid}: spans not a list"); continue
        pos += bool(spans); neg += not spans
        ranges = []
        for s in spans:
            kd, tx, occ = s.get("kind"), s.get("text"), s.get("occurrence", 1)
            if set(s) - {"kind", "text", "occurrence"}: errors.append(f"{rid}: extra keys {s}")
            if kd not in KINDS: errors.append(f"{rid}: unknown kind {kd!r}")
            if not tx: errors.append(f"{rid}: empty span"); continue
            if tx != tx.strip(): errors.append(f"{rid}: span has outer whitespace {tx!r}")
            i = find_nth(r["text"], tx, occ)
            if i < 0: errors.append(f"{rid}: span {tx!r} (occurrence {occ}) not in text"); continue
            if "occurrence" not in s and r["text"].count(tx) > 1:
                warns.append(f"{rid}: span {tx!r} occurs {r['text'].count(tx)}x, first one meant")
            for a, b, t2 in ranges:
                if i < b and a < i + len(tx): errors.append(f"{rid}: spans overlap {t2!r} / {tx!r}")
            ranges.append((i, i + len(tx), tx))
            kinds[kd] += 1
            if kd == "bsn" and not bsn_ok(tx): errors.append(f"{rid}: BSN {tx} fails 11-check")
            if kd == "iban" and not iban_ok(tx): errors.append(f"{rid}: IBAN {tx} fails mod-97")
    for kd in KINDS:
        if kinds[kd] < MIN[fn]: errors.append(f"kind {kd}: only {kinds[kd]} spans (< {MIN[fn]})")
    print(f"== {fn}: {len(rows)} answers, {pos} with personal data ({pos/len(rows):.0%}), {neg} hard negatives ({neg/len(rows):.0%}), {sum(kinds.values())} spans")
    for kd in KINDS: print(f"   {kd:14s} {kinds[kd]:3d}")
    for w in warns: print("   WARN", w)
    for e in errors: print("   ERROR", e)
    return errors, rows

def main():
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    allerr = []; data = {}
    for fn in ["dev.csv", "test.csv"]:
        if not os.path.exists(fn): allerr.append(f"{fn} missing"); print("ERROR", fn, "missing"); continue
        e, rows = check(fn); allerr += e; data[fn] = rows
    if len(data) == 2:  # independence between sets: no shared answers / span texts
        dspans = {s["text"] for r in data["dev.csv"] for s in json.loads(r["spans"])}
        tspans = {s["text"] for r in data["test.csv"] for s in json.loads(r["spans"])}
        shared = dspans & tspans
        if shared: allerr.append(f"span texts shared between dev and test: {sorted(shared)}"); print("ERROR shared spans", sorted(shared))
        st = {r["text"] for r in data["dev.csv"]} & {r["text"] for r in data["test.csv"]}
        if st: allerr.append("shared answers"); print("ERROR shared answers", st)
    print("OK" if not allerr else f"FAILED ({len(allerr)} errors)")
    sys.exit(1 if allerr else 0)
main()
