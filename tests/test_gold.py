"""Golden tests: the seed story and our own gold stories, scored with the gold matching rule."""

from __future__ import annotations

import pytest

from eventcoder.analyzers import analyzer_for
from eventcoder.codebook import Codebook
from eventcoder.coder import code_document
from eventcoder.documents import Document, content_hash
from eventcoder.evaluate import evaluate, read_gold
from tests.conftest import GOLD

# Floors, not targets: the figures we reach are in the README; these catch regressions.
FLOORS = {"seed.jsonl": 0.80, "ru_stories.jsonl": 0.48, "en_stories.jsonl": 0.45}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_f1(name: str, codebook: Codebook) -> None:
    stories = read_gold(GOLD / name)
    coded = {}
    for story in stories:
        language = story.language or "ru"
        document = Document(
            story.doc_id,
            story.text,
            story.where,
            content_hash(story.text),
            language=language,
            doc_date=story.date,
            date_source="metadata",
        )
        coded[story.doc_id] = code_document(document, codebook, analyzer_for(language))
    report = evaluate(stories, coded)
    assert report.overall.f1 >= FLOORS[name], report.lines()


@pytest.mark.parametrize("name", ["ru_stories.jsonl", "en_stories.jsonl"])
def test_stories_without_events_stay_empty(name: str, codebook: Codebook) -> None:
    quiet = [s for s in read_gold(GOLD / name) if not s.events]
    assert len(quiet) >= 4
    spurious = {}
    for story in quiet:
        language = story.language or "ru"
        document = Document(story.doc_id, story.text, story.where, "", language=language, doc_date=story.date)
        events = code_document(document, codebook, analyzer_for(language)).events
        if events:
            spurious[story.doc_id] = [(e.source.code, e.cameo_code, e.trigger_text) for e in events]
    assert len(spurious) <= 1, spurious
