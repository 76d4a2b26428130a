"""Memory against input size (issue 15, item 2): no paragraphs x vocabulary, sentences x sentences
or articles x articles dense matrix on a huge input. Traced memory (tracemalloc), not time."""

from __future__ import annotations

import random
import tracemalloc

import numpy as np
import pytest
import scipy.sparse as sp

from summarize.clean.cleaner import Cleaner
from summarize.clean.offtopic import document_features
from summarize.digest import events
from summarize.digest.events import group_by_similarity, group_vectors, linked
from summarize.extractive.features import Features
from summarize.io.common import make_cluster, make_document
from summarize.text.claims import ClaimIndex
from summarize.types import Document

MB = 1 << 20


def _words(rng: random.Random, n: int) -> list[str]:
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"
    return ["".join(rng.choice(letters) + rng.choice(vowels) for _ in range(rng.randint(3, 5))) for _ in range(n)]


def _paragraphs(n: int, vocabulary: int, seed: int = 1) -> list[str]:
    """``n`` paragraphs of 30 made-up words each, from a vocabulary of about ``vocabulary`` words."""
    rng = random.Random(seed)
    pool = _words(rng, vocabulary)
    return [" ".join(rng.choice(pool) for _ in range(30)).capitalize() + "." for _ in range(n)]


def _peak(fn):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_cleaner_vectors_are_sparse_and_small():
    # 5,000 paragraphs over a 20,000-word vocabulary: the old dense matrix was 5,000 x ~20,000
    # float64, 800 MB; the sparse rows are a few MB
    texts = _paragraphs(5000, 20000)
    x, peak = _peak(lambda: Cleaner._vectors(texts, "english"))
    assert sp.issparse(x)
    assert x.shape[0] == 5000 and x.shape[1] > 10000
    assert peak < 40 * MB
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0)


def test_cleaner_vectors_match_the_dense_definition():
    texts = ["The ferry hit the ship in fog.", "Fog closed the port; the ferry stayed.", "", "2025 1999",
             "Ships, ships and more ships."]
    x = Cleaner._vectors(texts, "english").toarray()
    from summarize.text.tokenize import Stemmer, stop_words, words

    stem, stops = Stemmer("english"), stop_words("english")
    bags = [[stem(w.lower()) for w in words(t) if w.lower() not in stops and not w.isdigit()] for t in texts]
    vocab: dict[str, int] = {}
    for b in bags:
        for w in b:
            vocab.setdefault(w, len(vocab))
    m = np.zeros((len(texts), len(vocab)))
    for i, b in enumerate(bags):
        for w in b:
            m[i, vocab[w]] += 1
    m *= np.log1p(len(texts) / np.maximum((m > 0).sum(axis=0), 1))
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    assert np.allclose(x, m / np.where(norms > 0, norms, 1.0), atol=1e-12)
    assert not x[2].any() and not x[3].any()  # no content words: a zero row


def test_document_features_same_for_sparse_and_dense_vectors():
    texts = ["The ferry hit the ship in fog off the port.", "Fog closed the port and the ferry stayed in.",
             "A council voted on parking fees."]
    x = Cleaner._vectors(texts, "english")
    assert np.allclose(document_features(texts, x, "english"), document_features(texts, x.toarray(), "english"),
                       atol=1e-12)


def test_offtopic_passages_of_a_huge_document_stay_small():
    # a cluster of one long document (3,000 paragraphs, 15,000-word vocabulary) and a short one:
    # the passages step vectorises every paragraph against the rest of the cluster
    paragraphs = _paragraphs(3000, 15000)
    from summarize.clean.cleaner import _Doc, _PassageCounts

    cleaner = Cleaner(steps=["offtopic_passages"])
    docs = [_Doc(d, cleaner._paragraphs(d)) for d in (Document(id="huge", text="\n\n".join(paragraphs[:-1])),
                                                       Document(id="short", text=paragraphs[-1]))]
    assert len(docs[0].paragraphs) == 2999
    _, peak = _peak(lambda: cleaner._offtopic_passages(docs[0], _PassageCounts(docs, "english")))
    assert peak < 40 * MB  # dense: 3,000 x 15,000 float64, 360 MB


def test_claims_of_a_huge_document_compare_only_other_documents():
    # 20,000 sentences of one document sharing words with one another, and 5 of a second: the old
    # support held 256 x 20,000 dense similarities per chunk (and the sparse product of the huge
    # document with itself); only the other document's sentences can carry a claim
    rng = np.random.default_rng(0)
    n, vocab = 20000, 50
    rows = np.repeat(np.arange(n + 5), 8)
    cols = rng.integers(0, vocab, size=len(rows))
    lexical = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n + 5, vocab))
    lexical.sum_duplicates()
    norms = np.sqrt(np.asarray(lexical.multiply(lexical).sum(axis=1)).ravel())
    lexical = sp.csr_matrix(sp.diags(1 / norms) @ lexical)
    texts = [f"Sentence {i} says thing {i % 7}." for i in range(n + 5)]
    doc_ids = ["huge"] * n + ["small"] * 5
    content = [[f"w{c}" for c in lexical[i].indices] for i in range(n + 5)]
    index = ClaimIndex(texts, doc_ids, {}, "english", lexical=lexical, content=content)
    support, peak = _peak(lambda: index.support(list(range(0, n, 97)) + [n, n + 4]))
    assert peak < 40 * MB
    for i, (same, other) in zip(list(range(0, n, 97)) + [n, n + 4], support, strict=True):
        assert all(doc_ids[j] != doc_ids[i] for j in same + other)


def test_claims_support_same_as_all_pairs():
    # the sparse, other-documents-only route gives what the dense rows gave
    texts = ["The fire was contained by Friday, officials said.", "Officials said the fire was contained by Friday.",
             "The fire was not contained by Friday, officials said.", "Twelve people died in the fire on Friday.",
             "Fifteen people died in the fire on Friday.", "The fire was contained by Friday, officials said."]
    cluster = make_cluster(id="c", documents=[make_document(id=f"d{k}", text=t, language="english")
                                              for k, t in enumerate(texts)], language="english")
    f = Features(cluster, cluster.sentences)
    index = ClaimIndex([s.text for s in f.sentences], [s.doc_id for s in f.sentences], {}, "english",
                       lexical=f.tfidf, content=f.stems)
    dense = ClaimIndex([s.text for s in f.sentences], [s.doc_id for s in f.sentences], {}, "english",
                       lexical=f.tfidf.toarray(), content=f.stems)
    rows = list(range(len(texts)))
    assert index.support(rows) == dense.support(rows)
    assert index.support(rows)[0][0] == [1, 5]  # the same claim in other words, and a copy


def test_features_stems_need_no_token_lists():
    cluster = make_cluster(id="c", documents=[make_document(id="d", text="The ferry hit the ship. It sank.",
                                                            language="english")], language="english")
    f = Features(cluster, cluster.sentences)
    stems = f.stems
    assert "tokens" not in f.__dict__
    g = Features(cluster, cluster.sentences)
    assert [[t for t in toks if t not in g.stop_stems and not t.isdigit()] for toks in g.tokens] == stems


def _events(n_events: int, per_event: int, seed: int = 3) -> sp.csr_matrix:
    """Unit rows: each event its own 20 words (and a few shared by all), ``per_event`` rows each."""
    rng = np.random.default_rng(seed)
    rows, cols, vals = [], [], []
    for e in range(n_events):
        for a in range(per_event):
            r = e * per_event + a
            for w in rng.choice(20, size=8, replace=False):
                rows.append(r)
                cols.append(e * 20 + int(w))
                vals.append(rng.random() + 0.1)
            rows.append(r)
            cols.append(n_events * 20 + int(rng.integers(0, 3)))  # a common word, of little weight
            vals.append(0.02)
    x = sp.csr_matrix((vals, (rows, cols)), shape=(n_events * per_event, n_events * 20 + 3))
    x.sum_duplicates()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sp.csr_matrix(sp.diags(1 / norms) @ x).astype(np.float32)


@pytest.mark.parametrize(("threshold", "minimum"), [(0.12, 0.05), (0.12, 0.0), (0.3, 0.05), (0.12, 0.2), (0.5, 0.5)])
@pytest.mark.parametrize("dense_part", [4096, 0])
def test_grouping_by_parts_same_as_the_similarity_matrix(threshold, minimum, dense_part, monkeypatch):
    # dense_part 0: every part through its condensed distances and on-demand pair products
    monkeypatch.setattr(events, "DENSE_PART", dense_part)
    x = _events(12, 6)
    sim = np.asarray((x @ x.T).todense(), dtype=np.float32)
    assert group_vectors(x, threshold=threshold, min_similarity=minimum) == group_by_similarity(
        sim, threshold=threshold, min_similarity=minimum)


def _random_day(seed: int, n: int, dims: int) -> sp.csr_matrix:
    """``n`` unit rows of non-negative weights, most of them zero, over ``dims`` terms: no two equal."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, dims)) ** 3
    x[rng.random((n, dims)) < 0.7] = 0.0
    x[np.arange(n), rng.integers(0, dims, n)] += 0.05  # no empty row
    return sp.csr_matrix(x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize(("seed", "n", "dims"), [(1, 2, 5), (2, 3, 4), (3, 40, 12), (4, 150, 30), (5, 300, 60),
                                                 (6, 500, 200), (7, 260, 8)])
def test_average_linkage_is_scipys_tree_down_to_the_floor(seed, n, dims):
    from scipy.cluster.hierarchy import linkage

    x = _random_day(seed, n, dims)
    sim = np.asarray((x @ x.T).todense(), dtype=np.float32)
    distance = np.clip(1.0 - sim[np.triu_indices(n, 1)].astype(np.float64), 0.0, 2.0)
    expected = linkage(distance, method="average")
    for floor in (-1.0, 0.05, 0.12, 0.3):
        tree = events.average_linkage(events._similarities(x), n, floor)
        kept = int(np.sum(expected[:, 2] <= 1.0 - floor))
        assert tree.shape == (kept, 4)
        assert np.array_equal(tree[:, [0, 1, 3]], expected[:kept, [0, 1, 3]])
        np.testing.assert_allclose(tree[:, 2], expected[:kept, 2], atol=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_large_parts_are_grouped_as_scipys_route_groups_them(seed, monkeypatch):
    # random days above and below DENSE_PART: the in-place float32 linkage gives scipy's groups
    rng = np.random.default_rng(seed)
    n, dims = int(rng.integers(20, 700)), int(rng.integers(10, 400))
    x = _random_day(100 + seed, n, dims)
    sim = np.asarray((x @ x.T).todense(), dtype=np.float32)
    for threshold, minimum, distinct in ((0.12, 0.05, 0.5), (0.2, 0.05, 0.0), (0.3, 0.1, 0.5)):
        expected = group_by_similarity(sim, threshold=threshold, min_similarity=minimum, distinct=distinct)
        assert events._group_large(x, threshold, minimum, distinct) == expected
        for dense_part in (0, n // 2, n):
            monkeypatch.setattr(events, "DENSE_PART", dense_part)
            assert group_vectors(x, threshold=threshold, min_similarity=minimum, distinct=distinct) == expected


def test_grouping_never_holds_articles_x_articles():
    # 4,000 articles in 400 events that share only common words with each other: the similarity matrix
    # route held 4,000 x 4,000 float32 (64 MB) and its float64 condensed copies (another 128 MB); by parts,
    # a block of rows at a time
    x = _events(400, 10)
    parts = linked(x, 0.05)
    assert len(parts) == 400
    groups, peak = _peak(lambda: group_vectors(x))
    assert peak < 40 * MB
    assert all(g[0] // 10 == g[-1] // 10 for g in groups)  # within events
    assert sorted(i for g in groups for i in g) == list(range(4000))


def test_one_huge_text_is_counted_not_listed():
    # 1.2 MB in one text (a huge document against the rest of its cluster): its token list, the
    # row/column lists of every token and its set of 5-gram tuples took about 40 times that
    rng = random.Random(5)
    pool = _words(rng, 300)
    text = " ".join(rng.choice(pool) for _ in range(200_000))
    x, peak = _peak(lambda: Cleaner._vectors([text, "short text here"], "english"))
    assert x.shape[0] == 2 and peak < 4 * MB
    shingles, peak = _peak(lambda: Cleaner._shingles(text))
    assert len(shingles) > 190_000 and peak < 10 * MB  # 8 bytes a 5-gram, and the unique copy


def test_shingle_overlap_same_as_sets_of_tuples():
    from summarize.clean.offtopic import chrome_density

    texts = ["The ferry hit the ship in thick fog off Port Aldmere on Friday morning.",
             "The ferry hit the ship in thick fog off Port Aldmere on Friday, officials said.",
             "Fog.", "", "One two three four"]

    def tuples(text: str) -> set[tuple[str, ...]]:
        from summarize.text.tokenize import words

        toks = [w.lower() for w in words(text)]
        return {tuple(toks[i:i + 5]) for i in range(max(len(toks) - 4, 1))} if toks else set()

    for a in texts:
        assert len(Cleaner._shingles(a)) == len(tuples(a))
        for b in texts:
            if tuples(a) and tuples(b):
                expected = len(tuples(a) & tuples(b)) / len(tuples(a) | tuples(b))
                assert Cleaner._jaccard(Cleaner._shingles(a), Cleaner._shingles(b)) == pytest.approx(expected)
    page = "Accept cookies to continue.\nLog in or subscribe.\u2003Your browser is unsupported."
    assert chrome_density(page) == 100.0 * 5 / len(page.split())


# ----------------------------------------------------------------- limits that say what they cut

def test_a_document_past_the_limit_is_cut_at_a_paragraph_end_with_a_warning(monkeypatch, caplog):
    from summarize.io import common

    paragraphs = _paragraphs(20, 50)  # 20 paragraphs of 30 words (about 270 characters each)
    text = "\n\n".join(paragraphs)
    limit = len("\n\n".join(paragraphs[:3])) + 100
    monkeypatch.setattr(common, "MAX_DOCUMENT_CHARS", limit)
    with caplog.at_level("WARNING", logger="summarize.io"):
        doc = make_document(id="huge", text=text, language="english")
    assert doc.text == "\n\n".join(paragraphs[:3])  # whole paragraphs only, as many as fit
    assert doc.sentences and all(s.text.endswith(".") for s in doc.sentences)
    message = caplog.text
    assert "document huge" in message and f"{len(text):,} characters" in message and "paragraph end" in message


def test_a_document_within_the_limit_is_untouched(caplog):
    text = "\n\n".join(_paragraphs(50, 200))
    with caplog.at_level("WARNING", logger="summarize.io"):
        doc = make_document(id="fine", text=text, language="english")
    assert doc.text == text and "summarized" not in caplog.text


def test_cut_text_prefers_paragraph_then_sentence_then_space():
    from summarize.io.common import cut_text

    assert cut_text("One two. Three\n\nfour five six", 18, "x") == "One two. Three"
    assert cut_text("One two three. Four five six", 20, "x") == "One two three."
    assert cut_text("One two three four five six", 16, "x") == "One two three"
    assert cut_text("x" * 40, 16, "x") == "x" * 16
    assert cut_text("short", 16, "x") == "short"


def test_a_cluster_past_the_limit_keeps_its_first_documents_and_says_how_many_left(monkeypatch, caplog):
    from summarize.io import common

    docs = [make_document(id=f"d{i}", text=p, language="english") for i, p in enumerate(_paragraphs(10, 100))]
    monkeypatch.setattr(common, "MAX_CLUSTER_CHARS", sum(len(d.text) for d in docs[:3]) + 5)
    with caplog.at_level("WARNING", logger="summarize.io"):
        cluster = make_cluster(id="big", documents=docs, language="english")
    assert [d.id for d in cluster.documents] == ["d0", "d1", "d2"]
    assert "the last 7 of its 10 documents are left out" in caplog.text


def test_huge_markup_is_cut_before_extraction(monkeypatch, caplog):
    from summarize.io import common, folder

    monkeypatch.setattr(folder, "MAX_MARKUP_CHARS", 2000)
    body = "".join(f"<p>{p}</p>" for p in _paragraphs(40, 100))
    page = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    seen = []
    monkeypatch.setattr(folder, "_extract", lambda markup: (seen.append(markup), ("text", {}))[1])
    with caplog.at_level("WARNING", logger="summarize.io"):
        folder.html_to_text(page, "page.html")
    assert len(seen[0]) <= 2000 and seen[0].endswith(">") and page.startswith(seen[0])
    assert "page.html" in caplog.text and "tag end" in caplog.text
    assert common.MAX_MARKUP_CHARS > common.MAX_DOCUMENT_CHARS  # a page's text fits the document limit


def test_a_huge_document_from_the_cli_is_cut_not_summarized_whole(tmp_path, monkeypatch):
    # end to end: a 3 MB one-document cluster (past the 1,000,000-character limit) through the
    # reader; what is summarized is the first million characters, and the run says so
    import json

    from summarize.io import JsonlDataset

    text = "\n\n".join(_paragraphs(16000, 3000))
    assert len(text) > 2_500_000
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "c1", "documents": [{"id": "huge", "text": text}]}) + "\n")
    (cluster,) = list(JsonlDataset(path, language="english"))
    kept = cluster.documents[0].text
    assert 500_000 < len(kept) <= 1_000_000 and text.startswith(kept)
