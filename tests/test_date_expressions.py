"""Time expressions, Russian and English, against a fixed story date (Friday 17 January 2020).

Each row: the words, the direction the event's tense gives (past, future, or nearest when it says
nothing), and the expected date and precision. Anchored phrases ("в тот же день") are read against
the day named just before, here Monday 13 January.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.dates import find_time_expressions, resolve_expression

STORY = dt.date(2020, 1, 17)
ANCHOR = dt.date(2020, 1, 13)
D = dt.date

RUSSIAN = [
    ("13 января", "past", D(2020, 1, 13), "day"),
    ("19 января", "future", D(2020, 1, 19), "day"),
    ("28 декабря", "past", D(2019, 12, 28), "day"),
    ("12 февраля", "future", D(2020, 2, 12), "day"),
    ("5 мая 2015 года", "past", D(2015, 5, 5), "day"),
    ("1-го марта", "future", D(2020, 3, 1), "day"),
    ("31 декабря 2019 г.", "past", D(2019, 12, 31), "day"),
    ("10 января", "past", D(2020, 1, 10), "day"),
    ("25 февраля", "past", D(2019, 2, 25), "day"),
    ("3 сентября 2004 года", "past", D(2004, 9, 3), "day"),
    ("в мае", "past", D(2019, 5, 1), "month"),
    ("в мае", "future", D(2020, 5, 1), "month"),
    ("в декабре", "past", D(2019, 12, 1), "month"),
    ("в марте 2014 года", "past", D(2014, 3, 1), "month"),
    ("в январе", "past", D(2020, 1, 1), "month"),
    ("в феврале", "future", D(2020, 2, 1), "month"),
    ("с октября", "past", D(2019, 10, 1), "month"),
    ("в 2011 году", "past", D(2011, 1, 1), "year"),
    ("в 1999 году", "past", D(1999, 1, 1), "year"),
    ("с 2014 года", "past", D(2014, 1, 1), "year"),
    ("в 2020 г.", "nearest", D(2020, 1, 1), "year"),
    ("сегодня", "past", D(2020, 1, 17), "day"),
    ("вчера", "past", D(2020, 1, 16), "day"),
    ("позавчера", "past", D(2020, 1, 15), "day"),
    ("накануне", "past", D(2020, 1, 16), "day"),
    ("завтра", "future", D(2020, 1, 18), "day"),
    ("послезавтра", "future", D(2020, 1, 19), "day"),
    ("в понедельник", "past", D(2020, 1, 13), "day"),
    ("во вторник", "past", D(2020, 1, 14), "day"),
    ("в среду", "past", D(2020, 1, 15), "day"),
    ("в четверг", "past", D(2020, 1, 16), "day"),
    ("в пятницу", "past", D(2020, 1, 10), "day"),
    ("в субботу", "past", D(2020, 1, 11), "day"),
    ("в воскресенье", "past", D(2020, 1, 12), "day"),
    ("в понедельник", "future", D(2020, 1, 20), "day"),
    ("в среду", "future", D(2020, 1, 22), "day"),
    ("в воскресенье", "future", D(2020, 1, 19), "day"),
    ("в прошлую пятницу", "nearest", D(2020, 1, 10), "day"),
    ("в прошлый вторник", "nearest", D(2020, 1, 14), "day"),
    ("в следующий вторник", "nearest", D(2020, 1, 21), "day"),
    ("в ближайшее воскресенье", "nearest", D(2020, 1, 19), "day"),
    ("в эту субботу", "nearest", D(2020, 1, 18), "day"),
    ("неделей ранее", "past", D(2020, 1, 6), "week"),
    ("на прошлой неделе", "past", D(2020, 1, 6), "week"),
    ("на этой неделе", "nearest", D(2020, 1, 13), "week"),
    ("на следующей неделе", "future", D(2020, 1, 20), "week"),
    ("неделю назад", "past", D(2020, 1, 6), "week"),
    ("три дня назад", "past", D(2020, 1, 14), "day"),
    ("два дня назад", "past", D(2020, 1, 15), "day"),
    ("5 дней назад", "past", D(2020, 1, 12), "day"),
    ("две недели назад", "past", D(2019, 12, 30), "week"),
    ("два месяца назад", "past", D(2019, 11, 1), "month"),
    ("два года назад", "past", D(2018, 1, 1), "year"),
    ("в тот же день", "past", D(2020, 1, 13), "day"),
    ("на следующий день", "past", D(2020, 1, 14), "day"),
    ("днём ранее", "past", D(2020, 1, 12), "day"),
    ("в тот же вечер", "past", D(2020, 1, 13), "day"),
    ("к 15 февраля", "future", D(2020, 2, 15), "day"),
    ("до 1 марта", "future", D(2020, 3, 1), "day"),
    ("с 20 января", "future", D(2020, 1, 20), "day"),
    ("в ночь на 13 января", "past", D(2020, 1, 13), "day"),
]

ENGLISH = [
    ("January 13", "past", D(2020, 1, 13), "day"),
    ("Jan. 19", "future", D(2020, 1, 19), "day"),
    ("December 28 last year", "nearest", D(2019, 12, 28), "day"),
    ("on December 28", "past", D(2019, 12, 28), "day"),
    ("17 January 2020", "past", D(2020, 1, 17), "day"),
    ("Feb 12", "future", D(2020, 2, 12), "day"),
    ("March 3, 2014", "past", D(2014, 3, 3), "day"),
    ("the 5th of May", "future", D(2020, 5, 5), "day"),
    ("in May", "past", D(2019, 5, 1), "month"),
    ("in March 2021", "nearest", D(2021, 3, 1), "month"),
    ("in December", "past", D(2019, 12, 1), "month"),
    ("since October", "past", D(2019, 10, 1), "month"),
    ("in 2011", "past", D(2011, 1, 1), "year"),
    ("since 2014", "past", D(2014, 1, 1), "year"),
    ("today", "past", D(2020, 1, 17), "day"),
    ("yesterday", "past", D(2020, 1, 16), "day"),
    ("tomorrow", "future", D(2020, 1, 18), "day"),
    ("the day before yesterday", "past", D(2020, 1, 15), "day"),
    ("on Tuesday", "past", D(2020, 1, 14), "day"),
    ("on Monday", "past", D(2020, 1, 13), "day"),
    ("on Friday", "past", D(2020, 1, 10), "day"),
    ("on Sunday", "future", D(2020, 1, 19), "day"),
    ("on Wednesday", "future", D(2020, 1, 22), "day"),
    ("last Friday", "nearest", D(2020, 1, 10), "day"),
    ("last Tuesday", "nearest", D(2020, 1, 14), "day"),
    ("next Tuesday", "nearest", D(2020, 1, 21), "day"),
    ("Saturday", "nearest", D(2020, 1, 18), "day"),
    ("last week", "past", D(2020, 1, 6), "week"),
    ("this week", "nearest", D(2020, 1, 13), "week"),
    ("next week", "future", D(2020, 1, 20), "week"),
    ("a week ago", "past", D(2020, 1, 6), "week"),
    ("two days ago", "past", D(2020, 1, 15), "day"),
    ("three weeks ago", "past", D(2019, 12, 23), "week"),
    ("10 days ago", "past", D(2020, 1, 7), "day"),
    ("the same day", "past", D(2020, 1, 13), "day"),
    ("the next day", "past", D(2020, 1, 14), "day"),
    ("a day earlier", "past", D(2020, 1, 12), "day"),
    ("later that day", "past", D(2020, 1, 13), "day"),
    ("by March", "future", D(2020, 3, 1), "month"),
    ("on Jan 13, 2019", "past", D(2019, 1, 13), "day"),
]


def resolve(text: str, language: str, direction: str):  # type: ignore[no-untyped-def]
    [expression] = find_time_expressions(text, language)
    return resolve_expression(expression, language, STORY, direction, ANCHOR)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "direction", "expected", "precision"), RUSSIAN)
def test_russian(text: str, direction: str, expected: dt.date, precision: str) -> None:
    resolved = resolve(text, "ru", direction)
    assert resolved is not None and (resolved.date, resolved.precision) == (expected, precision)


@pytest.mark.parametrize(("text", "direction", "expected", "precision"), ENGLISH)
def test_english(text: str, direction: str, expected: dt.date, precision: str) -> None:
    resolved = resolve(text, "en", direction)
    assert resolved is not None and (resolved.date, resolved.precision) == (expected, precision)


def test_tables_are_big_enough() -> None:
    assert len(RUSSIAN) >= 60 and len(ENGLISH) >= 40


@pytest.mark.parametrize("text", ["Russia may respond.", "Protesters march on the capital.", "He said so."])
def test_english_words_that_are_not_dates(text: str) -> None:
    assert find_time_expressions(text, "en") == []


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=200),
    language=st.sampled_from(["ru", "en"]),
    day=st.dates(dt.date(1950, 1, 1), dt.date(2040, 12, 31)),
    direction=st.sampled_from(["past", "future", "nearest"]),
)
def test_any_text_gives_no_date_or_a_sane_one(text: str, language: str, day: dt.date, direction: str) -> None:
    for expression in find_time_expressions(text, language):
        resolved = resolve_expression(expression, language, day, direction)  # type: ignore[arg-type]
        if resolved is not None:
            assert abs(resolved.date.year - day.year) <= 120
