"""The concept ILP as published (Gillick & Favre 2009): hand-computed optima.

Every cluster here is small enough to work out the concepts, their weights and the best
summary by hand; the comments give the arithmetic.
"""

from datetime import datetime, timedelta

import numpy as np
import pytest

from summarize import Budget
from summarize.errors import ConfigError
from summarize.extractive import ConceptILP, Features
from summarize.extractive.selection import min_df_for
from summarize.io import make_cluster, make_document


def _cluster(*texts):
    docs = [make_document(id=f"d{i}", text=t, language="en", published=datetime(2024, 1, 1) + timedelta(hours=i))
            for i, t in enumerate(texts)]
    return make_cluster(id="c", documents=docs)


def _weights(ilp, cluster, corroboration=None):
    features = Features(cluster, cluster.sentences)
    features.corroboration = corroboration
    names, weights, _ = ilp.concepts(features)
    return {" ".join(g): float(w) for g, w in zip(names, weights, strict=True)}


def _select(ilp, cluster):
    """The ILP's choice, as sentence texts (its own hook, without the base class's ordering)."""
    features = Features(cluster, cluster.sentences)
    return {cluster.sentences[i].text for i in ilp.select(cluster, features, ilp.eligible(features))}


def test_concepts_are_stemmed_bigrams_weighted_by_document_frequency():
    # "red fox", "fox run": in 3 documents; "lazi dog", "dog sleep": 2 (the same bigram twice in one
    # document counts once); "run fast", "fast today": 1. Three documents: min_df 3 scales to 1.
    cluster = _cluster("Red fox runs. Lazy dog sleeps. Lazy dog sleeps.", "Red fox runs. Lazy dog sleeps.",
                       "Red foxes run fast today.")
    assert _weights(ConceptILP(min_words=1), cluster) == {
        "red fox": 3, "fox run": 3, "lazi dog": 2, "dog sleep": 2, "run fast": 1, "fast today": 1}


def test_bigrams_of_two_stop_words_are_not_concepts():
    cluster = _cluster("It was one of the oldest of the towns in the region.")
    weights = _weights(ConceptILP(min_words=1), cluster)
    # "it was", "was one", "one of", "of the", "in the" are stop words on both sides: left out;
    # a stop word beside a content word stays ("the oldest", "oldest of", "the town", ...)
    assert set(weights) == {"the oldest", "oldest of", "the town", "town in", "the region"}
    # and a sentence made of stop words only covers nothing, however many documents repeat it
    repeated = "It is what it is and that is all there is to it."
    cluster = _cluster(f"{repeated} Harbour cranes unloaded grain.", repeated, repeated)
    assert _select(ConceptILP(budget=Budget(sentences=1), min_words=1), cluster) == {"Harbour cranes unloaded grain."}


def test_minimum_document_frequency_scaled_to_the_cluster():
    assert [min_df_for(3, n) for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30)] == [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3]
    assert min_df_for(1, 10) == 1 and min_df_for(5, 10) == 5 and min_df_for(5, 4) == 2
    # ten documents: min_df stays 3. "alpha bravo" is in 3 documents (d0-d2); the four bigrams of
    # "Kilo lima mike oscar papa." are in 2 (d3, d4): below the threshold they are worth nothing, so
    # one sentence's best is "Alpha bravo wins." (3), not the kilo sentence (4 x 2 = 8)
    texts = ["Alpha bravo wins.", "Alpha bravo sings.", "Alpha bravo dances.", "Kilo lima mike oscar papa.",
             "Kilo lima mike oscar papa.", "Weather stayed calm.", "Markets opened late.", "Trains ran slowly.",
             "Schools closed early.", "Roads were icy."]
    cluster = _cluster(*texts)
    assert _weights(ConceptILP(min_words=1), cluster) == {"alpha bravo": 3}
    one = Budget(sentences=1)
    assert _select(ConceptILP(budget=one, min_words=1), cluster) <= {"Alpha bravo wins.", "Alpha bravo sings.",
                                                                     "Alpha bravo dances."}
    assert _select(ConceptILP(budget=one, min_words=1, min_df=2), cluster) == {"Kilo lima mike oscar papa."}
    # the same documents less the five fillers: 5 documents, threshold 2, the kilo bigrams count
    small = _cluster(*texts[:5])
    assert _weights(ConceptILP(min_words=1), small)["kilo lima"] == 2
    assert _select(ConceptILP(budget=one, min_words=1), small) == {"Kilo lima mike oscar papa."}
    # no bigram reaches the threshold: every bigram counts (a summary rather than none)
    assert _weights(ConceptILP(min_words=1), _cluster(*texts[5:])) == {
        "weather stay": 1, "stay calm": 1, "market open": 1, "open late": 1, "train ran": 1, "ran slowli": 1,
        "school close": 1, "close earli": 1, "road were": 1, "were ici": 1}


# one document, every word distinct: a sentence of n words covers n - 1 concepts of weight 1
A = "Alpha bravo charlie delta echo foxtrot."  # 6 words, 5 concepts, 39 bytes
B = "Golf hotel india juliet kilo."  # 5 words, 4 concepts, 29 bytes
C = "Lima mike oscar papa."  # 4 words, 3 concepts, 21 bytes


@pytest.mark.parametrize(("words", "best"), [(9, {B, C}), (10, {A, C}), (11, {A, B}), (15, {A, B, C})])
def test_length_limit_exact_in_words(words, best):
    # 9 words: B+C (7) beats A (5); 10: A+C (8, exactly 10 words) beats B+C (7);
    # 11: A+B (9, exactly 11 words) beats A+C (8); 15: all three (12)
    cluster = _cluster(f"{A} {B} {C}")
    ilp = ConceptILP(budget=Budget(words=words), min_words=1, key_fact="none", order="source")
    assert _select(ilp, cluster) == best
    summary = ilp.summarize(cluster)
    assert set(summary.sentences) == best
    assert sum(len(s.split()) for s in summary.sentences) <= words


def test_length_limit_exact_in_bytes():
    a, b, c = (len(s.encode()) for s in (A, B, C))
    assert (a, b, c) == (39, 29, 21)
    cluster = _cluster(f"{A} {B} {C}")

    def chosen(limit):
        ilp = ConceptILP(budget=Budget(bytes=limit), min_words=1, key_fact="none", order="source")
        summary = ilp.summarize(cluster)
        assert len(" ".join(summary.sentences).encode()) <= limit
        return set(summary.sentences), len(" ".join(summary.sentences).encode())

    # A and C joined by a space take 39 + 1 + 21 = 61 bytes: at 61 they fit exactly (8 concepts) ...
    assert chosen(a + 1 + c) == ({A, C}, 61)
    # ... at 60 they do not (the joining space counts), and B + C (29 + 1 + 21 = 51, 7) beats A (5)
    assert chosen(a + c) == ({B, C}, 51)
    # all three: 39 + 29 + 21 + 2 spaces = 91
    assert chosen(91) == ({A, B, C}, 91)
    assert chosen(90)[0] == {A, B}


def test_sentences_under_the_minimum_length_are_left_out():
    nine = "Floods closed the main coastal road near the harbour."  # 9 words, in all three documents
    ten = "Volunteers filled sandbags at the school gym on Friday night."  # 10 words, one document
    cluster = _cluster(f"{nine} {ten}", nine, nine)
    budget = Budget(words=12)  # room for one of them
    assert ConceptILP(budget=budget, key_fact="none").summarize(cluster).sentences == (ten,)  # default: 10 words
    assert ConceptILP(budget=budget, key_fact="none", min_words=9).summarize(cluster).sentences == (nine,)


def test_position_tiebreak_prefers_the_lead_without_trading_a_concept():
    late = "Red fox runs fast today!"  # second sentence of d0
    lead = "Red fox runs fast, today."  # first sentence of d1: the same four concepts
    cluster = _cluster(f"Weather stayed calm all week. {late}", lead)
    ilp = ConceptILP(budget=Budget(words=5), min_words=1, position_tiebreak=True)
    assert _select(ilp, cluster) == {lead}
    # one more concept outweighs the lead: "Red fox runs fast today again." has five
    richer = "Red fox runs fast today again."
    cluster = _cluster(f"Weather stayed calm all week. {richer}", lead)
    ilp = ConceptILP(budget=Budget(words=6), min_words=1, position_tiebreak=True)
    assert _select(ilp, cluster) == {richer}


def test_position_prior_and_corroboration_as_concept_weights():
    cluster = _cluster("Red fox runs. Lazy dog sleeps.", "Lazy dog sleeps. Red fox runs.", "Red fox runs fast.")
    # position_weight 1, the lead = each document's first sentence: "red fox", "fox run" are in the
    # leads of d0 and d2 (3 + 2), "lazi dog", "dog sleep" in d1's (2 + 1), "run fast" in d2's (1 + 1)
    assert _weights(ConceptILP(min_words=1, position_weight=1.0), cluster) == {
        "red fox": 5, "fox run": 5, "lazi dog": 3, "dog sleep": 3, "run fast": 2}
    # corroboration: sentence 1 ("Lazy dog sleeps." of d0) carried by 3 outlets, the most in the
    # cluster (share 1); the rest by one (share 0): its concepts' weights double
    corroboration = np.array([1, 3, 1, 1, 1])
    assert _weights(ConceptILP(min_words=1, corroboration=1.0), cluster, corroboration) == {
        "red fox": 3, "fox run": 3, "lazi dog": 4, "dog sleep": 4, "run fast": 1}
    assert _weights(ConceptILP(min_words=1), cluster, corroboration)["lazi dog"] == 2  # off: document frequency


def test_unigram_concepts_weighted_down():
    cluster = _cluster("Red fox runs. Lazy dog sleeps.", "Lazy dog sleeps. Red fox runs.", "Red fox runs fast.")
    # unigram_weight 0.5: content words join the bigrams at half their document frequency
    # ("red", "fox", "run" in 3 documents, "lazi", "dog", "sleep" in 2, "fast" in 1); stop words never
    assert _weights(ConceptILP(min_words=1, unigram_weight=0.5), cluster) == {
        "red fox": 3, "fox run": 3, "lazi dog": 2, "dog sleep": 2, "run fast": 1,
        "red": 1.5, "fox": 1.5, "run": 1.5, "lazi": 1.0, "dog": 1.0, "sleep": 1.0, "fast": 0.5}
    # a word that other documents use in other combinations turns the choice, 3 words: bigrams
    # only, "Harbour cranes unloaded." (2 bigrams of df 1) beats "Grain ships." (1); with unigrams
    # at weight 1 it is 2 + 3 x 1 = 5 against 1 + ("grain": 4 documents) + ("ship": 1) = 6, as
    # each of the other "Grain ..." sentences
    four = _cluster("Harbour cranes unloaded. Grain ships.", "Grain prices.", "Grain stores.", "Grain rises.")
    assert _select(ConceptILP(budget=Budget(words=3), min_words=1), four) == {"Harbour cranes unloaded."}
    (picked,) = _select(ConceptILP(budget=Budget(words=3), min_words=1, unigram_weight=1.0), four)
    assert picked.startswith("Grain ")
    with pytest.raises(ConfigError, match="unigram_weight"):
        ConceptILP(unigram_weight=-1)


def test_min_length_is_a_lower_bound_when_reachable():
    # D repeats two of A's concepts. 9 words: B + D covers 4 + 2 = 6 concepts in 8 words, the
    # optimum; at least 9 words leaves A + D (5 concepts, exactly 9 words), the only such selection
    d = "Alpha bravo charlie."
    cluster = _cluster(f"{A} {B} {d}")
    assert _select(ConceptILP(budget=Budget(words=9), min_words=1), cluster) == {B, d}
    assert _select(ConceptILP(budget=Budget(words=9), min_words=1, min_length=9), cluster) == {A, d}
    # 15 words cannot be reached (14 in all): the bound is dropped and all three are chosen
    assert _select(ConceptILP(budget=Budget(words=15), min_words=1, min_length=15), cluster) == {A, B, d}
    with pytest.raises(ConfigError, match="min_length"):
        ConceptILP(budget=Budget(words=10), min_length=11)


def test_the_published_defaults():
    ilp = ConceptILP()
    assert (ilp.min_df, ilp.min_df_docs, ilp.min_words) == (3, 10, 10)
    assert not ilp.position_tiebreak and ilp.position_weight == 0 and ilp.corroboration == 0 and ilp.unigram_weight == 0
    with pytest.raises(ConfigError, match="min_df"):
        ConceptILP(min_df=0)
