"""Shared fixtures: the shipped codebook and the Russian analyzer load once per test session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventcoder.analyzers import Analyzer, analyzer_for
from eventcoder.codebook import Codebook, default_codebook
from eventcoder.coder import Event, code_document
from eventcoder.documents import Document

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def codebook() -> Codebook:
    return default_codebook()


@pytest.fixture(scope="session")
def ru_analyzer() -> Analyzer:
    return analyzer_for("ru")


def make_document(text: str, day: dt.date | None = dt.date(2020, 1, 17), language: str = "ru") -> Document:
    return Document.from_text(text, doc_id="test", language=language, day=day)


@pytest.fixture(scope="session")
def code_text(codebook: Codebook, ru_analyzer: Analyzer):  # type: ignore[no-untyped-def]
    """Code a Russian text with the shipped codebooks: text (and date) → events."""

    def run(text: str, day: dt.date | None = dt.date(2020, 1, 17)) -> list[Event]:
        return list(code_document(make_document(text, day), codebook, ru_analyzer).events)

    return run


def triples(events: list[Event]) -> set[tuple[str, str, str]]:
    """(source, target or "-", root) of each event."""
    return {(e.source.code, e.target.code if e.target else "-", e.cameo_code[:2]) for e in events}
