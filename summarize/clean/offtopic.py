"""Off-topic document detection: a small logistic model over cluster-relative features.

Each document of a cluster is described by where it stands *within its cluster* (so the
model carries over between corpora and languages): its cosine similarity to the other
documents, its length against theirs, how much of it is web-page chrome (a failed scrape),
and how much of it is ordinary prose. The weights are fitted by ``eval/train_offtopic.py`` on
Multi-News validation's ``relevant_documents`` labels and shipped as JSON
(``summarize/clean/data/offtopic_model.json``, with the settings and the cross-validated
scores it was trained to); inference is numpy only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from summarize.errors import ConfigError
from summarize.linear import LinearModel
from summarize.linear import load_model as load_linear
from summarize.text.tokenize import stop_words, words

MODEL_PATH = Path(__file__).with_name("data") / "offtopic_model.json"

# Web-page chrome that stands in for an article when a scrape fails.
CHROME = re.compile(
    r"\b(?:javascript|cookies?|subscri\w*|log ?in|sign (?:in|up)|verification email|your (?:account|browser|tweets?)|"
    r"tweet|crawls?|archiv\w*|browser|privacy policy|terms of (?:use|service)|newsletter|click (?:here|the link)|"
    r"page (?:not found|you requested)|media playback|unsupported|password|download|ad ?blocker)\b", re.I)

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
    return 100.0 * len(CHROME.findall(text)) / max(len(text.split()), 1)


def document_features(texts: Sequence[str], vectors: np.ndarray, language: str) -> np.ndarray:
    """One row of :data:`FEATURES` per document.

    Args:
        texts: the cluster's documents (at least two).
        vectors: their L2-normalised bag-of-words vectors, one row per text.
        language: for the stop-word list.
    """
    n = len(texts)
    sim = vectors @ vectors.T
    np.fill_diagonal(sim, -np.inf)
    best = sim.max(axis=1)
    total = vectors.sum(axis=0)
    centroid = np.empty(n)
    for i in range(n):
        rest = total - vectors[i]
        norm = np.linalg.norm(rest)
        centroid[i] = float(vectors[i] @ rest / norm) if norm > 0 else 0.0
    stops = stop_words(language)
    tokens = [words(t) for t in texts]
    length = np.array([len(t) for t in tokens], dtype=float)
    median = float(np.median(length))
    chrome = np.array([chrome_density(t) for t in texts])
    share = np.array([sum(w.lower() in stops for w in t) / len(t) if t else 0.0 for t in tokens])
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
