"""Dense similarity from WordLlama's static embeddings (the ``dense`` extra), offline."""

import importlib.util
import json
import os
import socket
import sys

import numpy as np
import pytest

from summarize import Budget
from summarize.errors import ConfigError
from summarize.extractive import Centroid, TextRank
from summarize.extractive.embeddings import WordLlamaEncoder, cached_encoder
from summarize.io import make_cluster, make_document

needs_wordllama = pytest.mark.skipif(
    importlib.util.find_spec("wordllama") is None and not os.environ.get("CI"),
    reason="pip install wordllama (the dense extra; CI installs it)")

FERRY_A = "A ferry collided with a freighter in thick fog off the harbour on Tuesday morning."
FERRY_B = "The ferry hit a cargo ship in heavy fog near the port early on Tuesday."


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@needs_wordllama
def test_encoder_is_offline_normalised_and_semantic(no_network):
    encoder = WordLlamaEncoder()
    v = encoder.encode(["", FERRY_A, FERRY_B, "The city council approved the budget for the new tram line."])
    assert v.shape == (4, 256) and v.dtype == np.float64
    assert np.allclose(v[0], 0.0)  # an empty text is a zero row, not NaN
    assert np.allclose(np.linalg.norm(v[1:], axis=1), 1.0)
    sim = v @ v.T
    assert sim[1, 2] > 0.5 > sim[1, 3] + 0.3  # the paraphrase is close, the other event far
    assert encoder.encode([]).shape == (0, 256)
    assert cached_encoder("wordllama") is cached_encoder("wordllama")


@needs_wordllama
def test_paraphrases_from_two_outlets_are_redundant_only_with_dense_vectors(no_network):
    texts = {"a": f"{FERRY_A} Two passengers were hurt, the coast guard said.",
             "b": f"{FERRY_B} The operator suspended all crossings until Friday."}
    docs = [make_document(id=k, text=t, source=f"Outlet {k}", language="english") for k, t in texts.items()]
    cluster = make_cluster(id="ferry", documents=docs)
    budget = Budget(sentences=4)
    tfidf = Centroid(budget=budget, redundancy=0.5).summarize(cluster)
    dense = Centroid(budget=budget, redundancy=0.5, embeddings="wordllama").summarize(cluster)
    assert FERRY_A in tfidf.sentences and FERRY_B in tfidf.sentences  # few shared words: TF-IDF keeps both
    assert (FERRY_A in dense.sentences) != (FERRY_B in dense.sentences)  # dense sees one fact, told twice
    assert len(dense.sentences) == 3


@needs_wordllama
def test_cli_run_with_wordllama(tmp_path, no_network):
    from summarize.cli import main

    assert main(["run", "summarizer=textrank", "summarizer.embeddings=wordllama", "summarizer.redundancy=0.8",
                 f"output_dir={tmp_path}", "verbose=false"]) == 0
    records = [json.loads(line) for line in (tmp_path / "predictions.jsonl").read_text().splitlines()]
    assert len(records) == 3 and all(r["summary"] and len(r["sources"]) == len(r["summary"]) for r in records)
    assert json.loads((tmp_path / "metrics.json").read_text())["rouge1"]["fmeasure"] > 0.2


def test_missing_package_is_a_config_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "wordllama", None)  # import wordllama raises ImportError
    with pytest.raises(ConfigError, match="pip install wordllama"):
        WordLlamaEncoder().encode(["a sentence"])


def test_embeddings_option_is_in_the_native_configs():
    from summarize.registry import CONF_DIR

    for name in ("centroid", "lexrank", "lexrank_threshold", "textrank", "mmr", "submodular", "learned"):
        text = (CONF_DIR / "summarizer" / f"{name}.yaml").read_text()
        assert "\nembeddings: null" in text, name
    assert TextRank(embeddings=None).embeddings is None


@needs_wordllama
def test_the_float16_table_gives_the_widened_table_s_embeddings_bit_for_bit(no_network):
    from safetensors import safe_open
    from tokenizers import Tokenizer

    from summarize.extractive.embeddings import _SerialTokenizer, _wordllama_inference

    root, inference = _wordllama_inference()
    with safe_open(str(root.joinpath(*WordLlamaEncoder.WEIGHTS)), framework="np", device="cpu") as handle:
        table = handle.get_tensor("embedding.weight")
    assert table.dtype == np.float16

    def tokenizer():
        return _SerialTokenizer(Tokenizer.from_file(str(root.joinpath(*WordLlamaEncoder.TOKENIZER))))

    widened = inference(table, tokenizer(), binary=False)  # the constructor: a float32 table
    encoder = WordLlamaEncoder()
    encoder._load()
    assert encoder._model.embedding.dtype == np.float16
    texts = ["", FERRY_A, FERRY_B, "x", "Ünïcödé and emoji 🚢 text", " ".join([FERRY_A] * 30), "  spaced  out  "]
    for batch in (texts, texts[1:3], texts[::-1]):
        for size in (1, 3, 256):
            ours = encoder._model.embed(batch, norm=False, batch_size=size)
            assert ours.dtype == np.float32 and np.array_equal(ours, widened.embed(batch, norm=False, batch_size=size))
