"""Dense sentence similarity from a local sentence-embedding checkpoint (optional).

Any BERT-style checkpoint folder works, e.g. a local copy of
``sentence-transformers/all-MiniLM-L6-v2`` (Apache-2.0): sentences are encoded with
transformers' ``AutoModel`` and mean-pooled over tokens, then L2-normalised, as
sentence-transformers does for that model. Nothing is downloaded: the path must exist.
torch loads only when an encoder is used (the ``abstractive`` extra installs it).
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
            raise ConfigError("dense similarity needs torch: pip install torch==2.13.0") from None
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


@lru_cache(maxsize=4)
def cached_encoder(path: str) -> DenseEncoder:
    """One loaded encoder per checkpoint folder, shared by every summarizer in the process."""
    return DenseEncoder(path)
