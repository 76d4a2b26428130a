"""Cleaning scraped news: boilerplate, broken sentences, syndicated copies, off-topic text."""

from summarize.clean.cleaner import STEPS, Cleaner, CleanReport, Removal

__all__ = ["STEPS", "CleanReport", "Cleaner", "Removal"]
