"""Entity mentions: spaCy NER, cleaned, relabelled and propagated through the document."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from narrascope.extract import names, resources
from narrascope.extract.doctext import doc_text
from narrascope.models import Mention

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_CAPITAL = re.compile(r"^[A-Z]")
# a court case ("Smith v. Jones", "Roe vs Wade"): a title, not a party, so no entity
_CASE_NAME = re.compile(r"\S\s+(?:v|vs)\.?\s+[A-Z]")


def find_mentions(sdoc: Doc) -> list[Mention]:
    """Named-entity mentions of people, organisations and places, with clean offsets."""
    text = doc_text(sdoc)
    found: list[Mention] = []
    for ent in sdoc.ents:
        if ent.label_ not in LABELS:
            continue
        for start, end in name_pieces(text, ent.start_char, ent.end_char):
            mention = _clean(text, start, end, ent.label_)
            if mention is not None:
                found.append(mention)
    found = relabel(_particle_names(text, _joined_countries(text, found)))
    found += acronyms_in_brackets(text, found)
    return sorted(found + propagate(text, found), key=lambda m: (m.start, m.end))


_PARTICLES = r"(?:von|van|der|den|de|du|la|le|da|di|dos|del|della|bin|ibn|al|el|ter|ten)"
_PARTICLE_NAME = re.compile(
    rf"\b(?P<first>[A-Z][a-z’'-]+[ ]+)?(?P<particles>(?i:{_PARTICLES})(?:[ ]+{_PARTICLES}){{0,2}})"
    r"[ ]+(?P<last>[A-Z][\w’'-]+)"
)


def _particle_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names with lowercase particles ("Ursula von der Leyen", "von der Leyen", "Charles
    de Gaulle"), which the recogniser cuts into pieces of any label ("Ursula" and a place
    "Leyen"): one person when a piece was read as a person, the name opens with a given
    name or with two particles; "Université de Montréal" is left alone."""
    if not mentions:
        return mentions
    given = resources.first_name_genders()
    out = list(mentions)
    for match in _PARTICLE_NAME.finditer(text):
        start, end = match.span()
        first = match["first"]
        if first is None and not text[start].islower() and start > 0 and text[start - 1] != "\n":
            continue  # "Bank of ..." mid-sentence: a capitalised particle opens no name
        particles = len(match["particles"].split())
        if first is not None and first.strip().casefold() in _PARTICLE_WORDS:
            first, particles = None, particles + 1  # "Von der Leyen" opening a sentence
        inside = [m for m in out if m.start < end and start < m.end]
        if not inside or any(m.start < start or m.end > end for m in inside):
            continue
        named = first is not None and first.strip().casefold() in given
        double = first is None and particles >= 2  # "von der X"
        if not named and not double and not any(m.label == "PERSON" for m in inside):
            continue
        out = [m for m in out if m not in inside]
        out.append(Mention(text[start:end], start, end, "PERSON"))
    return sorted(out, key=lambda m: (m.start, m.end))


_PARTICLE_WORDS = frozenset(re.findall(r"\w+", _PARTICLES))


def _joined_countries(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two names a space apart that together name a country are one ("DR" + "Congo")."""
    table = resources.country_names()
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and text[last.end : m.start] == " "
            and names.country_form(text[last.start : m.end]) in table
        ):
            out[-1] = Mention(text[last.start : m.end], last.start, m.end, "GPE")
            continue
        out.append(m)
    return out


_BRACKETED = re.compile(r"\s*\(([A-Z][A-Z&.]{1,7})\)")


def acronyms_in_brackets(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """ "World Meteorological Organization (WMO)": the acronym is a mention of the same body."""
    extra = []
    for m in mentions:
        if m.label not in {"ORG", "GPE", "FAC"}:
            continue
        match = _BRACKETED.match(text, m.end)
        if match and names.acronym_of(m.text).startswith(match.group(1).replace(".", "")[:1]):
            extra.append(Mention(match.group(1), match.start(1), match.end(1), "ORG"))
    return extra


_SLASH = re.compile(r"(?<=\w)\s*/\s*(?=[A-Z])")
_POSSESSOR = re.compile(r"^[^'’]*\w(?:['’]s|s['’])\s+(?=\S)")
_MARKUP = re.compile(r"[<>@#|{}]|https?:|www\.")
# "HPQ-Stock Picks": a ticker glued to a section's name, alone on its line
_TICKER_SECTION = re.compile(r"[A-Z]{2,5}-[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def _section_label(text: str, start: int, end: int) -> bool:
    """A page's section label such as "HPQ-Stock Picks", a whole line by itself."""
    if _TICKER_SECTION.fullmatch(text, start, end) is None:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return line.strip() == text[start:end]


def name_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names one recognised span holds.

    "A News/B Post" (two sponsors, a photo credit "Handout/Agency") is two names; an
    unclosed bracket ends the name ("Federal Bureau of Investigation (FBI" is cut before
    the bracket, whose acronym is found on its own); in "X’s Office of Y" the name
    is what follows the possessor; a colon ends the name ("Harbour Post: news" is a
    headline's label and what follows it).
    """
    surface = text[start:end]
    colon = surface.find(": ")
    if colon > 0:
        end = start + colon
        surface = text[start:end]
    bracket = surface.find("(")
    if bracket > 0 and ")" not in surface[bracket:]:
        end = start + bracket
        surface = text[start:end]
    owner = _POSSESSOR.match(surface)
    if owner is not None:
        start += owner.end()
        surface = text[start:end]
    parts = [m.span() for m in re.finditer(r"[^/]+", surface)]
    if len(parts) < 2 or not _SLASH.search(surface) or all(b - a <= 3 for a, b in parts):
        return [(start, end)]  # "AC/DC": a short pair is one name
    return [(start + a, start + b) for a, b in parts]


_LOWER_TAIL = re.compile(r"(?:\s+[a-z]+|\s*&)+$")
_NUMBER_TAIL = re.compile(r"(?:\s+\d[\d:.,-]*)+$")


def _clean(text: str, start: int, end: int, label: str) -> Mention | None:
    start, end = names.trim_span(text, start, end)
    surface = _LOWER_TAIL.sub("", text[start:end])  # "George the" (of "George the third")
    if label == "PERSON":
        surface = _NUMBER_TAIL.sub("", surface)  # "Matthew 24 12": a verse, not a name
    end = start + len(surface)
    particle = label == "PERSON" and _PARTICLE_NAME.fullmatch(surface) is not None
    if not surface or not (_CAPITAL.match(surface) or particle) or "\n" in surface:
        return None  # "von der Leyen" opens with a particle, not a capital
    if _MARKUP.search(surface) or _section_label(text, start, end):  # page clutter
        return None
    if _CASE_NAME.search(surface):
        return None
    if label == "PERSON" and surface.lower().rstrip(".") in resources.titles():
        return None  # a title the sentence splitter cut from its name: "said Sgt." | "X, who"
    if label == "PERSON":  # titles glued to the name by NER: "Spokeswoman Maria Ivanova"
        bare = names.strip_titles(surface)
        offset = surface.rfind(bare) if bare else -1
        if bare and offset > 0:
            start, surface = start + offset, bare
            end = start + len(bare)
    elif (cut := _role_after(surface)) is not None:  # "Google VP", "Harbour Council spokesman"
        surface = surface[:cut].rstrip()
        end = start + len(surface)
    if names.metonym_key(surface) is not None:
        label = "ORG"
    return Mention(text=surface, start=start, end=end, label=label)


def _role_after(surface: str) -> int | None:
    """Where a role glued after an organisation's or place's name starts, if one is
    ("Google VP’s emails": the name is "Google"); never when the whole name is a role
    ("Attorney General") or ends with one after a linking word ("Office of the President")."""
    spans = [m.span() for m in re.finditer(r"\S+", surface)]
    tokens = [surface[a:b].lower().rstrip(".") for a, b in spans]
    titles = resources.titles()
    k = len(tokens) - 1
    if k < 1 or tokens[k] not in titles:
        return None
    while k > 0 and (" ".join(tokens[k - 1 :]) in titles or tokens[k - 1] in titles):
        k -= 1  # "UN Secretary General", "Attorney General"
    if k == 0 or tokens[k - 1] in _LINKING_WORDS or not surface[spans[k - 1][0]].isupper():
        return None
    if names.country_of(surface[: spans[k - 1][1]]) is not None:
        return None  # "US Attorney General": a country's office, not the country
    return spans[k][0]


def relabel(mentions: list[Mention]) -> list[Mention]:
    """One-word mentions that repeat a person's name part are people ("Ivanova" tagged ORG);
    an organisation named as a country is the country ("DR Congo" tagged ORG); a place
    named by a demonym is a people ("Ukrainian" tagged GPE)."""
    parts: set[str] = set()
    for m in mentions:
        toks = names.words(m.text)
        if m.label == "PERSON" and len(toks) > 1:
            parts.update(names.translit_key(t) for t in (toks[0], toks[-1]))
    singles = {
        names.translit_key(m.text)
        for m in mentions
        if m.label == "PERSON" and len(names.words(m.text)) == 1
    }
    out = []
    for m in mentions:
        toks = names.words(m.text)
        if (
            m.label != "PERSON"
            and names.country_of(m.text) is None
            and _name_like(toks)
            and (
                (len(toks) == 1 and names.translit_key(m.text) in parts)
                or (1 < len(toks) <= 3 and names.translit_key(toks[-1]) in singles | parts)
            )
        ):
            m = Mention(m.text, m.start, m.end, "PERSON")
        elif m.label == "ORG" and names.country_form(m.text) in resources.country_names():
            m = Mention(m.text, m.start, m.end, "GPE")
        elif m.label in ("GPE", "LOC") and names.is_demonym(m.text):
            m = Mention(m.text, m.start, m.end, "NORP")  # "Ukrainian" is a people, not a place
        out.append(m)
    return out


def _name_like(toks: list[str]) -> bool:
    """Capitalised words that are not all capitals (acronyms) nor institution words."""
    stop = resources.institutions().stop_words
    return all(t[:1].isupper() and not t.isupper() for t in toks) and not any(
        t.lower() in stop or names.country_of(t) for t in toks
    )


def propagate(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """Further occurrences of names NER found once but missed elsewhere."""
    known: dict[str, str] = {}
    for m in mentions:
        toks = names.words(m.text)
        if m.label == "PERSON" and len(toks) > 1 and len(toks[-1]) > 2 and toks[-1][:1].isupper():
            known.setdefault(toks[-1], "PERSON")
        if len(m.text) > 2 and m.label in {"PERSON", "ORG"}:
            known.setdefault(m.text, m.label)
    if not known:
        return []
    taken = [(m.start, m.end) for m in mentions]
    alternation = "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    extra = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        if not headline_at(text, start) and inside_name(text, start, end):
            continue
        extra.append(Mention(match.group(), start, end, known[match.group()]))
        taken.append((start, end))
    return extra


def headline_at(text: str, pos: int) -> bool:
    """The line at ``pos`` is a title-case headline ("Mayor Ann Roe Opens New Bridge"),
    where every word is capitalised and a name cannot be told apart by its capitals."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    line_words = re.findall(r"[^\W\d_][\w'’-]*", text[lo : len(text) if hi < 0 else hi])
    if len(line_words) < 3:
        return False
    caps = sum(1 for w in line_words if w[:1].isupper())
    return caps >= 0.8 * len(line_words)


def inside_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word touches the match, so it is part of a longer name."""
    before = re.search(r"([A-Z][\w'’-]*)[ \t]$", text[max(0, start - 30) : start])
    after = re.match(r"[ \t]([A-Z][\w-]*)", text[end : end + 30])
    lead = before.group(1).lower() if before else ""
    titled = lead in resources.titles() or names.country_of(lead) is not None
    return bool(before and lead not in _SENTENCE_WORDS and not titled) or bool(
        after and after.group(1) not in {"I"}
    )


_SENTENCE_WORDS = frozenset({"the", "a", "an", "and", "but", "as", "when", "while", "if"})
_LINKING_WORDS = frozenset({"the", "of", "for", "and", "to", "on", "in", "de", "du", "des"})
