"""Signal values in words, so a score's breakdown reads as sentences rather than internal ids.

A criterion shows the value it read ("vague = false" under the criterion "attributed" reads as
"not attributed"); this table says what each value of each catalogue signal means. Values not
listed here (a signal added later) fall back to their spelling in rubrics.
"""

from __future__ import annotations

from provenance.signals import Value, value_key

#: Per categorical signal, value -> what it means for the claim or the hop.
VALUE_WORDS: dict[str, dict[str, str]] = {
    "origin_anonymous": {
        "true": "the origin is anonymous",
        "false": "the origin is named, or the article says it itself",
    },
    "origin_type": {
        "person": "the origin is a person",
        "organization": "the origin is an organization",
        "document": "the origin is a document",
        "media": "the origin is a media outlet",
        "group": "the origin is a group of people",
        "none": "no origin: the article's own voice",
    },
    "sourcing": {
        "own_voice": "asserted by the article itself",
        "vague": "attributed to no one in particular",
        "named": "every source is named",
        "anonymous_single": "one anonymous source",
        "anonymous_relay": "a named origin relayed by an anonymous source",
        "anonymous_several": "several anonymous sources in one chain",
    },
    "document": {
        "none": "no document in the chain",
        "published": "a published document",
        "unknown": "a document of unknown status",
        "unpublished": "an unpublished document (obtained, leaked or secret)",
    },
    "speech": {
        "direct": "a direct quote",
        "reported": "reported speech",
        "headline": "a headline",
        "own_voice": "the article's own words",
    },
    "factuality": {
        "certain": "stated as certain",
        "probable": "hedged: probable",
        "possible": "hedged: possible",
    },
    "estimative": {
        "none": "no words of estimative probability",
        "almost_no_chance": "'almost no chance' (ICD 203)",
        "very_unlikely": "'very unlikely' (ICD 203)",
        "unlikely": "'unlikely' (ICD 203)",
        "even_chance": "'roughly even chance' (ICD 203)",
        "likely": "'likely' (ICD 203)",
        "very_likely": "'very likely' (ICD 203)",
        "almost_certain": "'almost certain' (ICD 203)",
    },
    "content": {
        "information": "information, not opinion",
        "opinion": "an opinion (evaluative words, belief verbs)",
        "speculation": "speculation (hedged to a possibility)",
    },
    "vague": {
        "true": "vague: attributed to no one in particular",
        "false": "not vague: a source is named or described, or the article says it itself",
    },
    "secondhand_media": {
        "true": "relayed from another outlet's reporting",
        "false": "not relayed from another outlet",
    },
    "right_of_reply": {
        "sought": "the article says a reply was sought",
        "not_mentioned": "no reply sought, as far as the article says",
    },
    "corroboration": {
        "confirmed": "confirmed by an independent line of reporting in the collection",
        "echoed": "repeated elsewhere only by echoes of the same report",
        "contradicted": "denied in another article, not independently confirmed",
        "denies": "this claim denies what other articles report",
        "single": "not found in other articles of the collection",
    },
    "hop_type": {
        "person": "a person",
        "organization": "an organization",
        "document": "a document",
        "media": "a media outlet",
        "group": "a group of people",
    },
    "hop_named": {"true": "named", "false": "described, not named"},
    "hop_specificity": {
        "0": "not identified at all",
        "1": "identified by one of organization, rank, role",
        "2": "identified by two of organization, rank, role",
        "3": "named, or identified by organization, rank and role",
    },
    "hop_anonymity_reason": {
        "named": "named",
        "given": "anonymous, reason given",
        "not_given": "anonymous, no reason given",
    },
    "hop_knowledge": {
        "direct": "direct knowledge",
        "indirect": "indirect knowledge ('familiar with', 'close to')",
        "unstated": "knowledge not stated",
    },
    "hop_stance": {
        "neutral": "neutral cue ('said')",
        "distancing": "distancing cue ('claimed')",
        "endorsing": "endorsing cue ('confirmed')",
        "belief": "belief cue ('believes')",
        "evidence": "evidence cue ('showed')",
        "denial": "denial",
    },
    "hop_document": {
        "not_document": "not a document",
        "published": "a published document",
        "unknown": "a document of unknown status",
        "unpublished": "an unpublished document",
    },
    # STANAG 2511 / FM 2-22.3 wording.
    "hop_reliability": {
        "A": "A: completely reliable",
        "B": "B: usually reliable",
        "C": "C: fairly reliable",
        "D": "D: not usually reliable",
        "E": "E: unreliable",
        "F": "F: reliability cannot be judged",
    },
}

#: Count signals: the noun counted (singular, plural).
COUNT_NOUNS: dict[str, tuple[str, str]] = {
    "hops": ("hop in the chain", "hops in the chain"),
    "anonymous_hops": ("anonymous hop", "anonymous hops"),
    "hedges": ("hedge word", "hedge words"),
    "confirmations": ("independent confirming line", "independent confirming lines"),
    "echoes": ("article echoing the same report", "articles echoing the same report"),
    "contradictions": ("claim denying it", "claims denying it"),
    "boosters": ("booster word", "booster words"),
}


def value_words(signal: str, value: Value) -> str:
    """What a signal's value means, in words ("not vague: a source is named ...")."""
    key = value_key(value)
    if signal in COUNT_NOUNS and key.isdigit():
        one, many = COUNT_NOUNS[signal]
        if key == "0" and signal == "hops":
            return "no hops: the article's own voice"
        return f"{key} {one if key == '1' else many}"
    return VALUE_WORDS.get(signal, {}).get(key, key.replace("_", " "))
