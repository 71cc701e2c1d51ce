"""Golden tests: the seed story and our own gold stories, scored with the gold matching rule."""

from __future__ import annotations

import pytest

from eventcoder.analyzers import analyzer_for
from eventcoder.codebook import Codebook
from eventcoder.coder import code_document
from eventcoder.evaluate import evaluate, read_gold
from tests.conftest import GOLD

# Floors, not targets: the figures we reach are in the README; these catch regressions.
FLOORS = {"seed.jsonl": 0.80, "ru_stories.jsonl": 0.50, "en_stories.jsonl": 0.55}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_f1(name: str, codebook: Codebook) -> None:
    stories = read_gold(GOLD / name)
    coded = {
        story.doc_id: code_document(story.document(), codebook, analyzer_for(story.language or "ru"))
        for story in stories
    }
    report = evaluate(stories, coded)
    assert report.overall.f1 >= FLOORS[name], report.lines()


@pytest.mark.parametrize("name", ["ru_stories.jsonl", "en_stories.jsonl"])
def test_stories_without_events_stay_empty(name: str, codebook: Codebook) -> None:
    quiet = [s for s in read_gold(GOLD / name) if not s.events]
    assert len(quiet) >= 4
    spurious = {}
    for story in quiet:
        events = code_document(story.document(), codebook, analyzer_for(story.language or "ru")).events
        if events:
            spurious[story.doc_id] = [(e.source.code, e.cameo_code, e.trigger_text) for e in events]
    assert len(spurious) <= 1, spurious
