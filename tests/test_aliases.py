"""Name aliases (summarize.text.aliases) and the claim check that reads them (Kiev / Kyiv credited
to both outlets; the pronoun "us" is not the US; two countries are not one)."""

from __future__ import annotations

import pytest

from summarize.extractive.features import Features
from summarize.io.common import make_document
from summarize.text import aliases
from summarize.text.claims import ClaimIndex
from summarize.types import Cluster


def _found(text: str, language: str = "english") -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.canonical) for m in aliases.find(text, language)]


def _index(*texts: str) -> ClaimIndex:
    from summarize.extractive.embeddings import cached_encoder

    docs = [make_document(id=f"d{k}", text=t, language="english") for k, t in enumerate(texts)]
    cluster = Cluster(id="c", documents=tuple(docs), language="english")
    f = Features(cluster, cluster.sentences)
    vectors = cached_encoder("wordllama").encode([s.text for s in f.sentences])
    return ClaimIndex([s.text for s in f.sentences], [s.doc_id for s in f.sentences], {}, "english",
                      lexical=f.tfidf, content=f.stems, dense=vectors)


def test_variants_are_found_as_their_canonical_name():
    assert _found("Aid to Kiev and Kyiv's allies; the U.S.-led talks; the US and the United States.") == [
        ("Kiev", "Kyiv"), ("Kyiv", "Kyiv"), ("U.S.", "United States"), ("US", "United States"),
        ("United States", "United States")]
    assert _found("the u.s., the u.k., the uk and the eu in lower-cased text") == [
        ("u.s.", "United States"), ("u.k.", "United Kingdom"), ("uk", "United Kingdom"), ("eu", "European Union")]
    assert _found("Britain, the UK and the United Kingdom") == [("Britain", "United Kingdom"), ("UK", "United Kingdom"),
                                                                  ("United Kingdom", "United Kingdom")]
    assert _found("In Côte d’Ivoire and Bombay") == [("Côte d’Ivoire", "Ivory Coast"), ("Bombay", "Mumbai")]
    assert _found("the United States of America") == [("United States of America", "United States")]  # the longest


@pytest.mark.parametrize("text", [
    "He told us the talks would resume.",  # the pronoun
    "Us Weekly reported it first.",
    "TELL US WHY THE US LEFT",  # a headline in capitals: its "US" may be the pronoun
    "The talks resume in May, in Moscow and in Washington.",  # a month; capitals are not their country
    "Latin America and South America, Bank of America, USA Today",  # phrases that hold a variant
    "The Kievan Rus and the Americas",  # whole words only
    "Roast turkey at Peking University",  # a common word; a name that holds a variant
])
def test_what_is_not_an_alias(text):
    assert _found(text) == []


def test_english_only():
    assert _found("Aid to Kiev", "french") == []


def test_kiev_and_kyiv_are_one_claim():
    a = ("The Paris meeting comes after France, Germany and Britain recently signed a 10-year bilateral agreement "
         "with Ukraine to send a strong signal of long-term support as Kiev seeks to shore up Western support.")
    b = ("The Paris conference came after France, Germany and the UK signed 10-year bilateral agreements with "
         "Ukraine to send a strong signal of long-term backing as Kyiv works to shore up Western support.")
    index = _index(a, b)
    assert "=Kyiv" in index.content[0] and "=Kyiv" in index.content[1]
    assert "kiev" not in index.content[0] and "kyiv" not in index.content[1]
    assert index._names[0] == index._names[1]  # Britain is the UK, Kiev is Kyiv: the same actors
    (same, _), (back, _) = index.support([0, 1])
    assert same == [1] and back == [0]


def test_the_pronoun_us_is_not_the_us():
    index = _index("The minister told us on Monday that aid to Ukraine would resume.",
                   "The minister told the US on Monday that aid to Ukraine would resume.")
    assert "unite" not in index._names[0] and "unite" in index._names[1]
    assert not any(w.startswith("=") for w in index.content[0] | index.content[1])  # the US: a name only


def test_a_variant_in_lower_case_is_a_content_word_not_a_name():
    # the name check reads capitals: "u.k." in a lower-cased sentence is not written as a name
    index = _index("Officials in Kyiv said u.k. aid would resume in march.", "Kyiv officials said the aid would resume.")
    assert "=Kyiv" in index.content[0] and "=United Kingdom" in index.content[0]
    assert index._names[0] == index._names[1] == frozenset({"kyiv"})


def test_two_countries_are_not_merged():
    a = "The UK will send more air defence systems to Ukraine, the defence minister said on Monday."
    b = "The US will send more air defence systems to Ukraine, the defence minister said on Monday."
    c = "Britain will send more air defence systems to Ukraine, the defence minister said on Monday."
    index = _index(a, b, c)
    assert index.content[0] == index.content[2] != index.content[1]
    (same, _), = index.support([0])
    assert same == [2]  # Britain is the UK; the US is another country


def test_a_name_only_entry_is_no_content_word():
    table = aliases.parse("*United States: United States, [US]\nKyiv: Kiev\n")
    assert table.names_only == frozenset({"United States"})
    assert "=United States" not in aliases.content(["unit", "state", "aid"], "The United States sent aid.")
    assert aliases.content(["unit", "state", "aid"], "The United States sent aid.") == frozenset({"aid"})


def test_a_table_that_gives_one_variant_two_names_is_refused():
    with pytest.raises(ValueError, match="already an alias"):
        aliases.parse("Kyiv: Kiev\nKharkiv: Kiev\n")
    with pytest.raises(ValueError, match="expected 'Canonical"):
        aliases.parse("Kyiv Kiev\n")
