"""Would dense similarity help? A probe with WordLlama's static embeddings, against the shipped features.

Usage: pip install wordllama==0.4.0.post1
       python eval/dense_probe.py --multinews ../shared/data/multinews/validation.jsonl

WordLlama (MIT, https://github.com/dleemiller/WordLlama) ships 256-dimensional token
embeddings (16 MB, distilled from LLaMA 3's embedding table and trained for sentence
similarity) inside its PyPI wheel, so it runs offline and fast on a CPU (tens of thousands of
sentences a second); the probe uses the toolkit's own encoder for it
(``summarize.extractive.embeddings.WordLlamaEncoder``, ``summarizer.embeddings=wordllama``).
Three questions, each answered in one run against the project's own numbers:

1. off-topic documents: the 9 features of ``summarize.clean.offtopic`` plus 4 dense ones
   (a document's cosine with the other documents' mean, its best cosine with one other, each
   minus the cluster median), same grouped cross-validation as ``eval/train_offtopic.py``;
2. unsupervised selection: TextRank and centroid on dense sentence vectors vs TF-IDF
   (``clean=default``, 300 words; dense cosines run high, so redundancy 0.7 instead of 0.3);
3. ``summarizer=learned``: its 16 features plus 3 dense ones (cosine with the dense
   centroid, the same relative to the best, dense degree centrality), same cross-validation
   as ``eval/train_salience.py``.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import train_offtopic  # noqa: E402
import train_salience  # noqa: E402

from summarize.clean.offtopic import FEATURES as OFFTOPIC_FEATURES  # noqa: E402
from summarize.clean.offtopic import document_features  # noqa: E402
from summarize.errors import ConfigError  # noqa: E402
from summarize.extractive import Centroid, TextRank  # noqa: E402
from summarize.extractive.embeddings import WORDLLAMA, cached_encoder  # noqa: E402
from summarize.extractive.learned import FEATURES as SALIENCE_FEATURES  # noqa: E402
from summarize.extractive.learned import Learned, sentence_features  # noqa: E402


def relative_to_cluster(e: np.ndarray, texts: list[str]) -> np.ndarray:
    """Per document: the off-topic model's similarity features computed on dense rows ``e``
    (cosine with the other documents' sum, best cosine with one other, the first minus the
    cluster median), plus the best cosine minus its median."""
    x = document_features(texts, e, "english")
    best = x[:, OFFTOPIC_FEATURES.index("best_similarity")]
    similarity = ("centroid_similarity", "best_similarity", "centroid_similarity_minus_median")
    return np.column_stack([*(x[:, OFFTOPIC_FEATURES.index(f)] for f in similarity), best - np.median(best)])


def wordllama(prog: str):
    """The encoder ``summarizer.embeddings=wordllama`` uses, loaded; one line and exit without the dense extra."""
    encoder = cached_encoder(WORDLLAMA)
    try:
        encoder.encode(["probe"])
    except ConfigError as e:
        sys.exit(f"{prog}: {e}")
    return encoder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multinews", required=True)
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    encoder = wordllama("dense_probe")
    out: dict[str, object] = {}

    # 1. off-topic documents
    x, y, groups = train_offtopic.load(Path(args.multinews),
                                       extra=lambda texts, _record: relative_to_cluster(encoder.encode(texts), texts))
    dense_names = OFFTOPIC_FEATURES + ("dense_centroid", "dense_best", "dense_centroid_minus_median",
                                       "dense_best_minus_median")
    base = list(range(len(OFFTOPIC_FEATURES)))
    for guard in (0.1, 1.0):
        for name, cols in (("shipped_features", base), ("plus_dense", list(range(x.shape[1])))):
            r = train_offtopic.cross_validate(x[:, cols], y, groups, tuple(dense_names[c] for c in cols),
                                              max_similarity=guard)
            out[f"offtopic_f1_{name}_guard{guard}"] = round(float(r["cv"][2]), 4)

    # 2. unsupervised selection on dense vectors
    def dense_features(cluster, features):
        x = sentence_features(cluster, features)
        if len(x) == 0:
            return np.zeros((0, len(SALIENCE_FEATURES) + 3))
        e = encoder.encode([s.text for s in features.sentences])
        c = e.mean(axis=0)
        cos = e @ (c / max(np.linalg.norm(c), 1e-12))
        sim = np.clip(e @ e.T, 0, None)
        np.fill_diagonal(sim, 0)
        degree = sim.sum(axis=1)
        return np.column_stack([x, cos, cos / max(cos.max(), 1e-12), degree / max(degree.max(), 1e-12)])

    raw, clusters, xs, ys = train_salience.prepare(args.multinews, features=dense_features)
    budget = {"words": 300}
    for method in (TextRank, Centroid):
        for label, kwargs in (("tfidf", {"redundancy": 0.3}), ("dense", {"redundancy": 0.7, "embeddings": WORDLLAMA})):
            board = train_salience.add(train_salience.new_board(), method(budget=budget, truncate_last=True, **kwargs),
                                       clusters)
            out[f"{method.__name__.lower()}_{label}_rouge2"] = round(train_salience.rouge_f(board)["rouge2"], 2)

    # 3. the learned scorer with dense features
    n = len(SALIENCE_FEATURES)
    shipped = train_salience.cross_validate(clusters, [x[:, :n] for x in xs], ys, SALIENCE_FEATURES)
    names = SALIENCE_FEATURES + ("dense_centroid", "dense_centroid_relative", "dense_degree")

    class DenseLearned(Learned):
        def score(self, cluster, features):
            return self.model.decision(dense_features(cluster, features))

    dense = train_salience.cross_validate(
        clusters, xs, ys, names, summarizer=lambda model: DenseLearned(model=model, budget=budget, truncate_last=True))
    out["learned_cv_rouge2_shipped_features"] = round(shipped["rouge2"], 2)
    out["learned_cv_rouge2_plus_dense"] = round(dense["rouge2"], 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
