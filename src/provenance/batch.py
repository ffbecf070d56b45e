"""Many articles on all cores: the one parallel path of Provenance.

Articles go to worker processes in small chunks; each worker runs the whole pipeline (parse,
claims, chains) on its chunk with its own copy of the model, so nothing but reading and writing
is left to the calling process. Locally the workers are a process pool (forked where the
platform allows, so they share the model already loaded here); with ``scheduler=ADDRESS`` they
are the workers of an existing Dask ``distributed`` cluster (``pip install
provenance-news[dask]``), each loading the model once. At most ``4 x workers`` chunks are in
flight, so memory stays bounded however long the stream, and results come back in input order,
each broken input as an :class:`InputError` in its place.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import Any

import pandas as pd
from spacy.language import Language
from threadpoolctl import threadpool_limits

from provenance import nlp as nlp_mod
from provenance.errors import InputError, ProvenanceError
from provenance.models import CLAIM_COLUMNS, Analysis, Article, claim_rows
from provenance.pipeline import analyze_batch
from provenance.rubric import Rubric, load_rubric

#: Articles per task: enough for ``nlp.pipe`` to fill its batches, small enough to balance.
CHUNK_SIZE = 8
#: Chunks in flight per worker: enough that a worker never waits while the oldest chunk, whose
#: results must be written first, is still being analysed by another.
IN_FLIGHT = 4
#: How long to try to reach a ``--scheduler`` before saying it cannot be reached.
SCHEDULER_TIMEOUT = "10s"
#: Analysed once before forking workers, so that they inherit warm caches instead of each
#: filling its own (a forked worker shares the parent's memory until it writes to it).
WARM_UP = Article(id="warm-up", text="The minister said the bridge would reopen, Reuters said.")
Item = Article | InputError
Result = Analysis | InputError


def _glibc() -> ctypes.CDLL | None:
    """The C library this process runs on, when it is glibc (it alone has ``malloc_trim``)."""
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None


_LIBC = _glibc()
#: Whether this process has been set up as a worker (:func:`_start_worker`).
_STARTED: list[bool] = []


def default_workers() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_worker(model: str | None) -> Language:
    """Once per worker process: the model (``nlp.load`` caches it; a forked worker has it
    already), and one BLAS thread, since the workers already use every core: two threads
    each would fight over the cores the other workers use."""
    if not _STARTED:  # a Dask worker has no initializer: its first chunk comes here first
        threadpool_limits(1)
        _STARTED.append(True)
    return nlp_mod.load(model)


def _analyze_chunk(articles: list[Article], model: str | None) -> list[Result]:
    """Runs in a worker (a local process or a Dask worker). The memory a chunk used is handed
    back to the system after it, so that a worker's footprint is that of the chunk at hand,
    not the largest one it ever met."""
    done = analyze_batch(articles, _start_worker(model))
    _release_memory()
    return done


def _release_memory() -> None:
    """glibc keeps the heap pages that freed blocks leave, and a forked worker's heap pages are
    its own copies: ``malloc_trim`` returns the free ones (a no-op elsewhere)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    stream = iter(items)
    while chunk := list(islice(stream, size)):
        yield chunk


def _in_order(chunk: list[Item], done: list[Result]) -> Iterator[Result]:
    """The chunk's broken inputs and analyses, in the order they were read."""
    results = iter(done)
    for item in chunk:
        yield item if isinstance(item, InputError) else next(results)


@contextmanager
def _executor(workers: int, model: str | None, scheduler: str | None) -> Iterator[Executor]:
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise ProvenanceError(
                "--scheduler needs Dask: pip install 'provenance-news[dask]'", scheduler
            ) from None
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)  # type: ignore[no-untyped-call]
        except (OSError, ValueError) as err:
            raise ProvenanceError(f"cannot reach the Dask scheduler: {err}", scheduler) from None
        with client:
            yield client.get_executor()  # type: ignore[no-untyped-call]
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":  # warm the caches (registry, lexicon, cue model) once, here, for all
        analyze_batch([WARM_UP], nlp_mod.load(model))
        gc.collect()
        gc.freeze()  # the collector then leaves the model's objects alone: their pages stay shared
        _release_memory()  # free heap pages a worker would otherwise copy on first reuse
    context = multiprocessing.get_context(method)
    try:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(model,)
        ) as pool:
            yield pool
    finally:
        gc.unfreeze()


def analyze_stream(
    items: Iterable[Item],
    *,
    workers: int = 1,
    nlp: Language | None = None,
    model: str | None = None,
    scheduler: str | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Result]:
    """Analyse a stream of articles (read inputs: broken ones pass through in place) on
    ``workers`` local processes, or on the Dask cluster at ``scheduler``; one worker and no
    scheduler runs in this process with ``nlp``."""
    if workers <= 1 and not scheduler:
        pipeline = nlp or nlp_mod.load(model)
        for chunk in _chunks(items, chunk_size):
            done = analyze_batch([a for a in chunk if isinstance(a, Article)], pipeline)
            yield from _in_order(chunk, done)
        return
    pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()
    with _executor(workers, model, scheduler) as pool:
        for chunk in _chunks(items, chunk_size):
            articles = [a for a in chunk if isinstance(a, Article)]
            pending.append((chunk, pool.submit(_analyze_chunk, articles, model)))
            while len(pending) > IN_FLIGHT * workers:
                head, future = pending.popleft()
                yield from _in_order(head, future.result())
        while pending:
            head, future = pending.popleft()
            yield from _in_order(head, future.result())


def analyze_frame(
    frame: pd.DataFrame,
    *,
    text: str = "text",
    id: str | None = "id",
    workers: int = 1,
    model: str | None = None,
    errors: list[InputError] | None = None,
) -> pd.DataFrame:
    """A DataFrame of articles in, one row per claim out (columns of ``Analysis.to_frame``).

    ``text`` names the text column; ``id`` the id column (row number when absent); ``title``,
    ``url``, ``publisher``, ``published`` and ``author`` columns are used when present. A row
    that cannot be analysed raises its :class:`InputError`, unless ``errors`` is given: then it
    is recorded there and the others go on.
    """
    rows: list[dict[str, Any]] = []
    for analysis in _frame_analyses(frame, text, id, workers, model, errors):
        rows += claim_rows(analysis)
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def score_frame(
    data: pd.DataFrame | Iterable[Analysis] | Analysis,
    rubric: Rubric | str,
    *,
    text: str = "text",
    id: str | None = "id",
    workers: int = 1,
    model: str | None = None,
    errors: list[InputError] | None = None,
) -> pd.DataFrame:
    """Articles in, one scored row per claim out (:func:`provenance.scoring.score_frame`'s
    columns: the claim row, score, grade, each criterion's points and evidence).

    ``data`` is a DataFrame of articles, read and analysed as :func:`analyze_frame` does (same
    ``text``, ``id``, ``workers``, ``errors``), or analyses already made (then scored as they
    are). ``rubric`` is a :class:`~provenance.rubric.Rubric` or a rubric's name.
    """
    from provenance import scoring

    if not isinstance(data, pd.DataFrame):
        return scoring.score_frame(data, rubric)
    chosen = load_rubric(rubric) if isinstance(rubric, str) else rubric  # fail before any work
    return scoring.score_frame(_frame_analyses(data, text, id, workers, model, errors), chosen)


def _frame_analyses(
    frame: pd.DataFrame,
    text: str,
    id: str | None,
    workers: int,
    model: str | None,
    errors: list[InputError] | None,
) -> Iterator[Analysis]:
    if text not in frame.columns:
        raise InputError(f"no column {text!r} (columns: {', '.join(map(str, frame.columns))})")
    for item in analyze_stream(_articles(frame, text, id), workers=workers, model=model):
        if isinstance(item, InputError):
            if errors is None:
                raise item
            errors.append(item)
        else:
            yield item


def _articles(frame: pd.DataFrame, text: str, id: str | None) -> Iterator[Item]:
    meta = [c for c in ("title", "url", "publisher", "published", "author") if c in frame]
    for number, record in enumerate(frame.to_dict("records"), 1):
        key = record.get(id) if id else None
        name = str(key) if key is not None and not pd.isna(key) else f"row-{number}"
        body = record.get(text)
        if not isinstance(body, str) or not body.strip():
            yield InputError(f"row {number}: no text in column {text!r}", name, name)
            continue
        fields = {k: str(record[k]) for k in meta if isinstance(record[k], str) and record[k]}
        yield Article(id=name, text=body, origin=f"row {number}", **fields)
