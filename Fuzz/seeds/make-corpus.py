#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into Fuzz/corpus/<target>/: small real inputs
from Corpora/, Tests/DuidingTests/Fixtures/ and Codebooks/, and hand-made tricky ones (NUL
bytes, CR-only lines, byte-order marks, Windows-1252, unterminated quotes, long fields kept
small in bytes). Run from anywhere; SPSS seeds come from make-sav.c (see there)."""
import subprocess
import io
import pathlib
import zipfile

root = pathlib.Path(__file__).resolve().parents[2]
corpus = root / "Fuzz" / "corpus"
fixtures = root / "Tests" / "DuidingTests" / "Fixtures"


def put(target, name, data):
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (folder / name).write_bytes(data)


def head(path, lines):
    return b"".join(path.read_bytes().splitlines(keepends=True)[:lines])


# --- csv ---------------------------------------------------------------------------------
put("csv", "antwoorden-head.csv", head(root / "Corpora/antwoorden.csv", 25))
put("csv", "heldout-head.csv", head(root / "Corpora/heldout/heldout.csv", 15))
put("csv", "semicolon.csv", "id;text;geslacht\r\nR1;\"voorzichtig; heel\";vrouw\r\nR2;niets;man\r\n")
put("csv", "tab.tsv", "id\ttext\tweight\nR1\tik let op\t1.5\nR2\t\"met\ttab\"\t0.5\n")
put("csv", "bom.csv", b"\xef\xbb\xbfid,text\nR1,caf\xc3\xa9\n")
put("csv", "utf16-bom.csv", b"\xff\xfei\x00d\x00,\x00t\x00\n\x00")
put("csv", "windows-1252.csv", b"id;text\nR1;caf\xe9 \x80 \x93geen\x94 \x85\nR2;na\xefef\n")
put("csv", "mixed-encodings.csv", b"id,text\nR1,caf\xc3\xa9\nR2,caf\xe9\n")
put("csv", "quoted-newlines.csv", 'id,text\n1,"regel een\nregel twee, met komma"\n2,"hij zei ""nee"""\n3,gewoon\n')
put("csv", "unterminated-quote.csv", 'id,text\n1,"nooit gesloten\n2,verder\n')
put("csv", "text-after-quote.csv", 'id,text\n1,"a"b,c\n2,"x"\n3,5" scherm\n')
put("csv", "recovery-after-closing-quote.csv", b'id,te\rt\n1,"b"\xe1,c\n1,"\n"x53," scherm\nc\n1,"\n"x53," scherm\n')
put("csv", "cr-only.csv", "id,text\r1,een\r2,twee\r")
put("csv", "crlf.csv", "id,text\r\n1,een\r\n2,\"twee\r\nregels\"\r\n")
put("csv", "nul-bytes.csv", b"id,text\n1,voor\x00zichtig\n2,\x00\n")
put("csv", "empty-and-duplicate-columns.csv", "id,,text,id\n1,2,3,4\n")
put("csv", "header-only.csv", "id,text\n")
put("csv", "blank-lines.csv", "id,text\n\n1,een\n   \n\n2,twee")
put("csv", "ragged.csv", "id,text,extra\n1,een\n2,twee,drie,vier\n")
put("csv", "long-field.csv", "id,text\n1," + "voorzichtiger " * 300 + "\n")
put("csv", "many-rows.csv", "id,text\n" + "".join(f"R{i},a\n" for i in range(400)))
put("csv", "quote-in-header.csv", '"id","te""xt"\n1,2\n')

# --- interview ---------------------------------------------------------------------------
for path in sorted((root / "Corpora/interviews").glob("*.txt")):
    put("interview", path.name, path.read_bytes())
put("interview", "crlf.txt", "organisatie: Gemeente\r\ninterviewer: Int\r\n\r\nInt: Vraag?\r\nAnne: Antwoord\r\nnog een regel\r\n")
put("interview", "two-interviewers.txt", "interviewer: Int, Co\nfunctie: raadslid\n\nInt: Hoe gaat het?\nCo: En verder?\nDe Vries: Ik ben voorzichtiger.\n")
put("interview", "no-interviewer.txt", "organisatie: X\n\nA: tekst\n")
put("interview", "no-header.txt", "Int: Vraag\nB: Antwoord\n")
put("interview", "label-punctuation.txt", "interviewer: Int\n\nInt: Vraag\nMevr. (wethouder): Ja.\nD'Hondt: Nee.\nR-2: Misschien: ja.\n")
put("interview", "text-before-turn.txt", "interviewer: Int\n\nzomaar tekst\nInt: Vraag\n")
put("interview", "cr-only.txt", "interviewer: Int\r\rInt: Vraag\rB: Antwoord\r")
# The same target reads the bytes as subtitles and as pandoc's JSON of a document too.
for path in sorted((root / "Tests/DuidingTests/Fixtures/interviews").glob("*.[sv][rt][tt]")):
    put("interview", path.name, path.read_bytes())
put("interview", "two-voices.vtt", "WEBVTT\n\nNOTE interviewer: Int\n\n00:01.000 --> 00:02.000\n<v Int>Vraag?</v>\n<v B>Ja &amp; nee.\n")
put("interview", "broken-times.srt", "1\n00:00:05,000 --> 00:00:01,000\nInt: Vraag\n")
put("interview", "pandoc.json", subprocess.run(["pandoc", "--from", "docx", "--to", "json",
                                               str(root / "Tests/DuidingTests/Fixtures/interviews/griffier.docx")],
                                              check=True, capture_output=True).stdout)
put("interview", "nul.txt", b"interviewer: Int\n\nInt: Vraag\nB: Ant\x00woord\n")
put("interview", "bom.txt", b"\xef\xbb\xbfinterviewer: Int\n\nInt: Vraag\nB: Antwoord\n")
put("interview", "unicode-lines.txt", "interviewer: Int\u2028\nInt: Vraag\u0085B: Antwoord\u2029\nÉmile: Ja\n")

# --- codebook ------------------------------------------------------------------------------
put("codebook", "agressie-effecten.yml", (root / "Codebooks/agressie-effecten.yml").read_bytes()[:8000])
put("codebook", "minimal.yml", """name: Voorbeeld
language: nl
version: 1
description: Twee codes om mee te beginnen.
negation:
  cues: [niet, geen, nooit]
  window: 3
  after:
    cues: [niets, niemand]
    window: 1
  scope_breakers: [maar, omdat, wel]
defaults:
  gap: 3
codes:
  - id: caution
    label: Voorzichtigheid
    description: De respondent is voorzichtiger geworden.
    include:
      - {pattern: voorzicht*, fuzzy: true}
      - denk|denken|dacht * keer|maal na
    exclude:
      - politie|gemeente|organisatie * voorzicht*
  - id: training_need
    label: Behoefte aan training
    include: [training*, training+, cursus+, ~trainen]
    exclude:
      - training*|cursus* * gehad|gevolgd
      - {pattern: geen * behoefte, negatable: false, gap: 2}
""")
put("codebook", "english.yml", "language: en\ncodes:\n  - id: a\n    include: [~careful, 'e.g. *  x']\n")
put("codebook", "unknown-language.yml", "language: xx\ncodes:\n  - id: a\n    include: [~stem, woord]\n")
put("codebook", "errors.yml", "codes:\n  - id: Bad Id\n    include: [\"* a\", \"a * * b\", vo*, \"|\", ~, a*b]\n    fuzzy: ja\n  - id: x\n    unknown: 1\n  - id: x\n")
put("codebook", "anchors.yml", "defaults: &d {fuzzy: true}\ncodes:\n  - &c {id: a, include: [alert*]}\n  - {id: b, include: *x}\n")
put("codebook", "escapes.yml", 'name: "tab\\tnl\\ndel\\x7Fnel\\x85ls\\u2028bom\\uFEFF"\ncodes:\n  - id: "-"\n    label: "\\x00\\x1F \\u00e9"\n    description: \'it\'\'s\'\n    include: ["m\'n", "\\u2019t"]\n')
put("codebook", "line-separator-in-label.yml", 'codes: [{id: a, label: "a\\Lb\\Nc\\Pd"}]\n')
put("codebook", "flow.yml", "{codes: [{id: a, label: A, include: [{pattern: 'op * hoede', gap: 20}]}], negation: {cues: [niet], window: 10}}")
put("codebook", "not-utf8.yml", b"codes:\n  - id: a\n    label: caf\xe9\n")
put("codebook", "tabs-and-duplicates.yml", "codes:\n\t- id: a\ncodes: []\n")
put("codebook", "deep.yml", "codes: " + "[" * 60 + "]" * 60 + "\n")
put("codebook", "empty.yml", "")

# --- pattern: line 1 the pattern, line 2 options (f fuzzy, n not negatable, digit gap), rest an answer
for i, p in enumerate(["voorzicht*", "denk|denken|dacht * keer|maal na", "~voorzichtig", "training+", "m'n", "’t", "op * hoede",
                       "a|", "* x", "x *", "x * * y", "vo*", "a*b", "~", "+", "bv.", "n.a.v.", "burn-out", "é", "😀", "\u0000",
                       "wel|niet * bang"]):
    put("pattern", f"p{i:02}.txt", f"{p}\n{'fn'[i % 2]}{i % 10}\nIk ben niet meer voorzichtiger, ik denk nu twee keer na, {p}.")

# --- qdc -----------------------------------------------------------------------------------
for name in ["atlasti-23.4.0.qdc", "taguette.qdc"]:
    put("qdc", name, (fixtures / "exchange" / name).read_bytes())
put("qdc", "duiding.qdc", """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Duiding">
 <Codes>
  <Code guid="A" name="Voorzichtigheid" isCodable="true">
   <Description>Tekst&#13;

[duiding]
id: caution
include: "voorzicht*"
include: {pattern: "denk * na", fuzzy: true, gap: 2}
exclude: {pattern: "politie * voorzicht*", negatable: false}</Description>
   <Code guid="B" name="Kind" color="#FF0000" isCodable="false"><Code guid="C" name="Kleinkind é"/></Code>
  </Code>
  <Code guid="D" name="caution"/>
  <Code guid="E" name=""/>
 </Codes>
 <Sets><Set name="S"><MemberCode guid="A"/><MemberCode targetGUID="C"/></Set></Sets>
</CodeBook>
""")
put("qdc", "utf-16-without-bom.qdc", '<?xml version="1.0"?><a/>'.encode("utf-16-le"))
put("qdc", "broken.qdc", "<CodeBook><Codes><Code name='a'></Codes></CodeBook>")
put("qdc", "no-name.qdc", "<CodeBook xmlns='urn:QDA-XML:codebook:1.0'><Codes><Code guid='x'/></Codes></CodeBook>")
put("qdc", "entities.qdc", '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><CodeBook><Codes><Code name="&b;&#0;"/></Codes></CodeBook>')

# --- qdpx (project.qde) ---------------------------------------------------------------------
for name in ["maxqda-24-excerpt.qde", "requal-test-project.qde"]:
    put("qdpx", name, (fixtures / "exchange" / name).read_bytes())
duiding_qde = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Duiding">
 <Users><User guid="U1" name="anna"/><User guid="U2" name=" "/></Users>
 <CodeBook><Codes><Code guid="C1" name="Voorzichtigheid" isCodable="true"><Description>[duiding]
id: caution
include: "voorzicht*"</Description></Code><Code guid="C2" name="Ander"/></Codes></CodeBook>
 <Variables><Variable guid="V1" name="geslacht" typeOfVariable="Text"><Description>Geslacht</Description></Variable></Variables>
 <Cases><Case guid="K1" name="R1"><VariableValue><VariableRef targetGUID="V1"/><TextValue>vrouw</TextValue></VariableValue><SourceRef targetGUID="S1"/></Case></Cases>
 <Sources>
  <TextSource guid="S1" name="R1" plainTextPath="internal://Ik ben voorzichtiger 😀 geworden.">
   <PlainTextSelection guid="P1" startPosition="7" endPosition="19" creatingUser="U1"><Coding guid="G1"><CodeRef targetGUID="C1"/></Coding><NoteRef targetGUID="N1"/></PlainTextSelection>
   <PlainTextSelection guid="P2" startPosition="0" endPosition="99"><Coding guid="G2"><CodeRef targetGUID="C2"/></Coding></PlainTextSelection>
   <Coding guid="G3" creatingUser="U2"><CodeRef targetGUID="C9"/></Coding>
  </TextSource>
  <TextSource guid="S2" name="R1"><PlainTextContent>Eerste&#13;
tweede</PlainTextContent><NoteRef targetGUID="N2"/></TextSource>
  <TextSource guid="S3" name="R3" plainTextPath="relative://nergens.txt"/>
  <PictureSource guid="S4" name="foto"/>
 </Sources>
 <Notes><Note guid="N1" creatingUser="U1"><PlainTextContent>memo</PlainTextContent></Note><Note guid="N2" plainTextPath="internal://memo 2"/><Note guid="N3"/></Notes>
</Project>
"""
put("qdpx", "duiding.qde", duiding_qde)
put("qdpx", "wrong-root.qde", "<CodeBook xmlns='urn:QDA-XML:codebook:1.0'/>")
put("qdpx", "mismatched.qde", "<Project><Sources></Project>")
put("qdpx", "not-utf8-source.qde", b"<Project><Sources><TextSource guid='S' plainTextPath='internal://caf\xc3\xa9'/></Sources></Project>")

# --- qdpx-zip ------------------------------------------------------------------------------
def archive(entries, method=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data, compress_type=method)
    return buffer.getvalue()

maxqda = (fixtures / "exchange" / "maxqda-24-excerpt.qde").read_bytes()
maxqda_text = (fixtures / "exchange" / "maxqda-24-excerpt-C5E4C960-5296-4FDE-8C63-DEABA4E17F92.txt").read_bytes()
put("qdpx-zip", "maxqda.qdpx", archive([("project.qde", maxqda), ("sources/C5E4C960-5296-4FDE-8C63-DEABA4E17F92.txt", maxqda_text)]))
put("qdpx-zip", "requal-stored.qdpx", archive([("project.qde", (fixtures / "exchange" / "requal-test-project.qde").read_bytes()),
                                                ("doc1.txt", "This is the content of the first document.")], zipfile.ZIP_STORED))
zip_qde = duiding_qde.replace('plainTextPath="internal://Ik ben voorzichtiger 😀 geworden."', 'plainTextPath="internal://S1.txt"')
put("qdpx-zip", "duiding.qdpx", archive([("project.qde", zip_qde), ("sources/S1.txt", "Ik ben voorzichtiger 😀 geworden.\r\n"),
                                          ("sources/", b""), ("other/Project.QDE", b"<x/>")]))
put("qdpx-zip", "no-qde.qdpx", archive([("readme.txt", "geen project")]))
put("qdpx-zip", "truncated.qdpx", archive([("project.qde", maxqda)])[:300])
put("qdpx-zip", "not-a-zip.qdpx", "PK\x03\x04 nope")

# --- matcher: UTF-16LE text (lone surrogates allowed) -----------------------------------------
import csv
with open(root / "Corpora/antwoorden.csv", encoding="utf-8") as f:
    answers = [row["text"] for row in csv.DictReader(f)]
for i, text in enumerate(answers[:12]):
    put("matcher", f"answer-{i:02}.utf16", text.encode("utf-16-le"))
for name, text in {
    "negation": "Ik ben niet bang, maar wel voorzichtiger geworden. Ik vermijd niets; ik mijd niemand.",
    "clitics-abbreviations": "M'n partner vindt 't eng, 's avonds ga ik bv. n.a.v. incidenten i.p.v. alleen met z'n tweeën.",
    "compounds-hyphens": "weerbaarheidstraining, burn-out, voorlichtings- of trainingsbehoefte, 2000-gebieden, 06-12345678",
    "markup": "<b>voorzichtig</b> <script>alert('voorzichtig')</script> <STYLE>x</style> a < b > c <",
    "fuzzy": "voorzigtiger allert terughoudent weerbaarheidstrainingen geïnformeerd GEÏNFORMEERD",
    "emoji-crlf": "Ik 😀👍🏽 ben\r\nalerter 🚨 geworden\r\n— echt… (heel) [erg]",
    "gaps": "ik denk nu wel twee of drie keer na voordat ik iets zeg of schrijf of post",
}.items():
    put("matcher", f"{name}.utf16", text.encode("utf-16-le"))
put("matcher", "lone-surrogates.utf16", "voor".encode("utf-16-le") + b"\x00\xd8" + "zicht".encode("utf-16-le") + b"\x00\xdc\x3d\xd8")
put("matcher", "nul-and-controls.utf16", "voor\x00zichtig\x01\x1f\u200b\ufeff\u2028alert".encode("utf-16-le"))
put("matcher", "empty.utf16", b"")
put("matcher", "odd-length.utf16", "alert".encode("utf-16-le") + b"\x41")
