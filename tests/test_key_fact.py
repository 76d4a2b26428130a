"""The key fact that opens a digest: corroboration, centrality, the lead, how early its report
came out (key_earliness) and its likeness to the headlines (key_title)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from omegaconf import OmegaConf

from summarize import Budget
from summarize.budget import as_budget
from summarize.errors import ConfigError
from summarize.extractive import MMR
from summarize.extractive.base import _earliness, _title_similarity
from summarize.extractive.features import Features
from summarize.io import JsonlDataset, make_cluster, make_document
from summarize.registry import build, compose_config

ROOT = Path(__file__).resolve().parent.parent


def _digest_summarizer(**overrides):
    cfg = compose_config(["experiment=digest", "dataset.path=data/sample.jsonl"])
    node = OmegaConf.merge(OmegaConf.to_container(cfg.summarizer), overrides)
    return build(node, "summarizer", budget=as_budget(OmegaConf.to_container(cfg.budget, resolve=True)))


def _features(*docs):
    cluster = make_cluster(id="c", documents=list(docs))
    return Features(cluster, cluster.sentences)


def test_earliness_ranks_documents_by_publication_time():
    f = _features(
        make_document(id="late", text="Tests came back clean. Nothing more.", language="en", published=datetime(2025, 1, 3)),
        make_document(id="first", text="A fire broke out. It burned all night.", language="en",
                      published=datetime(2025, 1, 1)),
        make_document(id="mid", text="Crews fought the fire.", language="en", published=datetime(2025, 1, 2)),
        make_document(id="undated", text="Smoke rose over the city.", language="en"))
    by_doc = dict(zip([s.doc_id for s in f.sentences], _earliness(f).tolist(), strict=True))
    assert by_doc == {"late": 0.0, "first": 1.0, "mid": 0.5, "undated": 0.5}
    # one publication time (or none): no ranking at all
    same = _features(make_document(id="a", text="A fire broke out.", language="en", published=datetime(2025, 1, 1)),
                     make_document(id="b", text="Crews fought it.", language="en", published=datetime(2025, 1, 1)))
    assert not _earliness(same).any()


def test_title_similarity_favours_the_sentence_the_headlines_state():
    f = _features(
        make_document(id="a", title="Grand Library reopens after restoration", language="en",
                      text="The Grand Library reopened on Friday after a long restoration. The head librarian "
                           "said 3,000 people had reserved tickets."),
        make_document(id="b", title="Crowds queue as the library reopens", language="en",
                      text="Crowds queued outside. The librarian said 3,000 people had reserved tickets."))
    sims = _title_similarity(f)
    texts = [s.text for s in f.sentences]
    assert texts[int(np.argmax(sims))].startswith("The Grand Library reopened")
    untitled = _features(make_document(id="a", text="The library reopened.", language="en"))
    assert not _title_similarity(untitled).any()


def _sample_cluster(word: str):
    return next(c for c in JsonlDataset(ROOT / "data" / "sample.jsonl") if word in c.id)


def test_the_digest_opens_with_the_first_reports_news_not_a_follow_up():
    # the fire: Green Watch's report of the next day's river tests is the most central lead
    # (it names the river, the plant, the fire and the agency); the fire itself is the news
    fire = _sample_cluster("fire")
    opener = _digest_summarizer().summarize(fire).sentences[0]
    # one of the first day's leads (uncleaned, the wire's syndicated copy counts its headline twice)
    assert opener.startswith(("A large fire broke out at the Calder Chemicals plant",
                              "Firefighters brought a fire at a chemical plant in Northbridge under control"))
    before = _digest_summarizer(key_earliness=0.0, key_title=0.0).summarize(fire).sentences[0]
    assert before.startswith("First water samples")


def test_the_digest_opens_with_what_the_headlines_say():
    # the tram: "The line, due to open in 2030, ..." is carried by two outlets, the approval by
    # each in its own words; the approval is what every headline says
    tram = _sample_cluster("tram")
    opener = _digest_summarizer().summarize(tram).sentences[0]
    assert "approved a $1.2 billion light-rail line" in opener
    before = _digest_summarizer(key_earliness=0.0, key_title=0.0).summarize(tram).sentences[0]
    assert before.startswith("The line, due to open in 2030")


def test_key_fact_weights_are_checked():
    with pytest.raises(ConfigError, match="key_title must be a weight >= 0"):
        MMR(budget=Budget(words=100), key_title=-1)
    with pytest.raises(ConfigError, match="key_earliness must be a weight >= 0"):
        MMR(budget=Budget(words=100), key_earliness="soon")


STRIKE = ("Crews of the Westline ferries to Kessa Island went on strike on Saturday over a new night-shift rota, "
          "cancelling all 14 crossings planned for the day.")


def test_a_sentence_that_says_nothing_a_chosen_one_does_not_is_left_out():
    docs = [make_document(id="herald", source="Herald", language="en", published=datetime(2025, 3, 15, 8),
                          text=f"{STRIKE} The union blamed the new rota."),
            make_document(id="wire", source="Wire", language="en", published=datetime(2025, 3, 15, 9),
                          text=f"{STRIKE} Talks are to resume on Monday."),
            make_document(id="times", source="Times", language="en", published=datetime(2025, 3, 15, 10),
                          text="All 14 crossings of the day were cancelled. The Seafarers' Union said 160 crew "
                               "members had walked out because Westline had introduced night shifts without talks.")]
    summary = _digest_summarizer().summarize(make_cluster(id="strike", documents=docs))
    assert summary.sentences[0] == STRIKE
    assert "All 14 crossings of the day were cancelled." not in summary.sentences
    assert any(s.startswith("The Seafarers' Union said 160") for s in summary.sentences)


def test_subsumption_needs_every_word_every_figure_and_the_same_polarity():
    f = _features(
        make_document(id="a", language="en", text=STRIKE),
        make_document(id="b", language="en", text="All 14 crossings of the day were cancelled."),
        make_document(id="c", language="en", text="All 15 crossings of the day were cancelled."),
        make_document(id="d", language="en", text="Crossings were not cancelled on the day."),
        make_document(id="e", language="en", text="All 14 crossings of the day and the night were cancelled."))
    rows = np.arange(len(f.sentences))
    pairs = set(MMR._subsumed(f, rows))
    assert (0, 1) in pairs  # the strike sentence says all the short one says
    assert (0, 2) not in pairs  # another figure
    assert (0, 3) not in pairs  # the opposite
    assert (0, 4) not in pairs  # "night" is not in the strike sentence ("night-shift" is one word)
    assert (1, 0) not in pairs and (4, 1) in pairs  # the longer leaves the shorter out, not the reverse
