"""A day's digest: read a day's articles, group them into events, summarize each, render with sources.

``summarize digest input=<folder or .jsonl> [date=YYYY-MM-DD]`` is ``summarize run
experiment=digest dataset=day ...``: :class:`DayDataset` reads and groups, the run cleans and
summarizes every event, :mod:`summarize.render` writes ``digest.md``, ``digest.html`` and
``digest.json`` with sources, and :mod:`summarize.digest.archive` records the day in SQLite.
"""

from summarize.digest.day import DayDataset
from summarize.digest.events import group_events

__all__ = ["DayDataset", "group_events"]
