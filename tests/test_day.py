"""A day's digest input and events: files of every kind, feeds, grouping, headlines, ranking.

The two-day fixture ``data/days`` (see data/README.md) is the project's own: RSS and Atom feeds,
HTML pages, JSON and JSON Lines articles, one exact syndicated copy, one failed scrape, and a
flood story that continues from the first day to the second.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from summarize.clean import Cleaner
from summarize.cli import main
from summarize.digest import DayDataset
from summarize.digest.day import outlets, shorten
from summarize.digest.events import (
    _group_large,
    belongs,
    distinct_events,
    group_by_similarity,
    group_events,
    group_vectors,
    outliers,
    similarity_matrix,
    term_vectors,
)
from summarize.errors import ConfigError, InputError
from summarize.io.articles import read_articles, read_folder
from summarize.io.common import make_document
from summarize.io.feeds import looks_like_feed, read_feed

DAYS = Path(__file__).resolve().parent.parent / "data" / "days"

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test Wire</title>
<item><title>Bridge &amp; tunnel closed</title><link>https://wire.example/a</link>
<pubDate>Mon, 05 May 2025 23:30:00 -0400</pubDate>
<description>&lt;p&gt;The harbour bridge was closed on Monday night after a lorry hit its railing.&lt;/p&gt;
</description></item>
<item><title>Empty entry</title><link>https://wire.example/b</link></item>
</channel></rss>"""


def _ids(cluster):
    return sorted(d.id for d in cluster.documents)


@pytest.fixture(scope="module")
def day1():
    return list(DayDataset(DAYS, date="2025-03-14"))


@pytest.fixture(scope="module")
def day2():
    return list(DayDataset(DAYS, date="2025-03-15"))


def test_first_day_events_ranked_with_headlines(day1):
    assert [_ids(c) for c in day1] == [
        ["2025-03-14/northern-ledger-2", "2025-03-14/velmora-herald-library", "metro-times-library"],
        ["2025-03-14/continental-wire-1", "2025-03-14/lowmarsh-courier-flood", "2025-03-14/northern-ledger-1"],
        ["2025-03-14/continental-wire-2", "2025-03-14/northern-ledger-3"],
    ]
    # three outlets each for the library and the flood: the later news first; the recall has two
    assert [outlets(c.documents) for c in day1] == [3, 3, 2]
    assert [c.id for c in day1] == ["event-1", "event-2", "event-3"]
    # the most central titled article's title, the outlet's name a page appends left out
    assert [c.headline for c in day1] == [
        "Velmora's Grand Library reopens after three-year restoration",
        "River Kell bursts its banks, flooding 400 homes in Lowmarsh",
        "Orrin Tech recalls 12,000 e-bike batteries over fire risk",
    ]
    for c in day1:
        assert c.headline in {d.title for d in c.documents} or c.headline in {
            d.title.split(" | ")[0] for d in c.documents if d.title}
    flood = day1[1]
    assert flood.span == (datetime(2025, 3, 14, 7, 30, tzinfo=timezone.utc),
                          datetime(2025, 3, 14, 9, 0, tzinfo=timezone.utc))
    # articles in publication order within an event
    assert [d.source for d in flood.documents] == ["Continental Wire", "Northern Ledger", "Lowmarsh Courier"]


def test_second_day_copy_scrape_and_provenance(day2, caplog):
    assert [c.headline for c in day2] == [
        "Kessa Island ferry crews walk out over night shifts",
        "Lowmarsh counts the cost: 1,200 homes damaged, relief fund set up",
        "Osei smashes Northbridge marathon record",
    ]
    every = {d.id for c in day2 for d in c.documents}
    assert "2025-03-15/daily-post-paywall" not in every  # the cookie wall is no event
    with caplog.at_level(logging.WARNING, logger="summarize.digest"):
        list(DayDataset(DAYS, date="2025-03-15"))
    assert "failed scrapes" in caplog.text and "daily-post-paywall" in caplog.text
    strike = day2[0]
    docs = {d.id: d for d in strike.documents}
    copy = docs["harbor-gazette-strike"]
    wire = docs["2025-03-15/continental-wire-2"]
    assert copy.text == wire.text and copy.source == "Harbor Gazette" and wire.source == "Continental Wire"
    assert wire.url == "https://continentalwire.example/2025/03/15/kessa-ferry-strike"
    assert wire.published == datetime(2025, 3, 15, 11, 20, tzinfo=timezone.utc)
    # cleaning keeps the wire story once and the copy as its alias; the headline survives
    cleaned, report = Cleaner().clean(strike)
    assert dict(report.aliases) == {"2025-03-15/continental-wire-2": ("harbor-gazette-strike",)}
    assert cleaned.headline == strike.headline and "harbor-gazette-strike" not in {d.id for d in cleaned.documents}
    # the hostile link is read as written (the renderers decide what becomes a link)
    marathon = {d.source: d for d in day2[2].documents}
    assert marathon["Northern Ledger"].url == "javascript:alert('not a link')"
    assert marathon["Metro Times"].url == "https://metrotimes.example/sport/northbridge-marathon-record"
    assert "<script>alert('strike')</script>" in docs["2025-03-15/coastal-daily-strike"].text
    assert "injected" not in docs["2025-03-15/coastal-daily-strike"].text  # the page's own script is not text


def test_the_flood_continues_across_the_two_days(day1, day2):
    both = list(DayDataset(DAYS, date="all"))
    flood = next(c for c in both if any("lowmarsh" in d.id for d in c.documents))
    assert _ids(flood) == sorted(_ids(day1[1]) + _ids(day2[1]))
    assert flood.span[0].date().isoformat() == "2025-03-14" and flood.span[1].date().isoformat() == "2025-03-15"
    # the follow-up shares the story's places and people but adds new figures
    text = " ".join(d.text for d in day2[1].documents)
    assert "1,200" in text and "relief fund" in text and "1,200" not in " ".join(d.text for d in day1[1].documents)


def test_max_events_caps_the_ranked_digest():
    capped = list(DayDataset(DAYS, date="2025-03-14", max_events=2))
    assert [c.headline for c in capped] == [c.headline for c in list(DayDataset(DAYS, date="2025-03-14"))[:2]]


def test_feeds_from_bytes():
    assert looks_like_feed(RSS) and looks_like_feed(b"\xef\xbb\xbf  <!-- x --><feed xmlns='x'>")
    assert not looks_like_feed(b"<html><body>rss</body></html>")
    docs = read_articles(RSS, "https://wire.example/feed.rss")  # a fetcher would hand over bytes and a name
    (doc,) = docs  # the entry without content is left out
    assert doc.id == "feed-1" and doc.source == "Test Wire" and doc.title == "Bridge & tunnel closed"
    assert doc.text == "The harbour bridge was closed on Monday night after a lorry hit its railing."
    # the feed's own offset is kept: 23:30 on the 5th in New York is the 6th in UTC
    assert doc.published is not None and doc.published.date().isoformat() == "2025-05-05"
    assert doc.published.utcoffset().total_seconds() == -4 * 3600
    assert read_feed(b"<rss version='2.0'><channel><title>Empty</title></channel></rss>", "empty.rss") == []


def test_every_kind_of_file_in_one_folder(tmp_path):
    (tmp_path / "a.txt").write_text("A plain report of the harbour bridge closure on Monday.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><head><title>Bridge shut</title></head><body><article><p>The harbour "
                                     "bridge was shut on Monday after a lorry crash, police said.</p></article>"
                                     "</body></html>", encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps([{"id": "c1", "text": "One report."}, {"text": "Another."}]),
                                     encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(json.dumps({"title": "T", "text": "T\nBody of the line."}) + "\n\n",
                                      encoding="utf-8")
    (tmp_path / "e.rss").write_bytes(RSS)
    (tmp_path / "f").write_bytes(RSS)  # no ending: sniffed
    (tmp_path / ".hidden.pdf").write_bytes(b"%PDF-1.4\x00\x00")
    docs = {d.id: d for d in read_folder(tmp_path)}
    assert sorted(docs) == ["a", "b", "c-1", "c1", "d-1", "e-1", "f-1"]
    assert docs["b"].title == "Bridge shut" and docs["d-1"].text == "Body of the line."
    assert docs["e-1"].source == docs["f-1"].source == "Test Wire"


@pytest.mark.parametrize("name, data, message", [
    ("notes.pdf", b"%PDF-1.4\x00\x01\x02", "not an article file"),
    ("notes.txt", b"text\x00\x00\x01\x02 binary", "looks like a binary file"),
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "not an article file"),
    ("readme.md", b"# Notes\nnot an article", "not an article file; expected .txt, .html, .json, .jsonl"),
    ("sitemap.xml", b"<?xml version='1.0'?><urlset><url>x</url></urlset>", "not an RSS or Atom feed"),
    ("broken.json", b"{\"text\": ", "malformed JSON"),
    ("bad.jsonl", b"{\"text\": \"ok\"}\n[1, 2]\n", "bad.jsonl:2: expected a JSON object"),
    ("broken.rss", b"<rss version='2.0'><channel><item><title>x</wrong>", "not a well-formed RSS or Atom feed"),
])
def test_a_bad_file_is_named_in_one_line(tmp_path, name, data, message):
    (tmp_path / "ok.txt").write_text("A report.", encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError) as info:
        list(DayDataset(tmp_path))
    assert message in str(info.value) and name in str(info.value) and "\n" not in str(info.value)


def test_digest_end_to_end_and_bad_file_exit_2(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["digest", f"input={DAYS}", "date=2025-03-15", f"output_dir={out}", "verbose=false"]) == 0
    predictions = [json.loads(line) for line in (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in predictions] == ["event-1", "event-2", "event-3"]
    # the syndicated copy's outlet is credited with the wire story's sentences
    assert any("harbor-gazette-strike" in ids for ids in predictions[0]["sources"])
    cleaning = (out / "cleaning.jsonl").read_text(encoding="utf-8")
    assert "syndicated copy of 2025-03-15/continental-wire-2" in cleaning
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_text("A report.", encoding="utf-8")
    (bad / "slides.pptx").write_bytes(b"PK\x03\x04\x00\x00binary")
    assert main(["digest", f"input={bad}", f"output_dir={tmp_path / 'out2'}"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]  # after the first run's warnings
    assert err.startswith("error: ") and "slides.pptx" in err


def test_untitled_text_gets_its_central_sentence_shortened(tmp_path):
    storm = ["The storm cut power to 40,000 homes on the northern coast and closed the coast road. "
             "Schools stayed shut.",
             "Power was cut to 40,000 homes on the northern coast after the storm, and the coast road closed.",
             "Crews worked to restore power to 40,000 homes on the northern coast after the storm closed roads "
             "and brought down lines across three counties, the utility said in a statement on its website."]
    for i, text in enumerate(storm):
        (tmp_path / f"s{i}.txt").write_text(text, encoding="utf-8")
    (event,) = DayDataset(tmp_path)
    assert event.headline in {shorten(s) for t in storm for s in [t.split(". ")[0] + "."]} | {
        "Power was cut to 40,000 homes on the northern coast after the storm, and the coast road closed"}
    assert len(event.headline.split()) <= 16
    assert shorten("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                   "sixteen seventeen.") == "one two three four five six seven eight nine ten eleven twelve " \
                                            "thirteen fourteen …"
    assert shorten("A short sentence.") == "A short sentence"


def test_grouping_rule_and_belonging():
    sim = np.array([[1.0, 0.5, 0.4, 0.0],
                    [0.5, 1.0, 0.45, 0.3],
                    [0.4, 0.45, 1.0, 0.3],
                    [0.0, 0.3, 0.3, 1.0]])
    # the last one is close on average (0.2) but shares nothing with the first: not merged
    assert group_by_similarity(sim, threshold=0.12, min_similarity=0.05) == [[0, 1, 2], [3]]
    assert group_by_similarity(sim, threshold=0.12, min_similarity=0.0) == [[0, 1, 2, 3]]
    assert belongs(np.array([0.4, 0.45])) and not belongs(np.array([0.0, 0.3, 0.3])) and not belongs(np.array([]))
    out, mean, rest = outliers(sim)
    assert out.tolist() == [False, False, False, False]  # 0.2 mean: above the threshold
    sim[3, :3] = sim[:3, 3] = 0.02
    assert outliers(sim)[0].tolist() == [False, False, False, True]
    assert outliers(sim[:2, :2])[0].tolist() == [False, False]  # a pair has no odd one out by this rule


def test_two_tight_events_on_one_subject_stay_apart():
    # two events of three articles, 0.6 within each, 0.2 across (above the threshold): two events
    sim = np.full((6, 6), 0.2)
    sim[:3, :3] = sim[3:, 3:] = 0.6
    np.fill_diagonal(sim, 1.0)
    assert group_by_similarity(sim) == [[0, 1, 2], [3, 4, 5]]
    assert group_by_similarity(sim, distinct=0.0) == [[0, 1, 2, 3, 4, 5]]  # the rule off: one
    assert not distinct_events(0.2, 3, 0.6, 3, 0.35)  # a loosely knit group: 0.2 is over half of 0.35
    assert not distinct_events(0.2, 2, 0.6, 3, 0.6)  # a pair's one similarity is not trusted as cohesion
    # the large-day route (condensed distances, products on demand) cuts the same way
    x = sp.csr_matrix(np.linalg.cholesky(sim + 1e-9 * np.eye(6)))
    for threshold, distinct in ((0.12, 0.5), (0.12, 0.0), (0.3, 0.5)):
        expected = group_by_similarity(sim, threshold=threshold, distinct=distinct)
        assert group_vectors(x, threshold=threshold, distinct=distinct) == expected
        assert _group_large(x, threshold, 0.05, distinct) == expected
    with pytest.raises(ConfigError):
        group_by_similarity(sim, distinct=1.5)


def test_the_lead_counts_twice():
    lead = "Floods closed the Aldmere road. Rescuers reached the valley. Rain kept falling on the hills."
    late = " ".join(["The council met on the budget."] * 3)
    doc = make_document(id="a", text=f"{lead} {late}", language="english")
    x, terms = term_vectors([doc], "english")
    flat, flat_terms = term_vectors([doc], "english", lead_weight=1)
    weight = dict(zip(terms, x.toarray()[0], strict=True))
    plain = dict(zip(flat_terms, flat.toarray()[0], strict=True))
    assert weight["flood"] / weight["council"] > plain["flood"] / plain["council"]
    with pytest.raises(ConfigError):
        term_vectors([doc], "english", lead_weight=0)


def test_events_of_articles_and_similarity_independent_of_the_pool():
    texts = ["The harbour bridge in Port Aldmere was closed after a lorry crashed into its railing.",
             "A lorry crash closed the Port Aldmere harbour bridge, police said.",
             "Parliament passed the annual budget after a long debate over school funding.",
             "The annual budget passed parliament; school funding was the main dispute."]
    docs = [make_document(id=str(i), text=t, language="english") for i, t in enumerate(texts)]
    assert group_events(docs, "english") == [[0, 1], [2, 3]]
    # background word weights: a pair's similarity does not change with what else was read
    assert similarity_matrix(docs[:2], "english")[0, 1] == pytest.approx(similarity_matrix(docs, "english")[0, 1])
    assert group_events(docs, "english", idf="articles") == [[0, 1], [2, 3]]
    with pytest.raises(Exception, match="idf must be one of"):
        group_events(docs, "english", idf="nope")


def test_ranking_by_outlets_then_recency(tmp_path):
    rows = []
    for topic, n_outlets, hour in [("bridge", 1, 20), ("budget", 2, 8), ("storm", 2, 12)]:
        for j in range(2):
            rows.append({"id": f"{topic}-{j}", "source": f"Outlet {j if n_outlets == 2 else 0}",
                         "published": f"2025-05-05T{hour:02d}:{j:02d}:00",
                         "text": {"bridge": "The harbour bridge was closed after a lorry crash.",
                                  "budget": "Parliament passed the annual budget after a debate on schools.",
                                  "storm": "The storm cut power to 40,000 homes on the northern coast."}[topic]})
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    events = list(DayDataset(path, date="2025-05-05"))
    assert [e.documents[0].id.split("-")[0] for e in events] == ["storm", "budget", "bridge"]


def test_untitled_headline_is_the_fact_the_outlets_share_not_one_articles_angle(tmp_path):
    # report a dwells on the family (its own angle, words no other report has, which TF-IDF
    # weighs most); the headline is the fact both reports carry: the hiker found near Dorval
    a = ("Rescue teams found a missing hiker alive in the hills near Dorval on Sunday. "
         "The hiker's family said the family had feared the worst. Her family thanked the volunteers who "
         "joined the family in the search. The family asked for privacy.")
    b = ("A missing hiker was found alive near Dorval on Sunday by rescue teams after a night in the hills. "
         "She was taken to hospital with a broken ankle.")
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    (event,) = DayDataset(tmp_path)
    assert "hiker" in event.headline and "Dorval" in event.headline
    assert "family" not in event.headline


def test_without_a_date_the_digest_is_of_the_latest_day_and_says_what_it_left_out(caplog):
    with caplog.at_level("WARNING", logger="summarize"):
        ds = DayDataset(DAYS)
        events = list(ds)
    assert ds.date is not None and ds.date.isoformat() == "2025-03-15"
    days = {d.published.date().isoformat() for e in events for d in e.documents if d.published is not None}
    assert days == {"2025-03-15"}
    assert "date= not given: the digest is of 2025-03-15" in caplog.text and "left out" in caplog.text
    assert [c.headline for c in events] == [c.headline for c in DayDataset(DAYS, date="2025-03-15")]


def test_undated_articles_alone_are_filed_under_today_with_a_warning(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("The storm cut power to 40,000 homes on the northern coast.", encoding="utf-8")
    with caplog.at_level("WARNING", logger="summarize"):
        ds = DayDataset(tmp_path)
        assert ds.date is None and len(list(ds)) == 1
    assert "no article has a publication date" in caplog.text


def test_date_all_keeps_every_day():
    assert DayDataset(DAYS, date="all").date is None
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        DayDataset(DAYS, date="yesterday")
