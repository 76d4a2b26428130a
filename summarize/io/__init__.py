"""Readers: every dataset yields :class:`~summarize.types.Cluster` objects one at a time."""

from summarize.io.common import Dataset, make_cluster, make_document
from summarize.io.duc import DucDataset
from summarize.io.folder import FolderDataset, html_to_text
from summarize.io.jsonl import JsonlDataset, MultiNewsDataset
from summarize.io.tac import TacMultilingDataset

__all__ = [
    "Dataset",
    "DucDataset",
    "FolderDataset",
    "JsonlDataset",
    "MultiNewsDataset",
    "TacMultilingDataset",
    "html_to_text",
    "make_cluster",
    "make_document",
]
