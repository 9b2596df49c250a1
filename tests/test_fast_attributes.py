"""The fast attribute ruler gives exactly the attributes of spaCy's AttributeRuler."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

from narrascope.extract.attributes import FACTORY, FastAttributeRuler, _Column
from narrascope.extract.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "narrascope" / "examples"
SEEDS = ROOT / "tests" / "data" / "seeds"  # in the repository

SENTENCES = [
    "I don't know, and she can't say; we won't go and they shan't either.",
    "I ain't gonna lie: y'all gotta see it. Let's go! C'mon, it's Tom's car.",
    "He's been there. She'd have gone. I'd say it'd rain. You're right, they're not.",
    "We've got nothin' left, nuthin' at all. Doin' fine, goin' home, ol' man, "
    "somethin' new, tell 'em we'll have 'nuff.",
    "\u201cIt\u2019s over,\u201d he said. \u2018Isn\u2019t it?\u2019 She didn\u2019t answer.",
    "There is a problem. There's another. There are two; there were three.",
    "  Leading spaces,   multiple   spaces,\n\nnew paragraphs\n \n\t tabs\t\tand   \n",
    "I DON'T KNOW.  GONNA WIN.  Y'ALL COME BACK.  AIN'T NO SUNSHINE.",
    "Do you? Does he? Did they? Have you? Has it? Had we? I do. He does. They did.",
    "Something, anyone, anything, nothing, everyone, everybody and nobody matter.",
    "Give it to me and him, not to us or them; it was mine, not his or hers or theirs.",
    "The man who I saw is the one that left, which is this, that, these and those.",
    "Once upon a time, well before then, it was here and there; but he wasn't.",
    "Would you, could you, should you, might we, must they, may I, will it?",
    "ya'll y'all y all gon na got ta let 's c'm on ai n't ai nt",
    '"Quoted" (bracketed) [square] {curly} -- dashes \u2014 and \u2026 ellipses $5 #1 50%',
    "",
    "   ",
    "\n\n",
    "a",
]

Row = tuple[str, str, str, str, str, str]


def _example_texts() -> list[str]:
    texts = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(str(json.loads(line)["text"]))
        elif path.suffix in (".txt", ".html"):
            texts.append(path.read_text(encoding="utf-8"))
    if SEEDS.is_dir():
        texts.extend(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return texts


TEXTS = _example_texts() + SENTENCES


def _rows(doc: Doc) -> list[Row]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def fast_nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def spacy_nlp() -> Language:
    return load_nlp(fast_attributes=False)


@pytest.fixture(scope="module")
def ruler(spacy_nlp: Language) -> AttributeRuler:
    pipe = spacy_nlp.get_pipe("attribute_ruler")
    assert isinstance(pipe, AttributeRuler)
    return pipe


def _parsed(nlp: Language, texts: Iterable[str], pipes: tuple[str, ...]) -> list[Doc]:
    with nlp.select_pipes(enable=list(pipes)):
        return list(nlp.pipe(texts))


def _compare(docs: Iterable[Doc], first: Callable[[Doc], Doc], second: Callable[[Doc], Doc]) -> int:
    """Run both components on copies of each doc; assert equal rows, return tokens seen."""
    seen = 0
    for doc in docs:
        expected, got = _rows(first(doc.copy())), _rows(second(doc.copy()))
        for want, have in zip(expected, got, strict=True):
            assert have == want
        seen += len(expected)
    return seen


def test_load_nlp_swaps_the_component_in_place(fast_nlp: Language, spacy_nlp: Language) -> None:
    assert "attribute_ruler" not in fast_nlp.pipe_names
    slow = spacy_nlp.pipe_names
    assert fast_nlp.pipe_names == [FACTORY if n == "attribute_ruler" else n for n in slow]
    fast = fast_nlp.get_pipe(FACTORY)
    assert isinstance(fast, FastAttributeRuler)
    assert not fast.delegate
    assert fast.fallback_rules == []  # every rule of en_core_web_sm is on the fast path
    # The (disabled) lemmatizer is still there for stories.parsing._rule_lemmatizer.
    assert "lemmatizer" in dict(fast_nlp.components)


def test_pipeline_output_is_identical(fast_nlp: Language, spacy_nlp: Language) -> None:
    n_tokens = 0
    for fast_doc, slow_doc in zip(fast_nlp.pipe(TEXTS), spacy_nlp.pipe(TEXTS), strict=True):
        expected = _rows(slow_doc)
        assert _rows(fast_doc) == expected
        n_tokens += len(expected)
    assert n_tokens > 1000


def test_same_parse_identical_and_not_vacuous(spacy_nlp: Language, ruler: AttributeRuler) -> None:
    docs = _parsed(spacy_nlp, TEXTS, ("tok2vec", "tagger", "narrascope_paragraphs", "parser"))
    fast = FastAttributeRuler(ruler)
    assert _compare(docs, ruler, fast) > 1000
    # The comparison is meaningful: the rules change most tokens' attributes.
    before = [row for doc in docs for row in _rows(doc.copy())]
    after = [row for doc in docs for row in _rows(fast(doc.copy()))]
    assert sum(b != a for b, a in zip(before, after, strict=True)) > len(after) // 2


def test_unparsed_docs_match(spacy_nlp: Language, ruler: AttributeRuler) -> None:
    """Without a parser DEP is unset, which the NOT_IN [""] rules look at."""
    fast = FastAttributeRuler(ruler)
    assert _compare(_parsed(spacy_nlp, TEXTS, ("tok2vec", "tagger")), ruler, fast) > 1000
    assert _compare(_parsed(spacy_nlp, SENTENCES, ()), ruler, fast) > 100


def test_later_rules_override_earlier_ones(spacy_nlp: Language, ruler: AttributeRuler) -> None:
    doc = _parsed(spacy_nlp, ["I wasn't there."], ("tok2vec", "tagger", "parser"))[0]
    out = FastAttributeRuler(ruler)(doc)
    # "was" (VBD): the tag map says VERB, the later VBD+"was" rule says AUX, lemma be.
    was = next(t for t in out if t.lower_ == "was")
    assert (was.pos_, was.lemma_) == ("AUX", "be")


CUSTOM_RULES: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TEXT": "swap"}], [{"LOWER": "exchange"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"LEMMA": "<p>"}},
    {"patterns": [[{"POS": "NOUN", "OP": "+"}]], "attrs": {"MORPH": "Foo=Bar"}},
    {"patterns": [[{"LENGTH": {">=": 9}}]], "attrs": {"TAG": "XX"}},
    {
        "patterns": [[{"LOWER": {"REGEX": "^th"}}, {}]],
        "attrs": {"LEMMA": "after-th"},
        "index": -1,
    },
    {"patterns": [[{"TAG": "DT", "LOWER": {"NOT_IN": ["the", "a"]}}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"lower": "the"}, {"POS": "NOUN"}]], "attrs": {"DEP": "det2"}, "index": 0},
    {
        "patterns": [[{"ORTH": {"IN": ["Kyiv", "Geneva"]}, "IS_SPACE": False}]],
        "attrs": {"TAG": "NNP"},
    },
    {"patterns": [[{"TEXT": "Russia"}, {"IS_SPACE": True, "OP": "?"}]], "attrs": {"LEMMA": "RU"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"LEMMA": "noun", "POS": "PROPN"}},
]


def _custom_ruler(nlp: Language, rules: list[dict[str, Any]]) -> AttributeRuler:
    ruler = AttributeRuler(nlp.vocab, name="custom")
    ruler.add_patterns(rules)
    return ruler


def test_custom_rules_with_fallback_patterns(spacy_nlp: Language) -> None:
    ruler = _custom_ruler(spacy_nlp, CUSTOM_RULES)
    fast = FastAttributeRuler(ruler)
    # OP and comparison predicates run on the fallback Matcher; the rest is fast.
    assert fast.fallback_rules == [3, 4, 9]
    assert not fast.delegate
    docs = _parsed(spacy_nlp, TEXTS, ("tok2vec", "tagger", "parser", "attribute_ruler"))
    assert _compare(docs, ruler, fast) > 1000


def test_rules_setting_other_attributes_delegate(spacy_nlp: Language) -> None:
    norm_rule = {"patterns": [[{"LOWER": "swap"}]], "attrs": {"NORM": "exchange"}}
    ruler = _custom_ruler(spacy_nlp, [*CUSTOM_RULES[:3], norm_rule])
    fast = FastAttributeRuler(ruler)
    assert fast.delegate
    docs = _parsed(spacy_nlp, TEXTS[:3], ("tok2vec", "tagger"))
    assert _compare(docs, ruler, fast) > 100


def test_regex_cache_stays_exact_across_merges() -> None:
    """The per-value regex cache (dict, then merged sorted arrays) matches brute force."""
    strings = StringStore()
    words = [f"w{i}" for i in range(3000)] + ["nt", "n't", "y", "y'", "nothin'", "nuthin'"]
    ids = np.array([strings.add(w) for w in words], dtype=np.uint64)
    col = _Column(0, [int(ids[0])], ["^n'?t$", "^y'?$", "^n[ou]thin'$"])
    rng = np.random.default_rng(0)
    for _ in range(30):
        values = ids[rng.integers(0, len(ids), 300)]
        want = [
            1 if v == ids[0] else (1 + bits if (bits := col._search(strings[int(v)])) else 0)
            for v in values.tolist()
        ]
        assert col.encode(values, strings).tolist() == want
    assert len(col._seen) > 0  # merged at least once
