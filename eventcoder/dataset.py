"""Rows, validation and the Parquet snapshot in the output folder.

Events and documents are turned into frames typed by the pandera models, validated (with the
codebook's own checks added: the CAMEO code exists, and quad class and Goldstein value agree with
it), and invalid rows go to `rejects.parquet` with the check they failed. Each file is written to a
temporary name in the same folder and moved into place, so a crash never leaves a half-written file
where the old one was.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.parquet as pq

from eventcoder import __version__
from eventcoder.codebook import Codebook
from eventcoder.coder import CodedDocument, Event
from eventcoder.schema import SCHEMA_VERSION, DocumentsModel, EventsModel, RejectsModel, arrow_schema

TABLE_FILES = {"events": "events.parquet", "documents": "documents.parquet", "rejects": "rejects.parquet"}
MANIFEST_FILE = "manifest.json"
DICTIONARY_FILE = "DATA_DICTIONARY.md"


class OutputError(Exception):
    """The output folder cannot be written; the message says why."""


def event_row(event: Event, codebook: Codebook) -> dict[str, Any]:
    code = codebook.event(event.cameo_code)
    target = event.target
    location = event.location
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "sentence_index": event.sentence_index,
        "sentence_text": event.sentence_text,
        "event_date": event.event_date,
        "date_precision": event.date_precision,
        "date_source": event.date_source,
        "date_text": event.date_text,
        "source_actor": event.source.code,
        "source_name": event.source.name,
        "source_country": event.source.country,
        "source_agent": event.source.agent,
        "target_actor": target.code if target else None,
        "target_name": target.name if target else None,
        "target_country": target.country if target else None,
        "target_agent": target.agent if target else None,
        "target_from_context": event.target_from_context,
        "location_name": location.place.name if location else None,
        "location_country": location.place.country if location else None,
        "admin1": location.place.admin1 if location else None,
        "latitude": round(location.place.latitude, 5) if location else None,
        "longitude": round(location.place.longitude, 5) if location else None,
        "geo_precision": location.precision if location else None,
        "fatalities": event.fatalities,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "plover_type": event.plover_type,
        "cameo_code": event.cameo_code,
        "cameo_root": event.cameo_code[:2],
        "event_label": code.name if code else "",
        "quad_class": code.quad_class if code else 0,
        "goldstein": code.goldstein if code else 0.0,
        "trigger_text": event.trigger_text,
        "modality": event.modality,
        "language": event.language,
        "pattern": event.pattern_origin,
    }


def document_row(coded: CodedDocument, rejected_events: int = 0) -> dict[str, Any]:
    document = coded.document
    status = "coded" if document.status == "ok" else document.status
    warnings = document.warnings + coded.warnings
    return {
        "doc_id": document.doc_id,
        "input_path": document.input_path,
        "language": document.language,
        "doc_date": document.doc_date,
        "doc_date_source": document.date_source,
        "source": document.source,
        "url": document.url,
        "title": document.title,
        "sentence_count": coded.sentence_count,
        "event_count": len(coded.events) - rejected_events,
        "rejected_event_count": rejected_events,
        "status": status,
        "reason": document.reason,
        "warnings": " | ".join(warnings) if warnings else None,
        "content_hash": document.content_hash,
    }


def to_frame(model: type[pa.DataFrameModel], rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a frame with exactly the model's columns and Arrow dtypes."""
    schema = arrow_schema(model)
    plain = pyarrow.schema(
        [pyarrow.field(f.name, f.type.value_type if pyarrow.types.is_dictionary(f.type) else f.type) for f in schema]
    )
    table = pyarrow.Table.from_pylist(rows, schema=plain)
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def events_schema(codebook: Codebook) -> pa.DataFrameSchema:
    """The events model plus the checks that need the codebook."""
    codes = {code: (event.quad_class, round(event.goldstein, 1)) for code, event in codebook.events.items()}
    schema = EventsModel.to_schema()
    schema = schema.update_column(
        "cameo_code",
        checks=[*schema.columns["cameo_code"].checks, pa.Check.isin(sorted(codes), name="code in the CAMEO codebook")],
    )

    def agrees(frame: pd.DataFrame) -> pd.Series:
        expected = frame["cameo_code"].astype(str).map(codes)
        return pd.Series(
            [
                e == e and e is not None and e[0] == q and abs(e[1] - g) < 0.05
                for e, q, g in zip(expected, frame["quad_class"], frame["goldstein"], strict=True)
            ],
            index=frame.index,
        )

    schema.checks = [*schema.checks, pa.Check(agrees, name="quad_class and goldstein agree with cameo_code")]
    return schema


@dataclass(frozen=True, slots=True)
class Validated:
    valid: pd.DataFrame
    rejects: list[dict[str, Any]]


def validate_rows(table: str, frame: pd.DataFrame, schema: pa.DataFrameSchema, id_column: str) -> Validated:
    """Split a frame into valid rows and reject records naming the failed check."""
    if frame.empty:
        return Validated(frame, [])
    try:
        schema.validate(frame, lazy=True)
        return Validated(frame, [])
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    bad_rows = failures[failures["index"].notna()]
    if len(bad_rows) != len(failures):
        whole = failures[failures["index"].isna()]
        raise AssertionError(f"{table}: the table as a whole fails its schema (a bug): {whole.to_dict('records')}")
    rejects = []
    for position, cases in bad_rows.groupby(bad_rows["index"].astype(int), sort=True):
        row = frame.loc[position]
        # A column check reports its column and value; a check across columns reports every column of
        # the row, so those are named by the check alone.
        column_cases = cases[cases["schema_context"] == "Column"]
        rejects.append(
            {
                "table": table,
                "doc_id": str(row["doc_id"]) if "doc_id" in row else None,
                "row_id": str(row[id_column]),
                "column": ", ".join(sorted(set(column_cases["column"].astype(str)))) or None,
                "check": "; ".join(sorted(set(cases["check"].astype(str)))),
                "value": ", ".join(sorted({str(v) for v in column_cases["failure_case"]})) or None,
                "row": json.dumps({k: (None if pd.isna(v) else str(v)) for k, v in row.items()}, ensure_ascii=False),
            }
        )
    return Validated(frame.drop(index=[int(i) for i in bad_rows["index"].unique()]).reset_index(drop=True), rejects)


def read_table(path: Path) -> pd.DataFrame:
    """A written table back as the frame its model validates (dictionary columns decoded)."""
    table = pq.read_table(path)
    columns = [
        column.dictionary_decode() if pyarrow.types.is_dictionary(column.type) else column
        for column in (chunked.combine_chunks() for chunked in table.columns)
    ]
    return pyarrow.table(columns, names=table.column_names).to_pandas(types_mapper=pd.ArrowDtype)


def metadata(codebook: Codebook) -> dict[str, str]:
    return {
        "eventcoder.schema_version": SCHEMA_VERSION,
        "eventcoder.coder_version": __version__,
        "eventcoder.codebook_hash": codebook.content_hash,
    }


def write_table(frame: pd.DataFrame, model: type[pa.DataFrameModel], path: Path, extra: dict[str, str]) -> None:
    """Write a frame as Parquet at `path` atomically, with the model's Arrow schema and our metadata
    (no pandas metadata: the schema itself says everything a reader needs)."""
    schema = arrow_schema(model, metadata=extra)
    table = pyarrow.Table.from_pandas(frame, preserve_index=False).select(schema.names)
    table = table.cast(schema)
    atomic_write(path, lambda temporary: pq.write_table(table, temporary, compression="zstd"))


def atomic_write(path: Path, write: Any) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; a dataset is read by other tools and users
    try:
        write(temporary)
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class Snapshot:
    events: pd.DataFrame
    documents: pd.DataFrame
    rejects: pd.DataFrame


@dataclass(frozen=True, slots=True)
class StoryRows:
    """One story's rows before validation: what the per-story cache keeps."""

    document: dict[str, Any]
    events: list[dict[str, Any]]


def story_rows(coded: CodedDocument, codebook: Codebook) -> StoryRows:
    return StoryRows(document_row(coded), [event_row(event, codebook) for event in coded.events])


def build_snapshot(coded_documents: Iterable[CodedDocument], codebook: Codebook) -> Snapshot:
    """Validated frames for every coded document."""
    return build_snapshot_from_rows([story_rows(coded, codebook) for coded in coded_documents], codebook)


def build_snapshot_from_rows(stories: list[StoryRows], codebook: Codebook) -> Snapshot:
    """Validated frames for every story: invalid events go to rejects, every document stays."""
    event_rows = [row for story in stories for row in story.events]
    events = to_frame(EventsModel, with_event_groups(event_rows))
    checked = validate_rows("events", events, events_schema(codebook), "event_id")
    rejected_per_doc: dict[str, int] = {}
    for reject in checked.rejects:
        rejected_per_doc[reject["doc_id"]] = rejected_per_doc.get(reject["doc_id"], 0) + 1
    document_rows = []
    for story in stories:
        rejected = rejected_per_doc.get(story.document["doc_id"], 0)
        document_rows.append(
            {**story.document, "event_count": len(story.events) - rejected, "rejected_event_count": rejected}
        )
    documents = to_frame(DocumentsModel, document_rows)
    # Every input must stay in the documents table, so a document row that fails its schema is a bug
    # to fix rather than a row to set aside.
    DocumentsModel.validate(documents, lazy=True)
    rejects = to_frame(RejectsModel, checked.rejects)
    valid = checked.valid.sort_values(["doc_id", "sentence_index", "event_id"], kind="stable").reset_index(drop=True)
    return Snapshot(valid, documents, rejects)


def with_event_groups(rows: list[dict[str, Any]], *, per_row_reports: bool = True) -> list[dict[str, Any]]:
    """The same event reported by several stories (same date, source, target and code) shares an
    `event_group`; `reports` counts the stories that report it (among `rows`; 1 when the caller counts
    across batches itself). Unique events: one row per group."""

    def key(row: dict[str, Any]) -> str:
        return "\x1f".join(str(row.get(c) or "") for c in ("event_date", "source_actor", "target_actor", "cameo_code"))

    stories: dict[str, set[str]] = {}
    if per_row_reports:
        for row in rows:
            stories.setdefault(key(row), set()).add(row["doc_id"])
    return [
        {
            **row,
            "event_group": hashlib.sha1(key(row).encode("utf-8")).hexdigest()[:16],
            "reports": len(stories[key(row)]) if per_row_reports else 1,
        }
        for row in rows
    ]


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of the snapshot in `out`, or an empty one."""
    try:
        data = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
