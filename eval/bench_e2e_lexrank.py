"""Whole process against whole process: ``summarize run ... summarizer=lexrank`` vs a sumy script.

Usage: python eval/bench_e2e_lexrank.py --duc ../shared/data/duc2003 [--repeat 5] [--floor]

Issue 16's end-to-end target: the toolkit's command

    summarize run dataset=duc dataset.path=<DUC> summarizer=lexrank budget=words100 eval=none

timed from process start to exit (``python -m summarize``: interpreter start-up, imports, Hydra,
reading, summarizing, writing), at least 20x faster than a standalone Python script that runs
sumy's ``LexRankSummarizer`` over the same clusters, also timed as a whole process. The peer is
written by this benchmark to a temporary file: it reads the clusters with the toolkit's DUC
reader (so both see the same documents and sentences), puts each cluster into one sumy document
(a paragraph per document), rates it with sumy's LexRank (its own Snowball stemmer and English
stop words, the toolkit's offline Punkt tokenizer ``summarize.text.sumy_tokenizer`` because sumy's
default needs NLTK data on disk), and selects from sumy's ranking two ways, written to two files
from one rating: ``fit``, the best-rated whole sentences that fit in 100 words (the toolkit's
rule), and ``fill``, the best-rated sentences until 100 words are reached (DUC scoring cuts the
last one; this gives the peer all 100 words). Both in document order, as sumy returns them.

Both commands are run alternately ``--repeat`` times, ours into a fresh output folder each time
(into the same one it would resume and skip the clusters already done), and the best wall time
of each is kept (the development machines are shared: only the ratio measured in one run means
anything); CPU seconds (user + system of the child) are printed too, being less disturbed by
other jobs. Then
the prediction files are scored the same way, ``summarize eval ... eval=duc`` (ROUGE-1.5.5
settings: 100 words, stemmed, jackknife), and the script prints one JSON line: the wall times,
the ratio, the CPU times and their ratio, and ROUGE-1/2/SU4 recall of ours and of both peers.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEER = '''\
"""sumy's LexRank over DUC clusters, 100 words each (written by eval/bench_e2e_lexrank.py)."""
import json
import sys

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from summarize.io import DucDataset
from summarize.text.sumy_tokenizer import OfflineTokenizer

WORDS = 100


def fit(ranked):
    """Best first, the whole sentences that fit in 100 words (as the toolkit's budget does)."""
    out, used = [], 0
    for info in ranked:
        size = len(str(info.sentence).split())
        if used + size <= WORDS:
            out.append(info)
            used += size
    return out


def fill(ranked):
    """Best first until 100 words are reached (DUC scoring cuts the last sentence)."""
    out, used = [], 0
    for info in ranked:
        if used >= WORDS:
            break
        out.append(info)
        used += len(str(info.sentence).split())
    return out


def main():
    duc, out_fit, out_fill = sys.argv[1:4]
    tokenizer = OfflineTokenizer("english")
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    with open(out_fit, "w", encoding="utf-8") as f_fit, open(out_fill, "w", encoding="utf-8") as f_fill:
        for cluster in DucDataset(duc):
            paragraphs = tuple(Paragraph(tuple(Sentence(s.text, tokenizer) for s in d.sentences))
                               for d in cluster.documents if d.sentences)
            ranked = []
            # sumy hands the sentence infos, sorted best first, to a callable count
            summarizer(ObjectDocumentModel(paragraphs), lambda infos: ranked.extend(infos) or [])
            for pick, f in ((fit, f_fit), (fill, f_fill)):
                chosen = sorted(pick(ranked), key=lambda info: info.order)  # document order, as sumy returns
                f.write(json.dumps({"id": cluster.id, "summary": [str(i.sentence) for i in chosen],
                                    "system": "sumy-lexrank"}) + "\\n")


if __name__ == "__main__":
    main()
'''


#: ``--floor``: what the command does before it summarizes anything, as whole processes: start-up
#: and the run path's imports; those and the Hydra composition of the benchmark's configuration;
#: those and reading the clusters with the DUC reader (which the sumy script runs too)
FLOOR = {
    "imports": "import summarize.cli, summarize.runner.run",
    "imports+compose": "import summarize.cli, summarize.runner.run\n{compose}",
    "imports+compose+read": "import summarize.cli, summarize.runner.run\n{compose}\n"
                            "from summarize.io import DucDataset\nlist(DucDataset({duc!r}))",
}
COMPOSE = ("from hydra import compose, initialize_config_dir\nfrom summarize.cli import CONF_DIR\n"
           "with initialize_config_dir(config_dir=str(CONF_DIR), version_base=None):\n"
           "    compose(config_name='config', overrides={overrides!r})")


def floor(duc: str, repeat: int) -> dict[str, float]:
    """Best CPU seconds of each :data:`FLOOR` stage over ``repeat`` whole processes."""
    overrides = ["dataset=duc", f"dataset.path={duc}", "summarizer=lexrank", "budget=words100", "eval=none"]
    compose = COMPOSE.format(overrides=overrides)
    out = {}
    for name, code in FLOOR.items():
        cmd = [sys.executable, "-c", code.format(compose=compose, duc=duc)]
        out[name] = round(min(timed(cmd)[1] for _ in range(repeat)), 3)
    return out


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds of a command, from process start to exit, and its CPU seconds (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def rouge(predictions: Path, duc: str, out: Path) -> dict[str, float]:
    """Score a predictions file with ``summarize eval`` in DUC mode (ROUGE-1.5.5 settings)."""
    timed([sys.executable, "-m", "summarize", "eval", f"predictions={predictions}", "dataset=duc",
           f"dataset.path={duc}", "eval=duc", f"output_dir={out}", "verbose=false"])
    metrics = json.loads((out / "metrics.json").read_text())
    return {t: round(100 * metrics[t]["recall"], 2) for t in ("rouge1", "rouge2", "rougeSU4")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duc", required=True, help="DUC layout folder (docs/, models/)")
    ap.add_argument("--repeat", type=int, default=5, help="alternating runs of each; the best is kept")
    ap.add_argument("--floor", action="store_true",
                    help="also time, as processes of their own, the start-up and imports, the Hydra composition and "
                         "the reading that come before any summarizing, and the ratio to sumy's CPU time they "
                         "leave at most (the ratio if summarizing and writing took no time)")
    args = ap.parse_args()
    duc = str(Path(args.duc).resolve())
    floors = floor(duc, args.repeat) if args.floor else None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        peer_script = root / "sumy_lexrank.py"
        peer_script.write_text(PEER, encoding="utf-8")
        peer_fit, peer_fill = root / "sumy_fit.jsonl", root / "sumy_fill.jsonl"
        peer_cmd = [sys.executable, str(peer_script), duc, str(peer_fit), str(peer_fill)]
        ours, peer = [], []
        for k in range(args.repeat):
            # a fresh output folder for each repeat: into the same one, `summarize run` resumes
            # and skips the clusters already done (the repeats then timed reading alone)
            ours_dir = root / f"ours{k}"
            ours_cmd = [sys.executable, "-m", "summarize", "run", "dataset=duc", f"dataset.path={duc}",
                        "summarizer=lexrank", "budget=words100", "eval=none", f"output_dir={ours_dir}",
                        "verbose=false"]
            ours.append(timed(ours_cmd))
            peer.append(timed(peer_cmd))
        best_ours, best_peer = min(w for w, _ in ours), min(w for w, _ in peer)
        cpu_ours, cpu_peer = min(c for _, c in ours), min(c for _, c in peer)
        result: dict[str, object] = {
            "clusters": sum(1 for _ in peer_fit.open(encoding="utf-8")),
            "ours_seconds": round(best_ours, 3),
            "sumy_seconds": round(best_peer, 3),
            "ratio": round(best_peer / best_ours, 1),
            "target_ratio": 20.0,
            "ours_cpu_seconds": round(cpu_ours, 3),
            "sumy_cpu_seconds": round(cpu_peer, 3),
            "cpu_ratio": round(cpu_peer / cpu_ours, 1),
            "ours_wall_all": [round(w, 2) for w, _ in ours],
            "sumy_wall_all": [round(w, 2) for w, _ in peer],
        }
        scores = {"ours": rouge(ours_dir / "predictions.jsonl", duc, root / "ours_eval"),
                  "sumy_fit": rouge(peer_fit, duc, root / "fit_eval"),
                  "sumy_fill": rouge(peer_fill, duc, root / "fill_eval")}
        for name, s in scores.items():
            result.update({f"{name}_{t}_R": v for t, v in s.items()})
        for peer_name in ("sumy_fit", "sumy_fill"):
            result[f"rouge_equal_or_better_than_{peer_name}"] = all(
                scores["ours"][t] >= scores[peer_name][t] for t in ("rouge1", "rouge2"))
        result["command"] = " ".join(["summarize", *ours_cmd[3:-2]])
        if floors is not None:
            result["floor_cpu_seconds"] = floors
            result["floor_best_cpu_ratio"] = round(cpu_peer / floors["imports+compose+read"], 1)
            result["cpu_seconds_for_20x"] = round(cpu_peer / 20.0, 3)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
