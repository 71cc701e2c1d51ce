"""Every country's Russian name in all six cases, and its adjective, resolves to the country's code.

Case forms are generated with pymorphy3's inflection, not written by hand.
"""

from __future__ import annotations

from functools import cache

import pymorphy3
import pytest
import yaml

from eventcoder.actors import find_mentions
from eventcoder.analyzers import Analyzer
from eventcoder.codebook import PACKAGE_CODEBOOKS, Codebook

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@cache
def morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def inflect(phrase: str, case: str) -> str:
    """The phrase in `case`: its nominative words (the head noun and the adjectives agreeing with it)
    change, the rest ("Америки" in "Соединённые Штаты Америки") stays."""
    words = []
    for word in phrase.split(" "):
        # Words in the dictionary and adjectives decline; foreign names it does not know ("Кот-д'Ивуар")
        # do not.
        parses = [
            p
            for p in morph().parse(word)
            if (p.is_known or p.tag.POS == "ADJF") and p.tag.case == "nomn" and p.tag.POS in {"NOUN", "ADJF", "PRTF"}
        ]
        parses.sort(key=lambda p: p.normal_form != word.lower())  # the word as its own lemma first
        grammemes = {case, parses[0].tag.number or "sing"} if parses else set()
        if parses and case == "accs" and parses[0].tag.POS != "NOUN" and parses[0].tag.number == "plur":
            grammemes.add("inan")  # "Южные Сандвичевы Острова", not "Южных"
        form = parses[0].inflect(grammemes) if parses else None
        if form is None:
            words.append(word)
            continue
        inflected = form.word
        if word[:1].isupper():
            inflected = inflected[:1].upper() + inflected[1:]
        if word.isupper():
            inflected = word  # abbreviations (США, КНДР) do not decline
        words.append(inflected)
    return " ".join(words)


def countries() -> list[dict]:
    return yaml.safe_load((PACKAGE_CODEBOOKS / "actors" / "countries.yaml").read_text(encoding="utf-8"))


def forms() -> list[tuple[str, str, str]]:
    """(country code, what the form is, the form)."""
    found = []
    for country in countries():
        russian = country.get("ru") or {}
        name = russian["names"][0]
        for case in CASES:
            found.append((country["code"], f"name/{case}", inflect(name, case)))
        for adjective in (russian.get("adjectives") or [])[:1]:
            for case in CASES:
                # an adjective is a country only beside a noun: "малийскому народу"
                found.append((country["code"], f"adjective/{case}", inflect(f"{adjective} народ", case)))
    return found


@pytest.fixture(scope="module")
def resolved(codebook: Codebook, ru_analyzer: Analyzer) -> dict[str, set[str]]:
    """Every generated form → the country codes the coder finds in it (one analyser batch)."""
    all_forms = sorted({form for _, _, form in forms()})
    text = "\n".join(all_forms)
    index = codebook.languages["ru"]
    line_starts, position = [], 0
    for form in all_forms:
        line_starts.append(position)
        position += len(form) + 1
    found: dict[str, set[str]] = {form: set() for form in all_forms}
    import bisect

    for sentence in ru_analyzer.analyze(text):
        line = bisect.bisect_right(line_starts, sentence.start) - 1
        for mention in find_mentions(sentence, index):
            found[all_forms[line]].update(e.code for e in mention.entries if e.kind in {"country", "government"})
    return found


def test_every_country_in_every_case(resolved: dict[str, set[str]]) -> None:
    missing = [(code, what, form) for code, what, form in forms() if code not in resolved[form]]
    assert not missing, f"{len(missing)} forms do not resolve: {missing[:40]}"


def test_the_forms_really_differ() -> None:
    assert inflect("Российская Федерация", "ablt") == "Российской Федерацией"
    assert inflect("Соединённые Штаты Америки", "datv") == "Соединённым Штатам Америки"
    assert inflect("США", "gent") == "США"
    assert inflect("малийский народ", "datv") == "малийскому народу"
