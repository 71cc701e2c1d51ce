"""The per-story cache behind incremental rebuilds.

Each story's rows are kept as one small JSON file, keyed by everything that decides them: the story
(id, text hash, date, language, metadata, status) and the run (schema version, coder version,
codebook hash). A rebuild of an unchanged corpus reads these files instead of running the models; a
changed story or codebook simply misses the cache. Entries no story used in a run are pruned after
it, so the folder does not grow without bound.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from eventcoder.dataset import StoryRows
from eventcoder.documents import Document

DATE_COLUMNS = ("event_date", "doc_date")


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _decode_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: dt.date.fromisoformat(value) if key in DATE_COLUMNS and value else value for key, value in row.items()}


class StoryCache:
    """Cached rows of coded stories in `folder` for one run configuration (`run_key`)."""

    def __init__(self, folder: Path, run_key: str) -> None:
        self.folder = folder
        self.run_key = run_key
        self.used: set[str] = set()

    def key(self, document: Document) -> str:
        identity = [
            self.run_key,
            document.doc_id,
            document.content_hash,
            _encode(document.doc_date),
            document.date_source,
            document.language,
            document.source,
            document.url,
            document.title,
            document.status,
            document.reason,
            list(document.warnings),
            document.input_path,
        ]
        return hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]

    def _path(self, key: str) -> Path:
        # ids become hashes before they become paths: "../../etc/passwd" is just an id
        return self.folder / key[:2] / f"{key}.json"

    def get(self, document: Document) -> StoryRows | None:
        key = self.key(document)
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            rows = StoryRows(_decode_row(data["document"]), [_decode_row(row) for row in data["events"]])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged (a killed run): code the story again
        self.used.add(key)
        return rows

    def put(self, document: Document, rows: StoryRows) -> None:
        key = self.key(document)
        path = self._path(key)
        payload = {
            "document": {k: _encode(v) for k, v in rows.document.items()},
            "events": [{k: _encode(v) for k, v in row.items()} for row in rows.events],
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(payload, file, ensure_ascii=False)
            os.replace(temporary, path)
        except OSError:
            return  # a cache that cannot be written only costs time on the next run
        self.used.add(key)

    def prune(self) -> int:
        """Delete entries this run did not use; the number deleted."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*"):
            if path.stem not in self.used or path.suffix != ".json":
                path.unlink(missing_ok=True)
                removed += 1
        return removed
