"""Coding a corpus: read every story, code the readable ones, and build the validated snapshot.

The library entry point behind `eventcoder code`; the coder itself (`coder.py`) stays pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from eventcoder.analyzers import analyzer_for
from eventcoder.codebook import Codebook, default_codebook
from eventcoder.coder import CodedDocument, code_document
from eventcoder.dataset import Snapshot, build_snapshot, write_snapshot
from eventcoder.documents import Document, read_documents


@dataclass(frozen=True, slots=True)
class RunSummary:
    documents: int
    coded: int
    not_coded: int
    sentences: int
    events: int
    rejected_events: int
    seconds: float

    def line(self) -> str:
        rate = self.sentences / self.seconds if self.seconds else 0.0
        return (
            f"{self.documents} stories ({self.coded} coded, {self.not_coded} not coded), "
            f"{self.sentences} sentences, {self.events} events, {self.rejected_events} rejected rows "
            f"in {self.seconds:.1f}s ({rate:.0f} sentences/s)"
        )


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
    except Exception as error:
        reason = f"the coder failed on this story ({type(error).__name__}: {error}); please report it"
        return CodedDocument(replace(document, status="error", reason=reason), 0, ())


def code_documents(
    documents: Iterable[Document], codebook: Codebook, progress: Callable[[CodedDocument], None] | None = None
) -> list[CodedDocument]:
    coded = []
    for document in documents:
        result = code_one(document, codebook)
        coded.append(result)
        if progress is not None:
            progress(result)
    return coded


def code_corpus(
    inputs: Iterable[Path],
    out: Path,
    *,
    default_date: dt.date | None = None,
    codebook: Codebook | None = None,
    progress: Callable[[CodedDocument], None] | None = None,
) -> tuple[Snapshot, RunSummary]:
    """Code every story under `inputs` and write the snapshot to `out`."""
    import time

    started = time.perf_counter()
    codebook = codebook or default_codebook()
    documents = list(read_documents(inputs, default_date))
    coded = code_documents(documents, codebook, progress)
    snapshot = build_snapshot(coded, codebook)
    write_snapshot(snapshot, out, codebook)
    summary = RunSummary(
        documents=len(coded),
        coded=sum(1 for c in coded if c.document.status == "ok"),
        not_coded=sum(1 for c in coded if c.document.status != "ok"),
        sentences=sum(c.sentence_count for c in coded),
        events=len(snapshot.events),
        rejected_events=len(snapshot.rejects),
        seconds=time.perf_counter() - started,
    )
    return snapshot, summary
