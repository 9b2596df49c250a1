"""Hashed entity names in the learned role model: features, fitting, old model files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from narrascope.characterise.fit_roles import build_roles
from narrascope.characterise.learned_roles import (
    BASE_DIM,
    NAME_DIM,
    load_role_model,
    name_features,
    with_names,
)
from narrascope.characterise.taxonomy import builtin_taxonomy

# invented entities, each always cast in one role
CAST = {
    "Orrin Vale": ("Antagonist", "Tyrant"),
    "Kestrel Union": ("Protagonist", "Guardian"),
    "Marsh Hollow villagers": ("Innocent", "Victim"),
}


def test_name_features_share_a_word_and_the_whole_name() -> None:
    f = name_features(["Orrin Vale", "orrin  VALE", "Vale", "Kestrel Union"])
    assert f.shape == (4, NAME_DIM)
    assert np.array_equal(f[0], f[1])  # case and spacing do not make another name
    assert float(f[0] @ f[2]) == 1.0  # "Vale" alone shares the surname's bucket only
    assert float(f[0] @ f[3]) == 0.0
    assert name_features([]).shape == (0, NAME_DIM)


def _mentions(n: int, seed: int) -> tuple[np.ndarray, list[str], list[str], list[frozenset[str]]]:
    rng = np.random.default_rng(seed)
    names = [list(CAST)[i % len(CAST)] for i in range(n)]
    embedded = rng.normal(0.0, 1.0, size=(n, BASE_DIM)).astype(np.float32)  # says nothing
    mains = [CAST[name][0] for name in names]
    fines = [frozenset({CAST[name][1]}) for name in names]
    return with_names(embedded, names), names, mains, fines


def test_role_model_learns_what_a_name_says_and_reads_it_after_saving(tmp_path: Path) -> None:
    x, _, mains, fines = _mentions(240, seed=1)
    taxonomy = builtin_taxonomy("roles")
    model = build_roles(x, mains, fines, taxonomy)
    assert model.name_dim == NAME_DIM
    test, _, gold, gold_fine = _mentions(60, seed=2)
    got = model.predict(test)
    assert [p[0] for p in got] == gold
    assert [frozenset(p[1][:1]) for p in got] == gold_fine
    model.save(tmp_path / "roles")
    assert load_role_model(tmp_path / "roles").predict(test) == got

    blind = build_roles(x[:, :BASE_DIM], mains, fines, taxonomy)  # the same without names
    assert blind.name_dim == 0
    hits = np.mean([p[0] == g for p, g in zip(blind.predict(test), gold, strict=True)])
    assert hits < 0.6  # noise alone: names were what the first model read


def test_role_model_without_names_loads_and_ignores_name_columns(tmp_path: Path) -> None:
    x, _, mains, fines = _mentions(90, seed=3)
    old = build_roles(x[:, :BASE_DIM], mains, fines, builtin_taxonomy("roles"))
    path = old.save(tmp_path / "roles")
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["format"] = "narrascope-learned-roles/3"  # a file written before names existed
    del meta["name_dim"]
    path.write_text(json.dumps(meta), encoding="utf-8")
    loaded = load_role_model(tmp_path / "roles")
    assert loaded.name_dim == 0
    assert loaded.predict(x) == old.predict(x[:, :BASE_DIM])
