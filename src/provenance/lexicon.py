"""Word lists the rules read: cue verbs and their stance, source nouns by type, hedges.

Kept in one place so the attribution rules and the scoring signals agree on what a word means.
Lists follow the peers' surveys in ``shared/research`` (PARC/PolNeAR cue classes, CoNLL-2010
hedge cues) and are lemmas unless said otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from provenance.models import Stance

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Verbs that attribute their complement to their subject, with the stance the verb takes.
CUE_VERBS: dict[str, Stance] = {
    **dict.fromkeys(
        "say tell add note explain state comment reply respond answer write tweet post announce "
        "report testify recall continue describe remark declare mention specify quote "
        "stress emphasize emphasise observe inform brief argue insist maintain contend "
        "assert predict estimate forecast suggest speculate warn urge vow promise pledge "
        "disclose reveal acknowledge concede admit accuse blame criticize criticise call "
        "cite indicate explain detail outline propose demand ask request complain "
        "caution threaten boast signal hint tout agree question characterize characterise label "
        "brand dub".split(),
        "neutral",
    ),
    **dict.fromkeys("claim allege purport".split(), "distancing"),
    **dict.fromkeys("confirm verify affirm".split(), "endorsing"),
    **dict.fromkeys("deny dispute reject refute dismiss".split(), "denial"),
    **dict.fromkeys(
        "believe think fear hope expect worry feel want wish doubt figure suspect "
        "understand know consider assume reckon guess imagine recognize recognise "
        "realize realise conclude".split(),
        "belief",
    ),
    **dict.fromkeys("show find indicate suggest reveal specify".split(), "evidence"),
}
for _lemma in ("argue", "insist", "maintain", "contend", "assert", "speculate", "boast"):
    CUE_VERBS[_lemma] = "distancing"
for _lemma in ("show", "find", "specify"):
    CUE_VERBS[_lemma] = "evidence"

#: Cue verbs that take a plain noun object as what is asserted ("claimed responsibility",
#: "denied the charges", "blamed Iran"); other cue verbs need a clause or a quote.
NP_OBJECT_CUES = frozenset(
    "characterize characterise label brand dub note mention list cite claim deny confirm "
    "announce admit acknowledge accuse blame criticize criticise call "
    "dispute reject predict estimate allege report warn demand promise vow pledge".split()
)

#: Verbs of speaking proper: whatever their subject is, it is a source ("one slide says").
SPEECH_VERBS = frozenset("say tell write add state report announce tweet post explain".split())

#: Cue verbs whose passive agent is the source ("figures reported by industry sources").
AGENT_CUES = frozenset(
    "say report announce state claim quote describe confirm deny note cite estimate "
    "predict reveal disclose allege tell".split()
)

#: Verbs that assert through "as": "described Hamza as an emerging figure".
AS_CUES = frozenset(
    "describe characterize characterise label brand portray depict dismiss hail praise "
    "condemn denounce refer identify classify regard view see cast".split()
)

#: Nouns heading a prepositional cue: "in a statement", "in an interview with".
STATEMENT_NOUNS = frozenset(
    "statement interview letter filing post tweet message remarks remark speech briefing "
    "release conference testimony email e-mail op-ed column editorial announcement".split()
)

#: Verbs by which a document passes from one holder to another ("obtained through X").
PASSING_VERBS = frozenset(
    "obtain see leak review receive acquire get provide give pass publish release".split()
)

SOURCE_TYPE_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        "report declaration statement study memo memorandum filing complaint poll survey "
        "letter message tweet post document data datum database summary average tally "
        "transcript cable analysis "
        "assessment dossier paper white-paper review audit investigation inquiry record "
        "records release communique communiqué resolution order ruling verdict indictment "
        "lawsuit affidavit testimony diary email e-mail note notes minutes agreement treaty "
        "law bill constitution census estimate estimates figures statistics chart map "
        "video footage recording photo photograph image website page blog feed bulletin "
        "section chapter passage article piece posting entry result results finding "
        "findings ad ads advert advertisement commercial slide clip".split(),
        "document",
    ),
    **dict.fromkeys(
        "newspaper magazine media medium outlet broadcaster tv television radio channel network "
        "daily weekly tabloid agency wire newswire journal gazette times news press "
        "publication website site reuters".split(),
        "media",
    ),
    **dict.fromkeys(
        "ministry department government administration committee commission council "
        "company firm corporation bank police army navy military force forces movement "
        "party court office agency institute university college organization organisation "
        "association union group authority federation foundation center centre service "
        "bureau board parliament congress senate house cabinet regime embassy consulate "
        "coalition alliance campaign club league hospital school coast guard guard "
        "command unit fund network tribunal secretariat".split(),
        "organization",
    ),
}

#: Nouns that name a kind of source, not a source: "the paper" is the latest newspaper named.
GENERIC_SOURCE_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        "paper newspaper agency website site outlet broadcaster network channel magazine "
        "daily weekly publication station wire".split(),
        "media",
    ),
    "document": "document",
}

#: Singular person nouns; their plural heads a group ("officials", "sources").
PERSON_NOUNS = frozenset(
    "official source spokesman spokeswoman spokesperson minister president secretary "
    "diplomat analyst expert lawyer attorney prosecutor judge officer director chief head "
    "leader member lawmaker senator representative congressman congresswoman governor "
    "mayor aide adviser advisor staffer insider witness resident doctor scientist "
    "researcher professor economist commander general colonel captain soldier activist "
    "campaigner candidate executive ceo chairman chairwoman chair founder owner manager "
    "employee worker investigator detective inspector agent operative whistleblower "
    "whistle-blower journalist reporter correspondent editor writer author columnist "
    "commentator critic supporter opponent voter citizen person man woman individual "
    "someone somebody friend relative mother father son daughter wife husband brother "
    "sister victim survivor student teacher pilot engineer farmer owner user customer "
    "historian strategist pollster consultant negotiator envoy ambassador king queen "
    "prince princess pope bishop priest imam rabbi cleric survivor neighbour neighbor "
    "official insider participant attendee observer monitor physician nurse surgeon "
    "scholar specialist chancellor premier mp deputy speaker whip delegate".split()
)

#: Group nouns that are plurals of nothing useful ("people", "authorities").
GROUP_NOUNS = frozenset(
    "people authorities critics experts analysts officials sources residents witnesses "
    "observers police militants rebels protesters demonstrators locals investigators "
    "researchers scientists doctors diplomats insiders aides advisers advisors staff "
    "members lawmakers legislators voters supporters opponents activists officers "
    "soldiers troops workers employees families relatives neighbours neighbors some "
    "many others team crew panel".split()
)

PRONOUNS_PERSON = frozenset("he she him her his hers himself herself i me we us you".split())
PRONOUNS_THING = frozenset("it its they them their".split())

#: Phrases that give the reason a source is not named.
ANONYMITY_REASONS = (
    "on condition of anonymity",
    "on the condition of anonymity",
    "on condition that they not be named",
    "on condition that he not be named",
    "on condition that she not be named",
    "not authorized to speak",
    "not authorised to speak",
    "not authorized to discuss",
    "not authorized to comment",
    "declined to be named",
    "asked not to be named",
    "requested anonymity",
    "because of the sensitivity",
    "for fear of reprisal",
    "speaking on background",
    "off the record",
    "unauthorized to speak",
)

#: Descriptions that make a source anonymous however specific ("familiar with the matter").
ANONYMOUS_MARKERS = (
    "familiar with",
    "close to",
    "closely connected to",
    "with knowledge of",
    "with direct knowledge",
    "briefed on",
    "anonymous",
    "unnamed",
    "unidentified",
    "who asked not to be named",
    "who declined to be named",
    "who spoke on condition",
)

#: Words that make a proper name an outlet's ("Marine Bulletin", "The Jakarta Post").
MEDIA_NAME_WORDS = frozenset(
    "bulletin times post news journal herald gazette tribune telegraph guardian mail express "
    "chronicle observer daily weekly magazine tv radio television broadcasting press review "
    "monitor independent insider wire today sun star standard globe dispatch courier "
    "examiner inquirer record reporter register".split()
)

_EXTRA_SOURCE_NOUNS = frozenset(
    "public community family families industry market markets world nation country "
    "countries state states side camp administration regime opposition "
    "prosecution defence defense plaintiff defendant petitioner jury "
    "everyone anyone nobody none one both all few several most majority city town county "
    "village municipality".split()
)
PERSONISH_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee")
#: Quantifiers that stand for people as subjects: "all agreed that …", "some say …".
QUANTIFIER_SOURCES = frozenset(
    "all both some many most several few others everyone those".split()  # "those close to him"
)


def names_a_source(head: Token) -> bool:
    """Whether a word names a source: a name, an entity, or a noun for people, bodies,
    outlets or documents, without guessing from the word's ending ("impeachment")."""
    lemma = head.lemma_.lower()
    return (
        head.pos_ == "PROPN"
        or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or lemma in PERSON_NOUNS
        or lemma in GROUP_NOUNS
        or head.lower_ in GROUP_NOUNS
        or lemma in SOURCE_TYPE_NOUNS
    )


def can_be_source(head: Token) -> bool:
    """Looser than :func:`names_a_source`: also generic and collective nouns and words that
    end like a person ("resident"). Keeps parse errors ("people voice hope") out of chains."""
    lemma = head.lemma_.lower()
    return (
        names_a_source(head)
        or lemma in GENERIC_SOURCE_NOUNS
        or lemma in _EXTRA_SOURCE_NOUNS
        or lemma.endswith(PERSONISH_SUFFIXES)
    )


HEDGES = frozenset(
    "may might could would possibly probably perhaps apparently allegedly purportedly "
    "reportedly supposedly seemingly likely unlikely presumably suggest suggests suggested "
    "appear appears appeared seem seems seemed believed rumored rumoured unconfirmed "
    "estimated speculated".split()
)

#: Hedges that say "somebody says so" without naming anybody: the claim is vague, not ours.
VAGUE_ATTRIBUTION = (
    "reportedly",
    "allegedly",
    "purportedly",
    "supposedly",
    "it was reported",
    "it is reported",
    "it has been reported",
    "it is believed",
    "it was believed",
    "it is said",
    "it was said",
    "is said to",
    "are said to",
    "was said to",
    "were said to",
    "is believed to",
    "are believed to",
    "was believed to",
    "were believed to",
    "is thought to",
    "are thought to",
    "reports say",
    "reports said",
    "reports suggest",
    "some reports",
    "critics say",
    "critics said",
    "some say",
    "some people say",
    "rumours",
    "rumors",
)
