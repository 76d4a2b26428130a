"""Peak memory against input size: cleaning one huge document, and a day's digest (issue 15, item 2).

Usage: python eval/bench_memory.py [--sizes 10 50 200] [--paths clean none digest]
           [--article-kb 10] [--max-events 100] [--limit-gb 8] [--out results.jsonl]

The inputs are generated in a temporary folder (nothing is downloaded, nothing is read from
outside the repository): news-like text made by repeating the sentences of ``data/sample.jsonl``
with variation (numbers redrawn; names and some content words replaced by made-up words drawn
from Zipf-distributed pools, so the vocabulary grows with the input as real text's does),
in paragraphs of 1 to 5 sentences. ``--sizes`` are in MB (10^6 bytes of text).

Paths (each one ``summarize`` command in a fresh process):

- ``clean``: ``summarize run experiment=digest`` (``clean=default``, MMR) on one cluster
  holding one huge document of the size asked for and two ordinary reports of the same event
  (so the cluster-level cleaning steps run too);
- ``none``: the same with ``clean=none``;
- ``digest``: ``summarize digest input=<folder> date=2025-03-14 dataset.max_events=N`` on a
  day folder of that size: JSONL files of articles of about ``--article-kb`` KB, 20 outlets,
  events of 2 to 12 articles (each event its own made-up names and words).

Each child's peak resident memory comes from ``os.wait4`` (its own ``ru_maxrss``), its address
space is capped at ``--limit-gb`` (a run past it fails, reported as such rather than taking the
machine down). Prints one JSON line per size and path: the input bytes, the peak, the ratio
peak / input, the wall seconds and the exit status.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample.jsonl"
MB = 1_000_000
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NUMBER = re.compile(r"\d+")
_NAME = re.compile(r"(?<=\s)[A-Z][a-z]{2,}")
_LONG = re.compile(r"\b[a-z]{6,}\b")
_SYLLABLES = ("ka", "ro", "ven", "ti", "mar", "lo", "sen", "da", "bri", "nor", "al", "mi", "tor", "ge",
              "lu", "han", "pe", "sto", "ri", "vel", "co", "ban", "es", "dur")


def sample_sentences() -> list[tuple[str, str]]:
    """(cluster id, sentence) pairs of the shipped sample, one line of text each."""
    out = []
    with SAMPLE.open(encoding="utf-8") as f:
        for line in f:
            cluster = json.loads(line)
            for doc in cluster["documents"]:
                for para in doc["text"].split("\n"):
                    for s in _SENTENCE.split(para.strip()):
                        if len(s.split()) >= 6 and s[-1:] in '.!?"”':
                            out.append((cluster["id"], s))
    return out


class Words:
    """Made-up words, drawn Zipf-like from a pool (so a few recur often and many are rare)."""

    def __init__(self, rng: random.Random, size: int, capital: bool) -> None:
        self.rng, self.size, self.capital = rng, size, capital
        self._cache: dict[int, str] = {}

    def word(self, k: int) -> str:
        if k not in self._cache:
            r = random.Random(k * 7919 + self.capital)
            w = "".join(r.choice(_SYLLABLES) for _ in range(r.randint(2, 4)))
            self._cache[k] = w.capitalize() if self.capital else w
        return self._cache[k]

    def draw(self) -> str:
        # a Zipf-like rank: k ~ size ** u, u uniform
        return self.word(int(self.size ** self.rng.random()) - 1)


def _tag(n: int) -> str:
    """``n`` spelled in syllables (a word of letters only, unique to ``n``)."""
    out = ""
    while True:
        n, k = divmod(n, len(_SYLLABLES))
        out += _SYLLABLES[k]
        if not n:
            return out


def vary(sentence: str, rng: random.Random, names: Words, words: Words, share: float = 0.25) -> str:
    """One sentence with its numbers redrawn, most names and a ``share`` of its longer words replaced."""
    s = _NUMBER.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()))), sentence)
    s = _NAME.sub(lambda m: names.draw() if rng.random() < 0.6 + share else m.group(), s)
    return _LONG.sub(lambda m: words.draw() if rng.random() < share else m.group(), s)


def news_text(n_bytes: int, rng: random.Random, sentences: list[str], names: Words, words: Words,
              share: float = 0.25) -> str:
    """About ``n_bytes`` of text in paragraphs (blank lines between them) of 1-5 varied sentences."""
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        para = " ".join(vary(rng.choice(sentences), rng, names, words, share) for _ in range(rng.randint(1, 5)))
        parts.append(para)
        size += len(para.encode("utf-8")) + 2
    return "\n\n".join(parts)


def write_cluster(path: Path, n_bytes: int, seed: int) -> int:
    """One JSONL cluster: a huge document and two ordinary reports (about 3 KB) written the same
    way, so that cleaning keeps the huge one as part of the event and runs its cluster steps."""
    rng = random.Random(seed)
    with SAMPLE.open(encoding="utf-8") as f:
        first = json.loads(f.readline())
    pool = [s for cid, s in sample_sentences() if cid == first["id"]]
    names, words = Words(rng, 200_000, True), Words(rng, 400_000, False)
    big = news_text(n_bytes, rng, pool, names, words)
    docs = [{"id": "huge", "source": "Big Archive", "title": "Ferry collision: the full record",
             "published": "2025-03-14T08:00:00", "text": big}]
    for k, outlet in enumerate(("Harbor Gazette", "Continental Wire"), start=1):
        docs.append({"id": f"report-{k}", "source": outlet, "title": first["documents"][k - 1].get("title"),
                     "published": f"2025-03-14T{9 + k:02d}:00:00", "text": news_text(3000, rng, pool, names, words)})
    line = json.dumps({"id": "huge-cluster", "language": "english", "documents": docs,
                       "references": first["references"]}, ensure_ascii=False)
    path.write_text(line + "\n", encoding="utf-8")
    return len(big.encode("utf-8"))


def write_day(folder: Path, n_bytes: int, seed: int, article_bytes: int) -> tuple[int, int]:
    """A day's articles in JSONL files (about 20 MB each); returns (text bytes, articles)."""
    rng = random.Random(seed)
    pool = [s for _, s in sample_sentences()]
    folder.mkdir(parents=True, exist_ok=True)
    total = articles = event = 0
    out = None
    file_bytes = 0
    while total < n_bytes:
        event += 1
        erng = random.Random(seed * 1_000_003 + event)
        names, words = Words(erng, 30, True), Words(erng, 60, False)
        # an event's own words: made-up names and terms that only it uses
        tag = _tag(event)
        names._cache = {k: f"{names.word(k)}{tag}" for k in range(30)}
        words._cache = {k: f"{words.word(k)}{tag}" for k in range(60)}
        lines = rng.sample(pool, 8)
        for a in range(rng.randint(2, 12)):
            text = news_text(int(article_bytes * rng.uniform(0.5, 1.5)), rng, lines, names, words, share=0.7)
            minute = rng.randrange(1440)
            obj = {"id": f"e{event}-a{a}", "source": f"Outlet {rng.randrange(20)}",
                   "title": vary(lines[0], rng, names, words, share=0.7)[:90],
                   "published": f"2025-03-14T{minute // 60:02d}:{minute % 60:02d}:00", "text": text}
            if out is None or file_bytes > 20 * MB:
                if out is not None:
                    out.close()
                out = (folder / f"articles-{articles:06d}.jsonl").open("w", encoding="utf-8")
                file_bytes = 0
            line = json.dumps(obj, ensure_ascii=False) + "\n"
            out.write(line)
            file_bytes += len(line)
            total += len(text.encode("utf-8"))
            articles += 1
    if out is not None:
        out.close()
    return total, articles


def measure(args: list[str], limit_gb: float) -> dict[str, object]:
    """Run ``args`` in a child process capped at ``limit_gb``; its peak RSS, seconds, status."""
    limit = int(limit_gb * 1024 ** 3)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=cap)
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    tail = [line for line in err.strip().splitlines() if line.strip()][-1:] if child.returncode else []
    return {"peak_bytes": usage.ru_maxrss * 1024, "seconds": round(time.perf_counter() - start, 1),
            "rc": child.returncode, "error": tail[0][:200] if tail else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 50, 200], help="input sizes in MB")
    parser.add_argument("--paths", nargs="+", default=["clean", "none", "digest"],
                        choices=["clean", "none", "digest"])
    parser.add_argument("--article-kb", type=float, default=10.0, help="mean article size of the day folder")
    parser.add_argument("--max-events", type=int, default=100, help="events the digest summarizes")
    parser.add_argument("--limit-gb", type=float, default=8.0, help="address-space cap of each run")
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--out", type=Path, default=None, help="also append the JSON lines to this file")
    opts = parser.parse_args()
    exe = [sys.executable, "-m", "summarize"]
    work = Path(tempfile.mkdtemp(prefix="bench_memory_"))
    try:
        for size in opts.sizes:
            n_bytes = int(size * MB)
            runs: list[tuple[str, list[str], int, dict[str, object]]] = []
            if {"clean", "none"} & set(opts.paths):
                data = work / f"cluster-{size:g}.jsonl"
                text_bytes = write_cluster(data, n_bytes, opts.seed)
                common = ["run", "experiment=digest", "dataset=jsonl", f"dataset.path={data}", "eval=none",
                          "archive=null", "dataset.language=english"]
                for path in ("clean", "none"):
                    if path in opts.paths:
                        extra = [] if path == "clean" else ["clean=none"]
                        runs.append((path, [*common, *extra, f"output_dir={work / ('out-' + path)}"],
                                     text_bytes, {"input_file_bytes": data.stat().st_size}))
            if "digest" in opts.paths:
                day = work / f"day-{size:g}"
                text_bytes, articles = write_day(day, n_bytes, opts.seed, int(opts.article_kb * 1000))
                runs.append(("digest", ["digest", f"input={day}", "date=2025-03-14",
                                        f"dataset.max_events={opts.max_events}", f"output_dir={work / 'out-digest'}"],
                             text_bytes, {"articles": articles}))
            for path, args, text_bytes, extra in runs:
                result = measure([*exe, *args], opts.limit_gb)
                row = {"size_mb": size, "path": path, "input_bytes": text_bytes, **extra, **result,
                       "ratio": round(int(result["peak_bytes"]) / text_bytes, 2)}  # type: ignore[call-overload]
                line = json.dumps(row)
                print(line, flush=True)
                if opts.out is not None:
                    with opts.out.open("a", encoding="utf-8") as f:
                        f.write(line + "\n")
                shutil.rmtree(work / f"out-{path}", ignore_errors=True)
            for leftover in work.iterdir():
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
