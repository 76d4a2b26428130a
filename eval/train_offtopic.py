"""Fit the off-topic document model on Multi-News' relevance labels, with honest numbers.

Usage: python eval/train_offtopic.py --multinews ../shared/data/multinews/validation.jsonl \
           [--out summarize/clean/data/offtopic_model.json] [--C 1.0] [--folds 5] [--seeds 3]
       python eval/train_offtopic.py --train ../shared/data/multinews/train.jsonl.gz \
           --multinews ../shared/data/multinews/validation.jsonl --out <model.json>
           (fitted, threshold and all, on training clusters; scored on validation, never seen)

Features are exactly those the cleaner computes (``summarize.clean.offtopic.document_features``
on the documents as the ``offtopic_documents`` step sees them). A standardised logistic
regression (scikit-learn) is scored by cluster-grouped k-fold cross-validation, repeated over
seeds, with the cleaner's failed-scrape rule and similarity guard applied as the cleaner applies
them: the probability threshold is the one with the best pooled out-of-fold F1, and that F1
(with its precision and recall) is what the model is worth on clusters it has not seen. The
model is then refitted on every cluster and written as JSON with those numbers in ``about``.
Prints one JSON line: cross-validated precision, recall, F1 (with and without the cleaner's
failed-scrape rule on top) and the threshold.
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
from summarize.clean.offtopic import FEATURES, MODEL_PATH, decide, document_features  # noqa: E402
from summarize.evaluation.stats import precision_recall_f1  # noqa: E402
from summarize.io import make_document  # noqa: E402
from summarize.io.jsonl import iter_jsonl  # noqa: E402
from summarize.linear import LinearModel  # noqa: E402


def load(path: Path, extra=None, limit: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels (True = off-topic) and cluster numbers for every document of every cluster.

    ``extra(texts, record) -> array`` adds columns after :data:`FEATURES`, from the documents'
    texts and the cluster's JSON record (``eval/dense_probe.py``; ``eval/offtopic.py
    --reference-ceiling`` reads the reference summary there).
    """
    cleaner = Cleaner(steps=[])  # paragraphs as the offtopic_documents step alone sees them
    xs, ys, groups = [], [], []
    for number, obj in iter_jsonl(path):
        if limit and number > limit:
            break
        relevant = set(obj.get("relevant_documents") or [])
        raw = [t for t in obj["documents"] if t.strip()]
        docs = [make_document(id=str(i), text=t, language="english") for i, t in enumerate(raw)]
        docs = [d for d in docs if d.sentences]
        if len(docs) < 2:
            continue
        texts = [" ".join(cleaner._paragraphs(d)) for d in docs]
        x = document_features(texts, Cleaner._vectors(texts, "english"), "english")
        xs.append(x if extra is None else np.hstack([x, extra(texts, obj)]))
        ys.extend(raw[int(d.id)] not in relevant for d in docs)
        groups.extend([number] * len(docs))
    return np.vstack(xs), np.array(ys), np.array(groups)


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray, names: tuple[str, ...], *, C: float = 1.0,
                   folds: int = 5, seeds: int = 3, max_similarity: float = 0.1,
                   chrome_density: float = 3.0) -> dict:
    """Cluster-grouped k-fold cross-validation over ``seeds`` shuffles, decided as the cleaner decides.

    The probability threshold is the one with the best pooled out-of-fold F1; returns it with
    the mean precision, recall and F1 at it (``cv``) and the same without the failed-scrape
    rule (``cv_model_only``). The first columns of ``x`` must be :data:`FEATURES`.
    """
    from sklearn.linear_model import LogisticRegression

    def flags(p: np.ndarray, threshold: float, density: float = chrome_density) -> np.ndarray:
        return decide(p, x, threshold, max_similarity, density)[0]

    clusters = np.unique(groups)
    grid = np.round(np.arange(0.10, 0.71, 0.01), 2)
    f1s = np.zeros((seeds, len(grid)))
    out_of_fold = []
    for seed in range(seeds):
        fold_of = dict(zip(np.random.default_rng(seed).permutation(clusters), np.arange(len(clusters)) % folds,
                           strict=True))
        fold = np.array([fold_of[g] for g in groups])
        p = np.zeros(len(y))
        for k in range(folds):
            train, test = fold != k, fold == k
            model = LinearModel.fit(LogisticRegression(C=C, max_iter=5000), x[train], y[train], names)
            p[test] = model.probability(x[test])
        out_of_fold.append(p)
        f1s[seed] = [precision_recall_f1(flags(p, t), y)[2] for t in grid]
    threshold = float(grid[int(np.argmax(f1s.mean(axis=0)))])
    return {"threshold": threshold,
            "cv": np.array([precision_recall_f1(flags(p, threshold), y) for p in out_of_fold]).mean(axis=0),
            "cv_model_only": np.array([precision_recall_f1(flags(p, threshold, np.inf), y)
                                       for p in out_of_fold]).mean(axis=0)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength of the logistic regression")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--chrome-density", type=float, default=3.0, help="the cleaner's failed-scrape rule")
    ap.add_argument("--max-similarity", type=float, default=0.1,
                    help="the cleaner's guard: documents at least this similar to another are never flagged")
    ap.add_argument("--train", default=None,
                    help="fit (and choose the threshold by cross-validation) on this file's clusters, e.g. "
                         "train.jsonl.gz, then score on --multinews, which the model never saw")
    ap.add_argument("--train-limit", type=int, default=None, help="training clusters to read (default all)")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    from sklearn.linear_model import LogisticRegression

    if args.train:
        x, y, groups = load(Path(args.train), limit=args.train_limit)
    else:
        x, y, groups = load(Path(args.multinews))
    result = cross_validate(x, y, groups, FEATURES, C=args.C, folds=args.folds, seeds=args.seeds,
                            max_similarity=args.max_similarity, chrome_density=args.chrome_density)
    threshold, cv = result["threshold"], result["cv"]
    about = {
        "trained_on": Path(args.multinews).name, "documents": len(y), "off_topic": int(y.sum()),
        "clusters": len(np.unique(groups)), "C": args.C, "folds": args.folds, "seeds": args.seeds,
        "cv_precision": round(float(cv[0]), 4), "cv_recall": round(float(cv[1]), 4), "cv_f1": round(float(cv[2]), 4),
        "chrome_density_rule": args.chrome_density, "max_similarity_guard": args.max_similarity,
    }
    if args.train:
        about["trained_on"] = Path(args.train).name
        fitted = LinearModel.fit(LogisticRegression(C=args.C, max_iter=5000), x, y, FEATURES)
        vx, vy, vgroups = load(Path(args.multinews))
        flags = decide(fitted.probability(vx), vx, threshold, args.max_similarity, args.chrome_density)[0]
        p, r, f = precision_recall_f1(flags, vy)
        about.update({"validated_on": Path(args.multinews).name, "validation_documents": len(vy),
                      "validation_off_topic": int(vy.sum()), "validation_precision": round(float(p), 4),
                      "validation_recall": round(float(r), 4), "validation_f1": round(float(f), 4)})
        print(json.dumps({"validation_precision": about["validation_precision"],
                          "validation_recall": about["validation_recall"], "validation_f1": about["validation_f1"]}))
    model = LinearModel.fit(LogisticRegression(C=args.C, max_iter=5000), x, y, FEATURES, threshold=threshold,
                            about=about)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(json.dumps({"cv_precision": about["cv_precision"], "cv_recall": about["cv_recall"], "cv_f1": about["cv_f1"],
                      "cv_f1_model_only": round(float(result["cv_model_only"][2]), 4), "threshold": threshold,
                      "documents": len(y), "off_topic": int(y.sum()), "out": args.out}))


if __name__ == "__main__":
    main()
