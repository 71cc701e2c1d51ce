"""`eventcoder validate OUTPUT`: re-check a written dataset against the schema and the codebooks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow.parquet as pq

from eventcoder.codebook import Codebook
from eventcoder.dataset import MANIFEST_FILE, TABLE_FILES, events_schema, read_table
from eventcoder.schema import SCHEMA_VERSION, DocumentsModel, RejectsModel

REQUIRED_METADATA = ("eventcoder.schema_version", "eventcoder.coder_version", "eventcoder.codebook_hash")


@dataclass(frozen=True, slots=True)
class Violation:
    table: str
    row: str  # the row's id, or "-" for the table as a whole
    problem: str

    def __str__(self) -> str:
        return f"{self.table} {self.row}: {self.problem}"


def _schema_violations(table: str, frame: pd.DataFrame, schema: pa.DataFrameSchema, id_column: str) -> list[Violation]:
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    found = []
    for record in failures.to_dict("records"):
        index = record.get("index")
        row = str(frame.loc[int(index), id_column]) if index is not None and index == index else "-"
        column = record.get("column")
        where = f"{column}: " if isinstance(column, str) and record.get("schema_context") == "Column" else ""
        found.append(Violation(table, row, f"{where}{record.get('check')} (value {record.get('failure_case')!r})"))
    return found


def validate_output(out: Path, codebook: Codebook) -> list[Violation]:
    """Every violation in the dataset in `out`; empty when it is sound."""
    violations: list[Violation] = []
    frames: dict[str, pd.DataFrame] = {}
    for table, file_name in TABLE_FILES.items():
        path = out / file_name
        if not path.is_file():
            violations.append(Violation(table, "-", f"{path} is missing"))
            continue
        metadata = pq.read_schema(path).metadata or {}
        for key in REQUIRED_METADATA:
            if key.encode() not in metadata:
                violations.append(Violation(table, "-", f"Parquet metadata lacks {key}"))
        version = metadata.get(b"eventcoder.schema_version", b"").decode()
        if version and version != SCHEMA_VERSION:
            violations.append(
                Violation(table, "-", f"schema version {version}, this eventcoder writes {SCHEMA_VERSION}")
            )
        frames[table] = read_table(path)
    if not (out / MANIFEST_FILE).is_file():
        violations.append(Violation("manifest", "-", f"{out / MANIFEST_FILE} is missing"))
    if "events" in frames:
        violations += _schema_violations("events", frames["events"], events_schema(codebook), "event_id")
    if "documents" in frames:
        violations += _schema_violations("documents", frames["documents"], DocumentsModel.to_schema(), "doc_id")
    if "rejects" in frames:
        violations += _schema_violations("rejects", frames["rejects"], RejectsModel.to_schema(), "row_id")
    if "events" in frames and "documents" in frames:
        violations += _cross_table(frames["events"], frames["documents"])
    return violations


def _cross_table(events: pd.DataFrame, documents: pd.DataFrame) -> list[Violation]:
    found = []
    known = set(documents["doc_id"].astype(str))
    for event_id, doc_id in zip(events["event_id"].astype(str), events["doc_id"].astype(str), strict=True):
        if doc_id not in known:
            found.append(Violation("events", event_id, f"doc_id {doc_id!r} is not in documents.parquet"))
    counts = events["doc_id"].astype(str).value_counts()
    for doc_id, declared in zip(documents["doc_id"].astype(str), documents["event_count"], strict=True):
        if int(counts.get(doc_id, 0)) != int(declared):
            found.append(Violation("documents", doc_id, f"event_count {declared} but {counts.get(doc_id, 0)} events"))
    reports = events.groupby(events["event_group"].astype(str))["doc_id"].nunique()
    for event_id, group, declared in zip(
        events["event_id"].astype(str), events["event_group"].astype(str), events["reports"], strict=True
    ):
        if int(reports[group]) != int(declared):
            found.append(Violation("events", event_id, f"reports {declared} but {reports[group]} stories in its group"))
    return found
