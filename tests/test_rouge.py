import subprocess
import sys

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


ENGINES = ["fast", "rouge-score-rs", "rouge-score"]
MEASURES = ("precision", "recall", "fmeasure")
# words that stem (cats/cat, running/run), repeat, carry digits, punctuation and non-ASCII letters
TOKENS = ("the a cat cats dog dogs sat sitting ran running on mat mats fire city 2019 3.5 U.S. don't "
          "café naïve -- , . ! ? ( ) Αθήνα").split()
SENTENCE = st.lists(st.sampled_from(TOKENS), min_size=0, max_size=12).map(" ".join)


def _identical(a, b):
    return all(a[t][k] == b[t][k] for t in a for k in MEASURES) and set(a) == set(b)


@settings(max_examples=150, deadline=None)
@given(st.lists(SENTENCE, max_size=5), st.lists(st.lists(SENTENCE, max_size=5), min_size=1, max_size=3),
       st.sampled_from(["mean", "max", "jackknife"]))
def test_three_engines_give_identical_numbers(summary, references, multi_ref):
    refs = ["\n".join(r) if r else "x" for r in references]
    scores = [score_summary(summary, refs, RougeSettings(multi_ref=multi_ref, engine=e)) for e in ENGINES]
    assert _identical(scores[0], scores[2]) and _identical(scores[1], scores[2])  # == 0.0, not approx


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_engines_agree_on_arbitrary_unicode(target, prediction):
    refs = [target or "x"]
    ours = [score_summary([prediction], refs, RougeSettings(engine=e)) for e in ENGINES]
    assert _identical(ours[0], ours[2]) and _identical(ours[1], ours[2])


def test_engines_on_real_text(sample_path):
    from summarize.io import JsonlDataset

    clusters = list(JsonlDataset(sample_path))
    summaries = [[s.text for s in c.sentences[:8]] for c in clusters]
    for engine in ("fast", "rouge-score-rs"):
        for summary, cluster in zip(summaries, clusters, strict=True):
            ours = score_summary(summary, cluster.references, RougeSettings(engine=engine))
            reference = score_summary(summary, cluster.references, RougeSettings(engine="rouge-score"))
            assert _identical(ours, reference)
    # and with rouge-score's own API on the same sentence split: what users of rouge-score write
    from summarize.text.sentences import split_sentences

    google = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    for summary, cluster in zip(summaries, clusters, strict=True):
        ours = score_summary(summary, cluster.references[:1], RougeSettings())
        theirs = google.score("\n".join(split_sentences(cluster.references[0], join_lowercase=False)),
                              "\n".join(summary))
        assert all(ours[t][k] == getattr(theirs[t], k) for t in ours for k in MEASURES)


@pytest.mark.parametrize("language, text", [
    ("el", ["Οι Αμερικανοί πολίτες έκαναν δωρεές για τα θύματα.", "Οι πολίτες δώρισαν."]),
    ("hi", ["सुनामी पीडितो के लिए दान दिया गया।", "सुनामी के लिए दान दिया"]),
    ("fr", ["Les pompiers ont maîtrisé l'incendie dimanche.", "L'incendie a été maîtrisé par les pompiers."]),
])
def test_other_languages_same_numbers_with_rust_and_rouge_score(language, text):
    rs = score_summary([text[0]], [text[1]], RougeSettings(language=language, engine="rouge-score-rs"))
    ref = score_summary([text[0]], [text[1]], RougeSettings(language=language, engine="rouge-score"))
    assert _identical(rs, ref)
    assert 0 < rs["rouge1"]["fmeasure"] < 1


def test_auto_is_rust_and_falls_back_to_fast(monkeypatch):
    from summarize.evaluation import rouge
    from summarize.evaluation.fast_rouge import FastRougeScore

    assert rouge.resolve_engine("auto") == "rouge-score-rs" == RougeSettings().engine_used
    monkeypatch.setitem(sys.modules, "rouge_score_rs", None)  # as if not installed
    assert rouge.resolve_engine("auto") == "fast"
    settings = RougeSettings()
    assert isinstance(settings._scorer, FastRougeScore)
    assert score_summary(["the cat sat"], ["the cat ran"], settings)["rouge1"]["recall"] == pytest.approx(2 / 3)
    with pytest.raises(ConfigError, match="rouge-score-rs is not installed"):
        RougeSettings(engine="rouge-score-rs")


def test_score_many_equals_one_at_a_time():
    summaries = [["the cat sat.", "It ran."], [], ["dogs ran on the mats"], ["Οι πολίτες δώρισαν."]]
    references = [["the cat sat on the mat", "a dog barked. The cat ran."], ["the cat"],
                  ["the dog ran on the mat"], ["Οι Αμερικανοί πολίτες έκαναν δωρεές για τα θύματα. Οι πολίτες."]]
    for engine in ENGINES:
        for multi_ref in ("mean", "jackknife"):
            for language in ("english", "auto"):
                settings = RougeSettings(engine=engine, multi_ref=multi_ref, language=language, truncate_words=4)
                batch = settings.score_many(summaries, references)
                assert batch == [score_summary(s, r, settings) for s, r in zip(summaries, references, strict=True)]
    greek = RougeSettings(language="auto").score_many(summaries, references)[-1]
    assert greek["rouge1"]["recall"] > 0  # the Greek cluster was scored in Greek
    with pytest.raises(ValueError, match="no references"):
        RougeSettings().score_many([["x"]], [[]])
    with pytest.raises(ValueError, match="2 summaries but 1"):
        RougeSettings().score_many([["x"], ["y"]], [["x"]])


def test_rouge_score_is_imported_only_for_its_engine():
    code = ("import sys; from summarize.evaluation.rouge import RougeSettings, score_summary; "
            "s = RougeSettings(); score_summary(['the cat sat'], ['the cat'], s); "
            "print(sorted(m for m in ('rouge_score', 'nltk', 'absl') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


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


def test_scoreboard_add_many_equals_add_one_by_one():
    from summarize.evaluation.duc import DucSettings
    from summarize.evaluation.scoreboard import Scoreboard

    summaries = [["the cat sat on the mat"], ["a dog barked at the cat"], []]
    references = [["the cat sat"], ["the dog barked loudly", "a dog barked"], ["the cat"]]
    for scorer in (RougeSettings(), RougeSettings(engine="fast"), DucSettings()):  # DUC mode has no score_many
        one, many = Scoreboard(scorer, n_resamples=20), Scoreboard(scorer, n_resamples=20)
        singles = [one.add(s, r) for s, r in zip(summaries, references, strict=True)]
        assert many.add_many(summaries, references) == singles
        assert many.n == 3 and many.metrics() == one.metrics()
