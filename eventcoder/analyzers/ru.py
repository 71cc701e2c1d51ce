"""Russian analysis with natasha: razdel segmentation, slovnet morphology, syntax and NER, pymorphy lemmas.

Why our own token dataclasses rather than spaCy `Doc`s and spaCy's matchers: the coder looks words up
by lemma in hash indexes (actor phrases by lemma sequence, patterns by trigger lemma) and then checks a
pattern's few conditions on the trigger's dependents. That is what pitfalls measured as the fast way
(codebook size does not drive per-sentence cost), it keeps every codebook entry traceable to its file
and line, and it spares the Russian path a spaCy dependency. The English analyzer produces the same
`Sentence` objects, so the coder is shared.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterator

from eventcoder.analyzers.base import Entity, Sentence, Token, normalize_lemma, strip_edge_punctuation

# Sentences longer than this are cut into pieces so a run-on "sentence" (no punctuation, thousands of
# words) keeps the parser's time and memory bounded.
MAX_TOKENS_PER_SENTENCE = 120
_LINE_BREAK = re.compile(r"[^\S\n]*\n\s*")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Paragraphs (here: non-empty lines) with their offsets. natasha's segmenter does not split a
    headline or dateline without a final period from the next line, so lines are split first."""
    position = 0
    for match in _LINE_BREAK.finditer(text + "\n"):
        line = text[position : match.start()]
        if line.strip():
            yield position, line
        position = match.end()


class RussianAnalyzer:
    """natasha's news models, loaded once per process."""

    language = "ru"

    def __init__(self) -> None:
        for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(variable, "1")
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser
        from razdel import sentenize, tokenize

        embedding = NewsEmbedding()
        self._morph_tagger = NewsMorphTagger(embedding)
        self._syntax_parser = NewsSyntaxParser(embedding)
        self._ner_tagger = NewsNERTagger(embedding)
        self._vocab = MorphVocab()
        self._sentenize = sentenize
        self._tokenize = tokenize

    def _segment(self, text: str) -> list[tuple[int, str, list[tuple[int, int, str]]]]:
        """(offset, sentence text, tokens with absolute offsets), paragraphs first, long ones cut."""
        pieces: list[tuple[int, str, list[tuple[int, int, str]]]] = []
        for paragraph_start, paragraph in paragraphs(text):
            for sentence in self._sentenize(paragraph):
                sentence_start = paragraph_start + sentence.start
                words = [
                    (sentence_start + w.start, sentence_start + w.stop, w.text) for w in self._tokenize(sentence.text)
                ]
                for first in range(0, len(words), MAX_TOKENS_PER_SENTENCE):
                    chunk = words[first : first + MAX_TOKENS_PER_SENTENCE]
                    if chunk:
                        start, end = chunk[0][0], chunk[-1][1]
                        pieces.append((start, text[start:end], chunk))
        return pieces

    def analyze(self, text: str, *, entities: bool = True) -> list[Sentence]:
        pieces = self._segment(text)
        if not pieces:
            return []
        spans = self.named_entities(text) if entities else []
        word_lists = [[word for _, _, word in words] for _, _, words in pieces]
        morph_markups = list(self._morph_tagger.map(word_lists))
        syntax_markups = list(self._syntax_parser.map(word_lists))
        sentences = []
        for index, ((start, sentence_text, words), morph, syntax) in enumerate(
            zip(pieces, morph_markups, syntax_markups, strict=True)
        ):
            tokens = []
            for position, ((word_start, word_end, word), tagged, parsed) in enumerate(
                zip(words, morph.tokens, syntax.tokens, strict=True)
            ):
                head = int(parsed.head_id) - 1
                tokens.append(
                    Token(
                        index=position,
                        text=word,
                        lemma=self._lemma(word, tagged.pos, tagged.feats),
                        pos=tagged.pos,
                        feats=dict(tagged.feats),
                        head=head if head != position else -1,
                        dep=parsed.rel,
                        start=word_start,
                        end=word_end,
                    )
                )
            end = start + len(sentence_text)
            found = tuple(
                Entity(first, last + 1, label)
                for span_start, span_end, label in spans
                if start <= span_start and span_end <= end
                for first in [next(t.index for t in tokens if t.end > span_start)]
                for last in [max(t.index for t in tokens if t.start < span_end)]
            )
            sentences.append(Sentence.build(index, sentence_text, start, end, tokens, found))
        return sentences

    def _lemma(self, word: str, pos: str, feats: dict[str, str]) -> str:
        try:
            return normalize_lemma(self._vocab.lemmatize(word, pos, feats))
        except ValueError:
            # pymorphy2 asks unicodedata for every letter's name and fails on letters that have none
            return normalize_lemma(word)

    def named_entities(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, type) of the PER, LOC and ORG names natasha's NER finds in `text`."""
        spans: list[tuple[int, int, str]] = []
        for paragraph_start, paragraph in paragraphs(text):
            markup = self._ner_tagger(paragraph)
            spans.extend((paragraph_start + s.start, paragraph_start + s.stop, s.type) for s in markup.spans)
        return spans

    def lemmatize_phrase(self, phrase: str) -> tuple[str, ...]:
        sentences = self.analyze(phrase, entities=False)
        return strip_edge_punctuation(tuple(token.lemma for sentence in sentences for token in sentence.tokens))

    def lemmatize_phrases(self, phrases: list[str]) -> list[tuple[str, ...]]:
        """Lemmatize many codebook phrases in one batch (one line each) — much faster than one by one."""
        text = "\n".join(phrase.replace("\n", " ") for phrase in phrases)
        by_line: dict[int, list[str]] = {}
        line_starts = [0]
        for phrase in phrases[:-1]:
            line_starts.append(line_starts[-1] + len(phrase) + 1)
        for sentence in self.analyze(text, entities=False):
            line = bisect.bisect_right(line_starts, sentence.start) - 1
            by_line.setdefault(line, []).extend(t.lemma for t in sentence.tokens)
        return [strip_edge_punctuation(tuple(by_line.get(i, ()))) for i in range(len(phrases))]
