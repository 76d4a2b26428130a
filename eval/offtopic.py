"""Off-topic document detection against Multi-News' relevance labels.

Usage: python eval/offtopic.py --multinews <jsonl> [--threshold P] [--model model.json]

For every cluster, the cleaner's ``offtopic_documents`` step flags documents; a flagged
document counts as a true positive when the annotators left it out of ``relevant_documents``.
Prints one JSON line with precision, recall and F1 of flagging (and the counts).

The shipped model was fitted on Multi-News *validation*, so on that file these numbers are
in-sample; the cross-validated ones (clusters never seen in fitting) are printed by
``eval/train_offtopic.py`` and stored in the model's ``about``, which this script echoes.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.clean import Cleaner  # noqa: E402
from summarize.clean.offtopic import load_model  # noqa: E402
from summarize.evaluation.stats import precision_recall_f1  # noqa: E402
from summarize.io import make_cluster, make_document  # noqa: E402
from summarize.io.jsonl import iter_jsonl  # noqa: E402


def reference_ceiling(path: Path, limit: int | None) -> None:
    sims, labels = [], []
    for number, obj in iter_jsonl(path):
        if limit and number > limit:
            break
        relevant = set(obj.get("relevant_documents") or [])
        texts = [t for t in obj["documents"] if t.strip()]
        x = Cleaner._vectors([*texts, obj["summary"]], "english")
        sims.extend(x[:-1] @ x[-1])
        labels.extend(t not in relevant for t in texts)
    s, y = np.array(sims), np.array(labels)
    grid = np.round(np.arange(0.0, 0.5, 0.005), 3)
    (p, r, f1), t = max(((precision_recall_f1(s < t, y), t) for t in grid), key=lambda pair: pair[0][2])
    print(json.dumps({"reference_ceiling_f1": round(f1, 4), "precision": round(p, 4),
                      "recall": round(r, 4), "cosine_below": float(t), "documents": len(y)}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--threshold", type=float, default=None, help="probability; default: the model's")
    ap.add_argument("--model", default=None, help="a model written by eval/train_offtopic.py; default: the shipped one")
    ap.add_argument("--chrome-density", type=float, default=3.0)
    ap.add_argument("--max-similarity", type=float, default=0.1, help="the cleaner's offtopic_max_similarity")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--reference-ceiling", action="store_true",
                    help="diagnostic: flag by TF-IDF cosine with the *reference summary* (which a detector never "
                         "sees), at the best threshold, to show how far lexical similarity can go on these labels")
    args = ap.parse_args()
    if args.reference_ceiling:
        reference_ceiling(Path(args.multinews), args.limit)
        return
    logging.disable(logging.WARNING)
    cleaner = Cleaner(steps=["offtopic_documents"], offtopic_threshold=args.threshold,
                      offtopic_model=args.model, chrome_density=args.chrome_density,
                      offtopic_max_similarity=args.max_similarity)
    model = load_model(args.model)
    off_topic: list[bool] = []
    hits: list[bool] = []
    for number, obj in iter_jsonl(Path(args.multinews)):
        if args.limit and number > args.limit:
            break
        relevant = set(obj.get("relevant_documents") or [])
        texts = [t for t in obj["documents"] if t.strip()]
        docs = [make_document(id=str(i), text=t, language="english") for i, t in enumerate(texts)]
        cluster = make_cluster(id=str(obj.get("id", number)), documents=docs)
        _, report = cleaner.clean(cluster)
        flagged = {d for d, why in report.dropped_documents if why.startswith("off-topic")}
        off_topic.extend(t not in relevant for t in texts)
        hits.extend(str(i) in flagged for i in range(len(texts)))
    p, r, f1 = precision_recall_f1(np.array(hits), np.array(off_topic))
    print(json.dumps({"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "documents": len(hits),
                      "off_topic": sum(off_topic), "flagged": sum(hits), "threshold": args.threshold or model.threshold,
                      "chrome_density": args.chrome_density, "max_similarity": args.max_similarity,
                      "model_cv_f1": model.about.get("cv_f1"),
                      "model_trained_on": model.about.get("trained_on")}))


if __name__ == "__main__":
    main()
