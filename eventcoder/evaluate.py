"""Scoring coded events against gold files (format and matching rule: tests/gold/README.md).

Per story, predicted events are matched one-to-one to the required gold events by maximum bipartite
matching, then the leftovers to the optional ones; precision, recall and F1 are micro-averaged over
all stories, overall and per language, with date accuracy over matched required events.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from eventcoder.coder import CodedDocument, Event
from eventcoder.documents import Document


class GoldError(Exception):
    """A gold file cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: tuple[str, ...]
    target: tuple[str, ...]
    roots: tuple[str, ...]
    date: dt.date | None = None
    precision: str | None = None
    optional: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class GoldStory:
    doc_id: str
    text: str
    language: str | None
    date: dt.date | None
    events: tuple[GoldEvent, ...]
    where: str

    def document(self) -> Document:
        """The story as the coder reads it, its gold date given as metadata."""
        return Document.from_text(
            self.text, doc_id=self.doc_id, language=self.language, day=self.date, input_path=self.where
        )


@dataclass(slots=True)
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    dated: int = 0
    dated_right: int = 0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        self.dated += other.dated
        self.dated_right += other.dated_right

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        # 2TP / (2TP + FP + FN): the harmonic mean of precision and recall, without rounding error
        denominator = 2 * self.true_positives + self.false_positives + self.false_negatives
        return 2 * self.true_positives / denominator if denominator else 1.0

    @property
    def date_accuracy(self) -> float | None:
        return self.dated_right / self.dated if self.dated else None


@dataclass(slots=True)
class StoryResult:
    story: GoldStory
    score: Score
    matched: list[tuple[Event, GoldEvent]] = field(default_factory=list)
    unmatched_gold: list[GoldEvent] = field(default_factory=list)
    unmatched_predicted: list[Event] = field(default_factory=list)


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


def read_gold(path: Path) -> list[GoldStory]:
    stories = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            events = tuple(
                GoldEvent(
                    source=_as_tuple(e["source"]),
                    target=_as_tuple(e.get("target", ["*"])),
                    roots=_as_tuple(e["root"]),
                    date=dt.date.fromisoformat(e["date"]) if e.get("date") else None,
                    precision=e.get("precision"),
                    optional=bool(e.get("optional", False)),
                    note=str(e.get("note", "")),
                )
                for e in record.get("gold", [])
            )
            stories.append(
                GoldStory(
                    doc_id=str(record["id"]),
                    text=record["text"],
                    language=record.get("lang"),
                    date=dt.date.fromisoformat(record["date"]) if record.get("date") else None,
                    events=events,
                    where=where,
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise GoldError(f"{where}: not a gold story ({type(error).__name__}: {error})") from None
    return stories


def _code_matches(pattern: str, code: str | None) -> bool:
    if pattern == "*":
        return True
    return code is not None and fnmatchcase(code, pattern)


def fits(event: Event, gold: GoldEvent) -> bool:
    """The matching rule: source and target match the patterns and the root is acceptable."""
    target = event.target.code if event.target else None
    return (
        any(_code_matches(p, event.source.code) for p in gold.source)
        and any(_code_matches(p, target) for p in gold.target)
        and event.cameo_code[:2] in gold.roots
    )


def max_matching(left: Sequence[Any], right: Sequence[Any], edge: Callable[[Any, Any], bool]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's augmenting paths): {right index: left index}."""
    adjacency = [[j for j, r in enumerate(right) if edge(item, r)] for item in left]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacency[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(left)):
        augment(i, set())
    return owner


def _date_right(event: Event, gold: GoldEvent) -> bool:
    if event.event_date != gold.date:
        return False
    return gold.precision is None or event.date_precision == gold.precision


def score_story(story: GoldStory, events: Sequence[Event]) -> StoryResult:
    required = [g for g in story.events if not g.optional]
    optional = [g for g in story.events if g.optional]
    matched_required = max_matching(events, required, fits)
    used = set(matched_required.values())
    leftover = [i for i in range(len(events)) if i not in used]
    matched_optional = max_matching([events[i] for i in leftover], optional, fits)
    used |= {leftover[i] for i in matched_optional.values()}
    result = StoryResult(story, Score())
    result.score.true_positives = len(matched_required)
    result.score.false_negatives = len(required) - len(matched_required)
    result.score.false_positives = len(events) - len(used)
    for gold_index, event_index in matched_required.items():
        gold = required[gold_index]
        result.matched.append((events[event_index], gold))
        if gold.date is not None:
            result.score.dated += 1
            result.score.dated_right += _date_right(events[event_index], gold)
    result.unmatched_gold = [g for j, g in enumerate(required) if j not in matched_required]
    result.unmatched_predicted = [e for i, e in enumerate(events) if i not in used]
    return result


@dataclass(slots=True)
class Report:
    overall: Score
    by_language: dict[str, Score]
    stories: list[StoryResult]

    def lines(self) -> list[str]:
        def row(name: str, s: Score) -> str:
            dates = "n/a" if s.date_accuracy is None else f"{s.date_accuracy:.3f}"
            return (
                f"{name:<10} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
                f"(tp={s.true_positives} fp={s.false_positives} fn={s.false_negatives}) date_accuracy={dates}"
            )

        return [row("overall", self.overall)] + [row(lang, s) for lang, s in sorted(self.by_language.items())]


def evaluate(stories: Iterable[GoldStory], coded: dict[str, CodedDocument]) -> Report:
    overall = Score()
    by_language: dict[str, Score] = {}
    results = []
    for story in stories:
        document = coded[story.doc_id]
        result = score_story(story, document.events)
        results.append(result)
        overall.add(result.score)
        language = document.document.language or story.language or "unknown"
        by_language.setdefault(language, Score()).add(result.score)
    return Report(overall, by_language, results)
