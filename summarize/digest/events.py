"""A day's articles grouped into events, and the one notion of "belongs to this event".

**Document vectors.** Each article is a bag of stemmed content words (stop words, bare
numbers and, in English, the words of dates left out) with sublinear term frequency
(``1 + ln tf``), weighted by how rare the word is in the language at large: ``-ln`` of its
frequency in ``wordfreq``'s word list (words sharing a stem pooled; a word the list does not
know counts as one in 10^8). A fixed, fitted weight instead of one estimated from the day's
own articles makes the similarity of two articles the same whatever else was read with them:
in a day of ten articles or of ten thousand, and in one event's cluster when cleaning asks
whether a report belongs to it. The title's words count :data:`TITLE_WEIGHT` times more, and
the words of the lead (the first :data:`LEAD_SENTENCES` sentences, where a report says what
happened) :data:`LEAD_WEIGHT` times.
Counting a capitalised word inside a sentence once more as a name (``name_weight``) is
available but off (:data:`NAME_WEIGHT`): measured on pooled DUC 2003 and TAC 2011 it joined
events that share a country or a leader more than it kept events apart.

**Grouping.** Average-linkage clustering of the cosine similarities, cut where merging
two groups would bring the mean similarity of their articles below ``threshold`` or any one pair
of them below ``min_similarity``: a group of articles is one event while its articles are, on
average, about the same thing and none of them is unrelated to another. Two groups of three or
more articles also stay apart when their mean similarity is below half the lower of their
cohesions (:func:`distinct_events`): two events on one subject (two Middle East stories, two
stories of one Congress) pass the threshold on the subject's words, while each event's own
articles are far closer to each other. Singletons are events of one article. A day is grouped
by the connected parts of its pairs at ``min_similarity`` or more (:func:`linked`; no merge at
the threshold crosses two), a part of up to :data:`DENSE_PART` articles through its similarity
matrix and scipy's ``linkage``, a larger one through :func:`average_linkage` over its condensed
float32 similarities, updated in place (4 bytes per pair, where scipy takes 16: its float64
distances and its working copy of them), which makes only the merges down to the threshold.

**Belonging.** :func:`belongs` is that rule for one article and a group. The cleaner's
off-topic step (:mod:`summarize.clean.offtopic`) asks it of each document against the rest of
its cluster through :func:`outliers`: a document is off-topic when it would not have been
grouped with the others (mean similarity below ``threshold``) and is also far below how
closely the others are related (under :data:`DEFAULT_RELATIVE` of their cohesion), so that a
loosely knit but genuine cluster keeps its reports.

``eval/grouping.py`` measures this on pooled DUC 2003, TAC 2011 and Multi-News clusters (its
module docstring lists the alternatives measured), ``eval/offtopic_benchmark.py`` the
off-topic side.
"""

from __future__ import annotations

import logging
import math
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from summarize.errors import ConfigError
from summarize.text.languages import CODES, UNCASED, canonical
from summarize.text.sentences import split_sentences
from summarize.text.tokenize import Stemmer, stop_words, words
from summarize.types import Document

log = logging.getLogger("summarize.digest")

#: mean cosine two groups of articles need to be one event (eval/grouping.py)
DEFAULT_THRESHOLD = 0.12
#: cosine every pair of articles of two merging groups needs
DEFAULT_MIN_SIMILARITY = 0.05
#: a member of a group is an outlier when its mean similarity to the others is also below this
#: share of the group's cohesion (eval/offtopic_benchmark.py)
DEFAULT_RELATIVE = 0.35
#: in a cluster of two, the shorter report is an outlier when their similarity is below this
PAIR_SIMILARITY = 0.02
#: how many times a title's words count
TITLE_WEIGHT = 3
#: how many times the words of an article's first :data:`LEAD_SENTENCES` sentences count (its lead,
#: where a news report says what happened)
LEAD_WEIGHT = 2
#: the sentences of an article's lead
LEAD_SENTENCES = 3
#: two groups of at least :data:`DISTINCT_SIZE` articles each stay two events when their mean
#: similarity is below this share of the lower of their cohesions (eval/grouping.py)
DEFAULT_DISTINCT = 0.5
#: the size from which a group's cohesion is trusted by :data:`DEFAULT_DISTINCT`
DISTINCT_SIZE = 3
#: how many more times a capitalised word inside a sentence counts (a name); off, see above
NAME_WEIGHT = 0
#: the frequency given to a word the background list does not know
UNSEEN_FREQUENCY = 1e-8
#: ``idf`` settings: the language's word frequencies, or the articles' own document frequencies
IDF_KINDS = ("background", "articles")
#: words of dates, which nearly every news report has and no event is told by ("on Monday"):
#: left out like stop words (general-use frequencies rate them as rare as "parliament")
CALENDAR = {
    "english": frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
                         "tonight january february march april may june july august september october november "
                         "december week weekend month year".split()),
}


#: wordfreq's buckets are centibels: the words of the first this many (a frequency of 10^-6.5 or
#: more) are pooled by stem; a rarer word weighs as written
POOLED_BUCKETS = 650


@dataclass(frozen=True)
class Background:
    """Background word weights of one language: ``-ln(frequency)``.

    Attributes:
        stems: the weight of each stem of the frequent words, their frequencies summed.
        words: the weight of every word of the list, as written.
    """

    stems: dict[str, float]
    words: dict[str, float]

    def weight(self, stem: str, forms: Iterable[str] = ()) -> float:
        """A stem's weight: pooled if frequent, else its most frequent written form's; a compound
        the list lacks ("co-op") weighs as its rarest part; an unknown word as one in 10^8."""
        w = self.stems.get(stem)
        if w is not None:
            return w
        known = [self.words[f] for f in forms if f in self.words]
        if known:
            return min(known)
        parts = [p for p in stem.replace("’", "-").replace("'", "-").split("-") if p]
        if len(parts) > 1:
            weights = [self.stems.get(p, self.words.get(p)) for p in parts]
            found = [x for x in weights if x is not None]
            if found:
                return max(found)
        return -math.log(UNSEEN_FREQUENCY)


@lru_cache(maxsize=4)
def background_weights(language: str) -> Background | None:
    """The background weights of ``language``, or ``None`` where there is no word list.

    The frequencies are ``wordfreq``'s (Apache-2.0 code, CC BY-SA 4.0 data: Wikipedia, subtitles,
    news, books, web text; its ``best`` list: 320,000 English words). Loaded once per process
    and language (about 1.5 s).
    """
    language = canonical(language)
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - a declared dependency
        log.warning("wordfreq is not installed; event similarity weighs words by the articles' own frequencies")
        return None
    code = CODES.get(language)
    if code is None or code not in wordfreq.available_languages(wordlist="best"):
        return None
    import snowballstemmer

    buckets = wordfreq.get_frequency_list(code, wordlist="best")
    step = math.log(10) / 100  # one centibel
    words = {w: i * step for i, bucket in enumerate(buckets) for w in bucket}
    stemmer = snowballstemmer.stemmer(language) if language in snowballstemmer.algorithms() else None
    pooled: dict[str, float] = {}
    for i, bucket in enumerate(buckets[:POOLED_BUCKETS]):
        freq = 10 ** (-i / 100)
        for s in stemmer.stemWords(bucket) if stemmer is not None else bucket:
            pooled[s] = pooled.get(s, 0.0) + freq
    return Background(stems={s: -math.log(f) for s, f in pooled.items()}, words=words)


def _bags(documents: Sequence[Document], language: str, title_weight: int, name_weight: int,
          lead_weight: int, forms: dict[str, set[str]]) -> Iterator[dict[str, int]]:
    """Each document's counts of stems (and of ``=stem`` for names), one document at a time;
    each stem's written forms are added to ``forms``."""
    stem = Stemmer(language)
    stops = stop_words(language) | CALENDAR.get(language, frozenset())
    cased = language not in UNCASED
    for d in documents:
        counts: dict[str, int] = {}
        sentences = [s.text for s in d.sentences] or split_sentences(d.text, language)
        for number, sentence in enumerate(sentences):
            weight = lead_weight if number < LEAD_SENTENCES else 1
            for position, w in enumerate(words(sentence)):
                low = w.lower()
                if low in stops or low.isdigit():
                    continue
                s = stem(low)
                counts[s] = counts.get(s, 0) + weight
                forms.setdefault(s, set()).add(low)
                if name_weight and cased and position > 0 and w[:1].isupper():
                    counts["=" + s] = counts.get("=" + s, 0) + name_weight
        if title_weight and d.title:
            for w in words(d.title):
                low = w.lower()
                if low not in stops and not low.isdigit():
                    s = stem(low)
                    counts[s] = counts.get(s, 0) + title_weight
                    forms.setdefault(s, set()).add(low)
        yield counts


def document_vectors(documents: Sequence[Document], language: str, *, title_weight: int = TITLE_WEIGHT,
                     name_weight: int = NAME_WEIGHT, lead_weight: int = LEAD_WEIGHT,
                     idf: str = "background") -> sp.csr_matrix:
    """Unit-length vectors of the documents (rows), as the module docstring describes; see
    :func:`term_vectors` for the arguments."""
    return term_vectors(documents, language, title_weight=title_weight, name_weight=name_weight,
                        lead_weight=lead_weight, idf=idf)[0]


def term_vectors(documents: Sequence[Document], language: str, *, title_weight: int = TITLE_WEIGHT,
                 name_weight: int = NAME_WEIGHT, lead_weight: int = LEAD_WEIGHT,
                 idf: str = "background") -> tuple[sp.csr_matrix, list[str]]:
    """Unit-length vectors of the documents (rows) and the term of each column.

    Args:
        documents: the articles.
        language: their language (stemming, stop words, word frequencies).
        title_weight: how many times a title's words count (0: titles ignored).
        name_weight: how many more times a capitalised word inside a sentence counts (0: none).
        lead_weight: how many times the words of the first :data:`LEAD_SENTENCES` sentences
            count (1: as any other's).
        idf: ``background`` (the language's word frequencies; the articles' own where there is no
            list) or ``articles`` (``ln(1 + n / df)`` over these documents).
    """
    if idf not in IDF_KINDS:
        raise ConfigError(f"idf must be one of {', '.join(IDF_KINDS)}, got {idf!r}")
    if lead_weight < 1:
        raise ConfigError(f"lead_weight must be 1 or more, got {lead_weight!r}")
    language = canonical(language)
    forms: dict[str, set[str]] = {}
    vocab: dict[str, int] = {}
    # each document's row as it is counted, in typed arrays (a day's bags and Python lists of
    # every entry took about 170 bytes an entry: 430 MB for 19,460 articles)
    cols, vals, ends = array("q"), array("d"), array("q", [0])
    for bag in _bags(documents, language, title_weight, name_weight, lead_weight, forms):
        cols.extend(vocab.setdefault(term, len(vocab)) for term in bag)
        vals.extend(1.0 + math.log(count) for count in bag.values())
        ends.append(len(cols))
    m = sp.csr_matrix((np.frombuffer(vals, dtype=np.float64), np.frombuffer(cols, dtype=np.int64),
                       np.frombuffer(ends, dtype=np.int64)), shape=(len(documents), max(len(vocab), 1)))
    m.sort_indices()  # as a COO matrix's conversion leaves them
    table = background_weights(language) if idf == "background" else None
    if table is not None:
        weights = np.array([table.weight(t.lstrip("="), forms.get(t.lstrip("="), ())) for t in vocab],
                           dtype=np.float64)
    else:
        df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.float64)
        weights = np.log1p(len(documents) / np.maximum(df, 1.0))
    if len(weights):
        m = m.multiply(weights[None, :]).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(inv) @ m), list(vocab)


def similarity_matrix(documents: Sequence[Document], language: str, **options: object) -> np.ndarray:
    """Cosine similarity of every pair of documents (float32, ones on the diagonal of non-empty rows).

    Args:
        documents: the articles.
        language: their language.
        **options: :func:`document_vectors`' keyword arguments.
    """
    x = document_vectors(documents, language, **options).astype(np.float32)  # type: ignore[arg-type]
    return np.asarray((x @ x.T).todense(), dtype=np.float32)


def belongs(similarities: np.ndarray, *, threshold: float = DEFAULT_THRESHOLD,
            min_similarity: float = DEFAULT_MIN_SIMILARITY) -> bool:
    """Whether an article belongs with a group, given its similarities to the group's articles:
    their mean is at least ``threshold`` and none is below ``min_similarity`` (the rule that
    grouping applies to every merge). An empty group: ``False``."""
    sims = np.asarray(similarities, dtype=np.float64)
    return bool(sims.size) and float(sims.mean()) >= threshold and float(sims.min()) >= min_similarity


def cohesion(similarity: np.ndarray) -> float:
    """How closely a group's members are related: the median of each member's mean similarity
    to the others (0 for fewer than two members)."""
    n = len(similarity)
    if n < 2:
        return 0.0
    means = (similarity.sum(axis=1) - np.diag(similarity)) / (n - 1)
    return float(np.median(means))


def outliers(similarity: np.ndarray, *, threshold: float = DEFAULT_THRESHOLD,
             relative: float = DEFAULT_RELATIVE) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The members of one group (an event's cluster) that do not belong to it.

    A member is an outlier when its mean similarity to the others is below ``threshold`` (it
    would not have been grouped with them) and below ``relative`` times the cohesion of the
    others (:func:`cohesion` without it): a loosely knit cluster, whose reports all share
    little, keeps its members. Groups of fewer than three members have no outliers (in a pair
    neither report can be told apart as the odd one).

    Args:
        similarity: the members' cosine similarities.
        threshold: the grouping threshold.
        relative: the share of the others' cohesion.

    Returns:
        ``(outlier, mean, rest)``: per member, whether it is an outlier, its mean similarity to
        the others, and the others' cohesion.
    """
    n = len(similarity)
    sim = np.asarray(similarity, dtype=np.float64)
    mean = (sim.sum(axis=1) - np.diag(sim)) / max(n - 1, 1)
    rest = np.zeros(n)
    if n < 3:
        return np.zeros(n, dtype=bool), mean, rest
    for i in range(n):
        keep = np.arange(n) != i
        rest[i] = cohesion(sim[np.ix_(keep, keep)])
    return (mean < threshold) & (mean < relative * rest), mean, rest


def _check(threshold: float, min_similarity: float, distinct: float = 0.0) -> None:
    if not 0 < threshold <= 1:
        raise ConfigError(f"threshold must be in (0, 1], got {threshold!r}")
    if not 0 <= min_similarity <= 1:
        raise ConfigError(f"min_similarity must be in [0, 1], got {min_similarity!r}")
    if not 0 <= distinct <= 1:
        raise ConfigError(f"distinct must be in [0, 1], got {distinct!r}")


def distinct_events(cross: float, size_a: int, cohesion_a: float, size_b: int, cohesion_b: float,
                    distinct: float = DEFAULT_DISTINCT) -> bool:
    """Whether two groups are two events however similar they are: each has at least
    :data:`DISTINCT_SIZE` articles and their mean similarity ``cross`` is below ``distinct``
    times the lower of their cohesions (the mean similarity of a group's pairs). Two full events
    on one subject (a car bomb in a Jerusalem market and the opening of Gaza's airport) share
    their subject's words, so their mean similarity passes the threshold; each one's articles
    share more with each other than with the other's."""
    if not distinct or size_a < DISTINCT_SIZE or size_b < DISTINCT_SIZE:
        return False
    return cross < distinct * min(cohesion_a, cohesion_b)


def group_by_similarity(similarity: np.ndarray, *, threshold: float = DEFAULT_THRESHOLD,
                        min_similarity: float = DEFAULT_MIN_SIMILARITY,
                        distinct: float = DEFAULT_DISTINCT) -> list[list[int]]:
    """Indices grouped by average linkage over ``similarity``, cut as :func:`belongs` and
    :func:`distinct_events` say.

    Args:
        similarity: a symmetric matrix of cosines, one row per article.
        threshold: the mean similarity two groups need to merge.
        min_similarity: the similarity every pair across two merging groups needs.
        distinct: two groups of :data:`DISTINCT_SIZE` or more articles stay apart when their
            mean similarity is below this share of the lower of their cohesions (0: never).

    Returns:
        The groups, largest first (ties: the group of the earlier article first).
    """
    _check(threshold, min_similarity, distinct)
    n = len(similarity)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - squareform(similarity, checks=False).astype(np.float64)  # the upper triangle
    np.clip(distance, 0.0, 2.0, out=distance)
    tree = linkage(distance, method="average")
    del distance

    def cross(left: list[int], right: list[int]) -> tuple[float, float]:
        block = similarity[np.ix_(left, right)]
        return float(block.min()), float(block.sum(dtype=np.float64))

    return _cut(tree, n, threshold, min_similarity, distinct, cross)


def _cut(tree: np.ndarray, n: int, threshold: float, min_similarity: float, distinct: float,
         cross: Callable[[list[int], list[int]], tuple[float, float]]) -> list[list[int]]:
    """The groups of an average-linkage ``tree`` over ``n`` articles, cut as :func:`belongs` and
    :func:`distinct_events` say (``cross``: the lowest and the summed similarity between two
    lists of articles). A merge refused leaves both groups as they are, for good."""
    active: dict[int, list[int]] = {i: [i] for i in range(n)}
    within: dict[int, float] = dict.fromkeys(range(n), 0.0)  # each group's summed pair similarities
    for k, (a, b, height, _) in enumerate(tree):
        a, b = int(a), int(b)
        if 1.0 - height < threshold - 1e-9:
            break  # average linkage is monotone: no later merge reaches the threshold either
        if a not in active or b not in active:
            continue
        left, right = active[a], active[b]
        low, total = cross(left, right)
        if low < min_similarity:
            continue
        if distinct_events(total / (len(left) * len(right)), len(left), _cohesion(within[a], len(left)),
                           len(right), _cohesion(within[b], len(right)), distinct):
            continue
        within[n + k] = within.pop(a) + within.pop(b) + total
        active[n + k] = active.pop(a) + active.pop(b)
    return sorted((sorted(g) for g in active.values()), key=lambda g: (-len(g), g[0]))


def _cohesion(pair_sum: float, size: int) -> float:
    """The mean similarity of a group's pairs from their sum (0 for one article)."""
    return pair_sum / (size * (size - 1) / 2) if size > 1 else 0.0


def _similarities(x: sp.csr_matrix) -> np.ndarray:
    """The cosine of every pair of rows, condensed (scipy's order: ``(0, 1), (0, 2), ... (1, 2),
    ...``), float32 in ``[-1, 1]``, computed a block of rows at a time from the vectors'
    own-precision products: the same numbers as the full similarity matrix holds (clipped as
    scipy's route clips ``1 - cosine`` to ``[0, 2]``), without it. 4 bytes per pair."""
    n = x.shape[0]
    out = np.empty(n * (n - 1) // 2, dtype=np.float32)
    xt = x.T.tocsr()
    block = max(1, (1 << 21) // max(n, 1))
    at = 0
    for start in range(0, n, block):
        sims = (x[start:start + block] @ xt).toarray()
        for r in range(sims.shape[0]):
            i = start + r
            row = sims[r, i + 1:]
            out[at:at + len(row)] = row
            at += len(row)
        del sims
    np.clip(out, -1.0, 1.0, out=out)
    return out


def average_linkage(similarity: np.ndarray, n: int, floor: float) -> np.ndarray:
    """The merges of average linkage (UPGMA) over ``n`` items down to a mean similarity of
    ``floor``, as scipy's ``linkage(1 - similarity, method="average")`` numbers them: one row
    ``(a, b, height, size)`` per merge, sorted by ``height`` (``1 -`` the two groups' mean
    similarity), group ``n + k`` made by the ``k``-th row, ``a < b``. Only the merges of height
    at most ``1 - floor`` (the first rows of scipy's tree, which goes on up to one group).

    The nearest-neighbour chain algorithm, scipy's own, over ``similarity`` (condensed, float32,
    scipy's order), which it overwrites: a merged group's row is the size-weighted mean of its
    two groups' rows, computed in float64 and stored in float32, so the dominant memory is the
    4 bytes per pair given (scipy's route: 8 bytes a distance and as many again for its working
    copy). Each step is a few numpy operations over one row. A group whose nearest neighbour is
    below ``floor`` is left out for good, with the chain that led to it: a merge only averages
    similarities, so nothing will come closer to it. Equal similarities are decided as scipy
    decides them (the chain's previous group, else the first group); similarities that differ
    by less than float32's rounding (about 1e-8 at the threshold) may be taken as equal.
    """
    if n < 2:
        return np.empty((0, 4))
    first = np.arange(n, dtype=np.int64)
    first = n * first - first * (first + 1) // 2 - first - 1  # the pair (i, j), i < j: first[i] + j
    size = np.ones(n, dtype=np.int64)
    alive = np.arange(n, dtype=np.int64)  # the groups still merging, ascending
    merges: list[tuple[int, int, float, int]] = []
    chain: list[int] = []

    def row(x: int, others: np.ndarray) -> np.ndarray:
        """Where the pairs of ``x`` and ``others`` (ascending, without ``x``) are held."""
        cut = int(np.searchsorted(others, x))
        return np.concatenate([first[others[:cut]] + x, first[x] + others[cut:]])

    while len(alive) > 1:
        if not chain:
            chain.append(int(alive[0]))
        x = chain[-1]
        at = int(np.searchsorted(alive, x))
        others = np.delete(alive, at)
        where = row(x, others)
        sims = similarity[where]
        k = int(np.argmax(sims))
        y, best = int(others[k]), float(sims[k])
        if len(chain) > 1:
            previous = chain[-2]
            pair = first[min(x, previous)] + max(x, previous)
            if float(similarity[pair]) >= best:  # ties: the chain's previous group, as scipy
                y, best = previous, float(similarity[pair])
        if best < floor:  # the chain's groups are nearer each other than anything else is to them
            alive = np.setdiff1d(alive, chain, assume_unique=True)
            chain.clear()
            continue
        if len(chain) < 2 or y != chain[-2]:
            chain.append(y)
            continue
        del chain[-2:]
        a, b = min(x, y), max(x, y)  # scipy's convention: the merged group takes b's place
        na, nb = int(size[a]), int(size[b])
        merges.append((a, b, 1.0 - best, na + nb))
        rest = others[others != y]  # without x and y
        to_a = where[others != y] if x == a else row(a, rest)
        to_b = row(b, rest)
        merged = (na * similarity[to_a].astype(np.float64) + nb * similarity[to_b].astype(np.float64)) / (na + nb)
        similarity[to_b] = merged
        size[b] = na + nb
        alive = np.delete(alive, int(np.searchsorted(alive, a)))
    return _numbered(merges, n)


def _numbered(merges: list[tuple[int, int, float, int]], n: int) -> np.ndarray:
    """Merges of two item slots (a merged group keeping the second's) as scipy's tree rows:
    sorted by height (stable), each group named by its merge (``n + k``), the lower id first."""
    tree = np.array(merges, dtype=np.float64).reshape(-1, 4)
    tree = tree[np.argsort(tree[:, 2], kind="mergesort")]
    parent = list(range(2 * n - 1))

    def find(i: int) -> int:
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    for k in range(len(tree)):
        a, b = find(int(tree[k, 0])), find(int(tree[k, 1]))
        tree[k, 0], tree[k, 1] = min(a, b), max(a, b)
        parent[a] = parent[b] = n + k
    return tree


#: a connected part of at most this many articles is grouped through its similarity matrix
#: (64 MB of float32 at most); a larger one through condensed similarities and on-demand products
DENSE_PART = 4096
#: :func:`average_linkage` of a large part goes this far below the threshold (the cut's own
#: tolerance is 1e-9; float32's rounding near the threshold about 1e-8)
LINKAGE_SLACK = 1e-6


def linked(vectors: sp.csr_matrix, min_similarity: float) -> list[np.ndarray]:
    """The connected parts of the graph whose edges join two rows of ``vectors`` with a cosine
    above zero and at least ``min_similarity``, each as its ascending row indices, in the order
    of their first row. Built a block of rows at a time: never a rows x rows matrix."""
    from scipy.sparse.csgraph import connected_components

    x = sp.csr_matrix(vectors)
    n = x.shape[0]
    xt = x.T.tocsr()
    labels = np.arange(n)
    block = max(1, (1 << 21) // max(n, 1))  # about 2M similarities at a time
    for start in range(0, n, block):
        part = (x[start:start + block] @ xt).tocoo()
        keep = (part.data > 0) & (part.data.astype(np.float64) >= min_similarity)
        rows, cols = part.row[keep] + start, part.col[keep]
        del part, keep
        joins = labels[rows] != labels[cols]  # an edge within a part found so far changes nothing
        rows, cols = rows[joins], cols[joins]
        if not len(rows):
            continue
        # the block's edges, and each row tied to the representative of the part it is in so far
        graph = sp.coo_matrix((np.ones(len(rows) + n, dtype=np.int8),
                               (np.concatenate([rows, np.arange(n)]), np.concatenate([cols, labels]))), shape=(n, n))
        _, comp = connected_components(graph, directed=False)
        first = np.full(comp.max() + 1, n, dtype=np.int64)
        np.minimum.at(first, comp, np.arange(n))
        labels = first[comp]  # each row's part, named by its first row
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    return [np.sort(p) for p in np.split(order, bounds)] if n else []


def group_vectors(vectors: sp.csr_matrix, *, threshold: float = DEFAULT_THRESHOLD,
                  min_similarity: float = DEFAULT_MIN_SIMILARITY,
                  distinct: float = DEFAULT_DISTINCT) -> list[list[int]]:
    """:func:`group_by_similarity` of the rows' cosines (``vectors @ vectors.T``, computed in the
    vectors' own precision), without holding the articles x articles matrix.

    Two articles whose cosine is below ``min_similarity`` (or zero) never end in one group, and
    since ``min_similarity`` is below ``threshold`` a merge across two parts of the graph that
    joins the others (:func:`linked`) would be under the threshold and is never made: each part
    is grouped on its own. A part of more than :data:`DENSE_PART` articles has its condensed
    similarities (float32) written a block of rows at a time and linked in place
    (:func:`average_linkage`), and the pair check computes its products from the vectors, so
    the largest part of ``m`` articles holds about ``2 m^2`` bytes, where scipy's float64
    distances and their working copy took ``8 m^2`` and the similarity matrix route about
    ``14 m^2`` (issue 15). Where ``min_similarity`` is not below ``threshold`` the whole day is
    one part.

    Returns:
        The groups, largest first (ties: the group of the earlier article first).
    """
    _check(threshold, min_similarity, distinct)
    x = sp.csr_matrix(vectors)
    n = x.shape[0]
    if n <= 1:
        return [[0]] if n else []
    parts = linked(x, min_similarity) if min_similarity < threshold - 1e-9 else [np.arange(n)]
    groups: list[list[int]] = []
    for part in parts:
        if len(part) == 1:
            groups.append([int(part[0])])
            continue
        sub = x[part]
        if len(part) <= DENSE_PART:  # small enough: the similarity matrix itself (m^2 float32)
            sim = np.asarray((sub @ sub.T).todense(), dtype=np.float32 if x.dtype == np.float32 else np.float64)
            groups.extend([int(part[i]) for i in g]
                          for g in group_by_similarity(sim, threshold=threshold, min_similarity=min_similarity,
                                                       distinct=distinct))
            del sim
            continue
        groups.extend([int(part[i]) for i in g] for g in _group_large(sub, threshold, min_similarity, distinct))
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def _group_large(x: sp.csr_matrix, threshold: float, min_similarity: float, distinct: float) -> list[list[int]]:
    """:func:`group_by_similarity` of the rows' cosines through their condensed similarities
    (:func:`average_linkage`, the same tree as scipy's down to the threshold) and the pair
    check's products computed when asked for (the same numbers as the matrix holds)."""
    similarity = _similarities(x)
    tree = average_linkage(similarity, x.shape[0], threshold - LINKAGE_SLACK)
    del similarity

    def cross(left: list[int], right: list[int]) -> tuple[float, float]:
        block = x[left] @ x[right].T
        low = float(block.data.min(initial=np.inf))
        total = float(block.data.sum(dtype=np.float64))
        return (low if block.nnz == len(left) * len(right) else min(0.0, low)), total  # an absent pair is a zero

    return _cut(tree, x.shape[0], threshold, min_similarity, distinct, cross)


def group_events(documents: Sequence[Document], language: str, *, threshold: float = DEFAULT_THRESHOLD,
                 min_similarity: float = DEFAULT_MIN_SIMILARITY, distinct: float = DEFAULT_DISTINCT,
                 **options: object) -> list[list[int]]:
    """Indices of ``documents`` grouped by event, largest group first (ties: first article first).

    Args:
        documents: the day's articles.
        language: their language (stemming, stop words, word frequencies).
        threshold: the mean similarity two groups need to merge, in (0, 1].
        min_similarity: the similarity every pair across two merging groups needs, in [0, 1].
        distinct: see :func:`group_by_similarity`, in [0, 1].
        **options: :func:`document_vectors`' keyword arguments (``title_weight``,
            ``name_weight``, ``lead_weight``, ``idf``).
    """
    _check(threshold, min_similarity, distinct)
    if not documents:
        return []
    if len(documents) == 1:
        return [[0]]
    vectors = document_vectors(documents, language, **options).astype(np.float32)  # type: ignore[arg-type]
    return group_vectors(vectors, threshold=threshold, min_similarity=min_similarity, distinct=distinct)


def central(similarity: np.ndarray) -> int:
    """The most central member of a group: the highest mean similarity to the others (the first on ties)."""
    n = len(similarity)
    if n <= 1:
        return 0
    sim = np.asarray(similarity, dtype=np.float64)
    means = ((sim + sim.T) / 2).sum(axis=1) - np.diag(sim)
    return int(np.flatnonzero(means >= means.max() - 1e-6)[0])  # ties (a pair): the first, not float noise
