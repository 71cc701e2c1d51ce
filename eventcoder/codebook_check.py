"""`eventcoder codebook check`: the codebooks are consistent, with file and line in every message.

Loading already refuses what cannot be read (bad YAML, missing fields, bad dates, unknown keys); this
module then looks across entries: every code exists, no entry is listed twice, no name or pattern
says two different things, every slot is one the coder knows, and role dates are in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventcoder.codebook import ACTOR_CODE_PATTERN, NAMED_KINDS, SLOT_NAMES, ActorEntry, Codebook, Pattern

ACTOR_CODE = re.compile(ACTOR_CODE_PATTERN)
PREPOSITION_SLOT = re.compile(r"^[a-zа-яё]+$")


@dataclass(frozen=True, slots=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def check_codebook(codebook: Codebook) -> list[Problem]:
    """Every problem found, sorted by file and line."""
    problems: list[Problem] = []
    for language, index in sorted(codebook.languages.items()):
        patterns = {id(p): p for candidates in index.patterns.values() for p in candidates}.values()
        problems += _check_patterns(codebook, language, list(patterns))
        problems += _check_names(codebook, language, index.actors)
    problems += _check_people(codebook)
    return sorted(set(problems), key=lambda p: (_file(p.where), _line(p.where), p.message))


def _file(where: str) -> str:
    return where.rsplit(":", 1)[0]


def _line(where: str) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _check_patterns(codebook: Codebook, language: str, patterns: list[Pattern]) -> list[Problem]:
    problems = []
    seen: dict[tuple[object, ...], Pattern] = {}
    for pattern in sorted(patterns, key=lambda p: (p.origin.path, p.origin.line)):
        where = str(pattern.origin)
        if pattern.code not in codebook.events:
            problems.append(Problem(where, f"CAMEO code {pattern.code!r} is not in cameo/events.tsv"))
        for slot in pattern.source_slots + pattern.target_slots:
            if slot not in SLOT_NAMES and not PREPOSITION_SLOT.match(slot):
                problems.append(Problem(where, f"slot {slot!r} is neither {sorted(SLOT_NAMES)} nor a preposition"))
        for trigger in pattern.triggers:
            frame = (pattern.trigger_kind, trigger, frozenset(pattern.required))
            earlier = seen.get(frame)
            if earlier is None:
                seen[frame] = pattern
            elif earlier.code == pattern.code:
                problems.append(
                    Problem(
                        where,
                        f"{pattern.trigger_kind} {trigger!r} with the same words is already "
                        f"coded {pattern.code} at {earlier.origin}",
                    )
                )
            else:
                problems.append(
                    Problem(
                        where,
                        f"{pattern.trigger_kind} {trigger!r} with the same words is coded "
                        f"{earlier.code} at {earlier.origin}; which one applies is undecided",
                    )
                )
    return problems


def _check_names(codebook: Codebook, language: str, actors: dict[tuple[str, ...], list[ActorEntry]]) -> list[Problem]:
    problems = []
    for key, entries in actors.items():
        for entry in entries:
            if entry.kind in {"country", "government", "organisation"} and not ACTOR_CODE.match(entry.code):
                problems.append(Problem(str(entry.origin), f"{entry.code!r} is not a CAMEO actor code"))
            if entry.kind == "sector" and entry.code not in codebook.sectors:
                problems.append(Problem(str(entry.origin), f"sector {entry.code!r} is not in cameo/sectors.tsv"))
        # One name may be a country and a sector word, but not two countries or two sectors.
        first_meaning: dict[str, tuple[str, ActorEntry]] = {}
        for entry in entries:
            identity = entry.person.name if entry.person else entry.code
            role = "named" if entry.kind in NAMED_KINDS else str(entry.kind)
            if role not in first_meaning:
                first_meaning[role] = (identity, entry)
                continue
            first, first_entry = first_meaning[role]
            if identity != first:
                name = " ".join(key)
                problems.append(
                    Problem(
                        str(entry.origin),
                        f"{language} name {name!r} means {identity} here but {first} at {first_entry.origin}",
                    )
                )
    return problems


def _check_people(codebook: Codebook) -> list[Problem]:
    problems = []
    people = {
        id(entry.person): entry
        for index in codebook.languages.values()
        for entries in index.actors.values()
        for entry in entries
        if entry.person is not None
    }
    for entry in people.values():
        person = entry.person
        assert person is not None
        previous_start = None
        for role in person.roles:
            if not ACTOR_CODE.match(role.code):
                problems.append(
                    Problem(str(entry.origin), f"{person.name}: role code {role.code!r} is not a CAMEO actor code")
                )
            if role.start and role.end and role.start > role.end:
                problems.append(
                    Problem(
                        str(entry.origin),
                        f"{person.name}: role {role.title or role.code} ends "
                        f"({role.end}) before it starts ({role.start})",
                    )
                )
            if previous_start and role.start and role.start < previous_start:
                problems.append(
                    Problem(
                        str(entry.origin),
                        f"{person.name}: roles are not in date order ({role.title or role.code} starts {role.start})",
                    )
                )
            previous_start = role.start or previous_start
    return problems
