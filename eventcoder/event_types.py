"""ACLED event types and sub-types, and PLOVER event types, for coded events, from the mapping table
in `codebooks/event_types.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from eventcoder.codebook import PACKAGE_CODEBOOKS, CodebookError, read_yaml

ACLED_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
VIOLENT_CODES = frozenset({"145", "175"})


@dataclass(frozen=True, slots=True)
class EventTypes:
    acled_rules: tuple[dict[str, Any], ...]
    plover_roots: dict[str, str]
    plover_codes: dict[str, str]
    # sectors that suffer violence rather than deal it: "бомбардировка школы" names the victim
    noncombatant_sectors: frozenset[str] = frozenset()


@cache
def event_types(root: Path = PACKAGE_CODEBOOKS) -> EventTypes:
    display = "codebooks/event_types.yaml"
    data = read_yaml(root / "event_types.yaml", display) or {}
    rules = []
    for rule in data.get("acled") or []:
        acled = rule.get("acled") or []
        if len(acled) != 2 or acled[0] not in ACLED_TYPES:
            raise CodebookError(
                f"{display}:{rule.get('__line__', 0)}: `acled` must be [one of {ACLED_TYPES}, sub-type]"
            )
        rules.append(rule)
    plover = {str(k): str(v) for k, v in (data.get("plover") or {}).items() if k != "__line__"}
    codes = {str(k): str(v) for k, v in (data.get("plover_codes") or {}).items() if k != "__line__"}
    unknown = sorted((set(plover.values()) | set(codes.values())) - set(PLOVER_TYPES))
    if unknown:
        raise CodebookError(f"{display}: {unknown} are not PLOVER event types")
    noncombatants = frozenset(str(code) for code in data.get("noncombatant_sectors") or [])
    return EventTypes(tuple(rules), plover, codes, noncombatants)


def is_noncombatant(agent: str | None) -> bool:
    return agent is not None and agent in event_types().noncombatant_sectors


def is_violent(code: str) -> bool:
    return code[:2] in VIOLENT_ROOTS or code[:3] in VIOLENT_CODES


def classify(
    code: str, source_agent: str | None, target_agent: str | None
) -> tuple[str | None, str | None, str | None]:
    """(ACLED event type, ACLED sub-event type, PLOVER type) of a CAMEO code and the actors' sectors."""
    table = event_types()
    acled: tuple[str | None, str | None] = (None, None)
    for rule in table.acled_rules:
        if not any(code.startswith(str(prefix)) for prefix in rule.get("cameo") or []):
            continue
        if rule.get("target_agent") and target_agent not in rule["target_agent"]:
            continue
        if rule.get("source_agent") and source_agent not in rule["source_agent"]:
            continue
        acled = (rule["acled"][0], rule["acled"][1])
        break
    plover = table.plover_codes.get(code) or table.plover_codes.get(code[:3]) or table.plover_roots.get(code[:2])
    return acled[0], acled[1], plover
