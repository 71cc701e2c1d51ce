"""Reading stories: ids, dates, languages and bad input named with a reason."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventcoder.documents import decode, detect_language, read_documents


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_txt_story_id_language_and_dateline(tmp_path: Path) -> None:
    write(tmp_path / "story_1.txt", "МОСКВА – 17 января. Путин провёл переговоры с Эрдоганом.")
    [document] = read_documents([tmp_path], default_date=dt.date(2020, 3, 1))
    assert document.doc_id == "story_1"
    assert document.language == "ru"
    assert document.doc_date == dt.date(2020, 1, 17)
    assert document.date_source == "dateline"


def test_option_date_used_without_dateline(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Путин провёл переговоры с Эрдоганом.")
    [document] = read_documents([tmp_path], default_date=dt.date(2021, 5, 4))
    assert (document.doc_date, document.date_source) == (dt.date(2021, 5, 4), "option")


def test_jsonl_metadata_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "a", "text": "Россия и Турция подписали соглашение.", "date": "2020-01-10", "source": "TASS"}
        ),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "a", "text": "Дубликат."}),
        json.dumps({"id": "c", "text": "Путин встретился с Эрдоганом.", "date": "вчера"}),
        json.dumps(["a list"]),
        json.dumps({"id": "d", "text": "   "}),
    ]
    write(tmp_path / "corpus.jsonl", "\n".join(lines))
    documents = list(read_documents([tmp_path]))
    assert len(documents) == len(lines)
    by_status = [(d.status, d.reason) for d in documents]
    assert documents[0].status == "ok" and documents[0].doc_date == dt.date(2020, 1, 10)
    assert documents[0].date_source == "metadata" and documents[0].source == "TASS"
    assert by_status[1][0] == "rejected" and "not valid JSON" in by_status[1][1]
    assert by_status[2][0] == "rejected" and "text" in by_status[2][1]
    assert by_status[3][0] == "rejected" and "duplicate id" in by_status[3][1]
    assert documents[4].status == "ok" and any("ISO 8601" in w for w in documents[4].warnings)
    assert by_status[5][0] == "rejected"
    assert by_status[6][0] == "empty"
    assert len({d.doc_id for d in documents}) == len(documents)


def test_binary_and_legacy_encodings(tmp_path: Path) -> None:
    write(tmp_path / "binary.txt", b"\x00\x01\x02\xff" * 10)
    write(tmp_path / "legacy.txt", "Путин провёл переговоры с Эрдоганом в Сочи.".encode("cp1251"))
    write(tmp_path / "empty.txt", "")
    documents = {d.doc_id: d for d in read_documents([tmp_path])}
    assert documents["binary"].status == "rejected" and "binary" in (documents["binary"].reason or "")
    assert documents["legacy"].status == "ok" and documents["legacy"].text.startswith("Путин")
    assert any("cp1251" in w for w in documents["legacy"].warnings)
    assert documents["empty"].status == "empty"


@pytest.mark.parametrize(
    ("text", "language"),
    [("Путин провёл переговоры.", "ru"), ("Putin held talks with Erdogan.", "en"), ("12345 !!!", None), ("", None)],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_koi8r_decodes() -> None:
    text, warning = decode("Министр иностранных дел России заявил".encode("koi8_r"))
    assert text == "Министр иностранных дел России заявил"
    assert warning is not None and "koi8" in warning
