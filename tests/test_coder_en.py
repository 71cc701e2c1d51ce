"""The coder on English sentences: one per CAMEO root, and the constructions English news uses."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.analyzers import analyzer_for
from eventcoder.codebook import Codebook
from eventcoder.coder import Event, code_document
from tests.conftest import make_document, triples

ONE_SENTENCE_PER_ROOT = [
    ("Russian Foreign Minister Sergei Lavrov criticized remarks by Antony Blinken.", ("RUSGOV", "-", "11")),
    ("U.N. Secretary-General Antonio Guterres urged Israel to halt the offensive.", ("IGOUNO", "ISR", "02")),
    ("Lavrov told Blinken that Moscow wants security guarantees.", ("RUSGOV", "-", "03")),
    ("Vladimir Putin held a telephone call with Recep Tayyip Erdogan.", ("RUSGOV", "TURGOV", "04")),
    ("Haftar thanked Russia for its help.", ("LBYMIL", "RUS", "05")),
    ("Russia and India held joint military exercises.", ("RUS", "IND", "06")),
    ("Russia sent humanitarian aid to Syria.", ("RUS", "SYR", "07")),
    ("Ukraine released Russian prisoners of war.", ("UKR", "RUS", "08")),
    ("The International Criminal Court opened an investigation into Venezuela.", ("IGOJUDICC", "VEN", "09")),
    ("The European Union demanded that Belarus release political prisoners.", ("IGOEUREEC", "BLR", "10")),
    ("China's foreign ministry condemned the United States.", ("CHNGOV", "USA", "11")),
    ("Iran rejected a U.S. proposal for talks.", ("IRN", "USA", "12")),
    ("Iran threatened the United States with retaliation.", ("IRN", "USA", "13")),
    ("Thousands of Serbian students protested against the government in Belgrade.", ("SRBEDU", "SRBGOV", "14")),
    ("North Korea put its army on high alert.", ("PRK", "-", "15")),
    ("The European Union imposed sanctions on Russia.", ("IGOEUREEC", "RUS", "16")),
    ("Belarusian police arrested opposition activists.", ("BLRCOP", "BLROPP", "17")),
    ("Islamic State militants abducted journalists in Syria.", ("IMGRAD", "SYRMED", "18")),
    ("The Israeli army launched air strikes on Gaza.", ("ISRMIL", "PSE", "19")),
    ("Myanmar's army massacred hundreds of civilians.", ("MMRMIL", "-", "20")),
]


@pytest.fixture(scope="module")
def code_english(codebook: Codebook):  # type: ignore[no-untyped-def]
    analyzer = analyzer_for("en")

    def run(text: str, day: dt.date = dt.date(2022, 6, 1)) -> list[Event]:
        return list(code_document(make_document(text, day, "en"), codebook, analyzer).events)

    return run


def test_the_table_covers_every_root() -> None:
    assert {root for _, (_, _, root) in ONE_SENTENCE_PER_ROOT} >= {f"{n:02d}" for n in range(2, 21)}


@pytest.mark.parametrize(("text", "expected"), ONE_SENTENCE_PER_ROOT)
def test_sentence_codes_to(text: str, expected: tuple[str, str, str], code_english) -> None:  # type: ignore[no-untyped-def]
    found = triples(code_english(text))
    assert any(
        source == expected[0] and (expected[1] == "-" or target.startswith(expected[1])) and root == expected[2]
        for source, target, root in found
    ), found


def test_passive_with_by(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("The Russian embassy in Kyiv was shelled by Ukrainian forces.")
    assert any(e.source.code.startswith("UKR") and e.cameo_code[:2] in {"17", "18", "19"} for e in events)


def test_negation_and_future(code_english) -> None:  # type: ignore[no-untyped-def]
    [negated] = [e for e in code_english("Iran did not sign the agreement with the IAEA.") if e.cameo_code[:2] == "05"]
    assert negated.modality == "negated"
    planned = [e for e in code_english("Putin will visit Turkey on Tuesday.") if e.cameo_code[:2] == "04"]
    assert planned and planned[0].modality == "planned" and str(planned[0].event_date) == "2022-06-07"


def test_reported_speech_codes_the_content(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("The Kremlin said Ukrainian forces shelled Donetsk.")
    assert any(e.source.code.startswith("UKR") and e.cameo_code[:2] in {"19", "18"} for e in events)
    assert not any(e.cameo_code[:2] == "01" and e.source.code == "RUSGOV" and e.target is None for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Liverpool crushed Manchester United 7-0 and attacked the goal relentlessly.",
        "Shares fell 3% and the dollar strengthened against the euro.",
        "Storm Ciaran battered the coast of Brittany.",
        "The film won the Palme d'Or in Cannes.",
    ],
)
def test_no_events_in_sport_markets_culture(text: str, code_english) -> None:  # type: ignore[no-untyped-def]
    assert code_english(text) == []


def test_an_amount_of_aid_is_still_humanitarian_aid(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("Japan sent $10 million in humanitarian aid to Turkey.")
    coded = {(e.source.code, e.target.code if e.target else "-", e.cameo_code) for e in events}
    assert coded == {("JPN", "TUR", "073")}


def test_warplanes_are_the_military(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("Israeli warplanes pounded Hezbollah positions in southern Lebanon.")
    assert {e.source.code for e in events} == {"ISRMIL"}, events


def test_a_cooperative_act_the_actor_will_not_do_is_a_refusal(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("The Serbian government will not bow to pressure from protesters.")
    assert [(e.cameo_code, e.modality) for e in events] == [("124", "asserted")], events


def test_a_negated_past_act_stays_a_negated_act(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("Iran said it had not sent any missiles to Russia.")
    assert [(e.cameo_code[:2], e.modality) for e in events] == [("07", "negated")], events


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Belarus threatened to cut gas transit to Poland.", "POL"),
        ("China threatened to impose sanctions on companies from Lithuania.", "LTU"),
    ],
)
def test_target_is_the_first_actor_in_the_verb_phrase(text: str, target: str, code_english) -> None:  # type: ignore[no-untyped-def]
    [threat] = [e for e in code_english(text) if e.cameo_code.startswith("13")]
    assert threat.target is not None and threat.target.code.startswith(target)


def test_a_place_phrase_is_not_a_target(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("Germany's chancellor criticised the plan at a summit in Ankara.")
    assert [e.cameo_code[:2] for e in events] == ["11"]
    assert all(e.target is None or not e.target.code.startswith("TUR") for e in events)


def test_a_pronoun_speaker_stands_for_every_conjoined_speaker(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("Brazil, Chile and Peru said they would recognise the new government of Bolivia.")
    assert {e.source.code for e in events if e.cameo_code.startswith("05")} == {"BRA", "CHL", "PER"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Armenia accused Azerbaijan of shelling its villages, and the two armies exchanged heavy fire.",
            {("ARMMIL", "AZEMIL", "19"), ("AZEMIL", "ARMMIL", "19")},
        ),
        (
            "Kenya's president met his Ethiopian counterpart in Nairobi. The two sides signed three trade agreements.",
            {("KENGOV", "ETH", "05"), ("ETH", "KENGOV", "05")},
        ),
        (
            "Vladimir Putin met Xi Jinping in Moscow. The two sides signed three trade agreements.",
            {("RUSGOV", "CHNGOV", "05"), ("CHNGOV", "RUSGOV", "05")},
        ),
    ],
)
def test_the_two_sides_are_the_two_parties_just_named(text: str, expected: set, code_english) -> None:  # type: ignore[no-untyped-def,type-arg]
    assert expected <= triples(code_english(text))


def test_the_two_sides_need_two_parties(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("Kenya held elections in May. The two sides signed three trade agreements.")
    assert not [e for e in events if e.cameo_code.startswith("05")]


def test_a_cooperative_event_noun_needs_a_counterpart(code_english) -> None:  # type: ignore[no-untyped-def]
    occasion = code_english("Britain requested an emergency meeting of the U.N. Security Council.")
    assert not [e for e in occasion if e.cameo_code.startswith("04") and e.target is None]
    talks = code_english("Putin's meeting with Erdogan in Sochi lasted four hours.")
    assert ("RUSGOV", "TURGOV", "04") in triples(talks)


@pytest.mark.parametrize(
    ("text", "rejection"),
    [
        ("Japan ruled out sending troops to Iraq.", ("JPN", "IRQ", "12")),
        ("Colombia refused to let two U.S. military aircraft land.", ("COL", "USA", "12")),
    ],
)
def test_what_is_rejected_is_not_done(text: str, rejection: tuple[str, str, str], code_english) -> None:  # type: ignore[no-untyped-def]
    assert triples(code_english(text)) == {rejection}


def test_a_gerund_standing_as_a_noun_is_read_as_the_noun(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("Fighting between Ethiopia's army and Tigrayan rebels killed dozens of civilians.")
    assert {("ETHMIL", "ETHREB", "19"), ("ETHREB", "ETHMIL", "19")} <= triples(events)


def test_a_suspended_agreement_reduces_relations_with_the_partner(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("Russia suspended an air safety agreement with the United States.")
    assert ("RUS", "USA", "16") in triples(events)


def test_an_intent_told_to_someone_is_addressed_to_them(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english("Erdogan told Putin that Turkey was ready to help restore peace.")
    assert any(
        e.source.code.startswith("TUR") and e.target and e.target.code == "RUSGOV" and e.cameo_code.startswith("03")
        for e in events
    ), triples(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The invasion of Ukraine by Russia was condemned.", ("RUS", "UKR", "19")),
        ("Russia's invasion of Ukraine began in February.", ("RUS", "UKR", "19")),
        ("The arrest of opposition leaders by Belarusian police drew criticism.", ("BLRCOP", "BLROPP", "17")),
    ],
)
def test_the_of_phrase_of_a_violent_noun_is_what_was_done_to(
    text: str,
    expected: tuple[str, str, str],
    code_english,  # type: ignore[no-untyped-def]
) -> None:
    assert expected in triples(code_english(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany will provide Ukraine with additional air defence systems.", ("DEU", "UKR", "07")),
        ("The Security Council condemned the attack on Israel.", ("IGOUNO", "ISR", "11")),
        ("Mali's junta ordered UN peacekeepers to leave the country.", ("MLIGOV", "IGOUNO", "16")),
        ("Russia's Security Council discussed the situation with Belarus.", ("RUSGOV", "BLR", "04")),
    ],
)
def test_wire_phrasings(text: str, expected: tuple[str, str, str], code_english) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(code_english(text))


def test_a_document_acts_for_whoever_adopted_it(code_english) -> None:  # type: ignore[no-untyped-def]
    events = code_english(
        "The UN General Assembly adopted a resolution demanding that Russia withdraw its troops from Ukraine."
    )
    assert ("IGOUNO", "RUS", "10") in triples(events)


@pytest.mark.parametrize(
    "text",
    [
        "Blinken warned that any invasion of Ukraine by Russia would meet a swift response.",
        "The Houthis said the Americans would pay a high price for this aggression.",
    ],
)
def test_an_event_noun_that_is_hypothetical_or_told_already_is_no_new_event(text: str, code_english) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in code_english(text) if e.cameo_code.startswith("19")]


def test_what_is_denied_is_not_done(code_english) -> None:  # type: ignore[no-untyped-def]
    assert triples(code_english("Iran denied supplying drones to Russia.")) == {("IRN", "RUS", "01")}


def test_would_in_reported_speech_is_planned_not_conditional(code_english) -> None:  # type: ignore[no-untyped-def]
    [sanctions] = code_english("The EU said it would impose new sanctions on Belarus.")
    assert (sanctions.cameo_code[:2], sanctions.modality) == ("16", "planned")
