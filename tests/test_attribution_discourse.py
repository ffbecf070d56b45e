"""The discourse state: antecedents, last speakers, quotation owners, introducers."""

from __future__ import annotations

from dataclasses import replace

from provenance.attribution.discourse import Discourse, carried
from provenance.attribution.frames import OUTER, SPEAKER, Frame
from provenance.models import Mention
from provenance.sources import Node


def node(name: str, sid: str = "S1") -> Node:
    return Node(
        id=sid,
        name=name,
        type="person",
        anonymous=False,
        head=name.split()[-1].lower(),
        mentions=[Mention(text=name, start=10, end=10 + len(name))],
    )


def frame(source: Node, order: int = SPEAKER, depth: int = 0) -> Frame:
    return Frame(
        cue="said",
        lemma="say",
        stance="neutral",
        node=source,
        mention=source.name,
        mention_start=0,
        mention_end=len(source.name),
        order=order,
        cover=(0, 5),
        content=frozenset({3, 4}),
        cue_i=2,
        depth=depth,
    )


def test_note_keeps_the_latest_mention_last_and_each_node_once() -> None:
    d = Discourse()
    a, b = node("Ann Lee", "S1"), node("Bo Chen", "S2")
    d.note(a)
    d.note(b)
    d.note(a)
    assert [n.id for n in d.recent] == ["S2", "S1"]


def test_carried_keeps_the_outermost_speaker() -> None:
    a, b = node("Ann Lee", "S1"), node("Bo Chen", "S2")
    assert carried([frame(a, depth=0), frame(b, depth=1)]) == (frame(a, depth=0),)
    assert carried([]) == ()


def test_spoke_prefers_speakers_over_outer_hops() -> None:
    d = Discourse()
    a, outlet = node("Ann Lee", "S1"), node("Daily Courier", "S2")
    d.spoke((frame(a), frame(outlet, order=OUTER)), paragraph=3)
    assert [f.node.id for f in d.last_chain] == ["S1"] and d.last_chain_par == 3
    assert d.recent[-1].id == "S1"
    d.spoke((), paragraph=4)  # an unattributed claim leaves the last speaker in place
    assert d.last_chain_par == 3


def test_quote_speaker_order_of_preference() -> None:
    d = Discourse()
    a, b, c = node("Ann Lee", "S1"), node("Bo Chen", "S2"), node("Cy Dee", "S3")
    assert d.quote_speaker(5, None) == ()
    d.spoke((frame(a),), paragraph=4)
    assert d.quote_speaker(6, None)[0].node.id == "S1"  # the latest speaker, two paragraphs on
    assert d.quote_speaker(7, None) == ()  # too far
    d.last_subject = (b, 5, 10)
    got = d.quote_speaker(6, None)
    assert got[0].node.id == "S2" and got[0].mention == "Bo Chen" and got[0].cue_i == -1
    d.introducer = ((frame(c),), 5)
    assert d.quote_speaker(6, None)[0].node.id == "S3"
    d.own_quote((100, 200), (frame(a),))
    d.own_quote((100, 200), (frame(b),))  # the first owner stays
    assert d.quote_speaker(6, (100, 200))[0].node.id == "S1"


def test_a_subject_of_another_clause_outlives_the_speaker() -> None:
    """'Russia requests …, but the report goes one step further.' then a quote: the report's.
    A subject inside the speaker's content ('Ann said Bo erred') does not outlive the speaker."""
    d = Discourse()
    a, b = node("Ann Lee", "S1"), node("Bo Chen", "S2")
    d.last_subject = (b, 4, 12)
    d.spoke((frame(a),), paragraph=4)
    assert d.quote_speaker(5, None)[0].node.id == "S2"
    d.last_subject = (b, 4, 12)
    d.spoke((replace(frame(a), content=frozenset({11, 12, 13})),), paragraph=4)
    assert d.quote_speaker(5, None)[0].node.id == "S1"
