"""Length budgets: turning a config into a :class:`Budget`, measuring text in its unit, fitting
sentences under it.

Shared by every method family (extractive, abstractive), the evaluation's DUC-style truncation
and the runner, so it sits below all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from summarize.errors import ConfigError
from summarize.types import Budget


def as_budget(budget: Budget | Mapping[str, Any] | None) -> Budget:
    """Accept a :class:`Budget` or a mapping such as ``{"words": 100}`` (from a config)."""
    if budget is None:
        return Budget(words=100)
    if isinstance(budget, Budget):
        return budget
    if isinstance(budget, Mapping):
        unknown = set(budget) - {"words", "bytes", "sentences"}
        if unknown:
            raise ConfigError(f"unknown budget field(s) {sorted(unknown)}; expected words, bytes or sentences")
        return Budget(**{k: v for k, v in budget.items() if v is not None})
    raise ConfigError(f"budget must be a Budget or a mapping, got {type(budget).__name__}")


#: a words budget counts a sentence as at least one word per this many UTF-8 bytes, so a
#: 200,000-character token or markup without spaces cannot pass a 100-word budget as one word
WORD_BYTES = 64
#: a sentences budget takes no sentence longer than this many UTF-8 bytes (DUC style: cuts it)
SENTENCE_BYTES = 4096


def length(text: str, kind: str) -> int:
    """The length of a text in a budget's unit (words: whitespace tokens, at least one per
    :data:`WORD_BYTES` bytes; bytes: UTF-8; sentences: one, or too many above :data:`SENTENCE_BYTES`)."""
    if kind == "words":
        return max(len(text.split()), -(-len(text.encode("utf-8")) // WORD_BYTES))
    if kind == "bytes":
        return len(text.encode("utf-8"))
    return 1 if len(text.encode("utf-8")) <= SENTENCE_BYTES else 1_000_000


def truncate(text: str, kind: str, room: int) -> str:
    """Cut a sentence to ``room`` words or bytes, as DUC scoring truncates a summary."""
    if room <= 0:
        return ""
    if kind == "words":
        text, room = " ".join(text.split()[:room]), room * WORD_BYTES
    elif kind != "bytes":
        room = SENTENCE_BYTES
    return text.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip()


def fit_to_budget(candidates: Iterable[str], budget: Budget, *, truncate_last: bool = False) -> list[tuple[int, str]]:
    """Choose candidates, in the order given, while they fit the budget.

    A candidate that does not fit is skipped and later (shorter) ones are still tried;
    with ``truncate_last`` the first one that does not fit is cut to the room left instead,
    and selection stops. Sentences are joined with one space, which bytes budgets count.

    Args:
        candidates: sentence texts, best first.
        budget: the limit, never exceeded.
        truncate_last: cut the first sentence that does not fit, DUC style.

    Returns:
        ``(candidate position, text)`` pairs, in selection order.
    """
    kind, limit = budget.kind, budget.limit
    used = 0
    chosen: list[tuple[int, str]] = []
    for pos, text in enumerate(candidates):
        if used >= limit:
            break
        sep = 1 if (kind == "bytes" and chosen) else 0
        size = length(text, kind)
        if size == 0:
            continue
        if used + sep + size <= limit:
            chosen.append((pos, text))
            used += sep + size
        elif truncate_last:
            cut = truncate(text, kind, limit - used - sep)
            if cut:
                chosen.append((pos, cut))
            break
    return chosen


def truncate_summary(sentences: Iterable[str], *, words: int | None = None,
                     bytes_: int | None = None) -> list[str]:
    """The summary cut to its first ``words`` words or ``bytes_`` bytes, as DUC scoring cuts it."""
    if not words and not bytes_:
        return list(sentences)
    budget = Budget(words=words) if words else Budget(bytes=bytes_)
    return [text for _, text in fit_to_budget(sentences, budget, truncate_last=True)]
