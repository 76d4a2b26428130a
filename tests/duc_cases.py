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


def assert_matches_perl(cases, settings, *, tol: float, types_of: str = "perl") -> None:
    """Our DUC mode against ROUGE-1.5.5.pl itself on ``cases`` (skipped where the oracle is not
    installed, except in CI, which installs it): every measure of every ROUGE type that
    ``types_of`` (``"perl"`` or ``"ours"``) reports, within ``tol``."""
    import os

    import pytest

    from summarize.evaluation.duc import score_duc
    from summarize.evaluation.oracle import OracleUnavailable, run_perl

    try:
        perl = run_perl({k: v[0] for k, v in cases.items()}, {k: v[1] for k, v in cases.items()}, settings)
    except OracleUnavailable as e:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"ROUGE-1.5.5 oracle not installed here: {e}")
    for cid, (summary, refs) in cases.items():
        ours = score_duc(summary, refs, settings)
        for t in (perl[cid] if types_of == "perl" else ours):
            for k in (perl[cid] if types_of == "perl" else ours)[t]:
                assert ours[t][k] == pytest.approx(perl[cid][t][k], abs=tol), (cid, t, k)
