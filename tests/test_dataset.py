"""The Parquet snapshot: column types for pandas and R, validation, rejects, atomic files."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventcoder.codebook import Codebook
from eventcoder.coder import CodedDocument, code_document
from eventcoder.dataset import OutputError, build_snapshot, read_table, story_rows
from eventcoder.documents import Document
from eventcoder.schema import DocumentsModel, EventsModel, RejectsModel
from eventcoder.writer import SnapshotWriter
from tests.conftest import make_document

TEXT = "Путин провёл телефонный разговор с Эрдоганом. ЕС ввёл санкции против России."


def coded(codebook: Codebook, ru_analyzer) -> CodedDocument:  # type: ignore[no-untyped-def]
    return code_document(make_document(TEXT), codebook, ru_analyzer)


def test_round_trip_types(tmp_path: Path, codebook: Codebook, ru_analyzer) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, [coded(codebook, ru_analyzer)], codebook)
    schema = pq.read_schema(tmp_path / "events.parquet")
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("cameo_code").type == pa.string()
    assert schema.field("quad_class").type == pa.int8()
    assert schema.field("goldstein").type == pa.float32()
    assert schema.field("sentence_index").type == pa.int32()
    assert pa.types.is_dictionary(schema.field("modality").type)
    assert schema.metadata[b"eventcoder.codebook_hash"].decode() == codebook.content_hash
    assert b"pandas" not in schema.metadata
    for field in schema:
        assert not pa.types.is_unsigned_integer(field.type) and not pa.types.is_timestamp(field.type)

    events = pd.read_parquet(tmp_path / "events.parquet")
    assert len(events) >= 2
    assert set(events["cameo_code"]) <= set(codebook.events)
    assert all(isinstance(code, str) and len(code) >= 3 for code in events["cameo_code"])
    assert isinstance(events["event_date"].iloc[0], dt.date)
    EventsModel.validate(read_table(tmp_path / "events.parquet"))
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    assert list(documents.columns) == list(DocumentsModel.to_schema().columns)
    assert documents.loc[0, "status"] == "coded" and documents.loc[0, "event_count"] == len(events)
    rejects = pd.read_parquet(tmp_path / "rejects.parquet")
    assert list(rejects.columns) == list(RejectsModel.to_schema().columns) and rejects.empty


def test_invalid_rows_go_to_rejects_with_the_check(codebook: Codebook, ru_analyzer) -> None:  # type: ignore[no-untyped-def]
    good = coded(codebook, ru_analyzer)
    broken_event = replace(good.events[0], cameo_code="999", event_id="0" * 16)
    document = replace(good, events=(*good.events, broken_event))
    snapshot = build_snapshot([document], codebook)
    assert len(snapshot.events) == len(good.events)
    assert len(snapshot.rejects) >= 1
    assert set(snapshot.rejects["row_id"]) == {"0" * 16}
    assert any("codebook" in check or "agree" in check for check in snapshot.rejects["check"])
    assert snapshot.documents.loc[0, "rejected_event_count"] == 1


def test_every_document_is_listed_whatever_its_status(codebook: Codebook) -> None:
    empty = replace(make_document(""), doc_id="empty", status="empty", reason="the story has no text")
    snapshot = build_snapshot([CodedDocument(empty, 0, ())], codebook)
    assert snapshot.documents["status"].tolist() == ["empty"]
    assert snapshot.events.empty


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, codebook: Codebook, ru_analyzer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, [coded(codebook, ru_analyzer)], codebook)
    before = (tmp_path / "events.parquet").read_bytes()

    def explode(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", explode)
    with pytest.raises(OutputError, match="No space left"):
        write(tmp_path, [coded(codebook, ru_analyzer)], codebook)
    assert (tmp_path / "events.parquet").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp") or ".staging." in p.name]


def test_batches_stream_into_one_table(tmp_path: Path, codebook: Codebook, ru_analyzer) -> None:  # type: ignore[no-untyped-def]
    first = coded(codebook, ru_analyzer)
    other = Document.from_text(
        TEXT.replace("Эрдоганом", "Меркель"), doc_id="other", language="ru", day=dt.date(2020, 1, 17)
    )
    second = code_document(other, codebook, ru_analyzer)
    with SnapshotWriter(tmp_path, codebook) as writer:
        writer.add([story_rows(first, codebook)])
        writer.add([story_rows(second, codebook)])
        counts = writer.finish()
    events = pd.read_parquet(tmp_path / "events.parquet")
    assert counts["events"] == len(events) == len(first.events) + len(second.events)
    assert pq.ParquetFile(tmp_path / "events.parquet").metadata.num_row_groups == 2
    assert counts["rejects"] == 0
    same = events[events["cameo_code"] == "163"]
    assert len(same) == 2 and set(same["reports"]) == {2} and same["event_group"].nunique() == 1


def write(out: Path, documents: list[CodedDocument], codebook: Codebook) -> None:
    with SnapshotWriter(out, codebook) as writer:
        writer.add([story_rows(document, codebook) for document in documents])
        writer.finish()
