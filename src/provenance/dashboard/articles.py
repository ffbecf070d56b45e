"""Articles page: add articles (pasted text, uploaded files, a URL) and list those analysed."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from provenance.dashboard import core
from provenance.dashboard.render import md
from provenance.errors import InputError
from provenance.fetch import ALLOW_PRIVATE_ENV
from provenance.ingest import article_from_text, read_inputs
from provenance.limits import MAX_INPUT_BYTES, human_size
from provenance.models import Article
from provenance.storage import ArticleSummary

ARTICLE_COLUMNS = ["title", "claims", "anonymous_share", "weakest_grade", "needs_review",
                   "rated_claims", "article_id"]  # fmt: skip
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


def _uploaded(files: list[UploadedFile]) -> None:
    with tempfile.TemporaryDirectory(prefix="provenance-upload-") as folder:
        for upload in files:
            if upload.size > MAX_INPUT_BYTES:
                st.error(
                    f"{md(upload.name)}: file is {human_size(upload.size)}, over the "
                    f"{human_size(MAX_INPUT_BYTES)} limit; split the file."
                )
                continue
            # The file keeps its name (its stem becomes the article id) but no path parts.
            path = Path(folder) / (_UNSAFE_NAME.sub("_", Path(upload.name).name) or "upload.txt")
            path.write_bytes(upload.getvalue())
            results = (
                r if isinstance(r, InputError) else r.model_copy(update={"origin": upload.name})
                for r in read_inputs([path])
            )
            _analyse_all(results, upload.name)


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


def article_table(frame: pd.DataFrame, summaries: list[ArticleSummary]) -> pd.DataFrame:
    """Per article, newest first: claims, share resting on an anonymous source, weakest grade,
    claims needing review, rated claims (articles without claims too)."""
    table = pd.DataFrame(
        {"article_id": [s.id for s in summaries], "title": [s.title or s.id for s in summaries]}
    )
    stats = frame.groupby("article_id", sort=False).agg(
        claims=("claim_id", "size"),
        anonymous_share=("anonymous_hops", lambda hops: float((hops > 0).mean())),
        needs_review=("needs_review", "sum"),
        rated_claims=("ratings", lambda counts: int((counts > 0).sum())),
    )
    if len(frame):
        weakest = frame.loc[frame.groupby("article_id", sort=False)["score"].idxmin()]
        stats["weakest_grade"] = weakest.set_index("article_id")["grade"]
    table = table.join(stats, on="article_id")
    counts = {"claims": int, "needs_review": int, "rated_claims": int}
    table = table.fillna(dict.fromkeys(counts, 0)).astype(counts)
    return table.reindex(columns=ARTICLE_COLUMNS)


def _article_list() -> None:
    store = core.get_store()
    summaries = store.summaries()
    st.subheader(f"Analysed articles ({len(summaries)})")
    if not summaries:
        st.info("No article yet: add one.")
        return
    rubric = core.current_rubric()
    table = article_table(core.claims_table(rubric), summaries)
    event = st.dataframe(
        table,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="article_list",
        column_config={
            "title": st.column_config.TextColumn("Title", width="large"),
            "claims": st.column_config.NumberColumn("Claims"),
            "anonymous_share": st.column_config.ProgressColumn(
                "Anonymous-sourced",
                help="Share of claims whose chain has an anonymous source",
                min_value=0.0,
                max_value=1.0,
                format="percent",
            ),
            "weakest_grade": st.column_config.TextColumn(f"Weakest ({rubric.id})"),
            "needs_review": st.column_config.NumberColumn("Need review"),
            "rated_claims": st.column_config.NumberColumn("Rated"),
            "article_id": st.column_config.TextColumn("Id"),
        },
    )
    rows = event.selection.rows if event else []
    if rows:
        chosen = str(table.iloc[rows[0]]["article_id"])
        left, right = st.columns(2)
        with left:
            core.link("article", "Read it", ":material/article:", article=chosen)
        with right:
            core.link("rate", "Rate its claims", ":material/rate_review:", article=chosen)
    else:
        st.caption("Select a row to open the article or rate its claims.")


def page() -> None:
    st.title("Articles")
    listed, adding = st.columns([3, 2], gap="large")
    with adding, st.container(border=True):
        st.subheader("Add an article")
        _add_article()
    with listed:
        _article_list()


if __name__ == "__main__":
    page()
