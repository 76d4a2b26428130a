"""Offline text processing: sentences, words, stems, stop words; nothing is downloaded."""

from summarize.text.languages import canonical, supported
from summarize.text.sentences import split_paragraphs, split_sentences
from summarize.text.tokenize import Stemmer, content_stems, stop_words, words

__all__ = [
    "Stemmer",
    "canonical",
    "content_stems",
    "split_paragraphs",
    "split_sentences",
    "stop_words",
    "supported",
    "words",
]
