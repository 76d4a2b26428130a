"""Fit the learned sentence scorer (``summarizer=learned``) on Multi-News, with honest numbers.

Usage: python eval/train_salience.py --multinews ../shared/data/multinews/validation.jsonl \
           [--out summarize/extractive/data/salience_model.json] [--alpha 1.0] [--folds 5]
       python eval/train_salience.py --train ../shared/data/multinews/train.jsonl.gz --train-limit N \
           --multinews ../shared/data/multinews/validation.jsonl [--alphas 1 10 100] --out <model.json>
       python eval/train_salience.py --train ../shared/data/multinews/train.jsonl.gz --train-limit N \
           --multinews ../shared/data/multinews/validation.jsonl --model trees --out <model.json>

Every cluster is cleaned (``clean=default``), each sentence gets the features of
``summarize.extractive.learned.sentence_features`` and a target: the share of its bigrams
(stemmed, stop words kept) found in the reference. A ridge regression (scikit-learn) is
scored by cluster-grouped k-fold cross-validation: each held-out fold is summarized (300
words, the last sentence truncated) with the model fitted on the other folds, and its ROUGE F
is printed next to the first-300-words baseline and TextRank scored in the same run. The model
is then refitted on every cluster and written as JSON with those numbers in ``about``.

``--model trees`` (with ``--train`` only) fits gradient-boosted trees instead
(scikit-learn's ``HistGradientBoostingRegressor`` over the same features and target, settings
:data:`TREES`, chosen on held-out training clusters, never on validation) and writes them
node by node (:class:`summarize.trees.TreeModel`).
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
from summarize.evaluation.rouge import RougeSettings  # noqa: E402
from summarize.evaluation.scoreboard import Scoreboard  # noqa: E402
from summarize.extractive import Features, Lead, TextRank  # noqa: E402
from summarize.extractive.learned import FEATURES, MODEL_PATH, Learned, sentence_features  # noqa: E402
from summarize.io import MultiNewsDataset, make_cluster  # noqa: E402
from summarize.io.jsonl import iter_jsonl  # noqa: E402
from summarize.linear import LinearModel  # noqa: E402
from summarize.text.tokenize import Stemmer, words  # noqa: E402

TYPES = ("rouge1", "rouge2", "rougeLsum")
#: the gradient-boosting settings of ``--model trees``, chosen on training clusters 8,000-9,999
#: held out from a fit on the first 8,000 (eval/README.md, Multi-News section)
TREES = {"max_iter": 300, "learning_rate": 0.05, "max_leaf_nodes": 31, "min_samples_leaf": 200,
         "l2_regularization": 1.0, "early_stopping": False, "random_state": 0}


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


def new_board() -> Scoreboard:
    """A scoreboard of :data:`TYPES` that keeps means only (these scripts print no intervals)."""
    return Scoreboard(RougeSettings(types=TYPES), n_resamples=0)


def add(board: Scoreboard, summarizer, clusters) -> Scoreboard:
    for c in clusters:
        board.add(summarizer.summarize(c).sentences, c.references)
    return board


def rouge_f(board: Scoreboard) -> dict[str, float]:
    metrics = board.metrics()
    return {t: 100 * metrics[t]["fmeasure"] for t in TYPES}


def gold_relevant(path: str, raw: list) -> list:
    """``raw`` with only the documents the annotators kept in ``relevant_documents`` (all of a
    cluster's when it lists none): what perfect off-topic detection would leave."""
    out = []
    for cluster, (_, obj) in zip(raw, iter_jsonl(Path(path)), strict=False):
        relevant = {t.strip() for t in obj.get("relevant_documents") or []}
        kept = [d for d in cluster.documents if d.text in relevant] or list(cluster.documents)
        out.append(make_cluster(id=cluster.id, documents=kept, references=cluster.references,
                                language=cluster.language))
    return out


def prepare(path: str, limit: int | None = None, features=sentence_features, gold_offtopic: bool = False):
    """The raw clusters, their cleaned versions, and each cleaned cluster's feature rows and targets.

    ``features(cluster, Features) -> array`` is :func:`sentence_features` unless a probe
    (``eval/dense_probe.py``) adds columns. ``gold_offtopic`` first leaves out the documents
    the annotators judged off-topic (:func:`gold_relevant`), a diagnostic.
    """
    raw = list(MultiNewsDataset(path, limit=limit))
    cleaner = Cleaner()
    clusters = [cleaner.clean(c)[0] for c in (gold_relevant(path, raw) if gold_offtopic else raw)]
    xs, ys = [], []
    for c in clusters:
        f = Features(c, c.sentences)
        xs.append(features(c, f))
        ys.append(targets(c, f))
    return raw, clusters, xs, ys


def benchmark_learned(model, budget, redundancy: float = Learned.default_redundancy,
                      cut_lowest: bool = False) -> Learned:
    """The scorer as ``experiment=multinews`` runs it: raw sentences (the model is fitted on them),
    source order, no key fact, the last sentence truncated to fill the budget (with
    ``cut_lowest``, the lowest-ranked one: see :class:`Learned`)."""
    return Learned(model=model, budget=budget, truncate_last=True, redundancy=redundancy, readable=False,
                   key_fact="none", order="source", cut_lowest=cut_lowest)


def cross_validate(clusters, xs, ys, names: tuple[str, ...], *, folds: int = 5, alpha: float = 1.0,
                   summarizer=None) -> dict[str, float]:
    """ROUGE F of every cluster summarized by the ridge model fitted on the other folds.

    ``summarizer(model)`` builds the summarizer for a fitted model (default: :class:`Learned`
    at 300 words, the last sentence truncated, its default redundancy).
    """
    from sklearn.linear_model import Ridge

    if summarizer is None:
        def summarizer(model):
            return benchmark_learned(model, {"words": 300})
    fold = np.arange(len(clusters)) % folds
    scores = new_board()
    for k in range(folds):
        train = [i for i in range(len(clusters)) if fold[i] != k]
        model = LinearModel.fit(Ridge(alpha=alpha), np.vstack([xs[i] for i in train]),
                                np.concatenate([ys[i] for i in train]), names)
        add(scores, summarizer(model), [clusters[i] for i in range(len(clusters)) if fold[i] == k])
    return rouge_f(scores)


def train_on_training_data(args: argparse.Namespace) -> None:
    """Fit on ``--train`` (training clusters), score on ``--multinews`` (validation): every number
    printed is on clusters the model never saw; ``--alphas`` are chosen on those same validation
    clusters (say so when quoting them). Writes the model with the record in ``about``."""
    from sklearn.linear_model import Ridge

    _, train_clusters, xs, ys = prepare(args.train, args.train_limit)
    raw, clusters, _, _ = prepare(args.multinews, args.limit)
    budget = {"words": 300}
    x, y = np.vstack(xs), np.concatenate(ys)
    if getattr(args, "model", "ridge") == "trees":
        return _write_trees(args, train_clusters, x, y, raw, clusters, budget)
    tried = {}
    for alpha in args.alphas or [args.alpha]:
        model = LinearModel.fit(Ridge(alpha=alpha), x, y, FEATURES)
        tried[alpha] = rouge_f(add(new_board(), benchmark_learned(model, budget, args.redundancy), clusters))
        print(json.dumps({"alpha": alpha, "validation_rouge_f": {t: round(v, 2) for t, v in tried[alpha].items()}}),
              flush=True)
    best = max(tried, key=lambda a: tried[a]["rouge2"])
    lead = rouge_f(add(new_board(), Lead(budget=budget, truncate_last=True, readable=False), raw))
    about = {
        "trained_on": Path(args.train).name, "clusters": len(train_clusters), "sentences": int(len(y)),
        "target": "share of the sentence's bigrams in the reference", "alpha": best,
        "alphas_tried_on_validation": sorted(tried), "cleaning": "clean=default", "budget": "words300, truncate_last",
        "redundancy": args.redundancy, "validated_on": Path(args.multinews).name, "validation_clusters": len(clusters),
        "validation_rouge_f": {t: round(v, 2) for t, v in tried[best].items()},
        "first_300_words_rouge_f": {t: round(v, 2) for t, v in lead.items()},
    }
    model = LinearModel.fit(Ridge(alpha=best), x, y, FEATURES, about=about)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(json.dumps({"validation_learned": about["validation_rouge_f"], "alpha": best,
                      "first_300_words": about["first_300_words_rouge_f"], "out": args.out}))


def _write_trees(args, train_clusters, x, y, raw, clusters, budget) -> None:
    """``--model trees``: fit :data:`TREES` on the training rows, score on validation, write."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    from summarize.trees import TreeModel

    params = dict(TREES, **(getattr(args, "trees", None) or {}))
    fitted = HistGradientBoostingRegressor(**params).fit(x, y)
    model = TreeModel.from_sklearn(fitted, FEATURES)
    cut_lowest = bool(getattr(args, "cut_lowest", False))
    scores = rouge_f(add(new_board(), benchmark_learned(model, budget, args.redundancy, cut_lowest), clusters))
    lead = rouge_f(add(new_board(), Lead(budget=budget, truncate_last=True, readable=False), raw))
    about = {
        "trained_on": Path(args.train).name, "clusters": len(train_clusters), "sentences": int(len(y)),
        "target": "share of the sentence's bigrams in the reference",
        "model": "HistGradientBoostingRegressor (scikit-learn), written as trees",
        "settings": {k: v for k, v in params.items() if k != "early_stopping"},
        "settings_chosen_on": "training clusters held out from the fit (never validation)",
        "cleaning": "clean=default", "budget": "words300, truncate_last",
        "redundancy": args.redundancy, "cut_lowest": cut_lowest, "validated_on": Path(args.multinews).name,
        "validation_clusters": len(clusters), "validation_rouge_f": {t: round(v, 2) for t, v in scores.items()},
        "first_300_words_rouge_f": {t: round(v, 2) for t, v in lead.items()},
    }
    model = TreeModel.from_sklearn(fitted, FEATURES, about=about)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(json.dumps({"validation_learned": about["validation_rouge_f"], "model": "trees",
                      "first_300_words": about["first_300_words_rouge_f"], "out": args.out}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--alpha", type=float, default=1.0, help="ridge strength")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--redundancy", type=float, default=Learned.default_redundancy)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--train", default=None,
                    help="fit on this file's clusters (e.g. train.jsonl.gz) and score the model on --multinews, "
                         "which it never saw (no cross-validation then)")
    ap.add_argument("--train-limit", type=int, default=None, help="training clusters to read (default all)")
    ap.add_argument("--alphas", type=float, nargs="*", default=None,
                    help="with --train: ridge strengths to try, the best R-2 F on --multinews kept")
    ap.add_argument("--model", choices=("ridge", "trees"), default="ridge",
                    help="with --train: a ridge model (default) or gradient-boosted trees (settings TREES)")
    ap.add_argument("--cut-lowest", action="store_true",
                    help="with --model trees: score validation with Learned(cut_lowest=True), as experiment=multinews runs")
    ap.add_argument("--gold-offtopic", action="store_true",
                    help="diagnostic: leave out the documents the annotators judged off-topic before cleaning "
                         "(what perfect off-topic detection is worth); prints the scores and writes no model")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    from sklearn.linear_model import Ridge

    if args.train:
        train_on_training_data(args)
        return
    raw, clusters, xs, ys = prepare(args.multinews, args.limit, gold_offtopic=args.gold_offtopic)
    budget = {"words": 300}
    cv = cross_validate(clusters, xs, ys, FEATURES, folds=args.folds, alpha=args.alpha,
                        summarizer=lambda model: benchmark_learned(model, budget, args.redundancy))
    lead = rouge_f(add(new_board(), Lead(budget=budget, truncate_last=True, readable=False), raw))
    textrank = rouge_f(add(new_board(), TextRank(budget=budget, truncate_last=True, redundancy=0.3,
                                                          order="source"), clusters))
    about = {
        "trained_on": Path(args.multinews).name, "clusters": len(clusters), "sentences": int(sum(len(y) for y in ys)),
        "target": "share of the sentence's bigrams in the reference", "alpha": args.alpha, "folds": args.folds,
        "cleaning": "clean=default", "budget": "words300, truncate_last", "redundancy": args.redundancy,
        "cv_rouge_f": {t: round(v, 2) for t, v in cv.items()},
        "first_300_words_rouge_f": {t: round(v, 2) for t, v in lead.items()},
        "textrank_cleaned_rouge_f": {t: round(v, 2) for t, v in textrank.items()},
    }
    if args.gold_offtopic:
        print(json.dumps({"gold_offtopic": True, "cv_learned": about["cv_rouge_f"],
                          "first_300_words_all_documents": about["first_300_words_rouge_f"],
                          "textrank_cleaned": about["textrank_cleaned_rouge_f"],
                          "cv_gain_rouge2": round(cv["rouge2"] - lead["rouge2"], 2)}))
        return
    model = LinearModel.fit(Ridge(alpha=args.alpha), np.vstack(xs), np.concatenate(ys), FEATURES, about=about)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(json.dumps({"cv_learned": about["cv_rouge_f"], "first_300_words": about["first_300_words_rouge_f"],
                      "textrank_cleaned": about["textrank_cleaned_rouge_f"],
                      "cv_gain_rouge2": round(cv["rouge2"] - lead["rouge2"], 2), "out": args.out}))


if __name__ == "__main__":
    main()
