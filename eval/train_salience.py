"""Fit the learned sentence scorer (``summarizer=learned``) on Multi-News, with honest numbers.

Usage: python eval/train_salience.py --multinews ../shared/data/multinews/validation.jsonl \
           [--out summarize/extractive/data/salience_model.json] [--alpha 1.0] [--folds 5]

Every cluster is cleaned (``clean=default``), each sentence gets the features of
``summarize.extractive.learned.sentence_features`` and a target: the share of its bigrams
(stemmed, stop words kept) found in the reference. A ridge regression (scikit-learn) is
scored by cluster-grouped k-fold cross-validation: each held-out fold is summarized (300
words, the last sentence truncated) with the model fitted on the other folds, and its ROUGE F
is printed next to the first-300-words baseline and TextRank scored in the same run. The model
is then refitted on every cluster and written as JSON with those numbers in ``about``.
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
from summarize.evaluation.rouge import RougeSettings, score_summary  # noqa: E402
from summarize.extractive import Features, Lead, TextRank  # noqa: E402
from summarize.extractive.learned import FEATURES, MODEL_PATH, Learned, sentence_features  # noqa: E402
from summarize.io import MultiNewsDataset  # noqa: E402
from summarize.linear import LinearModel  # noqa: E402
from summarize.text.tokenize import Stemmer, words  # noqa: E402

TYPES = ("rouge1", "rouge2", "rougeLsum")


def bigrams(tokens: list[str]) -> Counter:
    return Counter(zip(tokens, tokens[1:], strict=False))


def targets(cluster, features: Features) -> np.ndarray:
    """Share of each sentence's bigrams that the references contain (clipped counts)."""
    stem = Stemmer(cluster.language)
    ref: Counter = Counter()
    for r in cluster.references:
        ref += bigrams([stem(w.lower()) for w in words(r)])
    out = np.zeros(len(features.sentences))
    for i, toks in enumerate(features.tokens):
        grams = bigrams(toks)
        if grams:
            out[i] = sum(min(c, ref[g]) for g, c in grams.items()) / sum(grams.values())
    return out


def rouge(summarizer, clusters, settings) -> dict[str, float]:
    total = dict.fromkeys(TYPES, 0.0)
    for c in clusters:
        scores = score_summary(summarizer.summarize(c).sentences, c.references, settings)
        for t in TYPES:
            total[t] += scores[t]["fmeasure"]
    return {t: 100 * v / max(len(clusters), 1) for t, v in total.items()}


def fit(x: np.ndarray, y: np.ndarray, alpha: float, about: dict) -> LinearModel:
    from sklearn.linear_model import Ridge
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    ridge = Ridge(alpha=alpha).fit((x - scaler.mean_) / scale, y)
    return LinearModel(features=FEATURES, mean=scaler.mean_, scale=scale, coef=ridge.coef_,
                       intercept=float(ridge.intercept_), about=about)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--alpha", type=float, default=1.0, help="ridge strength")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--redundancy", type=float, default=Learned.default_redundancy)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    logging.disable(logging.WARNING)

    raw = list(MultiNewsDataset(args.multinews, limit=args.limit))
    cleaner = Cleaner()
    clusters = [cleaner.clean(c)[0] for c in raw]
    xs, ys = [], []
    for c in clusters:
        f = Features(c, c.sentences)
        xs.append(sentence_features(c, f))
        ys.append(targets(c, f))
    settings = RougeSettings(types=TYPES)
    budget = {"words": 300}
    folds = np.arange(len(clusters)) % args.folds
    cv = dict.fromkeys(TYPES, 0.0)
    for k in range(args.folds):
        train = [i for i in range(len(clusters)) if folds[i] != k]
        test = [clusters[i] for i in range(len(clusters)) if folds[i] == k]
        model = fit(np.vstack([xs[i] for i in train]), np.concatenate([ys[i] for i in train]), args.alpha, {})
        scores = rouge(Learned(model=model, budget=budget, truncate_last=True, redundancy=args.redundancy),
                       test, settings)
        for t in TYPES:
            cv[t] += scores[t] * len(test) / len(clusters)
    lead = rouge(Lead(budget=budget, truncate_last=True), raw, settings)
    textrank = rouge(TextRank(budget=budget, truncate_last=True, redundancy=0.3, order="source"), clusters, settings)
    about = {
        "trained_on": Path(args.multinews).name, "clusters": len(clusters), "sentences": int(sum(len(y) for y in ys)),
        "target": "share of the sentence's bigrams in the reference", "alpha": args.alpha, "folds": args.folds,
        "cleaning": "clean=default", "budget": "words300, truncate_last", "redundancy": args.redundancy,
        "cv_rouge_f": {t: round(v, 2) for t, v in cv.items()},
        "first_300_words_rouge_f": {t: round(v, 2) for t, v in lead.items()},
        "textrank_cleaned_rouge_f": {t: round(v, 2) for t, v in textrank.items()},
    }
    model = fit(np.vstack(xs), np.concatenate(ys), args.alpha, about)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(json.dumps({"cv_learned": about["cv_rouge_f"], "first_300_words": about["first_300_words_rouge_f"],
                      "textrank_cleaned": about["textrank_cleaned_rouge_f"],
                      "cv_gain_rouge2": round(cv["rouge2"] - lead["rouge2"], 2), "out": args.out}))


if __name__ == "__main__":
    main()
