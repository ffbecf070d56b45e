"""The lexicon data file: validated on load, one meaning per word, read by every stage."""

from __future__ import annotations

import hashlib
from importlib import resources

import pytest
import yaml

from provenance import lexicon
from provenance.lexicon import LexiconError, parse
from provenance.signals import words


def _shipped() -> bytes:
    return (resources.files("provenance") / "resources" / "lexicon.yaml").read_bytes()


def _with(change: dict[str, object]) -> bytes:
    data = yaml.safe_load(_shipped())
    data.update(change)
    return yaml.safe_dump(data).encode()


def test_shipped_lexicon_is_valid_and_hashed() -> None:
    data = parse(_shipped())
    assert "say" in data.cue_verbs["neutral"]
    assert hashlib.sha256(_shipped()).hexdigest()[:12] == lexicon.LEXICON_HASH


def test_a_word_in_two_categories_is_rejected_naming_both() -> None:
    verbs = yaml.safe_load(_shipped())["cue_verbs"]
    verbs["evidence"].append("say")
    with pytest.raises(LexiconError) as err:
        parse(_with({"cue_verbs": verbs}), origin="lexicon.yaml")
    message = str(err.value)
    assert message.startswith("lexicon.yaml: ")
    assert "'say' is listed in cue_verbs." in message
    assert "cue_verbs.neutral" in message and "cue_verbs.evidence" in message


def test_a_word_listed_twice_is_rejected() -> None:
    nouns = [*yaml.safe_load(_shipped())["person_nouns"], "official"]
    with pytest.raises(LexiconError, match="'official' is listed in person_nouns and again"):
        parse(_with({"person_nouns": nouns}))


def test_unknown_sections_and_categories_are_rejected() -> None:
    with pytest.raises(LexiconError, match="extra_words"):
        parse(_with({"extra_words": ["x"]}))
    nouns = yaml.safe_load(_shipped())["source_nouns"]
    nouns["weapon"] = ["rifle"]
    with pytest.raises(LexiconError, match="source_nouns"):
        parse(_with({"source_nouns": nouns}))


def test_not_yaml_is_one_line_error() -> None:
    with pytest.raises(LexiconError, match="not YAML"):
        parse(b"cue_verbs: [unclosed")


def test_hedges_not_on_claims_must_have_a_level() -> None:
    hedges = yaml.safe_load(_shipped())["hedges"]
    hedges["not_on_claims"].append("zorgly")
    with pytest.raises(LexiconError, match="zorgly"):
        parse(_with({"hedges": hedges}))


def test_each_noun_has_one_source_type() -> None:
    """'agency' and 'network' were listed as media and then overwritten as organizations."""
    assert lexicon.SOURCE_TYPE_NOUNS["agency"] == "organization"
    assert lexicon.SOURCE_TYPE_NOUNS["newspaper"] == "media"
    assert lexicon.CUE_VERBS["suggest"] == "evidence"


def test_engine_and_signals_share_the_lists() -> None:
    """The score's vague phrases and anonymity reasons include every phrase the engine uses."""
    text = "The figures were, it is said to be, off the record."
    for phrase in lexicon.VAGUE_ATTRIBUTION:
        assert words.VAGUE.find(phrase), phrase
    for phrase in lexicon.ANONYMITY_REASONS:
        assert words.REASON.find(phrase), phrase
    assert "off the record" in words.REASON.find(text)
    assert not words.HEDGE_POSSIBLE.holds("would")  # listed on claims, not a hedge


def test_construction_words_are_data_and_each_list_is_checked() -> None:
    """The engine's small construction lists live in the lexicon too; a list of them may not
    repeat a word, while two of them may share one ("that")."""
    assert "that" in lexicon.RELATIVE_PRONOUNS and "that" in lexicon.DEMONSTRATIVE_OBJECTS
    assert {"on", "to", "with"} == lexicon.MEDIA_PREPS  # "on" quoted: YAML would read true
    constructions = yaml.safe_load(_shipped())["constructions"]
    constructions["citing_verbs"].append("cite")
    with pytest.raises(LexiconError, match=r"'cite' is listed in constructions\.citing_verbs"):
        parse(_with({"constructions": constructions}))


def test_signals_cut_descriptions_at_the_lexicons_proximity_phrases() -> None:
    assert words.PROXIMITY.split("a senior aide close to the minister")[0] == "a senior aide "
    for phrase in lexicon.PROXIMITY_PHRASES:
        assert words.PROXIMITY.search(f"an official {phrase.upper()} the talks"), phrase
