"""Scale-out: analyse many articles on several processes with Dask, the model loaded once per
worker process.

Inputs are read here, in the calling process, so a broken file is reported as soon as it is
reached and only readable articles cross the process boundary. Articles go to the workers in
chunks (a ``dask.bag`` per chunk, computed on one process pool that lives for the whole run, so
no worker loads the model twice). Analyses come back in input order; a broken input is reported
when its chunk is read, ahead of that chunk's analyses.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from itertools import islice
from pathlib import Path

import pandas as pd

from provenance import nlp as nlp_mod
from provenance.errors import InputError
from provenance.fetch import PrivateUrls
from provenance.inputs import read_articles
from provenance.models import Analysis, Article
from provenance.pipeline import analyze_batch

#: Partitions per worker in each chunk: enough to balance long and short articles.
PARTITIONS_PER_WORKER = 4
#: Articles per partition: enough for ``nlp.pipe`` to batch their paragraphs.
PARTITION_SIZE = 16


def _analyze_partition(articles: list[Article], model: str | None) -> list[Analysis | InputError]:
    """Runs in a worker: the model is cached per process (the pool's initializer loaded it)."""
    return analyze_batch(articles, nlp_mod.load(model))


def analyze_parallel(
    inputs: Sequence[str | Path],
    *,
    workers: int,
    model: str | None = None,
    text_column: str = "text",
    scheduler: str = "processes",
    partition_size: int = PARTITION_SIZE,
    allow_private_urls: PrivateUrls = None,
) -> Iterator[Analysis | InputError]:
    """Like :func:`provenance.analyze_many`, on ``workers`` processes, ``partition_size``
    articles per task.

    ``scheduler`` is a Dask scheduler name; anything but ``"processes"`` (e.g. ``"synchronous"``)
    runs in this process, which is how tests check the partitioning without spawning workers.
    """
    import dask.bag as db

    chunk_size = max(1, workers) * PARTITIONS_PER_WORKER * partition_size
    with ExitStack() as stack:
        options: dict[str, object] = {"scheduler": scheduler}
        if scheduler == "processes":
            options["pool"] = stack.enter_context(
                ProcessPoolExecutor(
                    workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=nlp_mod.load,
                    initargs=(model,),
                )
            )
        stream = read_articles(
            inputs, text_column=text_column, allow_private_urls=allow_private_urls
        )
        while chunk := list(islice(stream, chunk_size)):
            articles = [item for item in chunk if isinstance(item, Article)]
            yield from (item for item in chunk if isinstance(item, InputError))
            if not articles:
                continue
            parts = -(-len(articles) // partition_size)  # ceiling division
            bag = db.from_sequence(articles, npartitions=parts)  # type: ignore[no-untyped-call]
            yield from bag.map_partitions(_analyze_partition, model).compute(**options)


def analyze_frame(
    inputs: Sequence[str | Path],
    workers: int,
    *,
    model: str | None = None,
    text_column: str = "text",
    scheduler: str = "processes",
    errors: list[InputError] | None = None,
) -> pd.DataFrame:
    """One row per claim of every article (``Analysis.to_frame`` columns), analysed in parallel.

    A broken input raises its :class:`InputError`, unless ``errors`` is given: then it is
    recorded there and the run goes on.
    """
    frames = []
    for item in analyze_parallel(
        inputs, workers=workers, model=model, text_column=text_column, scheduler=scheduler
    ):
        if isinstance(item, InputError):
            if errors is None:
                raise item
            errors.append(item)
        else:
            frames.append(item.to_frame())
    if not frames:  # no claims anywhere: still the columns of a claims table
        return Analysis(article=Article(id="", text="")).to_frame()
    return pd.concat(frames, ignore_index=True)
