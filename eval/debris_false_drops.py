"""Sentences the ``broken`` cleaning step removes from curated news, where next to none is debris.

Usage: python eval/debris_false_drops.py [--duc ../shared/data/duc2003] [--tac ../shared/data/tac2011-multiling]
           [--multinews ../shared/data/multinews/validation.jsonl] [--limit N] [--noisy ../shared/data/noisy-event]
           [--sample 40] [--seed 12345] [--out removed.jsonl] [--debris-only]
           [--max-words 8] [--max-shared 1] [--min-evidence 2]

DUC 2003, TAC 2011 MultiLing (all seven languages) and Multi-News are edited news (Multi-News
scraped, then truncated at about 500 words a cluster): the ``broken`` step's rules (fragments
and machine-translation debris, :mod:`summarize.clean.debris`) should find next to nothing
there, and every sentence they remove has to be read to judge whether it was a real one. The
clusters are cleaned with the lexical steps (``html``, ``boilerplate``, ``broken``); this prints,
per corpus, one JSON line with the number of sentences read and removed by each reason, and
the wire furniture (:mod:`summarize.text.wire`) the ``boilerplate`` step took out, then a seeded
sample of the removed sentences (``--sample``; ``--out`` writes every removal as JSON lines,
to read them all). ``--noisy`` also cleans a folder of scraped reports (the shared noisy-event
pair) and lists everything the step removed there: the debris it is meant to catch.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from summarize.clean import Cleaner
from summarize.io import DucDataset, FolderDataset, MultiNewsDataset, TacMultilingDataset
from summarize.io.tac import LANGUAGES as TAC_LANGUAGES
from summarize.text.wire import furniture_reason
from summarize.types import Cluster

_WIRE_REASONS = {"wire mark", "wire sign-off", "wire insertion note", "editor's note", "service line", "slug line",
                 "credit line", "section head", "wire code", "wire furniture at paragraph end"}


def removals(cleaner: Cleaner, clusters: Iterable[Cluster], corpus: str) -> tuple[int, list[dict[str, str]]]:
    """Clean every cluster; the number of sentences read and every ``broken`` or wire removal."""
    read = 0
    out: list[dict[str, str]] = []
    for cluster in clusters:
        read += sum(len(d.sentences) for d in cluster.documents)
        _, report = cleaner.clean(cluster)
        for r in report.removals:
            wire = r.step == "boilerplate" and (r.reason in _WIRE_REASONS or
                                                 (r.reason.endswith("(sentence)") and furniture_reason(r.text)))
            if r.step == "broken" or wire:
                out.append({"corpus": corpus, "cluster": cluster.id, "doc": r.doc_id,
                            "step": "wire" if wire else "broken", "reason": r.reason, "text": r.text})
    return read, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", default=None, help="DUC layout folder (DUC 2003)")
    ap.add_argument("--tac", default=None, help="TAC 2011 MultiLing folder: all seven languages")
    ap.add_argument("--multinews", default=None, help="Multi-News JSONL (validation.jsonl)")
    ap.add_argument("--limit", type=int, default=None, help="read at most this many Multi-News clusters")
    ap.add_argument("--noisy", default=None, help="a folder of scraped reports of one event (noisy-event)")
    ap.add_argument("--sample", type=int, default=40, help="removed sentences to print per corpus")
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--out", default=None, help="write every removal here, one JSON line each")
    ap.add_argument("--debris-only", action="store_true",
                    help="count and sample only the machine-translation debris rules")
    ap.add_argument("--max-words", type=int, default=8, help="debris has at most this many words")
    ap.add_argument("--max-shared", type=int, default=1,
                    help="debris shares at most this many content words with the rest of the cluster")
    ap.add_argument("--min-evidence", type=int, default=2,
                    help="first-person and attribution-tag debris only in documents with this many other signs "
                         "(0: the shapes alone)")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    cleaner = Cleaner(steps=["html", "boilerplate", "broken"], debris_max_words=args.max_words,
                      debris_max_shared=args.max_shared, debris_min_evidence=args.min_evidence)
    corpora: list[tuple[str, Iterable[Cluster]]] = []
    if args.duc:
        corpora.append(("duc2003", DucDataset(args.duc)))
    if args.tac:
        corpora += [(f"tac2011-{lang}", TacMultilingDataset(args.tac, language=lang)) for lang in TAC_LANGUAGES]
    if args.multinews:
        corpora.append(("multinews", MultiNewsDataset(args.multinews, limit=args.limit)))
    if args.noisy:
        corpora.append(("noisy-event", FolderDataset(args.noisy)))
    if not corpora:
        ap.error("give --duc, --tac, --multinews and/or --noisy")
    rng = np.random.default_rng(args.seed)
    everything: list[dict[str, str]] = []
    for name, clusters in corpora:
        read, removed = removals(cleaner, clusters, name)
        if args.debris_only:
            removed = [r for r in removed if r["reason"].startswith("machine-translation debris")]
        everything += removed
        reasons = Counter(r["reason"] for r in removed)
        print(json.dumps({"corpus": name, "sentences": read,
                          "broken": sum(r["step"] == "broken" for r in removed),
                          "wire": sum(r["step"] == "wire" for r in removed),
                          "by_reason": dict(reasons.most_common())}, ensure_ascii=False))
        show = removed if name == "noisy-event" or len(removed) <= args.sample else \
            [removed[i] for i in sorted(rng.choice(len(removed), size=args.sample, replace=False))]
        for r in show:
            print(f"  [{r['reason']}] {r['doc']}: {r['text'][:160]}")
    if args.out:
        Path(args.out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in everything),
                                  encoding="utf-8")


if __name__ == "__main__":
    main()
