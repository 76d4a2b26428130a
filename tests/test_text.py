import nltk
import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarize.errors import ConfigError
from summarize.text import Stemmer, canonical, content_stems, split_sentences, stop_words, words
from summarize.text.sentences import normalize_whitespace
from summarize.text.sumy_tokenizer import OfflineTokenizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Gen. Mills in Washington. They talked.",
         ["Mr. Smith met Gen. Mills in Washington.", "They talked."]),
        ("The U.S. Army said so. Prices rose 2.5 percent to $3.50 a share.",
         ["The U.S. Army said so.", "Prices rose 2.5 percent to $3.50 a share."]),
        ("Then J. R. R. Tolkien arrived. He sat down.",
         ["Then J. R. R. Tolkien arrived.", "He sat down."]),
        ('He said "It is over." Then he left.', ['He said "It is over."', "Then he left."]),
        ("He paused... Then he left. Wait... what?", ["He paused...", "Then he left.", "Wait... what?"]),
        ("First paragraph without a stop\nSecond line. Third sentence!",
         ["First paragraph without a stop", "Second line.", "Third sentence!"]),
    ],
)
def test_english_tricky_cases(text, expected):
    assert split_sentences(text, "en") == expected


def test_wrapped_lines_inside_paragraphs_are_joined():
    text = "A sentence that is\nwrapped over lines.\n\nA new paragraph\nstarts here."
    assert split_sentences(text) == ["A sentence that is wrapped over lines.",
                                     "A new paragraph starts here."]


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("hi", "यह पहला वाक्य है। यह दूसरा है।तीसरा भी है? हाँ",
         ["यह पहला वाक्य है।", "यह दूसरा है।", "तीसरा भी है?", "हाँ"]),
        ("ar", "هذه جملة. وهذه جملة أخرى؟ نعم", ["هذه جملة.", "وهذه جملة أخرى؟", "نعم"]),
        ("el", "Το πρώτο; Ναι. Δεύτερο.", ["Το πρώτο;", "Ναι.", "Δεύτερο."]),
        ("he", "George W. Bush spoke. שלום עולם. מה שלומך?",
         ["George W. Bush spoke.", "שלום עולם.", "מה שלומך?"]),
        ("fr", "M. Dupont est arrivé à Paris. Il a dit « bonjour ».",
         ["M. Dupont est arrivé à Paris.", "Il a dit « bonjour »."]),
        ("cs", "Prof. Novák přijel v 10 hod. Pak odešel.", ["Prof. Novák přijel v 10 hod.", "Pak odešel."]),
    ],
)
def test_other_languages(language, text, expected):
    assert split_sentences(text, language) == expected


def test_unknown_language_lists_supported():
    with pytest.raises(ConfigError, match="unknown language 'klingon'; expected one of .*english"):
        split_sentences("Hi.", "klingon")
    assert canonical("FR") == "french"


def test_words_are_unicode_aware():
    assert words("Don't stop co-op 3.5 U.S.") == ["Don't", "stop", "co-op", "3", "5", "U", "S"]
    assert words("अमेरिका निवासी, Ελλάδα! שלום") == ["अमेरिका", "निवासी", "Ελλάδα", "שלום"]
    # a Hebrew acronym is one word, its gershayim written "״" or as a straight double quotation mark
    assert words('החוק אושר בארה"ב ע"י הנשיא ובצה״ל') == ["החוק", "אושר", 'בארה"ב', 'ע"י', "הנשיא", "ובצה״ל"]
    assert words('הוא יישפט ב"אולד ביילי"') == ["הוא", "יישפט", "ב", "אולד", "ביילי"]  # a quotation after a prefix
    assert words('He said"no" to it') == ["He", "said", "no", "to", "it"]


def test_stemming_and_stop_words():
    assert Stemmer("en")("running") == "run"
    assert Stemmer("fr")("citoyens") == "citoyen"
    assert Stemmer("he")("שלום") == "שלום"  # no Snowball stemmer: identity
    assert "the" in stop_words("en") and "और" in stop_words("hi")
    assert content_stems("The cats were running", "en") == ["cat", "run"]


def test_stop_word_lists_hold_each_language_s_function_words():
    # sumy's French list lacks its most frequent words; the project's list adds them to sumy's
    french = stop_words("fr")
    assert {"de", "à", "un", "une", "a", "aux", "cette", "était", "ont"} <= french and "alors" in french
    assert {"לאחר", "יותר", "היו", "ידי", "לפי"} <= stop_words("he") and "אבל" in stop_words("he")
    assert {"हुआ", "हुए", "दिया", "उन्होंने", "बहुत"} <= stop_words("hi")
    assert content_stems("Le président de la France a parlé à une foule", "fr") == ["président", "franc", "parl", "foul"]


def test_sumy_tokenizer_needs_no_nltk_data(monkeypatch):
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    def no_data(*args, **kwargs):
        raise LookupError("NLTK data must not be used")

    monkeypatch.setattr(nltk.data, "find", no_data)
    monkeypatch.setattr(nltk.data, "load", no_data)
    parser = PlaintextParser.from_string(
        "Mr. Smith went home. He was tired. The U.S. economy grew 2.5 percent.", OfflineTokenizer("en"))
    assert [str(s) for s in parser.document.sentences] == [
        "Mr. Smith went home.", "He was tired.", "The U.S. economy grew 2.5 percent."]
    assert len(LexRankSummarizer()(parser.document, 2)) == 2


@given(st.text(max_size=300))
def test_splitter_never_raises_and_keeps_words(text):
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    assert words(" ".join(sentences)) == words(normalize_whitespace(text))  # no word is lost


def test_pieces_starting_in_lower_case_rejoin_their_sentence():
    text = ('The n.s.a. \'s evolution began in 1952. One employee shared songs like "help! " by the beatles. '
            "iPhone sales rose. Prices fell.")
    assert split_sentences(text) == ["The n.s.a. 's evolution began in 1952.",
                                     'One employee shared songs like "help! " by the beatles.',
                                     "iPhone sales rose.", "Prices fell."]
    # scoring splits references as plain Punkt does (NLTK's sent_tokenize convention)
    plain = split_sentences(text, join_lowercase=False)
    assert "by the beatles." in plain and len(plain) > 4
    # scripts without case are left alone
    assert split_sentences("यह एक वाक्य है। यह दूसरा है।", "hindi") == ["यह एक वाक्य है।", "यह दूसरा है।"]
