import json
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from units import from_source

from summarize import Budget, Lead, Random
from summarize.budget import fit_to_budget, length
from summarize.errors import ConfigError
from summarize.io import JsonlDataset, make_cluster, make_document
from summarize.registry import CONF_DIR, build, extractive_summarizers


def _cluster(*docs, references=()):
    documents = [make_document(id=i, text=t, language="en", published=p) for i, t, p in docs]
    return make_cluster(id="c", documents=documents, references=references)


OLD = ("old", "Storm hits the coast. Roads are closed today. Schools stay shut again.", datetime(2024, 1, 1))
NEW = ("new", "Markets rally on news. Oil prices fall sharply. Stocks gain more ground.", datetime(2024, 1, 2))
UNDATED = ("undated", "Team wins the final. Fans celebrate all night.", None)


def test_lead_takes_the_most_recent_document_first():
    cluster = _cluster(OLD, UNDATED, NEW)
    summary = Lead(budget=Budget(sentences=4)).summarize(cluster)
    assert summary.sentences == (
        "Markets rally on news.", "Oil prices fall sharply.", "Stocks gain more ground.", "Storm hits the coast.")
    assert summary.sources == (("new",),) * 3 + (("old",),)


def test_lead_round_robin():
    cluster = _cluster(OLD, UNDATED, NEW)
    summary = Lead(mode="round_robin", budget=Budget(sentences=4)).summarize(cluster)
    assert summary.sentences == (
        "Markets rally on news.", "Storm hits the coast.", "Team wins the final.", "Oil prices fall sharply.")
    with pytest.raises(ConfigError, match="unknown lead mode 'x'; expected one of recent, round_robin"):
        Lead(mode="x")


def test_orderings():
    cluster = _cluster(OLD, NEW, UNDATED)
    rr = dict(mode="round_robin", budget=Budget(sentences=3))
    assert Lead(order="source", **rr).summarize(cluster).sentences == (
        "Storm hits the coast.", "Markets rally on news.", "Team wins the final.")
    assert Lead(order="chronological", **rr).summarize(cluster).sentences == (
        "Storm hits the coast.", "Markets rally on news.", "Team wins the final.")
    cluster = _cluster(NEW, OLD)
    assert Lead(order="chronological", **rr).summarize(cluster).sentences[0] == "Storm hits the coast."
    with pytest.raises(ConfigError, match="unknown order"):
        Lead(order="alphabetical")


def test_random_is_seeded_per_cluster():
    cluster = next(iter(JsonlDataset(Path(__file__).parent.parent / "data" / "sample.jsonl")))
    a = Random(seed=1, budget=Budget(sentences=3)).summarize(cluster)
    b = Random(seed=1, budget=Budget(sentences=3)).summarize(cluster)
    c = Random(seed=2, budget=Budget(sentences=3)).summarize(cluster)
    assert a == b and a.sentences != c.sentences


def test_provenance_lists_every_carrier():
    text = "The plant caught fire on Saturday. Two workers were hurt."
    cluster = _cluster(("wire", text, datetime(2024, 1, 2)), ("copy", text, datetime(2024, 1, 1)),
                       ("other", "A different report. Nobody else.", None))
    summary = Lead(budget=Budget(sentences=3)).summarize(cluster)
    # the syndicated copy is selected once and credited to both outlets
    assert summary.sentences[:2] == ("The plant caught fire on Saturday.", "Two workers were hurt.")
    assert summary.sources[0] == ("wire", "copy")


def test_provenance_credits_only_outlets_that_make_the_same_claim():
    """Near-duplicates that contradict the chosen sentence (polarity, figures) are not carriers."""
    lead = "Officials said the fire at the plant was contained by Monday evening, after 12 people died."
    cluster = _cluster(
        ("a", lead, datetime(2024, 1, 1)),
        ("agree", "After 12 people died, officials said the fire at the plant was contained by Monday "
                  "evening.", datetime(2024, 1, 1)),
        ("negated", "Officials said the fire at the plant was not contained by Monday evening, after 12 people "
                    "died.", datetime(2024, 1, 1)),
        ("figure", "Officials said the fire at the plant was contained by Monday evening, after 15 people died.",
         datetime(2024, 1, 1)),
        ("contracted", "Officials said the fire at the plant wasn't contained by Monday evening, after 12 people "
                       "died.", datetime(2024, 1, 1)),
        ("vague", "Officials said the fire at the plant was contained by Monday evening, after people died.",
         datetime(2024, 1, 1)),
    )
    summary = Lead(budget=Budget(sentences=1)).summarize(cluster)
    assert summary.sentences == (lead,)
    assert summary.sources[0] == ("a", "agree")
    assert summary.differing == (("negated", "figure", "contracted"),)  # where the outlets disagree
    # the wording alone would credit every outlet
    assert Lead(budget=Budget(sentences=1), near_duplicate=0.5).summarize(cluster).sources[0] == ("a", "agree")


def test_same_claim_polarity_and_numbers_by_language():
    from summarize.text.facts import compare_claims, negated, numbers, same_claim

    assert numbers("Power was cut to 40,000 homes, three days after the 2.5-metre surge.") == {"40000", "3", "2.5"}
    assert negated("He didn’t say.", "english") and negated("Il n'a pas dit.", "french")
    assert negated("Er kam nicht.", "german") and not negated("Er kam.", "german")
    assert not negated("The result came as no surprise, not only to him.", "english")
    assert negated("No one was hurt.", "english")
    # a refusal negates the verb after "to": the same claim as "did not"
    assert negated("Macron declined to provide details.", "english") and negated("He refused to go.", "english")
    assert not negated("Shares declined 3% to 40 dollars.", "english")
    assert same_claim("Macron did not provide details.", "Macron declined to provide details.", "english")
    assert compare_claims("Macron provided details.", "Macron declined to provide details.", "english") == "differs"
    assert not negated("No es verdad.", "hebrew")  # no cues for the language: never negated
    assert same_claim("12 died.", "12 died on 3 May.", "english") and same_claim("Twelve died.", "12 died.", "english")
    assert not same_claim("12 died on 3 May.", "12 died.", "english")
    assert compare_claims("12 died on 3 May.", "12 died.", "english") == "partial"  # left out, not disputed
    assert compare_claims("12 died on 3 May.", "15 died.", "english") == "differs"
    assert compare_claims("12 died.", "Nobody died.", "english") == "differs"
    assert not same_claim("Il est venu.", "Il n'est pas venu.", "french")


def test_spelled_numbers_are_read_as_digits():
    from summarize.text.facts import figure_contexts, numbers, same_claim

    assert numbers("Thirty-seven people were injured.") == {"37"}
    assert numbers("Twenty one died and three hundred fled; thirteen are missing.") == {"21", "300", "13"}
    assert numbers("Hundreds were hurt; zero tolerance; the thirty-seventh day.") == frozenset()
    assert numbers("A thousand years, one hundred days.") == {"1000", "100"}
    assert same_claim("Thirty-seven people were injured.", "The crash injured 37 people.", "english")
    assert not same_claim("Thirty-seven people were injured.", "The crash injured 38 people.", "english")
    # the figure's neighbourhood: the same count of the same thing, in either order
    assert figure_contexts("Thirty-seven people were injured on Friday.", "english") == {"37": {"peopl", "injur"}}
    assert figure_contexts("The collision injured 37 people, four of them seriously.", "english")["37"] >= {
        "peopl", "injur"}
    assert figure_contexts("Two days of rain in 1998.", "english") == {}


def test_fit_to_budget_kinds():
    sents = ["one two three", "four five", "six seven eight nine", "ten"]
    assert fit_to_budget(sents, Budget(words=6)) == [(0, "one two three"), (1, "four five"), (3, "ten")]
    assert fit_to_budget(sents, Budget(words=6), truncate_last=True) == [
        (0, "one two three"), (1, "four five"), (2, "six")]
    # bytes count the joining space: 13 + 1 + 9 = 23
    assert fit_to_budget(sents, Budget(bytes=23)) == [(0, "one two three"), (1, "four five")]
    # DUC cuts bytes exactly, mid-word: 20 - 13 - 1 = 6 bytes left
    assert fit_to_budget(sents, Budget(bytes=20), truncate_last=True) == [(0, "one two three"), (1, "four f")]
    assert fit_to_budget(sents, Budget(sentences=2)) == [(0, "one two three"), (1, "four five")]
    assert fit_to_budget(["é" * 10], Budget(bytes=5), truncate_last=True) == [(0, "éé")]


@given(
    st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), max_size=20),
    st.sampled_from(["words", "bytes", "sentences"]),
    st.integers(min_value=1, max_value=200),
    st.booleans(),
)
def test_budget_is_never_exceeded(sents, kind, limit, cut):
    budget = Budget(**{kind: limit})
    chosen = [t for _, t in fit_to_budget(sents, budget, truncate_last=cut)]
    if kind == "sentences":
        assert len(chosen) <= limit
    else:
        assert length(" ".join(chosen), kind) <= limit


SUMMARIZER_CONFIGS = [CONF_DIR / "summarizer" / f"{m}.yaml" for m in extractive_summarizers()]


@pytest.mark.parametrize("config", SUMMARIZER_CONFIGS, ids=lambda p: p.stem)
@pytest.mark.parametrize("budget", [Budget(words=40), Budget(bytes=300), Budget(sentences=2)], ids=str)
def test_summarizer_contract(config, budget, sample_path):
    node = yaml.safe_load(config.read_text())
    assert node["name"] == config.stem  # the config file name is the method's name
    summarizer = build(node, "summarizer", budget=budget)
    again = build(node, "summarizer", budget=budget)
    for cluster in JsonlDataset(sample_path):
        summary = summarizer.summarize(cluster)
        assert summary.cluster_id == cluster.id and summary.system == config.stem
        assert summary.sentences, "a non-empty cluster gets a non-empty summary"
        kind = budget.kind
        used = len(summary.sentences) if kind == "sentences" else length(" ".join(summary.sentences), kind)
        assert used <= budget.limit
        by_text = {}
        for s in cluster.sentences:
            by_text.setdefault(s.text, set()).add(s.doc_id)
        for sentence, sources in zip(summary.sentences, summary.sources, strict=True):
            # extractive: a run of whole source sentences of one document (a multi-sentence
            # quotation, a sentence with what it depends on), at most without a leading connective
            assert from_source(sentence, cluster), sentence
            if sentence in by_text:
                assert by_text[sentence] <= set(sources)  # every carrier is credited
        assert again.summarize(cluster) == summary  # deterministic


def test_degenerate_clusters():
    one = _cluster(("a", "Only sentence.", None))
    assert Lead(budget=Budget(words=100)).summarize(one).sentences == ("Only sentence.",)
    same = _cluster(("a", "Same text. Again.", None), ("b", "Same text. Again.", None))
    summary = Lead(budget=Budget(words=100)).summarize(same)
    assert summary.sentences == ("Same text.", "Again.") and summary.sources[0] == ("a", "b")
    long = _cluster(("a", " ".join(["word"] * 50) + ".", None))
    assert Lead(budget=Budget(words=10)).summarize(long).sentences == ()
    assert Lead(budget=Budget(words=10), truncate_last=True).summarize(long).sentences == (
        " ".join(["word"] * 10),)


_EVERY_METHOD = """
import json
from summarize import Budget
from summarize.io import JsonlDataset
from summarize.registry import build, compose_config, extractive_summarizers
clusters = list(JsonlDataset({path!r}))
out = {{}}
for name in extractive_summarizers():
    s = build(compose_config([f"summarizer={{name}}"]).summarizer, "summarizer", budget=Budget(words=60))
    out[name] = [list(s.summarize(c).sentences) for c in clusters]
print(json.dumps(out))
"""


def test_every_method_repeats_across_processes(sample_path):
    """Same input, same summary in another process: nothing may depend on Python's string hashing
    (sumy's LSA numbered its terms in set order, so its summaries changed from run to run)."""
    import os
    import subprocess
    import sys

    runs = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", _EVERY_METHOD.format(path=str(sample_path))],
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr[-2000:]
        runs.append(json.loads(done.stdout))
    assert set(runs[0]) >= {"sumy_lsa", "mmr", "ilp", "learned"}
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], name
