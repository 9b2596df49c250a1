"""``narrascope train``: learn from labelled articles, blended with zero-shot scores.

Accepted label files: SemEval-2025 Task 10 subtask-2 TSV
(``id<TAB>narratives<TAB>subnarratives``, labels ``;``-separated), subtask-1 TSV
(``id<TAB>entity<TAB>start<TAB>end<TAB>main_role<TAB>fine_roles...``) and JSONL
(``{"id", "narratives", "subnarratives"}`` or ``{"id", "entity", "start", "end",
"main_role", "fine_roles"}``; an optional ``"text"`` replaces the document file).

Narratives: one-vs-rest logistic regression per label on stacked features (the
zero-shot label scores plus the mean sentence vector); its probability is
blended with a squashed zero-shot score, and labels never seen in training keep
the zero-shot score alone. Roles: logistic regression for the main role and one
per fine role on the role features. The model is saved with joblib.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.characterise.taxonomy import OTHER, other_label
from narrascope.characterise.trained import (
    TrainedModel,
    TrainedNarratives,
    TrainedRoles,
)
from narrascope.errors import ConfigError, EvaluationError
from narrascope.evaluation.semeval_format import (
    NarrativeRow,
    RoleRow,
    doc_key,
    read_subtask1,
    read_subtask2,
)


def read_label_file(
    path: str | Path,
) -> tuple[dict[str, NarrativeRow], dict[tuple[str, int, int], RoleRow], dict[str, str]]:
    """Narrative rows, role rows and inline texts from one label file."""
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        return _read_jsonl(path)
    first = next(
        (line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()), ""
    )
    if len(first.split("\t")) >= 5:
        return {}, read_subtask1(path), {}
    return read_subtask2(path), {}, {}


def _read_jsonl(
    path: Path,
) -> tuple[dict[str, NarrativeRow], dict[tuple[str, int, int], RoleRow], dict[str, str]]:
    narratives: dict[str, NarrativeRow] = {}
    roles: dict[tuple[str, int, int], RoleRow] = {}
    texts: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            key = doc_key(str(item["id"]))
            if "text" in item:
                texts[key] = str(item["text"])
            if "entity" in item:
                row = RoleRow(
                    key,
                    str(item["entity"]),
                    int(item["start"]),
                    int(item["end"]),
                    str(item["main_role"]),
                    frozenset(item.get("fine_roles", [])),
                )
                roles[row.key] = row
            else:
                narratives[key] = NarrativeRow(
                    key,
                    frozenset(item.get("narratives") or [OTHER]),
                    frozenset(item.get("subnarratives") or [OTHER]),
                )
        except (KeyError, ValueError, TypeError) as exc:
            raise EvaluationError(f"{path}:{n}: bad JSONL label line: {exc}") from None
    return narratives, roles, texts


@dataclass(frozen=True)
class TrainReport:
    """What a training run saw and where it saved the model."""

    path: Path
    documents: int
    mentions: int
    labels_trained: int


def _texts(keys: set[str], docs_dir: Path | None, inline: dict[str, str]) -> dict[str, str]:
    out = {k: inline[k] for k in keys if k in inline}
    missing = sorted(keys - set(out))
    if missing and docs_dir is None:
        raise ConfigError(
            f"no --docs folder given for {len(missing)} document(s), e.g. {missing[0]!r}"
        )
    for key in missing:
        assert docs_dir is not None
        candidates = [
            docs_dir / f"{key}.txt",
            docs_dir / "raw-documents" / f"{key}.txt",
            docs_dir / key,
        ]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            raise ConfigError(f"{docs_dir}: no document file for id {key!r}")
        out[key] = found.read_text(encoding="utf-8")
    return out


def _fit_binary(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(x, y)


def _train_narratives(
    engine: Any, rows: dict[str, NarrativeRow], texts: dict[str, str]
) -> tuple[TrainedNarratives, int]:
    from narrascope.models import Document

    clf = engine.narratives
    keys = sorted(rows)
    docs = [Document(id=k, source=k, raw=texts[k], text=texts[k]) for k in keys]
    feats = np.stack([clf.features(p.vectors) for p in engine.prepare(docs)])
    names = tuple(lb.name for lb in clf.taxonomy.labels)
    cal = clf.calibration
    model = TrainedNarratives(
        names,
        frozenset(lb.name for lb in clf.taxonomy.roots),
        (cal.coarse_threshold, cal.fine_threshold),
    )
    for col, name in enumerate(names):
        y = np.asarray([name in rows[k].coarse or name in rows[k].fine for k in keys], dtype=int)
        if 0 < y.sum() < len(y):
            model.estimators[col] = _fit_binary(feats, y)
            model.positives[col] = int(y.sum())
    return model, len(model.estimators)


def _train_roles(
    engine: Any, rows: dict[tuple[str, int, int], RoleRow], texts: dict[str, str]
) -> TrainedRoles:
    from sklearn.linear_model import LogisticRegression

    from narrascope.characterise.roles import targets_for_mentions
    from narrascope.models import Document

    feats, mains, fines = [], [], []
    for key in sorted({r.doc_id for r in rows.values()}):
        items = [r for r in rows.values() if r.doc_id == key]
        prep = engine.prepare([Document(id=key, source=key, raw=texts[key], text=texts[key])])[0]
        for row, target in zip(
            items,
            targets_for_mentions(
                texts[key], prep.sentences, [(r.entity, r.start, r.end) for r in items]
            ),
            strict=True,
        ):
            feats.append(engine.roles.features(prep.vectors, prep.valences, target))
            mains.append(row.main_role)
            fines.append(row.fine_roles)
    x = np.stack(feats)
    if len(set(mains)) < 2:
        raise ConfigError("role training needs mentions of at least two main roles")
    main = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(x, mains)
    parents = {lb.name: str(lb.parent) for lb in engine.roles.fine}
    fine = {}
    for name in parents:
        y = np.asarray([name in f for f in fines], dtype=int)
        if 0 < y.sum() < len(y):
            fine[name] = _fit_binary(x, y)
    return TrainedRoles(main, fine, parents)


def train(
    label_files: list[str | Path],
    docs_dir: str | Path | None,
    out: str | Path | None = None,
    *,
    embedder: str = "static",
    taxonomies: tuple[str, ...] = (),
) -> TrainReport:
    """Train on labelled articles and save the model (default: the user cache)."""
    import joblib

    from narrascope.characterise.core import CharacteriseOptions, Characteriser, default_model_path

    narr: dict[str, NarrativeRow] = {}
    roles: dict[tuple[str, int, int], RoleRow] = {}
    inline: dict[str, str] = {}
    for file in label_files:
        n, r, t = read_label_file(file)
        narr.update(n)
        roles.update(r)
        inline.update(t)
    if not narr and not roles:
        raise ConfigError("the label files hold no labelled documents or mentions")
    keys = set(narr) | {r.doc_id for r in roles.values()}
    texts = _texts(keys, Path(docs_dir) if docs_dir else None, inline)
    engine = Characteriser(
        CharacteriseOptions(model=None, embedder=embedder, taxonomies=taxonomies)
    )
    _check_labels(engine, narr)
    narratives, trained = _train_narratives(engine, narr, texts) if narr else (None, 0)
    role_model = _train_roles(engine, roles, texts) if roles else None
    path = Path(out) if out else default_model_path()
    if path.suffix != ".joblib":
        path = path / "characterise.joblib"
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(TrainedModel(embedder, narratives, role_model), path)
    return TrainReport(path, len(narr), len(roles), trained)


def _check_labels(engine: Any, rows: dict[str, NarrativeRow]) -> None:
    taxonomy = engine.narratives.taxonomy
    known = (
        {lb.name for lb in taxonomy.labels}
        | {OTHER}
        | {other_label(r.name) for r in taxonomy.roots}
    )
    for row in rows.values():
        unknown = sorted((row.coarse | row.fine) - known)
        if unknown:
            raise ConfigError(
                f"document {row.doc_id!r}: label(s) not in the taxonomy: {unknown[:3]}"
            )
