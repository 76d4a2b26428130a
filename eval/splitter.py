"""Sentence splitting on the shared corpora: cut sentences before and after the abbreviation repair.

Usage: python eval/splitter.py [--duc ../shared/data/duc2003] [--tac ../shared/data/tac2011-multiling]
           [--multinews ../shared/data/multinews/validation.jsonl] [--limit 1000]
           [--examples 20] [--seed 1]

Splits every document three ways and counts, per corpus and language, the sentences that

- end on a title abbreviation of the language ("Mr.", "Dr.", French "M."),
- end on a single capital initial ("W.") or on a run of initials ("B.J.", "J.R.R.", "U.S."; a
  sentence may really end on "U.S.", so this column is not all errors),
- start with a lower-case word (cased scripts),
- are fragments of fewer than 3 words,

under ``plain`` (Punkt as NLTK's ``sent_tokenize`` runs it, what scoring uses), ``lowercase``
(the splitter before this change: pieces starting in lower case rejoined) and ``repaired``
(the splitter now: also rejoined after titles, name abbreviations and initials). It also
counts what :func:`~summarize.text.sentences.quotation_units` finds in the repaired sentences
of each document, with its paragraph starts as a caller should pass them: quotations over
several sentences, how many of them are never closed (they run to the end of the document),
and sentences whose quotation marks do not pair up. ``--examples N`` prints N random rejoins
per corpus (`` ‖ `` marks where Punkt had cut) and the sentences that still end on a title or
an initial, to read by eye.
"""

from __future__ import annotations

import argparse
import logging
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from summarize.io import DucDataset, MultiNewsDataset, TacMultilingDataset
from summarize.io.tac import LANGUAGES as TAC_LANGUAGES
from summarize.text import words
from summarize.text.languages import UNCASED
from summarize.text.sentences import (
    _INITIALS,
    _OPENERS,
    _abbreviations,
    paragraph_starts,
    quotation_units,
    quote_balanced,
    split_sentences,
)
from summarize.types import Cluster

MODES = {"plain": (False, False), "lowercase": (True, False), "repaired": (True, True)}
COLUMNS = ("sentences", "ends_title", "ends_initial", "ends_initials", "lower_start", "fragment")


@dataclass
class Counts:
    """Sentence counts of one corpus under one way of splitting."""

    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))

    def add(self, sentences: Iterable[str], language: str, titles: frozenset[str]) -> None:
        for s in sentences:
            self.values["sentences"] += 1
            last = (s.rstrip("\"'”’»)]").rsplit(None, 1) or [""])[-1].lstrip(_OPENERS)
            if last.endswith("."):
                stem = last[:-1]
                if stem in titles:
                    self.values["ends_title"] += 1
                elif stem.isupper() and _INITIALS.fullmatch(stem):
                    self.values["ends_initial" if len(stem) == 1 else "ends_initials"] += 1
            first = s.lstrip(_OPENERS + " ").split(" ", 1)[0]
            if language not in UNCASED and first[:1].isalpha() and first.islower():
                self.values["lower_start"] += 1
            if len(words(s)) < 3:
                self.values["fragment"] += 1


def _aligned(fine: list[str], coarse: list[str]) -> Iterator[list[str]]:
    """Group the pieces of ``fine`` into the sentences of ``coarse`` (a coarsening of it)."""
    i = 0
    for sentence in coarse:
        group = [fine[i]]
        i += 1
        while " ".join(group) != sentence and i < len(fine):
            group.append(fine[i])
            i += 1
        yield group


def measure(name: str, clusters: Iterable[Cluster], examples: int, rng: random.Random) -> None:
    counts = {mode: Counts() for mode in MODES}
    joins: list[str] = []
    still: list[str] = []
    quotes = {"multi_sentence_quotations": 0, "sentences_in_them": 0, "never_closed": 0,
              "sentences_in_never_closed": 0, "longest": 0, "unbalanced_sentences": 0}
    language = "english"
    for cluster in clusters:
        language = cluster.language
        titles = _abbreviations(language, language).titles if language not in UNCASED else frozenset()
        for doc in cluster.documents:
            split = {mode: split_sentences(doc.text, language, join_lowercase=lo, join_abbreviations=ab)
                     for mode, (lo, ab) in MODES.items()}
            for mode, sentences in split.items():
                counts[mode].add(sentences, language, titles)
            for group in _aligned(split["lowercase"], split["repaired"]):
                if len(group) > 1:
                    joins.append(" ‖ ".join(group))
            probe = Counts()
            for s in split["repaired"]:
                before = dict(probe.values)
                probe.add([s], language, titles)
                if any(probe.values[c] != before[c] for c in ("ends_title", "ends_initial")):
                    still.append(s)
            sentences = split["repaired"]
            spans = quotation_units(sentences, paragraph_starts(doc.text, language))
            open_to_end = [b - a for a, b in spans if b == len(sentences) and not quote_balanced(" ".join(sentences[a:b]))]
            quotes["multi_sentence_quotations"] += len(spans)
            quotes["sentences_in_them"] += sum(b - a for a, b in spans)
            quotes["never_closed"] += len(open_to_end)
            quotes["sentences_in_never_closed"] += sum(open_to_end)
            quotes["longest"] = max([quotes["longest"], *(b - a for a, b in spans)])
            quotes["unbalanced_sentences"] += sum(not quote_balanced(s) for s in sentences)
    print(f"\n### {name} ({language})\n")
    print("| splitting | " + " | ".join(COLUMNS) + " |")
    print("|" + " --- |" * (len(COLUMNS) + 1))
    for mode, c in counts.items():
        print(f"| {mode} | " + " | ".join(f"{c.values[col]:,}" for col in COLUMNS) + " |")
    print(f"\nrejoined after a title, name abbreviation or initials: {len(joins):,}; quotations: "
          + ", ".join(f"{k} {v:,}" for k, v in quotes.items()))
    if examples:
        print(f"\nrandom rejoins ({min(examples, len(joins))} of {len(joins)}):")
        for s in rng.sample(joins, min(examples, len(joins))):
            print(f"- {s[:300]}")
        print(f"\nstill ending on a title or a single initial ({min(examples, len(still))} of {len(still)}):")
        for s in rng.sample(still, min(examples, len(still))):
            print(f"- {s[-200:]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", default=None, help="DUC 2003 folder (docs/, models/)")
    ap.add_argument("--tac", default=None, help="TAC 2011 MultiLing folder (SourceTexts/)")
    ap.add_argument("--multinews", default=None, help="Multi-News JSONL")
    ap.add_argument("--limit", type=int, default=1000, help="Multi-News clusters to read")
    ap.add_argument("--examples", type=int, default=0, help="random rejoins to print per corpus")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not (args.duc or args.tac or args.multinews):
        ap.error("give --duc, --tac and/or --multinews")
    logging.disable(logging.WARNING)
    rng = random.Random(args.seed)
    if args.duc:
        measure("DUC 2003", DucDataset(args.duc), args.examples, rng)
    if args.tac:
        for language in TAC_LANGUAGES:
            measure(f"TAC 2011 {language}", TacMultilingDataset(args.tac, language=language), args.examples, rng)
    if args.multinews:
        measure(f"Multi-News validation (first {args.limit})", MultiNewsDataset(args.multinews, limit=args.limit),
                args.examples, rng)


if __name__ == "__main__":
    main()
