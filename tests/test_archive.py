"""The digest archive (summarize.digest.archive): days in SQLite, idempotent re-runs, follow-ups."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarize.cli import main
from summarize.digest.archive import Archive, article_key, event_id
from summarize.errors import InputError
from summarize.io import make_document
from summarize.render import DigestMeta, RenderItem
from summarize.types import Budget, Cluster, Summary

COLLISION = "The ferry Marisol collided with the cargo ship Nordhavn Trader in thick fog outside Port Aldmere on Friday."
INQUIRY = "The Maritime Accident Investigation Board opened an inquiry into the collision."

DAY1 = [
    {"id": "gazette-1", "source": "Harbor Gazette", "title": "Ferry and cargo ship collide off Port Aldmere; 37 hurt",
     "url": "https://gazette.example/ferry", "published": "2025-03-14T09:10:00",
     "text": f"{COLLISION} 37 passengers were injured, the coast guard said. The ferry was carrying 212 passengers "
             f"to the island of Kessa. {INQUIRY}"},
    {"id": "wire-1", "source": "Coast Wire", "title": "Fog collision injures 37 on Kessa ferry",
     "url": "https://wire.example/ferry", "published": "2025-03-14T11:45:00",
     "text": f"{COLLISION} The coast guard said 37 passengers were injured. Westline Ferries, which operates the "
             f"Marisol, said the ship's radar was working. {INQUIRY}"},
    {"id": "island-1", "source": "Kessa Island News", "title": "Kessa ferry crash: passengers describe panic",
     "url": "https://island.example/ferry", "published": "2025-03-14T16:20:00",
     "text": "Passengers described panic on the ferry Marisol after it collided with the cargo ship Nordhavn Trader "
             "in fog outside Port Aldmere. 37 people were injured in the collision. Many islanders were travelling "
             "home for the weekend."},
    {"id": "post-1", "source": "Capital Post", "title": "Parliament passes annual budget",
     "url": "https://post.example/budget", "published": "2025-03-14T13:00:00",
     "text": "Parliament passed the annual budget on Friday after a long debate over school funding. The budget "
             "raises spending on schools by four percent. Opposition parties voted against the plan."},
    {"id": "courier-1", "source": "Valley Courier", "title": "Budget clears parliament",
     "url": "https://courier.example/budget", "published": "2025-03-14T14:00:00",
     "text": "The annual budget cleared parliament on Friday after a debate over school funding. Spending on "
             "schools rises by four percent under the plan."},
]
DIED = ("Two passengers injured in the collision of the ferry Marisol with the cargo ship Nordhavn Trader died in "
        "hospital overnight, the coast guard said on Saturday.")
RECORDER = "Investigators recovered the voyage data recorder from the Marisol on Saturday."
DAY2 = [
    {"id": "gazette-2", "source": "Harbor Gazette", "title": "Two die after Kessa ferry collision",
     "url": "https://gazette.example/ferry-deaths", "published": "2025-03-15T08:00:00",
     "text": f"{DIED} {COLLISION} {RECORDER} Westline Ferries suspended all sailings to Kessa until Monday."},
    {"id": "wire-2", "source": "Coast Wire", "title": "Death toll in ferry collision rises to two",
     "url": "https://wire.example/ferry-deaths", "published": "2025-03-15T10:30:00",
     "text": f"Two passengers died in hospital overnight after the ferry Marisol collided with the cargo ship "
             f"Nordhavn Trader outside Port Aldmere, the coast guard said. 37 passengers were injured in the "
             f"collision on Friday. {INQUIRY} {RECORDER}"},
    {"id": "ridge-2", "source": "Ridge Times", "title": "Wildfire forces evacuation of Pinecrest",
     "url": "https://ridge.example/fire", "published": "2025-03-15T07:00:00",
     "text": "A wildfire forced the evacuation of 3,000 residents from the town of Pinecrest on Saturday. "
             "Firefighters said strong winds pushed the fire across the ridge overnight. No injuries were reported."},
    {"id": "radio-2", "source": "Ridge <b>Radio</b>", "title": "Pinecrest fire <script>alert(1)</script>",
     "url": "javascript:alert(document.cookie)", "published": "2025-03-15T09:00:00",
     "text": "Strong winds pushed the wildfire toward Pinecrest overnight, and 3,000 residents were evacuated from "
             "the town on Saturday. Firefighters said the fire across the ridge was not contained."},
]


def _day(tmp_path: Path, name: str, rows: list[dict]) -> Path:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _digest(tmp_path: Path, day: str, rows: list[dict], out: str, *extra: str) -> dict:
    feed = _day(tmp_path, day, rows)
    assert main(["digest", f"input={feed}", f"date={day}", f"output_dir={tmp_path / out}",
                 f"archive={tmp_path / 'archive.sqlite'}", "verbose=false", *extra]) == 0
    return json.loads((tmp_path / out / "digest.json").read_text(encoding="utf-8"))


def _rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as db:
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in ("articles", "events", "event_articles", "sentences")}


def test_two_days_follow_up_idempotent_and_inert(tmp_path):
    """Day 1 archived; re-run: the same rows. Day 2: the ferry story is a follow-up of day 1's, its
    summary leaves out what day 1's digest said and keeps the deaths; the wildfire is new; the
    page renders the hostile article inert. Re-running either day changes no row."""
    archive = tmp_path / "archive.sqlite"
    first = _digest(tmp_path, "2025-03-14", DAY1, "d1")
    assert first["day"] == "2025-03-14" and len(first["events"]) == 2
    assert all(e["follow_up"] is None for e in first["events"])
    rows1 = _rows(archive)
    assert len(rows1["articles"]) == 5 and len(rows1["events"]) == 2 and len(rows1["event_articles"]) == 5
    _digest(tmp_path, "2025-03-14", DAY1, "d1-again")
    assert _rows(archive) == rows1  # idempotent: same rows, same ids

    second = _digest(tmp_path, "2025-03-15", DAY2, "d2")
    ferry1 = next(e for e in first["events"] if "Marisol" in " ".join(s["text"] for s in e["sentences"]))
    ferry2 = next(e for e in second["events"] if "Marisol" in " ".join(s["text"] for s in e["sentences"]))
    fire = next(e for e in second["events"] if e is not ferry2)
    assert ferry2["follow_up"]["event_id"] == ferry1["event_id"] and ferry2["follow_up"]["day"] == "2025-03-14"
    assert ferry2["follow_up"]["headline"] == ferry1["headline"] and ferry2["follow_up"]["repeated"] >= 1
    assert fire["follow_up"] is None and {a["id"] for a in fire["articles"]} == {"ridge-2", "radio-2"}
    # only what is new: nothing day 1's digest said, and the deaths
    said = {s["text"] for s in ferry1["sentences"]}
    told = [s["text"] for s in ferry2["sentences"]]
    assert said & {COLLISION, INQUIRY} and not said & set(told), (said, told)
    assert any("died in hospital" in t for t in told)
    assert ferry2["sentences"][0]["sources"][0]["url"].startswith("https://")
    # the follow-up in the other formats and in predictions.jsonl
    md = (tmp_path / "d2" / "digest.md").read_text(encoding="utf-8")
    assert f"**Follow-up of 2025-03-14: {ferry1['headline']}" in md
    page = (tmp_path / "d2" / "digest.html").read_text(encoding="utf-8")
    assert "Follow-up of 2025-03-14" in page
    (pred,) = [json.loads(line) for line in (tmp_path / "d2" / "predictions.jsonl").read_text().splitlines()
               if json.loads(line).get("follow_up")]
    assert pred["follow_up"]["event_id"] == ferry1["event_id"]
    # the hostile article: shown as text, never as markup or a link
    parsed = _Tags()
    parsed.feed(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert all(h.startswith(("#", "https://")) for h in parsed.hrefs) and "https://ridge.example/fire" in parsed.hrefs
    assert "Pinecrest fire <script>alert(1)</script>" in "".join(parsed.text) or any(
        "Ridge <b>Radio</b>" in t for t in parsed.text)

    rows2 = _rows(archive)
    assert len(rows2["events"]) == 4 and len(rows2["articles"]) == 9
    with sqlite3.connect(archive) as db:
        link = db.execute("SELECT follow_up_of, similarity FROM events WHERE id = ?", (ferry2["event_id"],)).fetchone()
        assert link[0] == ferry1["event_id"] and link[1] >= 0.35
        assert db.execute("SELECT COUNT(*) FROM digests").fetchone()[0] == 2
    _digest(tmp_path, "2025-03-15", DAY2, "d2-again")
    _digest(tmp_path, "2025-03-14", DAY1, "d1-third")  # an earlier day re-run keeps the later day's link valid
    assert _rows(archive) == rows2


def test_archive_api_is_idempotent_and_ids_are_stable(tmp_path):
    docs = tuple(make_document(id=r["id"], text=r["text"], language="english", source=r["source"], title=r["title"],
                               url=r["url"], published=datetime.fromisoformat(r["published"])) for r in DAY1[:3])
    cluster = Cluster(id="event-1", documents=docs)
    summary = Summary(cluster_id="event-1", sentences=(COLLISION,), system="lead", sources=(("gazette-1", "wire-1"),))
    meta = DigestMeta(system="lead", dataset="test", budget=Budget(words=100), day=date(2025, 3, 14))

    def write() -> str:
        archive = Archive(tmp_path / "a.sqlite", day=date(2025, 3, 14), embeddings=None)
        archive.prepare(cluster)
        archive.add(RenderItem(cluster=cluster, summary=summary))
        assert archive.finish(meta) == 1
        counts = archive.counts()
        (event,) = archive.events()
        archive.close()
        assert counts == {"articles": 3, "digests": 1, "events": 1, "event_articles": 3, "sentences": 1}
        return event["id"]

    assert write() == write() == event_id(date(2025, 3, 14), [article_key(d) for d in docs])
    with sqlite3.connect(tmp_path / "a.sqlite") as db:
        (sources,) = db.execute("SELECT sources FROM sentences").fetchone()
    assert json.loads(sources) == [article_key(docs[0]), article_key(docs[1])]
    # the same address with other text is another article; the same text re-fetched is the same
    assert article_key(docs[0]) != article_key(make_document(id="gazette-1", text="Other.", language="english",
                                                             url=docs[0].url))
    assert article_key(docs[0]) == article_key(make_document(id="x", text=docs[0].text + "\n", language="english",
                                                             url=docs[0].url))


def test_scraped_text_with_a_lone_surrogate_is_archived(tmp_path):
    from summarize.types import Document, Sentence

    text = "Broken \ud800 bytes in a scraped page."
    doc = Document(id="x\ud800", text=text, sentences=(Sentence(text, "x\ud800", 0),))
    cluster = Cluster(id="e", documents=(doc,))
    archive = Archive(tmp_path / "a.sqlite", day=date(2025, 1, 1), embeddings=None)
    archive.prepare(cluster)
    archive.add(RenderItem(cluster=cluster, summary=Summary(cluster_id="e", sentences=(text,), system="lead",
                                                            sources=(("x\ud800",),))))
    archive.finish(DigestMeta(system="lead", dataset="t", budget=Budget(words=100)))
    assert archive.counts()["sentences"] == 1
    with sqlite3.connect(tmp_path / "a.sqlite") as db:
        assert db.execute("SELECT text FROM sentences").fetchone()[0] == "Broken \ufffd bytes in a scraped page."
    archive.close()


def test_bad_archives_are_one_line_errors(tmp_path, sample_path, capsys):
    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(InputError, match="not a SQLite archive"):
        Archive(not_db, day=date(2025, 1, 1))
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(InputError, match="not an archive of this version"):
        Archive(other, day=date(2025, 1, 1))
    for path, message in ((not_db, "not a SQLite archive"), (tmp_path, "is a folder")):
        out = tmp_path / "out"
        assert main(["digest", f"input={sample_path}", "date=all", f"archive={path}", f"output_dir={out}"]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("error: archive ") and message in err and "\n" not in err, err
        assert not out.exists()
    assert not_db.read_text().startswith("these are my notes")  # left as it was


def test_archive_is_where_it_is_asked_for(tmp_path, sample_path):
    # summarize run over a benchmark dataset keeps no archive; archive=<file> records any run
    assert main(["run", "budget=sentences1", "eval=none", f"output_dir={tmp_path / 'run'}", "verbose=false"]) == 0
    assert not (tmp_path / "run" / "archive.sqlite").exists()
    assert main(["run", "budget=sentences1", "eval=none", f"output_dir={tmp_path / 'run2'}", "verbose=false",
                 f"archive={tmp_path / 'shared' / 'news.sqlite'}"]) == 0
    with sqlite3.connect(tmp_path / "shared" / "news.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 3
    # summarize digest: archive.sqlite in the output folder by default, none with archive=null
    assert main(["digest", f"input={sample_path}", "date=2025-03-14", f"output_dir={tmp_path / 'dg'}",
                 "verbose=false", "render=markdown"]) == 0
    assert (tmp_path / "dg" / "archive.sqlite").exists()
    assert main(["digest", f"input={sample_path}", "date=2025-03-14", f"output_dir={tmp_path / 'dg2'}",
                 "verbose=false", "archive=null", "render=markdown"]) == 0
    assert not (tmp_path / "dg2" / "archive.sqlite").exists()


def test_a_new_archive_is_said_and_a_missing_folder_warned_about(tmp_path, sample_path, capsys):
    # a mistyped archive= would otherwise start a fresh archive, and lose the earlier days, unnoticed
    args = ["digest", f"input={sample_path}", "date=2025-03-14", "render=markdown"]
    typo = tmp_path / "typo" / "news.sqlite"
    assert main([*args, f"output_dir={tmp_path / 'a'}", f"archive={typo}", "verbose=false"]) == 0
    err = capsys.readouterr().err
    assert f"WARNING: archive {typo}: its folder {typo.parent} did not exist" in err
    assert main([*args, f"output_dir={tmp_path / 'b'}", f"archive={typo}"]) == 0
    assert f"archive {typo}" not in capsys.readouterr().err  # it exists now: nothing to say
    other = tmp_path / "other.sqlite"
    assert main([*args, f"output_dir={tmp_path / 'c'}", f"archive={other}"]) == 0
    assert f"INFO: archive {other} is new" in capsys.readouterr().err
    # a run that fails says only its error, and leaves no archive
    assert main(["digest", f"input={sample_path}", "date=2024-01-01", f"output_dir={tmp_path / 'd'}",
                 f"archive={tmp_path / 'never.sqlite'}"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and not (tmp_path / "never.sqlite").exists()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data):
        self.text.append(data)


def test_the_two_day_fixture(tmp_path):
    """data/days (two days of feeds, pages and JSON): day 2's flood is the follow-up of day 1's and
    states the new damage count; the ferry strike and the marathon are new stories."""
    from conftest import ROOT

    archive = tmp_path / "archive.sqlite"
    docs = {}
    for day in ("2025-03-14", "2025-03-15"):
        assert main(["digest", f"input={ROOT / 'data' / 'days' / day}", f"date={day}", f"output_dir={tmp_path / day}",
                     f"archive={archive}", "render=json", "verbose=false"]) == 0
        docs[day] = json.loads((tmp_path / day / "digest.json").read_text(encoding="utf-8"))
    assert all(e["follow_up"] is None for e in docs["2025-03-14"]["events"])
    flood1 = next(e for e in docs["2025-03-14"]["events"] if "River Kell" in e["headline"])
    follow = [e for e in docs["2025-03-15"]["events"] if e["follow_up"]]
    assert len(follow) == 1 and follow[0]["follow_up"]["event_id"] == flood1["event_id"]
    assert follow[0]["follow_up"]["similarity"] >= 0.35 and "Lowmarsh" in follow[0]["headline"]
    told = [s["text"] for s in follow[0]["sentences"]]
    assert any("1,200" in t for t in told) and not set(told) & {s["text"] for s in flood1["sentences"]}
    with sqlite3.connect(archive) as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE follow_up_of IS NOT NULL").fetchone()[0] == 1


def test_digests_in_hydras_dated_folders_share_one_archive(tmp_path, monkeypatch):
    # without output_dir every run gets a new outputs/<day>/<time> folder; the archive they
    # share is outputs/archive.sqlite, so the second day finds the first day's flood
    days = Path(__file__).resolve().parent.parent / "data" / "days"
    monkeypatch.chdir(tmp_path)
    for k, day in enumerate(("2025-03-14", "2025-03-15")):
        assert main(["digest", f"input={days}", f"date={day}", f"hydra.run.dir=outputs/2026-12-02/0{k}",
                     "verbose=false", "progress=false"]) == 0
    assert (tmp_path / "outputs" / "archive.sqlite").is_file()
    assert not (tmp_path / "outputs" / "2026-12-02" / "00" / "archive.sqlite").exists()
    assert "Follow-up of 2025-03-14" in (tmp_path / "outputs" / "2026-12-02" / "01" / "digest.md").read_text()
