"""Which language a text is written in, offline.

Two levels, so that a run on a configured language pays nothing for the check:

- :func:`script_of` counts the letters of each writing system (Latin, Cyrillic, Arabic, Han,
  ...) in a sample of the text: no model, microseconds. It tells a configured language that
  cannot be right (Russian, Arabic or Chinese text read as English) and finds CJK text, which
  the toolkit refuses (:data:`CJK`).
- :func:`detect` asks py3langid (BSD-3-Clause, a Naive Bayes model over byte n-grams of 97
  languages shipped inside its 4.6 MB wheel; no download) which of the supported languages
  the text is in. The model loads once per process, on first use (about 3 s: it is stored
  LZMA-compressed), so it is used only where the language is not given (``language=auto``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from summarize.text.languages import CODES, SCRIPTS, supported
from summarize.text.tokenize import LazyPattern

#: characters of the text the detectors look at (the start of each document, up to this many)
SAMPLE_CHARS = 4000
#: writing systems of Chinese and Japanese: their sentences are not split and budgets count
#: words separated by spaces, so such text is refused rather than summarized wrongly
CJK = frozenset({"Han", "Hiragana", "Katakana"})
#: the other writing systems whose words are not separated by spaces (Thai, Lao, Khmer, Burmese):
#: refused as CJK is, for the same reasons
UNSPACED = frozenset({"Thai", "Lao", "Khmer", "Myanmar"})

_SCRIPTS = ("Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Devanagari", "Han", "Hiragana", "Katakana",
            "Hangul", "Thai", "Lao", "Khmer", "Myanmar", "Armenian", "Georgian", "Bengali", "Tamil", "Ethiopic")
# compiled on first use: ASCII samples are counted without them (:func:`_letters`)
_LETTER = LazyPattern(r"\p{L}")
_BY_SCRIPT = {name: LazyPattern(rf"\p{{Script={name}}}") for name in _SCRIPTS}
_ASCII_LETTERS = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")  # deletes them


@dataclass(frozen=True)
class Detection:
    """What :func:`detect` found.

    Attributes:
        language: the canonical name of the most likely supported language (``"russian"``).
        confidence: the model's probability of ``language`` among all 97 languages, in [0, 1].
        code: the ISO 639-1 code of the model's first choice among all its languages; it
            differs from ``language``'s code when the text is in a language the toolkit does
            not support (``"uk"``, ``"fa"``).
        code_confidence: the model's probability of ``code``.
        letters: the letters in the sample: under :data:`MIN_LETTERS` the answer is a guess.
    """

    language: str
    confidence: float
    code: str
    code_confidence: float = 0.0
    letters: int = 0

    @property
    def unsupported(self) -> bool:
        """True when the text is, with some confidence, in a language the toolkit does not support."""
        return (self.code != CODES[self.language] and self.code_confidence >= 0.5
                and self.letters >= MIN_LETTERS)


#: below this many letters a detection is a guess: no warning is based on it
MIN_LETTERS = 100


def sample(texts: list[str] | tuple[str, ...] | str, chars: int = SAMPLE_CHARS) -> str:
    """The start of each text, joined, up to ``chars`` characters in all."""
    if isinstance(texts, str):
        return texts[:chars]
    share = max(chars // max(len(texts), 1), 200)
    return "\n".join(t[:share] for t in texts)[:chars]


def _count(pattern: LazyPattern, text: str) -> int:
    """How many characters of ``text`` the one-code-point ``pattern`` matches (what removing
    them takes away: no list of thousands of one-letter matches)."""
    return len(text) - len(pattern.sub("", text))


@lru_cache(maxsize=64)
def _letters(text: str) -> tuple[int, tuple[tuple[str, int], ...]]:
    """The letters of ``text`` and, when there are any, the letters of each script: counted once
    for the checks a cluster gets (CJK, then the configured language's script) on one sample."""
    if text.isascii():  # ASCII letters are A-Z and a-z, all of them Latin: no pattern to run
        letters = len(text) - len(text.translate(_ASCII_LETTERS))
        return letters, tuple((name, letters if name == "Latin" else 0) for name in _BY_SCRIPT) if letters else ()
    letters = _count(_LETTER, text)
    return letters, tuple((name, _count(pattern, text)) for name, pattern in _BY_SCRIPT.items()) if letters else ()


def script_of(text: str) -> tuple[str | None, float]:
    """The writing system most letters of ``text`` belong to, and their share of its letters.

    Han, Hiragana and Katakana count together as ``"CJK"``.

    Returns:
        ``(script, share)``; ``(None, 0.0)`` for text without letters.
    """
    letters, by_script = _letters(text[:SAMPLE_CHARS])
    if not letters:
        return None, 0.0
    counts = dict(by_script)
    cjk = sum(counts.pop(name) for name in CJK)
    counts["CJK"] = cjk
    best = max(counts, key=lambda k: counts[k])
    return best, counts[best] / letters


def is_cjk(text: str, share: float = 0.3) -> bool:
    """True when at least ``share`` of the letters are Han or kana (Chinese, Japanese), or in a
    script of :data:`UNSPACED` (Thai, ...): text whose words are not separated by spaces."""
    return unspaced_script(text, share) is not None


def unspaced_script(text: str, share: float = 0.3) -> str | None:
    """``"Chinese or Japanese"`` when at least ``share`` of the letters of ``text`` are Han or
    kana, the script's name (``"Thai"``) when they are in one of :data:`UNSPACED`; ``None`` otherwise."""
    letters, by_script = _letters(text[:SAMPLE_CHARS])
    if not letters:
        return None
    counts = dict(by_script)
    if sum(counts[name] for name in CJK) / letters >= share:
        return "Chinese or Japanese"
    for name in sorted(UNSPACED):
        if counts[name] / letters >= share:
            return name
    return None


def script_mismatch(text: str, language: str) -> str | None:
    """The script of ``text`` when most of its letters are in another script than ``language``
    is written in (Cyrillic text configured as English); ``None`` when they agree or the text
    is too short to say (fewer than 20 letters)."""
    script, share = script_of(text)
    if script is None or share < 0.5 or _letters(text[:SAMPLE_CHARS])[0] < 20:
        return None
    return None if script == SCRIPTS.get(language) else script


@lru_cache(maxsize=1)
def _identifier() -> Any:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:  # pragma: no cover - a dependency of the package
        from summarize.errors import ConfigError

        raise ConfigError("language=auto needs py3langid: pip install py3langid") from None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=4096)
def _ranked(text: str) -> tuple[tuple[str, float], ...]:
    return tuple((str(code), float(p)) for code, p in _identifier().rank(text))


def detect(text: str, default: str = "english") -> Detection:
    """The supported language ``text`` is most likely written in.

    Only languages written in the text's main script are candidates (Latin-script text is
    never read as Arabic, whatever a short sample makes the model say).

    Args:
        text: any text; only its first :data:`SAMPLE_CHARS` characters are read.
        default: the answer for text with no letters (numbers, markup debris), and for a short
            text in the default's script that the model is unsure of (``"One. Two."``).

    Returns:
        The best supported language (see :func:`summarize.text.languages.supported`) with the
        model's probability for it, and the model's first choice among all its languages.
    """
    text = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(text))
    if not letters:
        return Detection(default, 0.0, CODES[default])
    script, _ = script_of(text)
    candidates = {CODES[name]: name for name in supported() if SCRIPTS[name] == script} \
        or {CODES[name]: name for name in supported()}
    ranked = _ranked(text)
    top, top_p = ranked[0]
    for code, p in ranked:
        if code in candidates:
            if p < 0.5 and letters < MIN_LETTERS and CODES[default] in candidates:  # a guess: keep the default
                return Detection(default, p, top, top_p, letters)
            return Detection(candidates[code], p, top, top_p, letters)
    return Detection(default, 0.0, top, top_p, letters)  # pragma: no cover - every supported language is in the model
