#!/usr/bin/env python3
"""Writes the inputs of CodeStreamingTests (seeded, so the files are the same on every run):

code/awkward.csv      a BOM, CRLF line ends, quoted answers with line breaks (LF and CRLF),
                      doubled quotes, commas, emoji, combining accents, blank lines, ids with
                      spaces around them; ids are IDnnnn and no answer holds "ID", so a test can
                      repeat the rows with other ids.
code/late-cp1252.csv  ASCII answers, then (after the first 64 KiB) answers in Windows-1252.

The expected outputs (code/*.expected.csv) were written by `duiding code` of commit 2afcf57,
before `code` streamed: duiding code code/X.csv --codebook Codebooks/agressie-effecten.yml.
"""
import os
import random

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "code")
rng = random.Random(20261201)

parts = [
    "Ik ben voorzichtiger geworden", "ik vermijd sommige wijken", "Ik let beter op wie er binnenkomt",
    "ik slaap er slecht van", "Er is behoefte aan een training over agressie", "ik ben niet voorzichtiger geworden",
    "Ik deel minder op sociale media", "burn-out gekregen", "bv. de raadsvergadering", "'s avonds ga ik niet meer alleen",
    "Ik ben niet bang", "het weer is mooi", "Ik voel me onveilig 😡", "café op de hoek (e\u0301)",
    "hij zei \"pas op\" tegen me", "ik ben waakzamer, alerter", "ik twijfel om me kandidaat te stellen",
    "n.a.v. de bedreiging ben ik gestopt", "geen 🙂 idee", "ik denk twee keer na voor ik iets post",
]
seps = [". ", ", ", "\n", "\r\n", "; ", " - ", "!! ", "\n\n"]


def answer():
    n = rng.randint(1, 4)
    text = parts[rng.randrange(len(parts))]
    for _ in range(n - 1):
        text += seps[rng.randrange(len(seps))] + parts[rng.randrange(len(parts))]
    return text


def field(text):
    if any(c in text for c in ',"\n\r') or rng.random() < 0.2:
        return '"' + text.replace('"', '""') + '"'
    return text


rows = []
for i in range(1, 401):
    rid = f"ID{i:04d}"
    if i % 37 == 0:
        rid = f"  {rid} "
    rows.append(f"{field(rid)},{rng.choice(['gemeente', 'provincie', 'waterschap'])},{field(answer())}\r\n")
    if i % 50 == 0:
        rows.append("\r\n")
with open(os.path.join(here, "awkward.csv"), "wb") as f:
    f.write(b"\xef\xbb\xbf" + "id,group,text\r\n".encode() + "".join(rows).encode("utf-8"))

ascii_parts = [p for p in parts if p.isascii()]
out = "id,text\n"
i = 0
while len(out) < 80_000:
    i += 1
    out += f"L{i},{field(ascii_parts[rng.randrange(len(ascii_parts))])}\n"
body = out.encode("ascii")
for j in range(1, 40):
    body += f"W{j},{field(rng.choice(['café: ik ben voorzichtiger', 'één keer bedreigd, ik vermijd het', 'ik let op, naïef was ik']))}\n".encode("cp1252")
with open(os.path.join(here, "late-cp1252.csv"), "wb") as f:
    f.write(body)
