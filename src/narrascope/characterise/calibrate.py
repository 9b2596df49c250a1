"""Calibrate the zero-shot narrative thresholds on a labelled (dev) folder.

A grid search over :class:`~narrascope.characterise.narratives.Calibration`
that maximises coarse + fine samples-F1. Run on the dev split only::

    python -m narrascope.characterise.calibrate tests/data/gold/semeval/dev --embedder static
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import asdict, replace
from importlib import resources
from pathlib import Path

import numpy as np

from narrascope.characterise.narratives import Calibration, NarrativeClassifier
from narrascope.characterise.roles import RoleCalibration
from narrascope.characterise.sentences import split_sentences
from narrascope.characterise.taxonomy import OTHER, Taxonomy, builtin_taxonomy
from narrascope.embeddings import get_embedder
from narrascope.evaluation.semeval import (
    RAW_DIR,
    SUBTASK1_FILE,
    SUBTASK2_FILE,
    NarrativeRow,
    read_subtask1,
    read_subtask2,
    score_subtask2,
)

GRID = {
    "coarse_threshold": (0.0, 0.03, 0.06, 0.09, 0.12, 0.15, 0.18, 0.22),
    "fine_threshold": (0.0, 0.03, 0.06, 0.09, 0.12, 0.15, 0.18, 0.22),
    "coarse_relative": (0.02, 0.04, 0.07, 0.1),
    "fine_relative": (0.01, 0.03, 0.06),
    "background_weight": (0.6, 0.8, 1.0),
}
TOP_K = (1, 2, 3)


def _prepare(
    folder: Path, clf: NarrativeClassifier
) -> tuple[dict[str, NarrativeRow], list[tuple[str, np.ndarray]]]:
    gold = read_subtask2(folder / SUBTASK2_FILE)
    docs = []
    for key in gold:
        text = (folder / RAW_DIR / f"{key}.txt").read_text(encoding="utf-8")
        docs.append((key, clf.embedder.embed([s.text for s in split_sentences(text)])))
    return gold, docs


def _score(
    clf: NarrativeClassifier, gold: dict[str, NarrativeRow], cache: dict[str, np.ndarray]
) -> dict[str, float]:
    pred = {}
    for key, scores in cache.items():
        chosen = [name for name, _ in clf._decide(scores)]
        coarse = frozenset(n for n in chosen if n == OTHER or _is_root(clf.taxonomy, n))
        fine = frozenset(n for n in chosen if n == OTHER or not _is_root(clf.taxonomy, n))
        pred[key] = NarrativeRow(key, coarse, fine)
    return score_subtask2(gold, pred)


def _is_root(taxonomy: Taxonomy, name: str) -> bool:
    return name in taxonomy and taxonomy.get(name).parent is None


def calibrate(
    folder: str | Path, embedder_kind: str = "static"
) -> tuple[Calibration, dict[str, float]]:
    """The best calibration on ``folder`` and its scores."""
    clf = NarrativeClassifier(builtin_taxonomy("narratives"), get_embedder(embedder_kind))
    gold, docs = _prepare(Path(folder), clf)
    best: tuple[float, Calibration, dict[str, float]] | None = None
    for bw, k in itertools.product(GRID["background_weight"], TOP_K):
        clf.calibration = Calibration(background_weight=bw, top_k=k)
        cache = {key: clf.score(vectors).scores for key, vectors in docs}
        for tc, tf, rc, rf in itertools.product(
            GRID["coarse_threshold"],
            GRID["fine_threshold"],
            GRID["coarse_relative"],
            GRID["fine_relative"],
        ):
            clf.calibration = Calibration(
                background_weight=bw,
                top_k=k,
                coarse_threshold=tc,
                fine_threshold=tf,
                coarse_relative=rc,
                fine_relative=rf,
            )
            result = _score(clf, gold, cache)
            value = result["f1_fine"] + result["f1_coarse"]
            if best is None or value > best[0] + 1e-9:
                best = (value, replace(clf.calibration), result)
    assert best is not None
    return best[1], best[2]


ROLE_GRID = {
    "valence_weight": (0.0, 0.05, 0.1, 0.2, 0.3),
    "bias": (-0.04, 0.0, 0.04),
    "second_margin": (0.0, 0.01, 0.02, 0.04),
}


def calibrate_roles(
    folder: str | Path, embedder_kind: str = "static"
) -> tuple[RoleCalibration, dict[str, float]]:
    """The best role calibration on ``folder`` (main accuracy + exact match)."""
    from narrascope.characterise.core import CharacteriseOptions, Characteriser
    from narrascope.characterise.predict import read_documents
    from narrascope.characterise.roles import targets_for_mentions

    folder = Path(folder)
    gold = read_subtask1(folder / SUBTASK1_FILE)
    engine = Characteriser(CharacteriseOptions(model=None, embedder=embedder_kind))
    docs = {d.id: d for d in read_documents(folder)}
    feats = []
    for row in gold.values():
        prep = engine.prepare([docs[row.doc_id]])[0]
        target = targets_for_mentions(
            docs[row.doc_id].text, prep.sentences, [(row.entity, row.start, row.end)]
        )[0]
        feats.append((row, engine.roles.features(prep.vectors, prep.valences, target)))
    best: tuple[float, RoleCalibration, dict[str, float]] | None = None
    for vw, b0, b1, b2, sm in itertools.product(
        ROLE_GRID["valence_weight"],
        ROLE_GRID["bias"],
        ROLE_GRID["bias"],
        ROLE_GRID["bias"],
        ROLE_GRID["second_margin"],
    ):
        engine.roles.calibration = RoleCalibration(
            valence_weight=vw, main_bias=(b0, b1, b2), second_margin=sm
        )
        main = exact = 0
        for row, f in feats:
            role, fine, _ = engine.roles._zero_shot(f)
            main += role == row.main_role
            exact += frozenset(fine) == row.fine_roles
        value = (main + exact) / len(feats)
        if best is None or value > best[0] + 1e-9:
            best = (
                value,
                engine.roles.calibration,
                {"main_accuracy": main / len(feats), "emr": exact / len(feats)},
            )
    assert best is not None
    return best[1], best[2]


def main() -> None:
    """Command line: calibrate on a dev folder and write the shipped calibration."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("--embedder", default="static")
    parser.add_argument("--write", action="store_true", help="update the shipped calibration.json")
    args = parser.parse_args()
    calibration, scores = calibrate(args.folder, args.embedder)
    roles, role_scores = calibrate_roles(args.folder, args.embedder)
    print(
        json.dumps(
            {
                "calibration": calibration.to_dict(),
                "scores": scores,
                "roles": asdict(roles),
                "role_scores": role_scores,
            },
            indent=1,
        )
    )
    if args.write:
        path = Path(
            str(resources.files("narrascope") / "resources" / "taxonomies" / "calibration.json")
        )
        data = json.loads(path.read_text("utf-8")) if path.exists() else {}
        data[args.embedder] = calibration.to_dict()
        data[f"roles-{args.embedder}"] = asdict(roles)
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
