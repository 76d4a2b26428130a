import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from summarize.errors import ConfigError
from summarize.evaluation import RougeSettings, RunningMean, score_summary


def test_hand_computed_rouge1():
    s = score_summary(["the cat sat"], ["the cat ran"], RougeSettings(types=("rouge1", "rouge2")))
    assert s["rouge1"]["precision"] == pytest.approx(2 / 3)
    assert s["rouge1"]["recall"] == pytest.approx(2 / 3)
    assert s["rouge2"]["fmeasure"] == pytest.approx(1 / 2)


def test_matches_rouge_score_exactly():
    summary = ["Firefighters contained the blaze early on Sunday.", "Two workers were hurt."]
    reference = "Two workers were treated for smoke. The blaze was contained on Sunday morning."
    ours = score_summary(summary, [reference], RougeSettings())
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    theirs = scorer.score(
        "Two workers were treated for smoke.\nThe blaze was contained on Sunday morning.",
        "\n".join(summary))
    for t, v in theirs.items():
        assert ours[t]["precision"] == pytest.approx(v.precision, abs=1e-12)
        assert ours[t]["recall"] == pytest.approx(v.recall, abs=1e-12)
        assert ours[t]["fmeasure"] == pytest.approx(v.fmeasure, abs=1e-12)
    # rougeLsum sees sentence boundaries, so it differs from rougeL on this pair
    assert ours["rougeLsum"]["fmeasure"] != pytest.approx(ours["rougeL"]["fmeasure"])


def test_several_references_mean_or_max():
    refs = ["the cat sat on the mat", "a dog barked"]
    mean = score_summary(["the cat sat"], refs, RougeSettings(types=("rouge1",), multi_ref="mean"))
    best = score_summary(["the cat sat"], refs, RougeSettings(types=("rouge1",), multi_ref="max"))
    assert best["rouge1"]["recall"] == pytest.approx(3 / 6)
    assert mean["rouge1"]["recall"] == pytest.approx((3 / 6 + 0) / 2)


def test_non_english_is_scored():
    greek = "Οι Αμερικανοί πολίτες έκαναν δωρεές για τα θύματα."
    s = score_summary([greek], [greek], RougeSettings(language="el"))
    assert s["rouge1"]["fmeasure"] == pytest.approx(1.0)
    default = rouge_scorer.RougeScorer(["rouge1"]).score(greek, greek)["rouge1"].fmeasure
    assert default == 0.0  # rouge-score's own tokenizer drops every Greek letter
    hindi = score_summary(["सुनामी पीडितो के लिए दान"], ["सुनामी के लिए दान दिया"], RougeSettings(language="hi"))
    assert 0 < hindi["rouge1"]["recall"] < 1


def test_settings_and_signature():
    sig = RougeSettings().signature()
    assert sig.startswith("rouge|1,2,L,Lsum|stem|refs:mean|tok:rouge-score|lang:english|v")
    with pytest.raises(ConfigError, match="unknown ROUGE type"):
        RougeSettings(types=("rouge9",))
    with pytest.raises(ConfigError, match="unknown multi_ref"):
        RougeSettings(multi_ref="median")
    with pytest.raises(ValueError, match="no references"):
        score_summary(["x"], [], RougeSettings())


def test_running_mean():
    acc = RunningMean()
    acc.add({"rouge1": {"precision": 1.0, "recall": 0.5, "fmeasure": 0.0}})
    acc.add({"rouge1": {"precision": 0.0, "recall": 0.5, "fmeasure": 1.0}})
    assert acc.means() == {"rouge1": {"precision": 0.5, "recall": 0.5, "fmeasure": 0.5}}
    assert RunningMean().means() == {}


words = st.lists(st.sampled_from("the a cat dog sat ran on mat fire city council".split()), max_size=15)


@settings(max_examples=60)
@given(words, words)
def test_rouge_properties(summary, reference):
    s = score_summary([" ".join(summary)], [" ".join(reference)], RougeSettings())
    for prf in s.values():
        assert all(0.0 <= v <= 1.0 for v in prf.values())
    if reference:
        same = score_summary([" ".join(reference)], [" ".join(reference)], RougeSettings(types=("rouge1", "rougeL")))
        assert same["rouge1"]["fmeasure"] == pytest.approx(1.0)


SENTENCE = st.lists(st.sampled_from("the a cat cats dog dogs sat sitting ran running on mat mats fire city".split()),
                    min_size=0, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(SENTENCE, max_size=5), st.lists(SENTENCE, max_size=5), st.sampled_from(["mean", "max"]))
def test_fast_engine_equals_rouge_score(summary, references, multi_ref):
    refs = ["\n".join(references)] if references else ["x"]
    fast = score_summary(summary, refs, RougeSettings(multi_ref=multi_ref))
    slow = score_summary(summary, refs, RougeSettings(multi_ref=multi_ref, engine="rouge-score"))
    for t in fast:
        for k in ("precision", "recall", "fmeasure"):
            assert fast[t][k] == pytest.approx(slow[t][k], abs=1e-12)


def test_fast_engine_on_real_text(sample_path):
    from summarize.io import JsonlDataset

    for cluster in JsonlDataset(sample_path):
        summary = [s.text for s in cluster.sentences[:8]]
        fast = score_summary(summary, cluster.references, RougeSettings())
        slow = score_summary(summary, cluster.references, RougeSettings(engine="rouge-score"))
        assert all(abs(fast[t][k] - slow[t][k]) < 1e-12 for t in fast for k in fast[t])


def test_score_all_in_parallel_keeps_order():
    from summarize.evaluation.rouge import score_all

    summaries = [[f"the cat sat {i} times"] for i in range(150)]
    refs = [["the cat sat many times"]] * 150
    one = score_all(summaries, refs, RougeSettings(), workers=1)
    two = score_all(summaries, refs, RougeSettings(), workers=2, chunk=16)
    assert one == two
    with pytest.raises(ConfigError, match="unknown ROUGE engine"):
        RougeSettings(engine="perl")


def test_jackknife_and_truncation():
    refs = ["the cat sat on the mat", "a dog barked", "the cat ran"]
    jk = score_summary(["the cat sat"], refs, RougeSettings(types=("rouge1",), multi_ref="jackknife"))
    # leave-one-out sets: {2,3} best "the cat ran" R=2/3; {1,3} best "the cat sat on the mat" (F) R=1/2; {1,2} same
    per_set = [2 / 3, 3 / 6, 3 / 6]
    assert jk["rouge1"]["recall"] == pytest.approx(sum(per_set) / 3)
    cut = score_summary(["the cat sat", "on the mat"], ["the cat sat on the mat"],
                        RougeSettings(types=("rouge1",), truncate_words=3))
    assert cut["rouge1"]["precision"] == pytest.approx(1.0) and cut["rouge1"]["recall"] == pytest.approx(0.5)
    assert RougeSettings(truncate_bytes=665).signature().endswith("|trunc:b665")
    with pytest.raises(ConfigError, match="not both"):
        RougeSettings(truncate_words=100, truncate_bytes=665)


def test_empty_summary_scores_zero_in_both_modes():
    from summarize.evaluation.duc import DucSettings, score_duc

    s = score_summary([], ["the cat sat"], RougeSettings())
    assert all(v == 0 for prf in s.values() for v in prf.values())
    d = score_duc([], ["the cat sat ."], DucSettings())
    assert all(v == 0 for prf in d.values() for v in prf.values())


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(6))))
def test_macro_scores_do_not_depend_on_cluster_order(order):
    from summarize.evaluation.scoreboard import Scoreboard

    pairs = [([f"the cat sat {'on the mat' * (i % 3)}"], [f"the cat {'ran' if i % 2 else 'sat'} on the mat"])
             for i in range(6)]
    a, b = Scoreboard(RougeSettings()), Scoreboard(RougeSettings())
    for s, r in pairs:
        a.add(s, r)
    for i in order:
        b.add(*pairs[i])
    ma, mb = a.metrics(), b.metrics()
    for t in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
        assert ma[t]["fmeasure"] == pytest.approx(mb[t]["fmeasure"], abs=1e-12)
