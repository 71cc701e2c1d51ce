"""Loading, indexing and checking the codebooks (`codebooks/`).

Codebook content is data: CAMEO tables as TSV, actors and patterns as YAML. Every entry keeps the file
and line it came from, for `explain` and for error messages. Names are lemmatized once by the same
analyzer that reads the news and indexed by lemma sequence; patterns are indexed by trigger lemma, so
the cost per sentence does not grow with the codebook.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from eventcoder.analyzers.base import normalize_lemma, strip_edge_punctuation

PACKAGE_CODEBOOKS = Path(__file__).resolve().parent.parent / "codebooks"
MAX_CODEBOOK_BYTES = 20_000_000
MAX_YAML_DEPTH = 12

ActorKind = Literal["country", "government", "organisation", "person", "sector", "proxy", "party"]
SLOT_NAMES = frozenset({"subj", "obj", "dat", "gen", "adj", "ins"})
MIN_STEM = 3
MIN_SINGLE_WORD_STEM = 5  # "Мали" and "Малой" share a short stem; one-word names need a longer one
NAMED_KINDS = frozenset({"country", "government", "organisation", "person"})
# A CAMEO actor code: a three-letter country, IGO or sector code, then up to six three-letter parts
ACTOR_CODE_PATTERN = r"^[A-Z]{3}(?:[A-Z]{3}){0,6}$"


class CodebookError(Exception):
    """A codebook file cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a codebook entry was written."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class EventCode:
    code: str
    root: str
    level: int
    name: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    title: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    roles: tuple[Role, ...]
    default: str | None

    def code_on(self, day: dt.date | None, countries: frozenset[str]) -> str | None:
        """The CAMEO code of the role held on `day` (the latest role when the date is unknown).
        Outside every role: the `default` code, else the country's elite (`ELI`), as CAMEO codes
        former officials."""
        if day is None:
            return self.roles[-1].code if self.roles else self.default
        for role in self.roles:
            if role.held_on(day):
                return role.code
        if self.default:
            return self.default
        country = country_of(self.roles[-1].code, countries) if self.roles else None
        return country + "ELI" if country else None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One name in the actor codebooks, with what it stands for."""

    kind: ActorKind
    code: str  # country code, organisation code, sector code; "" for people and proxies
    phrase: str
    origin: Origin
    person: Person | None = None
    modifier: bool = False  # an adjective ("российский"): names a country only beside a noun

    @property
    def proper_name(self) -> bool:
        """A name written with every word capitalised ("Foreign Intelligence Service"): in lower case
        the same words are a description, not the name."""
        words = self.phrase.split()
        return self.kind in {"organisation", "person"} and len(words) > 1 and all(w[:1].isupper() for w in words)

    @property
    def abbreviation(self) -> bool:
        """An all-capitals name ("US", "UN", "ЕС") matches only in capitals: "us" is a pronoun."""
        letters = [c for c in self.phrase if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    trigger_kind: Literal["verb", "noun"]
    triggers: tuple[str, ...]
    required: tuple[frozenset[str], ...]
    source_slots: tuple[str, ...]
    target_slots: tuple[str, ...]
    symmetric: bool
    origin: Origin
    note: str = ""

    @property
    def specificity(self) -> int:
        return len(self.required)


@dataclass(frozen=True, slots=True)
class Grammar:
    """A language's function words that the coder's rules need (`codebooks/language/<lang>.yaml`)."""

    negations: frozenset[str] = frozenset()
    conditionals: frozenset[str] = frozenset()
    modal_verbs: frozenset[str] = frozenset()  # "встреча может пройти", "talks could resume": not yet events
    future_auxiliaries: frozenset[str] = frozenset()
    planning_words: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    impersonal_speaker_prepositions: frozenset[str] = frozenset()  # "В Кремле заявили": the Kremlin speaks
    not_new_determiners: frozenset[str] = frozenset()  # "any invasion", "эту агрессию": no new event
    document_nouns: frozenset[str] = frozenset()  # "подписал указ о признании …": the act is the signer's
    response_words: frozenset[str] = frozenset()  # "ответить на высылку": the act answered is another's
    pair_words: frozenset[str] = frozenset()  # "the two armies", "обе стороны": the two parties just named
    purpose_prepositions: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    near_prepositions: frozenset[str] = frozenset()  # "под Бахмутом", "near Kabul", "в провинции Идлиб"
    place_titles: frozenset[str] = frozenset()  # "в городе Газа", "the city of Kramatorsk": the name is the place
    genitive_prepositions: frozenset[str] = frozenset()  # English "of": "the visit of Putin"
    case_endings: tuple[str, ...] = ()

    def stem(self, word: str) -> str:
        """The word without its case ending, when at least three letters remain."""
        lowered = normalize_lemma(word)
        for ending in self.case_endings:
            if lowered.endswith(ending) and len(lowered) - len(ending) >= MIN_STEM:
                return lowered[: -len(ending)]
        return lowered


@dataclass(slots=True)
class LanguageIndex:
    """Per-language lookups: actor names by lemma sequence, patterns by trigger lemma, grammar words."""

    actors: dict[tuple[str, ...], list[ActorEntry]] = field(default_factory=dict)
    stemmed_names: dict[tuple[str, ...], list[ActorEntry]] = field(default_factory=dict)
    longest_name: int = 1
    patterns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    grammar: Grammar = field(default_factory=Grammar)
    # Trigger words that any pattern marks as a joint act ("договориться"): more specific patterns on
    # the same word are joint acts too.
    symmetric_triggers: set[tuple[str, str]] = field(default_factory=set)


@dataclass(slots=True)
class Codebook:
    events: dict[str, EventCode]
    sectors: dict[str, str]
    countries: frozenset[str]
    languages: dict[str, LanguageIndex]
    content_hash: str
    root: Path
    # CAMEO code prefix → the code of refusing that act (`cameo/refusals.yaml`)
    refusals: dict[str, str] = field(default_factory=dict)

    def event(self, code: str) -> EventCode | None:
        return self.events.get(code)


def country_of(actor_code: str, countries: frozenset[str]) -> str | None:
    """The country code at the start of a CAMEO actor code, if any (`RUSGOV` → RUS, `IGOUNO` → None)."""
    prefix = actor_code[:3]
    return prefix if prefix in countries else None


# --- reading files -------------------------------------------------------------------------------


# libyaml's parser when PyYAML has it (it does in the PyPI wheels): the pure-Python one takes seconds
# on the codebooks.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[misc]
    """Safe YAML loader that records each mapping's line as `__line__` (1-based)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = _SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _depth(node: yaml.Node, limit: int) -> int:
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    deepest = 0
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if level > limit:
            return level
        if isinstance(current, yaml.SequenceNode):
            stack.extend((child, level + 1) for child in current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend((value, level + 1) for _, value in current.value)
    return deepest


def read_yaml(path: Path, display: str) -> Any:
    """Parse a codebook YAML file safely, refusing huge or deeply nested files with a clear message."""
    size = path.stat().st_size
    if size > MAX_CODEBOOK_BYTES:
        raise CodebookError(f"{display}: {size} bytes is more than the {MAX_CODEBOOK_BYTES} a codebook may hold")
    text = path.read_text(encoding="utf-8")
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _depth(node, MAX_YAML_DEPTH) > MAX_YAML_DEPTH:
            raise CodebookError(f"{display}: nested deeper than {MAX_YAML_DEPTH} levels")
        return loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise CodebookError(f"{display}{line}: not valid YAML ({problem})") from None
    finally:
        loader.dispose()


def _reject_unknown_keys(item: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    """A misspelt key ("targets", "with_") would otherwise be ignored without a word."""
    unknown = sorted(str(key) for key in item if key not in allowed and key != "__line__")
    if unknown:
        raise CodebookError(
            f"{where}: unknown key {', '.join(map(repr, unknown))} (allowed: {', '.join(sorted(allowed))})"
        )


PATTERN_KEYS = frozenset({"code", "verb", "noun", "with", "source", "target", "symmetric", "note"})
COUNTRY_KEYS = frozenset({"code", "ru", "en", "note"})
NAME_LIST_KEYS = frozenset({"names", "adjectives", "demonyms", "capitals", "seats"})
ORGANISATION_KEYS = frozenset({"code", "ru", "en", "note"})
PERSON_KEYS = frozenset({"name", "ru", "en", "roles", "default", "note"})
ROLE_KEYS = frozenset({"code", "title", "start", "end", "note"})


def read_language_file(folder: str, language: str, root: Path = PACKAGE_CODEBOOKS) -> tuple[dict[str, Any], str] | None:
    """A language's file in a codebook folder (`dates/ru.yaml`) and the name to report it by, or None
    when the language has none."""
    path = root / folder / f"{language}.yaml"
    if not path.is_file():
        return None
    display = f"codebooks/{folder}/{language}.yaml"
    data = read_yaml(path, display) or {}
    if not isinstance(data, dict):
        raise CodebookError(f"{display}: expected a mapping at the top level")
    return data, display


def word_numbers(mapping: Any) -> dict[str, int]:
    """A codebook table of words to numbers, keys compared lower-case with ё as е."""
    return {
        " ".join(str(k).lower().replace("ё", "е").split()): int(v)
        for k, v in (mapping or {}).items()
        if k != "__line__"
    }


def alternation(words: Any) -> str:
    """A regular-expression alternation of words, longest first; matches nothing when empty."""
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if item is not None]
    return [str(value)]


def _parse_date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CodebookError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def codebook_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in {".yaml", ".yml", ".tsv"} and p.is_file())


def hash_codebooks(root: Path) -> str:
    digest = hashlib.sha256()
    for path in codebook_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_event_codes(path: Path, display: str) -> dict[str, EventCode]:
    events: dict[str, EventCode] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line_number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            try:
                code = row["code"].strip()
                events[code] = EventCode(
                    code=code,
                    root=row["root"].strip(),
                    level=int(row["level"]),
                    name=row["name"].strip(),
                    goldstein=float(row["goldstein"]),
                    quad_class=int(row["quad_class"]),
                )
            except (KeyError, ValueError, AttributeError) as error:
                raise CodebookError(f"{display}:{line_number}: bad CAMEO row ({error})") from None
    return events


# --- raw entries (before lemmatization) ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _RawName:
    language: str
    phrase: str
    entry: ActorEntry


COUNTRY_FIELDS: dict[str, tuple[ActorKind, bool]] = {
    "names": ("country", False),
    "demonyms": ("country", False),
    "adjectives": ("country", True),
    "capitals": ("government", False),
    "seats": ("government", False),
}


def _entries(data: Any, display: str, expected: type) -> Iterator[Any]:
    if data is None:
        return
    if not isinstance(data, expected):
        raise CodebookError(f"{display}: expected a {expected.__name__} at the top level")
    yield from data if isinstance(data, list) else [data]


def _country_names(data: Any, display: str) -> Iterator[_RawName]:
    for item in _entries(data, display, list):
        line = item.get("__line__", 0) if isinstance(item, dict) else 0
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise CodebookError(f"{display}:{line}: a country needs a `code`")
        code = item["code"]
        _reject_unknown_keys(item, COUNTRY_KEYS, f"{display}:{line}")
        for language in ("ru", "en"):
            names = item.get(language) or {}
            if not isinstance(names, dict):
                raise CodebookError(f"{display}:{line}: `{language}` must map names, adjectives, … to lists")
            _reject_unknown_keys(names, NAME_LIST_KEYS, f"{display}:{line}")
            for field_name, (kind, modifier) in COUNTRY_FIELDS.items():
                for phrase in _as_list(names.get(field_name)):
                    entry = ActorEntry(kind, code, phrase, Origin(display, line), modifier=modifier)
                    yield _RawName(language, phrase, entry)


def _organisation_names(data: Any, display: str) -> Iterator[_RawName]:
    for item in _entries(data, display, list):
        line = item.get("__line__", 0) if isinstance(item, dict) else 0
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise CodebookError(f"{display}:{line}: an organisation needs a `code`")
        _reject_unknown_keys(item, ORGANISATION_KEYS, f"{display}:{line}")
        for language in ("ru", "en"):
            for phrase in _as_list(item.get(language)):
                yield _RawName(
                    language, phrase, ActorEntry("organisation", item["code"], phrase, Origin(display, line))
                )


def _sector_names(data: Any, display: str) -> Iterator[_RawName]:
    if not isinstance(data, dict):
        raise CodebookError(f"{display}: expected `sectors:` and `proxies:` mappings")
    line = int(data.get("__line__", 1))
    for sector, by_language in (data.get("sectors") or {}).items():
        if sector == "__line__":
            continue
        sector_line = int(by_language.get("__line__", line)) if isinstance(by_language, dict) else line
        for language in ("ru", "en"):
            for phrase in _as_list((by_language or {}).get(language)):
                yield _RawName(language, phrase, ActorEntry("sector", sector, phrase, Origin(display, sector_line)))
    groups: tuple[tuple[str, ActorKind], ...] = (("proxies", "proxy"), ("parties", "party"))
    for key, kind in groups:
        group = data.get(key) or {}
        origin = Origin(display, int(group.get("__line__", line)))
        for language in ("ru", "en"):
            for phrase in _as_list(group.get(language)):
                yield _RawName(language, phrase, ActorEntry(kind, "", phrase, origin))


def _people(data: Any, display: str) -> Iterator[_RawName]:
    for item in _entries(data, display, list):
        line = item.get("__line__", 0) if isinstance(item, dict) else 0
        where = f"{display}:{line}"
        if not isinstance(item, dict) or not item.get("name"):
            raise CodebookError(f"{where}: a person needs a `name`")
        _reject_unknown_keys(item, PERSON_KEYS, where)
        roles = []
        for role in item.get("roles") or []:
            role_where = f"{display}:{role.get('__line__', line)}" if isinstance(role, dict) else where
            if not isinstance(role, dict) or not isinstance(role.get("code"), str):
                raise CodebookError(f"{role_where}: a role needs a `code`")
            _reject_unknown_keys(role, ROLE_KEYS, role_where)
            roles.append(
                Role(
                    code=role["code"],
                    title=str(role.get("title") or ""),
                    start=_parse_date(role.get("start"), role_where),
                    end=_parse_date(role.get("end"), role_where),
                )
            )
        person = Person(str(item["name"]), tuple(roles), item.get("default"))
        for language in ("ru", "en"):
            for phrase in _as_list(item.get(language)):
                yield _RawName(
                    language,
                    phrase,
                    ActorEntry("person", "", phrase, Origin(where.rsplit(":", 1)[0], line), person=person),
                )


def _patterns(data: Any, display: str, language: str) -> Iterator[Pattern]:
    for item in _entries(data, display, list):
        line = item.get("__line__", 0) if isinstance(item, dict) else 0
        where = f"{display}:{line}"
        if not isinstance(item, dict):
            raise CodebookError(f"{where}: a pattern must be a mapping")
        _reject_unknown_keys(item, PATTERN_KEYS, where)
        code = item.get("code")
        if not isinstance(code, str):
            raise CodebookError(f'{where}: `code` must be a quoted string such as "051", got {code!r}')
        kinds = [kind for kind in ("verb", "noun") if item.get(kind)]
        if len(kinds) != 1:
            raise CodebookError(f"{where}: a pattern needs exactly one of `verb` or `noun`")
        kind = kinds[0]
        default_target = ("obj", "dat") if kind == "verb" else ("с",)
        yield Pattern(
            code=code,
            trigger_kind=kind,  # type: ignore[arg-type]
            triggers=tuple(normalize_lemma(t) for t in _as_list(item[kind])),
            required=tuple(
                frozenset(normalize_lemma(w) for w in group.split("|") if w) for group in _as_list(item.get("with"))
            ),
            source_slots=_source_slots(kind, tuple(normalize_lemma(s) for s in _as_list(item.get("source")))),
            target_slots=tuple(normalize_lemma(s) for s in _as_list(item.get("target"))) or default_target,
            symmetric=bool(item.get("symmetric", False)),
            origin=Origin(display, line),
            note=str(item.get("note") or ""),
        )


def _source_slots(kind: str, given: tuple[str, ...]) -> tuple[str, ...]:
    """A verb's source is its subject by default. An event noun's is its genitive or adjective, and
    when it has neither it borrows the subject of the verb it is an argument of ("Турция выразила
    готовность …"), whatever slots the pattern lists."""
    if kind == "verb":
        return given or ("subj",)
    slots = given or ("gen", "adj")
    return slots if "subj" in slots else (*slots, "subj")


# --- building the indexes ------------------------------------------------------------------------

Lemmatizer = Callable[[list[str]], list[tuple[str, ...]]]


def cache_dir() -> Path:
    base = os.environ.get("EVENTCODER_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventcoder"


def _lemmatize_cached(language: str, phrases: list[str], lemmatizer: Lemmatizer) -> dict[str, tuple[str, ...]]:
    """Lemmatize codebook phrases, keeping the results on disk per phrase: the analyzer is
    deterministic, so a codebook edit only costs the phrases it adds, and a worker start-up none."""
    from eventcoder.analyzers import analyzer_version

    cache_path = cache_dir() / f"lemmas-{language}-{analyzer_version(language)}.json"
    known: dict[str, tuple[str, ...]] = {}
    try:
        cached = json.loads(cache_path.read_text(encoding="utf-8"))
        if isinstance(cached, dict):
            known = {phrase: tuple(lemmas) for phrase, lemmas in cached.items() if isinstance(lemmas, list)}
    except (OSError, ValueError):
        pass
    missing = sorted(set(phrases) - known.keys())
    if missing:
        known.update(zip(missing, lemmatizer(missing), strict=True))
        try:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            temporary = cache_path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, cache_path)
        except OSError:
            pass  # a read-only home only costs speed
    return known


def surface_key(phrase: str) -> tuple[str, ...]:
    """A phrase's words as written, lower-cased: matches abbreviations and names the lemmatizer
    would mangle."""
    from razdel import tokenize

    return strip_edge_punctuation(tuple(normalize_lemma(t.text) for t in tokenize(phrase)))


def load_codebook(root: Path | None = None, lemmatizers: dict[str, Lemmatizer] | None = None) -> Codebook:
    """Read every codebook file under `root` (default: the shipped codebooks) and index it.

    `lemmatizers` maps a language to a function that lemmatizes a batch of phrases; by default the
    language's analyzer is used.
    """
    root = (root or PACKAGE_CODEBOOKS).resolve()
    if not root.is_dir():
        raise CodebookError(f"{root}: no codebook folder there")

    def display(path: Path) -> str:
        return path.relative_to(root.parent).as_posix()

    events_path = root / "cameo" / "events.tsv"
    if not events_path.is_file():
        raise CodebookError(f"{display(events_path)}: the CAMEO event table is missing")
    events = load_event_codes(events_path, display(events_path))
    sectors: dict[str, str] = {}
    sectors_path = root / "cameo" / "sectors.tsv"
    if sectors_path.is_file():
        with sectors_path.open(encoding="utf-8", newline="") as handle:
            sectors = {row["code"]: row["label"] for row in csv.DictReader(handle, delimiter="\t")}

    names: list[_RawName] = []
    readers: dict[str, Callable[[Any, str], Iterable[_RawName]]] = {
        "countries.yaml": _country_names,
        "organisations.yaml": _organisation_names,
        "sectors.yaml": _sector_names,
        "people.yaml": _people,
    }
    countries: set[str] = set()
    for file_name, reader in readers.items():
        path = root / "actors" / file_name
        if path.is_file():
            data = read_yaml(path, display(path))
            found = list(reader(data, display(path)))
            names.extend(found)
            if file_name == "countries.yaml":
                countries.update(raw.entry.code for raw in found)

    languages: dict[str, LanguageIndex] = {}
    patterns_root = root / "patterns"
    for language_dir in sorted(p for p in patterns_root.iterdir() if p.is_dir()) if patterns_root.is_dir() else []:
        index = languages.setdefault(language_dir.name, LanguageIndex())
        for path in sorted(language_dir.glob("*.y*ml")):
            for pattern in _patterns(read_yaml(path, display(path)), display(path), language_dir.name):
                for trigger in pattern.triggers:
                    index.patterns[trigger].append(pattern)
                    if pattern.symmetric:
                        index.symmetric_triggers.add((pattern.trigger_kind, trigger))

    for path in sorted((root / "language").glob("*.y*ml")) if (root / "language").is_dir() else []:
        data = read_yaml(path, display(path)) or {}
        if not isinstance(data, dict):
            raise CodebookError(f"{display(path)}: expected a mapping of word lists")
        _reject_unknown_keys(data, frozenset(Grammar.__dataclass_fields__), display(path))
        words: dict[str, Any] = {
            name: frozenset(normalize_lemma(w) for w in _as_list(data.get(name)))
            for name in Grammar.__dataclass_fields__
        }
        words["case_endings"] = tuple(sorted(_as_list(data.get("case_endings")), key=len, reverse=True))
        languages.setdefault(path.stem, LanguageIndex()).grammar = Grammar(**words)

    content_hash = hash_codebooks(root)
    by_language: dict[str, list[_RawName]] = defaultdict(list)
    for raw in names:
        by_language[raw.language].append(raw)
    for language, raws in by_language.items():
        index = languages.setdefault(language, LanguageIndex())
        lemmatizer = (lemmatizers or {}).get(language) or _default_lemmatizer(language)
        lemmas = _lemmatize_cached(language, [raw.phrase for raw in raws], lemmatizer) if lemmatizer else {}
        for raw in raws:
            keys = {surface_key(raw.phrase)}
            if lemmas.get(raw.phrase):
                keys.add(tuple(normalize_lemma(lemma) for lemma in lemmas[raw.phrase]))
            for key in keys:
                if key:
                    index.actors.setdefault(key, []).append(raw.entry)
                    index.longest_name = max(index.longest_name, len(key))
            if raw.entry.kind in NAMED_KINDS and index.grammar.case_endings:
                stems = tuple(index.grammar.stem(word) for word in surface_key(raw.phrase))
                if len(stems) > 1 or (stems and len(stems[0]) >= MIN_SINGLE_WORD_STEM):
                    index.stemmed_names.setdefault(stems, []).append(raw.entry)
    refusals = _refusals(root / "cameo" / "refusals.yaml", display, events)
    return Codebook(events, sectors, frozenset(countries), languages, content_hash, root, refusals)


def _refusals(path: Path, display: Callable[[Path], str], events: dict[str, EventCode]) -> dict[str, str]:
    if not path.is_file():
        return {}
    data = read_yaml(path, display(path)) or {}
    if not isinstance(data, dict):
        raise CodebookError(f"{display(path)}: expected a mapping of CAMEO code prefixes to refusal codes")
    refusals = {str(prefix): str(code) for prefix, code in data.items() if prefix != "__line__"}
    for prefix, code in refusals.items():
        if code not in events:
            raise CodebookError(f"{display(path)}: {prefix}: {code} is not a CAMEO event code")
    return refusals


def _default_lemmatizer(language: str) -> Lemmatizer | None:
    """The language analyzer's batch lemmatizer, loading the models only if a phrase is not cached."""
    from eventcoder.analyzers import SUPPORTED_LANGUAGES, analyzer_for

    if language not in SUPPORTED_LANGUAGES:
        return None

    def lemmatize(phrases: list[str]) -> list[tuple[str, ...]]:
        analyzer = analyzer_for(language)
        batch = getattr(analyzer, "lemmatize_phrases", None)
        if batch is not None:
            return batch(phrases)  # type: ignore[no-any-return]
        return [analyzer.lemmatize_phrase(p) for p in phrases]

    return lemmatize


@cache
def default_codebook() -> Codebook:
    """The shipped codebooks, loaded once per process."""
    return load_codebook()
