"""Event triggers: the codebook patterns that fire on a sentence's words.

Patterns are indexed by trigger lemma, so only the patterns of words that occur in a sentence are
tried. A pattern fires when all its `with` words occur among the trigger's dependents (two levels
down); among the patterns that fire on one word the most specific wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventcoder.analyzers.base import NOUN_POS, Sentence, Token
from eventcoder.codebook import LanguageIndex, Pattern

WITH_DEPTH = 2


@dataclass(frozen=True, slots=True)
class Trigger:
    """A pattern firing on token `token`; `consumed` are the tokens that satisfied its `with` words."""

    pattern: Pattern
    token: int
    consumed: frozenset[int]


def _is_quantity(sentence: Sentence, index: int) -> bool:
    """A number or a counted measure word ("$85 million in aid", "50 тонн помощи")."""
    token = sentence.tokens[index]
    if token.pos == "NUM":
        return True
    return token.pos == "NOUN" and any(sentence.tokens[c].dep == "nummod" for c in sentence.children[index])


def _dependents_within(sentence: Sentence, index: int, depth: int) -> list[int]:
    """Words up to `depth` levels below the trigger, not through a coordinated word: in "released five
    Iranians and unfroze $6 billion" the billions belong to "unfroze", not to "released". A quantity
    does not count as a level: "provided $85 million in humanitarian aid" provides aid."""

    def below(parent: int) -> list[int]:
        return [child for child in sentence.children[parent] if sentence.tokens[child].dep != "conj"]

    found: list[int] = []
    frontier = [index]
    for _ in range(depth):
        level = [child for parent in frontier for child in below(parent)]
        quantified = [grandchild for child in level if _is_quantity(sentence, child) for grandchild in below(child)]
        frontier = level + quantified
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


def _code_detail(code: str) -> int:
    """How far down the CAMEO tree a code sits: "070" (aid, not specified) 2, "073" 3, "0333" 4."""
    return len(code) - 1 if code.endswith("0") else len(code)


def _rank(pattern: Pattern) -> tuple[int, int]:
    """Among patterns firing on one word: more required words first, then the more detailed code
    ("направил гуманитарную помощь" is humanitarian aid, 073, not aid in general, 070)."""
    return pattern.specificity, _code_detail(pattern.code)


def _refines(nested: Pattern, frame: Pattern) -> bool:
    """Whether a word's own pattern is more telling than the frame that contains it: more specific, or
    a specific code under the same root where the frame has only the root's "not specified" code."""
    if nested.specificity > frame.specificity:
        return True
    unspecified = frame.code.endswith("0") and not nested.code.endswith("0")
    return nested.code[:2] == frame.code[:2] and unspecified and nested.specificity >= frame.specificity


PLAIN_STATEMENT = "010"
NOMINAL_RELATIONS = frozenset({"nsubj", "nsubj:pass", "obj", "obl", "nmod"})


def _is_nominal_gerund(sentence: Sentence, token: Token) -> bool:
    """ "Fighting between the army and the RSF killed 56": a gerund standing as a noun, with no
    subject of its own, is matched by noun patterns too."""
    return (
        token.pos == "VERB"
        and token.feats.get("Aspect") == "Prog"
        and token.dep in NOMINAL_RELATIONS
        and not any(c.dep.startswith("nsubj") for c in sentence.children_of(token.index))
    )


def find_triggers(sentence: Sentence, index: LanguageIndex) -> list[Trigger]:
    """The best-fitting pattern for every word that triggers one; words consumed by a more specific
    frame ("провести переговоры": переговоры) do not trigger again."""
    triggers: list[Trigger] = []
    for token in sentence.tokens:
        candidates = index.patterns.get(token.lemma)
        if not candidates:
            continue
        # a gerund standing as a noun is read as the noun first ("fighting between X and Y")
        kinds = (
            ("noun",)
            if token.pos in NOUN_POS
            else ("noun", "verb")
            if _is_nominal_gerund(sentence, token)
            else ("verb",)
        )
        dependents = _dependents_within(sentence, token.index, WITH_DEPTH)
        best: Trigger | None = None
        for kind in kinds:
            for pattern in candidates:
                if pattern.trigger_kind != kind:
                    continue
                consumed = _satisfies(pattern, sentence, dependents)
                if consumed is None:
                    continue
                if best is None or _rank(pattern) > _rank(best.pattern):
                    best = Trigger(pattern, token.index, consumed)
            if best is not None:
                break
        if best is not None:
            triggers.append(best)
    # A frame's words do not trigger again ("провести переговоры": переговоры, "пригрозил ответным
    # ударом": удар), unless the word says more than the frame: then the word carries the event
    # ("выразил готовность провести переговоры" is intent to negotiate, not intent in general).
    by_token = {t.token: t for t in triggers}
    kept_frames = [
        trigger
        for trigger in triggers
        if not any(_refines(by_token[i].pattern, trigger.pattern) for i in trigger.consumed if i in by_token)
    ]
    consumed_tokens = {i for trigger in kept_frames for i in trigger.consumed}
    kept = [t for t in kept_frames if t.token not in consumed_tokens]
    # An infinitive under another trigger is that event's content, not an event of its own: "призвал
    # прекратить огонь", "отказался подписывать", "пригрозил ввести санкции".
    # A plain statement does not swallow its content: "объявил о решении передать Украине танки" is
    # coded as the transfer (the coder codes what was said); "declined to comment" stays 011.
    fired = {t.token for t in kept if t.pattern.code != PLAIN_STATEMENT}
    return [t for t in kept if not _content_of(sentence, t.token, fired)]


def _content_of(sentence: Sentence, index: int, fired: set[int]) -> bool:
    """An infinitive under a trigger ("призвал прекратить огонь"), or an event noun that such an
    infinitive governs ("urged China to stop its drills")."""
    token = sentence.tokens[index]
    if token.pos in NOUN_POS and token.head >= 0:
        verb = sentence.tokens[token.head]
        if (
            token.dep in {"obj", "obl", "nsubj:pass"}
            and verb.feats.get("VerbForm") == "Inf"
            and verb.index not in fired
        ):
            return _content_of(sentence, verb.index, fired)
        return False
    if token.feats.get("VerbForm") != "Inf" or token.dep == "ccomp":
        return False  # "said it would not negotiate": a clause of its own, not the statement's content
    head = token.head
    for _ in range(3):  # through conjoined infinitives: "прекратить огонь и вывести войска"
        if head < 0:
            return False
        if head in fired:
            return True
        parent = sentence.tokens[head]
        if parent.feats.get("VerbForm") != "Inf" and parent.pos not in NOUN_POS:
            return False
        head = parent.head
    return False
