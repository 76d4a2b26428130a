"""Methods that choose a set, not a ranking: MMR (Carbonell & Goldstein 1998), submodular
coverage + diversity (Lin & Bilmes 2011), concept-coverage ILP (Gillick & Favre 2009), and a
greedy ROUGE oracle (an upper bound; needs references)."""

from __future__ import annotations

import warnings
from collections import Counter
from typing import Any

import numpy as np
import scipy.sparse as sp

from summarize.budget import length
from summarize.errors import ConfigError, require_seed
from summarize.extractive.base import Extractive, corroboration_share
from summarize.extractive.features import Features
from summarize.extractive.graph import position_prior
from summarize.types import Cluster


def sizes(features: Features, kind: str) -> np.ndarray:
    """Each sentence's size in the budget's unit (bytes include the joining space)."""
    if kind == "sentences":
        return np.ones(len(features.sentences), dtype=np.int64)
    extra = 1 if kind == "bytes" else 0
    return np.array([length(s.text, kind) + extra for s in features.sentences], dtype=np.int64)


def room(budget_limit: int, kind: str, slack: int) -> int:
    """The capacity a set method fills: the budget plus ``slack`` (cut off later by truncation)."""
    return budget_limit + (1 if kind == "bytes" else 0) + slack


class MMR(Extractive):
    """Maximal marginal relevance: relevance to the cluster centroid minus similarity to
    what is already chosen, greedily under the budget.

    Args:
        lambda_: trade-off, 1 = relevance only, 0 = novelty only.
        position_weight: add a lead bonus to relevance.
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    default_redundancy = 0.5

    def __init__(self, *, lambda_: float = 0.7, position_weight: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0 <= lambda_ <= 1:
            raise ConfigError(f"mmr lambda_ must be in [0, 1], got {lambda_}")
        self.lambda_, self.position_weight = float(lambda_), float(position_weight)

    def select(self, cluster: Cluster, features: Features, eligible: np.ndarray) -> list[int]:
        relevance = np.asarray(features.vectors @ features.centroid)
        if self.position_weight:
            relevance = relevance + self.position_weight * relevance.max(initial=0.0) * position_prior(features)
        if self.corroboration and features.corroboration is not None:
            relevance = relevance + self.corroboration * relevance.max(initial=0.0) * corroboration_share(features)
        cost = sizes(features, self.budget.kind)
        cap = room(self.budget.limit, self.budget.kind, 0)
        candidates = np.flatnonzero(eligible & (cost <= cap))
        sim = features.similarity(candidates)[:, candidates] if len(candidates) else np.zeros((0, 0))
        twins = self._fact_twins(features, candidates)
        chosen: list[int] = []
        max_sim = np.zeros(len(candidates))
        alive = np.ones(len(candidates), dtype=bool)
        used = 0
        while alive.any():
            gain = self.lambda_ * relevance[candidates] - (1 - self.lambda_) * max_sim
            gain[~alive] = -np.inf
            k = int(np.argmax(gain))
            alive[k] = False
            if used + cost[candidates[k]] > cap:
                continue
            chosen.append(int(candidates[k]))
            used += int(cost[candidates[k]])
            max_sim = np.maximum(max_sim, sim[k])
            alive &= cost[candidates] <= cap - used
            if self.redundancy is not None:  # the base class's hard limit, on top of MMR's penalty
                alive &= sim[k] <= self.redundancy
            if twins is not None:  # the same fact in other words (fact_redundancy, figure_redundancy)
                alive &= ~twins[k]
        return chosen


class Submodular(Extractive):
    """Monotone submodular coverage + diversity (Lin & Bilmes 2011), greedy with cost scaling.

    f(S) = sum_i min(C_i(S), alpha C_i(V)) + lambda_ sum_k sqrt(sum_{j in P_k, S} r_j), with
    cosine similarities w_ij, C_i(S) = sum_{j in S} w_ij, clusters P_k from k-means.

    Args:
        alpha: coverage saturation, as a multiple ``a`` in alpha = a / N.
        lambda_: weight of the diversity reward.
        scale: cost-scaling exponent r of the greedy gain / cost^r.
        clusters: number of k-means clusters as a fraction of the sentences.
        seed: k-means seed.
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    def __init__(self, *, alpha: float = 5.0, lambda_: float = 6.0, scale: float = 0.3,
                 clusters: float = 0.2, seed: int = 12345, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.alpha, self.lambda_, self.scale = float(alpha), float(lambda_), float(scale)
        self.clusters, self.seed = float(clusters), require_seed(seed, "submodular seed")

    def select(self, cluster: Cluster, features: Features, eligible: np.ndarray) -> list[int]:
        from scipy.cluster.vq import kmeans2

        n = len(features.sentences)
        w = features.similarity()
        cost = sizes(features, self.budget.kind).astype(float)
        cap = room(self.budget.limit, self.budget.kind, 0)
        total = w.sum(axis=0)
        saturation = (self.alpha / n) * total
        reward = total / n
        k = max(1, min(n, int(round(self.clusters * n))))
        rng = np.random.default_rng(self.seed)
        # k-means on a Gaussian random projection of the TF-IDF rows (cosines are kept
        # approximately, and memory stays n x 128 instead of n x vocabulary)
        v = features.vectors
        dims = min(128, v.shape[1])
        projected = np.asarray(v @ rng.standard_normal((v.shape[1], dims)))
        k = min(k, len(np.unique(projected.round(12), axis=0)))  # no more groups than distinct sentences
        if k > 1 and projected.any():
            with warnings.catch_warnings():  # a group that empties during Lloyd's iterations is harmless here
                warnings.simplefilter("ignore")
                with np.errstate(divide="ignore", invalid="ignore"):
                    _, labels = kmeans2(projected, k, minit="++", seed=rng)
        else:
            labels = np.zeros(n, dtype=np.int64)
        coverage = np.zeros(n)
        part = np.zeros(int(labels.max()) + 1)
        chosen: list[int] = []
        used = 0.0
        alive = eligible & (cost <= cap)
        while alive.any():
            new_cov = np.minimum(coverage[None, :] + w, saturation[None, :]).sum(axis=1) - np.minimum(
                coverage, saturation).sum()
            new_div = np.sqrt(part[labels] + reward) - np.sqrt(part[labels])
            gain = (new_cov + self.lambda_ * new_div) / np.power(np.maximum(cost, 1.0), self.scale)
            gain[~alive] = -np.inf
            j = int(np.argmax(gain))
            alive[j] = False
            if used + cost[j] > cap:
                continue
            chosen.append(j)
            used += cost[j]
            coverage += w[j]
            part[labels[j]] += reward[j]
            alive &= cost <= cap - used
            if self.redundancy is not None:
                alive &= w[j] <= self.redundancy
        return chosen


def min_df_for(min_df: int, n_docs: int, reference_docs: int = 10) -> int:
    """The document-frequency threshold of a cluster of ``n_docs`` documents.

    Gillick & Favre's threshold (3) was set for the 10-document clusters of DUC and TAC; a
    smaller cluster gets it in proportion, rounded half up and never below 1
    (``max(1, min(min_df, floor(min_df * n_docs / reference_docs + 0.5)))``): with 3, clusters of
    2-4 documents keep every bigram, 5-8 documents need 2, 9 or more need 3.
    """
    if min_df <= 1 or n_docs >= reference_docs:
        return max(1, int(min_df))
    return max(1, min(int(min_df), int(np.floor(min_df * n_docs / reference_docs + 0.5))))


class ConceptILP(Extractive):
    """Concept coverage by integer linear programming, as published by Gillick and Favre.

    The model (Gillick & Favre 2009, "A scalable global model for summarization", NAACL-HLT
    Workshop on ILP for NLP; the ICSI systems: Gillick, Favre & Hakkani-Tür 2008, "The ICSI
    summarization system at TAC 2008"; Gillick et al. 2009, "The ICSI/UTD summarization system at
    TAC 2009") maximises the total weight of the concepts
    the summary covers, each counted once however many of its sentences carry it::

        maximise  sum_i w_i c_i
        s.t.      sum_j l_j s_j <= L                  (the budget, exact)
                  s_j Occ_ij <= c_i    for all i, j   (a chosen sentence covers its concepts)
                  sum_j s_j Occ_ij >= c_i  for all i  (a concept counts only if a chosen sentence has it)
                  c_i, s_j in {0, 1}

    so redundancy is built in: a fact that several outlets report is paid for once. The choices,
    against the papers:

    - **Concepts are word bigrams**, lower-cased and stemmed (G&F 2009 and the TAC 2008/2009
      systems; ICSI used the Porter stemmer, we use the cluster language's Snowball stemmer, which
      for English is Porter's revision); **bigrams of two stop words are left out** (both words in
      the language's stop list). Words are the toolkit's Unicode word tokens, so punctuation is
      dropped and a bigram can span a comma (the papers' tokenizer is not specified further).
    - **A concept's weight is the number of documents that contain it** (document frequency, the
      TAC 2008 and 2009 systems' weight, and G&F 2009's).
    - **A minimum document frequency**: concepts in fewer than ``min_df`` documents are left out
      (3 in the ICSI systems, for 10-document clusters). Smaller clusters get the threshold in
      proportion (:func:`min_df_for`: 2-4 documents keep every bigram, 5-8 need 2); a cluster where
      no bigram reaches it keeps them all. Document frequency is counted over every sentence of
      the cluster (as in Boudin, Mougard & Favre 2015's ``sume``, whose pruning comes after it),
      before short sentences are left out of selection.
    - **Sentences under a minimum length are left out** of selection: ``min_words`` of the base
      class, 10 by default here (the ICSI systems drop sentences of fewer than 10 words; ``sume``'s
      default too). The base class's readable units are the sentences (a dangling sentence joined
      to its antecedent counts as one), and it falls back to every sentence where none is long
      enough.
    - **The length constraint is the budget's, exact and linear**: ``l_j`` is a sentence's length in
      the budget's unit (whitespace words; for bytes, UTF-8 bytes plus the joining space, against
      ``L + 1``), so the summary never passes the budget and the base class cuts nothing
      (``slack`` > 0 lets it pass by that much for ``truncate_last``: not in the papers).
    - **Solved exactly** with scipy's ``milp`` (HiGHS branch and cut, relative gap 0), where the
      papers used GLPK; ``time_limit`` bounds one cluster and then the best solution found is kept.
      For speed on very large clusters (not an issue on DUC/TAC sizes): at most ``max_concepts``
      concepts (the heaviest) and ``max_sentences`` candidate sentences (the most concept weight
      per word).
    - Not reproduced: the compressed sentence alternatives of their second runs (TAC 2008) and any
      query-relevance filtering (the tasks here are generic summaries).
      The concept-weight ties the papers leave to the solver are broken by ``position_tiebreak``.

    Variants (each off by default, on per config), for news:

    - ``position_tiebreak``: among summaries of equal concept weight, prefer sentences near the
      document lead: each sentence costs ``eps * (1 - 1 / (1 + position))`` (nothing for a lead
      sentence), with any selection's total below half the smallest concept weight, so with integer
      document-frequency weights it never trades a concept for position, and it never rewards
      adding a sentence (news puts its facts first; G&F's solver picks among ties arbitrarily).
    - ``position_weight``: a position prior on concepts: ``w_i = df_i + position_weight * lead_i``,
      where ``lead_i`` is the number of documents that have the concept in their first
      ``lead_sentences`` sentences (with weight 1 a lead occurrence counts twice; later concept
      models learn that early position signals an important bigram, e.g. Berg-Kirkpatrick, Gillick
      & Klein 2011, whose bigram features include the earliest sentence position).
    - ``corroboration`` (the base class's option): corroboration across outlets as a concept
      weight, ``w_i *= 1 + corroboration * max_j share_j`` over the sentences ``j`` that carry
      concept ``i``, where ``share_j`` is :func:`~summarize.extractive.base.corroboration_share`,
      the claim-level count of independent outlets that carry sentence ``j``'s claim scaled to
      [0, 1] (word-for-word syndicated copies count once, unlike document frequency).
    - ``unigram_weight``: content words (stemmed, not stop words) as concepts too, weighted
      ``unigram_weight`` times their document frequency (and lead prior), with the same minimum
      document frequency; bigrams alone leave the words a summary has in other combinations
      unrewarded, which ROUGE-1 and inflected languages (where bigrams repeat less) notice.
    - ``compress`` (issue 17, item 2): each candidate sentence of 15 words or more also enters
      as its compressed variants (:func:`summarize.text.compress.compressions`: its closing
      attribution, leading time or place phrase, parentheticals or appositives dropped, never a
      number or a negation), with their own concepts and lengths and at most one of a sentence
      and its variants chosen; the summary carries the chosen variant's text (the budget holds
      more facts). Off by default: on the development corpora it does not pay (eval/README.md,
      "Sentence compression").

    Args:
        min_df: keep concepts found in at least this many documents (for clusters of
            ``min_df_docs`` documents or more; scaled down below, see :func:`min_df_for`).
        min_df_docs: the cluster size ``min_df`` is meant for (10: DUC and TAC).
        position_tiebreak: break ties between optimal summaries towards lead sentences.
        position_weight: weight of the lead-position prior added to a concept's document frequency.
        lead_sentences: how many first sentences of a document count as its lead for the prior.
        max_sentences: for large clusters, solve over this many candidate sentences.
        max_concepts: and this many concepts, the heaviest.
        min_length: the summary's least length in the budget's unit, a second linear constraint
            ``sum_j l_j s_j >= min_length`` (TAC 2011 MultiLing asked for 240-250 words); dropped
            for a cluster where no selection reaches it. ``None``: no lower bound (the papers).
        slack: words (or bytes) the ILP may pass the budget by, cut off by ``truncate_last``.
        time_limit: seconds HiGHS may spend on one cluster.
        unigram_weight: weight of content-word concepts relative to bigrams (0: bigrams only).
        compress: offer compressed variants of long sentences (see below).
        **kwargs: see :class:`~summarize.extractive.base.Extractive` (``min_words`` defaults to 10).
    """

    def __init__(self, *, min_df: int = 3, min_df_docs: int = 10, position_tiebreak: bool = False,
                 position_weight: float = 0.0, lead_sentences: int = 1, max_sentences: int = 400,
                 max_concepts: int = 2000, min_length: int | None = None, slack: int = 0,
                 time_limit: float = 10.0, unigram_weight: float = 0.0, compress: bool = False,
                 **kwargs: Any) -> None:
        kwargs.setdefault("min_words", 10)
        super().__init__(**kwargs)
        self.min_df, self.min_df_docs = int(min_df), int(min_df_docs)
        if self.min_df < 1 or self.min_df_docs < 1:
            raise ConfigError(f"ilp min_df and min_df_docs must be positive, got {min_df!r}, {min_df_docs!r}")
        self.position_tiebreak = bool(position_tiebreak)
        self.unigram_weight = float(unigram_weight)
        self.compress = bool(compress)
        if self.unigram_weight < 0:
            raise ConfigError(f"ilp unigram_weight must be >= 0, got {unigram_weight!r}")
        self.position_weight = float(position_weight)
        if self.position_weight < 0:
            raise ConfigError(f"ilp position_weight must be >= 0, got {position_weight!r}")
        self.lead_sentences = int(lead_sentences)
        if self.lead_sentences < 1:
            raise ConfigError(f"ilp lead_sentences must be positive, got {lead_sentences!r}")
        self.max_sentences, self.max_concepts = int(max_sentences), int(max_concepts)
        self.slack, self.time_limit = int(slack), float(time_limit)
        self.min_length = None if min_length is None else int(min_length)
        if self.min_length is not None and not 0 <= self.min_length <= self.budget.limit:
            raise ConfigError(f"ilp min_length must be between 0 and the budget ({self.budget.limit}), got {min_length!r}")

    def bigrams(self, features: Features) -> list[set[tuple[str, ...]]]:
        """Each sentence's concepts: its stemmed word bigrams, less those of two stop words (and
        its content words, with ``unigram_weight``)."""
        stops = features.stop_stems
        return [self._concepts_of(toks, stops) for toks in features.tokens]

    def _concepts_of(self, toks: list[str], stops: frozenset[str]) -> set[tuple[str, ...]]:
        """The concepts of one sentence's stemmed tokens (a sentence of the cluster or a variant)."""
        grams: set[tuple[str, ...]] = {(a, b) for a, b in zip(toks, toks[1:], strict=False)
                                       if not (a in stops and b in stops)}
        if self.unigram_weight:
            grams.update((t,) for t in toks if t not in stops and len(t) > 1)
        return grams

    def concepts(self, features: Features) -> tuple[list[tuple[str, str]], np.ndarray, sp.csr_matrix]:
        """The concepts, their weights, and the sentence x concept occurrence matrix."""
        per_sentence = self.bigrams(features)
        docs: dict[tuple[str, str], set[int]] = {}
        lead: dict[tuple[str, str], set[int]] = {}
        for i, grams in enumerate(per_sentence):
            d = int(features.doc_index[i])
            early = features.position[i] < self.lead_sentences
            for g in grams:
                docs.setdefault(g, set()).add(d)
                if early:
                    lead.setdefault(g, set()).add(d)
        threshold = min_df_for(self.min_df, len(features.cluster.documents), self.min_df_docs)
        kept = [g for g, ds in docs.items() if len(ds) >= threshold] or list(docs)
        weighted = {g: (len(docs[g]) + self.position_weight * len(lead.get(g, ())))
                    * (self.unigram_weight if len(g) == 1 else 1.0) for g in kept}
        if self.corroboration and features.corroboration is not None:
            share = corroboration_share(features)
            best: dict[tuple[str, str], float] = {}
            for i, grams in enumerate(per_sentence):
                for g in grams:
                    if g in weighted and share[i] > best.get(g, 0.0):
                        best[g] = float(share[i])
            weighted = {g: w * (1.0 + self.corroboration * best.get(g, 0.0)) for g, w in weighted.items()}
        names = sorted(weighted, key=lambda g: (-weighted[g], g))[: self.max_concepts]
        index = {g: k for k, g in enumerate(names)}
        rows, cols = [], []
        for i, grams in enumerate(per_sentence):
            for g in grams:
                if g in index:
                    rows.append(i)
                    cols.append(index[g])
        occ = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(per_sentence), len(names)))
        return names, np.array([weighted[g] for g in names], dtype=float), occ

    def select(self, cluster: Cluster, features: Features, eligible: np.ndarray) -> list[int]:
        from scipy.optimize import Bounds, LinearConstraint, milp

        names, weights, occ = self.concepts(features)
        cost = sizes(features, self.budget.kind).astype(float)
        cap = room(self.budget.limit, self.budget.kind, self.slack)
        value = np.asarray(occ @ weights).ravel()
        # with a least length, sentences without concepts may pad the summary
        useful = (value > 0) if self.min_length is None else np.ones(len(value), dtype=bool)
        candidates = np.flatnonzero(eligible & (cost <= cap) & useful)
        if len(candidates) == 0 or not (value[candidates] > 0).any():
            return []
        if len(candidates) > self.max_sentences:  # prune by concept weight per word
            density = value[candidates] / np.maximum(cost[candidates], 1.0)
            candidates = candidates[np.argsort(-density, kind="stable")[: self.max_sentences]]
        rows_occ, rows_cost, rows_pos = occ[candidates], cost[candidates], features.position[candidates]
        owner = np.arange(len(candidates))  # which candidate each row (a sentence or a variant) is
        variants: list[str] = []
        if self.compress:
            v_occ, v_cost, v_owner, variants = self._variants(features, candidates, names)
            if variants:
                rows_occ = sp.vstack([rows_occ, v_occ]).tocsr()
                rows_cost = np.concatenate([rows_cost, v_cost])
                rows_pos = np.concatenate([rows_pos, features.position[candidates[v_owner]]])
                owner = np.concatenate([owner, v_owner])
        sub = rows_occ.tocsc()
        used_concepts = np.flatnonzero(np.asarray(sub.sum(axis=0)).ravel() > 0)
        sub = sub[:, used_concepts].tocoo()
        n_s, n_c = len(owner), len(used_concepts)
        # variables: [s_1..s_ns, c_1..c_nc]; maximise sum w c  ->  minimise -w c
        tie = np.zeros(n_s)
        if self.position_tiebreak:
            # a penalty for leaving the lead (0 for a first sentence, towards eps further down), so
            # it prefers lead sentences among equally good summaries without rewarding more
            # sentences; any selection's total stays below half the smallest concept weight
            eps = 0.5 * float(weights[used_concepts].min()) / (n_s + 1)
            tie = -eps * (1.0 - 1.0 / (1.0 + rows_pos.astype(float)))
        c_obj = np.concatenate([-tie, -weights[used_concepts]])
        # s_j <= c_i for each occurrence: s_j - c_i <= 0
        k = len(sub.data)
        occ_rows = sp.csr_matrix((np.concatenate([np.ones(k), -np.ones(k)]),
                                  (np.tile(np.arange(k), 2), np.concatenate([sub.row, n_s + sub.col]))),
                                 shape=(k, n_s + n_c))
        # c_i <= sum_j occ_ij s_j: c_i - sum_j occ_ij s_j <= 0
        cover = sp.hstack([-sub.T.tocsr(), sp.identity(n_c, format="csr")]).tocsr()
        budget_row = sp.csr_matrix(np.concatenate([rows_cost, np.zeros(n_c)])[None, :])
        structure = [LinearConstraint(occ_rows, -np.inf, 0), LinearConstraint(cover, -np.inf, 0)]
        if variants:  # a sentence or one of its variants, not two of them
            groups = sp.csr_matrix((np.ones(n_s), (owner, np.arange(n_s))), shape=(len(candidates), n_s + n_c))
            structure.append(LinearConstraint(groups, -np.inf, 1))
        options = {"time_limit": self.time_limit, "disp": False, "mip_rel_gap": 0.0}
        integrality, bounds = np.ones(n_s + n_c), Bounds(0, 1)
        res = None
        if self.min_length:
            least = self.min_length + (1 if self.budget.kind == "bytes" else 0)
            if cost[candidates].sum() >= least:  # (variants are shorter: the originals decide)
                res = milp(c_obj, constraints=[*structure, LinearConstraint(budget_row, least, cap)],
                           integrality=integrality, bounds=bounds, options=options)
        if res is None or res.x is None:  # no least length, or no selection reaches it
            res = milp(c_obj, constraints=[*structure, LinearConstraint(budget_row, -np.inf, cap)],
                       integrality=integrality, bounds=bounds, options=options)
        if res.x is None:
            return []
        rows = np.flatnonzero(res.x[:n_s] > 0.5)
        for r in rows[rows >= len(candidates)]:  # a variant stands for its sentence
            sentence = features.sentences[int(candidates[owner[r]])]
            self.rewritten[(sentence.doc_id, sentence.index)] = variants[int(r) - len(candidates)]
        picked = candidates[owner[rows]]
        return [int(i) for i in picked[np.argsort(-value[picked], kind="stable")]]

    def _variants(self, features: Features, candidates: np.ndarray,
                  names: list[tuple[str, ...]]) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray, list[str]]:
        """The compressed variants of the candidates (:func:`summarize.text.compress.compressions`):
        their concept rows, sizes, owning candidate (position in ``candidates``) and texts."""
        from summarize.text.compress import compressions
        from summarize.text.tokenize import Stemmer, words

        stem = Stemmer(features.language)
        stops = features.stop_stems
        index = {g: k for k, g in enumerate(names)}
        texts: list[str] = []
        owners: list[int] = []
        rows: list[int] = []
        cols: list[int] = []
        for pos, i in enumerate(candidates.tolist()):
            for variant in compressions(features.sentences[i].text, features.language):
                for g in self._concepts_of([stem(w.lower()) for w in words(variant)], stops):
                    if g in index:
                        rows.append(len(texts))
                        cols.append(index[g])
                texts.append(variant)
                owners.append(pos)
        kind = self.budget.kind
        size = [1 if kind == "sentences" else length(t, kind) + (1 if kind == "bytes" else 0) for t in texts]
        occ = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(names)))
        return occ, np.array(size, dtype=float), np.array(owners, dtype=np.int64), texts


class Oracle(Extractive):
    """Greedy ROUGE oracle: adds the sentence that most raises bigram (then unigram) recall
    against the references; an upper bound for extractive methods, it needs references.

    Args:
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    def select(self, cluster: Cluster, features: Features, eligible: np.ndarray) -> list[int]:
        from summarize.text.tokenize import Stemmer, words

        if not cluster.references:
            raise ConfigError(f"the oracle needs references; cluster {cluster.id!r} has none")
        stem = Stemmer(features.language)
        refs = [[stem(w.lower()) for w in words(r)] for r in cluster.references]
        ref_bi = [Counter(zip(r, r[1:], strict=False)) for r in refs]
        ref_uni = [Counter(r) for r in refs]
        sent_bi = [Counter(zip(t, t[1:], strict=False)) for t in features.tokens]
        sent_uni = [Counter(t) for t in features.tokens]
        cost = sizes(features, self.budget.kind)
        cap = room(self.budget.limit, self.budget.kind, 0)
        have_bi: Counter[tuple[str, str]] = Counter()
        have_uni: Counter[str] = Counter()

        def value(bi: Counter[Any], uni: Counter[Any]) -> float:
            b = sum(sum(min(c, r[g]) for g, c in bi.items()) for r in ref_bi)
            u = sum(sum(min(c, r[g]) for g, c in uni.items()) for r in ref_uni)
            return b + 1e-3 * u

        current = 0.0
        chosen: list[int] = []
        used = 0
        alive = eligible.copy()
        while True:
            best, best_gain = -1, 0.0
            for i in np.flatnonzero(alive & (cost <= cap - used)):
                gain = value(have_bi + sent_bi[i], have_uni + sent_uni[i]) - current
                if gain > best_gain:
                    best, best_gain = int(i), gain
            if best < 0:
                return chosen
            chosen.append(best)
            alive[best] = False
            used += int(cost[best])
            have_bi += sent_bi[best]
            have_uni += sent_uni[best]
            current += best_gain
