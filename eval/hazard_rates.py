"""How often each readability detector fires on the source sentences of the shared corpora.

Usage: python eval/hazard_rates.py [--duc ../shared/data/duc2003]
           [--tac ../shared/data/tac2011-multiling] [--tac-languages english,french]
           [--multinews ../shared/data/multinews/validation.jsonl] [--examples 0] [--seed 1]

Prints a Markdown table: per corpus, the number of sentences and the share (%) that
:func:`~summarize.text.hazards.fragment`, :func:`~summarize.text.hazards.dangling`,
``not quote_balanced`` and :func:`~summarize.text.hazards.cut` flag. These are base rates of
what summarizers choose from, not metrics of a run (those are in each run's ``metrics.json``,
see the README's "Readability hazards"). ``--examples N`` prints N random flagged sentences per
detector and corpus, with the reason, to read by eye.
"""

from __future__ import annotations

import argparse
import logging
import random
from collections.abc import Callable, Iterable

from summarize.io import DucDataset, MultiNewsDataset, TacMultilingDataset
from summarize.text.hazards import cut, dangling, fragment, quote_balanced
from summarize.types import Cluster


def _detectors(language: str) -> dict[str, Callable[[str], object]]:
    return {
        "fragment": lambda s: fragment(s, language),
        "dangling": lambda s: dangling(s, language),
        "unbalanced quotes": lambda s: not quote_balanced(s),
        "cut": lambda s: cut(s, language),
    }


def rates(name: str, clusters: Iterable[Cluster], language: str, examples: int, rng: random.Random) -> str:
    """One table row for a corpus; prints ``examples`` flagged sentences per detector first."""
    sentences = [s.text for c in clusters for d in c.documents for s in d.sentences]
    cells = []
    for detector, check in _detectors(language).items():
        flagged = [(s, check(s)) for s in sentences]
        flagged = [(s, r) for s, r in flagged if r]
        cells.append(f"{100 * len(flagged) / max(len(sentences), 1):.1f}")
        for s, r in rng.sample(flagged, min(examples, len(flagged))):
            print(f"{name} / {detector} [{r}] {s[:160]}")
    return f"| {name} | {len(sentences):,} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duc", help="the DUC 2003 folder")
    parser.add_argument("--tac", help="the TAC 2011 MultiLing folder")
    parser.add_argument("--tac-languages", default="english,french")
    parser.add_argument("--multinews", help="Multi-News validation.jsonl")
    parser.add_argument("--examples", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    rng = random.Random(args.seed)
    rows = []
    if args.duc:
        rows.append(rates("DUC 2003", DucDataset(path=args.duc, language="english"), "english", args.examples, rng))
    if args.tac:
        for language in args.tac_languages.split(","):
            rows.append(rates(f"TAC 2011 {language}", TacMultilingDataset(path=args.tac, language=language),
                              language, args.examples, rng))
    if args.multinews:
        rows.append(rates("Multi-News", MultiNewsDataset(path=args.multinews, language="english"), "english",
                          args.examples, rng))
    print("| corpus | sentences | fragment | dangling | unbalanced quotes | cut |")
    print("| --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
