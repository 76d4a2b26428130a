"""Issue 17, Multi-News: new targets and selectors for the learned scorer, ranked on held-out
TRAINING clusters (validation printed only as a check, never used to choose).

Usage: python eval/oracle_probe.py cache --train ../shared/data/multinews/train.jsonl.gz \
           --multinews ../shared/data/multinews/validation.jsonl --start 0 --stop 10000 [--cache /tmp/oracle_probe]
       python eval/oracle_probe.py small|scale|all20k [--cache /tmp/oracle_probe]

``cache`` cleans clusters (``clean=default``) in chunks of 2,000 and stores, per cluster, the
16 features of ``summarizer=learned`` (``x``), the shipped target (``y``: the share of the
sentence's bigrams in the reference), and the greedy ROUGE oracle of the cluster at 300 words
(:func:`greedy_oracle`: sentences added while the sum of R-1 and R-2 F against the reference
grows, as BertSum and MatchSum label; ``member``: 1 for a sentence it chose, ``gain``: the R-1 + R-2
F it added when chosen; ``member_r`` and ``gain_r`` the same with R-1 + R-2 recall, which fills the
300 words), and the stemmed bigrams for the concept ILP (pickles written and read by
this script only, under ``--cache``).

``small`` ranks the variants: models fitted on training clusters 0-1,999, compared on 8,000-8,999.
``scale`` refits the winner on 0-7,999 and compares it on 8,000-9,999. ``all20k`` fits the
shipped trees' settings on all 20,000 (item 3). Each prints one JSON line per variant.
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


class _Fixed(Learned):
    """``Learned`` with scores given per cluster id (the selection is the toolkit's own)."""

    def __init__(self, table: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.table = table

    def score(self, cluster, features):
        return self.table[cluster.id]


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("cache", "small", "scale", "all20k"))
    ap.add_argument("--train", default="../shared/data/multinews/train.jsonl.gz")
    ap.add_argument("--multinews", default="../shared/data/multinews/validation.jsonl")
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--stop", type=int, default=10000)
    ap.add_argument("--cache", default="/tmp/oracle_probe")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    if args.step == "cache":
        cache(args)
        return
    raise SystemExit(f"{args.step}: not written yet")


if __name__ == "__main__":
    main()
