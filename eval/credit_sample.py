"""Cross-outlet credits to read: each summary sentence beside the sentence of another outlet that
earned that outlet the credit (claim-level provenance, :mod:`summarize.text.claims`).

Usage: python eval/credit_sample.py [--duc ../shared/data/duc2003] [--multinews FILE --limit 200 --skip 0]
           [--sample 50] [--seed 1] [--summarizer mmr_digest]

Runs the summarizer (the digest's by default, cleaning first as ``experiment=digest`` does) over
the corpora, collects every credit of a summary sentence to a document other than its own (the
pair: chosen sentence, carrying sentence, and whether the pair is a near-duplicate or a
paraphrase, with the rule's own measures: lexical and dense cosine, the share of the sentence's
content words the carrier has and how many it lacks), and prints a seeded random sample per corpus
as JSON lines, for a person to judge whether both really report the same claim. The counts of
credits come first. ``--multinews`` takes the training file too (``train.jsonl.gz``): clusters no
rule was fixed on.

``--labels eval/credit_reads/sample-b.jsonl`` (with the same corpus options as the file's
``about`` line) scores the run against credits read by hand before: of the credits the run
makes, how many were read and judged right or wrong, and how many were not read (the labels
keep no corpus text: each pair is named by a hash of its two sentences).
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarize.clean import Cleaner  # noqa: E402
from summarize.extractive.base import Extractive  # noqa: E402
from summarize.extractive.features import Features  # noqa: E402
from summarize.io import DucDataset, MultiNewsDataset  # noqa: E402
from summarize.registry import build  # noqa: E402
from summarize.types import Budget, Cluster  # noqa: E402

CONF = Path(__file__).resolve().parent.parent / "summarize" / "conf" / "summarizer"


def credits(summarizer: Extractive, cluster: Cluster) -> list[dict[str, Any]]:
    """Every (chosen sentence, carrier in another document) pair of one cluster's summary."""
    summary = summarizer.summarize(cluster)
    units, _ = summarizer.units(cluster) if summarizer.readable else (cluster, None)
    sentences = units.sentences
    features = Features(units, sentences)
    claims = summarizer._claims(units, features)
    by_text = {s.text: i for i, s in enumerate(sentences)}
    out = []
    for text in summary.sentences:
        i = by_text.get(text)
        if i is None:
            continue
        (same, _), = claims.support([i])
        lex = np.asarray((features.tfidf[i] @ features.tfidf.T).todense()).ravel()
        for j in same:
            if sentences[j].doc_id == sentences[i].doc_id:
                continue
            mine, theirs = claims.content[i], claims.content[j]
            dense = float(claims._dense_rows([i])[0] @ claims._dense_rows([j])[0]) if claims._has_dense else None
            out.append({"cluster": cluster.id, "sentence": text, "doc": sentences[i].doc_id,
                        "carrier_doc": sentences[j].doc_id, "carrier": sentences[j].text,
                        "kind": "near-duplicate" if lex[j] >= summarizer.near_duplicate - 1e-9 else "paraphrase",
                        # the rule's own measures (summarize.text.claims): to see where right and wrong fall
                        "lexical": round(float(lex[j]), 3), "dense": None if dense is None else round(dense, 3),
                        "coverage": round(len(mine & theirs) / len(mine), 3) if mine else 0.0,
                        "missing": len(mine - theirs)})
    return out


def pair_key(sentence: str, carrier: str) -> str:
    """The name of a credit in eval/credit_reads/: its two sentences hashed (no text kept)."""
    import hashlib

    return hashlib.sha1(f"{sentence}\x00{carrier}".encode()).hexdigest()[:12]


def read_labels(path: str) -> dict[str, str]:
    """Pair name -> "right" or "wrong", from a file of eval/credit_reads/."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["pair"]: r["label"] for r in rows if "pair" in r}


def score(pairs: list[dict[str, Any]], labels: dict[str, str], duc: bool) -> dict[str, Any]:
    """How the run's credits fare against the labels; in DUC only the cross-outlet ones (AP/NYT
    prefixes differ), as they were read."""
    if duc:
        pairs = [p for p in pairs if p["doc"][:3] != p["carrier_doc"][:3]]
    verdicts = [labels.get(pair_key(p["sentence"], p["carrier"]), "unread") for p in pairs]
    right, wrong = verdicts.count("right"), verdicts.count("wrong")
    return {"cross_outlet_credits": len(pairs), "read_right": right, "read_wrong": wrong,
            "unread": verdicts.count("unread"),
            "precision_of_read": round(right / (right + wrong), 4) if right + wrong else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", default=None)
    ap.add_argument("--multinews", default=None)
    ap.add_argument("--limit", type=int, default=200, help="Multi-News clusters to read")
    ap.add_argument("--skip", type=int, default=0, help="Multi-News clusters to skip first")
    ap.add_argument("--sample", type=int, default=50, help="credits to print per corpus")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--summarizer", default="mmr_digest")
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--labels", default=None, help="a file of eval/credit_reads/ to score the credits against")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    node = yaml.safe_load((CONF / f"{args.summarizer}.yaml").read_text())
    summarizer = build(node, "summarizer", budget=Budget(words=args.words))
    cleaner = Cleaner()
    corpora = []
    if args.duc:
        corpora.append(("duc2003", DucDataset(args.duc)))
    if args.multinews:
        corpora.append(("multinews", itertools.islice(MultiNewsDataset(args.multinews), args.skip, args.skip + args.limit)))
    if not corpora:
        ap.error("give --duc and/or --multinews")
    labels = read_labels(args.labels) if args.labels else None
    for name, clusters in corpora:
        pairs = [p for c in clusters for p in credits(summarizer, cleaner.clean(c)[0])]
        kinds = {k: sum(p["kind"] == k for p in pairs) for k in ("near-duplicate", "paraphrase")}
        print(json.dumps({"corpus": name, "credits": len(pairs), **kinds}))
        if labels is not None:
            print(json.dumps({"corpus": name, **score(pairs, labels, duc=name == "duc2003")}))
            continue
        for p in random.Random(args.seed).sample(pairs, min(args.sample, len(pairs))):
            print(json.dumps({"corpus": name, **p}, ensure_ascii=False))


if __name__ == "__main__":
    main()
