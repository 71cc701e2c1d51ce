"""Event triggers: the codebook patterns that fire on a sentence's words.

Patterns are indexed by trigger lemma, so only the patterns of words that occur in a sentence are
tried. A pattern fires when all its `with` words occur among the trigger's dependents (two levels
down); among the patterns that fire on one word the most specific wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventcoder.analyzers.base import Sentence
from eventcoder.codebook import LanguageIndex, Pattern

NOUN_POS = frozenset({"NOUN", "PROPN"})
WITH_DEPTH = 2


@dataclass(frozen=True, slots=True)
class Trigger:
    """A pattern firing on token `token`; `consumed` are the tokens that satisfied its `with` words."""

    pattern: Pattern
    token: int
    consumed: frozenset[int]


def _dependents_within(sentence: Sentence, index: int, depth: int) -> list[int]:
    found: list[int] = []
    frontier = [index]
    for _ in range(depth):
        frontier = [child for parent in frontier for child in sentence.children[parent]]
        found.extend(frontier)
    return found


def _satisfies(pattern: Pattern, sentence: Sentence, dependents: list[int]) -> frozenset[int] | None:
    consumed: set[int] = set()
    for alternatives in pattern.required:
        match = next((i for i in dependents if sentence.tokens[i].lemma in alternatives), None)
        if match is None:
            return None
        consumed.add(match)
    return frozenset(consumed)


def find_triggers(sentence: Sentence, index: LanguageIndex) -> list[Trigger]:
    """The best-fitting pattern for every word that triggers one; words consumed by a more specific
    frame ("провести переговоры": переговоры) do not trigger again."""
    triggers: list[Trigger] = []
    for token in sentence.tokens:
        candidates = index.patterns.get(token.lemma)
        if not candidates:
            continue
        is_noun = token.pos in NOUN_POS
        dependents = _dependents_within(sentence, token.index, WITH_DEPTH)
        best: Trigger | None = None
        for pattern in candidates:
            if (pattern.trigger_kind == "noun") != is_noun:
                continue
            consumed = _satisfies(pattern, sentence, dependents)
            if consumed is None:
                continue
            if best is None or pattern.specificity > best.pattern.specificity:
                best = Trigger(pattern, token.index, consumed)
        if best is not None:
            triggers.append(best)
    consumed_tokens = {i for trigger in triggers for i in trigger.consumed}
    return [t for t in triggers if t.token not in consumed_tokens]
