"""Summaries and references that exercise ROUGE-1.5.5's corner cases, for the parity tests."""

import json
from pathlib import Path

_SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample.jsonl"

CASES: dict[str, tuple[list[str], list[list[str]]]] = {
    "hyphens-numbers": (
        ["The senator-for-life's 1973-90 regime killed 3,197 people, officials said.",
         "U.S. officials were running late -- again; the children went home."],
        [["Pinochet , a senator-for-life , ruled from 1973 to 1990 .", "3,197 people died ."],
         ["Officials said the U.S. was late .", "Children ran home ."],
         ["The regime's crimes included murder and torture ."]],
    ),
    "non-ascii-and-case": (
        ["Café owners in Zürich SAID the NAÏVE plan failed.", "Ελλάδα is Greece; İstanbul is large."],
        [["Cafe owners in Zurich said the naive plan failed ."], ["The plan failed , owners said ."]],
    ),
    "stemming": (
        ["Investigators were investigating generalizations and agreements of the relational databases.",
         "Happily, the flies flew; the geese were better."],
        [["The investigation generalized agreement on relations .", "Flying geese are good ."],
         ["Databases and relational agreements were investigated ."]],
    ),
    "single-reference-short": (["Yes."], [["Yes , it was ."]]),
}

for _line in _SAMPLE.read_text().splitlines():
    _c = json.loads(_line)
    _summary = [d["text"].split("\n")[0] for d in _c["documents"]]
    CASES["sample-" + _c["id"]] = (_summary, [r.split(". ") for r in _c["references"]])
