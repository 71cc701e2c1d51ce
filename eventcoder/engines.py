"""Where stories are coded: in this process, in a pool of local worker processes, or on Dask.

Every engine codes the same per-story function over batches of stories and returns the results in
input order, so the snapshot is identical whatever the engine and the number of workers. Workers
load the codebooks and models once each and reuse them for every batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

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


@cache
def _worker_codebook(root: str) -> Codebook:
    return load_codebook(Path(root))


def code_batch(documents: list[Document], codebook_root: str) -> list[StoryRows]:
    """Code a batch of stories in whatever process runs this (the models load once per process)."""
    from eventcoder.pipeline import code_one

    single_threaded_numerics()
    codebook = _worker_codebook(codebook_root)
    return [story_rows(code_one(document, codebook), codebook) for document in documents]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_locally(
    documents: Iterable[Document], codebook: Codebook, workers: int
) -> Iterator[tuple[Document, StoryRows]]:
    """Stories coded in this process (one worker) or a local process pool, in input order."""
    documents = list(documents)
    workers = min(workers, -(-len(documents) // BATCH_SIZE))  # no idle workers on a small corpus
    if workers <= 1:
        from eventcoder.pipeline import code_one

        for document in documents:
            yield document, story_rows(code_one(document, codebook), codebook)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    single_threaded_numerics()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=single_threaded_numerics) as pool:
        batches = list(_batches(documents, BATCH_SIZE))
        results = pool.map(code_batch, batches, [str(codebook.root)] * len(batches))
        for batch, rows in zip(batches, results, strict=True):
            yield from zip(batch, rows, strict=True)


def code_on_dask(
    documents: Iterable[Document], codebook: Codebook, workers: int, scheduler: str | None
) -> Iterator[tuple[Document, StoryRows]]:
    """Stories coded on a Dask cluster: the one at `scheduler`, or a LocalCluster of `workers`
    single-threaded processes. Each task codes a batch; results come back in input order."""
    from dask.distributed import Client, LocalCluster

    single_threaded_numerics()
    batches = list(_batches(documents, BATCH_SIZE))
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(
            n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        client = Client(cluster)
    try:
        futures = client.map(code_batch, batches, codebook_root=str(codebook.root), pure=False)
        for batch, future in zip(batches, futures, strict=True):
            yield from zip(batch, future.result(), strict=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
