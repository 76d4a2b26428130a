"""digest.md: the readable digest every ``summarize run`` writes (``summarize.runner.digest``)."""

import json
import re
from datetime import datetime

from summarize.cli import main
from summarize.io import make_document
from summarize.runner.digest import escape, section


def _read_jsonl(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_escape_leaves_no_markup():
    text = "Click *here* [now](javascript:alert(1)) <script>alert(1)</script> `code` ~~gone~~ a\\b\nnext"
    out = escape(text)
    assert "<" not in out and "\n" not in out
    # every markup character is preceded by a backslash
    assert not re.search(r"(?<!\\)[*\[\]`~]", out.replace("\\\\", ""))
    assert escape("The 9-4 vote (in Velmora) cost $1.2 billion.") == "The 9-4 vote (in Velmora) cost $1.2 billion."


def test_section_numbers_sources_in_order_of_citation():
    docs = {
        "a": make_document(id="a", text="One.", language="english", source="Harbor Gazette",
                           title="Ferry hits ship", url="https://gazette.example/ferry",
                           published=datetime(2025, 3, 14, 9, 10)),
        "b": make_document(id="b", text="Two.", language="english", source="Wire <b>",
                           url="javascript:alert(1)", published=datetime(2025, 3, 15)),
        "c": make_document(id="c", text="Three.", language="english"),
    }
    text = section("ferry", ["First.", "Second.", "Third."], [["b"], ["a", "b"], ["c", "gone"]], docs)
    lines = text.splitlines()
    assert lines[0] == "## ferry"
    assert lines[2:5] == ["- First. [1]", "- Second. [2, 1]", "- Third. [3]"]
    sources = lines[lines.index("Sources:") + 2:]
    assert sources[0] == "1. **Wire &lt;b>**, 2025-03-15"  # no link for a javascript: address
    assert sources[1] == "2. **Harbor Gazette**, “Ferry hits ship”, 2025-03-14 09:10 <https://gazette.example/ferry>"
    assert sources[2] == "3. `c`"
    assert "javascript" not in text


def test_section_without_sentences_or_sources():
    doc = make_document(id="a", text="One.", language="english")
    assert "no summary" in section("empty", [], [], {"a": doc})
    text = section("abstractive", ["A new sentence."], [], {"a": doc})
    assert "- A new sentence.\n" in text and "Sources:" not in text


def test_digest_experiment_writes_a_clean_credited_digest(tmp_path, sample_path):
    assert main(["run", "experiment=digest", f"output_dir={tmp_path}", "verbose=false"]) == 0
    digest = (tmp_path / "digest.md").read_text(encoding="utf-8")
    predictions = _read_jsonl(tmp_path / "predictions.jsonl")
    clusters = {c["id"]: c for c in map(json.loads, sample_path.read_text().splitlines())}
    assert [p["id"] for p in predictions] == list(clusters)
    parts = digest.split("\n## ")[1:]
    assert len(parts) == len(predictions)
    for part, p in zip(parts, predictions, strict=True):
        assert p["system"] == "mmr" and part.startswith(p["id"] + "\n")
        outlets = {d["id"]: d["source"] for d in clusters[p["id"]]["documents"]}
        listed = dict(re.findall(r"^(\d+)\. \*\*(.+?)\*\*", part, flags=re.M))
        bullets = [line for line in part.splitlines() if line.startswith("- ")]
        assert len(bullets) == len(p["summary"])
        for bullet, sentence, sources in zip(bullets, p["summary"], p["sources"], strict=True):
            assert bullet.startswith(f"- {escape(sentence)} [")
            cited = bullet.rsplit("[", 1)[1].rstrip("]").split(", ")
            assert sorted(listed[n] for n in cited) == sorted({outlets[d] for d in sources})
    for noise in ("[ad_", "Source link", "Advertisement", "Photo:"):
        assert noise not in digest
    # the syndicated copy dropped by cleaning is still credited
    assert "**Valley Courier**" in digest and "**Continental Wire**" in digest


def test_digest_of_hostile_metadata(tmp_path):
    data = tmp_path / "hostile.jsonl"
    doc = {"id": "x", "source": "<img src=x onerror=alert(1)>", "title": "[click](javascript:evil())",
           "url": "javascript:alert(1)", "text": "The storm hit the coast on Monday. Thousands lost power."}
    docs = [doc, {**doc, "id": "y", "url": "https://ok.example/a b"}]
    data.write_text(json.dumps({"id": "<h1>storm</h1>", "documents": docs}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", "dataset=jsonl", f"dataset.path={data}", "eval=none", f"output_dir={out}",
                 "verbose=false"]) == 0
    digest = (out / "digest.md").read_text(encoding="utf-8")
    assert "## &lt;h1>storm&lt;/h1>" in digest
    assert "<img" not in digest and "<h1>" not in digest and "<javascript" not in digest
    assert "\\[click\\](javascript:evil())" in digest  # literal text, not a link
    assert "<https://ok.example" not in digest  # an address with a space is not linked
