"""The probe behind ``--model trees`` (issue 17): which salience model and selection settings to
ship, chosen on held-out Multi-News TRAINING clusters, validation printed only as a check.

Usage: python eval/salience_probe.py --train ../shared/data/multinews/train.jsonl.gz --train-limit 10000 \
           --holdout 2000 --multinews ../shared/data/multinews/validation.jsonl [--cache /tmp/probe]

The first ``--train-limit`` training clusters are cleaned (``clean=default``); each sentence
gets the 16 features of ``summarizer=learned``, 19 more (:data:`EXTRA`: WordLlama cosines with
the cluster's and its document's mean vector, dense support across outlets, the document's
place among the outlets, lengths, within-cluster z-scores, bigram and unigram document
frequency) and 16 principal components of its WordLlama vector, and the targets of
``eval/train_salience.py`` (bigram share; unigram share for one variant). Models are fitted on
all but the last ``--holdout`` of those clusters and every variant is scored (300 words, last
sentence cut, ROUGE F) on the held-out ones and on ``--multinews``. Needs ``wordllama``.
Features are cached under ``--cache`` (pickles written and read by this script only).
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_salience import TREES, new_board, rouge_f, targets  # noqa: E402

from summarize.extractive import Features  # noqa: E402
from summarize.extractive.learned import Learned, load_model, sentence_features  # noqa: E402
from summarize.text.tokenize import Stemmer, words  # noqa: E402

EXTRA = ["dense_centroid", "dense_centroid_rel", "dense_doc", "dense_support", "dense_max_other",
         "outlet_index", "outlet_rel", "doc_log_words", "cluster_log_words", "words_before_log",
         "share_of_cluster_words", "z_centroid", "z_support", "z_textrank", "z_dense_centroid",
         "bigram_df", "unigram_df", "rank_centroid", "n_sentences_log"]


def _z(v: np.ndarray) -> np.ndarray:
    s = v.std()
    return (v - v.mean()) / s if s > 0 else np.zeros_like(v)


def _rank01(v: np.ndarray) -> np.ndarray:
    if len(v) < 2:
        return np.zeros(len(v))
    return np.argsort(np.argsort(-v, kind="stable"), kind="stable") / (len(v) - 1)


def _unit(v: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(v)
    return v / norm if norm > 0 else v


def extra(it: dict) -> np.ndarray:
    """The :data:`EXTRA` columns of one cached cluster."""
    c, x, doc, pos = it["cluster"], it["x"], it["doc"], it["pos"]
    d, nw = it["dense"].astype(np.float64), it["nw"].astype(float)
    n = len(nw)
    if n == 0:
        return np.zeros((0, len(EXTRA)))
    nd = int(doc.max()) + 1
    dc = d @ _unit(d.mean(0))
    dcr = dc / dc.max() if dc.max() > 0 else np.zeros(n)
    ddoc, docw, sims = np.zeros(n), np.zeros(nd), d @ d.T
    for k in range(nd):
        m = doc == k
        ddoc[m] = d[m] @ _unit(d[m].mean(0))
        docw[k] = nw[m].sum()
    sup, most = np.zeros(n), np.zeros(n)
    if nd > 1:  # each sentence's best cosine in every other document
        per = np.stack([sims[:, doc == k].max(1) for k in range(nd)], 1)
        per[np.arange(n), doc] = np.nan
        sup, most = np.nanmean(per, 1), np.nanmax(per, 1)
    before = np.zeros(n)
    for k in range(nd):
        idx = np.where(doc == k)[0]
        idx = idx[np.argsort(pos[idx])]
        before[idx] = np.concatenate([[0], np.cumsum(nw[idx])[:-1]])
    total = nw.sum()
    f = Features(c, c.sentences)
    bigram_docs: dict = {}
    unigram_docs: dict = {}
    for i, t in enumerate(f.tokens):
        for g in set(zip(t, t[1:], strict=False)):
            bigram_docs.setdefault(g, set()).add(doc[i])
    for i, t in enumerate(f.stems):
        for g in set(t):
            unigram_docs.setdefault(g, set()).add(doc[i])
    den = max(nd - 1, 1)
    bdf = np.array([np.mean([(len(bigram_docs[g]) - 1) / den for g in set(zip(t, t[1:], strict=False))])
                    if len(t) > 1 else 0.0 for t in f.tokens])
    udf = np.array([np.mean([(len(unigram_docs[g]) - 1) / den for g in set(t)]) if t else 0.0 for t in f.stems])
    return np.column_stack([dc, dcr, ddoc, sup, most, doc.astype(float), doc / den, np.log1p(docw[doc]),
                            np.full(n, np.log1p(total)), np.log1p(before), nw / max(total, 1),
                            _z(x[:, 2]), _z(x[:, 12]), _z(x[:, 0]), _z(dc), bdf, udf, _rank01(x[:, 2]),
                            np.full(n, np.log(n))])


def cache_clusters(path: str, limit: int | None, out: Path) -> list[dict]:
    """Cleaned clusters with their features, targets and WordLlama vectors (cached at ``out``)."""
    if out.exists():
        with out.open("rb") as handle:
            return pickle.load(handle)
    from summarize.clean import Cleaner
    from summarize.extractive.embeddings import cached_encoder
    from summarize.io import MultiNewsDataset

    enc, cleaner, rows = cached_encoder("wordllama"), Cleaner(), []
    for raw in MultiNewsDataset(path, limit=limit):
        c = cleaner.clean(raw)[0]
        f = Features(c, c.sentences)
        stem, ref = Stemmer(c.language), Counter()
        for r in c.references:
            ref += Counter(stem(w.lower()) for w in words(r))
        y1 = np.array([sum(min(v, ref[g]) for g, v in Counter(t).items()) / max(len(t), 1) for t in f.tokens])
        dense = enc.encode([s.text for s in c.sentences]).astype(np.float32)
        rows.append({"cluster": c, "x": sentence_features(c, f), "y": targets(c, f), "y1": y1, "dense": dense,
                     "doc": f.doc_index.copy(), "pos": f.position.copy(), "nw": f.n_words.copy()})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        pickle.dump(rows, handle)
    return rows


class _Fixed(Learned):
    """``Learned`` with scores given per cluster id (the selection is the toolkit's own)."""

    def __init__(self, table: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.table = table

    def score(self, cluster, features):
        return self.table[cluster.id]


def evaluate(items: list[dict], scores: list[np.ndarray], redundancy: float = 0.35, **kwargs) -> dict:
    """ROUGE F of ``Learned``'s selection (300 words, last sentence cut, raw sentences, source order)."""
    table = {it["cluster"].id: s for it, s in zip(items, scores, strict=True)}
    summarizer = _Fixed(table, budget={"words": 300}, truncate_last=True, redundancy=redundancy, readable=False,
                        key_fact="none", order=kwargs.pop("order", "source"), **kwargs)
    board = new_board()
    for it in items:
        board.add(summarizer.summarize(it["cluster"]).sentences, it["cluster"].references)
    return {k: round(v, 2) for k, v in rouge_f(board).items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", required=True)
    ap.add_argument("--train-limit", type=int, default=10000)
    ap.add_argument("--holdout", type=int, default=2000, help="last training clusters held out for selection")
    ap.add_argument("--multinews", required=True, help="validation clusters (a check, never used to choose)")
    ap.add_argument("--cache", default="/tmp/salience_probe")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    from sklearn.decomposition import PCA
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.linear_model import Ridge
    from sklearn.preprocessing import StandardScaler

    cache = Path(args.cache)
    train = cache_clusters(args.train, args.train_limit, cache / f"train{args.train_limit}.pkl")
    val = cache_clusters(args.multinews, None, cache / "validation.pkl")
    fit, held = train[:-args.holdout], train[-args.holdout:]
    pca = PCA(16, random_state=0).fit(np.vstack([it["dense"] for it in fit])[::5])

    def design(items, cols):
        parts = {"b": lambda it: it["x"], "e": extra, "p": lambda it: pca.transform(it["dense"])}
        return [np.hstack([parts[c](it) for c in cols]) for it in items]

    shipped = load_model()
    rows = {"held": held, "validation": val}
    print(json.dumps({"model": "shipped", **{k: evaluate(v, [shipped.decision(it["x"]) for it in v])
                                           for k, v in rows.items()}}), flush=True)
    for cols, kind, target in [("b", "ridge", "y"), ("be", "ridge", "y"), ("b", "trees", "y"), ("be", "trees", "y"),
                               ("bep", "trees", "y"), ("be", "trees", "y1")]:
        x = np.vstack(design(fit, cols))
        y = np.concatenate([it[target] for it in fit])
        if kind == "ridge":
            scaler = StandardScaler().fit(x)
            est = Ridge(alpha=10).fit(scaler.transform(x), y)

            def predict(z, est=est, scaler=scaler):
                return est.predict(scaler.transform(z))
        else:
            predict = HistGradientBoostingRegressor(**TREES).fit(x, y).predict
        scores = {k: [predict(z) for z in design(v, cols)] for k, v in rows.items()}
        print(json.dumps({"model": kind, "columns": cols, "target": target,
                          **{k: evaluate(rows[k], s) for k, s in scores.items()}}), flush=True)
        if (cols, kind) == ("b", "trees"):  # the selection settings, on the held-out training clusters only
            for settings in ({"redundancy": 0.25}, {"redundancy": 0.45}, {"order": "rank"}, {"min_words": 6},
                             {"max_words": 55}, {"cut_lowest": True}, {"cut_lowest": True, "redundancy": 0.3}):
                print(json.dumps({"model": "trees", "columns": cols, "selection": settings,
                                  "held": evaluate(held, scores["held"], **dict(settings))}), flush=True)


if __name__ == "__main__":
    main()
