"""Sources: the article's own outlet, coreference and typing, on realistic news sentences."""

from __future__ import annotations

from spacy.language import Language

from provenance import analyze


def _chains(text: str, nlp: Language) -> dict[str, list[str]]:
    analysis = analyze(text, nlp=nlp)
    return {c.text: [h.name for h in c.chain] for c in analysis.claims}


def test_the_articles_own_outlet_is_never_a_hop(nlp: Language) -> None:
    # named by the dateline of wire copy
    wire = _chains(
        "Port strike spreads\n\nROTTERDAM (Reuters) - Dockers walked out on Monday.\n\n"
        "The strike will last a week, union leader Pieter Bos told Reuters.",
        nlp,
    )
    assert ["Pieter Bos"] in wire.values()
    # words the article uses for itself
    own = _chains(
        "Ferry sinks off coast\n\nThe ferry sank on Monday. The captain told this newspaper "
        "that the engine had failed. A harbour official told Wikinews the sea was calm.",
        nlp,
    )
    assert all(
        "newspaper" not in name and "Wikinews" not in name
        for chain in own.values()
        for name in chain
    )
    # an outlet named only as the one its speakers talk to
    told = _chains(
        "Fire in Lyon\n\nThe fire destroyed a warehouse. A firefighter told VOA the blaze "
        "started at night. The mayor said in an interview with VOA that the city would rebuild.",
        nlp,
    )
    assert all("Voice of America" not in chain for chain in told.values())
    # another outlet that the article cites stays a hop
    cited = _chains(
        "Fire in Lyon\n\nThe fire destroyed a warehouse, Reuters reported. A firefighter "
        "told Reuters the blaze started at night.",
        nlp,
    )
    assert any("Reuters" in chain for chain in cited.values())
