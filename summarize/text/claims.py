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
   of the content words (and the same limits). A near-duplicate too leaves out at most
   ``max_missing`` content words: a long lead-in two texts share (a photo caption before the
   news) makes their wording close while one of them lacks the claim. The thresholds were set
   by reading credits of DUC 2003 and Multi-News summaries and checked on samples read
   afterwards (eval/README.md, "Cross-outlet credit precision");
   A photo caption (:func:`caption`: "( associated press )", "AP Photo", "in this file photo") is
   credited, and credits, only near-duplicates: captions of different photos of one event share
   their place-and-date tail ("... in the port of Kerch, Ukraine, Monday, March 3, 2014.") and
   little else;
2. it names no other actors: names are words the cluster writes capitalised inside sentences;
   one sentence may name more than the other, but if each names someone the other does not,
   they are about different actors ("Macron said ... Ukraine" is not carried by "Scholz said
   ... Ukraine", however alike the rest);
3. it makes the same claim (:func:`summarize.text.facts.compare_claims`): the same polarity and
   every number of ``i``. A sentence that passes 1 and 2 but states the opposite or other
   figures *differs*, if it is a near-duplicate or 75% of its own content words are ``i``'s (a
   longer sentence's "not" or figure may belong to another of its claims); one that only
   leaves a number out is neither. A denial (:func:`denies`: "denied", "démenti", "bestritt",
   "negó") is a claim of its own: "Syria has denied supporting the rebels" is not carried by a
   report of the allegation (neither), and is disputed by "Syria supports the rebels" when 75% of
   the denial's content words are the other's. So is an expectation: "Obama is expected to
   nominate Garland" does not carry "Obama has nominated Garland" (nor the reverse) unless the
   other sentence speaks of the future too (:func:`expected_verbs`, :func:`about_the_future`;
   English only). A death, too (:func:`reports_death`): "The boy who was undergoing treatment has
   died." is not carried by a report of the treatment;
4. a carrier cut by the corpus (no sentence-final punctuation: "Dean heller, republican senator
   from nevada, faces a very") carries only a claim it holds whole, none of the sentence's content
   words missing: what the sentence says after the cut point is not in it.

Corroboration counts the independent outlets that carry a claim: distinct outlets (a
document's ``source``, else its id), where carriers whose sentence is word for word the same
(a syndicated wire copy) count once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sp

from summarize.text import aliases
from summarize.text.facts import compare_claims

_NORM = re.compile(r"\W+")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
# the same words in ASCII text, where letters are A-Z and a-z, word characters A-Z, a-z, 0-9 and
# "_", and there is no curly apostrophe: the engine's ASCII classes run it a third faster
_ASCII_WORDS = re.compile(r"[A-Za-z][\w'-]*", re.ASCII)


def _words(text: str) -> list[str]:
    """The words of ``text`` as :data:`_WORDS` finds them (a letter, then word characters,
    apostrophes and hyphens)."""
    return (_ASCII_WORDS if text.isascii() else _WORDS).findall(text)


def normalize(text: str) -> str:
    """Case- and punctuation-insensitive key of a sentence (word-for-word copies share it)."""
    return _NORM.sub(" ", text.lower()).strip()


# Verbs of denial: "X denied doing Y" reports the denial, not Y (negation cues, text.facts, do not
# cover them: "denied" is not "not").
_DENIAL = {
    "english": re.compile(r"\b(?:den(?:y|ies|ied|ying|ial|ials))\b", re.IGNORECASE),
    "french": re.compile(r"\b(?:dément(?:i|ie|ent|ait|aient)?|démenti|nie|nient|niait|nié|niée|démentir|nier)\b",
                         re.IGNORECASE),
    "german": re.compile(r"\b(?:bestreit\w*|bestritt\w*|dementier\w*|leugne\w*|Dementi)\b", re.IGNORECASE),
    "spanish": re.compile(r"\b(?:niega|niegan|negó|negaron|negado|desmient\w*|desmintió|desmintieron)\b",
                          re.IGNORECASE),
}


def _pattern(table: dict[str, re.Pattern[str]], language: str) -> re.Pattern[str] | None:
    """The language's pattern of a per-language table (``None`` where it has none)."""
    from summarize.text.languages import canonical

    return table.get(canonical(language))


def _says(table: dict[str, re.Pattern[str]], text: str, language: str) -> bool:
    pattern = _pattern(table, language)
    return bool(pattern and pattern.search(text))


def denies(text: str, language: str) -> bool:
    """Whether ``text`` reports a denial ("denied", "démenti", "bestritt", "negó"); ``False`` in
    languages without a list."""
    return _says(_DENIAL, text, language)


# An expectation ("Obama is expected to nominate Garland", "Police expected to charge a man") is
# not the event ("Obama has nominated Garland"): the verb it expects, and words that make a
# sentence about the future.
_EXPECTATION = {"english": re.compile(
    r"\b(?:(?:is|are|was|were|be|been|now|also)\s+)?(?:widely\s+|still\s+)?(?:expected|likely|poised)\s+to\s+"
    r"(?:(?:soon|also|eventually|finally|quickly|shortly|further|again|then)\s+)?(\w+)",
    re.IGNORECASE)}
_FUTURE = {"english": re.compile(
    r"\b(?:will|would|shall|won't|wouldn't|going to|plans?|planned|planning|expects?|expected|likely|poised|"
    r"set to|scheduled|intends?|could|may|might|next|upcoming|tomorrow)\b|['’]ll\b", re.IGNORECASE)}


# A death is a claim of its own: "A boy who was undergoing treatment for rabies has died." is not
# carried by "A boy is undergoing a treatment for rabies" however alike the rest (the death is one
# content word of many). Stems of the words that report a death, per language.
_DEATH = {
    "english": re.compile(r"\b(?:di(?:e|es|ed|ing)|dead|deaths?|deadly|kill(?:s|ed|ing|er|ers)?|fatal(?:ly|ity|ities)?|"
                          r"slain|perish(?:ed|es)?|drown(?:ed|s)?|murder(?:s|ed|ing)?|homicides?|lifeless|"
                          r"(?:passed|passes|pass|passing)\s+away|"
                          r"l(?:ost|ose|oses|osing)\s+(?:his|her|their|its)\s+li(?:fe|ves))\b", re.IGNORECASE),
    "french": re.compile(r"\b(?:mort(?:e|s|es)?|meurt|meurent|décéd(?:é|ée|és|ées|er)|décès|tu(?:é|ée|és|ées|er)|"
                         r"mortel(?:le|s|les)?|assassin(?:é|ée|at|ats))\b", re.IGNORECASE),
    "german": re.compile(r"\b(?:tot(?:e|en|er)?|stirbt|starb(?:en)?|gestorben|getötet\w*|tödlich\w*|Tod(?:es)?|"
                         r"ermordet\w*|umgekommen)\b", re.IGNORECASE),
    "spanish": re.compile(r"\b(?:muert(?:o|a|os|as|e|es)|muri(?:ó|eron)|falleci(?:ó|eron|do|da|miento)|"
                          r"asesina(?:do|da|dos|das|to))\b", re.IGNORECASE),
}


def reports_death(text: str, language: str) -> bool:
    """Whether ``text`` reports a death ("has died", "was killed", "shot dead", "décédé",
    "starb"); ``False`` in languages without a list."""
    return _says(_DEATH, text, language)


def expected_verbs(text: str, language: str) -> list[str]:
    """The verbs ``text`` reports as expected ("is expected to nominate" -> ``["nominate"]``);
    empty in languages without a pattern."""
    pattern = _pattern(_EXPECTATION, language)
    return [m.group(1).lower() for m in pattern.finditer(text)] if pattern else []


def about_the_future(text: str, language: str) -> bool:
    """Whether ``text`` speaks of what is to come ("will", "plans to", "next week")."""
    return _says(_FUTURE, text, language)


# A photo caption ("... ( associated press ) a soldier stands guard at the gate of a military base in
# the port of Kerch, Ukraine, Monday, March 3, 2014.", "in this file photo"): captions of different
# photos of one event share their place-and-date tail, so one is credited only word for word
_CAPTION = re.compile(r"\(\s*associated press\s*\)|\bap photo\b|\bfile photo\b|\bin this (?:[\w,'’-]+ ){0,6}photo\b"
                      r"|\bphoto:|\(\s*photo\b|\bpictured\b", re.IGNORECASE)


def caption(text: str) -> bool:
    """Whether ``text`` is (or holds) a photo caption ("( associated press )", "AP Photo", "in this
    file photo", "pictured")."""
    if text.isascii():
        # every alternative of _CAPTION holds one of these words, and in ASCII text ignoring
        # case is lower-casing: the (slow) pattern need not run over the sentences that lack them
        low = text.lower()
        if "photo" not in low and "pictured" not in low and "associated press" not in low:
            return False
    return bool(_CAPTION.search(text))


def name_vocabulary(texts: Sequence[str]) -> frozenset[str]:
    """Lower-cased words a text collection writes capitalised inside sentences and never in
    lower case there: the names of people, places and organisations (empty for lower-cased
    corpora such as Multi-News, where the name check then never applies)."""
    inside: set[str] = set()  # the distinct words after each text's first (the test is per word)
    for text in texts:
        inside.update(_words(text)[1:])
    upper: set[str] = set()
    lower: set[str] = set()
    for tok in inside:
        if not tok[:1].isalpha():
            continue
        (upper if tok[:1].isupper() else lower).add(tok.lower())
    return frozenset(upper - lower)


#: per-sentence values kept by :class:`_Recent`; a cluster of up to this many sentences has its
#: content sets made at once
_KEPT = 1 << 14


class _Recent:
    """Values computed on demand, index by index, the ``size`` most recently used kept (a huge
    document's per-sentence sets or embeddings, all held at once, would take many times the
    document's size; issue 15)."""

    def __init__(self, compute: Callable[[int], object], size: int = _KEPT) -> None:
        self.compute, self.size = compute, size
        self._kept: dict[int, object] = {}

    def __contains__(self, i: int) -> bool:
        return i in self._kept

    def __getitem__(self, i: int) -> Any:
        value = self._kept.pop(i, None)
        if value is None:
            value = self.compute(i)
        self.put(i, value)
        return value

    def put(self, i: int, value: object) -> None:
        self._kept[i] = value
        if len(self._kept) > self.size:
            del self._kept[next(iter(self._kept))]




def _name_key(name: str) -> str:
    # "Estonia" / "Estonian", "Ukraine" / "Ukrainian": one key for a name and its adjective
    return name[:5]


def _sentence_names(text: str, vocab: frozenset[str], language: str) -> frozenset[str]:
    """The names of a sentence, each variant of a name in the alias table written as a name read
    as its canonical name ("Kiev" as "Kyiv", "US" as "United States": :mod:`summarize.text.aliases`);
    none where the cluster has no names (a lower-cased corpus)."""
    if not vocab:
        return frozenset()
    found = aliases.find(text, language)
    rest = aliases.blank(text, found) if found else text
    names = {_name_key(w.lower()) for w in _words(rest) if w.lower() in vocab}
    # a variant written as a name (capitalised; not "u.s." in a lower-cased sentence) is one
    names.update(_name_key(w.lower()) for m in found if text[m.start].isupper()
                 for w in aliases.name_words(m.canonical))
    return frozenset(names)


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
        self._content_words = content
        #: each sentence's content stems as a set: all of them made at once for a cluster of up
        #: to 16,384 sentences (the support loop reads them a million times on DUC 2003), else
        #: made when asked for, the last 16,384 kept (a huge document's sets, all at once, would
        #: take many times its size)
        #: (a name's variants, "Kiev" / "Kyiv", "US" / "United States", as one token: text.aliases)
        self.content: _Recent | list[frozenset[str]] = (
            [aliases.content(c, t, language) for c, t in zip(content, self.texts, strict=True)]
            if len(content) <= _KEPT else
            _Recent(lambda i: aliases.content(self._content_words[i], self.texts[i], language)))
        self.dense = dense
        self.encode = encode
        self._encoded = _Recent(self._encode_one)  # 256-d rows: 32 MB at most
        self.near_duplicate = near_duplicate
        self.dense_threshold = dense_threshold
        self.lexical_threshold = lexical_threshold
        self.min_coverage = min_coverage
        self.min_agreement = min_agreement
        self.max_missing = max_missing
        self.min_content = min_content
        ids: dict[str, int] = {}
        self._docs = np.array([ids.setdefault(d, len(ids)) for d in self.doc_ids], dtype=np.int64)
        self._others_cache: tuple[int, np.ndarray, sp.csr_matrix | np.ndarray] | None = None

    @cached_property
    def _caption(self) -> _Recent:
        return _Recent(lambda i: caption(self.texts[i]))

    @cached_property
    def _cut(self) -> _Recent:
        from summarize.text.hazards import cut

        return _Recent(lambda i: cut(self.texts[i], self.language))

    @cached_property
    def _death(self) -> _Recent:
        return _Recent(lambda i: reports_death(self.texts[i], self.language))

    @cached_property
    def _name_vocabulary(self) -> frozenset[str]:
        return name_vocabulary(self.texts)

    @cached_property
    def _names(self) -> _Recent:
        vocab = self._name_vocabulary
        return _Recent(lambda i: _sentence_names(self.texts[i], vocab, self.language))

    @cached_property
    def _unique(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The cluster's distinct sentences: the first row of each (``rep``), each row's distinct
        sentence (``of``), the rows of each in order (``starts`` into ``order``).

        Whether a sentence carries another's claim depends only on the two sentences (their
        texts, lexical rows, content words, dense rows), so a wire story carried word for word by
        1,000 outlets is compared once, not 1,000 x 1,000 times (issue 15); the rows of a
        distinct sentence are credited in its place, less those of the asking row's document."""
        keys: dict[tuple[object, ...], int] = {}
        csr = sp.csr_matrix(self.lexical) if sp.issparse(self.lexical) else None
        of = np.empty(len(self.texts), dtype=np.int64)
        for i, text in enumerate(self.texts):
            if csr is not None:
                lo, hi = csr.indptr[i], csr.indptr[i + 1]
                row: object = (csr.indices[lo:hi].tobytes(), csr.data[lo:hi].tobytes())
            else:
                row = np.asarray(self.lexical[i]).tobytes()
            dense = self.dense[i].tobytes() if self.dense is not None else b""
            of[i] = keys.setdefault((text, tuple(self._content_words[i]), row, dense), len(keys))
        del keys
        order = np.argsort(of, kind="stable")
        starts = np.searchsorted(of[order], np.arange(len(of) and int(of.max()) + 2))
        rep = order[starts[:-1]] if len(of) else np.zeros(0, dtype=np.int64)
        return rep, of, order, starts

    @cached_property
    def _unique_docs(self) -> np.ndarray:
        """Per distinct sentence, the document of its rows if they are all in one, else -1."""
        rep, of, order, starts = self._unique
        first = self._docs[rep]
        mixed = np.zeros(len(rep), dtype=bool)
        np.logical_or.at(mixed, of, self._docs != first[of])
        return np.where(mixed, -1, first)

    def _rows_of(self, u: int) -> np.ndarray:
        _, _, order, starts = self._unique
        return order[starts[u]:starts[u + 1]]

    @cached_property
    def _unique_lexical(self) -> sp.csr_matrix | np.ndarray:
        rep = self._unique[0]
        return self.lexical if len(rep) == len(self.texts) else self.lexical[rep]

    def _others(self, doc: int) -> tuple[np.ndarray, sp.csr_matrix | np.ndarray]:
        """The distinct sentences with a row outside document ``doc`` (ascending; all of them
        for ``-1``: a sentence of several documents) and their lexical rows (the last asked for
        is kept: ``support`` is called in sentence order)."""
        if self._others_cache is None or self._others_cache[0] != doc:
            udocs = self._unique_docs
            idx = np.arange(len(udocs)) if doc < 0 else np.flatnonzero(udocs != doc)
            lexical = self._unique_lexical
            self._others_cache = (doc, idx, lexical if doc < 0 else lexical[idx])
        return self._others_cache[1], self._others_cache[2]

    def _similar(self, rows: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each distinct sentence ``rows``, the distinct sentences that have a row in another
        document with a lexical cosine above zero (ascending) and those cosines. Only other
        documents' sentences can carry a claim, and rows stay sparse: a huge document would make
        ``rows x sentences`` dense rows, or its own sentences' overlaps, take memory quadratic
        in its length (issue 15)."""
        out: list[tuple[np.ndarray, np.ndarray]] = [(np.zeros(0, dtype=np.int64), np.zeros(0))] * len(rows)
        docs = self._unique_docs[rows]
        lexical = self._unique_lexical
        pieces: list[tuple[int, np.ndarray]] = []
        for doc in dict.fromkeys(docs.tolist()):
            at = np.flatnonzero(docs == doc)
            pieces.extend((doc, at[k:k + 64]) for k in range(0, len(at), 64))  # bounded product size
        for doc, at in pieces:
            idx, others = self._others(doc)
            if not len(idx):
                continue
            lex = lexical[rows[at]] @ others.T
            if sp.issparse(lex):
                lex = sp.csr_matrix(lex)
                lex.sort_indices()
                for k, r in enumerate(at.tolist()):
                    lo, hi = lex.indptr[k], lex.indptr[k + 1]
                    out[r] = (idx[lex.indices[lo:hi]], lex.data[lo:hi])
            else:
                lex = np.asarray(lex)
                for k, r in enumerate(at.tolist()):
                    nz = np.flatnonzero(lex[k])
                    out[r] = (idx[nz], lex[k][nz])
        return out

    @property
    def _has_dense(self) -> bool:
        return self.dense is not None or self.encode is not None

    def _dense_rows(self, ids: list[int]) -> np.ndarray:
        if self.dense is not None:
            return self.dense[ids]
        assert self.encode is not None
        todo = [i for i in dict.fromkeys(ids) if i not in self._encoded]
        for start in range(0, len(todo), 4096):  # bounded batches of a huge document's sentences
            part = todo[start:start + 4096]
            for i, v in zip(part, self.encode([self.texts[i] for i in part]), strict=True):
                self._encoded.put(i, v.copy())  # a copy: a row view would keep its whole batch alive
        return np.stack([self._encoded[i] for i in ids])

    def _encode_one(self, i: int) -> np.ndarray:
        assert self.encode is not None
        return self.encode([self.texts[i]])[0].copy()

    def _same_actors(self, i: int, j: int) -> bool:
        a, b = self._names[i], self._names[j]
        return not (a - b and b - a)

    def _expects(self, i: int, j: int) -> bool:
        """Whether ``i`` expects what ``j`` reports as done: a verb ``i`` says is expected is one of
        ``j``'s content words, and ``j`` does not speak of the future itself."""
        verbs = expected_verbs(self.texts[i], self.language)
        if not verbs or about_the_future(self.texts[j], self.language):
            return False
        from summarize.text.tokenize import Stemmer

        stem = Stemmer(self.language)
        return any(stem(v) in self.content[j] for v in verbs)

    def _coverage(self, i: int, j: int) -> float:
        c = self.content[i]
        return len(c & self.content[j]) / len(c) if c else 0.0

    def support(self, rows: Sequence[int]) -> list[tuple[list[int], list[int]]]:
        """For each sentence in ``rows``: the sentences of other documents that carry its
        claim, and those that say something else about it (the opposite, other figures)."""
        rows = [int(r) for r in rows]
        if not rows:
            return []
        of = self._unique[1]
        asked = list(dict.fromkeys(int(of[r]) for r in rows))
        verdicts = dict(zip(asked, self._unique_support(asked), strict=True))
        out = []
        for r in rows:
            same, other = verdicts[int(of[r])]
            out.append((self._expand(same, int(self._docs[r])), self._expand(other, int(self._docs[r]))))
        return out

    def _expand(self, unique: list[int], doc: int) -> list[int]:
        """The rows of the distinct sentences ``unique`` outside document ``doc``, ascending."""
        if not unique:
            return []
        rows = np.concatenate([self._rows_of(u) for u in unique])
        rows = rows[self._docs[rows] != doc]
        rows.sort()
        return rows.tolist()

    def _unique_support(self, unique: Sequence[int]) -> list[tuple[list[int], list[int]]]:
        """:meth:`support` between distinct sentences: for each of ``unique``, the distinct
        sentences (with a row in another document) that carry its claim, and those that say
        something else about it."""
        rep, of = self._unique[0], self._unique[1]
        rows_arr = np.asarray(list(unique), dtype=np.int64)
        if not len(rows_arr):
            return []
        dense = self._has_dense
        cover = self.min_coverage if dense else 2 * self.min_coverage
        out = []
        for (ucols, lex), i in zip(self._similar(rows_arr), rep[rows_arr].tolist(), strict=True):
            cols = rep[ucols]
            close = lex >= self.near_duplicate - 1e-9
            near = dict.fromkeys(cols[close].tolist(), True)
            # a paraphrase shares content words: lexical cosine above zero is a cheap prefilter
            loose = cols[lex > 0] if dense else cols[close | (lex >= self.lexical_threshold)]
            short = len(self.content[i]) < self.min_content
            mine_caption = self._caption[i]
            mine_whole = not self._cut[i]
            # (the cheap word tests first: the actor check reads both sentences' names)
            cand = [j for j in loose.tolist()
                    if (j in near or (
                        not short and not mine_caption and not self._caption[j] and self._coverage(i, j) >= cover
                        and len(self.content[i] - self.content[j]) <= self.max_missing)) and self._same_actors(i, j)]
            if dense:
                loose_ids = [j for j in cand if j not in near]
                if loose_ids:
                    mine = self._dense_rows([i])[0]
                    sims = np.concatenate([self._dense_rows(loose_ids[k:k + 4096]) @ mine
                                           for k in range(0, len(loose_ids), 4096)])
                    agree = {j for j, c in zip(loose_ids, sims, strict=True) if c >= self.dense_threshold
                             and c + self._coverage(i, j) >= self.min_agreement}
                    cand = [j for j in cand if j in near or j in agree]
            same, other = [], []
            for j in cand:
                missing = len(self.content[i] - self.content[j])
                if missing > self.max_missing:
                    continue  # a near-duplicate too: a long shared lead-in (a photo caption) is not the claim
                if mine_whole and missing and self._cut[j]:
                    continue  # cut by the corpus ("... faces a very"): the rest of the claim is not in it
                verdict = compare_claims(self.texts[i], self.texts[j], self.language)
                if verdict == "same" and denies(self.texts[i], self.language) and not denies(self.texts[j], self.language):
                    verdict = "partial"  # "Syria denied supporting the rebels": the allegation alone is not that
                elif verdict == "same" and denies(self.texts[j], self.language) and self._coverage(j, i) >= 0.75:
                    verdict = "differs"  # "Syria supports the rebels" / "Syria denied supporting the rebels"
                elif verdict == "same" and (self._expects(i, j) or self._expects(j, i)):
                    verdict = "partial"  # "Obama has nominated Garland" / "Obama is expected to nominate Garland"
                elif verdict == "same" and self._death[i] and not self._death[j]:
                    verdict = "partial"  # "the boy ... has died" / "the boy is undergoing a treatment"
                if verdict == "same":
                    same.append(j)
                elif verdict == "differs" and (j in near or self._coverage(j, i) >= 0.75):
                    # a longer sentence of another outlet may hold a "not" or a figure that
                    # belongs to its other claim: only one about the same as this one disputes it
                    other.append(j)
            out.append(([int(of[j]) for j in same], [int(of[j]) for j in other]))
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
        """Independent outlets carrying each sentence's claim (1: only its own): for each row,
        :meth:`independent` of it and its carriers, worked out once per distinct sentence (a
        wire story carried by 1,000 outlets gives each of its sentences 1,000 carriers: listing
        them for each of its 1,000 rows would be quadratic, issue 15)."""
        idx = list(range(len(self.texts))) if rows is None else [int(r) for r in rows]
        out = np.ones(len(idx), dtype=np.int64)
        if not idx:
            return out
        of = self._unique[1]
        asked: dict[int, list[int]] = {}
        for pos, r in enumerate(idx):
            asked.setdefault(int(of[r]), []).append(pos)
        unique = list(asked)
        step = 256  # bounded memory for the similarity rows
        for start in range(0, len(unique), step):
            chunk = unique[start:start + step]
            for u, (same, _) in zip(chunk, self._unique_support(chunk), strict=True):
                count = self._independent_of(u, same)
                for pos in asked[u]:
                    out[pos] = count(idx[pos])
        return out

    @cached_property
    def _keys(self) -> np.ndarray:
        """Per distinct sentence, a code of its :func:`normalize` key (word-for-word copies)."""
        codes: dict[str, int] = {}
        return np.array([codes.setdefault(normalize(self.texts[i]), len(codes)) for i in self._unique[0].tolist()],
                        dtype=np.int64)

    @cached_property
    def _outlet_codes(self) -> np.ndarray:
        codes: dict[str, int] = {}
        return np.array([codes.setdefault(o, len(codes)) for o in self.outlets], dtype=np.int64)

    def _independent_of(self, u: int, same: list[int]) -> Callable[[int], int]:
        """:meth:`independent` for the rows of distinct sentence ``u`` whose carriers are the rows
        of ``same`` outside their own document, without listing those carriers for each row.

        :meth:`independent` counts, after the row itself, each carrier that is the first of its
        key and of its outlet in the sequence and whose key and outlet are not the row's. The
        row's own document's rows all have the row's outlet, so leaving them out changes only
        which row is first of a key whose first row is in that document."""
        keys, outlets, docs = self._keys, self._outlet_codes, self._docs
        of = self._unique[1]
        seq = np.sort(np.concatenate([self._rows_of(v) for v in same])) if same else np.zeros(0, dtype=np.int64)
        k_seq, o_seq, d_seq = keys[of[seq]], outlets[seq], docs[seq]
        first_key = np.zeros(len(seq), dtype=bool)
        first_key[np.unique(k_seq, return_index=True)[1]] = True
        first_outlet = np.zeros(len(seq), dtype=bool)
        first_outlet[np.unique(o_seq, return_index=True)[1]] = True
        mine = int(keys[u])
        counted = first_key & first_outlet & (k_seq != mine)
        total = int(counted.sum())
        counted_outlets = set(o_seq[counted].tolist())  # each at most once: first of its outlet
        firsts_in: dict[int, list[int]] = {}  # document -> the positions of keys first seen in it
        for p in np.flatnonzero(first_key & (k_seq != mine)).tolist():
            firsts_in.setdefault(int(d_seq[p]), []).append(p)

        def count(r: int) -> int:
            doc, outlet = int(docs[r]), int(outlets[r])
            n = 1 + total - (outlet in counted_outlets)
            for p in firsts_in.get(doc, ()):
                later = np.flatnonzero((k_seq[p:] == k_seq[p]) & (d_seq[p:] != doc))
                if len(later):
                    q = p + int(later[0])
                    n += bool(first_outlet[q]) and int(o_seq[q]) != outlet
            return n

        return count
