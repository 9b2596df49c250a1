"""Shared sentence embeddings: the distilled static model."""

from __future__ import annotations

import numpy as np

from narrascope.embeddings import cache_dir, embed, get_embedder


def test_characterise_embeddings_static_rows_are_normalised() -> None:
    vectors = embed(["Tanks crossed the border at dawn.", "The bakery sells fresh bread.", ""])
    assert vectors.shape[0] == 3
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    assert vectors.dtype == np.float32


def test_characterise_embeddings_similar_texts_score_higher() -> None:
    a, b, c = embed(
        [
            "Wind turbines kill birds.",
            "Wind farms are deadly for birds.",
            "The central bank held rates.",
        ]
    )
    assert float(a @ b) > float(a @ c)


def test_characterise_embeddings_empty_input_and_shared_instance() -> None:
    assert embed([]).shape[0] == 0
    assert get_embedder("static") is get_embedder("static")


def test_characterise_embeddings_cache_dir_follows_environment(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
