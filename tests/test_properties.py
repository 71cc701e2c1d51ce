"""Invariants under any input: never a crash, every row valid, every document accounted for."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.codebook import Codebook
from eventcoder.dataset import build_snapshot
from eventcoder.documents import read_jsonl_line
from eventcoder.evaluate import max_matching
from eventcoder.pipeline import code_one
from tests.conftest import make_document

RUSSIAN_WORDS = [
    "Путин",
    "Эрдоган",
    "Россия",
    "Турции",
    "ООН",
    "НАТО",
    "заявил",
    "призвал",
    "обвинил",
    "ввёл",
    "санкции",
    "против",
    "провёл",
    "переговоры",
    "с",
    "и",
    "не",
    "в",
    "13 января",
    "вчера",
    ",",
    ".",
    "президент",
    "армия",
    "Израиля",
    "нанесла",
    "удар",
    "по",
    "Газе",
    "«",
    "»",
    "—",
]
ENGLISH_WORDS = [
    "Putin",
    "Erdogan",
    "Russia",
    "Turkey's",
    "the",
    "UN",
    "NATO",
    "said",
    "urged",
    "accused",
    "imposed",
    "sanctions",
    "on",
    "held",
    "talks",
    "with",
    "and",
    "not",
    "in",
    "on Tuesday",
    "yesterday",
    ",",
    ".",
    "president",
    "army",
    "Israel",
    "launched",
    "strikes",
    "against",
    "Gaza",
    '"',
    "-",
    "by",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(RUSSIAN_WORDS), max_size=60).map(" ".join),
    st.sampled_from(["", " ", "\n\n", "...", "!!!", "\x00", "а" * 5000, "Путин " * 400]),
)
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


english = st.lists(st.sampled_from(ENGLISH_WORDS), max_size=60).map(" ".join)


@SLOW
@given(
    text=st.one_of(texts, english),
    day=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
    language=st.sampled_from(["ru", "en"]),
)
def test_any_text_codes_to_valid_rows(text: str, day: dt.date | None, language: str, codebook: Codebook) -> None:
    document = make_document(text, day, language)
    coded = code_one(document, codebook)
    assert coded.document.status in {"ok", "empty"}, coded.document.reason
    snapshot = build_snapshot([coded], codebook)
    assert snapshot.rejects.empty, snapshot.rejects.to_dict("records")
    assert len(snapshot.documents) == 1
    for event in coded.events:
        assert event.source.code and event.cameo_code in codebook.events
        if day is not None and event.event_date is not None:
            assert abs(event.event_date.year - day.year) <= 60


@SLOW
@given(
    line=st.one_of(
        st.text(max_size=200),
        st.dictionaries(
            st.sampled_from(["id", "text", "date", "lang", "x"]),
            st.one_of(st.text(max_size=30), st.integers(), st.none(), st.lists(st.integers(), max_size=2)),
        ).map(json.dumps),
    )
)
def test_any_jsonl_line_reads_to_a_document(line: str) -> None:
    document = read_jsonl_line(line, Path("corpus.jsonl"), 1, None)
    assert document.doc_id
    assert document.status in {"ok", "empty", "rejected"}
    if document.status != "ok":
        assert document.reason


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=20))
def test_matching_is_one_to_one_and_maximal(edges: list[tuple[int, int]]) -> None:
    left, right = list(range(6)), list(range(6))
    pairs = set(edges)
    matching = max_matching(left, right, lambda a, b: (a, b) in pairs)
    assert len(set(matching.values())) == len(matching)
    assert all((matching[j], j) in pairs for j in matching)
    # maximal: no edge joins two unmatched vertices
    assert not any(a not in matching.values() and b not in matching for a, b in pairs)
