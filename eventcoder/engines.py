"""Where stories are coded: in this process, in a pool of local worker processes, or on Dask.

Every engine codes the same per-story function over batches of stories and returns the results in
input order, so the snapshot is identical whatever the engine and the number of workers. Workers
load the codebooks and models once each and reuse them for every batch.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from eventcoder.codebook import Codebook, load_codebook
from eventcoder.dataset import StoryRows, story_rows
from eventcoder.documents import Document

BATCH_SIZE = 16  # stories per task: one task per story costs more in scheduling than in coding (pitfalls)
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_numerics() -> None:
    """Each worker is one core: numpy's own threads would make N workers fight over N cores (measured
    30-40x slower with two workers on two cores)."""
    for variable in THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")


# Codebooks the parent loaded before forking its workers: they inherit them instead of loading again.
_PRELOADED: dict[str, Codebook] = {}


@cache
def _worker_codebook(root: str) -> Codebook:
    return _PRELOADED.get(root) or load_codebook(Path(root))


def _preload(codebook: Codebook) -> None:
    """Load the codebooks, both languages' models and the place index in this process, so that workers
    forked from it start coding at once (each would otherwise spend seconds loading them)."""
    from eventcoder.analyzers import SUPPORTED_LANGUAGES, analyzer_for
    from eventcoder.places import gazetteer

    _PRELOADED[str(codebook.root)] = codebook
    for language in SUPPORTED_LANGUAGES:
        analyzer_for(language)
    gazetteer()


def code_batch(documents: list[Document], codebook_root: str) -> list[StoryRows]:
    """Code a batch of stories in whatever process runs this (the models load once per process)."""
    from eventcoder.pipeline import code_one

    single_threaded_numerics()
    codebook = _worker_codebook(codebook_root)
    return [story_rows(code_one(document, codebook), codebook) for document in documents]


Item = tuple[Document, StoryRows | None]  # a story and its cached rows, if any


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Done:
    """A result already at hand, shaped like a future."""

    def __init__(self, value: list[StoryRows]) -> None:
        self.value = value

    def result(self) -> list[StoryRows]:
        return self.value


def _in_order(
    items: Iterable[Item], submit: Callable[[list[Document]], Any], window: int
) -> Iterator[tuple[Document, StoryRows, bool]]:
    """(story, rows, was cached) in input order, coding only the stories without cached rows. At most
    `window` batches are in flight, so neither the input nor the results pile up in memory."""
    pending: deque[tuple[list[Item], Any]] = deque()

    def drain(batch: list[Item], future: Any) -> Iterator[tuple[Document, StoryRows, bool]]:
        coded = iter(future.result() if future is not None else ())
        for document, rows in batch:
            yield (document, rows, True) if rows is not None else (document, next(coded), False)

    for batch in _batches(items, BATCH_SIZE):
        missing = [document for document, rows in batch if rows is None]
        pending.append((batch, submit(missing) if missing else None))
        while len(pending) > window:
            yield from drain(*pending.popleft())
    while pending:
        yield from drain(*pending.popleft())


@contextmanager
def open_engine(
    kind: str, workers: int, codebook: Codebook, scheduler: str | None = None
) -> Iterator[Callable[[Iterable[Item]], Iterator[tuple[Document, StoryRows, bool]]]]:
    """A coder for streams of stories: in this process (one worker), on a local process pool, or on
    Dask (the cluster at `scheduler`, or a LocalCluster of `workers` single-threaded processes). The
    pool or cluster starts once per run; workers load codebooks and models once each."""
    root = str(codebook.root)
    if kind == "dask":
        from dask.distributed import Client, LocalCluster

        single_threaded_numerics()
        cluster = (
            None
            if scheduler
            else LocalCluster(
                n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
            )
        )
        client = Client(scheduler) if scheduler else Client(cluster)
        try:
            yield lambda items: _in_order(
                items, lambda docs: client.submit(code_batch, docs, codebook_root=root, pure=False), 2 * workers
            )
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        return
    if workers <= 1:
        from eventcoder.pipeline import code_one

        def here(documents: list[Document]) -> _Done:
            return _Done([story_rows(code_one(document, codebook), codebook) for document in documents])

        yield lambda items: _in_order(items, here, 0)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    single_threaded_numerics()
    context: multiprocessing.context.BaseContext
    if "fork" in multiprocessing.get_all_start_methods():
        # Numerics are already single-threaded (set before numpy loaded), so forking after loading the
        # models is safe, and the workers share the parent's loaded models.
        _preload(codebook)
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=single_threaded_numerics) as pool:
        yield lambda items: _in_order(items, lambda docs: pool.submit(code_batch, docs, root), 2 * workers)
