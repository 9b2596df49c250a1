"""Learn the reported-speech cue verbs from PolNeAR's train split (never dev or test).

For every verb token (CoreNLP parse shipped with the corpus) the script counts how often
its lemma heads an annotated attribution Cue and how often it occurs at all. Lemmas
that are cues at least ``--min-count`` times and in at least ``--min-rate`` of their
occurrences are kept, with the inflected forms seen in the parse (the extractor runs
without a lemmatizer). Of those, the lemmas whose direct object (basic dependencies) lies
in an annotated Content while the verb is in its Cue, at least ``--min-count // 2`` times
and in at least ``--object-min-rate`` of their uses with an object, are kept as
``object_lemmas``. Lemmas that are not cues overall but are when they take a clausal
complement ("a poll found that ..."), at least ``--min-count // 2`` times and in at least
``--clause-min-rate`` of their uses with one (the verb in a Cue, the clause in its
Content), are kept as ``clause_lemmas``. Verb and preposition pairs whose object is
in the Content while the verb is in the Cue ("called for a ban"), at least
``--min-count`` times and in at least ``--prep-min-rate`` of their uses, are kept as
``prep_lemmas``. Lemmas left over that are cues with a clausal complement where the
writer reports someone else's view ("the senator believes that ..."): the verb outside
quotation marks, its subject no first or second person, the verb in no other
attribution's content (the extractor keeps only the outer report), at least
``--min-count // 2`` times and in at least ``--belief-min-rate`` of those uses, are kept
as ``belief_lemmas``. Lemmas left over that are cues with a "to" complement when a name
is their subject ("X plans to run"), outside quotation marks, at least
``--min-count // 2`` times and in at least ``--plan-min-rate`` of those uses, are kept as
``plan_lemmas``. The output holds lemmas and word forms only, no
article text:

    .venv/bin/python bench/learn_cues.py --polnear ~/.cache/narrascope-data/polnear
"""

from __future__ import annotations

import argparse
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

from narrascope.evaluation.polnear import default_root, split_dir

OUT = Path(__file__).resolve().parents[1] / "src/narrascope/resources/extract/cues_learned.json"


_NOT_PREPOSITIONS = frozenset({"tmod", "npmod", "poss", "agent"})  # collapsed nmod:* that name none


def _tokens(path: Path) -> list[tuple[int, int, str, str, str]]:
    out = []
    for _, elem in ET.iterparse(path):
        if elem.tag == "token":
            out.append(
                (
                    int(elem.findtext("CharacterOffsetBegin") or 0),
                    int(elem.findtext("CharacterOffsetEnd") or 0),
                    (elem.findtext("word") or "").lower(),
                    (elem.findtext("lemma") or "").lower(),
                    elem.findtext("POS") or "",
                )
            )
            elem.clear()
    return out


def _objects(
    path: Path, relation: str = "dobj", kind: str = "basic-dependencies"
) -> list[tuple[int, str, int]]:
    """(verb offset, verb lemma, dependent offset) of each ``relation`` (``dobj``: direct
    object, ``ccomp``: clausal complement; a relation ending in ``:`` matches every
    relation it opens, ``nmod:`` the prepositional ones of the collapsed dependencies,
    returned as lemma ``"<verb> <preposition>"``) in the ``kind`` dependencies."""
    out = []
    for _, elem in ET.iterparse(path):
        if elem.tag != "sentence":
            continue
        toks = {
            t.get("id"): (int(t.findtext("CharacterOffsetBegin") or 0), t.findtext("lemma") or "")
            for t in elem.iter("token")
        }
        for deps in elem.iter("dependencies"):
            if deps.get("type") != kind:
                continue
            for dep in deps.iter("dep"):
                found = dep.get("type") or ""
                if found == relation or (relation.endswith(":") and found.startswith(relation)):
                    gov = dep.find("governor")
                    obj = dep.find("dependent")
                    if gov is not None and obj is not None and gov.get("idx") in toks:
                        start, lemma = toks[gov.get("idx")]
                        if relation.endswith(":"):
                            lemma = f"{lemma} {found[len(relation) :].replace('_', ' ')}"
                        out.append((start, lemma.lower(), toks.get(obj.get("idx"), (-1, ""))[0]))
        elem.clear()
    return out


_MARKS = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|''[^\n]*?''")
_SELF = frozenset({"i", "we", "you"})  # the writer or the reader: no one else's view


def _subjects(path: Path) -> dict[int, tuple[str, str]]:
    """Verb offset -> its subject's word, lowercased, and part of speech (``nsubj``, basic
    dependencies)."""
    out: dict[int, tuple[str, str]] = {}
    for _, elem in ET.iterparse(path):
        if elem.tag != "sentence":
            continue
        toks = {
            t.get("id"): (
                int(t.findtext("CharacterOffsetBegin") or 0),
                (t.findtext("word") or "").lower(),
                t.findtext("POS") or "",
            )
            for t in elem.iter("token")
        }
        for deps in elem.iter("dependencies"):
            if deps.get("type") != "basic-dependencies":
                continue
            for dep in deps.iter("dep"):
                gov, sub = dep.find("governor"), dep.find("dependent")
                if (
                    dep.get("type") == "nsubj"
                    and gov is not None
                    and sub is not None
                    and gov.get("idx") in toks
                    and sub.get("idx") in toks
                ):
                    _, word, pos = toks[sub.get("idx")]
                    out[toks[gov.get("idx")][0]] = (word, pos)
        elem.clear()
    return out


def _cue_spans(ann: str, label: str = "Cue") -> list[tuple[int, int]]:
    spans = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].startswith("T") and cols[1].startswith(label + " "):
            for piece in cols[1][len(label) + 1 :].split(";"):
                a, b = piece.split()
                spans.append((int(a), int(b)))
    return spans


def _chosen(
    hits: Counter[str], uses: Counter[str], least: int, rate: float, taken: set[str]
) -> list[str]:
    """Lemmas not ``taken`` that were cues at least ``least`` times and in at least
    ``rate`` of their ``uses``."""
    return sorted(
        lemma
        for lemma, n in hits.items()
        if lemma not in taken and lemma.isalpha() and n >= least and n >= rate * uses[lemma]
    )


def _counted(
    lemmas: list[str], hits: Counter[str], uses: Counter[str], forms: dict[str, Counter[str]]
) -> dict[str, list[object]]:
    """lemma -> [count as cue, count of uses, inflected forms]."""
    return {
        lemma: [hits[lemma], uses[lemma], sorted(f for f in forms[lemma] if f.isalpha())]
        for lemma in lemmas
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", default=str(default_root()))
    parser.add_argument("--min-count", type=int, default=8)
    parser.add_argument("--min-rate", type=float, default=0.3)
    parser.add_argument("--object-min-rate", type=float, default=0.35)
    parser.add_argument("--clause-min-rate", type=float, default=0.5)
    parser.add_argument("--prep-min-rate", type=float, default=0.5)
    parser.add_argument("--belief-min-rate", type=float, default=0.6)
    parser.add_argument("--plan-min-rate", type=float, default=0.5)
    parser.add_argument(
        "--hold-out",
        type=int,
        default=0,
        help="leave out the first N train articles (by name), to score the lists on them",
    )
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    folder = split_dir(args.polnear, "train")
    as_cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    obj_content: Counter[str] = Counter()
    obj_total: Counter[str] = Counter()
    clause_cue: Counter[str] = Counter()
    clause_total: Counter[str] = Counter()
    prep_content: Counter[str] = Counter()
    prep_total: Counter[str] = Counter()
    belief_cue: Counter[str] = Counter()
    belief_total: Counter[str] = Counter()
    plan_cue: Counter[str] = Counter()
    plan_total: Counter[str] = Counter()
    verbs: set[int] = set()
    held = set(
        sorted(p.name[: -len(".txt")] for p in (folder / "text").glob("*.txt"))[: args.hold_out]
    )
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.name.rsplit("_", 1)[0]
        if name in held:
            continue
        parse = folder / "corenlp" / f"{name}.txt.xml"
        if not parse.exists():
            continue
        cues = _cue_spans(ann.read_text("utf-8"))
        for start, end, word, lemma, pos in _tokens(parse):
            if not pos.startswith("VB"):
                continue
            verbs.add(hash((name, start)))
            total[lemma] += 1
            forms[lemma][word] += 1
            if any(a <= start and end <= b for a, b in cues):
                as_cue[lemma] += 1
        contents = _cue_spans(ann.read_text("utf-8"), "Content")
        text = (folder / "text" / f"{name}.txt").read_text("utf-8")
        quoted = [(m.start(), m.end()) for m in _MARKS.finditer(text)]
        subjects = _subjects(parse)
        for verb, lemma, obj in _objects(parse):
            obj_total[lemma] += 1
            in_cue = any(a <= verb < b for a, b in cues)
            obj_content[lemma] += in_cue and any(a <= obj < b for a, b in contents)
        for verb, lemma, clause in _objects(parse, "ccomp"):
            clause_total[lemma] += 1
            in_cue = any(a <= verb < b for a, b in cues)
            clause_cue[lemma] += in_cue and any(a <= clause < b for a, b in contents)
            subject = subjects.get(verb)
            if (
                subject is None
                or subject[0] in _SELF
                or any(a < verb < b for a, b in quoted)
                or (not in_cue and any(a <= verb < b for a, b in contents))
            ):
                continue
            belief_total[lemma] += 1
            belief_cue[lemma] += in_cue and any(a <= clause < b for a, b in contents)
        for verb, lemma, plan in _objects(parse, "xcomp"):
            subject = subjects.get(verb)
            if subject is None or not subject[1].startswith("NNP"):
                continue
            if any(a < verb < b for a, b in quoted):
                continue
            plan_total[lemma] += 1
            in_cue = any(a <= verb < b for a, b in cues)
            plan_cue[lemma] += in_cue and any(a <= plan < b for a, b in contents)
        for verb, pair, obj in _objects(parse, "nmod:", "collapsed-dependencies"):
            if hash((name, verb)) not in verbs or not pair.replace(" ", "").isalpha():
                continue
            prep_total[pair] += 1
            in_cue = any(a <= verb < b for a, b in cues)
            prep_content[pair] += in_cue and any(a <= obj < b for a, b in contents)
    kept = sorted(
        lemma
        for lemma, n in as_cue.items()
        if n >= args.min_count and n / total[lemma] >= args.min_rate and lemma.isalpha()
    )
    least = args.min_count // 2
    clause_kept = _chosen(clause_cue, clause_total, least, args.clause_min_rate, set(kept))
    belief_kept = _chosen(
        belief_cue, belief_total, least, args.belief_min_rate, set(kept) | set(clause_kept)
    )
    plan_kept = _chosen(plan_cue, plan_total, least, args.plan_min_rate, set(kept))
    data = {
        "_comment": (
            "Reported-speech cue verbs learned from PolNeAR train cue annotations "
            "(bench/learn_cues.py): lemma -> [count as cue, count as verb, inflected forms]; "
            "object_lemmas: cue lemmas whose direct object is the attributed content "
            "-> [count so, count with a direct object]; clause_lemmas: further lemmas that "
            'are cues when they take a clausal complement ("a poll found that ...") -> '
            "[count as cue with the clause in the content, count with a clausal complement, "
            "inflected forms]; prep_lemmas: '<verb lemma> <preposition>' pairs whose "
            'prepositional object is the attributed content ("called for a ban", "spoke '
            'about the border") -> [count so, count of the pair, inflected forms of the verb]; '
            "belief_lemmas: further lemmas that are cues with a clausal complement where the "
            'writer reports a third party\'s view ("the senator believes that ...": outside '
            "quotation marks, inside no other attribution) -> [count as cue with the clause "
            "in the content, count of such uses, inflected forms]; plan_lemmas: further "
            'lemmas that are cues with a "to" complement when a name is their subject ("X '
            'plans to run"), outside quotation marks -> [count as cue with the complement in '
            "the content, count of such uses, inflected forms]."
        ),
        "min_count": args.min_count,
        "min_rate": args.min_rate,
        "lemmas": {
            lemma: [as_cue[lemma], total[lemma], sorted(f for f in forms[lemma] if f.isalpha())]
            for lemma in kept
        },
        "object_min_rate": args.object_min_rate,
        "object_lemmas": {
            lemma: [obj_content[lemma], obj_total[lemma]]
            for lemma in kept
            if obj_content[lemma] >= args.min_count // 2
            and obj_content[lemma] >= args.object_min_rate * obj_total[lemma]
        },
    }
    data["clause_min_rate"] = args.clause_min_rate
    data["clause_lemmas"] = _counted(clause_kept, clause_cue, clause_total, forms)
    data["prep_min_rate"] = args.prep_min_rate
    data["prep_lemmas"] = {
        pair: [
            prep_content[pair],
            prep_total[pair],
            sorted(f for f in forms[pair.split()[0]] if f.isalpha()),
        ]
        for pair in sorted(prep_content)
        if prep_content[pair] >= args.min_count
        and prep_content[pair] >= args.prep_min_rate * prep_total[pair]
        and pair.split()[-1] not in _NOT_PREPOSITIONS
    }
    data["belief_min_rate"] = args.belief_min_rate
    data["belief_lemmas"] = _counted(belief_kept, belief_cue, belief_total, forms)
    data["plan_min_rate"] = args.plan_min_rate
    data["plan_lemmas"] = _counted(plan_kept, plan_cue, plan_total, forms)
    out = Path(args.out)
    out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{len(kept)} cue lemmas -> {out}")


if __name__ == "__main__":
    main()
