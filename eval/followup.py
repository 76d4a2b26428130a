"""How well the digest archive links an event to the earlier event it continues (``follow_up.threshold``).

Usage: python eval/followup.py --duc ../shared/data/duc2003 [--tac ../shared/data/tac2011-multiling]
           [--multinews ../shared/data/multinews/validation.jsonl --clusters 300] [--days data/days]
           [--thresholds 0.05 0.1 ...] [--examples 3]

Every cluster is a story told over two days: its documents in publication order, the first half
archived as day 1's event, the second half arriving as day 2's (``summarize.digest.archive.Archive``,
the code the digest runs; Multi-News has no dates, so its documents are split in the order given).
For each day-2 event the archive ranks the day-1 events by mean TF-IDF cosine between their
articles. At a threshold:

- ``recall``: the event is linked, and to its own first half;
- ``wrong``: linked to another story's event although its own is archived;
- ``false``: linked to something when its own first half is *not* archived (the same ranking
  with the own event left out): a new story wrongly marked as a follow-up.

``--days`` reads a folder of days written for this project (``data/days``: one sub-folder, or
one ``.jsonl`` file, per ``YYYY-MM-DD``), runs ``summarize digest`` over the days in order into one
archive, and prints each event's link, the similarity of its two closest archived events and
how many sentences were left out as already reported. ``--examples`` prints, for a few
DUC stories, the day-2 sentences the archive leaves out as already reported in day 1's digest.
Prints one JSON line per corpus and threshold.
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from summarize.digest.archive import DEFAULT_THRESHOLD, Archive
from summarize.io import DucDataset, TacMultilingDataset, make_document
from summarize.io.jsonl import iter_jsonl
from summarize.render import DigestMeta, RenderItem
from summarize.types import Budget, Cluster, Sentence, Summary

DAY1, DAY2 = date(2030, 1, 1), date(2030, 1, 2)


def halves(cluster: Cluster, dated: bool = True) -> tuple[Cluster, Cluster]:
    """The cluster's documents split in two: the earlier half and the later half."""
    docs = list(cluster.documents)
    if dated:
        docs.sort(key=lambda d: ((d.published or datetime.max).replace(tzinfo=None), d.id))
    k = len(docs) // 2
    return (Cluster(id=cluster.id, documents=tuple(docs[:k]), language=cluster.language),
            Cluster(id=cluster.id, documents=tuple(docs[k:]), language=cluster.language))


def archive_day1(path: Path, firsts: Sequence[Cluster], summarizer=None) -> dict[str, str]:
    """Archive the first halves as day 1's events; returns cluster id -> event id."""
    archive = Archive(path, day=DAY1, embeddings=None)
    ids = {}
    for c in firsts:
        archive.prepare(c)
        summary = summarizer(c) if summarizer else Summary(cluster_id=c.id, sentences=(), system="none")
        archive.add(RenderItem(cluster=c, summary=summary, headline=c.id))
        ids[c.id] = archive.prepared(c.id).event_id
    archive.finish(DigestMeta(system="none", dataset="eval", budget=Budget(words=100), day=DAY1))
    archive.close()
    return ids


def rankings(clusters: Sequence[Cluster], dated: bool) -> tuple[dict[str, list[tuple[float, str]]], dict[str, str]]:
    """For each story: the day-1 events ranked by similarity to its second half (score, event id)."""
    pairs = [halves(c, dated) for c in clusters]
    pairs = [(a, b) for a, b in pairs if a.documents and b.documents]
    with tempfile.TemporaryDirectory() as tmp:
        ids = archive_day1(Path(tmp) / "a.sqlite", [a for a, _ in pairs])
        archive = Archive(Path(tmp) / "a.sqlite", day=DAY2, embeddings=None)
        ranked = {b.id: [(s, e.id) for s, e in archive.similarities(b.documents, b.language)] for _, b in pairs}
        archive.close()
    return ranked, ids


def score(ranked: dict[str, list[tuple[float, str]]], ids: dict[str, str], threshold: float) -> dict[str, float]:
    n = len(ranked)
    recall = wrong = false = 0
    for story, ranking in ranked.items():
        own = ids[story]
        if ranking and ranking[0][0] >= threshold:
            recall += ranking[0][1] == own
            wrong += ranking[0][1] != own
        others = [p for p in ranking if p[1] != own]
        false += bool(others and others[0][0] >= threshold)
    return {"threshold": threshold, "stories": n, "recall": round(recall / n, 4), "wrong": round(wrong / n, 4),
            "false": round(false / n, 4)}


def summary_of(ranked: dict[str, list[tuple[float, str]]], ids: dict[str, str]) -> dict[str, float]:
    own = [next(s for s, e in r if e == ids[k]) for k, r in ranked.items()]
    best_other = [max((s for s, e in r if e != ids[k]), default=0.0) for k, r in ranked.items()]
    return {"own_min": round(min(own), 4), "own_median": round(sorted(own)[len(own) // 2], 4),
            "other_max": round(max(best_other), 4),
            "other_median": round(sorted(best_other)[len(best_other) // 2], 4)}


def report(name: str, clusters: Sequence[Cluster], thresholds: Sequence[float], dated: bool = True) -> None:
    start = time.perf_counter()
    ranked, ids = rankings(clusters, dated)
    spent = time.perf_counter() - start
    print(json.dumps({"corpus": name, **summary_of(ranked, ids), "seconds": round(spent, 2)}))
    for t in thresholds:
        print(json.dumps({"corpus": name, **score(ranked, ids, t)}))


def examples(clusters: Sequence[Cluster], n: int) -> None:
    """For each story: day 1's MMR digest archived; day 2's summarized by MMR with and without the
    archive's filter, and the day-2 summary sentences that repeat a day-1 digest sentence counted
    with a judge other than the filter's (TF-IDF cosine at least 0.5 between the two sentences);
    a few of the sentences left out are printed."""
    from summarize.extractive import MMR
    from summarize.extractive.features import Features

    mmr = MMR(budget=Budget(words=100), order="chronological")
    totals = {"stories": 0, "linked": 0, "left_out": 0, "repeats_without": 0, "repeats_with": 0, "sentences_without": 0,
              "sentences_with": 0}

    def repeats(old: Sequence[str], new: Sequence[str], language: str) -> int:
        if not old or not new:
            return 0
        units = tuple(Sentence(text=t, doc_id=str(i), index=0) for i, t in enumerate([*old, *new]))
        f = Features(Cluster(id="x", documents=(), language=language), units)
        sims = f.similarity()[len(old):, :len(old)]
        return int((sims.max(axis=1) >= 0.5).sum())

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.sqlite"
        pairs = [halves(c) for c in clusters]
        archive_day1(path, [a for a, _ in pairs], summarizer=mmr.summarize)
        day1 = {a.id: mmr.summarize(a).sentences for a, _ in pairs}
        archive = Archive(path, day=DAY2)
        for k, (_, second) in enumerate(pairs):
            kept = archive.prepare(second)
            f = archive.prepared(second.id).follow_up
            gone = [s.text for s in set(second.sentences) - set(kept.sentences)]
            without, with_filter = mmr.summarize(second).sentences, mmr.summarize(kept).sentences
            earlier = day1[second.id]
            totals["stories"] += 1
            totals["linked"] += f is not None
            totals["left_out"] += len(gone)
            totals["repeats_without"] += repeats(earlier, without, second.language)
            totals["repeats_with"] += repeats(earlier, with_filter, second.language)
            totals["sentences_without"] += len(without)
            totals["sentences_with"] += len(with_filter)
            if k < n:
                print(json.dumps({"story": second.id, "follow_up": bool(f),
                                  "similarity": round(f.similarity, 3) if f else None, "sentences": len(second.sentences),
                                  "left_out": len(gone), "examples": gone[:2]}, ensure_ascii=False))
        archive.close()
    print(json.dumps(totals))


def multinews(path: str, clusters: int) -> list[Cluster]:
    out = []
    for _, obj in iter_jsonl(Path(path)):
        docs = obj.get("relevant_documents") or obj["documents"]
        docs = [make_document(id=f"{len(out)}-{i}", text=t, language="english") for i, t in enumerate(docs) if t.strip()]
        docs = [d for d in docs if d.sentences]
        if len(docs) >= 2:
            out.append(Cluster(id=str(obj.get("id", len(out))), documents=tuple(docs)))
        if len(out) >= clusters:
            break
    return out


def days(folder: Path, threshold: float) -> None:
    """Run the digest over a folder of days into one archive and print each event's link."""
    from summarize.digest import DayDataset
    from summarize.registry import compose_config
    from summarize.runner import run

    entries = sorted(p for p in folder.iterdir() if p.is_dir() or p.suffix == ".jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        for f in entries:
            day = f.stem
            archive = Archive(Path(tmp) / "a.sqlite", day=date.fromisoformat(day))
            closest = {c.id: [(round(s, 3), e.headline) for s, e in archive.similarities(c.documents, c.language)[:2]]
                       for c in DayDataset(f, date=day)}
            archive.close()
            cfg = compose_config(["experiment=digest", "dataset=day", f"dataset.path={f}", f"dataset.date={day}",
                                  "eval=none", "render=json", f"archive={tmp}/a.sqlite", f"output_dir={tmp}/{day}",
                                  f"follow_up.threshold={threshold}", "verbose=false"])
            run(cfg)
            doc = json.loads((Path(tmp) / day / "digest.json").read_text())
            for e in doc["events"]:
                print(json.dumps({"day": day, "event": e["id"], "headline": e["headline"], "closest": closest.get(e["id"]),
                                  "follow_up": e["follow_up"], "sentences": len(e["sentences"])}, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duc")
    parser.add_argument("--tac")
    parser.add_argument("--multinews")
    parser.add_argument("--clusters", type=int, default=300)
    parser.add_argument("--days")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3])
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    if args.duc:
        duc = list(DucDataset(args.duc))
        report("duc2003", duc, args.thresholds)
        if args.examples:
            examples(duc, args.examples)
    if args.tac:
        report("tac2011-english", list(TacMultilingDataset(args.tac, language="english")), args.thresholds)
    if args.multinews:
        report(f"multinews-{args.clusters}", multinews(args.multinews, args.clusters), args.thresholds, dated=False)
    if args.days:
        days(Path(args.days), args.thresholds[0] if len(args.thresholds) == 1 else DEFAULT_THRESHOLD)


if __name__ == "__main__":
    main()
