"""digest.md: the readable digest every ``summarize run`` writes (``summarize.render.markdown``)."""

import json
import re
from datetime import datetime

from summarize.cli import main
from summarize.io import make_document
from summarize.render.markdown import escape, section


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
    assert lines[0] == "## ferry: Ferry hits ship"  # the first cited source with a headline
    assert lines[2] == "*3 reports (Harbor Gazette, Wire &lt;b>), 2025-03-14 09:10 to 2025-03-15*"
    # sources numbered in order of first citation, each sentence's numbers in ascending order
    assert lines[4:7] == ["- First. [1]", "- Second. [1, 2]", "- Third. [3]"]
    sources = lines[lines.index("Sources:") + 2:]
    assert sources[0] == "1. **Wire &lt;b>**, 2025-03-15"  # no link for a javascript: address
    assert sources[1] == "2. **Harbor Gazette**, “Ferry hits ship”, 2025-03-14 09:10 <https://gazette.example/ferry>"
    assert sources[2] == "3. `c`"
    assert "javascript" not in text


def test_section_marks_where_outlets_disagree():
    docs = {k: make_document(id=k, text="x.", language="english", source=f"Outlet {k}") for k in "abc"}
    text = section("fire", ["Fire contained, 12 dead.", "Roads closed."], [["a"], ["b"]], docs,
                   differing=[["c", "gone"]])
    assert "- Fire contained, 12 dead. [1] (differs in [2])" in text and "- Roads closed. [3]" in text
    assert "2. **Outlet c**" in text  # a differing outlet is listed with the sources


def test_run_reports_differing_outlets_in_predictions_and_digest(tmp_path):
    """End to end: the outlet that reports another death toll is not credited with the chosen
    sentence but named as differing, in predictions.jsonl and digest.md."""
    base = "Officials said the ferry fire at the harbour was contained on Monday evening after {} people died."
    docs = [{"id": "a", "source": "Harbor Gazette", "text": base.format(12) + " Divers searched the bay."},
            {"id": "b", "source": "Coast Wire", "text": base.format(12) + " The port stayed shut."},
            {"id": "c", "source": "Bay Times", "text": base.format(15) + " Ferries were cancelled."}]
    path = tmp_path / "fire.jsonl"
    path.write_text(json.dumps({"id": "fire", "documents": docs}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", "dataset=jsonl", f"dataset.path={path}", "summarizer=lead", "budget=sentences1",
                 "eval=none", f"output_dir={out}", "verbose=false"]) == 0
    (pred,) = _read_jsonl(out / "predictions.jsonl")
    assert pred["sources"] == [["a", "b"]] and pred["differing"] == [["c"]]
    digest = (out / "digest.md").read_text(encoding="utf-8")
    assert "[1, 2] (differs in [3])" in digest and "3. **Bay Times**" in digest


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
        assert p["system"] == "mmr_digest" and part.startswith(p["id"] + ": ")
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


# --- a day's digest: grouping articles into events (summarize digest / dataset=day) ---

def _sample_articles(sample_path):
    out = []
    for line in sample_path.read_text().splitlines():
        cluster = json.loads(line)
        out += [(cluster["id"], d) for d in cluster["documents"]]
    return out


def test_group_events_recovers_the_sample_events(sample_path):
    from summarize.digest import group_events

    pairs = _sample_articles(sample_path)
    # interleave the events, as a day's feed would
    pairs = sorted(pairs, key=lambda p: p[1]["id"][::-1])
    docs = [make_document(id=d["id"], text=d["text"], language="english") for _, d in pairs]
    groups = group_events(docs, "english")
    found = sorted(sorted(pairs[i][0] for i in g) for g in groups)
    expected = sorted(sorted(c for c, _ in pairs if c == event) for event in {c for c, _ in pairs})
    assert found == expected
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)


def test_group_events_edge_cases():
    import pytest

    from summarize.digest import group_events
    from summarize.errors import ConfigError

    def doc(i, text):
        return make_document(id=str(i), text=text, language="english")

    assert group_events([], "english") == []
    assert group_events([doc(0, "A storm hit.")], "english") == [[0]]
    same = [doc(i, "The storm hit the coast and cut power to thousands of homes.") for i in range(3)]
    assert group_events(same, "english") == [[0, 1, 2]]
    apart = [doc(0, "The storm hit the coast."), doc(1, "Parliament passed the budget.")]
    assert sorted(group_events(apart, "english")) == [[0], [1]]
    with pytest.raises(ConfigError, match="threshold must be in"):
        group_events(apart, "english", threshold=0)


def test_summarize_digest_keeps_the_day_and_credits_sources(tmp_path, sample_path):
    assert main(["digest", f"input={sample_path}", "date=2025-03-14", f"output_dir={tmp_path}", "verbose=false"]) == 0
    digest = (tmp_path / "digest.md").read_text(encoding="utf-8")
    assert digest.count("\n## ") == 1 and "## event-1: " in digest
    dated = re.findall(r"^\d+\. .*?, (\d{4}-\d\d-\d\d)", digest, flags=re.M)
    assert dated and set(dated) == {"2025-03-14"}
    assert "Kessa Island News" not in digest  # published on the 15th
    assert (tmp_path / "cleaning.jsonl").exists()
    predictions = _read_jsonl(tmp_path / "predictions.jsonl")
    assert [p["id"] for p in predictions] == ["event-1"] and predictions[0]["system"] == "mmr_digest"


def test_digest_of_a_folder_and_of_an_article_feed(tmp_path):
    storm = ["The storm hit the northern coast on Monday, cutting power to 40,000 homes, the utility said.",
             "Power was cut to 40,000 homes after the storm hit the northern coast, the utility said on Monday.",
             "Crews worked to restore power to homes on the northern coast after Monday's storm."]
    budget = ["Parliament passed the annual budget on Monday after a long debate over school funding.",
              "The annual budget passed parliament on Monday; school funding was the main dispute."]
    folder = tmp_path / "day"
    folder.mkdir()
    for i, text in enumerate(storm + budget):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    assert main(["digest", f"input={folder}", f"output_dir={tmp_path / 'out1'}", "verbose=false"]) == 0
    preds = _read_jsonl(tmp_path / "out1" / "predictions.jsonl")
    assert len(preds) == 2
    cited = [sorted({d for s in p["sources"] for d in s}) for p in preds]
    assert set(cited[0]) <= {"a0", "a1", "a2"} and set(cited[1]) <= {"a3", "a4"}
    # one article a line, ids repeated across feeds, one date off
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "1", "source": f"Outlet {i}", "published": "2025-05-05T08:00:00", "text": t}
            for i, t in enumerate(storm + budget)]
    rows[-1]["published"] = "2025-05-04T23:00:00"
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out2"
    assert main(["digest", f"input={feed}", "date=2025-05-05", f"output_dir={out}", "verbose=false"]) == 0
    digest = (out / "digest.md").read_text(encoding="utf-8")
    assert digest.count("\n## ") == 2 and "Outlet 4" not in digest
    preds = _read_jsonl(out / "predictions.jsonl")
    ids = {d for p in preds for s in p["sources"] for d in s}
    assert ids <= {"1", "1~2", "1~3", "1~4"} and len(ids) >= 2


def test_digest_bad_input_is_one_line(tmp_path, sample_path, capsys):
    out = tmp_path / "out"
    cases = [
        ([], "digest needs input="),
        ([f"input={sample_path}", "date=yesterday"], "dataset.date must be a day written YYYY-MM-DD"),
        ([f"input={sample_path}", "date=2024-01-01"], "no article published on 2024-01-01; the articles are dated"),
        ([f"input={tmp_path / 'nope'}"], "no such file or folder"),
        ([f"input={sample_path}", "dataset.threshold=2"], "dataset.threshold must be in (0, 1]"),
        ([f"input={sample_path}", "date=all", "dataset.min_articles=9"], "no event has 9 or more articles"),
        ([f"input={sample_path}", "date=all", "dataset.max_articles=5"],
         "11 articles to group, more than dataset.max_articles=5"),
    ]
    for args, message in cases:
        assert main(["digest", *args, f"output_dir={out}"]) == 2, args
        err = capsys.readouterr().err.strip()
        assert err.startswith("error: ") and message in err and "\n" not in err, (args, err)
        assert not out.exists()


def test_digest_reads_trafilatura_json_output(tmp_path):
    """Lines written by ``trafilatura.extract(..., output_format="json", with_metadata=True)``
    feed the digest as they are: ``date`` filters the day, ``source`` (a URL there) is the
    link, ``source-hostname`` the outlet, and the headline trafilatura repeats as the first
    line of ``text`` is not a sentence of the summary."""
    import trafilatura

    lines = []
    for i, (site, day) in enumerate([("Daily Planet", "2026-11-22"), ("Gotham Gazette", "2026-11-22"),
                                     ("Old News", "2026-11-20")]):
        html = (f'<html><head><title>Storm hits coast | {site}</title>'
                f'<meta property="og:site_name" content="{site}"><meta name="date" content="{day}"></head>'
                f"<body><article><h1>Storm hits coast</h1><p>A large storm hit the coast on Sunday, cutting "
                f"power to thousands of homes and closing the main highway for hours.</p><p>Officials said "
                f"repairs would take days and urged residents to stay indoors until the winds eased.</p>"
                f"</article></body></html>")
        lines.append(trafilatura.extract(html, output_format="json", with_metadata=True,
                                         url=f"https://site{i}.example/storm"))
    feed = tmp_path / "scraped.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert all('"date"' in line and '"source": "https://' in line for line in lines)
    out = tmp_path / "out"
    assert main(["digest", f"input={feed}", "date=2026-11-22", f"output_dir={out}", "verbose=false"]) == 0
    digest = (out / "digest.md").read_text(encoding="utf-8")
    assert "2 reports (Daily Planet, Gotham Gazette), 2026-11-22" in digest
    assert "<https://site0.example/storm>" in digest and "Old News" not in digest
    sentences = [s for p in _read_jsonl(out / "predictions.jsonl") for s in p["summary"]]
    assert sentences and not any(s.startswith("Storm hits coast") for s in sentences)


def _day_summaries(summarizer, day):
    from pathlib import Path

    from summarize.clean import Cleaner
    from summarize.digest.day import DayDataset

    days = Path(__file__).resolve().parent.parent / "data" / "days"
    cleaner = Cleaner()
    return {e.headline: summarizer.summarize(cleaner.clean(e)[0]).sentences for e in DayDataset(days, date=day)}


def test_the_digest_says_a_fact_once_when_outlets_word_it_differently():
    # the fixture's outlets report the same facts in their own words; the lexical limit let
    # "Crews ... went on strike on Saturday over a new night-shift rota" and "... after Westline
    # ferry crews began a 48-hour strike over night shifts" both in, and "broke away at 30
    # kilometres" beside "pulled away ... at the 30-kilometre mark"
    from pathlib import Path

    import yaml

    from summarize.registry import build
    from summarize.types import Budget

    conf = Path(__file__).resolve().parent.parent / "summarize" / "conf" / "summarizer" / "mmr_digest.yaml"
    node = yaml.safe_load(conf.read_text())
    assert node["fact_redundancy"] is not None and node["figure_redundancy"] is not None
    summaries = _day_summaries(build(node, "summarizer", budget=Budget(words=100)), "2025-03-15")
    strike = next(v for k, v in summaries.items() if "ferry" in k.lower())
    marathon = next(v for k, v in summaries.items() if "marathon" in k.lower())
    walkout = re.compile(r"went on strike|began a 48-hour strike")
    assert sum(bool(walkout.search(s)) for s in strike) <= 1, strike
    assert sum("30 kilometres" in s or "30-kilometre" in s for s in marathon) == 1, marathon
    assert sum("9,000" in s for s in marathon) <= 1
    # without the two limits both wordings of the strike come back (the test could fail)
    node.update(fact_redundancy=None, figure_redundancy=None)
    plain = _day_summaries(build(node, "summarizer", budget=Budget(words=100)), "2025-03-15")
    assert sum(bool(walkout.search(s)) for s in next(v for k, v in plain.items() if "ferry" in k.lower())) == 2


def test_a_count_said_in_words_and_in_digits_is_said_once():
    # the shipped sample's ferry reports: "Thirty-seven people were injured on Friday ..." and
    # "The collision injured 37 people, four of them seriously, ..." (dense cosine 0.22, under
    # figure_redundancy): one fact, which the main job's digest gave twice
    from pathlib import Path

    import yaml

    from summarize.clean import Cleaner
    from summarize.io import JsonlDataset
    from summarize.registry import build
    from summarize.types import Budget

    root = Path(__file__).resolve().parent.parent
    node = yaml.safe_load((root / "summarize" / "conf" / "summarizer" / "mmr_digest.yaml").read_text())
    ferry = next(c for c in JsonlDataset(root / "data" / "sample.jsonl") if "ferry" in c.id)
    ferry = Cleaner().clean(ferry)[0]
    injured = re.compile(r"\b(?:37|Thirty-seven)\b.*injur|injur.*\b37\b")

    def count(settings):
        return sum(bool(injured.search(s)) for s in build(settings, "summarizer", budget=Budget(words=100))
                   .summarize(ferry).sentences)

    assert count(node) == 1
    assert count({**node, "figure_redundancy": None}) == 2  # the test could fail


def test_figures_name_facts_not_years_or_small_counts():
    from summarize.text.facts import figures

    assert figures("A recall of 12,000 packs whose serials begin with OT-22, in 2025.") == {"12000", "22"}
    assert figures("Two days of rain in 1998.") == frozenset()


def test_a_syndicated_copy_is_marked_as_such_in_every_format(tmp_path):
    # Harbor Gazette runs Continental Wire's strike story word for word: its outlet carries the
    # story, but it is not a second report of it
    from pathlib import Path

    days = Path(__file__).resolve().parent.parent / "data" / "days"
    out = tmp_path / "d15"
    assert main(["digest", f"input={days}", "date=2025-03-15", f"output_dir={out}", "verbose=false",
                 "progress=false"]) == 0
    md = (out / "digest.md").read_text()
    line = next(ln for ln in md.splitlines() if "**Harbor Gazette**" in ln and "strike" in ln)
    wire = next(ln for ln in md.splitlines() if "**Continental Wire**" in ln and "kessa-ferry-strike" in ln)
    assert line.endswith(f"(a syndicated copy of {wire.split('.', 1)[0]})")
    events = json.loads((out / "digest.json").read_text())["events"]
    copies = [a for e in events for a in e["articles"] if a["copy_of"]]
    assert len(copies) == 1 and copies[0]["outlet"] == "Harbor Gazette"
    assert "syndicated copy of Continental Wire" in (out / "digest.html").read_text()
    # and the readability share counts independent outlets: a copy does not make a claim "2+"
    copy_ids = {a["id"] for a in copies}
    sentences = [s for e in events for s in e["sentences"]]
    independent = sum(len({a["outlet"] for a in s["sources"] if a["id"] not in copy_ids}) >= 2 for s in sentences)
    with_copies = sum(len({a["outlet"] for a in s["sources"]}) >= 2 for s in sentences)
    assert with_copies > independent  # the day has a sentence carried only by the wire and its copy
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["readability"]["multi_outlet_credited"] == independent
