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

from eventcoder.codebook import PACKAGE_CODEBOOKS, read_yaml

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


@dataclass(frozen=True, slots=True)
class DateVocabulary:
    day_month: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    relative_day: re.Pattern[str]
    weekday: re.Pattern[str]
    ago: re.Pattern[str]
    week: re.Pattern[str]
    dateline: re.Pattern[str]
    relative_days: dict[str, int]
    weekdays: tuple[str, ...]  # stems, Monday first
    months: tuple[str, ...]  # stems, January first
    weekday_date: re.Pattern[str]  # "в воскресенье, 19 января"
    span_years: re.Pattern[str]  # "девять лет", "10 лет"
    numbers: dict[str, int]
    window_years: int
    anchored: re.Pattern[str]  # "в тот же день": dated from the event told just before
    anchored_days: dict[str, int]


@cache
def vocabulary(language: str, root: Path = PACKAGE_CODEBOOKS) -> DateVocabulary | None:
    path = root / "dates" / f"{language}.yaml"
    if not path.is_file():
        return None
    data = read_yaml(path, f"codebooks/dates/{language}.yaml")
    months = "|".join(data["months"])
    weekdays = "|".join(data["weekdays"])
    relative = {str(k): int(v) for k, v in data["relative_days"].items() if k != "__line__"}
    words = "|".join(sorted(relative, key=len, reverse=True))
    anchored = {normalize(str(k)): int(v) for k, v in (data.get("anchored_days") or {}).items() if k != "__line__"}
    month_word = rf"(?:{months})[а-яё]*"
    return DateVocabulary(
        day_month=re.compile(rf"\b\d{{1,2}}(?:-?го)?\s+{month_word}(?:\s+\d{{4}}(?:\s*(?:года|г\.))?)?", re.I),
        month=re.compile(rf"\b(?:в|во|с|до|к)\s+{month_word}(?:\s+\d{{4}}\s+года)?", re.I),
        year=re.compile(r"\b(?:в|с|до|к)\s+(1[89]\d\d|20\d\d)\s*(?:году|г\.|года)", re.I),
        relative_day=re.compile(rf"\b(?:{words})\b", re.I),
        weekday=re.compile(
            rf"\b(?:в|во)\s+(?:прошл[а-я]+\s+|эт[а-я]+\s+|ближайш[а-я]+\s+|следующ[а-я]+\s+)?(?:{weekdays})[а-яё]*\b",
            re.I,
        ),
        ago=re.compile(
            r"\b(?:\d+|один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+"
            r"(?:дн[а-яё]*|день|недел[а-яё]*|месяц[а-яё]*|год[а-яё]*|лет)\s+назад\b",
            re.I,
        ),
        week=re.compile(r"\b(?:неделей\s+ранее|на\s+(?:прошлой|этой|следующей)\s+неделе|неделю\s+назад)\b", re.I),
        dateline=re.compile(
            rf"^\s*[А-ЯЁA-Z][А-ЯЁA-Z\-\s]{{1,40}}\s*[–—-]\s*(\d{{1,2}}\s+{month_word}(?:\s+\d{{4}})?)", re.M
        ),
        relative_days=relative,
        weekdays=tuple(data["weekdays"]),
        months=tuple(data["months"]),
        weekday_date=re.compile(rf"\b((?:{weekdays})[а-яё]*)\s*,?\s*(\d{{1,2}}\s+{month_word})", re.I),
        span_years=re.compile(rf"\b(\d{{1,2}}|{'|'.join(data['numbers'])})\s+(?:лет|года|год)\b", re.I),
        numbers={str(k): int(v) for k, v in data["numbers"].items() if k != "__line__"},
        window_years=int(data.get("default_window_years", 30)),
        anchored=re.compile(
            r"\b(?:" + "|".join(re.escape(k) for k in sorted(anchored, key=len, reverse=True)) + r")\b", re.I
        ),
        anchored_days=anchored,
    )


def find_time_expressions(text: str, language: str) -> list[TimeExpression]:
    """Candidate time expressions in `text`, longest first where they overlap."""
    words = vocabulary(language)
    if words is None:
        return []
    found: list[TimeExpression] = []
    for kind in ("day_month", "anchored", "week", "ago", "weekday", "month", "year", "relative_day"):
        if kind == "anchored" and not words.anchored_days:
            continue
        for match in getattr(words, kind).finditer(text):
            if any(e.start < match.end() and match.start() < e.end for e in found):
                continue
            found.append(TimeExpression(match.start(), match.end(), match.group(0), kind))  # type: ignore[arg-type]
    return sorted(found, key=lambda e: e.start)


def _parse(text: str, language: str, base: dt.date) -> dt.date | None:
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time(12)),
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
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
        offset = words.relative_days.get(text.lower())
        if offset is None:
            return None
        return ResolvedDate(base + dt.timedelta(days=offset), "day", text)
    if expression.kind == "year":
        year = int(re.search(r"\d{4}", text).group(0))  # type: ignore[union-attr]
        return ResolvedDate(dt.date(year, 1, 1), "year", text)
    if expression.kind == "week":
        lowered = text.lower()
        weeks = (
            -1
            if ("ранее" in lowered or "прошл" in lowered or "назад" in lowered)
            else (1 if "следующ" in lowered else 0)
        )
        day = base + dt.timedelta(weeks=weeks)
        return ResolvedDate(day - dt.timedelta(days=day.weekday()), "week", text)
    if expression.kind == "weekday" and words is not None:
        lowered = text.lower()
        weekday = next((i for i, stem in enumerate(words.weekdays) if re.search(rf"\b{stem}", lowered)), None)
        if weekday is None:
            return None
        if "прошл" in lowered or "last" in lowered:
            direction = "past"
        elif "следующ" in lowered or "ближайш" in lowered or "next" in lowered:
            direction = "future"
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
    return ResolvedDate(parsed, "day", text) if parsed else None


def _resolve_calendar(
    expression: TimeExpression, words: DateVocabulary, base: dt.date, direction: Direction
) -> ResolvedDate | None:
    """ "13 января", "5 мая 2015 года", "в мае": read with the month stems; a missing year comes
    from the direction the event's tense points in."""
    lowered = expression.text.lower()
    month = next((i + 1 for i, stem in enumerate(words.months) if re.search(rf"\b{stem}", lowered)), None)
    if month is None:
        return None
    year_match = re.search(r"\b(1[89]\d\d|20\d\d)\b", lowered)
    day_match = re.match(r"\s*(\d{1,2})", lowered) if expression.kind == "day_month" else None
    day = int(day_match.group(1)) if day_match else 1
    try:
        if year_match:
            return ResolvedDate(dt.date(int(year_match.group(1)), month, day), _precision(expression), expression.text)
        candidate = dt.date(base.year, month, day)
    except ValueError:
        return None
    reference = base if expression.kind == "day_month" else base.replace(day=1)
    return ResolvedDate(_shift_year(candidate, reference, direction), _precision(expression), expression.text)


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
    for match in words.weekday_date.finditer(text):
        lowered = match.group(1).lower()
        weekday = next((i for i, stem in enumerate(words.weekdays) if lowered.startswith(stem)), None)
        resolved = _resolve_calendar(
            TimeExpression(0, 0, match.group(2), "day_month"), words, dt.date(2000, 7, 1), "nearest"
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
    years = [int(m.group(1)) for m in words.year.finditer(text)]
    spans = [int(n) if n.isdigit() else words.numbers.get(n.lower(), 0) for n in words.span_years.findall(text)]
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
    match = words.dateline.search(head)
    if match is None:
        return None
    expression = TimeExpression(match.start(1), match.end(1), match.group(1), "day_month")
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
