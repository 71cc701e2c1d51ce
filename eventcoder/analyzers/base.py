"""The language-neutral contract between analyzers and the coder.

An analyzer turns a story's text into sentences of tokens carrying lemma, part of speech, morphology
and a dependency head. Everything downstream (actors, patterns, roles, dates) reads only these
dataclasses, so adding a language means adding an analyzer module and a codebook folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

NOUN_POS = frozenset({"NOUN", "PROPN"})

# Universal Dependencies relations through which a clause hangs off another one; a role search
# stops at them so that a subordinate clause's subject is never taken for the main verb's.
CLAUSE_RELATIONS = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "csubj", "parataxis", "xcomp"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark, with its analysis. `head` is the index of the governing token
    within the sentence, or -1 for a root."""

    index: int
    text: str
    lemma: str
    pos: str
    feats: dict[str, str]
    head: int
    dep: str
    start: int
    end: int

    @property
    def case(self) -> str | None:
        return self.feats.get("Case")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity found by the analyzer's NER: tokens `start`..`end` (exclusive), label PER, LOC
    or ORG."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its tokens; `start`/`end` are character offsets in the story text."""

    index: int
    text: str
    start: int
    end: int
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...] = ()
    children: tuple[tuple[int, ...], ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def build(
        cls, index: int, text: str, start: int, end: int, tokens: list[Token], entities: tuple[Entity, ...] = ()
    ) -> Sentence:
        """Create a sentence and index each token's children once, for fast tree walks."""
        children: list[list[int]] = [[] for _ in tokens]
        for token in tokens:
            if 0 <= token.head < len(tokens) and token.head != token.index:
                children[token.head].append(token.index)
        return cls(index, text, start, end, tuple(tokens), entities, tuple(tuple(c) for c in children))

    def children_of(self, index: int) -> tuple[Token, ...]:
        return tuple(self.tokens[i] for i in self.children[index])

    def subtree(self, index: int, *, stop_at_clauses: bool = False) -> list[Token]:
        """The token and everything it governs, in sentence order. Parsers can emit cycles, so each
        token is visited once."""
        seen = {index}
        stack = [index]
        while stack:
            current = stack.pop()
            for child in self.children[current]:
                if child in seen or (stop_at_clauses and self.tokens[child].dep in CLAUSE_RELATIONS):
                    continue
                seen.add(child)
                stack.append(child)
        return [self.tokens[i] for i in sorted(seen)]

    def lemmas(self) -> tuple[str, ...]:
        return tuple(token.lemma for token in self.tokens)


def normalize_lemma(word: str) -> str:
    """Lemmas compare lower-case with ё folded to е and typographic apostrophes made plain, as news
    writes both."""
    return word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def strip_edge_punctuation(words: tuple[str, ...]) -> tuple[str, ...]:
    """A phrase's words without punctuation at either end; inner marks ("Кот-д'Ивуар") stay, as they
    are tokens in running text too."""
    start, end = 0, len(words)
    while start < end and not any(c.isalnum() for c in words[start]):
        start += 1
    while end > start and not any(c.isalnum() for c in words[end - 1]):
        end -= 1
    return words[start:end]


class Analyzer(Protocol):
    """Turns text into analysed sentences. Implementations load their models once and are reused."""

    language: str

    def analyze(self, text: str) -> list[Sentence]:
        """Split `text` into paragraphs and sentences and analyse every sentence."""
        ...

    def lemmatize_phrase(self, phrase: str) -> tuple[str, ...]:
        """Lemmas of a codebook phrase, as the analyzer would produce them in running text."""
        ...
