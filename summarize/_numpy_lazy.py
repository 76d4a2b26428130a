"""Start-up cost: numpy submodules that SciPy's import loads and nothing here uses, loaded on first use.

``import scipy.sparse`` (SciPy 1.17) builds its array-API namespace by cloning numpy:
``scipy._lib.array_api_compat.numpy`` reads every name of ``dir(numpy)``, and numpy lists its
lazily imported submodules there, so ``numpy.f2py`` (with ``charset_normalizer``, ``subprocess``),
``numpy.testing`` (``unittest``, ``importlib.metadata``, ``email``), ``numpy.ma`` and
``numpy.polynomial`` are all imported: about a tenth of the start-up of a ``summarize run`` that
uses none of them (issue 16; ``numpy.random`` is left alone: SciPy's import uses it).

:func:`defer` puts each of them that is not imported yet into ``sys.modules`` (and onto the
``numpy`` package) as a module whose code runs at its first attribute access
(:class:`importlib.util.LazyLoader`): SciPy's clone copies the module object without running it,
and ``np.ma.masked_array``, ``from numpy.testing import assert_allclose`` or ``numpy.f2py``
later load it as usual (the same module object, now executed). A submodule already imported,
a numpy without these lazy submodules or anything unexpected leaves numpy as it is.
``SUMMARIZE_EAGER_NUMPY=1`` turns this off.
"""

from __future__ import annotations

import importlib.util
import os
import sys

#: loaded by SciPy's numpy clone, used by neither this package nor SciPy's sparse matrices at import
DEFERRED = ("f2py", "testing", "ma", "polynomial")


def defer(names: tuple[str, ...] = DEFERRED) -> list[str]:
    """Make the numpy submodules ``names`` that are not imported yet load on first use.

    Returns:
        The full names of the submodules made lazy here (empty when there was nothing to do).
    """
    if os.environ.get("SUMMARIZE_EAGER_NUMPY", "").strip() not in ("", "0"):
        return []
    if any(m == "scipy" or m.startswith("scipy.") for m in sys.modules):
        return []  # SciPy's clone (if any) has run already: nothing to save
    try:
        import numpy
    except ImportError:
        return []
    lazy_names = getattr(numpy, "__numpy_submodules__", None)  # numpy >= 2: lazily imported submodules
    if not isinstance(lazy_names, (set, frozenset)):
        return []
    done: list[str] = []
    for name in names:
        full = f"numpy.{name}"
        if name not in lazy_names or full in sys.modules or name in vars(numpy):
            continue
        try:
            spec = importlib.util.find_spec(full)
            if spec is None or spec.loader is None:
                continue
            loader = importlib.util.LazyLoader(spec.loader)
            spec.loader = loader
            module = importlib.util.module_from_spec(spec)
        except Exception:  # an odd installation: import it the usual way when asked
            continue
        sys.modules[full] = module
        loader.exec_module(module)  # records how to load it; runs nothing yet
        setattr(numpy, name, module)
        done.append(full)
    return done
