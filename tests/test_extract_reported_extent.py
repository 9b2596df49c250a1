"""Where reported speech ends, prepositional cues and labelled headline lines (issue 16).

Passages written here; each pins one rule of :mod:`narrascope.extract.quotes`.
"""

from __future__ import annotations

from narrascope.extract import extract_documents, resources
from narrascope.models import Document, Quote


def _quotes(text: str) -> list[Quote]:
    doc = Document(id="t", source="test", raw=text, text=text, published="2024-03-04")
    return next(extract_documents([doc])).quotes


def _starting(quotes: list[Quote], start: str) -> Quote:
    found = [q for q in quotes if q.text.startswith(start)]
    assert found, [q.text for q in quotes]
    return found[0]


def test_report_in_a_fronted_clause_stops_before_the_main_clause() -> None:
    text = (
        "While Mayor Ines Varga claimed that the ferry was safe, inspectors from the port "
        "authority found rust on every deck."
    )
    quote = _starting(_quotes(text), "the ferry was safe")
    assert quote.text == "the ferry was safe"
    assert quote.speaker_name == "Ines Varga"


def test_verb_joined_to_the_cue_verb_is_narration() -> None:
    text = (
        "The ministry denies that the dam leaked and goes to great lengths to keep the "
        "reports out of the press."
    )
    quote = _starting(_quotes(text), "the dam leaked")
    assert quote.text == "the dam leaked"


def test_clause_joined_to_the_main_verb_is_narration() -> None:
    text = (
        "Councillor Rhea Dunmore attacked the budget, saying it would close three "
        "libraries, and reminded the audience of the last round of cuts."
    )
    quote = _starting(_quotes(text), "it would close")
    assert quote.text == "it would close three libraries"


def test_coordinated_verbs_of_the_report_stay_in_it() -> None:
    text = "Ole Brandt said that the club would stay and build a new stand next year."
    quote = _starting(_quotes(text), "the club would stay")
    assert quote.text.endswith("build a new stand next year")


def test_called_for_reports_what_was_called_for() -> None:
    text = "Senator Mara Quist called for an inquiry into the lost election ballots."
    quote = _starting(_quotes(text), "an inquiry")
    assert quote.text == "an inquiry into the lost election ballots"
    assert quote.speaker_name == "Mara Quist"


def test_called_for_someone_to_act() -> None:
    text = "Senator Mara Quist is calling for the county to recount every ballot by hand."
    quote = _starting(_quotes(text), "the county to recount")
    assert quote.text.endswith("by hand")


def test_spoke_about_reports_the_topic_of_a_named_source() -> None:
    text = "Governor Lena Ostrow spoke about the flooding of the lower town on Friday."
    quote = _starting(_quotes(text), "the flooding")
    assert quote.speaker_name == "Lena Ostrow"


def test_prepositional_cue_needs_a_named_source() -> None:
    text = "Some residents spoke about the flooding of the lower town on Friday."
    assert not [q for q in _quotes(text) if q.text.startswith("the flooding")]


def test_prepositional_cues_are_learned_word_pairs() -> None:
    pairs = resources.prep_cue_forms()
    assert "for" in pairs["called"]
    assert all(form.isalpha() and form.islower() for form in pairs)


def test_headline_label_with_a_partial_quote_claims_the_whole_line() -> None:
    text = (
        "Maria Gonzalez: Tax Would Ruin Small Farms, ‘We Cannot Allow It’ in the Valley\n\n"
        "Maria Gonzalez spoke to farmers in the valley on Monday about the new land tax."
    )
    quotes = _quotes(text)
    claim = _starting(quotes, "Tax Would Ruin")
    assert claim.speaker_name == "Maria Gonzalez"
    inner = _starting(quotes, "We Cannot Allow It")
    assert inner.speaker_name == "Maria Gonzalez"


def test_headline_label_addressing_a_group_in_title_case() -> None:
    text = (
        "Gonzalez To Worried Farmers: The Harvest Will Be Fine This Year\n\n"
        "Maria Gonzalez met farmers in the valley on Monday."
    )
    claim = _starting(_quotes(text), "The Harvest Will Be Fine")
    assert claim.speaker is not None
    assert claim.speaker.startswith("Gonzalez")


def test_long_line_after_a_person_label_is_a_transcript() -> None:
    words = (
        "Well, the thing is that nobody in this town wants to pay more for water, and the "
        "council knows it, so they keep putting the vote off until after the summer, "
        "which is exactly what they did last year too."
    )
    text = f"Ada Lindqvist joined the panel on Sunday.\n\nAda Lindqvist: {words}\n"
    quote = _starting(_quotes(text), "Well, the thing is")
    assert quote.speaker_name == "Ada Lindqvist"
    assert quote.kind == "direct"


def test_participle_giving_the_reason_is_not_a_second_claim() -> None:
    text = (
        "Harbour Motors on Thursday cut its full-year profit forecast, blaming a shortage of "
        "semiconductors that it expects to last until next year."
    )
    assert not [q for q in _quotes(text) if q.text.startswith("a shortage")]


def test_declining_to_comment_on_reports_says_nothing() -> None:
    text = (
        "Chief executive Maria Gonzalez declined to comment on reports that the company was "
        "in talks with a new supplier."
    )
    assert not [q for q in _quotes(text) if q.text.startswith("reports that")]


def test_object_labelled_by_a_quotation_is_not_doubled() -> None:
    text = (
        "Kremlin spokesman Evgeny Gorbunov on Thursday rejected the latest demands as "
        "“detached from reality.”"
    )
    quotes = _quotes(text)
    assert [q.text for q in quotes] == ["detached from reality."]


def test_proposed_doing_reports_the_proposal() -> None:
    text = "Governor Lena Ostrow proposed closing every coal plant in the state by 2030."
    quote = _starting(_quotes(text), "closing every coal plant")
    assert quote.speaker_name == "Lena Ostrow"


def test_object_with_a_quoted_label_keeps_the_closing_mark() -> None:
    text = "Mayor Ines Varga called the harbour plan “a waste of everyone’s money.”"
    quote = _starting(_quotes(text), "the harbour plan")
    assert quote.text.endswith("money.”")


def test_verb_with_its_own_auxiliary_in_the_cue_form_is_narration() -> None:
    text = (
        "Ole Brandt insists the club must stay in the city, and has spent a year "
        "courting investors for a new stadium."
    )
    quote = _starting(_quotes(text), "the club must stay")
    assert quote.text == "the club must stay in the city"


def test_saying_to_someone_else_ends_the_first_report() -> None:
    text = (
        "Mayor Ines Varga said she saw no reason to delay the vote, telling reporters that "
        "the council had waited long enough."
    )
    quote = _starting(_quotes(text), "she saw no reason")
    assert quote.text == "she saw no reason to delay the vote"


def test_comma_but_with_a_new_subject_is_the_writer_again() -> None:
    text = (
        "Mayor Ines Varga says the emails were private, but for her rivals on the council "
        "they are proof of a cover-up."
    )
    quote = _starting(_quotes(text), "the emails were private")
    assert quote.text == "the emails were private"


def test_the_reader_and_lets_say_are_no_source() -> None:
    text = (
        "Let's say you think a degree from a state university will cost $160,000 in "
        "18 years, including room and board."
    )
    assert not [q for q in _quotes(text) if q.kind == "indirect"]


def test_title_after_book_and_a_comma_is_not_a_quote() -> None:
    text = (
        "In his 2002 book, “Make Your Kid a Millionaire,” Karl Obrecht suggested that "
        "parents look hard at their card statements."
    )
    quotes = _quotes(text)
    assert not [q for q in quotes if q.text.startswith("Make Your Kid")]
    assert _starting(quotes, "parents look hard").speaker_name == "Karl Obrecht"


def test_according_to_relays_a_quotation_whole() -> None:
    text = (
        "“I ask you not to protest on the floor,” Maria Gonzalez said, according to "
        "the Harbour Gazette."
    )
    quotes = _quotes(text)
    relayed = [q for q in quotes if q.cue == "according to"]
    assert len(relayed) == 1
    assert relayed[0].text.startswith("“I ask you not to protest")
    assert "Gazette" in (relayed[0].speaker or "")
    assert _starting(quotes, "I ask you").speaker_name == "Maria Gonzalez"


def test_according_to_is_not_part_of_the_report_it_sources() -> None:
    text = (
        "More than six in ten voters said that the harbour tax does more harm than good, "
        "according to exit polls published by the Harbour Gazette."
    )
    quotes = _quotes(text)
    assert _starting(quotes, "the harbour tax").text.endswith("more harm than good")
    relayed = [q for q in quotes if q.cue == "according to"]
    assert len(relayed) == 1
    assert relayed[0].text.startswith("More than six in ten voters said")


def test_dateline_place_is_not_the_speaker() -> None:
    text = (
        "HARBOURTON (AP) — Former Attorney General Michael Mukasey told delegates at the "
        "convention that the harbour deal should be cancelled."
    )
    quote = _starting(_quotes(text), "the harbour deal")
    assert quote.speaker_name == "Michael Mukasey"


def test_aide_told_the_paper_at_the_end_reports_the_sentence() -> None:
    text = (
        "Despite his losses on Tuesday night, Sen. Bernie Sanders remains committed to the "
        "race, his top aide, Tad Devine, told the Harbour Gazette."
    )
    quote = _starting(_quotes(text), "Despite his losses")
    assert quote.speaker_name == "Tad Devine"
    assert "remains committed to the race" in quote.text
