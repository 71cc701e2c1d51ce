"""The English analyzer: spaCy parses mapped onto the coder's Universal-Dependencies view."""

from __future__ import annotations

import pytest

from eventcoder.analyzers import Analyzer, analyzer_for


@pytest.fixture(scope="module")
def en_analyzer() -> Analyzer:
    return analyzer_for("en")


def test_prepositional_phrases_hang_the_ud_way(en_analyzer: Analyzer) -> None:
    [sentence] = en_analyzer.analyze("Russia imposed sanctions on Ukraine.")
    words = {t.text: t for t in sentence.tokens}
    assert words["Ukraine"].dep == "nmod" and sentence.tokens[words["Ukraine"].head].text == "sanctions"
    assert words["on"].dep == "case" and sentence.tokens[words["on"].head].text == "Ukraine"
    assert words["sanctions"].dep == "obj" and words["sanctions"].lemma == "sanction"


def test_passive_agent_and_subject(en_analyzer: Analyzer) -> None:
    [sentence] = en_analyzer.analyze("The embassy was attacked by rebels.")
    words = {t.text: t for t in sentence.tokens}
    assert words["embassy"].dep == "nsubj:pass"
    assert words["rebels"].dep == "obl:agent" and words["by"].dep == "case"


def test_offsets_and_paragraphs(en_analyzer: Analyzer) -> None:
    text = "MOSCOW (Reuters) - Headline without a stop\n\nPutin met Erdogan. They talked."
    sentences = en_analyzer.analyze(text)
    assert [s.text for s in sentences][-2:] == ["Putin met Erdogan.", "They talked."]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text


def test_entities(en_analyzer: Analyzer) -> None:
    [sentence] = en_analyzer.analyze("Joe Biden met Emmanuel Macron in Paris.")
    labels = {" ".join(t.text for t in sentence.tokens[e.start : e.end]): e.label for e in sentence.entities}
    assert labels.get("Joe Biden") == "PER" and labels.get("Paris") == "LOC"
