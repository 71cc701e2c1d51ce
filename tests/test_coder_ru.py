"""The coder on Russian sentences: who did what to whom, and how sure the text is about it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import triples

ONE_SENTENCE_PER_ROOT = [
    ("Министр иностранных дел России Сергей Лавров прокомментировал заявление Блинкена.", ("RUSGOV", "USA", "01")),
    ("Генсек ООН призвал Израиль прекратить огонь.", ("IGOUNO", "ISR", "02")),
    ("Президент Турции выразил готовность провести переговоры с Россией.", ("TURGOV", "RUS", "03")),
    ("Путин провёл телефонный разговор с Эрдоганом.", ("RUSGOV", "TURGOV", "04")),
    ("Хафтар поблагодарил Россию за помощь.", ("LBYMIL", "RUS", "05")),
    ("Россия и Индия провели совместные военные учения.", ("RUS", "IND", "06")),
    ("Россия направила Сирии гуманитарную помощь.", ("RUS", "SYR", "07")),
    ("Власти Украины освободили российских пленных.", ("UKRGOV", "RUS", "08")),
    ("Генпрокуратура Германии начала расследование против российских хакеров.", ("DEUJUD", "RUS", "09")),
    ("Евросоюз потребовал от Белоруссии освободить политзаключённых.", ("IGOEUREEC", "BLR", "10")),
    ("МИД Китая осудил действия США.", ("CHNGOV", "USA", "11")),
    ("Иран отверг предложение США о переговорах.", ("IRN", "USA", "12")),
    ("Иран пригрозил США ответным ударом.", ("IRN", "USA", "13")),
    ("Тысячи жителей Тбилиси вышли на акцию протеста против правительства Грузии.", ("GEOCVL", "GEOGOV", "14")),
    ("КНДР провела мобилизацию армии.", ("PRK", "-", "15")),
    ("ЕС ввёл санкции против России.", ("IGOEUREEC", "RUS", "16")),
    ("Полиция Белоруссии задержала оппозиционеров.", ("BLRCOP", "BLROPP", "17")),
    ("Боевики ИГИЛ похитили журналистов в Сирии.", ("IMGRAD", "SYRMED", "18")),
    ("Армия Израиля нанесла авиаудар по сектору Газа.", ("ISRMIL", "PSE", "19")),
    ("Армия Мьянмы устроила массовые убийства мирных жителей.", ("MMRMIL", "MMRCVL", "20")),
]


def test_the_table_covers_every_root() -> None:
    assert {root for _, (_, _, root) in ONE_SENTENCE_PER_ROOT} == {f"{n:02d}" for n in range(1, 21)}


@pytest.mark.parametrize(("text", "expected"), ONE_SENTENCE_PER_ROOT)
def test_sentence_codes_to(text: str, expected: tuple[str, str, str], code_text) -> None:  # type: ignore[no-untyped-def]
    found = triples(code_text(text, dt.date(2022, 6, 1)))
    assert any(
        source == expected[0] and (expected[1] == "-" or target.startswith(expected[1])) and root == expected[2]
        for source, target, root in found
    ), found


def test_joint_acts_code_both_ways(code_text) -> None:  # type: ignore[no-untyped-def]
    found = triples(code_text("Китай и Россия договорились о сотрудничестве в энергетике."))
    assert {("CHN", "RUS", "03"), ("RUS", "CHN", "03")} <= found


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


@pytest.mark.parametrize(
    "text",
    ["Россия направила Сирии гуманитарную помощь.", "Россия направила в Турцию 50 тонн гуманитарной помощи."],
)
def test_the_detailed_code_wins_and_quantities_are_see_through(text: str, code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text(text)
    assert [e.cameo_code for e in events if e.source.code == "RUS"] == ["073"], events


def test_refusing_to_join_sanctions_is_a_rejection_not_a_sanction(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Эрдоган заявил, что Турция не будет присоединяться к санкциям против России.")
    assert {(e.source.code, e.cameo_code[:2], e.modality) for e in events} == {("TUR", "12", "asserted")}, events


def test_both_sides_are_the_two_parties_just_named(code_text) -> None:  # type: ignore[no-untyped-def]
    text = "Президент Армении встретился с президентом Азербайджана. Обе стороны подписали соглашение о границе."
    assert {("ARM", "AZE", "05"), ("AZE", "ARM", "05")} <= triples(code_text(text))


def test_bare_sides_as_a_subject_are_not_guessed(code_text) -> None:  # type: ignore[no-untyped-def]
    text = "Делегации России и Украины провели переговоры в Турции. Стороны договорились об обмене пленными."
    events = [e for e in code_text(text) if e.sentence_index == 1]
    assert not [e for e in events if e.source.code.startswith("TUR") or (e.target and e.target.code.startswith("TUR"))]


def test_what_is_refused_is_not_done(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Венгрия отказалась поставлять оружие Украине.")
    assert [(e.source.code, e.target.code if e.target else "-", e.cameo_code[:2]) for e in events] == [
        ("HUN", "UKR", "12")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("МИД Турции назвал действия Израиля примером геноцида.", ("TURGOV", "ISR", "11")),
        ("Россия приостановила соглашение о безопасности полётов с США.", ("RUS", "USA", "16")),
    ],
)
def test_evaluative_naming_and_suspended_agreements(text: str, expected: tuple[str, str, str], code_text) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(code_text(text))


def test_leaders_of_a_joint_act_are_the_two_governments_just_named(code_text) -> None:  # type: ignore[no-untyped-def]
    text = "Президент Армении провёл переговоры с президентом Азербайджана. Лидеры договорились о новой встрече."
    later = {t for t in triples([e for e in code_text(text) if e.sentence_index == 1])}
    assert {("ARMGOV", "AZEGOV", "03"), ("AZEGOV", "ARMGOV", "03")} <= later


def test_a_swap_of_detained_people_is_a_release_both_ways(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Россия и Украина провели обмен удерживаемыми лицами.")
    assert {("RUS", "UKR", "08"), ("UKR", "RUS", "08")} <= triples(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Власти Мали потребовали от миротворцев ООН покинуть страну.", ("MLIGOV", "IGOUNO", "16")),
        ("МИД Нигера потребовал от посла Франции покинуть страну в течение 48 часов.", ("NERGOV", "FRAGOV", "16")),
        ("Полиция Грузии задержала 20 участников акции протеста.", ("GEOCOP", "GEOCVL", "17")),
    ],
)
def test_expulsions_and_protest_participants(text: str, expected: tuple[str, str, str], code_text) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(code_text(text))


def test_a_noncombatant_genitive_of_a_violent_noun_is_its_victim(code_text) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in code_text("Убийство журналиста в Мексике вызвало протесты.") if e.cameo_code.startswith("18")]
    assert [(e.source.code, e.target.code if e.target else "-") for e in events] == [("UAF", "MEXMED")]


def test_an_announced_decision_is_coded_as_the_act_decided(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Канцлер Германии объявил о решении передать Украине 14 танков.")
    assert ("DEUGOV", "UKR", "07") in triples(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В МИД России назвали решение Праги враждебным шагом.", ("RUSGOV", "CZEGOV", "11")),
        ("В Вашингтоне пригрозили Анкаре санкциями.", ("USAGOV", "TURGOV", "13")),
    ],
)
def test_a_subjectless_plural_verb_speaks_for_the_body_it_names(
    text: str, expected: tuple[str, str, str], code_text
) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(code_text(text))


def test_an_act_done_in_a_place_is_not_done_by_it(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("В Сирии обстреляли колонну военных.")
    assert not [e for e in events if e.source.code.startswith("SYR") and e.source.code != "SYRMIL"]


def test_an_announced_allocation_of_aid_is_aid(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Госсекретарь США объявил о выделении Украине военной помощи на сумму 2 млрд долларов.")
    assert ("USAGOV", "UKR", "07") in triples(events)


def test_a_resolution_demands_for_the_assembly_that_adopted_it(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Генассамблея ООН приняла резолюцию, требующую от России вывести войска.")
    assert ("IGOUNO", "RUS", "10") in triples(events)


def test_this_aggression_and_any_invasion_are_no_new_events(code_text) -> None:  # type: ignore[no-untyped-def]
    text = "Блинкен предупредил, что любое вторжение российских войск на Украину повлечёт жёсткий ответ."
    assert not [e for e in code_text(text) if e.cameo_code.startswith("19")]
    text = "Хуситы заявили, что американцы заплатят высокую цену за эту агрессию."
    assert not [e for e in code_text(text) if e.cameo_code.startswith("19")]


def test_a_decree_on_an_act_is_the_signers_act(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Путин подписал указ о признании независимости ДНР и ЛНР.")
    assert ("RUSGOV", "UKRREB", "05") in triples(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Протестующие подожгли шины и перекрыли дороги в Бейруте.", {("LBNCVL", "-", "14")}),
        ("Захарова заявила, что Россия ответит на высылку дипломатов.", set()),
        (
            "Армия Израиля нанесла авиаудары по сектору Газа в ответ на ракетный обстрел израильской территории.",
            {("ISRMIL", "PSE", "19")},
        ),
    ],
)
def test_participle_actors_and_acts_answered(text: str, expected: set, code_text) -> None:  # type: ignore[no-untyped-def,type-arg]
    assert triples(code_text(text)) == expected
