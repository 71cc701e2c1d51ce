"""Actor mentions and resolution: case forms, compound, conjoined and date-bounded actors."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.actors import ActorResolver, find_mentions
from eventcoder.analyzers import Analyzer
from eventcoder.codebook import Codebook


def subject_actors(text: str, codebook: Codebook, analyzer: Analyzer, day: dt.date = dt.date(2020, 1, 17)) -> set[str]:
    [sentence] = analyzer.analyze(text)
    index = codebook.languages["ru"]
    resolver = ActorResolver(sentence, find_mentions(sentence, index), codebook, day, index.grammar)
    subjects = [t.index for t in sentence.tokens if t.dep == "nsubj"]
    return {actor.code for s in subjects for actor in resolver.resolve(s)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Путин заявил о поддержке.", {"RUSGOV"}),
        ("Президент России заявил о поддержке.", {"RUSGOV"}),
        ("Российский президент заявил о поддержке.", {"RUSGOV"}),
        ("Пресс-служба Кремля сообщила о беседе.", {"RUSGOV"}),
        ("Генсек ООН призвал к перемирию.", {"IGOUNO"}),
        ("Москва ответила на ноту.", {"RUSGOV"}),
        ("Президенты России и Турции призвали к перемирию.", {"RUSGOV", "TURGOV"}),
        ("Россия и Турция призвали к перемирию.", {"RUS", "TUR"}),
        ("Представители Правительства национального согласия подписали документ.", {"LBYGOV"}),
        ("Канцлер Германии Ангела Меркель приехала в Москву.", {"DEUGOV"}),
        ("Турецкие военные открыли огонь.", {"TURMIL"}),
        ("Министр обороны Японии прибыл в Сеул.", {"JPNMIL"}),
    ],
)
def test_subject_resolves(text: str, expected: set[str], codebook: Codebook, ru_analyzer: Analyzer) -> None:
    assert subject_actors(text, codebook, ru_analyzer) == expected


@pytest.mark.parametrize("form", ["Путин", "Путина", "Путину", "Путиным", "Путине"])
def test_every_case_of_a_name_matches(form: str, codebook: Codebook, ru_analyzer: Analyzer) -> None:
    [sentence] = ru_analyzer.analyze(f"Речь шла о том, что {form} говорил.")
    kinds = {entry.kind for m in find_mentions(sentence, codebook.languages["ru"]) for entry in m.entries}
    assert "person" in kinds


def test_people_code_by_the_role_held_on_the_date(codebook: Codebook, ru_analyzer: Analyzer) -> None:
    text = "Медведев заявил о поддержке."
    assert subject_actors(text, codebook, ru_analyzer, dt.date(2010, 6, 1)) == {"RUSGOV"}
    assert subject_actors(text, codebook, ru_analyzer, dt.date(2015, 6, 1)) == {"RUSGOV"}


def test_bare_sector_noun_is_not_an_actor(codebook: Codebook, ru_analyzer: Analyzer) -> None:
    assert subject_actors("Военные открыли огонь.", codebook, ru_analyzer) == set()
