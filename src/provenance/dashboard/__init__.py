"""The analyst dashboard (Streamlit): read, rate, keep and export.

``app.py`` calls :func:`main`, which lays out the pages with ``st.navigation``. Each page is a
module of this package run as a page script (``page()`` at its end), so all page code lives in
the library and stays thin over the API: :mod:`provenance.dashboard.core` holds what the pages
share, :mod:`provenance.dashboard.render` the escaping HTML and graph builders.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from provenance.dashboard import core, settings, signin

#: Page module, title and icon, in menu order; the first is the landing page.
PAGES = (
    ("articles", "Articles", ":material/library_books:"),
    ("article", "Article", ":material/article:"),
    ("claims", "Claims", ":material/table_rows:"),
    ("rate", "Rate", ":material/rate_review:"),
    ("cases", "Cases", ":material/folder_open:"),
    ("agreement", "Agreement", ":material/compare_arrows:"),
    ("rubrics", "Rubrics", ":material/rule:"),
    ("register", "Sources", ":material/groups:"),
    ("corroboration", "Corroboration", ":material/hub:"),
    ("export", "Export", ":material/download:"),
)


def main() -> None:
    """Run the dashboard (the whole of ``app.py``)."""
    here = Path(__file__).parent
    # A file served by the dashboard: a ":material/...:" or emoji icon makes Streamlit point the
    # browser at an outside server (fonts.gstatic.com, a CDN) for the favicon.
    st.set_page_config(page_title="Provenance", page_icon=str(here / "favicon.svg"), layout="wide")
    pages = {
        name: st.Page(
            here / f"{name}.py", title=title, icon=icon, url_path=name, default=index == 0
        )
        for index, (name, title, icon) in enumerate(PAGES)
    }
    core.PAGES.update(pages)
    # Before signing in the menu is hidden, but the page asked for stays in the URL.
    signed_in = signin.analyst() is not None
    current = st.navigation(list(pages.values()), position="sidebar" if signed_in else "hidden")
    if not signin.gate():
        return
    settings.sidebar()
    current.run()
