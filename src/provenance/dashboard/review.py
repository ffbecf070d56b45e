"""A claim's review on the Rate page: its status (with history), who it is assigned to, and
its comment thread. Each change is stored by a button callback before the page says so;
a failed save keeps what the analyst typed."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from provenance.dashboard import core, render, signin
from provenance.dashboard.render import md
from provenance.review import STATUS_LABELS, STATUSES
from provenance.storage import ClaimStep

NOBODY = ""


def analysts() -> list[str]:
    """Names an assignment can go to: accounts, anyone who rated or reviewed, and me."""
    store = core.get_store()
    names = {*store.accounts(), *core.latest_ratings()["analyst"], *(s.analyst for s in
             store.steps())}  # fmt: skip
    me = signin.analyst()
    if me:
        names.add(me)
    return sorted(n for n in names if n)


def _keys(article_id: str, claim_key: str) -> dict[str, str]:
    suffix = f"{article_id}|{claim_key}"
    return {name: f"{name}|{suffix}" for name in ("status", "note", "assignee", "comment")}


def _store(act: str, article_id: str, claim_key: str, keys: dict[str, str]) -> None:
    """Button callback: store one review step, then say so; on failure keep the input."""
    state = st.session_state
    analyst = signin.analyst()
    if analyst is None:
        state["review_flash"] = ("error", "Sign in to review.")
        return
    here = core.workspace()
    try:
        if act == "status":
            step = here.set_status(article_id, claim_key, state[keys["status"]], analyst,
                                   state.get(keys["note"], ""))  # fmt: skip
            state[keys["note"]] = ""
        elif act == "assign":
            step = here.assign(article_id, claim_key, state[keys["assignee"]] or "", analyst)
        else:
            step = here.comment(article_id, claim_key, analyst, state.get(keys["comment"], ""))
            state[keys["comment"]] = ""
    except ValueError as err:
        state["review_flash"] = ("error", str(err))
        return
    state["review_flash"] = ("success", saved_message(step))


def saved_message(step: ClaimStep) -> str:
    """What the page says once a step is stored."""
    said = {"status": f"Status set to {STATUS_LABELS.get(step.value, step.value)}",
            "assign": f"Assigned to {step.value or 'nobody'}",
            "comment": "Comment added"}[step.kind]  # fmt: skip
    return f"{said} (#{step.id}, stored {step.created_at.astimezone():%H:%M:%S})."


def thread(steps: list[ClaimStep]) -> str:
    """The comments, oldest first, as escaped HTML."""
    items = [
        f'<div style="border-left:3px solid #bbb;padding:0.2em 0.8em;margin:0.4em 0">'
        f'<div style="color:#555;font-size:0.8rem">{render.esc(s.analyst)} · '
        f"{s.created_at:%Y-%m-%d %H:%M} UTC</div>"
        f'<div style="white-space:pre-wrap">{render.esc(s.body)}</div></div>'
        for s in steps
        if s.kind == "comment"
    ]
    return "".join(items) or '<div style="color:#777">No comments yet.</div>'


def history(steps: list[ClaimStep]) -> pd.DataFrame:
    """Status changes and assignments, newest first."""
    rows: list[dict[str, Any]] = [
        {"when": s.created_at.isoformat(timespec="seconds"), "who": s.analyst,
         "what": "status" if s.kind == "status" else "assignment",
         "value": STATUS_LABELS.get(s.value, s.value) if s.kind == "status" else s.value or
         "nobody", "note": s.body}
        for s in reversed(steps) if s.kind != "comment"
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["when", "who", "what", "value", "note"])


def follow(key: str, stored: object) -> None:
    """Show the stored value in a picker whenever it changes (a save here, another analyst,
    the CLI), keeping an unsaved choice otherwise."""
    state = st.session_state
    if state.get(f"{key}|stored") != stored or key not in state:
        state[key] = stored
        state[f"{key}|stored"] = stored


def panel(article_id: str, claim_id: str) -> None:
    """The review of one claim of an article's current version."""
    here = core.workspace()
    claim_key = here.claim_key(article_id, claim_id)
    steps = here.store.steps(article_id, claim_key)
    status = next((s.value for s in reversed(steps) if s.kind == "status"), "unstarted")
    assignee = next((s.value for s in reversed(steps) if s.kind == "assign"), NOBODY)
    keys = _keys(article_id, claim_key)
    state = st.session_state
    follow(keys["status"], status)
    follow(keys["assignee"], assignee)
    st.subheader("Review")
    comments = sum(s.kind == "comment" for s in steps)
    st.markdown(f"Status: **{md(STATUS_LABELS[status])}** · assigned to "
                f"**{md(assignee or 'nobody')}** · {comments} "
                f"comment{'' if comments == 1 else 's'}")  # fmt: skip
    if flash := state.pop("review_flash", None):
        (st.success if flash[0] == "success" else st.error)(flash[1])
    args = {"article_id": article_id, "claim_key": claim_key, "keys": keys}
    left, right = st.columns(2)
    with left, st.container(border=True):
        st.selectbox("Status", STATUSES, format_func=STATUS_LABELS.__getitem__,
                     key=keys["status"])  # fmt: skip
        st.text_input("Note (kept with the status)", key=keys["note"])
        st.button("Set status", on_click=_store, kwargs={"act": "status", **args})
    with right, st.container(border=True):
        names = analysts()
        if state[keys["assignee"]] not in [NOBODY, *names]:
            names.append(state[keys["assignee"]])
        st.selectbox("Assigned to", [NOBODY, *names], key=keys["assignee"],
                     format_func=lambda n: n or "nobody")  # fmt: skip
        st.button("Assign", on_click=_store, kwargs={"act": "assign", **args})
    st.markdown("**Comments**")
    st.html(thread(steps))
    st.text_area("Add a comment", key=keys["comment"], placeholder="What you found, what is "
                 "missing, who to ask")  # fmt: skip
    st.button("Comment", on_click=_store, kwargs={"act": "comment", **args})
    changes = history(steps)
    if len(changes):
        with st.expander(f"History ({len(changes)} changes)"):
            st.dataframe(changes, hide_index=True)
