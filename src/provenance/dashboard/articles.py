"""Articles page: add articles (pasted text, uploaded files, a URL) and list those analysed."""

from __future__ import annotations

import math
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from provenance.dashboard import core
from provenance.dashboard.render import md
from provenance.errors import InputError
from provenance.fetch import ALLOW_PRIVATE_ENV
from provenance.identity import fold
from provenance.ingest import article_from_text, read_inputs
from provenance.limits import MAX_INPUT_BYTES, human_size
from provenance.models import Article
from provenance.tables import articles_table

UPLOAD_TYPES = ["txt", "html", "htm", "md", "json", "jsonl", "csv"]
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
#: Streamlit counts its upload limit in MiB: just above the shared cap, which is checked here.
_UPLOADER_MIB = -(-MAX_INPUT_BYTES // (1024 * 1024))


def _report(article: Article, *, new_version: bool = False) -> None:
    """Analyse and store one article, then say what happened only once it is stored. An id
    that is stored with another text is kept as it is until the analyst confirms."""
    added = core.workspace().add_article(article, new_version=new_version)
    saved, title = added.saved, md(article.title or article.id)
    if added.analysis is not None:
        st.success(
            f"Analysed **{title}**"
            + (f" as version {saved.version}" if saved.status == "new_version" else "")
            + f": {len(added.analysis.claims)} claims, {len(added.analysis.sources)} "
            f"sources, in {added.seconds:.2f} s (server time)."
        )
        core.link("article", "Open it", ":material/arrow_forward:", article=article.id)
    elif saved.status == "unchanged":
        st.info(f"**{title}** is already stored with this text (version {saved.version}).")
    elif saved.duplicate_of is not None:
        holder, version = saved.duplicate_of
        st.warning(
            f"**{title}**: the same text is already stored as {md(holder)} (version {version}); "
            "not added again."
        )
        core.link("article", "Open it", ":material/arrow_forward:", article=holder)
    else:
        st.session_state.setdefault("pending_versions", {})[article.id] = article


def _confirm_version(article_id: str, keep: bool) -> None:
    article = st.session_state["pending_versions"].pop(article_id)
    if keep:
        st.session_state.setdefault("version_flash", []).append(article)


def _pending_versions() -> None:
    """Articles whose id is stored with another text: ask before making them current."""
    for article in st.session_state.pop("version_flash", []):
        _report(article, new_version=True)
    for article_id in list(st.session_state.get("pending_versions", {})):
        current = core.get_store().current_version(article_id)
        st.warning(
            f"An article with id **{md(article_id)}** is already stored (version {current}) "
            "with a different text. Make this text its new current version? The earlier "
            "version is kept, and ratings stay with the claims whose text they rated."
        )
        yes, no = st.columns(2)
        yes.button("Make it the current version", key=f"new_version|{article_id}",
                   type="primary", on_click=_confirm_version, args=(article_id, True))  # fmt: skip
        no.button("Keep the current version", key=f"keep_version|{article_id}",
                  on_click=_confirm_version, args=(article_id, False))  # fmt: skip


def _analyse_all(results: Iterable[Article | InputError], shown_origin: str) -> None:
    for result in results:
        if isinstance(result, InputError):
            st.error(f"{md(shown_origin)}: {md(result.message)}")
        else:
            _report(result)


OUTCOMES = {
    "added": "added",
    "new_version": "added as a new version",
    "unchanged": "already stored",
    "duplicate": "same text as another article",
    "exists": "id stored with another text: asked below",
    "failed": "not read",
}


def _upload_paths(files: list[UploadedFile], folder: Path) -> Iterator[tuple[str, Path | str]]:
    """Each upload as (its name, a file holding it), or (its name, why it was refused)."""
    for upload in files:
        if upload.size > MAX_INPUT_BYTES:
            yield upload.name, (f"file is {human_size(upload.size)}, over the "
                                f"{human_size(MAX_INPUT_BYTES)} limit; split the file")  # fmt: skip
            continue
        # The file keeps its name (its stem becomes the article id) but no path parts.
        path = folder / (_UNSAFE_NAME.sub("_", Path(upload.name).name) or "upload.txt")
        path.write_bytes(upload.getvalue())
        yield upload.name, path


def _add_quietly(name: str, result: Article | InputError) -> dict[str, object]:
    """Store one article of a bulk add; its outcome as a row of the summary table."""
    if isinstance(result, InputError):
        return {"file": name, "outcome": "failed", "article": "", "claims": 0,
                "detail": result.message}  # fmt: skip
    article = result.model_copy(update={"origin": name})
    added = core.workspace().add_article(article)
    saved = added.saved
    if saved.status == "exists":
        st.session_state.setdefault("pending_versions", {})[article.id] = article
    detail = f"as {saved.duplicate_of[0]}" if saved.duplicate_of else ""
    claims = len(added.analysis.claims) if added.analysis else 0
    return {"file": name, "outcome": saved.status, "article": article.id, "claims": claims,
            "detail": detail}  # fmt: skip


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _uploaded(files: list[UploadedFile]) -> None:
    """Analyse every upload under one progress bar, then one summary and one table (not a
    message per file); errors are rows of the table, the batch carries on past them."""
    bar = st.progress(0.0, text=f"Analysing {len(files)} files…")
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="provenance-upload-") as folder:
        for done, (name, path) in enumerate(_upload_paths(files, Path(folder)), start=1):
            if isinstance(path, str):
                rows.append({"file": name, "outcome": "failed", "article": "", "claims": 0,
                             "detail": path})  # fmt: skip
            else:
                rows.extend(_add_quietly(name, r) for r in read_inputs([path]))
            bar.progress(done / len(files), text=f"Analysed {done} of {len(files)} files")
    table = pd.DataFrame(rows, columns=["file", "outcome", "article", "claims", "detail"])
    counts = table["outcome"].value_counts()
    said = ", ".join(f"{counts[k]} {label}" for k, label in OUTCOMES.items() if k in counts)
    added = int(table.loc[table["outcome"].isin(["added", "new_version"]), "claims"].sum())
    summary = (f"{_count(len(files), 'file')}, {_count(len(table), 'article')}: {said}; {added} "
               f"claim{'' if added == 1 else 's'} found.")  # fmt: skip
    (st.warning if "failed" in counts else st.success)(summary)  # no user text in it
    st.dataframe(table.assign(outcome=table["outcome"].map(OUTCOMES)), hide_index=True,
                 key="upload_summary")  # fmt: skip


def _add_article() -> None:
    paste, upload, url = st.tabs(["Paste text", "Upload files", "From a URL"])
    with paste, st.form("paste", clear_on_submit=False):
        title = st.text_input("Title (optional)", key="paste_title")
        text = st.text_area("Article text", height=180, key="paste_text")
        if st.form_submit_button("Analyse", type="primary"):
            try:
                article = article_from_text(text, title=title.strip() or None, origin="pasted")
            except InputError as err:
                st.error(md(err.message))
            else:
                _report(article)
    with upload:
        files = st.file_uploader(
            "Text, HTML, Markdown, JSON, JSON Lines or CSV (up to "
            f"{human_size(MAX_INPUT_BYTES)} each)",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            max_upload_size=_UPLOADER_MIB,
            key="uploads",
        )
        if st.button("Analyse the files", disabled=not files):
            _uploaded(list(files or []))
    with url, st.form("url"):
        address = st.text_input("Article URL (http or https)", key="url")
        st.caption(
            "Pages on private or local networks are fetched only if the server's admin allows "
            f"them (`{ALLOW_PRIVATE_ENV}`)."
        )
        if st.form_submit_button("Fetch and analyse") and address.strip():
            if not address.strip().lower().startswith(("http://", "https://")):
                st.error("Only http:// and https:// addresses can be fetched.")
            else:
                _analyse_all(read_inputs([address.strip()]), address.strip())
    _pending_versions()


PAGE_SIZE = 25


def find(table: pd.DataFrame, words: str) -> pd.DataFrame:
    """The articles whose title or id holds every word (case and accents folded)."""
    wanted = fold(words).split()
    if not wanted:
        return table
    haystack = (table["title"].fillna("") + " " + table["article_id"]).map(fold)
    keep = haystack.map(lambda text: all(w in text for w in wanted))
    return table[keep]


def _article_list() -> None:
    store = core.get_store()
    summaries = store.summaries()
    st.subheader(f"Analysed articles ({len(summaries)})")
    if not summaries:
        st.info("No article yet: add one.")
        return
    rubric = core.current_rubric()
    table = articles_table(core.claims_table(rubric), summaries)
    words = st.text_input("Find an article", key="articles_find", placeholder="Words of the "
                          "title or id", on_change=_words_to_url) or ""  # fmt: skip
    found = find(table, words)
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    st.caption(f"{len(found):,} of {len(table):,} articles"
               + (f" match “{md(words.strip())}”" if words.strip() else ""))  # fmt: skip
    number = st.pagination(pages, key=f"articles_page|{words}|{pages}", max_visible_pages=7)
    visible = found.iloc[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    event = st.dataframe(
        visible,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="article_list",
        column_config={
            "title": st.column_config.TextColumn("Title", width=240),
            "claims": st.column_config.NumberColumn("Claims", width=55),
            "anonymous_share": st.column_config.ProgressColumn(
                "Anonymous",
                help="Share of claims whose chain has an anonymous source",
                min_value=0.0,
                max_value=1.0,
                format="percent",
                width=90,
            ),
            "weakest_grade": st.column_config.TextColumn(
                "Weakest", help=f"The weakest grade under {rubric.title}", width=66
            ),
            "needs_review": st.column_config.NumberColumn("Review", width=60,
                                                          help="Claims that need review"),
            "rated_claims": st.column_config.NumberColumn("Rated", width=52),
            "article_id": st.column_config.TextColumn("Id", width=100),
        },
    )  # fmt: skip
    rows = event.selection.rows if event else []
    if rows:
        chosen = str(visible.iloc[rows[0]]["article_id"])
        left, right = st.columns(2)
        with left:
            core.link("article", "Read it", ":material/article:", article=chosen)
        with right:
            core.link("rate", "Rate its claims", ":material/rate_review:", article=chosen)
    else:
        st.caption(f"Page {number} of {pages} · select a row to open the article or rate its "
                   "claims.")  # fmt: skip


def _words_to_url() -> None:
    """The search is kept in the URL (``?q=``), so a reload or a link shows the same list."""
    if words := (st.session_state.get("articles_find") or "").strip():
        st.query_params["q"] = words
    else:
        st.query_params.pop("q", None)


def page() -> None:
    st.title("Articles")
    if "articles_find" not in st.session_state:
        st.session_state["articles_find"] = st.query_params.get("q", "")
    listed, adding = st.columns([3, 1], gap="medium")
    with adding, st.container(border=True):
        st.subheader("Add an article")
        _add_article()
    with listed:
        _article_list()


if __name__ == "__main__":
    page()
