"""spaCy's layers on NumPy's BLAS: same products, same parses, opt-out by environment."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps

from narrascope.errors import ConfigError
from narrascope.extract.blas import BLAS_ENV, NumpyBlasOps, blas_backend
from narrascope.extract.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "narrascope" / "examples"
SEEDS = ROOT / "tests" / "data" / "seeds"  # in the repository


def _texts() -> list[str]:
    texts = []
    for path in sorted(EXAMPLES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(str(json.loads(line)["text"]))
    texts.extend(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
    if SEEDS.is_dir():
        texts.extend(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return texts


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True)])
def test_gemm_matches_thinc_blis(trans1: bool, trans2: bool) -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((40, 30) if not trans1 else (30, 40), dtype=np.float32)
    y = rng.standard_normal((30, 20) if not trans2 else (20, 30), dtype=np.float32)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    ops = NumpyBlasOps()
    np.testing.assert_allclose(
        ops.gemm(x, y, trans1=trans1, trans2=trans2), expected, rtol=1e-5, atol=1e-5
    )
    out = np.zeros((40, 20), dtype=np.float32)
    returned = ops.gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    assert returned is out
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_backend_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BLAS_ENV, raising=False)
    assert blas_backend() == "numpy"
    monkeypatch.setenv(BLAS_ENV, "BLIS")
    assert blas_backend() == "blis"
    assert blas_backend("numpy") == "numpy"
    monkeypatch.setenv(BLAS_ENV, "mkl")
    with pytest.raises(ConfigError, match=BLAS_ENV):
        blas_backend()


def _layer_ops(nlp: Language) -> set[type]:
    return {
        type(node.ops)
        for _, component in nlp.pipeline
        if hasattr(getattr(component, "model", None), "walk")
        for node in component.model.walk()
    }


@pytest.fixture(scope="module")
def both() -> tuple[Language, Language]:
    return load_nlp(blas="numpy"), load_nlp(blas="blis")


def test_every_layer_uses_the_chosen_backend(both: tuple[Language, Language]) -> None:
    numpy_nlp, blis_nlp = both
    assert _layer_ops(numpy_nlp) == {NumpyBlasOps}
    assert NumpyBlasOps not in _layer_ops(blis_nlp)


def _signature(doc: Doc) -> tuple[list[tuple[int, int, str]], list[tuple[str, str, int]]]:
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    return ents, [(t.tag_, t.dep_, t.head.i) for t in doc]


def test_parses_match_blis(both: tuple[Language, Language]) -> None:
    """Same weights, another BLAS: entities identical, tags and arcs (nearly) so."""
    numpy_nlp, blis_nlp = both
    texts = _texts()
    assert len(texts) >= 5
    tokens = differing = 0
    for a, b in zip(numpy_nlp.pipe(texts), blis_nlp.pipe(texts), strict=True):
        ents_a, rows_a = _signature(a)
        ents_b, rows_b = _signature(b)
        assert ents_a == ents_b
        tokens += len(rows_a)
        differing += sum(x != y for x, y in zip(rows_a, rows_b, strict=True))
    assert tokens > 2000
    assert differing <= tokens // 1000
