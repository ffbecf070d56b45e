"""Correcting the engine on the Rate page: a claim's chain, a source's type or anonymity, two
sources as one. Each correction is stored by a button callback (as an event beside the
engine's output, never over it) before the page says so; a refused one keeps the input."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from provenance.corrections import SOURCE_TYPES
from provenance.dashboard import core, signin
from provenance.dashboard.review import follow
from provenance.models import Analysis, Claim, Source

FLASH = "correct_flash"


def label(source: Source) -> str:
    """A source in pickers: its name, type and whether it is anonymous."""
    return f"{source.name} ({source.type}{', anonymous' if source.anonymous else ''})"


def _hop(chosen: str, view: Analysis, engine_ids: set[str], state: Any, key: str) -> Any:
    """One picked hop as a payload entry: a source of the engine by id, any other (added by
    an analyst, or typed now) by name, type and anonymity."""
    if chosen in engine_ids:
        return {"source": chosen}
    known = {s.id: s for s in view.sources}
    if chosen in known:
        s = known[chosen]
        return {"name": s.name, "type": s.type, "anonymous": s.anonymous}
    return {"name": chosen, "type": state[f"{key}|new_type"],
            "anonymous": state[f"{key}|new_anon"]}  # fmt: skip


def _store(act: str, article_id: str, claim_key: str, key: str) -> None:
    """Button callback: store the correction, then say so; on refusal keep the input."""
    state = st.session_state
    analyst = signin.analyst()
    here = core.workspace()
    engine, view = here.store.analysis(article_id), here.corrected_analysis(article_id)
    if analyst is None or engine is None or view is None:
        state[FLASH] = ("error", "Sign in to correct the engine.")
        return
    note = state.get(f"{key}|note", "")
    try:
        if act == "chain":
            ids = {s.id for s in engine.sources}
            hops = [_hop(c, view, ids, state, key) for c in state[f"{key}|chain"]]
            made = [here.correct(article_id, "chain", {"chain": hops}, analyst, claim_key, note)]
        elif act == "source":
            made = [here.correct(article_id, kind, payload, analyst, note=note)
                    for kind, payload in _source_changes(view, state, key)]  # fmt: skip
        elif act == "add":
            hops = [_hop(c, view, {s.id for s in engine.sources}, state, key)
                    for c in state[f"{key}|chain"]]  # fmt: skip
            payload = {"text": state.get(f"{key}|missed", ""), "chain": hops}
            made = [here.correct(article_id, "add_claim", payload, analyst, note=note)]
        elif act == "split":
            parts = [p.strip() for p in state.get(f"{key}|parts", "").splitlines() if p.strip()]
            made = [here.correct(article_id, "split_claim", {"parts": parts}, analyst,
                                 claim_key, note)]  # fmt: skip
        else:
            payload = {"source": state[f"{key}|merge"], "into": state[f"{key}|into"]}
            made = [here.correct(article_id, "merge_sources", payload, analyst, note=note)]
    except ValueError as err:
        state[FLASH] = ("error", f"Not stored: {err}.")
        return
    state[f"{key}|missed"] = state[f"{key}|parts"] = ""
    state[f"{key}|note"] = ""
    state[FLASH] = ("success", f"Correction #{', #'.join(str(m.id) for m in made)} stored "
                               f"({made[0].kind.replace('_', ' ')}).")  # fmt: skip


def _source_changes(view: Analysis, state: Any, key: str) -> list[tuple[str, dict[str, Any]]]:
    """The source's type and anonymity as corrections, those that differ from the view."""
    source = next(s for s in view.sources if s.id == state[f"{key}|source"])
    changes = [(kind, {"source": source.id, field: state[f"{key}|{field}"]})
               for kind, field in (("source_type", "type"), ("anonymity", "anonymous"))
               if state[f"{key}|{field}"] != getattr(source, field)]  # fmt: skip
    if not changes:
        raise ValueError(f"{source.name} is already so")
    return changes


def history(article_id: str) -> pd.DataFrame:
    """The article's corrections, newest first."""
    made = reversed(core.workspace().corrections(article_id))
    rows = [{"when": c.created_at.isoformat(timespec="seconds"), "who": c.analyst,
             "what": c.kind.replace("_", " "), "claim": c.claim_id, "value": str(c.payload),
             "note": c.note} for c in made]  # fmt: skip
    return pd.DataFrame(rows, columns=["when", "who", "what", "claim", "value", "note"])


def panel(article_id: str, claim: Claim) -> None:
    """The corrections of one claim (its chain, a split), of the article's sources, and a
    claim the engine missed."""
    here = core.workspace()
    view = here.corrected_analysis(article_id)
    if view is None:
        return
    claim_key = here.claim_key(article_id, claim.id)
    shown = next((c for c in view.claims if c.id == claim.id), claim)
    sources = {s.id: s for s in view.sources}
    key = f"correct|{article_id}|{claim_key}"
    args = {"article_id": article_id, "claim_key": claim_key, "key": key}
    st.subheader("Correct the engine")
    if flash := st.session_state.pop(FLASH, None):
        (st.success if flash[0] == "success" else st.error)(flash[1])
    st.caption("Kept beside the engine's output, never over it; exported as gold for "
               "`provenance evaluate`.")  # fmt: skip
    with st.container(border=True):
        follow(f"{key}|chain", [h.source_id for h in shown.chain])
        st.multiselect("Chain, origin first (pick in order; type a name the engine missed)",
                       list(sources), key=f"{key}|chain", accept_new_options=True,
                       format_func=lambda i: label(sources[i]) if i in sources else i)  # fmt: skip
        new_type, new_anon = st.columns(2)
        new_type.selectbox("A new source's type", SOURCE_TYPES, key=f"{key}|new_type")
        new_anon.checkbox("A new source is anonymous", key=f"{key}|new_anon")
        st.button("Save the chain", on_click=_store, kwargs={"act": "chain", **args})
    with st.container(border=True):
        pick, kind, anonymous = st.columns([3, 2, 1.4], vertical_alignment="bottom")
        source = pick.selectbox("Source", list(sources), key=f"{key}|source",
                                format_func=lambda i: label(sources[i]))  # fmt: skip
        follow(f"{key}|type", sources[source].type)
        follow(f"{key}|anonymous", sources[source].anonymous)
        kind.selectbox("Type", SOURCE_TYPES, key=f"{key}|type")
        anonymous.checkbox("Anonymous", key=f"{key}|anonymous")
        st.button("Save the source", on_click=_store, kwargs={"act": "source", **args})
        gone, into = st.columns(2)
        gone.selectbox("Merge", list(sources), key=f"{key}|merge",
                       format_func=lambda i: label(sources[i]))  # fmt: skip
        into.selectbox("into", list(sources), key=f"{key}|into", index=min(1, len(sources) - 1),
                       format_func=lambda i: label(sources[i]))  # fmt: skip
        st.button("Merge the sources", on_click=_store, kwargs={"act": "merge", **args})
    with st.container(border=True):
        st.text_area("A claim the engine missed: an exact passage of the article (its chain: "
                     "the one picked above)", key=f"{key}|missed", height=68)  # fmt: skip
        st.button("Add the claim", on_click=_store, kwargs={"act": "add", **args})
        st.text_area("Split this claim: one passage of it a line", key=f"{key}|parts",
                     height=68)  # fmt: skip
        st.button("Split the claim", on_click=_store, kwargs={"act": "split", **args})
    st.text_input("Note (kept with the correction)", key=f"{key}|note")
    changes = history(article_id)
    if len(changes):
        with st.expander(f"Corrections of this article ({len(changes)})"):
            st.dataframe(changes, hide_index=True)
