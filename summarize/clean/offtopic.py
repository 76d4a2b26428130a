"""Off-topic document detection: does a document belong to the event its cluster reports?

The decision (:func:`verdicts`, the cleaner's ``offtopic_documents`` step) is the notion of
"belongs to this event" that groups a day's articles into events
(:func:`summarize.digest.events.outliers`: the same document vectors and threshold), plus the
failed-scrape rule (a page of cookie, log-in and subscribe chrome is not an article). Measured
by ``eval/offtopic_benchmark.py`` (DUC 2003 clusters with a distractor put in; false drops on
DUC 2003, TAC 2011 and Multi-News).

A small logistic model over cluster-relative features is kept beside it: each document is
described by where it stands *within its cluster* (its cosine similarity to the other
documents, its length against theirs, how much of it is web-page chrome, how much ordinary
prose). Its weights were fitted by ``eval/train_offtopic.py`` on Multi-News validation's
``relevant_documents`` labels and ship as JSON (``summarize/clean/data/offtopic_model.json``);
inference is numpy only. Its probability is reported for every document, and it decides only
where the cleaner is given an ``offtopic_threshold``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from summarize.errors import ConfigError
from summarize.linear import LinearModel
from summarize.linear import load_model as load_linear
from summarize.text.tokenize import iter_words, stop_words

MODEL_PATH = Path(__file__).with_name("data") / "offtopic_model.json"

# Web-page chrome that stands in for an article when a scrape fails.
CHROME = re.compile(
    r"\b(?:javascript|cookies?|subscri\w*|log ?in|sign (?:in|up)|verification email|your (?:account|browser|tweets?)|"
    r"tweet|crawls?|archiv\w*|browser|privacy policy|terms of (?:use|service)|newsletter|click (?:here|the link)|"
    r"page (?:not found|you requested)|media playback|unsupported|password|download|ad ?blocker)\b", re.I)

_FIELD = re.compile(r"\S+")  # what str.split() counts, without the list

FEATURES = (
    "centroid_similarity",  # cosine with the sum of the other documents
    "best_similarity",  # best cosine with one other document
    "centroid_similarity_minus_median",  # against the cluster's median document
    "log_length_over_median",  # log((words + 1) / (median words + 1))
    "log_length",  # log(1 + words)
    "chrome_per_100_words",  # web-page chrome terms per 100 words
    "stop_word_share",  # share of function words: prose has many, page chrome and lists few
    "pair",  # 1 when the cluster has exactly two documents
    "pair_shorter_similarity",  # in a pair, the shorter document's similarity (0 otherwise)
)


def chrome_density(text: str) -> float:
    """Web-page chrome terms (cookies, log in, subscribe, tweet, ...) per 100 words."""
    return 100.0 * sum(1 for _ in CHROME.finditer(text)) / max(sum(1 for _ in _FIELD.finditer(text)), 1)


def document_features(texts: Sequence[str], vectors: np.ndarray, language: str) -> np.ndarray:
    """One row of :data:`FEATURES` per document.

    Args:
        texts: the cluster's documents (at least two).
        vectors: their L2-normalised bag-of-words vectors, one row per text (dense, or sparse
            as the cleaner's are).
        language: for the stop-word list.
    """
    n = len(texts)
    if sp.issparse(vectors):  # the cleaner's: one dense row at a time, never documents x vocabulary
        v = sp.csr_matrix(vectors)
        sim = np.asarray((v @ v.T).todense(), dtype=np.float64)
        total = np.asarray(v.sum(axis=0)).ravel()

        def row(i: int) -> np.ndarray:
            return v[i].toarray().ravel()
    else:
        sim = vectors @ vectors.T
        total = vectors.sum(axis=0)

        def row(i: int) -> np.ndarray:
            return vectors[i]
    np.fill_diagonal(sim, -np.inf)
    best = sim.max(axis=1)
    centroid = np.empty(n)
    for i in range(n):
        vi = row(i)
        rest = total - vi
        norm = np.linalg.norm(rest)
        centroid[i] = float(vi @ rest / norm) if norm > 0 else 0.0
    stops = stop_words(language)
    counted = [_count(t, stops) for t in texts]  # words and stop words, without a list of tokens
    length = np.array([c[0] for c in counted], dtype=float)
    median = float(np.median(length))
    chrome = np.array([chrome_density(t) for t in texts])
    share = np.array([s / c if c else 0.0 for c, s in counted])
    pair = float(n == 2)
    shorter = (length <= length.min()).astype(float)
    return np.column_stack([
        centroid,
        best,
        centroid - np.median(centroid),
        np.log((length + 1) / (median + 1)),
        np.log1p(length),
        chrome,
        share,
        np.full(n, pair),
        pair * shorter * best,
    ])


def _count(text: str, stops: frozenset[str]) -> tuple[int, int]:
    """How many words ``text`` has, and how many of them are stop words."""
    n = stopped = 0
    for w in iter_words(text):
        n += 1
        stopped += w.lower() in stops
    return n, stopped


def event_outliers(texts: Sequence[str], titles: Sequence[str | None],
                   language: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which documents do not belong to the event the others report, by the rule that groups a
    day's articles into events (:func:`summarize.digest.events.outliers`: the same document
    vectors, the same threshold). In a cluster of two, where neither can be told apart as the odd
    one by that rule, the shorter is an outlier when the two share next to nothing (a
    similarity below :data:`~summarize.digest.events.PAIR_SIMILARITY`).

    Returns:
        ``(outlier, mean, rest)`` per document: whether it is an outlier, its mean similarity to
        the others, and the others' cohesion.
    """
    from summarize.digest.events import PAIR_SIMILARITY, outliers, similarity_matrix
    from summarize.types import Document

    docs = [Document(id=str(i), text=t, title=title) for i, (t, title) in enumerate(zip(texts, titles, strict=True))]
    sim = similarity_matrix(docs, language)
    outlier, mean, rest = outliers(sim)
    if len(docs) == 2 and sim[0, 1] < PAIR_SIMILARITY:
        # two reports that share next to nothing (grouping would never join them): the shorter
        # one is the odd one out (a teaser glued to a story, a stray snippet)
        outlier[int(np.argmin([sum(1 for _ in iter_words(t)) for t in texts]))] = True
    return outlier, mean, rest


def verdicts(texts: Sequence[str], titles: Sequence[str | None], language: str, p: np.ndarray, x: np.ndarray, *,
             threshold: float | None, max_similarity: float,
             chrome_density: float) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Which documents of a cluster are off-topic, which of those are failed scrapes, and why.

    A failed scrape (``chrome_density`` or more web-page chrome terms per 100 words) is; so is a
    document that does not belong to the event the others report (:func:`event_outliers`).
    The model's probability ``p`` acts only where a ``threshold`` is given (then as
    :func:`decide` says); by default it is reported, not acted on: at its own threshold it
    dropped 3-14% of the genuine reports of curated clusters (``eval/offtopic_benchmark.py``).

    Args:
        texts: the cluster's documents.
        titles: their titles (``None`` where untitled).
        language: their language.
        p: the model's off-topic probability of each.
        x: their :data:`FEATURES`.
        threshold: the model's probability threshold, or ``None`` (the model does not decide).
        max_similarity: see :func:`decide`.
        chrome_density: web-page chrome terms per 100 words that make a failed scrape.

    Returns:
        ``(drop, scraped, reasons)``: per document, whether it is off-topic, whether it is a
        failed scrape, and the reason the cleaning report gives (meaningful where dropped).
    """
    chrome = x[:, FEATURES.index("chrome_per_100_words")]
    scraped = chrome >= chrome_density
    outlier, mean, rest = event_outliers(texts, titles, language)
    flagged = np.zeros(len(texts), dtype=bool)
    if threshold is not None:
        flagged = decide(p, x, threshold, max_similarity, chrome_density)[0] & ~scraped & ~outlier
    reasons = []
    for i in range(len(texts)):
        if scraped[i]:
            reasons.append(f"off-topic: failed scrape, {chrome[i]:.1f} web-page chrome terms per 100 words")
        elif flagged[i]:
            reasons.append(f"off-topic: probability {p[i]:.2f} >= {threshold:.2f} (best similarity to another "
                           f"document {x[i, FEATURES.index('best_similarity')]:.3f})")
        else:
            reasons.append(f"off-topic: not part of the event (mean similarity {mean[i]:.3f} to the other documents, "
                           f"theirs to each other {rest[i]:.3f}; model probability {p[i]:.2f})")
    return scraped | outlier | flagged, scraped, reasons


def load_model(path: str | None = None) -> LinearModel:
    """The shipped model, or one written by ``eval/train_offtopic.py`` at ``path``."""
    model = load_linear(path, MODEL_PATH, FEATURES)
    if model.threshold is None:
        raise ConfigError(f"off-topic model {path or MODEL_PATH} has no probability threshold")
    return model


def decide(p: np.ndarray, x: np.ndarray, threshold: float, max_similarity: float,
           chrome_density: float) -> tuple[np.ndarray, np.ndarray]:
    """Which documents are off-topic, and which of those are failed scrapes.

    A failed scrape (``chrome_density`` or more web-page chrome terms per 100 words) always
    is; any other document when its probability ``p`` is at least ``threshold`` and its best
    similarity with another document is below ``max_similarity`` (a document sharing that
    much vocabulary with another report is kept whatever the model says). ``x`` holds the
    documents' :data:`FEATURES`. The cleaner and ``eval/train_offtopic.py`` both decide here.
    """
    scraped = x[:, FEATURES.index("chrome_per_100_words")] >= chrome_density
    flagged = (p >= threshold) & (x[:, FEATURES.index("best_similarity")] < max_similarity)
    return scraped | flagged, scraped
