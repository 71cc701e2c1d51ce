"""`eventcoder explain`: every decision behind the events of a text, with the codebook entries
(file:line) that made it — for codebook authors."""

from __future__ import annotations

import datetime as dt

from eventcoder.actors import ActorResolver, find_mentions
from eventcoder.analyzers import analyzer_for
from eventcoder.codebook import Codebook
from eventcoder.coder import code_sentences
from eventcoder.dates import find_time_expressions
from eventcoder.documents import Document
from eventcoder.patterns import find_triggers


def explain(text: str, language: str, day: dt.date | None, codebook: Codebook) -> list[str]:
    analyzer = analyzer_for(language)
    index = codebook.languages[language]
    document = Document.from_text(text, doc_id="explain", language=language, day=day)
    lines: list[str] = []
    sentences = analyzer.analyze(text)
    events = code_sentences(sentences, document, codebook, index)
    for sentence in sentences:
        lines.append(f"sentence {sentence.index}: {sentence.text}")
        for token in sentence.tokens:
            head = sentence.tokens[token.head].text if token.head >= 0 else "ROOT"
            feats = "|".join(f"{k}={v}" for k, v in sorted(token.feats.items()))
            lines.append(
                f"  {token.index:>3} {token.text:<18} {token.lemma:<18} {token.pos:<6} "
                f"{token.dep:<12} → {head:<14} {feats}"
            )
        for entity in sentence.entities:
            words = " ".join(t.text for t in sentence.tokens[entity.start : entity.end])
            lines.append(f"  entity  «{words}» ({entity.label})")
        mentions = find_mentions(sentence, index)
        resolver = ActorResolver(sentence, mentions, codebook, day, index.grammar)
        for mention in mentions:
            entries = ", ".join(
                f"{e.kind}:{e.code or (e.person.name if e.person else '')} ({e.origin})" for e in mention.entries
            )
            resolved = ", ".join(a.code for a in resolver.resolve(mention.end - 1)) or "-"
            lines.append(f"  actor   «{mention.text}» → {resolved}   [{entries}]")
        for trigger in find_triggers(sentence, index):
            pattern = trigger.pattern
            lines.append(
                f"  trigger «{sentence.tokens[trigger.token].text}» → {pattern.code} "
                f"({codebook.events[pattern.code].name if pattern.code in codebook.events else 'unknown code'}) "
                f"[{pattern.origin}]"
            )
        for expression in find_time_expressions(sentence.text, language):
            lines.append(f"  time    «{expression.text}» ({expression.kind})")
        for event in (e for e in events if e.sentence_index == sentence.index):
            target = event.target.code if event.target else "-"
            if event.target_from_context:
                target += " (from context)"
            lines.append(
                f"  EVENT   {event.source.code} → {target} {event.cameo_code} "
                f"{event.modality} {event.event_date or ''} ({event.date_precision or ''}) "
                f"«{event.trigger_text}» [{event.pattern_origin}]"
            )
            if event.location or event.fatalities is not None or event.acled_event_type:
                place = (
                    f"{event.location.place.name} ({event.location.place.country}, precision "
                    f"{event.location.precision})"
                    if event.location
                    else "-"
                )
                lines.append(
                    f"          place {place}; fatalities {event.fatalities if event.fatalities is not None else '-'}; "
                    f"ACLED {event.acled_event_type or '-'} / {event.acled_sub_event_type or '-'}; "
                    f"PLOVER {event.plover_type or '-'}"
                )
    return lines
