"""The Russian analyzer: paragraphs before sentences, lemmas, a tree per sentence."""

from __future__ import annotations

from eventcoder.analyzers import Analyzer
from eventcoder.analyzers.ru import MAX_TOKENS_PER_SENTENCE, paragraphs


def test_headline_without_period_is_its_own_sentence(ru_analyzer: Analyzer) -> None:
    sentences = ru_analyzer.analyze("Хафтар ответил Путину\n\nМОСКВА – 17 января. Путин провёл переговоры.")
    assert [s.text for s in sentences] == ["Хафтар ответил Путину", "МОСКВА – 17 января.", "Путин провёл переговоры."]


def test_offsets_point_into_the_text(ru_analyzer: Analyzer) -> None:
    text = "Первая строка.\nВторая строка, подлиннее."
    for sentence in ru_analyzer.analyze(text):
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text


def test_lemmas_fold_case_forms(ru_analyzer: Analyzer) -> None:
    [sentence] = ru_analyzer.analyze("Путину, Путина и Путиным позвонили из Кремля.")
    lemmas = [t.lemma for t in sentence.tokens]
    assert lemmas.count("путин") == 3 and "кремль" in lemmas


def test_every_token_has_a_head_inside_the_sentence(ru_analyzer: Analyzer) -> None:
    [sentence] = ru_analyzer.analyze("Министр иностранных дел России Сергей Лавров провёл переговоры с коллегой.")
    assert all(-1 <= t.head < len(sentence.tokens) for t in sentence.tokens)
    assert any(t.head == -1 for t in sentence.tokens)


def test_run_on_text_is_cut_into_bounded_pieces(ru_analyzer: Analyzer) -> None:
    sentences = ru_analyzer.analyze(" ".join(["слово"] * (MAX_TOKENS_PER_SENTENCE * 3 + 5)))
    assert len(sentences) == 4
    assert all(len(s.tokens) <= MAX_TOKENS_PER_SENTENCE for s in sentences)


def test_paragraphs_skip_blank_lines() -> None:
    assert [p for _, p in paragraphs("a\n\n  \nb\r\nc")] == ["a", "b", "c"]


def test_named_entities_are_attached_to_their_sentence(ru_analyzer: Analyzer) -> None:
    text = "Президент России Владимир Путин прилетел в Анкару.\nТам его встретил Реджеп Тайип Эрдоган."
    first, second = ru_analyzer.analyze(text)
    found = [
        (" ".join(t.text for t in s.tokens[e.start : e.end]), e.label) for s in (first, second) for e in s.entities
    ]
    assert ("Владимир Путин", "PER") in found and ("Анкару", "LOC") in found
    assert ("Реджеп Тайип Эрдоган", "PER") in found
