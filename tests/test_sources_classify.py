"""Source typing: registry first, then the head noun, then the entity label."""

from __future__ import annotations

from spacy.language import Language

from provenance.registry import load_registry
from provenance.sources.classify import Typing, classify
from provenance.sources.mentions import mention_span


def _typing(nlp: Language, text: str, word: str) -> Typing:
    head = next(t for t in nlp(text) if t.text == word)
    return classify(mention_span(head), load_registry())


def test_the_registry_types_an_outlet_spacy_calls_a_person(nlp: Language) -> None:
    typed = _typing(nlp, "Shukan Bunshun reported that the summit would go ahead.", "Bunshun")
    assert (typed.type, typed.anonymous) == ("media", False)
    assert typed.registry is not None


def test_descriptions_are_typed_by_their_head_noun(nlp: Language) -> None:
    official = _typing(nlp, "A senior official said the plan was dead.", "official")
    assert (official.type, official.anonymous) == ("person", True)
    analysts = _typing(nlp, "Analysts said the plan was dead.", "Analysts")
    assert (analysts.type, analysts.anonymous) == ("group", True)
    report = _typing(nlp, "A secret report said the plan was dead.", "report")
    assert (report.type, report.anonymous) == ("document", True)


def test_a_nationality_is_no_name_and_a_known_body_no_secret(nlp: Language) -> None:
    russian = _typing(nlp, "A Russian official said the plan was dead.", "official")
    assert russian.anonymous
    government = _typing(nlp, "The government said the plan was dead.", "government")
    assert (government.type, government.anonymous) == ("organization", False)
    media = _typing(nlp, "The media said the plan was dead.", "media")
    assert media.anonymous


def test_a_named_person_has_a_role(nlp: Language) -> None:
    typed = _typing(nlp, "Former Foreign Ministry official Takeo Harada said so.", "Harada")
    assert (typed.type, typed.anonymous) == ("person", False)
    assert typed.role == "Former Foreign Ministry official"


def test_the_noun_beside_a_name_repairs_its_entity_label(nlp: Language) -> None:
    # spaCy labels this Korean name an organization; the apposition says who it is
    expert = _typing(
        nlp, "Another expert, Bong Young-shik from Yonsei University, said so.", "expert"
    )
    assert (expert.type, expert.anonymous) == ("person", False)
    executive = _typing(nlp, "Istvan Kovacs, a Hungarian executive, said sales fell.", "Kovacs")
    assert executive.type == "person" and executive.role == "Hungarian executive"


def test_a_plurality_named_by_example_is_not_anonymous(nlp: Language) -> None:
    sites = _typing(nlp, "Other sites such as Gawker.com said they would keep it.", "sites")
    assert not sites.anonymous
    officials = _typing(nlp, "Officials said the bridge was safe.", "Officials")
    assert officials.anonymous


def test_a_document_whose_author_is_named_is_not_anonymous(nlp: Language) -> None:
    named = _typing(
        nlp, "Marine Traffic's tracking database showed the ship off Jakarta.", "database"
    )
    assert (named.type, named.anonymous) == ("document", False)
    secret = _typing(nlp, "A secret report said the talks had failed.", "report")
    assert secret.anonymous


def test_the_noun_before_a_name_gives_an_outlet_or_a_company(nlp: Language) -> None:
    # Wikinews 09: spaCy calls the newspaper an ORG; the word before it says what it is
    daily = _typing(nlp, "Hungarian daily newspaper Magyar Nemzet reported the deal.", "Nemzet")
    assert (daily.type, daily.anonymous, daily.described) == ("media", False, True)


def test_a_brand_name_a_day_and_an_article_are_no_person(nlp: Language) -> None:
    # Wikinews 11, 18, 07: spaCy labels "UpGuard" PERSON; "the Sea Org" takes an article
    upguard = _typing(nlp, "UpGuard reportedly sent an email to Cultura Colectiva.", "UpGuard")
    assert upguard.type == "organization"
    sea_org = _typing(nlp, "The Sea Org said it was fine.", "Org")
    assert sea_org.type == "organization"
    mcconnell = _typing(nlp, "McConnell said the bill was dead.", "McConnell")
    assert mcconnell.type == "person"


def test_a_surname_on_its_own_is_the_person_named_before(nlp: Language) -> None:
    # Wikinews 16: the repeated surname is labelled ORG
    text = 'It quoted campaigner Caitlin Boswell, with Boswell stating: "People need this."'
    head = [t for t in nlp(text) if t.text == "Boswell"][1]
    assert classify(mention_span(head), load_registry()).type == "person"


def test_a_nationality_with_a_plural_is_nobody_named(nlp: Language) -> None:
    firms = _typing(nlp, "German firms said they would comply.", "firms")
    assert firms.anonymous
    ministry = _typing(nlp, "The Russian Foreign Ministry said it would comply.", "Ministry")
    assert not ministry.anonymous
