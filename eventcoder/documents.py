"""Reading stories: `.txt` files (one story each) and `.jsonl` files (one story per line).

Every input story becomes a `Document`, good or bad: a bad one carries a status and a reason that a
person understands, so the documents table accounts for every input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventcoder.dates import dateline_date, infer_story_year, weekday_conflicts

INPUT_SUFFIXES = (".txt", ".jsonl")
LEGACY_ENCODINGS = ("cp1251", "koi8_r")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC_LOWER = re.compile(r"[а-яё]")
_CYRILLIC_UPPER = re.compile(r"[А-ЯЁ]")


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    input_path: str
    content_hash: str
    language: str | None = None
    doc_date: dt.date | None = None
    date_source: str = "unknown"  # metadata, dateline, option, unknown
    source: str | None = None
    url: str | None = None
    title: str | None = None
    status: str = "ok"  # ok (to be coded), empty, rejected, error
    reason: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def codable(self) -> bool:
        return self.status == "ok"

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        doc_id: str = "text",
        language: str | None = None,
        day: dt.date | None = None,
        input_path: str = "<text>",
    ) -> Document:
        """A story given as a string (explain, gold files, tests), its date taken as metadata."""
        return cls(
            doc_id,
            text,
            input_path,
            content_hash(text),
            language=language or detect_language(text),
            doc_date=day,
            date_source="metadata" if day else "unknown",
        )


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def detect_language(text: str) -> str | None:
    """Russian or English by script; None when the text has too few letters to tell."""
    cyrillic = len(_CYRILLIC.findall(text[:20_000]))
    latin = len(_LATIN.findall(text[:20_000]))
    if cyrillic + latin < 3:
        return None
    return "ru" if cyrillic >= latin else "en"


def find_inputs(paths: Iterable[Path]) -> list[Path]:
    """Input files under the given files and folders (recursively), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES))
        else:
            found.append(path)
    return found


def decode(raw: bytes) -> tuple[str | None, str | None]:
    """(text, warning) for UTF-8 or a legacy Cyrillic encoding; (None, reason) for binary data."""
    if b"\x00" in raw[:65536]:
        return None, "binary data (NUL bytes), not text"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    best: tuple[int, str, str] | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Real Russian in the right encoding is mostly Cyrillic, and mostly lower-case; bytes read in
        # the wrong encoding, or junk, are not.
        lower, upper = len(_CYRILLIC_LOWER.findall(text)), len(_CYRILLIC_UPPER.findall(text))
        letters = sum(1 for c in text if c.isalpha())
        if letters and (lower + upper) / letters >= 0.6 and lower > upper:
            score = lower - upper
            if best is None or score > best[0]:
                best = (score, encoding, text)
    if best is None:
        return None, "not UTF-8 and not a Cyrillic legacy encoding (cp1251, KOI8-R)"
    return best[2], f"decoded as {best[1]}, not UTF-8"


def _finish(document: Document, default_date: dt.date | None) -> Document:
    """Language, story date and emptiness for a document whose text was read."""
    if not document.text.strip():
        return replace(document, status="empty", reason="the story has no text")
    language = document.language or detect_language(document.text)
    if language is None:
        return replace(document, status="rejected", reason="no words to code (no Cyrillic or Latin letters)")
    doc_date, date_source = document.doc_date, document.date_source
    warnings = list(document.warnings)
    if doc_date is None:
        found = dateline_date(document.text, language, default_date.year if default_date else None)
        if found is not None:
            doc_date, date_source = found.date, "dateline"
            if not found.has_year and default_date is None:
                inferred = infer_story_year(document.text, language, found.date.month, found.date.day, dt.date.today())
                if inferred is not None:
                    doc_date, date_source = found.date.replace(year=inferred.year), "inferred"
                    clues = ", ".join(inferred.evidence) or "no clue in the text; the latest year before today"
                    warnings.append(f"year of the dateline «{found.text}» inferred as {inferred.year} ({clues})")
        elif default_date is not None:
            doc_date, date_source = default_date, "option"
    if doc_date is not None:
        warnings.extend(w for w in weekday_conflicts(document.text, language, doc_date.year) if w not in warnings)
    return replace(document, language=language, doc_date=doc_date, date_source=date_source, warnings=tuple(warnings))


def read_text_file(path: Path, default_date: dt.date | None) -> Document:
    raw = path.read_bytes()
    text, note = decode(raw)
    base = Document(
        doc_id=path.stem, text=text or "", input_path=str(path), content_hash=hashlib.sha256(raw).hexdigest()[:16]
    )
    if text is None:
        return replace(base, status="rejected", reason=note)
    return _finish(replace(base, warnings=(note,) if note else ()), default_date)


def _optional_string(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def read_jsonl_line(line: str, path: Path, number: int, default_date: dt.date | None) -> Document:
    where = f"{path}:{number}"
    fallback_id = f"{path.stem}:{number}"
    base = Document(doc_id=fallback_id, text="", input_path=where, content_hash=content_hash(line))
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return replace(base, status="rejected", reason=f"line {number} is not valid JSON ({error.msg})")
    if not isinstance(record, dict):
        return replace(base, status="rejected", reason=f"line {number} is not a JSON object")
    doc_id = record.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or not str(doc_id).strip():
        return replace(base, status="rejected", reason=f"line {number} has no string `id`")
    base = replace(base, doc_id=str(doc_id))
    text = record.get("text")
    if not isinstance(text, str):
        return replace(base, status="rejected", reason="`text` is missing or not a string")
    base = replace(
        base,
        text=text,
        source=_optional_string(record, "source"),
        url=_optional_string(record, "url"),
        title=_optional_string(record, "title"),
    )
    language = _optional_string(record, "lang")
    if language is not None:
        base = replace(base, language=language.lower())
    raw_date = record.get("date")
    if raw_date is not None:
        try:
            parsed = dt.datetime.fromisoformat(str(raw_date).replace("Z", "+00:00"))
            base = replace(base, doc_date=parsed.date(), date_source="metadata")
        except ValueError:
            base = replace(base, warnings=(f"`date` {raw_date!r} is not ISO 8601; ignored",))
    return _finish(base, default_date)


def read_documents(paths: Iterable[Path], default_date: dt.date | None = None) -> Iterator[Document]:
    """Every story in the inputs, in order; duplicates of an earlier id are rejected, not merged."""
    seen: set[str] = set()
    for path in find_inputs(paths):
        for document in _read_file(path, default_date):
            if document.doc_id in seen:
                document = replace(
                    document,
                    doc_id=f"{document.doc_id}#{document.content_hash[:8]}@{document.input_path}",
                    status="rejected",
                    reason=f"duplicate id {document.doc_id!r} (first seen earlier)",
                )
            seen.add(document.doc_id)
            yield document


def _read_file(path: Path, default_date: dt.date | None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if not path.is_file():
        yield Document(
            doc_id=path.name, text="", input_path=str(path), content_hash="", status="error", reason="no such file"
        )
        return
    if suffix == ".jsonl":
        raw = path.read_bytes()
        text, note = decode(raw)
        if text is None:
            yield Document(
                doc_id=path.stem,
                text="",
                input_path=str(path),
                content_hash=hashlib.sha256(raw).hexdigest()[:16],
                status="rejected",
                reason=note,
            )
            return
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield read_jsonl_line(line, path, number, default_date)
        return
    if suffix != ".txt":
        yield Document(
            doc_id=path.stem,
            text="",
            input_path=str(path),
            content_hash="",
            status="rejected",
            reason=f"unsupported file type {suffix or '(none)'}; use .txt or .jsonl",
        )
        return
    yield read_text_file(path, default_date)
