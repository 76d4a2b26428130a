"""How often off-topic detection drops a document from curated clusters, where none is off-topic.

Usage: python eval/offtopic_false_drops.py [--duc ../shared/data/duc2003] [--tac ../shared/data/tac2011-multiling]
           [--max-similarity 0.1] [--threshold P]

DUC 2003 and TAC 2011 MultiLing clusters were assembled by hand around one event each, so every
document the ``offtopic_documents`` step drops there is a false drop. The model was fitted on
Multi-News, where one document in five is off-topic; this prints, per corpus (and per TAC
language), the share of documents it drops, as one JSON line each.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.clean import Cleaner  # noqa: E402
from summarize.io import DucDataset, TacMultilingDataset  # noqa: E402
from summarize.io.tac import LANGUAGES as TAC_LANGUAGES  # noqa: E402


def drop_rate(cleaner: Cleaner, clusters) -> tuple[int, int]:
    dropped = total = 0
    for cluster in clusters:
        _, report = cleaner.clean(cluster)
        total += len(cluster.documents)
        dropped += sum(why.startswith("off-topic") for _, why in report.dropped_documents)
    return dropped, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", default=None)
    ap.add_argument("--tac", default=None)
    ap.add_argument("--max-similarity", type=float, default=0.1)
    ap.add_argument("--threshold", type=float, default=None)
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    cleaner = Cleaner(steps=["offtopic_documents"], offtopic_threshold=args.threshold,
                      offtopic_max_similarity=args.max_similarity)
    corpora = []
    if args.duc:
        corpora.append(("duc2003", DucDataset(args.duc)))
    if args.tac:
        corpora += [(f"tac2011-{lang}", TacMultilingDataset(args.tac, language=lang)) for lang in TAC_LANGUAGES]
    if not corpora:
        ap.error("give --duc and/or --tac")
    for name, clusters in corpora:
        dropped, total = drop_rate(cleaner, clusters)
        print(json.dumps({"corpus": name, "documents": total, "dropped_as_off_topic": dropped,
                          "rate": round(dropped / max(total, 1), 4), "max_similarity": args.max_similarity}))


if __name__ == "__main__":
    main()
