"""Corroboration page: the same claim across the stored articles. Each group shows its
independent lines of reporting (chains with no source in common), the echoes inside each line
(articles that all go back to one report, directly or through each other) and the claims that
deny it; the group's provenance graph draws every line as a cluster around its shared ancestor,
so ten articles repeating one scoop are seen as one source."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

import pandas as pd
import streamlit as st

from provenance.corroboration.settings import Settings
from provenance.dashboard import core
from provenance.dashboard.render import ANONYMOUS_COLOUR, NAMED_COLOUR, SHAPES, dot_string, md
from provenance.models import Analysis, ClaimGroup, ClaimRef, Corroboration, Hop
from provenance.registry import normalize

#: Claims drawn per group: a larger group is listed in full but drawn in part.
MAX_DRAWN = 40
DENIAL_COLOUR = "#b91c1c"


@st.cache_data(max_entries=4, show_spinner="Grouping claims across articles…")
def _groups(url: str, revision: tuple[int, str], threshold: float) -> Corroboration:
    """The stored articles' groups, rebuilt when an article is added (cache key)."""
    return core._open_workspace(url).corroboration(Settings(threshold=threshold))


def _articles(group: ClaimGroup) -> set[str]:
    return {c.article_id for line in group.lines for c in line.claims}


def groups_table(groups: list[ClaimGroup]) -> pd.DataFrame:
    """One row per group: its claim, how many articles tell it, in how many independent lines,
    how many of its claims are echoes of another article's line, and the denials."""
    rows = [
        {
            "group": g.id, "claim": g.claim, "articles": len(_articles(g)),
            "independent lines": g.independent_lines,
            "echoes": sum(len({c.article_id for c in ln.claims}) - 1 for ln in g.lines),
            "contradictions": len(g.contradictions),
        }
        for g in groups
    ]  # fmt: skip
    columns = ["group", "claim", "articles", "independent lines", "echoes", "contradictions"]
    return pd.DataFrame(rows, columns=columns)


def _refs(refs: list[ClaimRef]) -> pd.DataFrame:
    return pd.DataFrame([r.model_dump() for r in refs], columns=["article_id", "claim_id", "text"])


def _hop_node(line: int, hop: Hop) -> str:
    colour = ANONYMOUS_COLOUR if hop.anonymous else NAMED_COLOUR
    style = "filled,dashed" if hop.anonymous else "filled"
    fill = "#fff1e6" if hop.anonymous else "#e0ecff"
    return (
        f"    {dot_string(f'L{line}|{normalize(hop.name)}')} [label={dot_string(hop.name)}, "
        f'shape={SHAPES.get(hop.type, "ellipse")}, style="{style}", color="{colour}", '
        f'fillcolor="{fill}"];'
    )


def group_dot(group: ClaimGroup, chains: Mapping[tuple[str, str], list[Hop]]) -> str:
    """The group's provenance graph in DOT: one cluster per line of reporting (its shared
    ancestor named; the echoes of one report inside it), each claim's chain from its origin to
    the article that prints it, every article pointing at the claim, and denials in red."""
    out = ['digraph {\n  rankdir=LR;\n  bgcolor=transparent;\n  compound=true;',
           '  node [fontname="Helvetica", fontsize=11];',
           '  edge [fontname="Helvetica", fontsize=9, color="#555555"];',
           f'  "claim" [label={dot_string(f"{group.id}: {group.claim}", 40)}, shape=note, '
           'style=filled, fillcolor="#f5f5f4"];']  # fmt: skip
    drawn = 0
    for k, line in enumerate(group.lines, 1):
        echoes = len({c.article_id for c in line.claims}) - 1
        title = f"line {k}: {line.origin}" + (f" ({echoes} echoes)" if echoes else "")
        out.append(f"  subgraph {dot_string(f'cluster_{k}')} {{\n    label={dot_string(title, 60)};"
                   '\n    style="rounded,filled";\n    fillcolor="#fafaf9";')  # fmt: skip
        edges: list[str] = []
        for ref in line.claims[: max(0, MAX_DRAWN - drawn)]:
            drawn += 1
            article = dot_string(f"A|{ref.article_id}|{ref.claim_id}")
            out.append(f"    {article} [label={dot_string(ref.article_id)}, shape=box];")
            hops = chains.get((ref.article_id, ref.claim_id), [])
            ids = [dot_string(f"L{k}|{normalize(h.name)}") for h in hops]
            out += [_hop_node(k, hop) for hop in hops]
            edges += [f"  {a} -> {b};" for a, b in pairwise([*ids, article])]
            edges.append(f'  {article} -> "claim" [color="#999999"];')
        out.append("  }")
        out += list(dict.fromkeys(edges))
    for ref in group.contradictions[: max(0, MAX_DRAWN - drawn)]:
        node = dot_string(f"D|{ref.article_id}|{ref.claim_id}")
        out.append(f"  {node} [label={dot_string(f'{ref.article_id}: denies')}, shape=box, "
                   f'color="{DENIAL_COLOUR}", fontcolor="{DENIAL_COLOUR}"];')  # fmt: skip
        out.append(f'  {node} -> "claim" [style=dashed, color="{DENIAL_COLOUR}", label="denies"];')
    out.append("}")
    return "\n".join(out)


def _chains(group: ClaimGroup) -> dict[tuple[str, str], list[Hop]]:
    """The chain of every claim of the group, read from the stored analyses."""
    analyses: list[Analysis] = core.get_store().analyses(sorted(_articles(group)))
    return {(a.article.id, c.id): c.chain for a in analyses for c in a.claims}


def _details(group: ClaimGroup) -> None:
    lines = group.independent_lines
    st.markdown(
        f"**{group.id}**: {md(group.claim)}  \n**{lines}** independent "
        f"line{'s' if lines != 1 else ''} of reporting in {len(_articles(group))} articles"
        + (f", **{len(group.contradictions)}** denying it" if group.contradictions else "")
    )
    for k, line in enumerate(group.lines, 1):
        articles = len({c.article_id for c in line.claims})
        echo = f": {articles - 1} echo{'es' if articles > 2 else ''} of one report" * (articles > 1)
        st.markdown(f"Line {k} goes back to **{md(line.origin)}**{echo}")
        st.dataframe(_refs(line.claims), hide_index=True)
    if group.contradictions:
        st.markdown("**Contradictions**: claims that deny it")
        st.dataframe(_refs(group.contradictions), hide_index=True)
    st.graphviz_chart(group_dot(group, _chains(group)))
    if sum(len(ln.claims) for ln in group.lines) + len(group.contradictions) > MAX_DRAWN:
        st.caption(f"The graph draws the first {MAX_DRAWN} claims; the tables list them all.")


def page() -> None:
    st.title("Corroboration")
    st.caption(
        "The same claim across the stored articles. Claims whose chains share an origin or pass "
        "through a common source are one line of reporting (echoes); only lines with no source "
        "in common confirm each other. A denial is a contradiction, never a confirmation."
    )
    with st.expander("How alike two claims must be"):
        threshold = st.slider(
            "Similarity threshold (cosine of word and character n-grams)", 0.1, 0.9,
            Settings().threshold, 0.01, key="corr_threshold",
        )  # fmt: skip
    store = core.get_store()
    groups = _groups(store.url, store.revision(), float(threshold)).groups
    cols = st.columns(4)
    cols[0].metric("Groups", len(groups))
    cols[1].metric("Confirmed (2+ lines)", sum(g.independent_lines > 1 for g in groups))
    cols[2].metric("Only echoes (1 line)", sum(g.independent_lines == 1 for g in groups))
    cols[3].metric("With a denial", sum(bool(g.contradictions) for g in groups))
    left, right = st.columns([3, 1])
    wanted = left.text_input("Words in the claim", key="corr_find").strip().casefold()
    denied = right.checkbox("Only groups with a denial", key="corr_denied")
    shown = [
        g for g in groups
        if (not denied or g.contradictions) and (not wanted or wanted in g.claim.casefold())
    ]  # fmt: skip
    st.dataframe(groups_table(shown), hide_index=True)
    if not shown:
        st.info("No claim is told by two articles or more." if not groups else "No group matches.")
        return
    choice = st.selectbox(
        "Group", range(len(shown)), key="corr_group",
        format_func=lambda i: f"{shown[i].id} · {shown[i].independent_lines} lines · "
        f"{shown[i].claim[:80]}",
    )  # fmt: skip
    _details(shown[choice or 0])


if __name__ == "__main__":
    page()
