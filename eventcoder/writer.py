"""Writing a snapshot as stories finish, in bounded batches.

Each batch of stories is validated (invalid rows go to the rejects, never dropped) and its events are
appended to a staging Parquet file as one row group, so memory holds one batch, not the corpus. What
needs the whole corpus is small and kept aside: event ids seen (ids must be unique across the
snapshot) and, per event group, the stories that report it. Finishing copies the staged events into
place row group by row group with `reports` filled in, then writes documents, rejects, the data
dictionary and the manifest last.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow
import pyarrow.parquet as pq

from eventcoder.codebook import Codebook
from eventcoder.dataset import (
    DICTIONARY_FILE,
    MANIFEST_FILE,
    TABLE_FILES,
    OutputError,
    StoryRows,
    atomic_write,
    events_schema,
    metadata,
    to_frame,
    validate_rows,
    with_event_groups,
    write_table,
)
from eventcoder.schema import DocumentsModel, EventsModel, RejectsModel, arrow_schema

UNIQUE_ACROSS_SNAPSHOT = "event_id unique across the snapshot"


class SnapshotWriter:
    """Validates and writes one snapshot into `out`; use as a context manager."""

    def __init__(self, out: Path, codebook: Codebook) -> None:
        self.out = out
        self.codebook = codebook
        self.schema = events_schema(codebook)
        self.extra = metadata(codebook)
        self.arrow = arrow_schema(EventsModel, metadata=self.extra)
        self.staging = out / f".events.staging.{os.getpid()}.parquet"
        self._writer: pq.ParquetWriter | None = None
        self.seen: set[str] = set()
        self.group_stories: dict[str, set[str]] = {}
        self.documents: list[dict[str, Any]] = []
        self.rejects: list[dict[str, Any]] = []
        self.events = 0

    def __enter__(self) -> SnapshotWriter:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot write to {self.out}: {error.strerror or error}") from None
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.staging.unlink(missing_ok=True)

    def add(self, stories: list[StoryRows]) -> None:
        """Validate a batch of stories and stage its events."""
        if not stories:
            return
        rows = with_event_groups([row for story in stories for row in story.events], per_row_reports=False)
        checked = validate_rows("events", to_frame(EventsModel, rows), self.schema, "event_id")
        valid, rejects = checked.valid, list(checked.rejects)
        repeated = valid["event_id"].astype(str).isin(self.seen) | valid["event_id"].astype(str).duplicated()
        for row in valid[repeated].to_dict("records"):
            rejects.append(
                {
                    "table": "events",
                    "doc_id": str(row["doc_id"]),
                    "row_id": str(row["event_id"]),
                    "column": "event_id",
                    "check": UNIQUE_ACROSS_SNAPSHOT,
                    "value": str(row["event_id"]),
                    "row": json.dumps({k: None if v is None else str(v) for k, v in row.items()}, ensure_ascii=False),
                }
            )
        valid = valid[~repeated].reset_index(drop=True)
        self.seen.update(valid["event_id"].astype(str))
        for group, doc_id in zip(valid["event_group"].astype(str), valid["doc_id"].astype(str), strict=True):
            self.group_stories.setdefault(group, set()).add(doc_id)
        if len(valid):
            self._stage(valid)
        rejected: dict[str, int] = {}
        for reject in rejects:
            rejected[reject["doc_id"]] = rejected.get(reject["doc_id"], 0) + 1
        self.rejects.extend(rejects)
        for story in stories:
            count = rejected.get(story.document["doc_id"], 0)
            self.documents.append(
                {**story.document, "event_count": len(story.events) - count, "rejected_event_count": count}
            )

    def _stage(self, frame: Any) -> None:
        table = pyarrow.Table.from_pandas(frame, preserve_index=False).select(self.arrow.names).cast(self.arrow)
        try:
            if self._writer is None:
                self._writer = pq.ParquetWriter(self.staging, self.arrow, compression="zstd")
            self._writer.write_table(table)
        except OSError as error:
            raise OutputError(f"cannot write to {self.out}: {error.strerror or error}") from None
        self.events += table.num_rows

    def finish(self) -> dict[str, int]:
        """Put the snapshot in place; the counts written."""
        documents = to_frame(DocumentsModel, self.documents)
        # Every input must stay in the documents table, so a document row that fails its schema is a bug
        # to fix rather than a row to set aside.
        DocumentsModel.validate(documents, lazy=True)
        try:
            self._write_events()
            write_table(documents, DocumentsModel, self.out / TABLE_FILES["documents"], self.extra)
            write_table(
                to_frame(RejectsModel, self.rejects), RejectsModel, self.out / TABLE_FILES["rejects"], self.extra
            )
            from eventcoder.dictionary import data_dictionary

            dictionary = data_dictionary()
            atomic_write(self.out / DICTIONARY_FILE, lambda path: Path(path).write_text(dictionary, encoding="utf-8"))
            counts = {"documents": len(self.documents), "events": self.events, "rejects": len(self.rejects)}
            manifest = {
                **{key.removeprefix("eventcoder."): value for key, value in self.extra.items()},
                "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "counts": counts,
                "documents": {row["doc_id"]: row["content_hash"] for row in self.documents},
            }
            text = json.dumps(manifest, indent=1, ensure_ascii=False)
            atomic_write(self.out / MANIFEST_FILE, lambda path: Path(path).write_text(text, encoding="utf-8"))
        except OSError as error:
            raise OutputError(f"cannot write to {self.out}: {error.strerror or error}") from None
        return counts

    def _write_events(self) -> None:
        """Copy the staged row groups into events.parquet with `reports` filled in."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        reports = {group: len(stories) for group, stories in self.group_stories.items()}

        def write(path: str) -> None:
            with pq.ParquetWriter(path, self.arrow, compression="zstd") as final:
                if not self.staging.exists():
                    final.write_table(self.arrow.empty_table())
                    return
                staged = pq.ParquetFile(self.staging)
                for number in range(staged.num_row_groups):
                    table = staged.read_row_group(number)
                    groups = table.column("event_group").to_pylist()
                    counts = pyarrow.array([reports[g] for g in groups], pyarrow.int32())
                    table = table.set_column(table.schema.get_field_index("reports"), "reports", counts)
                    final.write_table(table.cast(self.arrow))

        atomic_write(self.out / TABLE_FILES["events"], write)
