"""Speaker resolution rules from issue 16, on passages written here (real spaCy model)."""

from __future__ import annotations

import pytest

from narrascope.extract import extract_documents
from narrascope.models import Document, Quote


def _doc(text: str) -> Document:
    doc = Document(id="t", source="test", raw=text, text=text, published="2024-03-04")
    return next(extract_documents([doc]))


def _quote(text: str, start: str) -> Quote:
    return next(q for q in _doc(text).quotes if q.text.startswith(start))


def test_gender_is_not_taken_from_a_sentence_about_someone_else() -> None:
    text = (
        "Mark Adams spoke first. “We need more buses,” Adams said.\n\n"
        "Maria Lopez met him later. He said he is willing to meet face-to-face with Lopez.\n\n"
        "“I never agreed to that,” she said."
    )
    assert _quote(text, "I never agreed").speaker_name == "Maria Lopez"


def test_he_wrote_goes_to_the_man_not_to_the_woman_named_nearer() -> None:
    text = (
        "Tom Brandt sent the board a letter in March. Sarah Olsen read it aloud.\n\n"
        "“The plan is dead,” he wrote."
    )
    assert _quote(text, "The plan is dead").speaker_name == "Tom Brandt"


def test_explicit_pronoun_cue_names_the_right_person() -> None:
    text = (
        "Peter Grant attacked Maria Lopez on Sunday. “She is wrong,” he said.\n\n"
        "Lopez said she would reply. “He is lying,” she said."
    )
    assert _quote(text, "She is wrong").speaker_name == "Peter Grant"
    assert _quote(text, "He is lying").speaker_name == "Maria Lopez"


def test_a_place_modifier_is_not_the_speaker() -> None:
    text = "“The new tax will hurt families,” the influential US daily wrote in an editorial."
    quote = _quote(text, "The new tax")
    assert quote.speaker_name is None
    assert quote.speaker_label == "the influential US daily (unnamed)"


def test_a_nationality_before_a_name_is_not_the_speaker() -> None:
    quote = _quote("“We must act now,” said German lawmaker Petra Vogt.", "We must act")
    assert quote.speaker_name == "Petra Vogt"


def test_junior_and_father_stay_apart() -> None:
    text = (
        "Robert Vance Jr. spoke on Monday. His father, Robert Vance, stayed home.\n\n"
        "“I am proud of my son,” Vance said."
    )
    doc = _doc(text)
    names = {e.name for e in doc.entities}
    assert "Robert Vance Jr" in names
    assert "Robert Vance" in names
    # two people called Vance are in play: the bare surname joins neither
    assert next(q for q in doc.quotes if q.text.startswith("I am proud")).speaker_name == "Vance"


def test_bare_surname_joins_the_only_person_of_that_name() -> None:
    text = "Robert Vance Jr. spoke on Monday. “We won,” Vance said."
    assert _quote(text, "We won").speaker_name == "Robert Vance Jr"


def test_bare_surname_with_two_family_members_is_not_merged() -> None:
    text = (
        "Laura Peck vanished in May. Her husband, Samuel Peck, was charged in June.\n\n"
        "Peck has denied any role."
    )
    entities = _doc(text).entities
    laura = next(e for e in entities if e.name == "Laura Peck")
    samuel = next(e for e in entities if e.name == "Samuel Peck")
    assert "Peck" not in laura.aliases
    assert "Peck" not in samuel.aliases


def test_unresolved_pronoun_is_shown_as_unknown() -> None:
    quote = Quote(text="x", start=0, end=1, kind="direct", speaker="he")
    assert quote.speaker_label == "unknown speaker"
    named = Quote(text="x", start=0, end=1, kind="direct", speaker="he", speaker_name="Ann Roe")
    assert named.speaker_label == "Ann Roe"


def test_a_statement_that_reads_is_the_source_not_an_earlier_speaker() -> None:
    text = (
        "Mayor Ana Ruiz said the harbour plan would go ahead.\n\n"
        "A residents' group issued a statement on Friday.\n\n"
        "“We will fight this plan in every court of the land,” the group’s statement read."
    )
    quote = _quote(text, "We will fight")
    assert quote.cue == "read"
    assert quote.speaker_name != "Ana Ruiz"
    assert quote.speaker == "the group’s statement"


def test_a_cue_in_the_next_paragraph_does_not_attribute_the_quote() -> None:
    text = (
        "“The ferry will run again by May,” a notice on the pier said.\n\n"
        "“Nobody believes that any more.”\n\n"
        "Councillor Peter Grant predicted that the repairs would take a year."
    )
    assert _quote(text, "Nobody believes").speaker_name != "Peter Grant"


def test_a_hyphenated_description_is_the_speaker_whole() -> None:
    text = (
        "Congress has debated the bill for months.\n\n"
        "“There is no chance the bill will pass this year,” said the co-founder of the "
        "blog, who has followed the debate closely."
    )
    quote = _quote(text, "There is no chance")
    assert quote.speaker == "the co-founder"
    assert quote.speaker_name is None


def test_you_and_this_are_no_one_not_the_nearest_person() -> None:
    text = (
        "Harbour engineer Mark Adams has written three guides to the old harbour.\n\n"
        "You could say that the old pier is the finest in the region. "
        "Some argue that the new one is better."
    )
    quotes = _doc(text).quotes
    assert not [q for q in quotes if q.text.startswith("the old pier")]  # the reader: nobody
    some = [q for q in quotes if q.speaker == "Some"]
    assert len(some) == 1
    assert some[0].speaker_name is None
    assert all(q.speaker_name != "Mark Adams" for q in quotes)


def test_an_abbreviated_title_describes_its_person() -> None:
    text = (
        "Vermont Sen. Maria Gonzalez spoke in Ohio on Tuesday. Former Secretary of State "
        "John Miller was in Iowa.\n\n“We will win this state,” the senator said.\n\n"
        "“I am ready,” the former secretary said."
    )
    by_text = {q.text: q for q in _doc(text).quotes}
    assert by_text["We will win this state"].speaker_name == "Maria Gonzalez"
    assert by_text["I am ready"].speaker_name == "John Miller"


def test_a_description_before_the_name_is_the_one_person_so_called() -> None:
    text = (
        "“We will win this state,” the senator said on Tuesday in Ohio.\n\n"
        "Later, Sen. Maria Gonzalez toured the plant with workers."
    )
    (quote,) = _doc(text).quotes
    assert quote.speaker_name == "Maria Gonzalez"


def test_a_description_two_people_share_names_neither() -> None:
    text = (
        "“We will win this state,” the senator said on Tuesday in Ohio.\n\n"
        "Later, Sen. Maria Gonzalez and Sen. Karen Holt toured the plant with workers."
    )
    (quote,) = _doc(text).quotes
    assert quote.speaker_name is None


def test_given_name_table_holds_strongly_gendered_names_only() -> None:
    from narrascope.extract.resources import first_name_genders

    table = first_name_genders()
    assert len(table) > 10_000
    assert (table["sarah"], table["thomas"], table["maria"]) == ("f", "m", "f")
    assert not {"jordan", "kim", "jean", "taylor"} & table.keys()  # used by both


def test_what_a_video_shows_is_not_a_description_of_the_person_in_it() -> None:
    text = (
        "Hat stolen\n\n"
        "Disturbing video of young Trump Supporter Tom Kessler having his hat stolen.\n\n"
        "The video shows the man throwing his drink at the table and shouting at the boy."
    )
    quote = _quote(text, "the man throwing")
    assert quote.speaker == "The video"
    assert quote.speaker_name is None  # a video is not Tom Kessler


def test_a_numbered_title_the_recogniser_missed_is_an_outlet_not_a_person() -> None:
    doc = _doc(
        "Trial ruling\n\n"
        "A judge requested a second series of tests, which determined that the man was not "
        "able to stand trial, 12 Lanterns reported Wednesday."
    )
    quote = doc.quotes[0]
    assert quote.speaker_name == "12 Lanterns"
    assert [e.type for e in doc.entities if e.name == "12 Lanterns"] == ["ORG"]


def test_a_short_quotation_opening_a_paragraph_is_said_not_a_term() -> None:
    text = (
        "“We can do it,” Nora Blake told the crowd. “We will.”\n\n"
        "“Tired yet?” she asked, but her brother was already asleep."
    )
    assert _quote(text, "Tired yet").speaker_name == "Nora Blake"


def test_a_report_inside_the_clause_before_a_verb_is_not_its_content() -> None:
    text = (
        "“Ready?” she said, but Omar was drifting off again, and as the band went on about "
        "the war, Nora Blake said yes, over and over again."
    )
    quotes = _doc(text).quotes
    assert not any(q.text.startswith("she said") for q in quotes)
    assert [q.text for q in quotes] == ["Ready?"]


def test_as_someone_put_it_names_the_speaker_of_the_quotation() -> None:
    text = (
        "The mayor's degrees have not spared him from being seen, as the Harbour Gazette "
        "put it in a long profile, “the fixer.”"
    )
    quote = _quote(text, "the fixer")
    assert quote.cue == "put"
    assert quote.speaker == "the Harbour Gazette"


def test_that_said_is_a_hedge_with_no_speaker() -> None:
    text = "That said, Omar Haddad is confident that the ferry will sail next week."
    assert not any(q.speaker == "That" for q in _doc(text).quotes)


def test_it_opening_a_sentence_is_the_body_that_spoke_before_not_the_place_between() -> None:
    text = (
        "The transport ministry said four bridges had closed in Valmora province. It said "
        "repairs would begin on Monday in the province of Valmora and in the capital."
    )
    quote = _quote(text, "repairs would begin")
    assert quote.speaker_name is None
    assert quote.speaker_label == "The transport ministry (unnamed)"


def test_they_with_no_group_in_reach_is_unknown_not_the_nearest_name() -> None:
    text = (
        "Omar Haddad met the Harbour Board in Valmora on Friday.\n\n"
        "Their Kafkaesque scheme goes so far that they actually believe the port is thriving."
    )
    quote = _quote(text, "the port is thriving")
    assert quote.speaker_name is None
    assert quote.speaker_label == "unknown speaker"


def test_a_quotation_signed_with_a_dash_and_a_name_is_that_persons() -> None:
    text = (
        "Readers wrote to us after the debate.\n"
        "“The ferry plan is a waste of money and nobody asked us.” ― Ilse Varga\n"
        "“Maybe we can swim to work instead.” ―\u00a0Tomas Brandt."
    )
    assert _quote(text, "The ferry plan").speaker_name == "Ilse Varga"
    assert _quote(text, "Maybe we can swim").speaker_name == "Tomas Brandt"


def test_a_parenthetical_cue_reports_its_sentence_despite_a_quotation_further_on() -> None:
    text = (
        "Acts of protest, Ms. Varga said, are acts of patriotism, whether it was a march "
        "in the capital or a T-shirt with the words “no more cuts” on it."
    )
    quote = _quote(text, "Acts of protest")
    assert quote.kind == "indirect"
    assert quote.speaker_name == "Varga"


def test_a_dateline_is_no_part_of_the_speakers_words() -> None:
    text = (
        "Harbourton (Courier) Mayor Ilse Varga suggested on Tuesday that the ferry would "
        "sail again before the winter."
    )
    quote = _quote(text, "the ferry would")
    assert (quote.speaker, quote.speaker_name) == ("Mayor Ilse Varga", "Ilse Varga")


def test_a_title_run_into_the_next_sentence_is_no_abbreviation() -> None:
    text = (
        "Tomas Brandt was jailed in May. Brandt was denied a fair hearing, according to "
        "the judge.Brandt has been in prison since then."
    )
    quote = _quote(text, "Brandt was denied")
    assert quote.speaker_name is None
    assert quote.speaker == "the judge"


def test_a_figure_labelled_with_a_group_word_is_no_claim() -> None:
    text = (
        "Employment rose again last month, the figures show.\n\n"
        "Valdorian employment: up 190,000 (+0.16 percent) over the year\n\n"
        "Mayor Anna Schmidt: the ferry will sail again before the winter"
    )
    quotes = _doc(text).quotes
    assert not any(q.text.startswith("up 190,000") for q in quotes)
    assert any(q.text.startswith("the ferry will sail") for q in quotes)


def test_a_possessive_the_parse_reads_as_a_clause_is_not_what_was_said() -> None:
    # the parser sometimes makes "X’s" of "X’s government admitted …" a clause of
    # "admitted" (as if "’s" were "is"); the parse is set by hand here
    import spacy
    from spacy.tokens import Doc as SpacyDoc

    from narrascope.extract import quotes
    from narrascope.extract.nlp import MODEL
    from narrascope.extract.speakers import SpeakerContext

    words = ["Ilse", "Varga", "’s", "cautious", "government", "also", "admitted", "two",
             "preachers", "."]  # fmt: skip
    sdoc = SpacyDoc(
        spacy.load(MODEL).vocab, words=words,
        spaces=[True, False, True, True, True, True, True, True, False, False],
        heads=[1, 2, 6, 4, 6, 6, 6, 8, 6, 6],
        deps=["compound", "nsubj", "ccomp", "amod", "nsubj", "advmod", "ROOT", "nummod",
              "dobj", "punct"],
        tags=["NNP", "NNP", "POS", "JJ", "NN", "RB", "VBD", "CD", "NNS", "."],
        pos=["PROPN", "PROPN", "PART", "ADJ", "NOUN", "ADV", "VERB", "NUM", "NOUN", "PUNCT"],
    )  # fmt: skip
    ctx = SpeakerContext(sdoc, [], [])
    found = quotes._clause_quote(sdoc[6], ctx, [])
    assert not any(a.quote.text.startswith("Ilse Varga") for a in found)


@pytest.mark.parametrize(
    ("text", "member", "label", "voice", "organisation"),
    [
        (
            "A former Navy sailor who was pardoned is planning to sue, alleging that he was "
            "treated unequally under the law.\n\n"
            "A Navy spokesman said that the ship would sail from the harbour on Monday.",
            "he was treated",
            "A former Navy sailor (unnamed)",
            "the ship would sail",
            "Navy",
        ),
        (  # a plural: a group of its members, unless officials and the like
            "Town Hall hopefuls said the debate was “a circus from start to finish.”\n\n"
            "Harbour Board officials said the repairs were “well under way by now.”",
            "the debate was",
            "Town Hall hopefuls (unnamed)",
            "the repairs were",
            "Harbour Board",
        ),
    ],
)
def test_one_of_an_organisation_is_not_its_voice(
    text: str, member: str, label: str, voice: str, organisation: str
) -> None:
    quote = _quote(text, member)
    assert quote.speaker_name is None
    assert quote.speaker_label == label
    assert _quote(text, voice).speaker_name == organisation


def test_a_cue_in_a_relative_clause_before_the_colon_is_not_the_quotes_frame() -> None:
    text = (
        "Challenged about the post, she attacked the man who called attention to it: "
        "“Pointing at the port is far from hating sailors. You are a sad man.”\n\n"
        "Ana Ruiz praised the judge who said: “We will not delay.”"
    )
    assert _quote(text, "Pointing at the port").speaker != "the man"
    assert _quote(text, "We will not delay").speaker == "the judge"


def test_a_participle_says_what_the_name_before_it_or_the_documents_issuer_says() -> None:
    text = (
        "The advert ends with footage of Tom Rivers saying during the debate, “That makes "
        "me clever,” as the crowd laughs.\n\n"
        "After a short meeting, the Harbour Council issued a statement calling the test "
        "“a clear violation of the treaty” and asked for talks.\n\n"
        "Ana Ruiz supporters said the vote was “rigged from the start.”\n\n"
        "“Calm down,” said Tom Lee, a delegate who has accused Ana Ruiz supporters of "
        "stirring up trouble.\n\n"
        "The board sent a letter to lawmakers saying the port “cannot stay open past May.”"
    )
    assert _quote(text, "That makes me clever").speaker == "Tom Rivers"
    asking = "The advert uses footage of Ana Ruiz asking, “Why aren’t we further ahead?”"
    assert _quote(asking, "Why aren’t we").speaker == "Ana Ruiz"  # every form of a cue
    assert _quote(text, "a clear violation").speaker == "the Harbour Council"
    assert _quote(text, "cannot stay open").speaker != "lawmakers"
    assert _quote(text, "rigged from").speaker_name is None  # many, not one of them


def test_the_country_after_a_city_is_part_of_the_address_not_the_speaker() -> None:
    text = "Officials in Braga, Portugal said the talks were “going well so far.”"
    assert all(q.speaker != "Portugal" for q in _doc(text).quotes)


def test_the_one_a_cleft_sentence_puts_first_is_the_speaker() -> None:
    text = "It was Tom Lee who said: “We will appeal the ruling.”"
    assert _quote(text, "We will appeal").speaker == "Tom Lee"


def test_a_possessors_claim_that_is_what_the_possessor_said() -> None:
    text = (
        "The fact-checkers looked at Ilse Varga’s claim that there have been “hundreds of "
        "break-ins in the district” in the harbour district this year alone."
    )
    claim = _quote(text, "there have been")
    assert (claim.kind, claim.cue, claim.speaker_name) == ("indirect", "claim", "Ilse Varga")
    assert _quote(text, "hundreds of break-ins").speaker_name == "Ilse Varga"


def test_a_part_of_a_group_is_named_whole_and_is_no_one_named() -> None:
    text = (
        "Karin Holm leads the council.\n\n"
        "The vast majority of residents said that they prefer the old ferry timetable."
    )
    quote = _quote(text, "they prefer")
    assert quote.speaker_name is None
    assert quote.speaker_label == "The vast majority of residents (unnamed)"


def test_a_cue_the_parse_left_without_subject_takes_the_person_before_it() -> None:
    text = (
        "In announcing the recent Harbour Day Rally, Karin Holm, chair of the Editorial Board "
        "of the Valmora Socialist Web Site, warned, “A strike is not a distant possibility. "
        "The first stoppages are already under way.”"
    )
    assert _quote(text, "A strike is not").speaker_name == "Karin Holm"


def test_the_noun_phrase_after_an_inverted_cue_is_the_speaker() -> None:
    text = (
        "Holm recalls how the mayor had asked the harbour board for more ferries.\n\n"
        '"The new ferries could make a difference this winter, but the board is hesitant," '
        "asks the colonel."
    )
    quote = _quote(text, "The new ferries")
    assert (quote.cue, quote.speaker) == ("asks", "the colonel")


def test_a_document_introducing_a_quotation_with_a_colon_is_its_source() -> None:
    text = (
        "The ministry calls it fantasy. Here is how the bombshell Valmora Courier report "
        'published last week began: "Police discovered earlier this year that the gang '
        'planned to sink the ferry."\n\n'
        'The fans are urged: "Get into the adventure of your life with a real chance to '
        'come back rich."'
    )
    assert _quote(text, "Police discovered").speaker_name == "Valmora Courier"
    urged = _quote(text, "Get into the adventure")
    assert urged.speaker_label == "unknown speaker"
