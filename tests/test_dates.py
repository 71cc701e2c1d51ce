"""Time expressions: found as spans, then resolved against the story's date in the tense's direction."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.dates import blank_dateline, dateline_date, find_time_expressions, infer_story_year, resolve_expression

STORY = dt.date(2020, 1, 17)  # a Friday


@pytest.mark.parametrize(
    ("text", "direction", "expected", "precision"),
    [
        ("13 января в Москве прошли переговоры", "past", dt.date(2020, 1, 13), "day"),
        ("конференция пройдёт 19 января", "future", dt.date(2020, 1, 19), "day"),
        ("встреча состоялась 28 декабря", "past", dt.date(2019, 12, 28), "day"),
        ("визит намечен на 12 февраля", "future", dt.date(2020, 2, 12), "day"),
        ("договор подписан 5 мая 2015 года", "past", dt.date(2015, 5, 5), "day"),
        ("сегодня стороны обсудили", "past", STORY, "day"),
        ("вчера министр заявил", "past", dt.date(2020, 1, 16), "day"),
        ("накануне армия ударила", "past", dt.date(2020, 1, 16), "day"),
        ("позавчера прошёл митинг", "past", dt.date(2020, 1, 15), "day"),
        ("завтра начнутся переговоры", "future", dt.date(2020, 1, 18), "day"),
        ("в среду он позвонил", "past", dt.date(2020, 1, 15), "day"),
        ("в среду он позвонит", "future", dt.date(2020, 1, 22), "day"),
        ("в прошлую пятницу прошёл митинг", "past", dt.date(2020, 1, 10), "day"),
        ("в воскресенье пройдёт конференция", "future", dt.date(2020, 1, 19), "day"),
        ("неделей ранее президенты договорились", "past", dt.date(2020, 1, 6), "week"),
        ("на прошлой неделе прошли учения", "past", dt.date(2020, 1, 6), "week"),
        ("в 2011 году ситуация обострилась", "past", dt.date(2011, 1, 1), "year"),
        ("в мае стороны встретились", "past", dt.date(2019, 5, 1), "month"),
        ("три дня назад прошли выборы", "past", dt.date(2020, 1, 14), "day"),
    ],
)
def test_russian_expressions(text: str, direction: str, expected: dt.date, precision: str) -> None:
    [expression] = find_time_expressions(text, "ru")
    resolved = resolve_expression(expression, "ru", STORY, direction)  # type: ignore[arg-type]
    assert resolved is not None
    assert (resolved.date, resolved.precision) == (expected, precision)
    assert resolved.text == expression.text


@pytest.mark.parametrize("text", ["Сейчас в Москве тихо.", "Май — хороший месяц для отдыха", "Игроки сыграли 3:1."])
def test_no_false_dates(text: str) -> None:
    assert find_time_expressions(text, "ru") == []


def test_dateline_without_year_takes_the_given_year() -> None:
    found = dateline_date("МОСКВА – 17 января. Путин провёл переговоры.", "ru", 2020)
    assert found is not None and found.date == dt.date(2020, 1, 17)


@pytest.mark.parametrize(
    ("text", "language", "dateline"),
    [
        ("RIYADH/ADEN, March 27 (Reuters) - Saudi Arabia launched air strikes on Thursday.", "en", "March 27"),
        ("PESHAWAR, Pakistan, Jan 31 (Reuters) - A bomber struck on Monday.", "en", "Jan 31"),
        ("ХАРТУМ/КАИР – 16 апреля. Армия нанесла удары в субботу.", "ru", "16 апреля"),
    ],
)
def test_a_dateline_naming_two_cities_or_a_country_is_the_dateline(text: str, language: str, dateline: str) -> None:
    blanked = blank_dateline(text, language)
    assert dateline_date(text, language, 2020) is not None
    assert len(blanked) == len(text) and dateline not in blanked
    assert find_time_expressions(blanked, language)  # the weekday in the story itself is kept


def test_dateline_only_at_the_head_of_a_story() -> None:
    assert dateline_date("Путин провёл переговоры.\nПотом он уехал.", "ru", 2020) is None


def test_seed_story_year_is_read_from_its_text() -> None:
    from tests.conftest import SEEDS

    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    inferred = infer_story_year(text, "ru", 1, 17, dt.date(2026, 11, 30))
    assert inferred is not None and inferred.year == 2020
    [conflict] = inferred.conflicts
    assert "19 декабря" in conflict and "Saturday" in conflict and "19 января" in conflict


def test_story_year_without_clues_is_the_latest_past_one() -> None:
    inferred = infer_story_year("МОСКВА – 17 января. Ничего не произошло.", "ru", 1, 17, dt.date(2026, 11, 30))
    assert inferred is not None and inferred.year == 2026
    inferred = infer_story_year("МОСКВА – 17 декабря. Ничего.", "ru", 12, 17, dt.date(2026, 11, 30))
    assert inferred is not None and inferred.year == 2025
