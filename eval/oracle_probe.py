"""Issue 17, Multi-News: new targets and selectors for the learned scorer, ranked on held-out
TRAINING clusters (validation printed only as a check, never used to choose).

Usage: python eval/oracle_probe.py cache --train ../shared/data/multinews/train.jsonl.gz \
           --multinews ../shared/data/multinews/validation.jsonl --start 0 --stop 10000 [--cache /tmp/oracle_probe]
       python eval/oracle_probe.py cache ... --start 10000 --stop 20000
       python eval/oracle_probe.py small [--only y member ... ilp] [--cache /tmp/oracle_probe]
       python eval/oracle_probe.py scale --only y y20k member [--cache /tmp/oracle_probe]

``cache`` cleans clusters (``clean=default``) in chunks of 2,000 and stores, per cluster, the
16 features of ``summarizer=learned`` (``x``), the shipped target (``y``: the share of the
sentence's bigrams in the reference), and the greedy ROUGE oracle of the cluster at 300 words
(:func:`greedy_oracle`: sentences added while the sum of R-1 and R-2 F against the reference
grows, as BertSum and MatchSum label; ``member``: 1 for a sentence it chose, ``gain``: the R-1 + R-2
F it added when chosen; ``member_r`` and ``gain_r`` the same with R-1 + R-2 recall, which fills the
300 words), and the stemmed bigrams for the concept ILP (pickles written and read by
this script only, under ``--cache``).

``small`` ranks the variants: models fitted on training clusters 0-1,999, compared on 2,000-2,999.
``scale --only KEY ...`` refits them on 0-7,999 and compares them on 8,000-9,999 (``y20k``: the
shipped target on 0-7,999 and 10,000-19,999, item 3). Each prints one JSON line per variant;
validation is printed beside the held-out training clusters as a check, never to choose.
Results (2026-12-02): eval/README.md, Multi-News section, "Oracle targets, a supervised concept ILP,
more training clusters": none beat the shipped target on held-out training clusters.
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from salience_probe import _Fixed  # noqa: E402  (Learned with scores given per cluster)
from train_salience import TREES, new_board, rouge_f, targets  # noqa: E402

from summarize.extractive import Features  # noqa: E402
from summarize.extractive.learned import Learned, sentence_features  # noqa: E402
from summarize.text.tokenize import Stemmer, words  # noqa: E402

CHUNK = 2000
BUDGET = 300


def _f(overlap: float, have: int, ref: int) -> float:
    if overlap <= 0 or have <= 0 or ref <= 0:
        return 0.0
    p, r = overlap / have, overlap / ref
    return 2 * p * r / (p + r)


def greedy_oracle(tokens: list[list[str]], n_words: np.ndarray, ref_tokens: list[str],
                  budget: int = BUDGET, recall: bool = False) -> tuple[list[int], list[float]]:
    """The greedy R-1 + R-2 F oracle: add the sentence that most raises R-1 F + R-2 F (stemmed,
    stop words kept) while the total stays within ``budget`` words; stop when none raises it.
    With ``recall``, R-1 + R-2 recall instead (it fills the budget, as the 300-word summaries do).
    Returns the chosen sentences in order and the gain each brought."""
    ref_uni = Counter(ref_tokens)
    ref_bi = Counter(zip(ref_tokens, ref_tokens[1:], strict=False))
    n_ref_uni, n_ref_bi = sum(ref_uni.values()), sum(ref_bi.values())
    sent_uni = [Counter(t) for t in tokens]
    sent_bi = [Counter(zip(t, t[1:], strict=False)) for t in tokens]
    have_uni: Counter = Counter()
    have_bi: Counter = Counter()
    o1 = o2 = 0
    len1 = len2 = 0
    used = 0
    current = 0.0
    chosen: list[int] = []
    gains: list[float] = []
    seen: set[tuple[str, ...]] = set()
    while True:
        best, best_value, best_o = -1, current, (0, 0)
        for i in range(len(tokens)):
            if i in chosen or not tokens[i] or used + int(n_words[i]) > budget or tuple(tokens[i]) in seen:
                continue
            d1 = sum(min(c, max(ref_uni[g] - have_uni[g], 0)) for g, c in sent_uni[i].items())
            d2 = sum(min(c, max(ref_bi[g] - have_bi[g], 0)) for g, c in sent_bi[i].items())
            if recall:
                value = (o1 + d1) / max(n_ref_uni, 1) + (o2 + d2) / max(n_ref_bi, 1)
            else:
                value = (_f(o1 + d1, len1 + len(tokens[i]), n_ref_uni)
                         + _f(o2 + d2, len2 + max(len(tokens[i]) - 1, 0), n_ref_bi))
            if value > best_value + 1e-12:
                best, best_value, best_o = i, value, (d1, d2)
        if best < 0:
            return chosen, gains
        chosen.append(best)
        seen.add(tuple(tokens[best]))
        gains.append(best_value - current)
        current = best_value
        have_uni += sent_uni[best]
        have_bi += sent_bi[best]
        o1, o2 = o1 + best_o[0], o2 + best_o[1]
        len1 += len(tokens[best])
        len2 += max(len(tokens[best]) - 1, 0)
        used += int(n_words[best])


def item(cluster) -> dict:
    """The cached record of one cleaned cluster."""
    f = Features(cluster, cluster.sentences)
    stem = Stemmer(cluster.language)
    ref = [stem(w.lower()) for r in cluster.references for w in words(r)]
    n = len(f.sentences)
    labels = {}
    for name, recall in (("", False), ("_r", True)):
        member, gain = np.zeros(n), np.zeros(n)
        if n:
            chosen, gains = greedy_oracle(f.tokens, f.n_words, ref, recall=recall)
            member[chosen] = 1.0
            gain[chosen] = gains
        labels["member" + name], labels["gain" + name] = member, gain
    return {"cluster": cluster, "x": sentence_features(cluster, f) if n else np.zeros((0, 16)),
            "y": targets(cluster, f) if n else np.zeros(0), **labels,
            "tokens": f.tokens, "doc": f.doc_index.copy() if n else np.zeros(0, dtype=int),
            "pos": f.position.copy() if n else np.zeros(0, dtype=int), "nw": f.n_words.copy(),
            "ref": ref}


def cache(args) -> None:
    from summarize.clean import Cleaner
    from summarize.io import MultiNewsDataset

    out = Path(args.cache)
    out.mkdir(parents=True, exist_ok=True)
    cleaner = Cleaner()
    val = out / "validation.pkl"
    if args.multinews and not val.exists():
        rows = [item(cleaner.clean(c)[0]) for c in MultiNewsDataset(args.multinews)]
        val.write_bytes(pickle.dumps(rows))
        print(json.dumps({"cached": str(val), "clusters": len(rows)}), flush=True)
    rows, start = [], None
    for k, raw in enumerate(MultiNewsDataset(args.train, limit=args.stop)):
        if k < args.start:
            continue
        if start is None:
            start = k
        rows.append(item(cleaner.clean(raw)[0]))
        if len(rows) == CHUNK:
            path = out / f"train{start}.pkl"
            path.write_bytes(pickle.dumps(rows))
            print(json.dumps({"cached": str(path), "clusters": len(rows)}), flush=True)
            rows, start = [], None
    if rows:
        path = out / f"train{start}.pkl"
        path.write_bytes(pickle.dumps(rows))
        print(json.dumps({"cached": str(path), "clusters": len(rows)}), flush=True)


def load(cache_dir: str, start: int, stop: int) -> list[dict]:
    rows = []
    for s in range(start - start % CHUNK, stop, CHUNK):
        chunk = pickle.loads((Path(cache_dir) / f"train{s}.pkl").read_bytes())
        rows.extend(chunk[max(start - s, 0): stop - s])
    return rows


def load_validation(cache_dir: str) -> list[dict]:
    return pickle.loads((Path(cache_dir) / "validation.pkl").read_bytes())


def evaluate(items: list[dict], scores: list[np.ndarray], redundancy: float = 0.3, cut_lowest: bool = True,
             **kwargs) -> dict:
    """ROUGE F of ``Learned``'s selection as ``experiment=multinews`` runs it (300 words, raw
    sentences, source order, the lowest-ranked chosen sentence cut, redundancy 0.3)."""
    table = {it["cluster"].id: s for it, s in zip(items, scores, strict=True)}
    summarizer = _Fixed(table, budget={"words": BUDGET}, truncate_last=True, redundancy=redundancy, readable=False,
                        key_fact="none", order="source", cut_lowest=cut_lowest, **kwargs)
    board = new_board()
    for it in items:
        board.add(summarizer.summarize(it["cluster"]).sentences, it["cluster"].references)
    return {k: round(v, 2) for k, v in rouge_f(board).items()}


BIGRAM_FEATURES = (
    "df_share", "df", "n_docs_log", "tf_log", "first_position_inv", "first_relative_position", "lead_docs",
    "lead_share", "has_stop", "has_digit", "sentences_log", "score_max", "score_mean", "score_first",
    "centroid_max", "support_max", "textrank_max", "word_df_min", "word_df_max", "stem_chars_min",
    "first_sentence_words_log",
)


def concepts(it: dict, stops: frozenset) -> tuple[list[tuple[str, str]], list[list[int]]]:
    """The cluster's concepts (stemmed bigrams, less those of two stop words, as
    :class:`~summarize.extractive.selection.ConceptILP`) and, per concept, the sentences holding it."""
    where: dict[tuple[str, str], list[int]] = {}
    for i, toks in enumerate(it["tokens"]):
        for g in dict.fromkeys(zip(toks, toks[1:], strict=False)):
            if not (g[0] in stops and g[1] in stops):
                where.setdefault(g, []).append(i)
    names = list(where)
    return names, [where[g] for g in names]


def bigram_rows(it: dict, sentence_scores: np.ndarray, stops: frozenset) -> tuple[list, list, np.ndarray, np.ndarray]:
    """Concepts, their sentences, one row of :data:`BIGRAM_FEATURES` each, and their labels
    (1 when the reference holds the bigram)."""
    names, holders = concepts(it, stops)
    doc, pos, x, nw = it["doc"], it["pos"], it["x"], it["nw"]
    n_docs = int(doc.max()) + 1 if len(doc) else 1
    per_doc = np.bincount(doc, minlength=n_docs) if len(doc) else np.ones(1)
    word_docs: dict[str, set] = {}
    for i, toks in enumerate(it["tokens"]):
        for t in toks:
            word_docs.setdefault(t, set()).add(int(doc[i]))
    tf: Counter = Counter()
    for toks in it["tokens"]:
        tf.update(zip(toks, toks[1:], strict=False))
    rows = np.zeros((len(names), len(BIGRAM_FEATURES)))
    for k, (g, hs) in enumerate(zip(names, holders, strict=True)):
        hs = np.asarray(hs)
        docs = set(doc[hs].tolist())
        first = hs[np.argmin(pos[hs])]
        lead = {int(doc[i]) for i in hs if pos[i] == 0}
        sc = sentence_scores[hs]
        rows[k] = [len(docs) / n_docs, len(docs), np.log(n_docs), np.log1p(tf[g]), 1 / (1 + pos[first]),
                   pos[first] / per_doc[doc[first]], len(lead), len(lead) / n_docs,
                   float(g[0] in stops or g[1] in stops), float(any(ch.isdigit() for ch in g[0] + g[1])),
                   np.log1p(len(hs)), sc.max(), sc.mean(), sentence_scores[first], x[hs, 2].max(), x[hs, 12].max(),
                   x[hs, 0].max(), min(len(word_docs[g[0]]), len(word_docs[g[1]])) / n_docs,
                   max(len(word_docs[g[0]]), len(word_docs[g[1]])) / n_docs, min(len(g[0]), len(g[1])),
                   np.log1p(nw[first])]
    ref = it["ref"]
    ref_bi = set(zip(ref, ref[1:], strict=False))
    return names, holders, rows, np.array([float(g in ref_bi) for g in names])


def ilp_select(holders: list[list[int]], weights: np.ndarray, cost: np.ndarray, eligible: np.ndarray,
               bonus: np.ndarray | None = None, cap: int = BUDGET, time_limit: float = 10.0) -> list[int]:
    """Gillick & Favre's concept ILP (as :class:`~summarize.extractive.selection.ConceptILP`
    solves it, HiGHS through ``scipy.optimize.milp``) with given concept weights: maximise
    ``sum_i w_i c_i + sum_j bonus_j s_j`` under ``sum_j l_j s_j <= cap``. Best value first."""
    import scipy.sparse as sp
    from scipy.optimize import Bounds, LinearConstraint, milp

    cand = np.flatnonzero(eligible & (cost <= cap))
    if len(cand) == 0:
        return []
    local = {int(j): k for k, j in enumerate(cand)}
    rows, cols = [], []
    for c, hs in enumerate(holders):
        for j in hs:
            if j in local:
                rows.append(local[j])
                cols.append(c)
    occ = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(cand), len(holders)))
    used = np.flatnonzero(np.asarray(occ.sum(axis=0)).ravel() > 0)
    occ = occ[:, used].tocoo()
    w = weights[used]
    n_s, n_c = len(cand), len(used)
    b = np.zeros(n_s) if bonus is None else bonus[cand]
    c_obj = -np.concatenate([b, w])
    k = len(occ.data)
    occ_rows = sp.csr_matrix((np.concatenate([np.ones(k), -np.ones(k)]),
                              (np.tile(np.arange(k), 2), np.concatenate([occ.row, n_s + occ.col]))),
                             shape=(k, n_s + n_c))
    cover = sp.hstack([-occ.T.tocsr(), sp.identity(n_c, format="csr")]).tocsr()
    budget_row = sp.csr_matrix(np.concatenate([cost[cand], np.zeros(n_c)])[None, :])
    res = milp(c_obj, constraints=[LinearConstraint(occ_rows, -np.inf, 0), LinearConstraint(cover, -np.inf, 0),
                                   LinearConstraint(budget_row, -np.inf, cap)],
               integrality=np.ones(n_s + n_c), bounds=Bounds(0, 1),
               options={"time_limit": time_limit, "disp": False, "mip_rel_gap": 0.0})
    if res.x is None:
        return []
    picked = cand[res.x[:n_s] > 0.5]
    value = np.zeros(len(cost))
    for c, hs in enumerate(holders):
        for j in hs:
            value[j] += weights[c]
    if bonus is not None:
        value = value + bonus
    return [int(j) for j in picked[np.argsort(-value[picked], kind="stable")]]


def fill(chosen: list[int], it: dict, names: list, holders: list[list[int]], weights: np.ndarray,
         eligible: np.ndarray) -> int:
    """The sentence to put last and cut at the budget: the most uncovered concept weight in the
    words that fit (-1 when the ILP's sentences fill the budget)."""
    left = BUDGET - int(sum(it["nw"][j] for j in chosen))
    if left <= 0:
        return -1
    covered = set()
    for c, hs in enumerate(holders):
        if any(j in chosen for j in hs):
            covered.add(c)
    names_of: dict[int, list[int]] = {}
    for c, hs in enumerate(holders):
        for j in hs:
            names_of.setdefault(j, []).append(c)
    best, best_value = -1, -1.0
    for j in np.flatnonzero(eligible).tolist():
        if j in chosen:
            continue
        # the concepts in the words that survive the cut (about the first `left` words)
        keep = set(zip(it["tokens"][j][:left], it["tokens"][j][1:left], strict=False))
        v = sum(weights[c] for c in names_of.get(j, ()) if c not in covered and
                names[c] in keep)
        if v > best_value:
            best, best_value = j, v
    return best


class _Chosen(Learned):
    """``Learned`` whose selection is given per cluster id (best first; the last one is cut)."""

    def __init__(self, table: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.table = table

    def select(self, cluster, features, eligible):
        return list(self.table[cluster.id])


def evaluate_chosen(items: list[dict], chosen: list[list[int]]) -> dict:
    """ROUGE F of given selections, source order with the last chosen sentence last (cut at 300 words)."""
    table = {it["cluster"].id: c for it, c in zip(items, chosen, strict=True)}
    summarizer = _Chosen(table, budget={"words": BUDGET}, truncate_last=True, redundancy=None, readable=False,
                         key_fact="none", order="source", cut_lowest=True)
    board = new_board()
    for it in items:
        board.add(summarizer.summarize(it["cluster"]).sentences, it["cluster"].references)
    return {k: round(v, 2) for k, v in rouge_f(board).items()}


def trees_fit(x: np.ndarray, y: np.ndarray, classify: bool = False, **extra):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    params = dict(TREES, **extra)
    if classify:
        model = HistGradientBoostingClassifier(**params).fit(x, y)
        return lambda z: model.predict_proba(z)[:, 1] if len(z) else np.zeros(0)
    model = HistGradientBoostingRegressor(**params).fit(x, y)
    return lambda z: model.predict(z) if len(z) else np.zeros(0)


def sentence_scores(fit: list[dict], others: dict[str, list[dict]], folds: int = 2) -> tuple[list, dict]:
    """The shipped trees' settings fitted on ``fit`` (target ``y``): out-of-fold scores for ``fit``
    (``folds``-fold cross-fitting) and the all-``fit`` model's scores for each list of ``others``."""
    own: list = [None] * len(fit)
    for k in range(folds):
        train = [it for i, it in enumerate(fit) if i % folds != k]
        predict = trees_fit(np.vstack([it["x"] for it in train]), np.concatenate([it["y"] for it in train]))
        for i in range(k, len(fit), folds):
            own[i] = predict(fit[i]["x"])
    predict = trees_fit(np.vstack([it["x"] for it in fit]), np.concatenate([it["y"] for it in fit]))
    return own, {name: [predict(it["x"]) for it in items] for name, items in others.items()}


def ilp_variants(fit: list[dict], fit_scores: list, rows: dict[str, list[dict]], scores: dict[str, list],
                 min_words: int = 1) -> list[dict]:
    """The supervised bigram ILP (Li, Qian & Liu 2013) and its variants, scored on each of ``rows``."""
    stops = Features(fit[0]["cluster"], fit[0]["cluster"].sentences).stop_stems
    xb, yb = [], []
    for it, sc in zip(fit, fit_scores, strict=True):
        if len(it["nw"]):
            _, _, r, lab = bigram_rows(it, sc, stops)
            xb.append(r)
            yb.append(lab)
    xb, yb = np.vstack(xb), np.concatenate(yb)
    predict = trees_fit(xb, yb, classify=True)
    out = []
    prepared = {}
    for name, items in rows.items():
        prepared[name] = []
        for it, sc in zip(items, scores[name], strict=True):
            if not len(it["nw"]):
                prepared[name].append(None)
                continue
            names, holders, r, _ = bigram_rows(it, sc, stops)
            df = r[:, 1]
            prepared[name].append((names, holders, predict(r), df, sc))
    variants = [("ilp, document-frequency weights (unsupervised)", "df", 0.0),
                ("supervised bigram ILP (predicted probability)", "p", 0.0),
                ("supervised bigram ILP + 0.25 x trees' sentence score x words", "p", 0.25),
                ("supervised bigram ILP + 1 x trees' sentence score x words", "p", 1.0)]
    for label, weight, lam in variants:
        result = {"model": label, "bigram_rows": int(len(yb)), "bigram_positive": round(float(yb.mean()), 3)}
        for name, items in rows.items():
            chosen = []
            for it, prep in zip(items, prepared[name], strict=True):
                if prep is None:
                    chosen.append([])
                    continue
                names, holders, p, df, sc = prep
                w = p if weight == "p" else df
                eligible = it["nw"] >= min_words
                if not eligible.any():
                    eligible = it["nw"] > 0
                bonus = lam * np.maximum(sc, 0) * it["nw"] if lam else None
                picked = ilp_select(holders, w, it["nw"].astype(float), eligible, bonus)
                last = fill(picked, it, names, holders, w, eligible)
                chosen.append(picked + ([last] if last >= 0 else []))
            result[name] = evaluate_chosen(items, chosen)
        print(json.dumps(result), flush=True)
        out.append(result)
    return out


def small(args) -> None:
    """Rank the ideas: fit on training clusters 0-1,999, compare on 2,000-2,999 (validation a check)."""
    fit, held, val = load(args.cache, 0, 2000), load(args.cache, 2000, 3000), load_validation(args.cache)
    rows = {"held": held, "validation": val}
    x = np.vstack([it["x"] for it in fit])
    only = set(args.only or [])
    for label, target, classify in SENTENCE_VARIANTS.values():
        if only and target not in only:
            continue
        predict = trees_fit(x, np.concatenate([it[target] for it in fit]), classify)
        print(json.dumps({"model": label, "fit": "0-1999", **{k: evaluate(v, [predict(it["x"]) for it in v])
                                                            for k, v in rows.items()}}), flush=True)
    if not only or "ilp" in only:
        own, others = sentence_scores(fit, rows)
        ilp_variants(fit, own, rows, others)


SENTENCE_VARIANTS = {
    "y": ("trees, bigram-share target (shipped)", "y", False),
    "member": ("trees classifier, F-oracle membership", "member", True),
    "member_r": ("trees classifier, recall-oracle membership", "member_r", True),
    "gain": ("trees regressor, F-oracle marginal gain", "gain", False),
    "gain_r": ("trees regressor, recall-oracle marginal gain", "gain_r", False),
}


def scale(args) -> None:
    """The winners at scale: fit on training clusters 0-7,999, select on 8,000-9,999 (validation
    a check); ``y20k``: the shipped target fitted on 0-7,999 and 10,000-19,999 (18,000 clusters,
    the selection clusters still held out)."""
    fit, held, val = load(args.cache, 0, 8000), load(args.cache, 8000, 10000), load_validation(args.cache)
    rows = {"held": held, "validation": val}
    for key in args.only or ["y"]:
        if key == "ilp":
            own, others = sentence_scores(fit, rows)
            ilp_variants(fit, own, rows, others)
            continue
        if key == "y20k":
            more = fit + load(args.cache, 10000, 20000)
            predict = trees_fit(np.vstack([it["x"] for it in more]), np.concatenate([it["y"] for it in more]))
            label, span = "trees, bigram-share target (shipped), 18,000 clusters", "0-7999,10000-19999"
        else:
            label, target, classify = SENTENCE_VARIANTS[key]
            predict = trees_fit(np.vstack([it["x"] for it in fit]), np.concatenate([it[target] for it in fit]),
                                classify)
            span = "0-7999"
        print(json.dumps({"model": label, "fit": span, **{k: evaluate(v, [predict(it["x"]) for it in v])
                                                         for k, v in rows.items()}}), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("cache", "small", "scale"))
    ap.add_argument("--train", default="../shared/data/multinews/train.jsonl.gz")
    ap.add_argument("--multinews", default="../shared/data/multinews/validation.jsonl")
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--stop", type=int, default=10000)
    ap.add_argument("--cache", default="/tmp/oracle_probe")
    ap.add_argument("--only", nargs="*", help="only these variants (y member member_r gain gain_r ilp; y20k with scale)")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    if args.step == "cache":
        cache(args)
        return
    {"small": small, "scale": scale}[args.step](args)


if __name__ == "__main__":
    main()
