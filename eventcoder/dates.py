"""Story dates and event dates.

Candidate time expressions are found with the language's vocabulary (`codebooks/dates/<lang>.yaml`)
first and only those spans are handed to dateparser: dateparser on whole sentences is slow and finds
dates in words like "сейчас" (pitfalls). The direction of an expression without a year comes from the
verb's tense: "19 января" in a story of 17 January is the 19th of this January when the conference
is ahead, and "13 января" the 13th when it is past.
"""

from __future__ import annotations

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
    kind: Literal["day_month", "month", "year", "relative_day", "weekday", "ago", "week"]


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
    )


def find_time_expressions(text: str, language: str) -> list[TimeExpression]:
    """Candidate time expressions in `text`, longest first where they overlap."""
    words = vocabulary(language)
    if words is None:
        return []
    found: list[TimeExpression] = []
    for kind in ("day_month", "week", "ago", "weekday", "month", "year", "relative_day"):
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


def resolve_expression(
    expression: TimeExpression, language: str, base: dt.date, direction: Direction
) -> ResolvedDate | None:
    """The date an expression denotes, given the story's date and the event's tense."""
    text = expression.text
    words = vocabulary(language)
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


def dateline_date(text: str, language: str, fallback_year: int | None) -> tuple[dt.date, str] | None:
    """The date of a dateline at the head of a story ("МОСКВА – 17 января"), if there is one in the
    first few lines. A dateline without a year takes `fallback_year`, or the latest year that puts
    the date on or before today."""
    words = vocabulary(language)
    if words is None:
        return None
    head = "\n".join(text.splitlines()[:6])
    match = words.dateline.search(head)
    if match is None:
        return None
    expression = TimeExpression(match.start(1), match.end(1), match.group(1), "day_month")
    if fallback_year is not None and re.search(r"\d{4}", expression.text) is None:
        resolved = _resolve_calendar(expression, words, dt.date(fallback_year, 7, 1), "nearest")
        if resolved is not None and resolved.date.year != fallback_year:
            resolved = None
    else:
        resolved = _resolve_calendar(expression, words, dt.date.today(), "past")
    if resolved is None:
        return None
    return resolved.date, match.group(0).strip()
