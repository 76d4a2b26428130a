"""A learned "same event" similarity for a pair of articles (issue 14): features and the model.

``pair_features`` gives, for every pair of a day's articles, a few cheap features; a
logistic regression over them (``eval/train_pairs.py`` fits it on Multi-News *training*
clusters pooled 50 at a time) predicts the probability that the two report one event, and
grouping runs average linkage over that probability instead of the cosine. The model is stored
as JSON (feature names, standardisation, coefficients) in ``eval/pair_model.json``.

Features (all from the language's own stemmer, stop words and wordfreq list, so they exist in
every language the toolkit groups; ``wordllama`` and ``names`` are optional and English-centred):

- ``cos``: the event-vector cosine (``summarize.digest.events``: title x3, lead x2);
- ``cos_plain``: the cosine without title or lead weighting;
- ``cos_lead``: the cosine of the title and the lead (first 3 sentences) alone;
- ``rare_n`` / ``rare_sum``: how many stems rarer than zipf 3.5 the two share, and their summed
  weight (``-ln`` frequency);
- ``rare_max``: the weight of the rarest stem they share (0: none);
- ``len_min`` / ``len_ratio``: log word count of the shorter, and log of the shorter's / longer's;
- ``wordllama``: WordLlama cosine (raw, not centred on the day);
- ``names_n``: shared capitalised words inside sentences (cased languages);
- ``rank``: log of the pair's best mutual rank (how far down each one's neighbour list the
  other is): depends on the day's other articles.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from summarize.digest.events import LEAD_SENTENCES, _bags, background_weights, document_vectors
from summarize.text.languages import UNCASED, canonical
from summarize.text.tokenize import words
from summarize.types import Document

#: zipf 3.5 (a frequency of 10^-5.5) as a weight: -ln(10^-5.5)
RARE_WEIGHT = 5.5 * math.log(10)
#: every feature pair_features can give
ALL_FEATURES = ("cos", "cos_plain", "cos_lead", "rare_n", "rare_sum", "rare_max", "len_min", "len_ratio",
                "wordllama", "names_n", "rank")
MODEL = Path(__file__).resolve().parent / "pair_model.json"


def _cos(docs: list[Document], language: str, **options: object) -> np.ndarray:
    x = document_vectors(docs, language, **options)
    return np.asarray((x @ x.T).todense(), dtype=np.float64)


def _lead(d: Document, language: str) -> Document:
    from summarize.text.sentences import split_sentences

    if d.sentences:
        return dataclasses.replace(d, sentences=d.sentences[:LEAD_SENTENCES])
    return dataclasses.replace(d, text=" ".join(split_sentences(d.text, language)[:LEAD_SENTENCES]))


def _wordllama(docs: list[Document]) -> np.ndarray:
    from summarize.extractive.embeddings import WordLlamaEncoder

    v = WordLlamaEncoder().encode([(f"{d.title}. " if d.title else "") + d.text for d in docs]).astype(np.float64)
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    return v @ v.T


def _incidence(sets: list) -> tuple[sp.csr_matrix, dict[str, int]]:
    """Documents x terms, 1 where a document holds a term (each of ``sets`` is one document's
    terms, or a dict whose keys are), and each term's column."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, terms in enumerate(sets):
        for t in terms:
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(len(vocab), 1))), vocab


def pair_features(docs: list[Document], language: str, wanted: tuple[str, ...] = ALL_FEATURES) -> dict[str, np.ndarray]:
    """Each wanted feature as an ``n x n`` matrix over the articles (diagonals meaningless)."""
    language = canonical(language)
    n = len(docs)
    out: dict[str, np.ndarray] = {}
    cos = _cos(docs, language)
    out["cos"] = cos
    if "cos_plain" in wanted:
        out["cos_plain"] = _cos(docs, language, title_weight=0, lead_weight=1)
    if "cos_lead" in wanted:
        out["cos_lead"] = _cos([_lead(d, language) for d in docs], language, lead_weight=1)
    forms: dict[str, set[str]] = {}
    bags = list(_bags(docs, language, 1, 0, 1, forms))
    if {"rare_n", "rare_sum", "rare_max"} & set(wanted):
        table = background_weights(language)
        b, vocab = _incidence(bags)
        if table is not None:
            w = np.array([table.weight(t, forms.get(t, ())) for t in vocab])
        else:  # no word list: the articles' own rarity, on the same scale (a word in one article of 10^8)
            df = np.asarray(b.sum(axis=0)).ravel()[: len(vocab)]
            w = -np.log(np.maximum(df, 1) / max(n, 1) * 1e-3)
        rare = np.flatnonzero(w >= RARE_WEIGHT)
        br = b[:, rare].tocsc()
        out["rare_n"] = np.log1p(np.asarray((br @ br.T).todense(), dtype=np.float64))
        out["rare_sum"] = np.log1p(np.asarray((br.multiply(w[rare][None, :]).tocsr() @ br.T).todense(), dtype=np.float64))
        mx = np.zeros((n, n))
        df = np.diff(br.indptr)
        for k in np.flatnonzero(df >= 2):
            members = br.indices[br.indptr[k]:br.indptr[k + 1]]
            block = mx[np.ix_(members, members)]
            mx[np.ix_(members, members)] = np.maximum(block, w[rare[k]])
        out["rare_max"] = mx / 18.42
    lengths = np.array([max(sum(bag.values()), 1) for bag in bags], dtype=np.float64)
    lo = np.minimum(lengths[:, None], lengths[None, :])
    hi = np.maximum(lengths[:, None], lengths[None, :])
    out["len_min"] = np.log(lo)
    out["len_ratio"] = np.log(lo / hi)
    if "wordllama" in wanted:
        out["wordllama"] = _wordllama(docs)
    if "names_n" in wanted:
        if language in UNCASED:
            out["names_n"] = np.zeros((n, n))
        else:
            names = []
            for d in docs:
                found = set()
                for s in [s.text for s in d.sentences] or [d.text]:
                    for p, w in enumerate(words(s)):
                        if p > 0 and w[:1].isupper() and len(w) > 1:
                            found.add(w.lower())
                names.append(found)
            b, _ = _incidence(names)
            out["names_n"] = np.log1p(np.asarray((b @ b.T).todense(), dtype=np.float64))
    if "rank" in wanted:
        c = cos.copy()
        np.fill_diagonal(c, -np.inf)
        order = np.argsort(-c, axis=1, kind="stable")
        rank = np.empty_like(order)
        rank[np.arange(n)[:, None], order] = np.arange(n)[None, :]
        out["rank"] = np.log1p(np.minimum(rank, rank.T).astype(np.float64))
    return {k: out[k] for k in wanted if k in out}


def expand(feats: dict[str, np.ndarray], names: list[str]) -> list[tuple[str, np.ndarray]]:
    """The model's inputs from the features: each cosine also as ``log(cos + 0.01)`` (the
    evidence of a low cosine is in its order of magnitude)."""
    cols = []
    for name in names:
        f = feats[name]
        if name.startswith("cos") or name == "wordllama":
            cols.append((name, f))
            cols.append((f"log_{name}", np.log(np.clip(f, 0, None) + 0.01)))
        else:
            cols.append((name, f))
    return cols


def shortness(feats: dict[str, np.ndarray], reference: float) -> np.ndarray:
    """How much shorter than ``reference`` content words the pair's shorter article is, in log
    units (0 for a pair of articles of ``reference`` words or more)."""
    return np.maximum(0.0, math.log(reference) - feats["len_min"])


def equivalent(feats: dict[str, np.ndarray], model: dict) -> np.ndarray:
    """The model's score on the cosine's own scale: the cosine that two articles of
    ``reference`` words or more (and of one length, with ``ratio``) would need for the same
    probability, ``(cos + 0.01) * exp(sum_k c_k / c_cos * f_k) - 0.01``, where the model is
    ``logit = c_cos * log(cos + 0.01) + sum_k c_k f_k + c_0``. Each ``f_k`` is 0 for such a
    pair, so there the score is the cosine itself, and the current cut applies to it."""
    z = np.zeros_like(feats["cos"])
    z += model["shortness"] * shortness(feats, model["reference"])
    if model.get("ratio"):
        z += model["ratio"] * feats["len_ratio"]
    out = (np.clip(feats["cos"], 0, None) + 0.01) * np.exp(z) - 0.01
    out = np.clip(out, 0.0, 1.0)
    np.fill_diagonal(out, 1.0)
    return out


def load(path: Path = MODEL) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def probability(docs: list[Document], language: str, model: dict) -> np.ndarray:
    """The model's probability that each pair reports one event (ones on the diagonal); for an
    ``equivalent`` model, its cosine-scale score (:func:`equivalent`)."""
    if model.get("kind") == "equivalent":
        return equivalent(pair_features(docs, language, ("cos", "len_min", "len_ratio")), model)
    return logistic(pair_features(docs, language, tuple(model["features"])), model)


def logistic(feats: dict[str, np.ndarray], model: dict) -> np.ndarray:
    """A logistic model's symmetric same-event probability of every pair, from pair features."""
    cols = expand(feats, model["features"])
    z = np.full(feats["cos"].shape, float(model["intercept"]))
    for (_, f), mean, scale, coef in zip(cols, model["mean"], model["scale"], model["coef"], strict=True):
        z += coef * (f - mean) / scale
    p = 1.0 / (1.0 + np.exp(-z))
    p = (p + p.T) / 2
    np.fill_diagonal(p, 1.0)
    return p


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=MODEL, help="print this model's inputs and coefficients")
    args = ap.parse_args()
    model = load(args.model)
    if model.get("kind") == "equivalent":
        print(json.dumps({k: model[k] for k in ("reference", "shortness", "ratio", "threshold", "min_probability",
                                                "distinct")}))
        return
    for name, coef in zip(model["inputs"], model["coef"], strict=True):
        print(f"{name:>14} {coef:+.3f}")
    print(f"{'intercept':>14} {model['intercept']:+.3f}; cut: threshold {model['threshold']}, "
          f"min probability {model['min_probability']}, distinct {model['distinct']}")


if __name__ == "__main__":
    main()
