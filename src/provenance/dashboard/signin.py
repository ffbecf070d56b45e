"""Signing in: the analyst's name comes from the session, never from the URL or a text box.

Locally it is the operating system's user; on a team server (``PROVENANCE_AUTH=accounts``) the
app shows nothing but the sign-in form until a name and password check out
(:mod:`provenance.accounts`).
"""

from __future__ import annotations

import streamlit as st

from provenance.accounts import auth_mode, local_analyst, verify
from provenance.dashboard import core
from provenance.dashboard.render import md

SESSION_KEY = "signed_in_analyst"


def analyst() -> str | None:
    """The signed-in analyst (None on a team server before signing in)."""
    if auth_mode() == "local":
        return local_analyst()
    name = st.session_state.get(SESSION_KEY)
    return str(name) if name else None


def _sign_in() -> None:
    state = st.session_state
    name = verify(core.get_store(), state.get("signin_name", ""), state.get("signin_password", ""))
    state["signin_password"] = ""
    if name is None:
        state["signin_error"] = "Wrong name or password."
    else:
        state[SESSION_KEY] = name


def _sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)


def gate() -> bool:
    """Show who is signed in (sidebar) or the sign-in form; False while nobody is."""
    name = analyst()
    if name is not None:
        local = auth_mode() == "local"
        st.sidebar.caption(
            f"Signed in as **{md(name)}**" + (" (this computer's user)" if local else "")
        )
        if not local:
            st.sidebar.button("Sign out", on_click=_sign_out, key="sign_out")
        return True
    st.title("Sign in")
    with st.form("signin"):
        st.text_input("Name", key="signin_name")
        st.text_input("Password", type="password", key="signin_password")
        st.form_submit_button("Sign in", type="primary", on_click=_sign_in)
    error = st.session_state.pop("signin_error", None)
    if error:
        st.error(error)
    return False
