"""Faithfulness guard: every generated sentence is checked against the source documents.

A sentence is *unsupported* when it states a number, a date or a named entity that appears in
no source document. Unsupported sentences are dropped, or replaced by the source sentence
closest to them; every decision is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from summarize.errors import ConfigError
from summarize.text.facts import NUMBER, NUMBER_WORDS, compare_claims, norm_number
from summarize.text.tokenize import Stemmer, stop_words, words
from summarize.types import Sentence

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
ACTIONS = ("replace", "drop", "mark")


@dataclass(frozen=True, slots=True)
class Check:
    """The guard's verdict on one generated sentence."""

    sentence: str
    missing: tuple[str, ...]  # facts found in no source
    action: str  # "kept", "replaced", "dropped" or "marked"
    replacement: str | None = None
    sources: tuple[str, ...] = ()


class FaithfulnessGuard:
    """Check generated sentences against source sentences.

    Args:
        action: what to do with an unsupported sentence: ``replace`` it by the closest source
            sentence, ``drop`` it, or only ``mark`` it.
        language: the language of the text (stemming and stop words for the alignment).
        align_threshold: cosine similarity above which a source sentence supports a
            generated one, for provenance.
    """

    def __init__(self, *, action: str = "replace", language: str = "english", align_threshold: float = 0.2) -> None:
        if action not in ACTIONS:
            raise ConfigError(f"unknown guard action {action!r}; expected one of {', '.join(ACTIONS)}")
        self.action = action
        self.language = language
        self.align_threshold = float(align_threshold)
        self._stem = Stemmer(language)
        self._stops = stop_words(language)

    def facts(self, sentence: str) -> set[str]:
        """Numbers, dates and named entities stated in a sentence (normalised)."""
        found = {f"#{norm_number(m.group(0))}" for m in NUMBER.finditer(sentence)}
        toks = words(sentence)
        for k, tok in enumerate(toks):
            low = tok.lower()
            if low in _MONTHS:
                found.add(f"@{low[:3]}")
            elif low in NUMBER_WORDS:
                found.add(f"#{NUMBER_WORDS[low]}")
            elif tok[:1].isupper() and low not in self._stops and (k > 0 or not self._common(low)):
                found.add(f"E{low}")
        return found

    def _common(self, low: str) -> bool:
        # a capitalised first word is an entity only if it is not an ordinary word
        return low in self._stops or len(low) <= 3

    def source_facts(self, texts: list[str]) -> set[str]:
        """Everything the sources state, in the same normal form (numbers, months, any word)."""
        out: set[str] = set()
        for text in texts:
            out |= {f"#{norm_number(m.group(0))}" for m in NUMBER.finditer(text)}
            for tok in words(text):
                low = tok.lower()
                out.add(f"E{low}")
                if low in _MONTHS:
                    out.add(f"@{low[:3]}")
                if low in NUMBER_WORDS:
                    out.add(f"#{NUMBER_WORDS[low]}")
                    out.add(f"E{low}")
        return out

    def _vectors(self, texts: list[str], vocab: dict[str, int]) -> np.ndarray:
        m = np.zeros((len(texts), max(len(vocab), 1)))
        for i, t in enumerate(texts):
            for w in words(t):
                low = w.lower()
                if low in self._stops:
                    continue
                j = vocab.get(self._stem(low))
                if j is not None:
                    m[i, j] += 1
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        return m / np.where(norms > 0, norms, 1.0)

    def check(self, generated: list[str], sources: tuple[Sentence, ...]) -> list[Check]:
        """Verdicts for each generated sentence, in order."""
        if not generated:
            return []
        known = self.source_facts([s.text for s in sources])
        vocab: dict[str, int] = {}
        for s in sources:
            for w in words(s.text):
                if w.lower() not in self._stops:
                    vocab.setdefault(self._stem(w.lower()), len(vocab))
        src = self._vectors([s.text for s in sources], vocab)
        gen = self._vectors(generated, vocab)
        sims = gen @ src.T if len(sources) else np.zeros((len(generated), 0))
        used: set[int] = set()
        out = []
        for k, sentence in enumerate(generated):
            missing = tuple(sorted(f[1:] for f in self.facts(sentence) - known))
            row = sims[k] if sims.shape[1] else np.zeros(0)
            # the closest source sentences, less any that contradicts this one (opposite
            # polarity or another figure): an outlet is never credited with what it disputes
            support = tuple(dict.fromkeys(
                sources[j].doc_id for j in np.argsort(-row)[:3] if row[j] >= self.align_threshold
                and compare_claims(sentence, sources[j].text, self.language) != "differs"))
            if not missing:
                out.append(Check(sentence, (), "kept", sources=support))
                continue
            if self.action == "mark":
                out.append(Check(sentence, missing, "marked", sources=support))
            elif self.action == "drop" or not len(row):
                out.append(Check(sentence, missing, "dropped"))
            else:
                order = [int(j) for j in np.argsort(-row) if int(j) not in used]
                if order and row[order[0]] > 0:
                    j = order[0]
                    used.add(j)
                    out.append(Check(sentence, missing, "replaced", replacement=sources[j].text,
                                     sources=(sources[j].doc_id,)))
                else:
                    out.append(Check(sentence, missing, "dropped"))
        return out
