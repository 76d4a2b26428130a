"""Start-up work left out of a run (issue 16): numpy submodules SciPy's import would load, Rayon's pool.

Each check runs a fresh interpreter: what an import loads depends on what was imported before.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
import summarize, scipy.sparse
def ran(name):
    return name in sys.modules and type(sys.modules[name]).__name__ == "module"
before = {m: ran(m) for m in ("numpy.f2py", "numpy.testing", "numpy.ma", "numpy.polynomial")}
import numpy as np
from numpy.testing import assert_allclose
assert_allclose(np.ma.masked_array([1.0, 2.0], [0, 1]).sum(), 1.0)
p = np.polynomial.Polynomial([1, 2])(3)
import numpy.f2py
after = {m: ran(m) for m in before}
print(json.dumps({"before": before, "after": after, "poly": float(p), "f2py": hasattr(numpy.f2py, "run_main"),
                  "unittest": "unittest" in sys.modules}))
"""


def _probe(**env: str) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, **env}, check=True)
    return json.loads(out.stdout)


def test_numpy_submodules_scipy_would_load_run_only_when_used():
    got = _probe(SUMMARIZE_EAGER_NUMPY="0")
    assert got["before"] == {"numpy.f2py": False, "numpy.testing": False, "numpy.ma": False, "numpy.polynomial": False}
    # used, each loads as usual: the same module, now run
    assert got["after"] == {m: True for m in got["before"]}
    assert got["poly"] == 7.0 and got["f2py"] and got["unittest"]


def test_eager_numpy_switch_leaves_scipy_as_it_is():
    got = _probe(SUMMARIZE_EAGER_NUMPY="1")
    assert got["before"]["numpy.f2py"] and got["before"]["numpy.testing"]


def test_defer_does_nothing_once_scipy_is_imported():
    code = "import scipy.sparse, summarize._numpy_lazy as z; print(z.defer())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


needs_wordllama = pytest.mark.skipif(importlib.util.find_spec("wordllama") is None and not os.environ.get("CI"),
                                     reason="pip install wordllama (the dense extra; CI installs it)")


@needs_wordllama
def test_serial_tokenizer_gives_encode_batch_s_encodings_and_the_same_embeddings():
    from tokenizers import Tokenizer

    from summarize.extractive.embeddings import WordLlamaEncoder, _SerialTokenizer, _wordllama_inference

    root, inference = _wordllama_inference()
    path = str(root.joinpath(*WordLlamaEncoder.TOKENIZER))
    texts = ["", " ", "A ferry collided with a freighter in thick fog.", "é ü 中文 😀 — “quoted”", "word " * 300,
             "The ferry hit a cargo ship in heavy fog near the port early on Tuesday."] * 3
    plain, serial = Tokenizer.from_file(path), _SerialTokenizer(Tokenizer.from_file(path))
    for settings in ({}, {"pad_to_multiple_of": 8, "direction": "left", "pad_id": 3}, {"length": 40}):
        plain.enable_padding(**settings)
        serial.enable_padding(**settings)
        a, b = plain.encode_batch(texts, add_special_tokens=False), serial.encode_batch(texts, add_special_tokens=False)
        assert [e.ids for e in a] == [e.ids for e in b]
        assert [e.attention_mask for e in a] == [e.attention_mask for e in b]
        assert len({len(e.ids) for e in b}) == 1 or settings.get("length")
    table = np.random.default_rng(0).standard_normal((plain.get_vocab_size(), 16)).astype(np.float32)
    one, two = inference(table, Tokenizer.from_file(path)), inference(table, _SerialTokenizer(Tokenizer.from_file(path)))
    for batch in (1, 4, 256):
        x, y = one.embed(texts, batch_size=batch), two.embed(texts, batch_size=batch)
        assert x.tobytes() == y.tobytes()
    encoder = WordLlamaEncoder()
    encoder._load()
    assert isinstance(encoder._model.tokenizer, _SerialTokenizer)  # what the toolkit's encoder uses
    import copy
    import pickle

    for twin in (copy.copy(serial), copy.deepcopy(serial), pickle.loads(pickle.dumps(serial))):
        assert [e.ids for e in twin.encode_batch(texts, add_special_tokens=False)] == [e.ids for e in b]


def test_the_command_freezes_what_outlives_start_up_and_a_python_caller_keeps_its_objects(tmp_path):
    code = ("import gc, sys; from summarize.cli import main; sys.argv = ['summarize', 'run', sys.argv[1], "
            "'verbose=false']; status = main(); print(status, gc.get_freeze_count())")
    out = subprocess.run([sys.executable, "-c", code, f"output_dir={tmp_path / 'cli'}"], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    status, frozen = out.stdout.split()
    assert status == "0" and int(frozen) > 10_000  # the modules and configuration, at least
    code = ("import gc, sys; from summarize.cli import main; status = main(['run', sys.argv[1], 'verbose=false']); "
            "print(status, gc.get_freeze_count())")
    out = subprocess.run([sys.executable, "-c", code, f"output_dir={tmp_path / 'api'}"], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["0", "0"]
    assert (tmp_path / "cli" / "predictions.jsonl").read_bytes() == (tmp_path / "api" / "predictions.jsonl").read_bytes()


def test_ascii_text_is_read_and_tokenized_without_the_regex_package():
    # the Unicode patterns (words, letters per script) compile on first use: ASCII text needs none
    code = ("import json, sys\n"
            "from summarize.io.common import make_document\n"
            "from summarize.text.claims import name_vocabulary\n"
            "from summarize.text.langdetect import script_of\n"
            "from summarize.text.tokenize import words\n"
            "doc = make_document(id='d1', text='The U.S. team won. Its coach, Mr. Smith, was happy.', language='english')\n"
            "ascii = [words(s.text) for s in doc.sentences], script_of(doc.text), sorted(name_vocabulary([doc.text]))\n"
            "before = 'regex' in sys.modules\n"
            "print(json.dumps({'before': before, 'ascii': ascii, 'unicode': words('Café naïve, co-op १२'),"
            " 'script': script_of('Привет, мир'), 'after': 'regex' in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    got = json.loads(out.stdout)
    assert got["before"] is False and got["after"] is True
    assert got["ascii"][0][0] == ["The", "U", "S", "team", "won"] and got["ascii"][1] == ["Latin", 1.0]
    assert got["unicode"] == ["Café", "naïve", "co-op", "१२"] and got["script"] == ["Cyrillic", 1.0]


def test_the_runner_imports_no_scorer_nor_the_learned_method_until_asked():
    lazy = ("summarize.evaluation.rouge", "summarize.evaluation.duc", "summarize.extractive.learned", "summarize.linear")
    code = ("import json, sys\n"
            "import summarize, summarize.cli, summarize.runner.run, summarize.runner.evaluate\n"
            f"before = sorted(m for m in {lazy!r} if m in sys.modules)\n"
            "from summarize.evaluation import RougeSettings\n"
            "from summarize.extractive import Learned\n"
            "import summarize.extractive as ex\n"
            "from summarize.registry import allowed_class\n"
            "print(json.dumps({'before': before, 'rouge': RougeSettings.__module__, 'learned': Learned.__module__,"
            " 'target': allowed_class('summarize.extractive.Learned', 'summarizer') is Learned,"
            " 'missing': hasattr(ex, 'Nothing'), 'after': sorted(m for m in " + repr(lazy) + " if m in sys.modules)}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    got = json.loads(out.stdout)
    assert got["before"] == []
    assert got["rouge"] == "summarize.evaluation.rouge" and got["learned"] == "summarize.extractive.learned"
    assert got["target"] and not got["missing"]
    assert got["after"] == ["summarize.evaluation.rouge", "summarize.extractive.learned", "summarize.linear"]
