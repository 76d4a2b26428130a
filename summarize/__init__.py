"""summarize: multi-document summarization of news, with ROUGE evaluation.

Several reports on one event go in, one digest comes out::

    from summarize import Budget, Lead
    from summarize.io import JsonlDataset

    for cluster in JsonlDataset("data/sample.jsonl"):
        print(Lead(budget=Budget(words=100)).summarize(cluster).sentences)
"""

__version__ = "0.1.0"

from summarize import _numpy_lazy  # noqa: E402

_numpy_lazy.defer()  # before SciPy is imported (start-up time: see the module)

from summarize.extractive import Extractive, Lead, Random  # noqa: E402
from summarize.summarizer import Summarizer  # noqa: E402
from summarize.types import Budget, Cluster, Document, Sentence, Summary  # noqa: E402

__all__ = [
    "Budget",
    "Cluster",
    "Document",
    "Extractive",
    "Lead",
    "Random",
    "Sentence",
    "Summarizer",
    "Summary",
    "__version__",
]
