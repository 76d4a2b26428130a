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


class ConceptILP(Extractive):
    """Concept coverage by integer linear programming (Gillick & Favre 2009).

    Concepts are stemmed word bigrams (bigrams of two stop words are left out), weighted by
    the number of documents that contain them; the ILP picks the sentences that cover the
    most concept weight within the budget, so a fact repeated across outlets is paid for
    once (redundancy is built in). Solved with scipy's ``milp`` (HiGHS).

    Args:
        min_df: keep concepts found in at least this many documents (lowered for small clusters).
        position_weight: boost concepts that occur in the first sentences of documents.
        max_sentences: for large clusters, solve over this many candidate sentences.
        max_concepts: and this many concepts, the heaviest.
        slack: words (or bytes) the ILP may pass the budget by, cut off by ``truncate_last``.
        time_limit: seconds HiGHS may spend on one cluster.
        **kwargs: see :class:`~summarize.extractive.base.Extractive`.
    """

    def __init__(self, *, min_df: int = 3, position_weight: float = 0.0, max_sentences: int = 400,
                 max_concepts: int = 2000, slack: int = 0, time_limit: float = 10.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.min_df, self.position_weight = int(min_df), float(position_weight)
        self.max_sentences, self.max_concepts = int(max_sentences), int(max_concepts)
        self.slack, self.time_limit = int(slack), float(time_limit)

    def concepts(self, features: Features) -> tuple[list[tuple[str, str]], np.ndarray, sp.csr_matrix]:
        """The concepts, their weights, and the sentence x concept occurrence matrix."""
        stops = features.stop_stems
        per_sentence = []
        for toks in features.tokens:
            toks = [t for t in toks if not t.isdigit() or len(t) > 1]
            per_sentence.append({(a, b) for a, b in zip(toks, toks[1:], strict=False)
                                 if not (a in stops and b in stops)})
        docs: dict[tuple[str, str], set[int]] = {}
        early: Counter[tuple[str, str]] = Counter()
        for i, grams in enumerate(per_sentence):
            d = int(features.doc_index[i])
            for g in grams:
                docs.setdefault(g, set()).add(d)
                if features.position[i] < 3:
                    early[g] += 1
        n_docs = len(features.cluster.documents)
        min_df = min(self.min_df, max(1, n_docs // 3)) if n_docs < 2 * self.min_df else self.min_df
        weighted = {g: len(ds) + self.position_weight * early[g] for g, ds in docs.items() if len(ds) >= min_df}
        if not weighted:
            weighted = {g: float(len(ds)) for g, ds in docs.items()}
        names = sorted(weighted, key=lambda g: (-weighted[g], g))[: self.max_concepts]
        index = {g: k for k, g in enumerate(names)}
        rows, cols = [], []
        for i, grams in enumerate(per_sentence):
            for g in grams:
                if g in index:
                    rows.append(i)
                    cols.append(index[g])
        occ = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(per_sentence), len(names)))
        return names, np.array([weighted[g] for g in names]), occ

    def select(self, cluster: Cluster, features: Features, eligible: np.ndarray) -> list[int]:
        from scipy.optimize import Bounds, LinearConstraint, milp

        names, weights, occ = self.concepts(features)
        cost = sizes(features, self.budget.kind).astype(float)
        cap = room(self.budget.limit, self.budget.kind, self.slack)
        value = np.asarray(occ @ weights).ravel()
        candidates = np.flatnonzero(eligible & (cost <= cap) & (value > 0))
        if len(candidates) == 0:
            return []
        if len(candidates) > self.max_sentences:  # prune by concept weight per word
            density = value[candidates] / np.maximum(cost[candidates], 1.0)
            candidates = candidates[np.argsort(-density, kind="stable")[: self.max_sentences]]
        sub = occ[candidates].tocsc()
        used_concepts = np.flatnonzero(np.asarray(sub.sum(axis=0)).ravel() > 0)
        sub = sub[:, used_concepts].tocoo()
        n_s, n_c = len(candidates), len(used_concepts)
        # variables: [s_1..s_ns, c_1..c_nc]; maximise sum w c  ->  minimise -w c
        c_obj = np.concatenate([np.zeros(n_s), -weights[used_concepts]])
        # s_j <= c_i for each occurrence: s_j - c_i <= 0
        k = len(sub.data)
        occ_rows = sp.csr_matrix((np.concatenate([np.ones(k), -np.ones(k)]),
                                  (np.tile(np.arange(k), 2), np.concatenate([sub.row, n_s + sub.col]))),
                                 shape=(k, n_s + n_c))
        # c_i <= sum_j occ_ij s_j: c_i - sum_j occ_ij s_j <= 0
        cover = sp.hstack([-sub.T.tocsr(), sp.identity(n_c, format="csr")]).tocsr()
        budget_row = sp.csr_matrix(np.concatenate([cost[candidates], np.zeros(n_c)])[None, :])
        constraints = [LinearConstraint(occ_rows, -np.inf, 0), LinearConstraint(cover, -np.inf, 0),
                       LinearConstraint(budget_row, -np.inf, cap)]
        res = milp(c_obj, constraints=constraints, integrality=np.ones(n_s + n_c), bounds=Bounds(0, 1),
                   options={"time_limit": self.time_limit, "disp": False})
        if res.x is None:
            return []
        picked = candidates[np.flatnonzero(res.x[:n_s] > 0.5)]
        return [int(i) for i in picked[np.argsort(-value[picked], kind="stable")]]


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
