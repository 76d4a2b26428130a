"""Accuracy of the language detector (:mod:`summarize.text.langdetect`) on TAC 2011 MultiLing.

Every source document and every model summary of the seven languages is read as the readers
read it and given to :func:`summarize.text.langdetect.detect` (the first 4,000 characters, as
``dataset.language=auto`` does); the answer is right when it is the file's language. Also
counted: clusters (all documents of a topic, joined as the reader samples them), and the
model's first choice among all its 97 languages (a language the toolkit does not support
counts as wrong there), and snippets: the first 100 characters of each document, a headline's
length, where detection is hard.

    python eval/langdetect.py --tac ../shared/data/tac2011-multiling
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from summarize.io.common import read_text
from summarize.io.tac import LANGUAGES
from summarize.text.langdetect import detect, sample
from summarize.text.languages import CODES

_DOC = re.compile(r"^(M\d{3})(\d)\.([A-Za-z]+)$")


def main() -> None:
    """Print a Markdown table: accuracy per language for documents, clusters and references."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tac", type=Path, required=True, help="the TAC 2011 MultiLing folder")
    args = parser.parse_args()

    docs: dict[str, list[str]] = defaultdict(list)
    topics: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in sorted((args.tac / "SourceTexts").iterdir()):
        m = _DOC.match(f.name)
        if m and m.group(3).lower() in LANGUAGES:
            text = read_text(f).split("\n", 1)[-1]  # the first line is a date and a title
            docs[m.group(3).lower()].append(text)
            topics[(m.group(3).lower(), m.group(1))].append(text)
    refs: dict[str, list[str]] = defaultdict(list)
    for folder in sorted((args.tac / "Model Summaries").iterdir()):
        if folder.is_dir() and folder.name.lower() in LANGUAGES:
            refs[folder.name.lower()] = [read_text(f) for f in sorted(folder.iterdir())
                                         if f.is_file() and re.match(r"M\d{3}\.", f.name)]  # not .directory

    start = time.perf_counter()
    detect("warm the model up")
    load = time.perf_counter() - start
    rows = []
    totals: Counter[str] = Counter()
    confusions: Counter[tuple[str, str, str]] = Counter()
    calls, elapsed = 0, 0.0
    for language in LANGUAGES:
        counts = {}
        units = {"documents": docs[language], "references": refs[language],
                 "clusters": [sample(texts) for (lang, _), texts in topics.items() if lang == language],
                 "snippets": [" ".join(t.split())[:100] for t in docs[language]]}
        for kind, texts in units.items():
            right = first = 0
            for text in texts:
                t0 = time.perf_counter()
                found = detect(sample(text))
                elapsed += time.perf_counter() - t0
                calls += 1
                right += found.language == language
                first += found.code == CODES[language]
                if found.language != language:
                    confusions[(kind, language, found.language)] += 1
            counts[kind] = (right, first, len(texts))
            totals[f"{kind}_right"] += right
            totals[f"{kind}_first"] += first
            totals[f"{kind}_n"] += len(texts)
        rows.append((language, counts))

    def cell(right: int, first: int, n: int) -> str:
        return f"{right}/{n} ({100 * right / max(n, 1):.1f}%; top-1 of 97: {100 * first / max(n, 1):.1f}%)"

    kinds = ("documents", "clusters", "references", "snippets")
    print("| language | " + " | ".join(kinds) + " |")
    print("|---" * (len(kinds) + 1) + "|")
    for language, counts in rows:
        print(f"| {language} | " + " | ".join(cell(*counts[k]) for k in kinds) + " |")
    print("| all | " + " | ".join(cell(totals[f"{k}_right"], totals[f"{k}_first"], totals[f"{k}_n"])
                                for k in kinds) + " |")
    if confusions:
        mistakes = (f"{kind} {lang}->{got} x{n}" for (kind, lang, got), n in sorted(confusions.items()))
        print("\nmistakes: " + ", ".join(mistakes))
    print(f"\nmodel load {load:.2f} s; {calls} detections, {1000 * elapsed / max(calls, 1):.2f} ms each")


if __name__ == "__main__":
    main()
