"""The coder on Russian sentences: who did what to whom, and how sure the text is about it."""

from __future__ import annotations

import pytest

from tests.conftest import triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # root 01-05: verbal cooperation
        ("Министр иностранных дел России Сергей Лавров прокомментировал заявление Блинкена.", ("RUSGOV", "USA", "01")),
        ("Генсек ООН призвал Израиль прекратить огонь.", ("IGOUNO", "ISR", "02")),
        ("Президент Турции выразил готовность провести переговоры с Россией.", ("TURGOV", "RUS", "03")),
        ("Путин провёл телефонный разговор с Эрдоганом.", ("RUSGOV", "TURGOV", "04")),
        ("Хафтар поблагодарил Россию за помощь.", ("LBYMIL", "RUS", "05")),
        # root 06-08: material cooperation
        ("Россия направила Сирии гуманитарную помощь.", ("RUS", "SYR", "07")),
        ("Власти Украины освободили российских пленных.", ("UKRGOV", "RUS", "08")),
        # root 09-13: verbal conflict
        ("МИД Китая осудил действия США.", ("CHNGOV", "USA", "11")),
        ("Президент Ирана обвинил Израиль в нападении.", ("IRNGOV", "ISR", "11")),
        ("Иран пригрозил США ответным ударом.", ("IRN", "USA", "13")),
        # root 14-20: material conflict
        ("ЕС ввёл санкции против России.", ("IGOEUREEC", "RUS", "16")),
        ("Полиция Белоруссии задержала оппозиционеров.", ("BLRCOP", "BLROPP", "17")),
        ("Армия Израиля нанесла авиаудар по сектору Газа.", ("ISRMIL", "PSE", "19")),
    ],
)
def test_sentence_codes_to(text: str, expected: tuple[str, str, str], code_text) -> None:  # type: ignore[no-untyped-def]
    found = triples(code_text(text))
    assert any(
        source == expected[0] and (expected[1] == "-" or target.startswith(expected[1])) and root == expected[2]
        for source, target, root in found
    ), found


def test_conjoined_sources_give_one_event_each(code_text) -> None:  # type: ignore[no-untyped-def]
    found = triples(code_text("Россия и Турция призвали стороны конфликта в Ливии прекратить огонь."))
    assert {s for s, _, root in found if root == "02"} >= {"RUS", "TUR"}


def test_passive_voice_agent_is_the_source(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Соглашение было подписано Россией и Турцией в Сочи.")
    assert {e.source.code for e in events if e.cameo_code.startswith("05")} >= {"RUS"}


def test_negation_marks_modality(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Хафтар не подписал соглашение с Сарраджем.")
    assert events and all(e.modality == "negated" for e in events if e.cameo_code.startswith("05"))


def test_future_tense_is_planned(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Путин посетит Турцию 19 января.")
    [visit] = [e for e in events if e.cameo_code.startswith("04")]
    assert visit.modality == "planned"
    assert str(visit.event_date) == "2020-01-19"


def test_reported_speech_codes_the_content(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("МИД России заявил, что Украина обстреляла Донецк.")
    assert ("UKR", "01") not in {(e.source.code, e.cameo_code[:2]) for e in events}
    assert any(e.source.code == "UKR" and e.cameo_code[:2] in {"18", "19"} for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "«Спартак» обыграл ЦСКА со счётом 3:1 и атаковал ворота соперника до последней минуты.",
        "Акции «Газпрома» упали на 3%, рубль укрепился к доллару.",
        "В Большом театре прошла премьера оперы «Борис Годунов».",
        "Синоптики обещают в Москве снег и до минус 15 градусов.",
    ],
)
def test_no_events_in_sport_markets_culture(text: str, code_text) -> None:  # type: ignore[no-untyped-def]
    assert code_text(text) == []


def test_event_ids_are_deterministic(code_text) -> None:  # type: ignore[no-untyped-def]
    text = "Путин провёл телефонный разговор с Эрдоганом."
    assert [e.event_id for e in code_text(text)] == [e.event_id for e in code_text(text)]
