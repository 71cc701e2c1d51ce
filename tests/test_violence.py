"""ACLED-style fields on violent events: place and coordinates, fatalities, event types.

`tests/gold/violence.jsonl` holds violent-event stories in both languages with the expected place
(GeoNames coordinates), death toll and ACLED type; the table below adds single sentences.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from eventcoder.analyzers import analyzer_for
from eventcoder.codebook import Codebook
from eventcoder.coder import Event, code_document
from eventcoder.documents import Document
from eventcoder.event_types import is_violent
from eventcoder.fatalities import count_fatalities
from tests.conftest import GOLD

NEAR_KM = 75


def kilometres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radians = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * radians / 2) ** 2
        + math.cos(lat1 * radians) * math.cos(lat2 * radians) * math.sin((lon2 - lon1) * radians / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))


def violent_events(text: str, language: str, day: dt.date, codebook: Codebook) -> list[Event]:
    document = Document.from_text(text, language=language, day=day)
    return [e for e in code_document(document, codebook, analyzer_for(language)).events if is_violent(e.cameo_code)]


@pytest.fixture(scope="module")
def scored(codebook: Codebook) -> dict[str, float]:
    stories = [json.loads(line) for line in (GOLD / "violence.jsonl").read_text(encoding="utf-8").splitlines() if line]
    right_toll = near = typed = violent = coded = 0
    for story in stories:
        [expected] = story["expect"]
        events = violent_events(story["text"], story["lang"], dt.date.fromisoformat(story["date"]), codebook)
        violent += len(events)
        typed += sum(1 for e in events if e.acled_event_type)
        if not events:
            continue
        coded += 1
        tolls = [e.fatalities for e in events]
        right_toll += (
            expected["fatalities"] in tolls if expected["fatalities"] is not None else all(t is None for t in tolls)
        )
        located = [e.location for e in events if e.location is not None]
        near += any(
            kilometres(loc.place.latitude, loc.place.longitude, expected["latitude"], expected["longitude"]) <= NEAR_KM
            for loc in located
        )
    return {
        "stories": len(stories),
        "coded": coded / len(stories),
        "fatalities": right_toll / len(stories),
        "place": near / len(stories),
        "typed": typed / max(violent, 1),
    }


def test_every_violent_event_has_a_type(scored: dict[str, float]) -> None:
    assert scored["typed"] == 1.0


def test_fatalities_and_places_on_the_violence_gold(scored: dict[str, float]) -> None:
    # Shares of all stories, a story whose violent event is missed counting as wrong on both.
    assert scored["stories"] >= 24
    assert scored["coded"] >= 0.9, scored
    assert scored["fatalities"] >= 0.9, scored
    assert scored["place"] >= 0.9, scored


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("погибли пять мирных жителей", "ru", 5),
        ("не менее двадцати человек погибли", "ru", 20),
        ("обстрел унес жизни более 170 человек", "ru", 170),
        ("в результате удара погиб один военный", "ru", 1),
        ("жертв нет", "ru", 0),
        ("есть раненые", "ru", None),
        ("at least 12 people were killed", "en", 12),
        ("the attack killed seven soldiers", "en", 7),
        ("a suicide bomber killed 25 worshippers", "en", 25),
        ("no casualties were reported", "en", 0),
        ("dozens were wounded", "en", None),
        ("the death toll rose to 43", "en", 43),
        ("the death toll from an air strike on a building in the city's south rose to 31", "en", 31),
        ("a raid which left 12 Palestinians and one Israeli soldier dead", "en", 13),
        ("twenty-five people were killed", "en", 25),
        ("число погибших в результате обстрела рынка выросло до 27", "ru", 27),
        ("по меньшей мере шестнадцать человек погибли", "ru", 16),
        ("погибли двадцать пять человек", "ru", 25),
        ("боевики убили не менее 43 сельскохозяйственных рабочих", "ru", 43),
        ("Жертв и пострадавших нет.", "ru", 0),
        ("the attack killed 1,200 people", "en", 1200),
        ("погибли 1 200 человек", "ru", 1200),
    ],
)
def test_fatality_phrases(text: str, language: str, expected: int | None) -> None:
    assert count_fatalities(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "place", "country", "precision", "acled"),
    [
        ("Израильская авиация нанесла удары по Хан-Юнису.", "ru", "Khān Yūnis", "PSE", 1, "Explosions/Remote violence"),
        ("Russian forces shelled Kharkiv on Monday.", "en", "Kharkiv", "UKR", 1, "Explosions/Remote violence"),
        ("Боевики атаковали полицейский участок под Бахмутом.", "ru", "Bakhmut", "UKR", 2, "Battles"),
        ("A suicide bomber attacked a mosque in Peshawar.", "en", "Peshawar", "PAK", 1, "Explosions/Remote violence"),
        (
            "Israeli jets struck a building in Beirut's southern suburbs.",
            "en",
            "Beirut",
            "LBN",
            2,
            "Explosions/Remote violence",
        ),
        ("Rebels attacked army positions on the western edge of Aleppo.", "en", "Aleppo", "SYR", 2, "Battles"),
        (
            "Повстанцы обстреляли центральный рынок Эль-Фашера.",
            "ru",
            "El Fasher",
            "SDN",
            1,
            "Explosions/Remote violence",
        ),
        (
            "Боевики убили 12 мирных жителей в деревне под городом Бени.",
            "ru",
            "Beni",
            "COD",
            2,
            "Violence against civilians",
        ),
        (
            "Russian forces shelled the eastern city of Kramatorsk.",
            "en",
            "Kramatorsk",
            "UKR",
            1,
            "Explosions/Remote violence",
        ),
    ],
)
def test_places_and_types(
    text: str, language: str, place: str, country: str, precision: int, acled: str, codebook: Codebook
) -> None:
    events = violent_events(text, language, dt.date(2024, 1, 10), codebook)
    assert events
    event = events[0]
    assert event.location is not None
    assert (event.location.place.name, event.location.place.country, event.location.precision) == (
        place,
        country,
        precision,
    )
    assert event.acled_event_type == acled


@pytest.mark.parametrize(
    ("text", "language", "code", "fatalities"),
    [
        ("Число погибших в результате обстрела рынка в Донецке выросло до 27.", "ru", "19", 27),
        ("Five civilians were killed in an air strike on Idlib.", "en", "19", 5),
        ("Two car bombs exploded at a busy junction in Mogadishu, killing at least 100 people.", "en", "18", 100),
        ("A car bomb exploded near a convoy in Aden, wounding dozens.", "en", "18", None),
        ("У здания министерства в Кабуле прогремел взрыв, погибли шесть человек.", "ru", "18", 6),
        ("A blast ripped through a crowded market in Kabul.", "en", "18", None),
        ("The shelling of Kharkiv killed five people.", "en", "19", 5),
    ],
)
def test_an_attack_nobody_is_named_for_is_coded_to_an_unidentified_armed_group(
    text: str, language: str, code: str, fatalities: int | None, codebook: Codebook
) -> None:
    events = violent_events(text, language, dt.date(2024, 1, 10), codebook)
    assert [(e.source.code, e.source.name, e.cameo_code[:2], e.fatalities) for e in events][:1] == [
        ("UAF", "", code, fatalities)
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Monsoon floods have killed more than 1,100 people since June.", "en"),
        ("Heavy fighting raged across the city on Monday.", "en"),
        ("The UN accused the army of ethnic cleansing.", "en"),
        ("Убийство президента подконтрольными США радикалами потрясло страну.", "ru"),
    ],
)
def test_no_unidentified_attacker_without_an_unnamed_attack(text: str, language: str, codebook: Codebook) -> None:
    events = violent_events(text, language, dt.date(2024, 1, 10), codebook)
    assert not [e for e in events if e.source.code == "UAF"]
