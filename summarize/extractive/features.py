"""Sentence features shared by the extractive methods, computed once per cluster, lazily.

Every sentence becomes a bag of stemmed content words (stop words removed, the cluster's
language's Snowball stemmer); the cluster becomes a sparse term-frequency matrix, TF-IDF
vectors with unit length, and, when a method asks, the cosine similarity between sentences.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sp

from summarize.text.tokenize import Stemmer, stop_words, words
from summarize.types import Cluster, Sentence

#: per language, each word as written -> its content stem (``None``: a stop word or a number)
_CONTENT: dict[str, dict[str, str | None]] = {}
_CONTENT_SIZE = 500_000


class Features:
    """Lazily computed representations of one cluster's sentences.

    Args:
        cluster: the cluster.
        sentences: its sentences (``cluster.sentences``), the rows of every matrix here.
    """

    def __init__(self, cluster: Cluster, sentences: tuple[Sentence, ...], dense: np.ndarray | None = None) -> None:
        self.cluster = cluster
        self.sentences = sentences
        self.language = cluster.language
        #: unit-length sentence embeddings, when a dense encoder is configured
        self.dense = dense
        #: independent outlets carrying each sentence's claim (set by the base class when a
        #: method or the key-fact rule asks for it; see :mod:`summarize.text.claims`)
        self.corroboration: np.ndarray | None = None

    def subset(self, keep: np.ndarray) -> Features:
        """The same cluster seen through the sentences ``keep`` (indices), reusing the tokens
        already computed here instead of tokenizing and stemming them again."""
        sub = Features(self.cluster, tuple(self.sentences[i] for i in keep),
                       None if self.dense is None else self.dense[keep])
        for name in ("tokens", "stems"):
            if name in self.__dict__:
                sub.__dict__[name] = [self.__dict__[name][i] for i in keep]
        return sub

    def encoded(self, encoder: Any) -> np.ndarray:
        """``encoder.encode`` of every sentence (one row each), encoded once per encoder and kept
        here: a method asks for them more than once per summary (the fact-redundancy limits of
        the key fact's room and of the choice after it)."""
        cache: list[tuple[Any, np.ndarray]] = self.__dict__.setdefault("_encoded", [])
        for known, rows in cache:
            if known is encoder:
                return rows
        rows = np.asarray(encoder.encode([s.text for s in self.sentences]), dtype=np.float64)
        cache.append((encoder, rows))
        return rows

    @property
    def vectors(self) -> sp.csr_matrix | np.ndarray:
        """The unit-length sentence vectors similarity is computed on: dense if given, else TF-IDF."""
        return self.dense if self.dense is not None else self.tfidf

    @cached_property
    def doc_index(self) -> np.ndarray:
        """Position of each sentence's document in the cluster."""
        pos = {d.id: k for k, d in enumerate(self.cluster.documents)}
        return np.array([pos[s.doc_id] for s in self.sentences], dtype=np.int64)

    @cached_property
    def position(self) -> np.ndarray:
        """Index of each sentence in its document (0 = lead)."""
        return np.array([s.index for s in self.sentences], dtype=np.int64)

    @cached_property
    def n_words(self) -> np.ndarray:
        """Whitespace word count of each sentence (the unit of word budgets)."""
        return np.array([len(s.text.split()) for s in self.sentences], dtype=np.int64)

    @cached_property
    def tokens(self) -> list[list[str]]:
        """Lower-cased, stemmed words of each sentence, stop words included (for n-grams)."""
        stem = Stemmer(self.language)
        return [[stem(w.lower()) for w in words(s.text)] for s in self.sentences]

    @cached_property
    def stop_stems(self) -> frozenset[str]:
        """The stems of the language's stop words."""
        stem = Stemmer(self.language)
        return frozenset(stem(w) for w in stop_words(self.language)) | stop_words(self.language)

    @cached_property
    def stems(self) -> list[list[str]]:
        """Stemmed content words of each sentence (stop words and numbers-only tokens removed)."""
        stops = self.stop_stems
        if "tokens" in self.__dict__:
            return [[t for t in toks if t not in stops and not t.isdigit()] for toks in self.tokens]
        # straight from the text: a method that needs no n-grams does not hold every token of a
        # huge document (issue 15)
        stem = Stemmer(self.language)
        # each distinct word (as written) once per language: its content stem, or None for a stop
        # word or a number (the stop stems are the language's)
        kept = _CONTENT.setdefault(stem.language, {})
        out = []
        for s in self.sentences:
            if len(kept) >= _CONTENT_SIZE:
                kept.clear()
            ws = words(s.text)
            for w in ws:
                if w not in kept:
                    t = stem(w.lower())
                    kept[w] = None if t in stops or t.isdigit() else t
            out.append([t for t in map(kept.__getitem__, ws) if t is not None])
        return out

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        vocab: dict[str, int] = {}
        for toks in self.stems:
            for t in toks:
                if t not in vocab:
                    vocab[t] = len(vocab)
        return vocab

    @cached_property
    def tf(self) -> sp.csr_matrix:
        """Term counts, sentences x vocabulary."""
        vocab = self.vocabulary
        stems = self.stems
        rows = np.repeat(np.arange(len(stems), dtype=np.int64), [len(toks) for toks in stems])
        cols = np.fromiter((vocab[t] for toks in stems for t in toks), dtype=np.int64, count=len(rows))
        data = np.ones(len(rows), dtype=np.float64)
        m = sp.csr_matrix((data, (rows, cols)), shape=(len(self.sentences), max(len(vocab), 1)))
        m.sum_duplicates()
        return m

    @cached_property
    def idf(self) -> np.ndarray:
        """Smoothed inverse sentence frequency of each term: log(1 + n / df)."""
        df = np.asarray((self.tf > 0).sum(axis=0)).ravel()
        return np.log1p(len(self.sentences) / np.maximum(df, 1))

    @cached_property
    def doc_frequency(self) -> np.ndarray:
        """In how many documents each term occurs."""
        tf = self.tf.tocoo()
        pairs = np.unique(np.stack([self.doc_index[tf.row], tf.col]), axis=1)
        return np.bincount(pairs[1], minlength=self.tf.shape[1]).astype(np.float64)

    @cached_property
    def tfidf(self) -> sp.csr_matrix:
        """TF-IDF rows with unit L2 norm (empty sentences stay zero)."""
        m = self.tf.multiply(self.idf[None, :]).tocsr()
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        return sp.csr_matrix(sp.diags(inv) @ m)

    def similarity(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Cosine similarity of the sentence vectors: ``rows`` (default all) x all sentences."""
        v = self.vectors
        left = v if rows is None else v[rows]
        out = left @ v.T
        return np.asarray(out.todense()) if sp.issparse(out) else np.asarray(out)

    @cached_property
    def centroid(self) -> np.ndarray:
        """The cluster's centroid, unit length (TF-IDF weighted term counts, or mean embedding)."""
        if self.dense is not None:
            c = self.dense.mean(axis=0)
            norm = np.linalg.norm(c)
            return c / norm if norm > 0 else c
        c = np.asarray(self.tf.sum(axis=0)).ravel() * self.idf
        norm = np.linalg.norm(c)
        return c / norm if norm > 0 else c
