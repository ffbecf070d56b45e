"""HTML and Graphviz built from user text, escaped at every step.

Article text, titles, source names and rationales are data, never markup: every segment goes
through :func:`esc` before it is placed between tags this module writes itself, and the result
is shown with ``st.html`` (which also runs no script). ``$`` is escaped too, because Streamlit
Markdown reads ``$...$`` as LaTeX. Graph labels are quoted DOT strings with backslashes and
quotes escaped, so a name cannot close its string and add nodes or attributes.
"""

from __future__ import annotations

import html
import itertools
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence

from provenance.claims import segment, split_chain
from provenance.models import Analysis, Claim, ClaimScore, Hop, Source
from provenance.rubric import Rubric

#: Fill colours from the best grade to the worst; grades beyond the list take the last colour.
GRADE_COLOURS = ("#b7e4c7", "#d8f3dc", "#fff3b0", "#ffd6a5", "#ffadad", "#f28482")
UNSCORED_COLOUR = "#e9ecef"
NAMED_COLOUR = "#1d4ed8"
ANONYMOUS_COLOUR = "#c2410c"
#: Graphviz node shape per source type.
SHAPES = {
    "person": "ellipse",
    "organization": "box",
    "document": "note",
    "media": "tab",
    "group": "box3d",
}
#: Style of a cell of the tables built here.
_CELL = "padding:4px 6px;vertical-align:top;border-bottom:1px solid #eee"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~=:])")


def esc(text: object) -> str:
    """User text made safe to place between HTML tags or inside a quoted attribute."""
    return html.escape(str(text), quote=True).replace("$", "&#36;")


def md(text: object) -> str:
    """User text made literal inside Streamlit Markdown (labels, captions): no markup, no LaTeX."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def colour_for(badness: float | None) -> str:
    """The fill of a claim from where its grade sits between best (0) and worst (1)."""
    if badness is None:
        return UNSCORED_COLOUR
    place = round(min(max(badness, 0.0), 1.0) * (len(GRADE_COLOURS) - 1))
    return GRADE_COLOURS[place]


def furniture(analysis: Analysis) -> list[tuple[int, int]]:
    """Spans of page furniture to leave out of the shown text: boilerplate paragraphs ("print
    PRINT", navigation lines) that hold no claim, each with the blank lines after it."""
    text = analysis.article.text
    paragraphs = segment(text, analysis.article.title)
    spans = []
    for par, after in zip(paragraphs, [*paragraphs[1:], None], strict=True):
        if not par.boilerplate:
            continue
        if any(c.start < par.end and par.start < c.end for c in analysis.claims):
            continue
        spans.append((par.start, after.start if after else len(text)))
    return spans


def _boundaries(analysis: Analysis, hidden: Iterable[tuple[int, int]]) -> list[int]:
    cuts = {0, len(analysis.article.text)}
    for claim in analysis.claims:
        cuts.update((claim.start, claim.end))
    for source in analysis.sources:
        for mention in source.mentions:
            cuts.update((mention.start, mention.end))
    for span in hidden:
        cuts.update(span)
    return sorted(cut for cut in cuts if 0 <= cut <= len(analysis.article.text))


def _covering(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The innermost span (shortest) that covers [start, end), by its key."""
    best: tuple[int, str] | None = None
    for s_start, s_end, key in spans:
        if s_start <= start and end <= s_end and (best is None or s_end - s_start < best[0]):
            best = (s_end - s_start, key)
    return best[1] if best else None


def marker_places(analysis: Analysis) -> dict[int, list[str]]:
    """Where each claim's number tag goes, by text offset: at the claim's end, or, when only
    punctuation and spaces separate it from the end of a claim around or after it (a nested
    claim ending just before its sentence's full stop), at that later end, so tags that would
    pile up (``[20 · F3].[19 · F2]``) share one place."""
    text = analysis.article.text
    ends = sorted({c.end for c in analysis.claims})
    places: dict[int, list[str]] = {}
    for claim in analysis.claims:
        place = claim.end
        for end in ends:
            if end > place and not any(ch.isalnum() for ch in text[place:end]):
                place = end
        places.setdefault(place, []).append(claim.id)
    return places


def highlight(
    analysis: Analysis,
    grades: Mapping[str, str],
    badness: Mapping[str, float],
    selected: str | None = None,
) -> str:
    """The article text as HTML: claims as ``<mark>`` coloured by grade (``badness`` 0 best to
    1 worst; the selected claim outlined; each tagged with its number and grade), source
    mentions underlined, blue when the source is named and orange when anonymous; page
    furniture left out. Offsets are into the text as read."""
    text = analysis.article.text
    claim_spans = [(c.start, c.end, c.id) for c in analysis.claims]
    numbers = {c.id: number for number, c in enumerate(analysis.claims, start=1)}
    mention_spans = [
        (m.start, m.end, s.id) for s in analysis.sources for m in s.mentions if m.end > m.start
    ]
    anonymous = {s.id: s.anonymous for s in analysis.sources}
    hidden = furniture(analysis)
    markers = marker_places(analysis)
    parts: list[str] = []
    for start, end in itertools.pairwise(_boundaries(analysis, hidden)):
        if any(h_start <= start and end <= h_end for h_start, h_end in hidden):
            continue
        segment = esc(text[start:end])
        source_id = _covering(mention_spans, start, end)
        if source_id is not None:
            colour = ANONYMOUS_COLOUR if anonymous[source_id] else NAMED_COLOUR
            style = "dashed" if anonymous[source_id] else "solid"
            segment = (
                f'<span style="color:{colour};border-bottom:2px {style} {colour};'
                f'font-weight:600">{segment}</span>'
            )
        claim_id = _covering(claim_spans, start, end)
        if claim_id is not None:
            # Top and bottom rules only, so the segments of one claim join into one band.
            outline = (
                "border-top:2px solid #111;border-bottom:2px solid #111;"
                if claim_id == selected
                else ""
            )
            segment = (
                f'<mark style="background:{colour_for(badness.get(claim_id))};{outline}'
                f'padding:0 1px">{segment}</mark>'
            )
        if end in markers:
            tags = " | ".join(
                f"{numbers[i]}" + (f" · {esc(grades[i])}" if grades.get(i) else "")
                for i in sorted(markers[end], key=numbers.__getitem__)
            )
            segment += f'<sup style="color:#555;font-size:0.7em">[{tags}]</sup>'
        parts.append(segment)
    body = "".join(parts)
    return (
        '<div style="white-space:pre-wrap;line-height:1.6;font-family:Georgia,serif;'
        f'font-size:1.02rem">{body}</div>'
    )


def legend() -> str:
    """A one-line key to the colours used by :func:`highlight`."""
    swatches = "".join(
        f'<mark style="background:{colour};padding:0 6px">&nbsp;</mark>' for colour in GRADE_COLOURS
    )
    return (
        f'<div style="font-size:0.85rem">Claims by grade: best {swatches} worst · '
        f'<mark style="background:{UNSCORED_COLOUR};padding:0 4px">unscored</mark> · sources: '
        f'<span style="color:{NAMED_COLOUR};border-bottom:2px solid {NAMED_COLOUR}">named</span> '
        f'<span style="color:{ANONYMOUS_COLOUR};border-bottom:2px dashed {ANONYMOUS_COLOUR}">'
        "anonymous</span></div>"
    )


def dot_string(text: object, width: int = 28) -> str:
    r"""A quoted DOT string: wrapped at ``width``, quotes and backslashes escaped, the only
    ``\n`` being the line breaks added here."""
    raw = " ".join(str(text).split())
    lines = textwrap.wrap(raw, width=width) or [""]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def _node(node_id: str, label: str, kind: str, anonymous: bool, bold: bool = False) -> str:
    colour = ANONYMOUS_COLOUR if anonymous else NAMED_COLOUR
    fill = "#fff1e6" if anonymous else "#e0ecff"
    style = "filled,dashed" if anonymous else "filled"
    if bold:
        style += ",bold"
    return (
        f"  {dot_string(node_id)} [label={dot_string(label)}, shape={SHAPES.get(kind, 'ellipse')},"
        f' style="{style}", color="{colour}", fillcolor="{fill}", penwidth={3 if bold else 1}];'
    )


_GRAPH_HEAD = (
    "digraph {{\n  rankdir={rankdir};\n  bgcolor=transparent;\n"
    '  node [fontname="Helvetica", fontsize={fontsize}];\n'
    '  edge [fontname="Helvetica", fontsize=10, color="#555555"];\n'
)
#: Label sizes (points): a chain is drawn at its natural size in a column, so its labels can be
#: as large as body text; the source graph of a whole article is wider and scaled down.
CHAIN_FONT_SIZE = 14
GRAPH_FONT_SIZE = 12


def _hop_label(hop: Hop) -> str:
    role = f", {hop.role}" if hop.role and hop.role not in hop.name else ""
    cue = f" «{hop.cue}»" if hop.cue else ""
    # an attribution only the learned model saw says how sure it is
    guess = f" (model {hop.confidence:.0%})" if hop.confidence is not None else ""
    return f"{hop.name}{role}{cue}{guess}"


def shown_hops(claim: Claim, min_confidence: float = 0.0) -> list[Hop]:
    """The claim's hops minus those only the learned model found, below ``min_confidence``."""
    return split_chain(claim, min_confidence).chain


def chain_dot(claim: Claim, rankdir: str = "TB", min_confidence: float = 0.0) -> str:
    """The claim's chain from its origin to the outermost reporter, then the article itself;
    top to bottom by default, so labels keep their size in a page column (``rankdir="LR"``
    draws it left to right). Learned hops below ``min_confidence`` are suggestions: grey dotted
    boxes labelled so, beside the chain, never in it."""
    claim = split_chain(claim, min_confidence)
    hops = claim.chain
    lines = [_GRAPH_HEAD.format(rankdir=rankdir, fontsize=CHAIN_FONT_SIZE)]
    ids = [f"hop{i}" for i in range(len(hops))]
    for node_id, hop in zip(ids, hops, strict=True):
        lines.append(_node(node_id, _hop_label(hop), hop.type, hop.anonymous))
    lines.append(
        '  "article" [label="this article", shape=plaintext, fontcolor="#555555"];'
        if hops
        else '  "article" [label="the article\'s own voice (no source)", shape=plaintext];'
    )
    for a, b in itertools.pairwise([*ids, "article"]):
        lines.append(f"  {dot_string(a)} -> {dot_string(b)};")
    for n, hop in enumerate(claim.suggested):
        label = dot_string(f"suggestion: {_hop_label(hop)}")
        target = ids[hop.position] if hop.position < len(ids) else "article"
        lines.append(
            f'  "guess{n}" [label={label}, shape=box, style=dotted, fontcolor="#666666"];\n'
            f'  "guess{n}" -> {dot_string(target)} [style=dotted, color="#999999"];'
        )
    lines.append("}")
    return "\n".join(lines)


def _source_label(source: Source) -> str:
    role = f", {source.role}" if source.role and source.role not in source.name else ""
    return f"{source.name}{role}"


def source_graph_dot(analysis: Analysis, highlighted: Iterable[str] = ()) -> str:
    """Who passed information to whom in the whole article; ``highlighted`` sources in bold."""
    bold = set(highlighted)
    lines = [_GRAPH_HEAD.format(rankdir="LR", fontsize=GRAPH_FONT_SIZE)]
    for source in analysis.sources:
        lines.append(
            _node(
                source.id, _source_label(source), source.type, source.anonymous, source.id in bold
            )
        )
    known = {source.id for source in analysis.sources}
    for edge in analysis.edges:
        if edge.source in known and edge.target in known:
            lines.append(
                f"  {dot_string(edge.source)} -> {dot_string(edge.target)}"
                f" [label={dot_string(edge.cue, 20)}];"
            )
    lines.append("}")
    return "\n".join(lines)


def grade_summary(result: ClaimScore, rubric: Rubric) -> str:
    """The grade, each axis of a two-axis grade by its title, and the review flag. Points are
    shown only for a rubric whose grade bands are cut from them; a two-axis rubric's points
    only sort claims, which the line says."""
    items = [("Grade", result.grade)]
    for axis in rubric.grades.axes or []:
        items.append((axis.title or axis.name, result.axes.get(axis.name, "")))
    if not rubric.grades.axes:
        items.append(("Points", f"{result.score:.0f} of {rubric.total_weight:g}"))
    items.append(("Needs review", "yes" if result.needs_review else "no"))
    cells = "".join(
        f'<div style="margin-right:1.6em"><div style="color:#555;font-size:0.8rem">{esc(k)}'
        f'</div><div style="font-size:1.6rem;font-weight:600">{esc(v)}</div></div>'
        for k, v in items
    )
    note = (
        f'<div style="color:#666;font-size:0.8rem">{esc(rubric.title)}: each axis is graded '
        f"on its own; the points ({result.score:.0f} of {rubric.total_weight:g}) only sort "
        "claims.</div>"
        if rubric.grades.axes
        else f'<div style="color:#666;font-size:0.8rem">{esc(rubric.title)}</div>'
    )
    return f'<div style="display:flex;flex-wrap:wrap">{cells}</div>{note}'


def grade_detail(result: ClaimScore, rubric: Rubric) -> str:
    """What a grade is made of, in brackets: each axis by its title for a two-axis rubric
    (whose points only sort claims, so they are not shown as a score), else the points."""
    if rubric.grades.axes:
        parts = [f"{axis.title or axis.name} {result.axes.get(axis.name, '')}"
                 for axis in rubric.grades.axes]  # fmt: skip
        return f"({', '.join(parts)})"
    return f"({_points(result.score, rubric.total_weight)} points, {result.percent:.0f}%)"


def score_column(rubric: Rubric) -> tuple[str, str]:
    """The title and help of a table's score column: a sort key for a two-axis rubric."""
    if rubric.grades.axes:
        return "Sort key", (f"{rubric.title} grades each axis on its own; this share of the "
                            "points only orders claims, it is not a score")  # fmt: skip
    return "Score %", f"Points as a share of the {rubric.title} rubric's maximum"


def _points(points: float, weight: float) -> str:
    return f"{points:.1f} of {weight:g}" if points % 1 else f"{points:.0f} of {weight:g}"


def criteria_table(result: ClaimScore) -> str:
    """A claim's score explained, one row per criterion: the rubric's label, axis and reason;
    what the article shows (the value in words, each hop's value named by its source, the words
    that decided it); points of the most it could earn."""
    rows = []
    for crit in result.criteria:
        shows = f"<div>{esc(crit.meaning or crit.value)}</div>"
        if crit.hops:
            hops = " → ".join(
                f"<span title='credit {hop.credit:.2f}'>{esc(hop.source)} "
                f"<strong>{esc(hop.value)}</strong></span>"
                for hop in crit.hops
            )
            shows += f'<div style="color:#333">{hops}</div>'
        if crit.evidence:
            words = "; ".join(f"“{esc(word)}”" for word in crit.evidence[:4])
            shows += f'<div style="color:#666;font-style:italic">{words}</div>'
        axis = f" <span style='color:#666'>({esc(crit.axis)})</span>" if crit.axis else ""
        why = f'<div style="color:#666;font-size:0.9em">{esc(crit.why)}</div>' if crit.why else ""
        rows.append(
            f'<tr><td style="{_CELL};width:36%">'
            f"<strong>{esc(crit.label or crit.criterion)}</strong>{axis}{why}</td>"
            f'<td style="{_CELL}">{shows}</td>'
            f'<td style="{_CELL};white-space:nowrap;text-align:right">'
            f"{_points(crit.points, crit.weight)}</td></tr>"
        )
    head = "".join(
        f'<th style="{_CELL};text-align:left;border-bottom:2px solid #ccc">{h}</th>'
        for h in ("Criterion and why it counts", "What the article shows", "Points of the most")
    )
    total = sum(crit.points for crit in result.criteria)
    most = sum(crit.weight for crit in result.criteria)
    foot = (f'<tr><td style="{_CELL}" colspan="2"><strong>Total</strong></td>'
            f'<td style="{_CELL};white-space:nowrap;text-align:right">'
            f"<strong>{_points(total, most)}</strong></td></tr>")  # fmt: skip
    return (
        '<table style="border-collapse:collapse;font-size:0.85rem;width:100%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}{foot}</tbody></table>"
    )
