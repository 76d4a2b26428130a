"""Dense sentence similarity (optional): WordLlama from PyPI, or a local sentence-embedding checkpoint.

Two kinds of encoder, chosen by the ``embeddings`` option of every extractive method:

- ``embeddings: wordllama``: WordLlama's static embeddings (the ``dense`` extra,
  ``pip install wordllama``; MIT, https://github.com/dleemiller/WordLlama). Its wheel (19 MB)
  carries a 32,000 x 256 token table (16 MB, float16) and its tokenizer; a sentence is the
  average of its tokens' vectors, so encoding needs no torch and runs at tens of thousands of
  sentences a second on a CPU. The files are read from the installed package directly:
  ``WordLlama.load()`` itself looks for the tokenizer in the wrong folder and falls back to
  downloading it. The table was distilled from LLaMA 3's token embeddings; its authors
  publish it under MIT.
- any other value is a local BERT-style checkpoint folder, e.g. a copy of
  ``sentence-transformers/all-MiniLM-L6-v2`` (Apache-2.0): sentences are encoded with
  transformers' ``AutoModel`` and mean-pooled over tokens, then L2-normalised, as
  sentence-transformers does for that model. torch loads only when such an encoder is used
  (the ``abstractive`` extra installs it).

Nothing is downloaded in either case. Dense cosines run higher than TF-IDF ones (unrelated
news sentences often score 0.3-0.5), so cosine thresholds such as ``redundancy`` need higher
values with dense vectors: see the README.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from summarize.errors import ConfigError


class DenseEncoder:
    """Mean-pooled, normalised sentence embeddings.

    Args:
        path: a local checkpoint folder (config, tokenizer, weights).
        batch_size: sentences per forward pass.
        max_length: tokens per sentence (longer ones are cut).
        device: ``auto``, ``cpu`` or ``cuda``.
    """

    def __init__(self, path: str, *, batch_size: int = 64, max_length: int = 128, device: str = "auto",
                 model: Any = None, tokenizer: Any = None) -> None:
        if model is None and not Path(str(path)).is_dir():
            raise ConfigError(f"embedding checkpoint {path!r} is not a local folder (nothing is downloaded)")
        self.path, self.batch_size, self.max_length, self.device_name = str(path), int(batch_size), int(max_length), device
        self._model, self._tokenizer = model, tokenizer

    def _load(self) -> None:
        if self._model is not None:
            return
        try:
            import torch  # noqa: F401
            from transformers import AutoModel, AutoTokenizer
        except ImportError:
            raise ConfigError("dense similarity needs torch and transformers: pip install torch==2.13.0, then "
                              "pip install -e '.[abstractive]'") from None
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
            self._model = AutoModel.from_pretrained(self.path, local_files_only=True)
        except (OSError, ValueError) as e:
            raise ConfigError(f"cannot load embedding checkpoint {self.path!r}: {str(e).splitlines()[0][:200]}") from None

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text."""
        import torch

        self._load()
        device = "cuda" if self.device_name in ("auto", "cuda") and torch.cuda.is_available() else "cpu"
        model = self._model.to(device).eval()
        rows = []
        for start in range(0, len(texts), self.batch_size):
            batch = self._tokenizer(texts[start:start + self.batch_size], padding=True, truncation=True,
                                    max_length=self.max_length, return_tensors="pt").to(device)
            with torch.no_grad():
                hidden = model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            rows.append(torch.nn.functional.normalize(pooled, dim=-1).cpu().numpy())
        return np.concatenate(rows) if rows else np.zeros((0, 1))


WORDLLAMA = "wordllama"


class WordLlamaEncoder:
    """Averaged WordLlama token embeddings (256-d), L2-normalised; an empty text is a zero row."""

    TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
    WEIGHTS = ("weights", "l2_supercat_256.safetensors")

    def __init__(self, *, batch_size: int = 256) -> None:
        self.batch_size = int(batch_size)
        self._model: Any = None

    def _load(self) -> None:
        if self._model is not None:
            return
        try:
            from safetensors import safe_open
            from tokenizers import Tokenizer

            root, WordLlamaInference = _wordllama_inference()  # noqa: N806
        except ImportError:
            raise ConfigError("embeddings=wordllama needs the dense extra: pip install wordllama") from None
        tokenizer, weights = root.joinpath(*self.TOKENIZER), root.joinpath(*self.WEIGHTS)
        for f in (tokenizer, weights):
            if not f.is_file():
                raise ConfigError(f"the installed wordllama package has no {f.name} (expected at {f})")
        with safe_open(str(weights), framework="np", device="cpu") as handle:
            table = handle.get_tensor("embedding.weight")
        self._model = _half_table_model(WordLlamaInference, table, _SerialTokenizer(Tokenizer.from_file(str(tokenizer))))

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text (float64)."""
        self._load()
        if not texts:
            return np.zeros((0, 256))
        rows = np.asarray(self._model.embed(list(texts), norm=False, batch_size=self.batch_size), dtype=np.float64)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def _half_table_model(inference: Any, table: np.ndarray, tokenizer: Any) -> Any:
    """``WordLlamaInference(table, tokenizer, binary=False)`` that keeps the float16 table as it is.

    Its constructor widens the whole 32,000 x 256 table to float32 (32 MB, a few hundredths of
    a second of every run) for the few thousand rows a run gathers; its pooling multiplies the
    gathered rows by the float32 attention mask, which widens them (exactly) first, so the
    embeddings are the same bit for bit (``tests/test_wordllama.py`` compares them with the
    constructor's). The rest is the constructor's: the tokenizer pads, and does not truncate.
    """
    if table.dtype != np.float16:
        return inference(table, tokenizer, binary=False)
    model = inference.__new__(inference)
    model.binary = False
    model.embedding = np.ascontiguousarray(table)
    model.tokenizer = tokenizer
    model.tokenizer.enable_padding()
    model.tokenizer.no_truncation()
    return model


class _SerialTokenizer:
    """A ``tokenizers.Tokenizer`` whose ``encode_batch`` encodes the texts one by one in the calling
    thread, then pads them as ``encode_batch`` does (to the longest, or the padding's fixed length
    or multiple): the same ids and attention masks, without Rayon's thread pool.

    WordLlama encodes a few hundred short sentences per call (the candidates of one claim
    check); woken for each of them, the pool's threads spin and take more CPU than they save:
    on the 2-core development machine a whole ``summarize run ... summarizer=lexrank`` took
    about a tenth less CPU and wall time with them off (issue 16). Everything else is the
    tokenizer's own.
    """

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer

    def __getattr__(self, name: str) -> Any:
        if name == "_tokenizer":  # not set yet: a copy or an unpickled instance being rebuilt
            raise AttributeError(name)
        return getattr(self._tokenizer, name)

    def encode_batch(self, inputs: list[Any], is_pretokenized: bool = False, add_special_tokens: bool = True) -> list[Any]:
        tokenizer = self._tokenizer
        encodings = [tokenizer.encode(text, is_pretokenized=is_pretokenized, add_special_tokens=add_special_tokens)
                     for text in inputs]
        padding = tokenizer.padding
        if padding is not None and encodings:
            length = padding["length"] if padding["length"] is not None else max(len(e) for e in encodings)
            multiple = padding["pad_to_multiple_of"]
            if multiple and length % multiple:
                length += multiple - length % multiple
            for e in encodings:
                e.pad(length, direction=padding["direction"], pad_id=padding["pad_id"],
                      pad_type_id=padding["pad_type_id"], pad_token=padding["pad_token"])
        return encodings


def _wordllama_inference() -> tuple[Path, Any]:
    """The installed wordllama package's folder and its ``WordLlamaInference`` class.

    Importing ``wordllama`` itself costs most of a second of a run's start-up (its ``__init__``
    loads the training and download side: requests, pydantic; and calls ``logging.basicConfig``),
    though encoding needs only ``wordllama.inference`` (numpy and tokenizers). So, unless the
    package is imported already, that module is loaded under a bare stand-in for the package and
    every ``wordllama`` module is taken out of ``sys.modules`` again: a later ``import wordllama``
    runs the package as usual.
    """
    import importlib
    import importlib.util
    import sys
    import types

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("wordllama")
    root = Path(next(iter(spec.submodule_search_locations)))
    if "wordllama" in sys.modules:
        return root, importlib.import_module("wordllama.inference").WordLlamaInference
    before = set(sys.modules)
    stand_in = types.ModuleType("wordllama")
    stand_in.__path__ = [str(root)]
    sys.modules["wordllama"] = stand_in
    try:
        return root, importlib.import_module("wordllama.inference").WordLlamaInference
    finally:
        for name in [m for m in sys.modules if (m == "wordllama" or m.startswith("wordllama.")) and m not in before]:
            del sys.modules[name]


@lru_cache(maxsize=4)
def cached_encoder(path: str) -> DenseEncoder | WordLlamaEncoder:
    """One loaded encoder per name or checkpoint folder, shared by every summarizer in the process."""
    return WordLlamaEncoder() if path == WORDLLAMA else DenseEncoder(path)
