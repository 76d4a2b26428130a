"""Fit the learned pair similarity (issue 14) on Multi-News training clusters and choose its cut.

Usage: python eval/train_pairs.py --train ../shared/data/multinews/train.jsonl.gz
           [--fit-clusters 1-7500] [--heldout-clusters 15001-17000] [--pool 50]
           [--variants JSON] [--out eval/pair_model.json --keep lexical] [--cache /tmp/pair-cache]

The training file's relevant documents are pooled ``--pool`` clusters at a time, as
``eval/grouping.py`` pools validation. In the fitting pools every pair of articles is an
example (one cluster: positive; two: negative; ``--negatives hard`` keeps only the negatives
with a cosine of 0.02 or more, or among either article's 10 nearest); a logistic regression
(scikit-learn, standardised inputs, C=1) is fitted on them. The cut for average linkage over
the predicted probability (mean probability ``threshold``, every cross pair ``min_probability``,
the distinct-events share) is chosen by the mean ARI of the *held-out* training pools, which
the fit never saw; the current cosine grouping is scored on the same pools beside it. No
validation, DUC or TAC document is read.

Variants (``--variants``: a JSON list of ``[name, features, negatives]``; the default list is
every one measured for eval/README.md): logistic regressions over feature sets of
``eval/pair_model.py`` (each cosine also as ``log(cos + 0.01)``), grouped over the probability;
and ``equivalent-<words>[-ratio]`` (features ``[words, ratio]``): ``logit = a log(cos + 0.01) +
b shortness [+ c log(shorter / longer)]``, turned into a score on the cosine's scale that
equals the cosine for two articles of ``words`` content words or more and one length, cut
like the cosine (thresholds 0.08-0.24; the current cut 0.12 / 0.05 / 0.5 is printed too).

Writes the ``--keep`` models (JSON: features, standardisation, coefficients, the chosen cut) to
``--out`` and prints one JSON line per variant. eval/README.md has the results: every variant
splits DUC 2003's and TAC 2011's events, so none is used by ``summarize.digest.events``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pair_model import ALL_FEATURES, equivalent, expand, logistic, pair_features, shortness  # noqa: E402

from summarize.digest.events import group_by_similarity  # noqa: E402
from summarize.io import make_document  # noqa: E402
from summarize.io.jsonl import iter_jsonl  # noqa: E402

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)
MINIMA = (0.0, 0.01, 0.02, 0.05, 0.1)
DISTINCTS = (0.0, 0.5)


def span(text: str) -> tuple[int, int]:
    a, b = text.split("-")
    return int(a), int(b)


def pools(path: str, first: int, last: int, pool: int) -> list[tuple[list, list[int]]]:
    """The relevant documents of clusters ``first..last`` (line numbers), ``pool`` at a time (as
    ``eval/grouping.py``'s ``multinews_pools`` reads validation)."""
    out: list[tuple[list, list[int]]] = []
    for number, obj in iter_jsonl(Path(path)):
        if number < first:
            continue
        if number > last:
            break
        if (number - first) % pool == 0:
            out.append(([], []))
        for i, text in enumerate(t for t in obj.get("relevant_documents") or [] if t.strip()):
            out[-1][0].append(make_document(id=f"{number}-{i}", text=text, language="english"))
            out[-1][1].append(number)
    return out


def _features(item: tuple[int, list, list[int], str]) -> Path:
    k, docs, labels, cache = item
    path = Path(cache) / f"pool{k}.npz"
    if not path.exists():
        logging.disable(logging.WARNING)
        f = pair_features(docs, "english", ALL_FEATURES)
        np.savez_compressed(path, labels=np.asarray(labels), **{n: v.astype(np.float32) for n, v in f.items()})
    return path


def cached(path: str, first: int, last: int, pool: int, cache: Path) -> list[dict[str, np.ndarray]]:
    cache.mkdir(parents=True, exist_ok=True)
    tag = f"{first}-{last}-{pool}"
    todo = [(k, d, lab, str(cache / tag)) for k, (d, lab) in enumerate(pools(path, first, last, pool))]
    (cache / tag).mkdir(exist_ok=True)
    with ProcessPoolExecutor(2) as ex:
        files = list(ex.map(_features, todo))
    return [{k: v.astype(np.float64) for k, v in np.load(f).items()} for f in files]


def design(pool: dict[str, np.ndarray], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    labels = pool["labels"]
    n = len(labels)
    iu = np.triu_indices(n, 1)
    cols = expand(pool, names)
    x = np.stack([f[iu] for _, f in cols], axis=1)
    y = (labels[:, None] == labels[None, :])[iu].astype(int)
    return x, y, iu


def hard(pool: dict[str, np.ndarray], iu) -> np.ndarray:
    cos = pool["cos"].copy()
    np.fill_diagonal(cos, -np.inf)
    order = np.argsort(-cos, axis=1)[:, :10]
    near = np.zeros_like(cos, dtype=bool)
    near[np.arange(len(cos))[:, None], order] = True
    near |= near.T
    return (pool["cos"][iu] >= 0.02) | near[iu]


def ari(sim: np.ndarray, labels: np.ndarray, t: float, m: float, d: float) -> float:
    from sklearn.metrics import adjusted_rand_score

    groups = group_by_similarity(sim, threshold=t, min_similarity=m, distinct=d)
    found = np.zeros(len(labels), dtype=int)
    for g, members in enumerate(groups):
        found[members] = g
    return adjusted_rand_score(labels, found)


def fit(train: list[dict], names: list[str], negatives: str) -> dict:
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for p in train:
        x, y, iu = design(p, names)
        if negatives == "hard":
            keep = (y == 1) | hard(p, iu)
            x, y = x[keep], y[keep]
        xs.append(x)
        ys.append(y)
    x, y = np.concatenate(xs), np.concatenate(ys)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    return {"features": names, "inputs": [n for n, _ in expand(train[0], names)],
            "mean": mean.tolist(), "scale": scale.tolist(), "coef": lr.coef_[0].tolist(),
            "intercept": float(lr.intercept_[0]), "negatives": negatives,
            "examples": int(len(y)), "positives": int(y.sum())}


def fit_equivalent(train: list[dict], reference: float, ratio: bool) -> dict:
    """``logit = c_cos log(cos + 0.01) + c_s shortness [+ c_r len_ratio] + c_0`` on every pair,
    kept as the cosine-scale multipliers ``c_s / c_cos`` (and ``c_r / c_cos``)."""
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for p in train:
        labels = p["labels"]
        iu = np.triu_indices(len(labels), 1)
        cols = [np.log(np.clip(p["cos"], 0, None) + 0.01)[iu], shortness(p, reference)[iu]]
        if ratio:
            cols.append(p["len_ratio"][iu])
        xs.append(np.stack(cols, axis=1))
        ys.append((labels[:, None] == labels[None, :])[iu].astype(int))
    x, y = np.concatenate(xs), np.concatenate(ys)
    lr = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    c = lr.coef_[0]
    return {"kind": "equivalent", "reference": reference, "shortness": float(c[1] / c[0]),
            "ratio": float(c[2] / c[0]) if ratio else 0.0, "coef": c.tolist(), "intercept": float(lr.intercept_[0]),
            "examples": int(len(y)), "positives": int(y.sum())}


def predict(pool: dict, model: dict) -> np.ndarray:
    if model.get("kind") == "equivalent":
        return equivalent(pool, model)
    return logistic(pool, model)


def choose(held: list[dict], sims: list[np.ndarray], cosine_scale: bool = False) -> tuple[tuple, float, dict]:
    table = {}
    for t in (0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.24) if cosine_scale else THRESHOLDS:
        for m in (0.02, 0.05) if cosine_scale else MINIMA:
            if m >= t:
                continue
            for d in DISTINCTS:
                table[(t, m, d)] = float(np.mean([ari(s, p["labels"], t, m, d) for s, p in zip(sims, held, strict=True)]))
    best = max(table, key=table.get)
    return best, table[best], table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", required=True)
    ap.add_argument("--fit-clusters", type=span, default=(1, 7500))
    ap.add_argument("--heldout-clusters", type=span, default=(15001, 17000))
    ap.add_argument("--pool", type=int, default=50)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/pair-cache"))
    ap.add_argument("--variants", default=None, help="JSON list of [name, [features], negatives]")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--keep", nargs="+", help="the variants written (one: to --out; several: --out's name-variant.json)")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    train = cached(args.train, *args.fit_clusters, args.pool, args.cache)
    held = cached(args.train, *args.heldout_clusters, args.pool, args.cache)
    base = [float(ari(p["cos"], p["labels"], 0.12, 0.05, 0.5)) for p in held]
    print(json.dumps({"variant": "current (cosine 0.12 / 0.05 / 0.5)", "heldout_ari_mean": round(np.mean(base), 4),
                      "heldout_ari_min": round(min(base), 4), "pools": len(held)}), flush=True)
    lang_free = ["cos", "cos_plain", "cos_lead", "rare_n", "rare_sum", "rare_max", "len_min", "len_ratio"]
    variants = json.loads(args.variants) if args.variants else [
        ["cos", ["cos"], "all"],
        ["lexical", lang_free, "all"],
        ["lexical-hard", lang_free, "hard"],
        ["lexical+names", lang_free + ["names_n"], "all"],
        ["lexical+wordllama", lang_free + ["wordllama"], "all"],
        ["lexical+rank", lang_free + ["rank"], "all"],
        ["all", list(ALL_FEATURES), "all"],
        ["lexical-nolen", lang_free[:6], "all"],
        ["cos+len", ["cos", "len_min", "len_ratio"], "all"],
        ["equivalent-100", [100, 0], "all"],
        ["equivalent-75-ratio", [75, 1], "all"],
        ["equivalent-100-ratio", [100, 1], "all"],
        ["equivalent-150-ratio", [150, 1], "all"],
    ]
    for name, feats, negatives in variants:
        if name.startswith("equivalent"):  # feats: [reference words, with the length ratio]
            model = fit_equivalent(train, float(feats[0]), bool(feats[1]))
            model["features"], model["inputs"] = ["cos", "len_min", "len_ratio"], ["log_cos", "shortness", "ratio"]
        else:
            model = fit(train, feats, negatives)
        sims = [predict(p, model) for p in held]
        (t, m, d), score, table = choose(held, sims, model.get("kind") == "equivalent")
        per = [ari(s, p["labels"], t, m, d) for s, p in zip(sims, held, strict=True)]
        if model.get("kind") == "equivalent":
            model["heldout_ari_current_cut"] = round(table[(0.12, 0.05, 0.5)], 4)
        model.update(name=name, threshold=t, min_probability=m, distinct=d, heldout_ari=round(score, 4))
        print(json.dumps({"variant": name, "features": feats, "negatives": negatives, "threshold": t,
                          "min_probability": m, "distinct": d, "heldout_ari_mean": round(score, 4),
                          "heldout_ari_min": round(min(per), 4),
                          "heldout_ari_current_cut": model.get("heldout_ari_current_cut"),
                          "coef": dict(zip(model["inputs"], np.round(model["coef"], 3).tolist(), strict=True))}), flush=True)
        if args.out and name in (args.keep or [name]):
            target = args.out if len(args.keep or [name]) == 1 else args.out.with_name(f"{args.out.stem}-{name}.json")
            target.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
