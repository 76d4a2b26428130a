"""Claim-level support: which sentences of other outlets carry the claim of a sentence.

Provenance used to credit an outlet only with a near-identical sentence (TF-IDF cosine 0.8),
so two outlets that report the same fact in their own words ("All four countries are ardent
supporters of Ukraine." / "All four nations are staunch supporters of Ukraine.") were never
credited together. Here a sentence ``j`` of another document *carries* the claim of ``i`` when

1. it is a near-duplicate (lexical cosine at least ``near_duplicate``), or it says the same in
   other words: dense cosine (WordLlama static embeddings, shipped in its PyPI wheel) at least
   ``dense_threshold`` (0.7) with at least ``min_coverage`` (30%) of ``i``'s content words
   (stems, stop words left out) also in ``j``, the two adding up to ``min_agreement`` (1.45:
   0.75 with 70% of the words, 0.85 with 60%), at most ``max_missing`` (4) of ``i``'s content
   words missing from ``j`` and ``i`` with at least ``min_content`` (3) content words; or,
   without dense vectors, lexical cosine at least ``lexical_threshold`` with ``2 * min_coverage``
   of the content words (and the same limits). The thresholds were set by reading credits of
   DUC 2003 and Multi-News summaries and checked on a second sample read afterwards
   (eval/README.md, "Cross-outlet credit precision");
2. it names no other actors: names are words the cluster writes capitalised inside sentences;
   one sentence may name more than the other, but if each names someone the other does not,
   they are about different actors ("Macron said ... Ukraine" is not carried by "Scholz said
   ... Ukraine", however alike the rest);
3. it makes the same claim (:func:`summarize.text.facts.compare_claims`): the same polarity and
   every number of ``i``. A sentence that passes 1 and 2 but states the opposite or other
   figures *differs*, if it is a near-duplicate or 75% of its own content words are ``i``'s (a
   longer sentence's "not" or figure may belong to another of its claims); one that only
   leaves a number out is neither.

Corroboration counts the independent outlets that carry a claim: distinct outlets (a
document's ``source``, else its id), where carriers whose sentence is word for word the same
(a syndicated wire copy) count once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from summarize.text.facts import compare_claims

_NORM = re.compile(r"\W+")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def normalize(text: str) -> str:
    """Case- and punctuation-insensitive key of a sentence (word-for-word copies share it)."""
    return _NORM.sub(" ", text.lower()).strip()


def name_vocabulary(texts: Sequence[str]) -> frozenset[str]:
    """Lower-cased words a text collection writes capitalised inside sentences and never in
    lower case there: the names of people, places and organisations (empty for lower-cased
    corpora such as Multi-News, where the name check then never applies)."""
    upper: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        toks = _WORDS.findall(text)
        for tok in toks[1:]:
            if not tok[:1].isalpha():
                continue
            (upper if tok[:1].isupper() else lower).add(tok.lower())
    return frozenset(upper - lower)


def _name_key(name: str) -> str:
    # "Estonia" / "Estonian", "Ukraine" / "Ukrainian": one key for a name and its adjective
    return name[:5]


class ClaimIndex:
    """Claim support between the sentences of one cluster.

    Args:
        texts: the sentences (one cluster, all documents).
        doc_ids: the document of each sentence.
        outlets: the outlet of each document (by id); a missing document is its own outlet.
        language: the cluster's language (negation cues, see :mod:`summarize.text.facts`).
        lexical: unit-length lexical vectors of the sentences (rows; sparse or dense).
        content: the content-word stems of each sentence.
        dense: unit-length dense vectors (rows), or ``None`` for the lexical rule alone.
        encode: instead of ``dense``, a function that encodes texts into unit-length rows; only
            the sentences that share content words with a sentence asked about are encoded.
        near_duplicate: lexical cosine at which a sentence is a near-duplicate.
        dense_threshold: dense cosine at which a sentence may say the same in other words.
        lexical_threshold: lexical cosine for the same without dense vectors.
        min_coverage: share of the sentence's content words the other must contain.
        min_agreement: dense cosine plus that share must reach this too (a paraphrase either
            says it in much the same words or is very close in meaning).
        max_missing: a paraphrase leaves out at most this many of the sentence's content words
            (a long sentence with two claims is not carried by a sentence with one of them).
        min_content: a sentence with fewer content words than this is credited only to
            near-duplicates ("Well, some millennials." is about anything).
    """

    def __init__(self, texts: Sequence[str], doc_ids: Sequence[str], outlets: dict[str, str], language: str, *,
                 lexical: sp.spmatrix | np.ndarray, content: Sequence[Sequence[str]],
                 dense: np.ndarray | None = None, encode: Callable[[list[str]], np.ndarray] | None = None,
                 near_duplicate: float = 0.8, dense_threshold: float = 0.7,
                 lexical_threshold: float = 0.5, min_coverage: float = 0.3, min_agreement: float = 1.45,
                 max_missing: int = 4, min_content: int = 3) -> None:
        self.texts = list(texts)
        self.doc_ids = list(doc_ids)
        self.outlets = [outlets.get(d, d) for d in self.doc_ids]
        self.language = language
        self.lexical = lexical
        self.content = [frozenset(c) for c in content]
        self.dense = dense
        self.encode = encode
        self._encoded: dict[int, np.ndarray] = {}
        self.near_duplicate = near_duplicate
        self.dense_threshold = dense_threshold
        self.lexical_threshold = lexical_threshold
        self.min_coverage = min_coverage
        self.min_agreement = min_agreement
        self.max_missing = max_missing
        self.min_content = min_content
        self._docs = np.array([hash(d) for d in self.doc_ids], dtype=np.int64)

    @cached_property
    def _names(self) -> list[frozenset[str]]:
        vocab = name_vocabulary(self.texts)
        return [frozenset(_name_key(w.lower()) for w in _WORDS.findall(t) if w.lower() in vocab) for t in self.texts]

    def _similar(self, rows: np.ndarray) -> np.ndarray:
        lex = self.lexical[rows] @ self.lexical.T
        return np.asarray(lex.todense() if sp.issparse(lex) else lex)

    @property
    def _has_dense(self) -> bool:
        return self.dense is not None or self.encode is not None

    def _dense_rows(self, ids: list[int]) -> np.ndarray:
        if self.dense is not None:
            return self.dense[ids]
        assert self.encode is not None
        todo = [i for i in dict.fromkeys(ids) if i not in self._encoded]
        if todo:
            for i, v in zip(todo, self.encode([self.texts[i] for i in todo]), strict=True):
                self._encoded[i] = v
        return np.stack([self._encoded[i] for i in ids])

    def _same_actors(self, i: int, j: int) -> bool:
        a, b = self._names[i], self._names[j]
        return not (a - b and b - a)

    def _coverage(self, i: int, j: int) -> float:
        c = self.content[i]
        return len(c & self.content[j]) / len(c) if c else 0.0

    def support(self, rows: Sequence[int]) -> list[tuple[list[int], list[int]]]:
        """For each sentence in ``rows``: the sentences of other documents that carry its
        claim, and those that say something else about it (the opposite, other figures)."""
        rows_arr = np.asarray(list(rows), dtype=np.int64)
        if not len(rows_arr):
            return []
        lex = self._similar(rows_arr)
        dense = self._has_dense
        cover = self.min_coverage if dense else 2 * self.min_coverage
        out = []
        for r, i in enumerate(rows_arr.tolist()):
            near = lex[r] >= self.near_duplicate - 1e-9
            # a paraphrase shares content words: lexical cosine above zero is a cheap prefilter
            loose = lex[r] > 0 if dense else lex[r] >= self.lexical_threshold
            short = len(self.content[i]) < self.min_content
            cand = [j for j in np.flatnonzero((near | loose) & (self._docs != self._docs[i])).tolist()
                    if self._same_actors(i, j) and (near[j] or (
                        not short and self._coverage(i, j) >= cover
                        and len(self.content[i] - self.content[j]) <= self.max_missing))]
            if dense:
                loose_ids = [j for j in cand if not near[j]]
                if loose_ids:
                    sims = self._dense_rows(loose_ids) @ self._dense_rows([i])[0]
                    close = {j for j, c in zip(loose_ids, sims, strict=True) if c >= self.dense_threshold
                             and c + self._coverage(i, j) >= self.min_agreement}
                    cand = [j for j in cand if near[j] or j in close]
            same, other = [], []
            for j in cand:
                verdict = compare_claims(self.texts[i], self.texts[j], self.language)
                if verdict == "same":
                    same.append(j)
                elif verdict == "differs" and (near[j] or self._coverage(j, i) >= 0.75):
                    # a longer sentence of another outlet may hold a "not" or a figure that
                    # belongs to its other claim: only one about the same as this one disputes it
                    other.append(j)
            out.append((same, other))
        return out

    def independent(self, i: int, carriers: Sequence[int]) -> int:
        """How many independent outlets carry the claim of ``i``: ``i``'s own and its
        carriers', a word-for-word copy of an earlier one counting once."""
        seen_outlets: set[str] = set()
        seen_texts: set[str] = set()
        count = 0
        for j in (i, *carriers):
            outlet, key = self.outlets[j], normalize(self.texts[j])
            if outlet not in seen_outlets and key not in seen_texts:
                count += 1
            seen_outlets.add(outlet)
            seen_texts.add(key)
        return count

    def corroboration(self, rows: Sequence[int] | None = None) -> np.ndarray:
        """Independent outlets carrying each sentence's claim (1: only its own)."""
        idx = list(range(len(self.texts))) if rows is None else list(rows)
        out = np.ones(len(idx), dtype=np.int64)
        step = 256  # bounded memory for the similarity rows
        for start in range(0, len(idx), step):
            chunk = idx[start:start + step]
            for k, (same, _) in enumerate(self.support(chunk)):
                out[start + k] = self.independent(chunk[k], same)
        return out
