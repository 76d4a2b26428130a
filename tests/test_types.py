import dataclasses

import pytest

from summarize import Budget, Cluster, Document, Sentence, Summary
from summarize.errors import ConfigError


def test_budget_needs_exactly_one_limit():
    assert Budget(words=100).kind == "words"
    assert Budget(bytes=665).limit == 665
    assert str(Budget(sentences=3)) == "s3"
    with pytest.raises(ConfigError, match="exactly one"):
        Budget()
    with pytest.raises(ConfigError, match="exactly one"):
        Budget(words=100, bytes=665)
    with pytest.raises(ConfigError, match="positive integer"):
        Budget(words=0)
    with pytest.raises(ConfigError, match="positive integer"):
        Budget(words=True)


def test_types_are_frozen():
    s = Sentence(text="A.", doc_id="d", index=0)
    d = Document(id="d", text="A.", sentences=(s,))
    c = Cluster(id="c", documents=(d,))
    summary = Summary(cluster_id="c", sentences=("A.",), system="lead", sources=(("d",),))
    for obj, field in ((s, "text"), (d, "text"), (c, "id"), (summary, "system")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, field, "x")
    assert c.sentences == (s,)
    assert summary.text == "A."
