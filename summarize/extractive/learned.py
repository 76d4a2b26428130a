"""A learned sentence scorer: a fitted model over the classic unsupervised signals.

Each sentence is described by what the unsupervised methods compute (TextRank and LexRank
centrality, centroid similarity), where it stands (lead sentence, position in its document),
how many other outlets report it (cross-document support), how central its document is, and
its shape (length, quotation, numbers, question). A model fitted by
``eval/train_salience.py --train`` on Multi-News training clusters to predict the share of a
sentence's bigrams found in the reference weighs them: a ridge regression (``--model ridge``,
the default model, ``summarize/extractive/data/salience_model.json``) or gradient-boosted trees
(``--model trees``, 300 trees over the same 16 features, :mod:`summarize.trees`;
``model: trees``, ``salience_trees.json``, which ``experiment=multinews`` runs: better on
Multi-News, worse than the ridge model away from it, e.g. on DUC 2003). The base class then
selects greedily under the budget with cross-document redundancy, like every other method.
Each model ships as JSON with the ROUGE it reached on the validation clusters, which the fit
never saw, in ``about``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from summarize.extractive.base import Extractive
from summarize.extractive.features import Features
from summarize.extractive.graph import LexRank, TextRank
from summarize.linear import LinearModel, read_model
from summarize.linear import load_model as load_linear
from summarize.trees import TreeModel, is_tree_model
from summarize.trees import load_shipped as load_shipped_trees
from summarize.types import Cluster

MODEL_PATH = Path(__file__).with_name("data") / "salience_model.json"
#: ``model: trees``: the gradient-boosted trees ``experiment=multinews`` runs
TREES_PATH = Path(__file__).with_name("data") / "salience_trees.json"

FEATURES = (
    "textrank_relative",  # TextRank score / the cluster's best
    "lexrank_relative",  # continuous LexRank score / the cluster's best
    "centroid_similarity",  # cosine with the cluster's TF-IDF centroid
    "centroid_relative",  # the same / the cluster's best
    "lead_sentence",  # 1 for a document's first sentence
    "inverse_position",  # 1 / (1 + index in the document)
    "relative_position",  # index / sentences in the document
    "document_centrality",  # cosine of the sentence's document with the rest of the cluster
    "document_share",  # the document's share of the cluster's sentences
    "log_words",  # log(1 + words)
    "has_quote",  # contains a quotation mark
    "has_digit",  # contains a digit
    "support",  # share of the other documents carrying a similar sentence (cosine > 0.3)
    "log_documents",  # log(documents in the cluster)
    "short",  # fewer than 8 words
    "question",  # ends with a question mark
)
_SUPPORT_COSINE = 0.3
_QUOTES = frozenset("\"“”«»„")


def sentence_features(cluster: Cluster, features: Features) -> np.ndarray:
    """One row of :data:`FEATURES` per sentence of ``features``."""
    n = len(features.sentences)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    textrank = np.asarray(TextRank(budget={"sentences": 1}).score(cluster, features), dtype=float)
    lexrank = np.asarray(LexRank(budget={"sentences": 1}).score(cluster, features), dtype=float)
    v = features.vectors
    centroid = np.asarray(v @ features.centroid, dtype=float).ravel()
    position = features.position.astype(float)
    doc = features.doc_index
    n_docs = int(doc.max()) + 1
    per_doc = np.bincount(doc, minlength=n_docs).astype(float)
    # documents as sums of their sentence vectors: centrality of each against the others
    member = sp.csr_matrix((np.ones(n), (doc, np.arange(n))), shape=(n_docs, n))
    doc_vec = np.asarray((member @ v).toarray() if sp.issparse(v) else member @ v, dtype=float)
    total = doc_vec.sum(axis=0)
    rest = total[None, :] - doc_vec
    norms = np.linalg.norm(doc_vec, axis=1) * np.linalg.norm(rest, axis=1)
    doc_central = np.divide((doc_vec * rest).sum(axis=1), norms, out=np.zeros(n_docs), where=norms > 0)
    close = (features.similarity() > _SUPPORT_COSINE).astype(np.float64)
    reach = np.asarray(member @ close.T).T > 0  # sentence x document: a similar sentence there
    reach[np.arange(n), doc] = False
    support = reach.sum(axis=1) / max(n_docs - 1, 1)
    n_words = features.n_words.astype(float)
    texts = [s.text for s in features.sentences]

    def relative(x: np.ndarray) -> np.ndarray:
        top = x.max()
        return x / top if top > 0 else np.zeros_like(x)

    return np.column_stack([
        relative(textrank),
        relative(lexrank),
        centroid,
        relative(centroid),
        (position == 0).astype(float),
        1.0 / (1.0 + position),
        position / per_doc[doc],
        doc_central[doc],
        per_doc[doc] / n,
        np.log1p(n_words),
        np.array([any(c in _QUOTES for c in t) for t in texts], dtype=float),
        np.array([any(c.isdigit() for c in t) for t in texts], dtype=float),
        support,
        np.full(n, np.log(n_docs)),
        (n_words < 8).astype(float),
        np.array([t.rstrip(" \"'”’»)").endswith("?") for t in texts], dtype=float),
    ])


def load_model(path: str | None = None) -> LinearModel | TreeModel:
    """A salience model: ``None`` is the shipped ridge model, ``"trees"`` the shipped
    gradient-boosted trees (``experiment=multinews``), anything else a file written by
    ``eval/train_salience.py`` (``--model ridge`` or ``--model trees``, told apart by its ``kind``)."""
    if path is None:
        return load_linear(None, MODEL_PATH, FEATURES)
    if str(path) == "trees":
        return load_shipped_trees(TREES_PATH, FEATURES)
    text = read_model(path)  # read once: its kind says which model it is
    kind = TreeModel if is_tree_model(text) else LinearModel
    return kind.from_json(text, FEATURES, str(path))


class Learned(Extractive):
    """Sentences ranked by a fitted model over centrality, position, support and shape.

    Args:
        model: path to a model written by ``eval/train_salience.py`` (or a fitted
            :class:`~summarize.linear.LinearModel` or :class:`~summarize.trees.TreeModel`);
            ``None`` is the shipped ridge model, ``"trees"`` the shipped trees (both fitted on
            Multi-News training clusters, see their ``about``).
        cut_lowest: with ``truncate_last``, put the lowest-ranked chosen sentence (the one that
            overflowed the budget) last, after the configured order of the others, so the
            budget cuts it rather than whichever sentence that order puts last (worth +0.1 R-1
            and R-2 F on held-out Multi-News training clusters; eval/README.md).
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    default_redundancy = 0.35

    def __init__(self, *, model: str | LinearModel | TreeModel | None = None, cut_lowest: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cut_lowest = bool(cut_lowest)
        self.model = model if isinstance(model, LinearModel | TreeModel) else load_model(
            None if model is None else str(model))

    def score(self, cluster: Cluster, features: Features) -> np.ndarray:
        return self.model.decision(sentence_features(cluster, features))

    def _order(self, picked: list[int], cluster: Cluster, sentences: tuple) -> list[int]:
        ordered = super()._order(picked, cluster, sentences)
        if self.cut_lowest and self.truncate_last and len(picked) > 1:
            last = picked[-1]  # the greedy choice is best first: this one overflowed, if any did
            ordered = [i for i in ordered if i != last] + [last]
        return ordered
