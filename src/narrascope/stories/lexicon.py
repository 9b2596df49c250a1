"""Word lists the claim and contradiction rules use (general English, no article strings)."""

from __future__ import annotations

# Nouns naming an office or role; a person's title contains at least one.
OFFICE_WORDS = frozenset(
    {
        "president",
        "minister",
        "secretary",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "head",
        "governor",
        "mayor",
        "ambassador",
        "general",
        "commander",
        "chancellor",
        "premier",
        "senator",
        "envoy",
        "adviser",
        "advisor",
        "aide",
        "negotiator",
        "ceo",
        "leader",
        "speaker",
        "prosecutor",
        "judge",
        "colonel",
        "admiral",
        "lieutenant",
        "captain",
        "mp",
        "lawmaker",
        "deputy",
        "representative",
        "attorney",
        "editor",
        "founder",
        "coach",
        "manager",
        "officer",
        "commissioner",
        "inspector",
        "treasurer",
        "king",
        "queen",
        "prince",
        "pope",
        "bishop",
    }
)
# Spelling or gender variants of an office, mapped to one form.
OFFICE_VARIANTS = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "advisor": "adviser",
    "chairman": "chair",
    "chairwoman": "chair",
    "aide": "adviser",
    "defense": "defence",
}
# Rank qualifiers: two titles of one office that differ in rank are incompatible.
RANK_WORDS = frozenset({"deputy", "vice", "acting", "assistant", "junior"})
# A title with these no longer holds (or not yet), so it conflicts with nothing.
NOT_CURRENT_WORDS = frozenset(
    {
        "former",
        "ex",
        "then",
        "late",
        "outgoing",
        "incoming",
        "future",
        "elect",
        "designate",
        "previous",
        "past",
        "one-time",
        "onetime",
        "erstwhile",
    }
)

# Event nouns grouped by what happens; the class name is the normalised theme.
EVENT_CLASSES = {
    "meeting": (
        "meeting",
        "talk",
        "negotiation",
        "summit",
        "round",
        "session",
        "conference",
        "discussion",
        "consultation",
        "dialogue",
    ),
    "attack": ("attack", "strike", "raid", "bombing", "shelling", "assault", "offensive"),
    "election": ("election", "vote", "referendum", "ballot", "poll"),
    "ceasefire": ("ceasefire", "truce", "armistice"),
    "visit": ("visit", "trip", "tour"),
    "exchange": ("exchange", "swap"),
    "protest": ("protest", "demonstration", "rally", "march", "strike"),
}
EVENT_CLASS_OF = {noun: cls for cls, nouns in EVENT_CLASSES.items() for noun in nouns}

# Verbs (lemmas) that state that an event happened.
OCCUR_VERBS = frozenset(
    {
        "occur",
        "happen",
        "hold",
        "take",
        "convene",
        "meet",
        "begin",
        "start",
        "open",
        "end",
        "conclude",
        "resume",
        "launch",
        "stage",
    }
)
# Lemmas that mark a clause as not (yet) factual: plans, proposals, conditions, wishes.
NON_FACTUAL = frozenset(
    {
        "will",
        "would",
        "could",
        "might",
        "may",
        "should",
        "must",
        "shall",
        "plan",
        "propose",
        "expect",
        "schedule",
        "want",
        "hope",
        "intend",
        "seek",
        "call",
        "urge",
        "offer",
        "if",
        "unless",
        "prepare",
        "ready",
        "insist",
        "demand",
        "suggest",
        "consider",
        "possible",
    }
)
# Verb lemmas that say the same thing, mapped to one.
VERB_SYNONYMS = {
    "dispatch": "send",
    "deploy": "send",
    "state": "say",
    "tell": "say",
    "declare": "say",
    "claim": "say",
    "assert": "say",
    "announce": "say",
    "remark": "say",
    "add": "say",
    "slay": "kill",
    "die": "kill",
    "injure": "wound",
    "hurt": "wound",
    "reach": "arrive",
    "hold": "occur",
    "happen": "occur",
    "convene": "occur",
    "stage": "occur",
    "host": "occur",
    "detain": "arrest",
    "sign": "sign",
    "last": "last",
    "release": "free",
    "buy": "purchase",
}
# Qualifiers that pick one event out of a series.
ORDINAL_WORDS = frozenset(
    {"first", "last", "latest", "previous", "next", "second", "third", "final", "recent", "initial"}
)
# Qualifiers that make a number approximate, a lower bound or an upper bound.
APPROX_WORDS = frozenset(
    {"about", "around", "nearly", "almost", "roughly", "approximately", "some", "estimated"}
)
LOWER_BOUNDS = ("at least", "more than", "over", "upwards of", "no fewer than", "no less than")
UPPER_BOUNDS = ("up to", "fewer than", "less than", "at most", "no more than", "under")
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Verbs (lemmas) that are themselves an event of a class.
EVENT_VERB_CLASS = {
    "meet": "meeting",
    "negotiate": "meeting",
    "attack": "attack",
    "strike": "attack",
    "bomb": "attack",
    "shell": "attack",
    "vote": "election",
    "visit": "visit",
    "protest": "protest",
    "rally": "protest",
}
