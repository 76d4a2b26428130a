"""A sumy ``Tokenizer`` that works offline.

sumy's own ``Tokenizer`` loads NLTK's ``punkt_tab`` from disk (and fails when it is not
there) and calls ``nltk.word_tokenize``; this subclass uses the project's splitter and
word tokenizer instead, so every sumy summarizer runs with no NLTK data installed.
"""

from __future__ import annotations

from sumy.nlp.tokenizers import Tokenizer

from summarize.text.languages import canonical
from summarize.text.sentences import split_sentences
from summarize.text.tokenize import words


class _Sentences:
    def __init__(self, language: str) -> None:
        self.language = language

    def tokenize(self, text: str) -> list[str]:
        return split_sentences(text, self.language)


class _Words:
    @staticmethod
    def tokenize(text: str) -> list[str]:
        return words(text)


class OfflineTokenizer(Tokenizer):  # type: ignore[misc]
    """sumy tokenizer backed by in-memory Punkt parameters and a Unicode word regex.

    Args:
        language: any language name or code the project supports.
    """

    def __init__(self, language: str = "english") -> None:
        self._language = canonical(language)
        self._sentence_tokenizer = _Sentences(self._language)
        self._word_tokenizer = _Words()

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(self._sentence_tokenizer.tokenize(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._word_tokenizer.tokenize(sentence))
