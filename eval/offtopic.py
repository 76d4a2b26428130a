"""Off-topic document detection against Multi-News' relevance labels.

Usage: python eval/offtopic.py --multinews <jsonl> [--threshold P] [--model model.json]
       python eval/offtopic.py --multinews <jsonl> --reference-ceiling [--dense]

For every cluster, the cleaner's ``offtopic_documents`` step flags documents; a flagged
document counts as a true positive when the annotators left it out of ``relevant_documents``.
Prints one JSON line with precision, recall and F1 of flagging (and the counts).

The shipped model was fitted on Multi-News *validation*, so on that file these numbers are
in-sample; the cross-validated ones (clusters never seen in fitting) are printed by
``eval/train_offtopic.py`` and stored in the model's ``about``, which this script echoes.

``--reference-ceiling`` measures the labels instead: how well they are reproduced by methods
that read the reference summary itself (one cosine threshold; a cross-validated model over the
detector's features plus overlaps with the reference), an upper bound for any detector.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.clean import Cleaner  # noqa: E402
from summarize.clean.offtopic import FEATURES, load_model  # noqa: E402
from summarize.evaluation.stats import precision_recall_f1  # noqa: E402
from summarize.io import make_cluster, make_document  # noqa: E402
from summarize.io.jsonl import iter_jsonl  # noqa: E402
from summarize.text.tokenize import Stemmer, words  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_offtopic  # noqa: E402


def _grams(tokens: list[str], n: int) -> Counter:
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def reference_features(encoder=None):
    """``extra`` for :func:`train_offtopic.load`: how much of each document the reference shares.

    Per document: TF-IDF cosine with the reference; the share of the document's unigrams and
    bigrams found in the reference and of the reference's found in the document (stemmed); the
    cosine and the bigram share relative to the cluster's best and as a rank; with ``encoder``,
    the dense cosine with the reference too (raw, relative, rank).
    """
    stem = Stemmer("english")

    def relative(a: np.ndarray) -> np.ndarray:
        return a / max(float(a.max()), 1e-9)

    def rank(a: np.ndarray) -> np.ndarray:
        return np.argsort(np.argsort(-a, kind="stable")) / max(len(a) - 1, 1)

    def extra(texts: list[str], record: dict) -> np.ndarray:
        summary = record["summary"]
        v = Cleaner._vectors([*texts, summary], "english")
        cos = (v[:-1] @ v[-1].T).toarray().ravel()
        ref = [stem(w.lower()) for w in words(summary)]
        ref1, ref2 = _grams(ref, 1), _grams(ref, 2)
        shares = []
        for t in texts:
            doc = [stem(w.lower()) for w in words(t)]
            d1, d2 = _grams(doc, 1), _grams(doc, 2)
            o1, o2 = sum((d1 & ref1).values()), sum((d2 & ref2).values())
            shares.append([o1 / max(len(doc), 1), o2 / max(len(doc) - 1, 1),
                           o1 / max(len(ref), 1), o2 / max(len(ref) - 1, 1)])
        share = np.array(shares, dtype=float).reshape(len(texts), 4)
        cols = [cos, relative(cos), rank(cos), *share.T, relative(share[:, 1]), rank(share[:, 1])]
        if encoder is not None:
            e = encoder.encode([*texts, summary])
            dense = e[:-1] @ e[-1]
            cols += [dense, relative(dense), rank(dense)]
        return np.column_stack(cols)

    names = ("ref_cosine", "ref_cosine_relative", "ref_cosine_rank", "doc_unigrams_in_ref", "doc_bigrams_in_ref",
             "ref_unigrams_in_doc", "ref_bigrams_in_doc", "doc_bigrams_in_ref_relative", "doc_bigrams_in_ref_rank")
    if encoder is not None:
        names += ("ref_dense_cosine", "ref_dense_cosine_relative", "ref_dense_cosine_rank")
    return extra, names


def reference_ceiling(path: Path, limit: int | None, dense: bool) -> None:
    """How well the labels can be reproduced by anything that reads the reference summary itself.

    1. one threshold on the TF-IDF cosine of each document with the reference;
    2. a logistic regression over the detector's 9 features plus :func:`reference_features`,
       cluster-grouped 5-fold cross-validation (3 seeds), no similarity guard, best threshold.
    """
    if dense:
        import dense_probe

        extra, names = reference_features(dense_probe.wordllama("offtopic"))
    else:
        extra, names = reference_features()
    x, y, groups = train_offtopic.load(path, extra=extra, limit=limit)
    s = x[:, len(FEATURES) + names.index("ref_cosine")]
    grid = np.round(np.arange(0.0, 0.5, 0.005), 3)
    (p, r, f1), t = max(((precision_recall_f1(s < t, y), t) for t in grid), key=lambda pair: pair[0][2])
    cv = train_offtopic.cross_validate(x, y, groups, FEATURES + names, max_similarity=np.inf,
                                       chrome_density=np.inf)
    sp, sr, sf1 = (round(float(v), 4) for v in cv["cv"])
    print(json.dumps({"reference_ceiling_f1": round(f1, 4), "precision": round(p, 4),
                      "recall": round(r, 4), "cosine_below": float(t), "documents": len(y),
                      "supervised_ceiling_f1": sf1, "supervised_precision": sp, "supervised_recall": sr,
                      "supervised_threshold": cv["threshold"], "supervised_features": len(FEATURES) + len(names),
                      "dense": dense}))


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
                         "sees), at the best threshold, and by a cross-validated model over the detector's features "
                         "plus nine overlaps with the reference, to show how far these labels can be reproduced")
    ap.add_argument("--dense", action="store_true",
                    help="with --reference-ceiling: add WordLlama cosines with the reference (the dense extra)")
    args = ap.parse_args()
    if args.reference_ceiling:
        reference_ceiling(Path(args.multinews), args.limit, args.dense)
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
