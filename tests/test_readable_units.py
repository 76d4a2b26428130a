"""Readable units (Extractive.units): a dangling sentence joins its antecedent up to max_unit_words."""

from __future__ import annotations

from datetime import datetime

from omegaconf import OmegaConf

from summarize import Budget
from summarize.budget import as_budget
from summarize.extractive import MMR
from summarize.io import make_cluster, make_document
from summarize.registry import build, compose_config

# 15 + 9 = 24 words; 21 + 13 = 34 words
LEAD = "The ferry Aurora left Dover with 212 passengers and crew on board on Monday morning."
PRONOUN = "It sank near the French coast two hours later."
LONG_LEAD = ("The ferry Aurora left the port of Dover with 212 passengers and crew on board on Monday morning "
             "in thick fog.")
LONG_PRONOUN = "It sank near the French coast two hours later, the coast guard said."


def _units(summarizer, *texts):
    docs = [make_document(id=f"d{i}", text=t, language="en", published=datetime(2024, 1, 1)) for i, t in enumerate(texts)]
    units, allowed = summarizer.units(make_cluster(id="c", documents=docs))
    return [(u.text, bool(ok)) for u, ok in zip(units.sentences, allowed, strict=True)]


def test_a_dangling_sentence_joins_its_antecedent_within_the_limit():
    joined = _units(MMR(budget=Budget(words=100), max_unit_words=30), f"{LEAD} {PRONOUN}", "Rescuers reached the wreck.")
    assert (f"{LEAD} {PRONOUN}", True) in joined
    assert all(text != PRONOUN for text, _ in joined)  # "It sank ..." is never a unit of its own


def test_a_dangling_sentence_too_long_for_a_unit_is_not_selectable():
    units = _units(MMR(budget=Budget(words=100), max_unit_words=20), f"{LEAD} {PRONOUN}", "Rescuers reached the wreck.")
    assert (LEAD, True) in units and (PRONOUN, False) in units


def test_experiment_duc_joins_units_of_up_to_36_words():
    cfg = compose_config(["experiment=duc", "dataset.path=data/sample.jsonl"])
    assert cfg.summarizer.max_unit_words == 36
    duc = build(cfg.summarizer, "summarizer", budget=as_budget(OmegaConf.to_container(cfg.budget, resolve=True)))
    text = f"{LONG_LEAD} {LONG_PRONOUN}"
    assert len(text.split()) == 34
    assert (text, True) in _units(duc, text, "Rescuers reached the wreck.")
    # the base class's default (30) leaves the pronoun sentence out instead
    default = build(OmegaConf.merge(cfg.summarizer, {"max_unit_words": 30}), "summarizer", budget=Budget(words=100))
    assert (LONG_PRONOUN, False) in _units(default, text, "Rescuers reached the wreck.")
    # and every whole unit is still a source sentence run: the summary never carries "It sank ..." alone
    summary = duc.summarize(make_cluster(id="c", documents=[
        make_document(id="d0", text=text, language="en", published=datetime(2024, 1, 1))]))
    assert LONG_PRONOUN not in summary.sentences
