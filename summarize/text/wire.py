"""Wire-service furniture: the agency's transmission codes that are never article text.

Newswire stories (AP, NYT News Service, as in the DUC/TAC collections, and wire copy pasted
elsewhere) carry lines for editors, not readers: continuation and end marks (``MORE``,
``ENDS``, ``-0-``, ``___``), operator sign-offs (``(vs/krt)``, ``(ht-sf-fd)``), insertion notes
for an earlier version (``Chile said, graf 3 pvs``), editors' notes (``Eds: UPDATES with ...``,
``EDITOR'S NOTE _ ...``, ``(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)``), slug and
trailer lines (``BC-Britain-Pinochet``, ``NYT-10-05-98 1735EDT``), photo and writer credits,
all-capitals section heads (``NATIONAL FORECAST``, ``INKATHA``) and the SGML entity codes of
the wire (``&UR;``, ``&QL;``).

:func:`furniture_reason` judges a whole line or sentence; :func:`strip_furniture` also cuts
the pieces that wire copy glues to the end of a real paragraph (``... ballots. MORE``,
``... threat. (tc-pfg-dkt)``, ``... border. Moussa told, 5th graf``). The marks are the
agencies' own codes, so the patterns hold whatever the language of the story.
"""

from __future__ import annotations

import re

# Whole line (or whole sentence) patterns, each with the reason reported for a removal.
_LINES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{p})$", flags), why) for p, why, flags in (
        # continuation and end marks; rules of underscores, dashes, hashes, asterisks
        (r"\(?\s*(?:MORE|ENDS?|END ALL|NNNN|XXX+)\s*\)?|-+0-+|[_=#*~-]{3,}|[_=#*~.\s-]{3,}", "wire mark", 0),
        # operator sign-offs: "(vs/krt)", "(ht-sf-fd)", "(pvs/sv/ )", "(jt)"
        (r"\(\s*[a-z]{1,6}(?:\s*[/-]\s*[a-z]{0,6}){0,6}\s*\)", "wire sign-off", re.I),
        # insertion notes for an earlier version: "Chile said, graf 3 pvs", "Moussa told, 5th graf"
        (r"[^.!?]{0,80}\b(?:\d{1,2}(?:st|nd|rd|th)(?:-\d{1,2}(?:st|nd|rd|th))? grafs?|grafs? \d{1,2}(?:-\d{1,2})?)\b.{0,60}",
         "wire insertion note", 0),
        # editors' notes and service messages
        (r"\(?\s*(?:eds?|editors?|editor'?’?s note|note to editors)\s*(?::|_|--)\s*.{0,600}", "editor's note", re.I),
        (r"\(?\s*story can end here\W+optional material follows\W*\)?", "editor's note", re.I),
        (r"\(?\s*(?:end )?(?:optional|opt) (?:add|trim|material)\b.{0,40}\)?|\(\s*end (?:optional|opt)\b.{0,40}\)",
         "editor's note", re.I),
        (r"(?:\(\s*(?:repeating|for use by|duplication warning|(?:eds?|editors?):)[^()]{0,200}\)\s*)+", "service line",
         re.I),
        (r"URGENT|BULLETIN|FLASH|ADVISORY|CORRECTION|(?:\d+(?:st|nd|rd|th) )?(?:Ld|Lead)-Writethru\b.{0,80}",
         "service line", 0),
        # slug lines and trailers: "BC-Britain-Pinochet", "NYT-10-05-98 1735EDT", "AP-NY-10-17-98 0550EDT"
        (r"BC-[\w.&-]+(?:\s+\d\d-\d\d\s+\d{3,4})?|(?:[A-Z]{2,5}-){1,2}\d\d-\d\d-\d\d\s+\d{3,4}\s?[A-Z]{3}",
         "slug line", 0),
        (r"With (?:BC-)?[A-Z][\w.]*(?:-[A-Z][\w.]*)+(?: [A-Z]\w*){0,4}", "slug line", 0),
        # credits: "Associated Press Writer", "With AP Photos", "AP Photos TEH101-105"
        (r"(?:With )?(?:AP|Associated Press) (?:Photos?|Graphics?|Video)\b.{0,80}", "credit line", 0),
        (r"(?:By [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4},? )?(?:Associated Press|AP|Reuters|AFP)"
         r"(?: [A-Z][a-z]+)? (?:Writer|Correspondent)", "credit line", 0),
        (r"By [A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,4}", "byline", 0),
        (r"\(\s*(?:AP|Reuters|AFP|UPI|dpa|AP Photo)\s*\)", "credit line", 0),
        # the weather page's running heads
        (r"Focus: [A-Z][\w'’ -]{0,50}", "section head", 0),
    )
)
# one pass for the common case, a line that is none of them
_ANY_LINE = re.compile("|".join(f"(?:{p.pattern})" if not p.flags & re.I else f"(?i:{p.pattern})" for p, _ in _LINES))
_ENTITY = re.compile(r"&(?:UR|QL|QC|LR|HT|MD|LO|AMP|Cx[0-9a-fA-F]{1,2}|[A-Z]{2});")
_FINAL = r"(?<=[.!?\"”'’])"
# Pieces glued after the end of the last sentence of a paragraph.
_TAIL = re.compile(
    _FINAL + r"\s+(?:"
    r"\(?(?:MORE|ENDS?)\)?"
    r"|\(\s*[a-z]{1,6}(?:\s*[/-]\s*[a-z]{0,6}){1,6}\s*\)"
    r"|[^.!?]{0,80}\b(?:\d{1,2}(?:st|nd|rd|th) grafs?|grafs? \d{1,2}(?:-\d{1,2})?)\b[^.!?]{0,60}\.?"
    r"(?:\s*\(\s*[a-z]{1,6}(?:\s*[/-]\s*[a-z]{0,6}){0,6}\s*\))?"
    r")\s*$"
)
_LOWER = re.compile(r"[^\W\d_]")


def _all_caps_head(text: str) -> bool:
    """A short line in capitals with no sentence end: a section head ("NATIONAL FORECAST")."""
    if len(text) > 120 or any(c.islower() for c in text):
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):  # uncased scripts have no head
        return False
    return len(text.split()) <= 8 and not text.rstrip().endswith(("?", "!", ".\"", ".”"))


def furniture_reason(text: str) -> str | None:
    """Why a whole line or sentence is wire furniture, or ``None`` when it is text.

    Args:
        text: one line or sentence, stripped.

    Returns:
        The reason ("wire mark", "wire sign-off", "wire insertion note", "editor's note",
        "service line", "slug line", "credit line", "byline", "section head"), or ``None``.
    """
    return _reason(" ".join(_ENTITY.sub(" ", text).split()))


def _reason(text: str) -> str | None:
    """:func:`furniture_reason` of a text whose wire codes are spaces and spaces folded."""
    if not text:
        return "wire mark"
    if _ANY_LINE.match(text):
        return next(why for pattern, why in _LINES if pattern.match(text))
    if _all_caps_head(text) and (not text.endswith(".") or text.count(".") > 1):
        return "section head"
    return None


def strip_furniture(paragraph: str) -> tuple[str, list[tuple[str, str]]]:
    """A paragraph without its wire furniture, and what was taken out.

    Args:
        paragraph: one paragraph, whitespace folded.

    Returns:
        The paragraph ("" when all of it is furniture) and the ``(reason, text)`` of every
        piece removed: the whole paragraph, or wire codes and a piece glued to its end.
    """
    removed: list[tuple[str, str]] = []
    text = " ".join(_ENTITY.sub(" ", paragraph).split())
    if text != " ".join(paragraph.split()):
        removed.append(("wire code", " ".join(_ENTITY.findall(paragraph))))
    why = _reason(text)  # (the codes are out and the spaces folded: doing it again changes nothing)
    if why is not None:
        if text:
            removed.append((why, text))
        return "", removed
    # every alternative of _TAIL holds one of these: most paragraphs are spared its scan
    m = _TAIL.search(text) if "MORE" in text or "END" in text or "(" in text or "graf" in text else None
    if m and _LOWER.search(text[: m.start()]):
        removed.append(("wire furniture at paragraph end", m.group(0).strip()))
        text = text[: m.start()].rstrip()
    return text, removed
