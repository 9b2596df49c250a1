"""A faster drop-in replacement for spaCy's ``attribute_ruler`` component.

spaCy's :class:`~spacy.pipeline.AttributeRuler` runs a :class:`~spacy.matcher.Matcher`
with every rule (179 in ``en_core_web_sm``) over every token and then writes the
attributes of each match one token at a time. Nearly all of those rules are
single-token patterns that test exact values (or ``IN`` / ``NOT_IN`` / ``REGEX``)
of a few token attributes, so the outcome for a token depends only on a small
"signature": for each attribute the rules read, which of the values named by the
rules it has (or none of them), plus which regexes it matches. This component
computes that signature for every token with numpy, resolves each distinct
signature once (the result is memoised across documents) and writes all
attributes back with one ``Doc.from_array`` call.

The rules are read from the model's own ruler, so nothing is hard-coded, and the
result is exactly the original's: every rule's conditions are evaluated on the
tokens as they were before the component ran (the Matcher sees the unmodified
doc too) and rules are applied in rule order, so a later rule overrides an
earlier one per attribute, as in ``AttributeRuler.set_annotations``.

* Fixed-length multi-token patterns are resolved from the same signatures.
* Patterns the fast path does not understand (operators such as ``OP``,
  comparison or fuzzy predicates, extension attributes, attributes outside a
  known list, an out-of-range ``index``) stay on a small fallback ``Matcher``
  holding only those patterns; its matches are merged in rule order.
* If a rule sets anything other than POS, TAG, DEP, LEMMA or MORPH (which
  ``set_token_attrs`` writes straight onto the token), or the signatures would
  not fit in 62 bits, the component simply delegates every doc to the original
  ruler.

The rules are a snapshot taken when the component is built: patterns added to
the source ruler afterwards are not seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

FACTORY = "narrascope_attribute_ruler"

# Attributes that ``set_token_attrs`` writes as a plain struct field on the token
# (and which Doc.from_array writes the same way).
_TOKEN_ATTRS = frozenset(IDS[name] for name in ("LEMMA", "POS", "TAG", "DEP", "MORPH"))
# Attributes whose value the Matcher reads exactly as Doc.to_array does.
_VALUE_ATTRS = frozenset(
    IDS[name]
    for name in (
        "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX",
        "TAG", "POS", "DEP", "LEMMA", "ENT_TYPE",
    )
)  # fmt: skip
_FLAG_ATTRS = frozenset(
    IDS[name]
    for name in (
        "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE",
        "IS_TITLE", "IS_UPPER", "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP",
    )
)  # fmt: skip
_MAX_REGEXES = 8  # per attribute; with more the component delegates to the source
_MAX_KEY = 1 << 62  # signatures are packed into one int64
_MEMO_LIMIT = 500_000  # cached signatures / regex results before a reset
_MERGE_EVERY = 512

Pred = tuple[int, str, Any]  # (attr id, "eq" | "in" | "not_in" | "regex", payload)
Spec = tuple[Pred, ...]  # the conditions on one token of a pattern


class _UnsupportedError(Exception):
    """A pattern uses something the fast path does not evaluate."""


def _attr_id(key: Any) -> int:
    """The attribute id of a pattern key, as the Matcher resolves it."""
    if isinstance(key, str):
        name = key.upper()
        name = {"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}.get(name, name)
        attr = IDS.get(name)
    elif isinstance(key, int) and not isinstance(key, bool):
        attr = key
    else:
        attr = None
    if attr not in _VALUE_ATTRS and attr not in _FLAG_ATTRS:
        raise _UnsupportedError(key)
    return int(attr)


def _value_id(value: Any, strings: Any) -> int:
    """An exact pattern value as the Matcher stores it (strings are added)."""
    if isinstance(value, str):
        return int(strings.add(value))
    if isinstance(value, int):  # bool included: True -> 1
        return int(value)
    raise _UnsupportedError(value)


def _set_ids(values: Any) -> frozenset[int]:
    """The values of an IN / NOT_IN predicate as the Matcher compares them."""
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, (str, int)) for v in values):
        raise _UnsupportedError(values)
    return frozenset(int(get_string_id(v)) for v in values)


def _parse_spec(spec: Any, strings: Any) -> Spec:
    """The conditions of one token pattern, or ``_UnsupportedError``."""
    if not isinstance(spec, dict):
        raise _UnsupportedError(spec)
    preds: list[Pred] = []
    for key, value in spec.items():
        if isinstance(key, str) and key.upper() in ("OP", "_"):
            raise _UnsupportedError(key)
        attr = _attr_id(key)
        if not isinstance(value, dict):
            preds.append((attr, "eq", _value_id(value, strings)))
            continue
        for op, arg in value.items():
            op = op.upper() if isinstance(op, str) else op
            if op in ("IN", "NOT_IN"):
                preds.append((attr, "in" if op == "IN" else "not_in", _set_ids(arg)))
            elif op == "REGEX" and isinstance(arg, str) and attr in _VALUE_ATTRS:
                preds.append((attr, "regex", arg))
            else:
                raise _UnsupportedError(op)
    return tuple(sorted(preds, key=repr))


_EMPTY_U64: npt.NDArray[np.uint64] = np.zeros(0, dtype=np.uint64)


def _padded(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Sorted ``values`` plus a copy of the last, so every ``searchsorted`` position
    indexes it and ``padded[searchsorted(values, v)] == v`` exactly when ``v`` is in
    ``values`` (the pad is only reached for ``v`` above the last value)."""
    return np.append(values, values[-1:])


class _Column:
    """One attribute the rules read, and how its values are encoded.

    A value's code is its position + 1 among the values the rules name, 0 for
    any other value, or ``len(named) + bits`` for another value that matches
    some of the column's regexes (bit ``b`` for regex ``b``).
    """

    def __init__(self, attr: int, named: Iterable[int], regexes: Iterable[str]) -> None:
        self.attr = attr
        self.named = np.array(sorted(named), dtype=np.uint64)
        self._named_pad = _padded(self.named) if len(self.named) else self.named
        self.regexes = [re.compile(rx) for rx in regexes]
        self.radix = len(self.named) + (1 << len(self.regexes))
        self.stride = 1
        # Regex bits of values seen so far: a sorted array plus recent additions.
        self._seen = _EMPTY_U64
        self._seen_pad = _EMPTY_U64
        self._seen_bits: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._recent: dict[int, int] = {}

    def _search(self, text: str) -> int:
        return sum(1 << b for b, rx in enumerate(self.regexes) if rx.search(text))

    def regex_bits(self, code: int, strings: Any) -> int:
        """The regex bits of a value with this code."""
        n = len(self.named)
        if code > n:
            return code - n
        if code == 0:
            return 0
        return self._search(strings[int(self.named[code - 1])])

    def encode(self, values: npt.NDArray[np.uint64], strings: Any) -> npt.NDArray[np.int64]:
        """The code of every value."""
        if len(self.named):
            pos = np.searchsorted(self.named, values)
            found = self._named_pad[pos] == values
            code: npt.NDArray[np.int64] = np.where(found, pos + 1, 0)
        else:
            found = np.zeros(len(values), dtype=bool)
            code = np.zeros(len(values), dtype=np.int64)
        if self.regexes and not found.all():
            rest = np.flatnonzero(~found)
            bits = self._other_bits(values[rest], strings)
            code[rest] = np.where(bits > 0, len(self.named) + bits, 0)
        return code

    def _other_bits(self, values: npt.NDArray[np.uint64], strings: Any) -> npt.NDArray[np.int64]:
        """Regex bits of values the rules do not name, cached per value."""
        if len(self._seen):
            pos = np.searchsorted(self._seen, values)
            hit = self._seen_pad[pos] == values
            bits: npt.NDArray[np.int64] = np.where(hit, self._seen_bits[pos], 0)
            if hit.all():
                return bits
        else:
            hit = np.zeros(len(values), dtype=bool)
            bits = np.zeros(len(values), dtype=np.int64)
        recent = self._recent
        for i in np.flatnonzero(~hit).tolist():
            value = int(values[i])
            found = recent.get(value)
            if found is None:
                found = recent[value] = self._search(strings[value])
            bits[i] = found
        if len(recent) >= _MERGE_EVERY:
            self._merge()
        return bits

    def _merge(self) -> None:
        """Move the recently seen values into the sorted arrays (they are all new)."""
        count = len(self._recent)
        new = np.fromiter(self._recent.keys(), dtype=np.uint64, count=count)
        new_bits = np.fromiter(self._recent.values(), dtype=np.int64, count=count)
        order = np.argsort(new)
        if len(self._seen) + count > _MEMO_LIMIT:
            seen, seen_bits = _EMPTY_U64, np.zeros(0, dtype=np.int64)
        else:
            seen, seen_bits = self._seen, self._seen_bits[: len(self._seen)]
        pos = np.searchsorted(seen, new[order])
        self._seen = np.insert(seen, pos, new[order])
        self._seen_pad = _padded(self._seen)
        self._seen_bits = np.append(np.insert(seen_bits, pos, new_bits[order]), 0)
        self._recent = {}


@dataclass
class _MultiPattern:
    rule: int
    bits: tuple[int, ...]  # signature bit of each token's spec
    target: int  # offset of the token the rule writes


class FastAttributeRuler:
    """Applies an ``AttributeRuler``'s rules with identical results, much faster."""

    def __init__(self, ruler: AttributeRuler, name: str = FACTORY) -> None:
        self.name = name
        self.source = ruler
        self.vocab = ruler.vocab
        self.delegate = False
        self.fallback = Matcher(ruler.vocab)
        self._fallback_rules: dict[int, int] = {}  # match id -> rule id
        self._indices: list[int] = list(ruler.indices)
        out_attrs: list[int | str] = []
        for attrs in ruler.attrs:
            for key in attrs:
                if key not in _TOKEN_ATTRS:
                    self.delegate = True
                elif key not in out_attrs:
                    out_attrs.append(key)
        self.out_attrs = out_attrs
        col_of = {attr: j for j, attr in enumerate(out_attrs)}
        self._rule_sets: list[tuple[tuple[int, int], ...]] = [
            tuple((col_of[k], int(v)) for k, v in attrs.items() if k in col_of)
            for attrs in ruler.attrs
        ]
        self._compile(ruler.patterns)
        # Memo: signature -> result id; results are deduplicated.
        self._memo: dict[int, int] = {}
        self._results: dict[tuple[tuple[int, ...], int], int] = {}
        self._res_rules: list[tuple[int, ...]] = []
        self._res_vals: list[list[int]] = []
        self._res_set: list[list[bool]] = []
        self._res_multi: list[int] = []
        self._refresh()

    # -- compilation ---------------------------------------------------------

    def _compile(self, patterns: Sequence[Mapping[str, Any]]) -> None:
        strings = self.vocab.strings
        singles: list[tuple[int, Spec]] = []
        multis: list[tuple[int, list[Spec], int, Any]] = []
        for rule, entry in enumerate(patterns):
            index = int(entry.get("index", 0))
            for pattern in entry["patterns"]:
                try:
                    if not isinstance(pattern, list) or not pattern:
                        raise _UnsupportedError(pattern)
                    specs = [_parse_spec(spec, strings) for spec in pattern]
                    target = index if index >= 0 else len(specs) + index
                    if not 0 <= target < len(specs):
                        raise _UnsupportedError(index)  # the fallback raises like spaCy
                except _UnsupportedError:
                    self._add_fallback(rule, pattern)
                    continue
                if len(specs) == 1:
                    singles.append((rule, specs[0]))
                else:
                    multis.append((rule, specs, target, pattern))
        # Specs are deduplicated; multi-token ones get a signature bit (64 at most).
        spec_ids: dict[Spec, int] = {}
        self._specs: list[Spec] = []
        self._spec_rules: list[list[int]] = []
        self._spec_bit: list[int] = []

        def spec_id(spec: Spec) -> int:
            if spec not in spec_ids:
                spec_ids[spec] = len(self._specs)
                self._specs.append(spec)
                self._spec_rules.append([])
                self._spec_bit.append(-1)
            return spec_ids[spec]

        for rule, spec in singles:
            self._spec_rules[spec_id(spec)].append(rule)
        self._multi: list[_MultiPattern] = []
        n_bits = 0
        for rule, specs, target, pattern in multis:
            ids = [spec_id(spec) for spec in specs]
            new = {s for s in ids if self._spec_bit[s] < 0}
            if n_bits + len(new) > 64:
                self._add_fallback(rule, pattern)
                continue
            for s in sorted(new):
                self._spec_bit[s] = n_bits
                n_bits += 1
            self._multi.append(_MultiPattern(rule, tuple(self._spec_bit[s] for s in ids), target))
        first = 0
        for m in self._multi:
            first |= 1 << m.bits[0]
        self._first_mask = np.uint64(first)
        self._build_columns()

    def _add_fallback(self, rule: int, pattern: Any) -> None:
        key = self.vocab.strings.add(f"{FACTORY}:{rule}")
        self.fallback.add(key, [pattern])
        self._fallback_rules[int(key)] = rule

    def _build_columns(self) -> None:
        attrs: list[int] = []
        named: dict[int, set[int]] = {}
        regexes: dict[int, list[str]] = {}
        for spec in self._specs:
            for attr, kind, arg in spec:
                if attr not in attrs:
                    attrs.append(attr)
                    named[attr] = set()
                    regexes[attr] = []
                if kind == "eq":
                    named[attr].add(arg)
                elif kind in ("in", "not_in"):
                    named[attr].update(arg)
                elif arg not in regexes[attr]:
                    regexes[attr].append(arg)
        self.columns = [_Column(attr, named[attr], regexes[attr]) for attr in attrs]
        key_space = 1
        for col in reversed(self.columns):
            col.stride = key_space
            key_space *= col.radix
        if key_space >= _MAX_KEY or any(len(c.regexes) > _MAX_REGEXES for c in self.columns):
            self.delegate = True  # too many combinations to pack; stay exact
        # Each spec becomes conditions on codes; index specs by one exact condition.
        code_of = [
            {int(v): i + 1 for i, v in enumerate(col.named.tolist())} for col in self.columns
        ]
        col_of = {col.attr: j for j, col in enumerate(self.columns)}
        self._conds: list[list[tuple[int, str, Any]]] = []
        self._index: list[dict[int, list[int]]] = [{} for _ in self.columns]
        self._always: list[int] = []
        for s, spec in enumerate(self._specs):
            conds: list[tuple[int, str, Any]] = []
            best: tuple[int, frozenset[int]] | None = None
            for attr, kind, arg in spec:
                j = col_of[attr]
                if kind == "regex":
                    conds.append((j, "regex", regexes[attr].index(arg)))
                    continue
                values = {arg} if kind == "eq" else arg
                codes = frozenset(code_of[j][v] for v in values)
                conds.append((j, "not_in" if kind == "not_in" else "in", codes))
                if kind != "not_in" and (
                    best is None or len(self.columns[j].named) > len(self.columns[best[0]].named)
                ):
                    best = (j, codes)
            self._conds.append(conds)
            if best is None:
                self._always.append(s)
            else:
                for code in best[1]:
                    self._index[best[0]].setdefault(code, []).append(s)

    # -- resolving signatures --------------------------------------------------

    def _resolve(self, key: int) -> int:
        """The result id of a signature: the rules its tokens satisfy and their effect."""
        codes = [(key // col.stride) % col.radix for col in self.columns]
        candidates = set(self._always)
        for j, code in enumerate(codes):
            candidates.update(self._index[j].get(code, ()))
        strings = self.vocab.strings
        rules: set[int] = set()
        multi = 0
        for s in candidates:
            ok = True
            for j, kind, arg in self._conds[s]:
                code = codes[j]
                if kind == "in":
                    ok = code in arg
                elif kind == "not_in":
                    ok = code not in arg
                else:
                    ok = bool(self.columns[j].regex_bits(code, strings) >> arg & 1)
                if not ok:
                    break
            if ok:
                rules.update(self._spec_rules[s])
                if self._spec_bit[s] >= 0:
                    multi |= 1 << self._spec_bit[s]
        result = (tuple(sorted(rules)), multi)
        rid = self._results.get(result)
        if rid is None:
            rid = len(self._res_rules)
            self._results[result] = rid
            vals = [0] * len(self.out_attrs)
            is_set = [False] * len(self.out_attrs)
            for rule in result[0]:
                for j, value in self._rule_sets[rule]:
                    vals[j] = value
                    is_set[j] = True
            self._res_rules.append(result[0])
            self._res_vals.append(vals)
            self._res_set.append(is_set)
            self._res_multi.append(multi)
        self._memo[key] = rid
        return rid

    def _refresh(self) -> None:
        width = len(self.out_attrs)
        self._vals = np.array(self._res_vals, dtype=np.uint64).reshape(-1, width)
        self._set = np.array(self._res_set, dtype=bool).reshape(-1, width)
        self._multi_bits = np.array(self._res_multi, dtype=np.uint64)

    def _signatures(self, doc: Doc) -> npt.NDArray[np.int64]:
        values = np.asarray(doc.to_array([c.attr for c in self.columns]), dtype=np.uint64)
        key = np.zeros(len(doc), dtype=np.int64)
        strings = self.vocab.strings
        for j, col in enumerate(self.columns):
            key += col.encode(values[:, j], strings) * col.stride
        return key

    # -- applying ------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes of every token exactly as the source ruler would."""
        if self.delegate:
            return self.source(doc)
        n = len(doc)
        if n == 0 or not self.out_attrs:
            return doc
        keys = self._signatures(doc).tolist() if self.columns else [0] * n
        memo = self._memo
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        try:
            rid = np.fromiter(map(memo.__getitem__, keys), dtype=np.intp, count=n)
        except KeyError:
            for key in set(keys).difference(memo):
                self._resolve(key)
            self._refresh()
            rid = np.fromiter(map(memo.__getitem__, keys), dtype=np.intp, count=n)
        orig = np.asarray(doc.to_array(self.out_attrs), dtype=np.uint64).reshape(n, -1)
        out = np.where(self._set[rid], self._vals[rid], orig)
        # Tokens written by multi-token or fallback patterns: redo them in rule order.
        for i, more in self._extra_matches(doc, rid).items():
            row = orig[i].copy()
            for rule in sorted(more.union(self._res_rules[int(rid[i])])):
                for j, value in self._rule_sets[rule]:
                    row[j] = value
            out[i] = row
        doc.from_array(self.out_attrs, cast(Any, out))
        return doc

    def _extra_matches(self, doc: Doc, rid: npt.NDArray[np.intp]) -> dict[int, set[int]]:
        """Token -> rules from multi-token and fallback patterns that write to it."""
        extra: dict[int, set[int]] = {}
        n = len(doc)
        if self._multi:
            bits = self._multi_bits[rid]
            starts = np.flatnonzero(bits & self._first_mask)
            if starts.size:
                sig = bits.tolist()
                for i in starts.tolist():
                    for pat in self._multi:
                        if i + len(pat.bits) <= n and all(
                            sig[i + k] >> b & 1 for k, b in enumerate(pat.bits)
                        ):
                            extra.setdefault(i + pat.target, set()).add(pat.rule)
        if len(self.fallback):
            for match_id, start, end in self.fallback(doc, allow_missing=True):
                rule = self._fallback_rules[match_id]
                index = self._indices[rule]
                target = start + index if index >= 0 else end + index
                if not start <= target < end:
                    raise ValueError(
                        f"attribute_ruler rule {rule}: index {index} is out of range "
                        f"for the matched span {[t.text for t in doc[start:end]]}"
                    )
                extra.setdefault(target, set()).add(rule)
        return extra

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Apply the rules to a stream of docs."""
        for doc in stream:
            yield self(doc)

    @property
    def fallback_rules(self) -> list[int]:
        """The rules with at least one pattern on the fallback Matcher."""
        return sorted(set(self._fallback_rules.values()))


@Language.factory(FACTORY, default_config={"source": "attribute_ruler"})
def make_fast_attribute_ruler(nlp: Language, name: str, source: str) -> FastAttributeRuler:
    """Build the fast ruler from the pipeline's ``source`` AttributeRuler."""
    ruler = nlp.get_pipe(source)
    if not isinstance(ruler, AttributeRuler):
        raise ValueError(f"pipe {source!r} is not an AttributeRuler")
    return FastAttributeRuler(ruler, name=name)


def use_fast_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the active AttributeRuler pipe ``name`` in place by the fast one.

    The new pipe is named :data:`FACTORY`; returns whether a swap happened.
    """
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return False
    nlp.add_pipe(FACTORY, name=FACTORY, after=name, config={"source": name})
    nlp.remove_pipe(name)
    return True
