"""Coding a corpus into the output folder: incremental, locked, and whole.

The library entry point behind `eventcoder code`; the coder itself (`coder.py`) stays pure. A run
takes a lock on the output folder, codes only the stories whose rows are not in the per-story cache
(new or changed stories, or every story after a codebook or coder change), builds and validates the
snapshot from all stories' rows, and replaces the output files.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from eventcoder import __version__
from eventcoder.analyzers import analyzer_for
from eventcoder.cache import StoryCache
from eventcoder.codebook import Codebook, default_codebook
from eventcoder.coder import CodedDocument, code_document
from eventcoder.dataset import (
    OutputError,
    StoryRows,
    read_manifest,
)
from eventcoder.documents import Document, find_inputs, read_documents
from eventcoder.schema import SCHEMA_VERSION
from eventcoder.writer import SnapshotWriter

LOCK_FILE = ".eventcoder.lock"
CACHE_FOLDER = ".cache"
WRITE_BATCH = 256  # stories validated and written together: memory holds one batch, not the corpus
SMALL_CORPUS_BYTES = 256_000


class OutputLockedError(Exception):
    """Another run holds the output folder."""


@dataclass(frozen=True, slots=True)
class RunSummary:
    documents: int
    coded: int
    not_coded: int
    recoded: int
    reused: int
    removed: int
    sentences: int
    events: int
    rejected_events: int
    seconds: float

    def line(self) -> str:
        return (
            f"{self.documents} stories ({self.coded} coded, {self.not_coded} not coded; {self.recoded} recoded, "
            f"{self.reused} from cache, {self.removed} gone), {self.sentences} sentences, {self.events} events, "
            f"{self.rejected_events} rejected rows in {self.seconds:.1f}s"
        )


def run_key(codebook: Codebook) -> str:
    """What decides every story's rows besides the story: schema, coder and codebooks."""
    return f"{SCHEMA_VERSION}|{__version__}|{codebook.content_hash}"


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the output folder for one run; a second run fails at once rather than interleave."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = (out / LOCK_FILE).open("a+")
    except OSError as error:
        raise OutputError(f"cannot write to {out}: {error.strerror or error}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputLockedError(
                f"another eventcoder run is writing to {out}; try again when it has finished"
            ) from None
        yield
    finally:
        handle.close()


def code_one(document: Document, codebook: Codebook) -> CodedDocument:
    """Code one story; a story the coder cannot handle is recorded with the reason, never lost."""
    if not document.codable:
        return CodedDocument(document, 0, ())
    try:
        analyzer = analyzer_for(document.language or "")
    except ValueError as error:
        return CodedDocument(replace(document, status="rejected", reason=str(error)), 0, ())
    try:
        return code_document(document, codebook, analyzer)
    except Exception as error:  # one bad story must not stop a corpus; it is recorded
        reason = f"the coder failed on this story ({type(error).__name__}: {error}); please report it"
        return CodedDocument(replace(document, status="error", reason=reason), 0, ())


def _workers_for(inputs: list[Path], workers: int) -> int:
    """A small corpus is coded in this process: starting workers (each loads the models) would cost
    more than it saves."""
    size = sum(path.stat().st_size for path in find_inputs(inputs) if path.is_file())
    return workers if size > SMALL_CORPUS_BYTES else 1


def code_corpus(
    inputs: Iterable[Path],
    out: Path,
    *,
    default_date: dt.date | None = None,
    codebook: Codebook | None = None,
    full: bool = False,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Callable[[StoryRows], None] | None = None,
) -> RunSummary:
    """Code every story under `inputs` into `out`, streaming: stories are read, coded (or taken from
    the per-story cache unless `full`) and written in bounded batches, in input order, by `engine`
    ("local" with `workers` processes, or "dask")."""
    from eventcoder.engines import open_engine

    started = time.perf_counter()
    inputs = list(inputs)
    with output_lock(out):
        codebook = codebook or default_codebook()
        cache = StoryCache(out / CACHE_FOLDER, run_key(codebook))
        previous = set(read_manifest(out).get("documents", {}))
        if engine == "local":
            workers = _workers_for(inputs, workers)
        recoded = sentences = 0
        statuses: list[str] = []
        with SnapshotWriter(out, codebook) as writer, open_engine(engine, workers, codebook, scheduler) as code:
            items = ((d, None if full else cache.get(d)) for d in read_documents(inputs, default_date))
            batch: list[StoryRows] = []
            for document, rows, was_cached in code(items):
                if not was_cached:
                    cache.put(document, rows)
                    recoded += 1
                statuses.append(rows.document["status"])
                sentences += rows.document["sentence_count"]
                batch.append(rows)
                if progress is not None:
                    progress(rows)
                if len(batch) >= WRITE_BATCH:
                    writer.add(batch)
                    batch = []
            writer.add(batch)
            counts = writer.finish()
            current = {row["doc_id"] for row in writer.documents}
        cache.prune()
    return RunSummary(
        documents=len(statuses),
        coded=statuses.count("coded"),
        not_coded=len(statuses) - statuses.count("coded"),
        recoded=recoded,
        reused=len(statuses) - recoded,
        removed=len(previous - current),
        sentences=sentences,
        events=counts["events"],
        rejected_events=counts["rejects"],
        seconds=time.perf_counter() - started,
    )
