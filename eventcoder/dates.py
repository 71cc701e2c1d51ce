"""Story dates and event dates.

Candidate time expressions are found with the language's vocabulary (`codebooks/dates/<lang>.yaml`)
first and only those spans are handed to dateparser: dateparser on whole sentences is slow and finds
dates in words like "сейчас" (pitfalls). The direction of an expression without a year comes from the
verb's tense: "19 января" in a story of 17 January is the 19th of this January when the conference
is ahead, and "13 января" the 13th when it is past.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import dateparser

from eventcoder.codebook import PACKAGE_CODEBOOKS, CodebookError, alternation, read_language_file, word_numbers

Precision = Literal["day", "week", "month", "year"]
Direction = Literal["past", "future", "nearest"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression in a sentence: character span (relative to the sentence) and meaning."""

    start: int
    end: int
    text: str
    kind: Literal["day_month", "month", "year", "relative_day", "weekday", "ago", "week", "anchored"]


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    date: dt.date
    precision: Precision
    text: str


EXPRESSION_KINDS = ("day_month", "anchored", "week", "ago", "weekday", "month", "year", "relative_day")


@dataclass(frozen=True, slots=True)
class DateVocabulary:
    """A language's time-expression vocabulary and patterns (`codebooks/dates/<lang>.yaml`)."""

    patterns: dict[str, re.Pattern[str]]  # by expression kind, plus dateline, weekday_date, span_years
    months: tuple[str, ...]  # stems, January first
    weekdays: tuple[str, ...]  # stems, Monday first
    relative_days: dict[str, int]
    anchored_days: dict[str, int]
    past_markers: tuple[str, ...]
    future_markers: tuple[str, ...]
    numbers: dict[str, int]
    window_years: int
    units: dict[str, tuple[str, ...]]  # day, week, month, year → word stems

    def unit_of(self, text: str) -> str:
        lowered = normalize(text)
        for unit in ("year", "month", "week"):
            if any(re.search(rf"\b{stem}", lowered) for stem in self.units.get(unit, ())):
                return unit
        return "day"

    def number(self, text: str) -> int:
        return int(text) if text.isdigit() else self.numbers.get(text.lower(), 0)

    def leaning(self, text: str) -> Direction | None:
        """Past or future when the expression itself says so ("в прошлую пятницу", "next week")."""
        lowered = normalize(text)
        if any(re.search(rf"\b{marker}", lowered) for marker in self.past_markers):
            return "past"
        if any(re.search(rf"\b{marker}", lowered) for marker in self.future_markers):
            return "future"
        return None


@cache
def vocabulary(language: str, root: Path = PACKAGE_CODEBOOKS) -> DateVocabulary | None:
    found = read_language_file("dates", language, root)
    if found is None:
        return None
    data, display = found
    letters = data.get("word_characters", r"\w")
    relative = word_numbers(data.get("relative_days"))
    anchored = word_numbers(data.get("anchored_days"))
    numbers = word_numbers(data.get("numbers"))
    fill = {
        "month": rf"(?:{'|'.join(data['months'])}){letters}*",
        "weekday": rf"(?:{'|'.join(data['weekdays'])}){letters}*",
        "relative": alternation(relative),
        "anchored": alternation(anchored),
        "number": rf"(?:\d+|{alternation(numbers)})",
    }
    patterns = {}
    for kind, template in (data.get("patterns") or {}).items():
        if kind == "__line__":
            continue
        expression = re.sub(r"\{(\w+)\}", lambda m: fill.get(m.group(1), m.group(0)), str(template))
        try:
            patterns[kind] = re.compile(expression, re.IGNORECASE | re.MULTILINE)
        except re.error as error:
            raise CodebookError(f"{display}: pattern {kind!r} is not a valid regular expression ({error})") from None
    return DateVocabulary(
        patterns=patterns,
        months=tuple(data["months"]),
        weekdays=tuple(data["weekdays"]),
        relative_days=relative,
        anchored_days=anchored,
        past_markers=tuple(data.get("past_markers") or ()),
        future_markers=tuple(data.get("future_markers") or ()),
        numbers=numbers,
        window_years=int(data.get("default_window_years", 30)),
        units={
            str(unit): tuple(normalize(w) for w in stems)
            for unit, stems in (data.get("units") or {}).items()
            if unit != "__line__"
        },
    )


def find_time_expressions(text: str, language: str) -> list[TimeExpression]:
    """Candidate time expressions in `text`; where two overlap, the longer wins ("the day before
    yesterday" over "the day before")."""
    words = vocabulary(language)
    if words is None:
        return []
    searchable = text.replace("ё", "е").replace("Ё", "Е")  # same length, so offsets hold
    candidates = [
        TimeExpression(match.start(), match.end(), text[match.start() : match.end()], kind)  # type: ignore[arg-type]
        for kind in EXPRESSION_KINDS
        if (pattern := words.patterns.get(kind)) is not None
        for match in pattern.finditer(searchable)
        if match.end() > match.start()
    ]
    found: list[TimeExpression] = []
    for candidate in sorted(candidates, key=lambda e: (-(e.end - e.start), e.start)):
        if not any(e.start < candidate.end and candidate.start < e.end for e in found):
            found.append(candidate)
    return sorted(found, key=lambda e: e.start)


def _parse(text: str, language: str, base: dt.date) -> dt.date | None:
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time(12)),
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(text, languages=[language], settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError, RecursionError):
        return None
    return parsed.date() if parsed else None


def _shift_year(day: dt.date, base: dt.date, direction: Direction) -> dt.date:
    """Put a day-and-month without a year into the year the tense points to."""
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:
            continue
    if direction == "past":
        past = [c for c in candidates if c <= base]
        return max(past) if past else day
    if direction == "future":
        future = [c for c in candidates if c >= base]
        return min(future) if future else day
    return min(candidates, key=lambda c: abs((c - base).days)) if candidates else day


def normalize(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def resolve_expression(
    expression: TimeExpression, language: str, base: dt.date, direction: Direction, anchor: dt.date | None = None
) -> ResolvedDate | None:
    """The date an expression denotes, given the story's date, the event's tense and the date of the
    event told just before (`anchor`, for "в тот же день")."""
    text = expression.text
    words = vocabulary(language)
    if expression.kind == "anchored" and words is not None:
        offset = words.anchored_days.get(normalize(text))
        if offset is None:
            return None
        return ResolvedDate((anchor or base) + dt.timedelta(days=offset), "day", text)
    if expression.kind == "relative_day" and words is not None:
        offset = words.relative_days.get(normalize(text))
        if offset is None:
            return None
        return ResolvedDate(base + dt.timedelta(days=offset), "day", text)
    if expression.kind == "year":
        year = int(re.search(r"\d{4}", text).group(0))  # type: ignore[union-attr]  # the pattern has 4 digits
        return ResolvedDate(dt.date(year, 1, 1), "year", text)
    if expression.kind == "week" and words is not None:
        leaning = words.leaning(text)
        weeks = -1 if leaning == "past" else 1 if leaning == "future" else 0
        day = base + dt.timedelta(weeks=weeks)
        return ResolvedDate(day - dt.timedelta(days=day.weekday()), "week", text)
    if expression.kind == "weekday" and words is not None:
        weekday = _index_of_stem(words.weekdays, text)
        if weekday is None:
            return None
        direction = words.leaning(text) or direction
        if direction == "future":
            delta = (weekday - base.weekday()) % 7 or 7
        elif direction == "past":
            delta = -((base.weekday() - weekday) % 7 or 7)
        else:
            delta = (weekday - base.weekday()) % 7
            delta = delta if delta <= 3 else delta - 7
        return ResolvedDate(base + dt.timedelta(days=delta), "day", text)
    if expression.kind in {"day_month", "month"} and words is not None:
        return _resolve_calendar(expression, words, base, direction)
    parsed = _parse(text, language, base)
    if parsed is None:
        return None
    # "два месяца назад" names a month, not a day: keep the precision the unit gives
    unit = words.unit_of(text) if words is not None else "day"
    if unit == "year":
        return ResolvedDate(parsed.replace(month=1, day=1), "year", text)
    if unit == "month":
        return ResolvedDate(parsed.replace(day=1), "month", text)
    if unit == "week":
        return ResolvedDate(parsed - dt.timedelta(days=parsed.weekday()), "week", text)
    return ResolvedDate(parsed, "day", text)


def _resolve_calendar(
    expression: TimeExpression, words: DateVocabulary, base: dt.date, direction: Direction
) -> ResolvedDate | None:
    """ "13 января", "5 мая 2015 года", "в мае": read with the month stems; a missing year comes
    from the direction the event's tense points in."""
    lowered = expression.text.lower()
    found = _index_of_stem(words.months, lowered)
    if found is None:
        return None
    month = found + 1
    year_match = re.search(r"\b(1[89]\d\d|20\d\d)\b", lowered)
    day_match = re.search(r"\b(\d{1,2})(?!\d)", lowered) if expression.kind == "day_month" else None
    day = int(day_match.group(1)) if day_match else 1
    try:
        if year_match:
            return ResolvedDate(dt.date(int(year_match.group(1)), month, day), _precision(expression), expression.text)
        if words.leaning(lowered) == "past" and "year" in lowered:  # "December 28 last year"
            return ResolvedDate(dt.date(base.year - 1, month, day), _precision(expression), expression.text)
        candidate = dt.date(base.year, month, day)
    except ValueError:
        return None
    reference = base if expression.kind == "day_month" else base.replace(day=1)
    return ResolvedDate(_shift_year(candidate, reference, direction), _precision(expression), expression.text)


def _index_of_stem(stems: tuple[str, ...], text: str) -> int | None:
    """The position of the first stem that starts a word of `text` (a month or weekday number)."""
    lowered = normalize(text)
    return next((i for i, stem in enumerate(stems) if re.search(rf"\b(?:{stem})", lowered)), None)


def _precision(expression: TimeExpression) -> Precision:
    return "day" if expression.kind == "day_month" else "month"


@dataclass(frozen=True, slots=True)
class YearInference:
    year: int
    evidence: tuple[str, ...]
    conflicts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _WeekdayDate:
    text: str
    weekday: int
    month: int
    day: int


def _weekday_dates(text: str, words: DateVocabulary) -> list[_WeekdayDate]:
    """Dates named with their weekday ("в воскресенье, 19 января")."""
    found = []
    pattern = words.patterns.get("weekday_date")
    for match in pattern.finditer(text) if pattern else ():
        weekday = _index_of_stem(words.weekdays, match.group("weekday"))
        resolved = _resolve_calendar(
            TimeExpression(0, 0, match.group("date"), "day_month"), words, dt.date(2000, 7, 1), "nearest"
        )
        if weekday is not None and resolved is not None:
            found.append(_WeekdayDate(match.group(0), weekday, resolved.date.month, resolved.date.day))
    return found


def _fits(named: _WeekdayDate, year: int) -> bool:
    return (
        _valid(year, named.month, named.day, None) and dt.date(year, named.month, named.day).weekday() == named.weekday
    )


def weekday_conflicts(text: str, language: str, year: int) -> tuple[str, ...]:
    """Warnings for dates whose named weekday is wrong in `year`, naming the expressions that fit."""
    words = vocabulary(language)
    if words is None:
        return ()
    named = _weekday_dates(text, words)
    fitting = [n.text for n in named if _fits(n, year)]
    warnings = []
    for wrong in (n for n in named if _valid(year, n.month, n.day, None) and not _fits(n, year)):
        actual = calendar.day_name[dt.date(year, wrong.month, wrong.day).weekday()]
        also = f", while {', '.join(f'«{f}»' for f in fitting)} fits {year}" if fitting else ""
        warnings.append(f"conflicting dates: «{wrong.text}» is a {actual} in {year}{also}")
    return tuple(warnings)


def infer_story_year(text: str, language: str, month: int, day: int, today: dt.date) -> YearInference | None:
    """The year of a story whose dateline gives day and month only, read from the text itself:
    weekdays named with dates ("в воскресенье, 19 января" fits 2014, 2020 and 2025), an explicit year
    with a span ("в 2011 году … уже девять лет" → 2020), else the latest year that keeps the story in
    the past. Dates whose weekday contradicts the chosen year come back as conflicts."""
    words = vocabulary(language)
    if words is None:
        return None
    candidates = [y for y in range(today.year - words.window_years, today.year + 1) if _valid(y, month, day, today)]
    if not candidates:
        return None
    score = dict.fromkeys(candidates, 0)
    evidence: dict[int, list[str]] = {y: [] for y in candidates}
    for named in _weekday_dates(text, words):
        for year in candidates:
            if _fits(named, year):
                score[year] += 1
                evidence[year].append(f"«{named.text}»")
    year_pattern, span_pattern = words.patterns.get("year"), words.patterns.get("span_years")
    years = [int(m.group("year")) for m in year_pattern.finditer(text)] if year_pattern else []
    spans = [words.number(m.group("number")) for m in span_pattern.finditer(text)] if span_pattern else []
    for base_year in years:
        for span in spans:
            if base_year + span in score:
                score[base_year + span] += 1
                evidence[base_year + span].append(f"{base_year} + {span} years")
    best = max(candidates, key=lambda y: (score[y], y))
    return YearInference(best, tuple(evidence[best]), weekday_conflicts(text, language, best))


def _valid(year: int, month: int, day: int, not_after: dt.date | None) -> bool:
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        return False
    return not_after is None or candidate <= not_after


@dataclass(frozen=True, slots=True)
class Dateline:
    date: dt.date
    text: str
    has_year: bool


def dateline_date(text: str, language: str, fallback_year: int | None) -> Dateline | None:
    """The date of a dateline at the head of a story ("МОСКВА – 17 января"), if there is one in the
    first few lines. Without a year it takes `fallback_year`, or the latest year that puts the date
    on or before today (`has_year` tells the caller to look for a better year)."""
    words = vocabulary(language)
    if words is None:
        return None
    head = "\n".join(text.splitlines()[:6])
    pattern = words.patterns.get("dateline")
    match = pattern.search(head) if pattern else None
    if match is None:
        return None
    expression = TimeExpression(match.start("date"), match.end("date"), match.group("date"), "day_month")
    has_year = re.search(r"\d{4}", expression.text) is not None
    if has_year or fallback_year is None:
        resolved = _resolve_calendar(expression, words, dt.date.today(), "past")
    else:
        resolved = _resolve_calendar(expression, words, dt.date(fallback_year, 7, 1), "nearest")
        if resolved is not None and resolved.date.year != fallback_year:
            resolved = None
    if resolved is None:
        return None
    return Dateline(resolved.date, match.group(0).strip(), has_year)


def blank_dateline(text: str, language: str) -> str:
    """The story with its dateline ("MOSCOW, Jan 17 (Reuters) -") blanked out, offsets unchanged, so
    the parser does not take the city for the first sentence's subject."""
    words = vocabulary(language)
    pattern = words.patterns.get("dateline") if words else None
    match = pattern.search("\n".join(text.splitlines()[:6])) if pattern else None
    if match is None:
        return text
    return text[: match.start()] + re.sub(r"\S", " ", match.group(0)) + text[match.end() :]
