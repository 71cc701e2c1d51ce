"""Document → events: the one place that composes the stages. Pure: no files, no global state
beyond the loaded models and codebook."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace

from eventcoder.actors import Actor, ActorResolver, Mention, find_mentions, focus_country, parties_named
from eventcoder.analyzers import Analyzer, Sentence
from eventcoder.codebook import Codebook, Grammar, LanguageIndex
from eventcoder.dates import (
    Direction,
    ResolvedDate,
    TimeExpression,
    blank_dateline,
    find_time_expressions,
    resolve_expression,
)
from eventcoder.documents import Document
from eventcoder.event_types import VIOLENT_ROOTS, classify, is_noncombatant, is_violent
from eventcoder.fatalities import count_fatalities
from eventcoder.patterns import NOUN_POS, Trigger, find_triggers
from eventcoder.places import Location, PlaceMention, find_places, locate, story_place_country
from eventcoder.roles import complement_words, governing_verb, phrase_after_trigger, preposition_of, slot_tokens

STATEMENT_ROOT = "01"
NEGATING_CODES = ("12", "016")  # rejections and denials: their complement is not done
UNADDRESSED_STATEMENTS = frozenset({"01", "010", "012", "013", "014", "017", "018", "019"})
# CAMEO roots of verbal reactions and of cutting relations: the ones a story reports as answers to an
# earlier act (statements, appeals, intents, consultations, cooperation, demands, disapproval,
# rejection, threats, reduced relations).
REACTIVE_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13", "16"})
# "a G20 meeting", "the UN's emergency appeal", "his refusal to meet", "доклад механизма расследования":
# an event noun of cooperation, investigation or verbal conflict with no counterpart names an occasion,
# a body or a topic rather than reports a dyadic act. Intent nouns (03: "сообщил о готовности
# продолжить переговоры") are the actor's own stance, and nouns of force ("clashes", "протесты") are
# events with or without a named target.
COUNTERPART_NOUN_ROOTS = frozenset({"01", "02", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "16"})
CONTEXT_SENTENCES = 2  # how far back a reaction looks for what it answers
BACKGROUND_DAYS = 30  # an event dated more than a month before its story is recalled, not reported
SUBJECT_SLOTS = frozenset({"subj", "gen", "adj"})


# ACLED's "unidentified armed group": an attack whose perpetrator the text does not name ("погибли в
# результате обстрела рынка", "were killed in an air strike") is coded with CAMEO's unaffiliated armed
# forces sector as its source, when the text gives it a target or a death toll (see code_sentence).
UNNAMED_PERPETRATOR = Actor("UAF", "", None, "UAF", (), (0, 0))
# Attacks that are events with no one named on either side ("a car bomb exploded near the convoy"):
# bombings and assaults, shelling, air strikes. Fighting needs two sides, and mass violence or a
# ceasefire violation with nobody named is an accusation's words, so those need a target or a toll.
ATTACK_CODES = ("18", "194", "195")
NOUN_OWNER_SLOTS = frozenset({"gen", "adj"})  # "обстрел рынка": the genitive is what was hit, not who
ARMED_SECTORS = frozenset({"MIL", "COP", "SPY"})  # a state's forces


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, with everything the events table needs."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence_text: str
    event_date: dt.date | None
    date_precision: str | None
    date_source: str | None
    date_text: str | None
    source: Actor
    target: Actor | None
    cameo_code: str
    trigger_text: str
    modality: str
    language: str
    pattern_origin: str
    trigger_index: int = 0
    trigger_is_verb: bool = True
    target_from_context: bool = False
    location: Location | None = None
    fatalities: int | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    plover_type: str | None = None


@dataclass(frozen=True, slots=True)
class CodedDocument:
    document: Document
    sentence_count: int
    events: tuple[Event, ...]
    warnings: tuple[str, ...] = field(default=())


def make_event_id(doc_id: str, sentence_index: int, trigger: int, source: str, target: str, code: str) -> str:
    key = "\x1f".join((doc_id, str(sentence_index), str(trigger), source, target, code))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _direction(sentence: Sentence, trigger: int, grammar: Grammar) -> Direction:
    """Past for past-tense events, future for planned ones; nearest when the verb does not say."""
    token = sentence.tokens[trigger]
    verb = trigger if token.pos in {"VERB", "AUX"} else governing_verb(sentence, trigger)
    if verb is None:
        return "nearest"
    tense = sentence.tokens[verb].feats.get("Tense")
    if tense is None:  # English keeps the tense on the auxiliary: "did not meet", "has signed"
        tense = next(
            (c.feats["Tense"] for c in sentence.children_of(verb) if c.dep.startswith("aux") and "Tense" in c.feats),
            None,
        )
    # "будут определены", "will sign": a future auxiliary outweighs the participle's own tense (natasha
    # tags "будут" as present, which for быть is the future); "было подписано" stays past.
    auxiliaries = (c for c in sentence.children_of(verb) if c.lemma in grammar.future_auxiliaries)
    if tense == "Fut" or any(c.feats.get("Tense") != "Past" for c in auxiliaries):
        return "future"
    if tense == "Past":
        return "past"
    return "nearest"


def _modality(sentence: Sentence, trigger: int, grammar: Grammar, direction: Direction) -> str:
    token = sentence.tokens[trigger]
    verb = trigger if token.pos in {"VERB", "AUX"} else governing_verb(sentence, trigger)
    heads = [trigger] + ([verb] if verb is not None and verb != trigger else [])
    for head in heads:
        if any(c.lemma in grammar.negations for c in sentence.children_of(head)):
            return "negated"
    # "если Россия нападёт", "if Iran attacks", "ответили бы": the event hangs on a condition
    clause_heads = heads + [h for h in (_clause_root(sentence, trigger),) if h >= 0]
    if any(c.lemma in grammar.conditionals for head in clause_heads for c in sentence.children_of(head)):
        return "conditional"
    if direction == "future":
        return "planned"
    if any(c.lemma in grammar.planning_words for head in heads for c in sentence.children_of(head)):
        return "planned"
    return "asserted"


def _refusal_code(code: str, modality: str, direction: Direction, refusals: dict[str, str]) -> str | None:
    """The code of refusing a cooperative act the actor says it will not do ("will not bow to
    pressure": 124); None for anything else, negated past acts included (those deny a report)."""
    if modality != "negated" or direction == "past":
        return None
    return next((refusal for prefix, refusal in refusals.items() if code.startswith(prefix)), None)


def _background(modality: str, resolved: ResolvedDate | None, date_source: str | None, story: dt.date | None) -> str:
    """A past event the story recalls ("обострилась в 2011 году") is background, not news: its own
    words date it well before the story."""
    if modality != "asserted" or resolved is None or story is None or date_source != "sentence":
        return modality
    period_end = {"year": 365, "month": 31, "week": 7}.get(resolved.precision, 1)
    if (story - resolved.date).days - period_end > BACKGROUND_DAYS:
        return "background"
    return modality


def _expression_tokens(sentence: Sentence, expression: TimeExpression) -> list[int]:
    start = sentence.start + expression.start
    end = sentence.start + expression.end
    return [t.index for t in sentence.tokens if t.start < end and start < t.end]


def _clause_of(sentence: Sentence, index: int) -> set[int]:
    return {t.index for t in sentence.subtree(index, stop_at_clauses=True)}


def _event_date(
    sentence: Sentence,
    trigger: int,
    expressions: list[TimeExpression],
    language: str,
    story_date: dt.date | None,
    direction: Direction,
    other_triggers: frozenset[int],
    anchor: dt.date | None = None,
) -> tuple[ResolvedDate | None, str | None]:
    """The date of the expression in the trigger's own clause, else in the nearest enclosing clause,
    else the story's date."""
    if story_date is None:
        return None, None
    if expressions:
        placed = [(expression, set(_expression_tokens(sentence, expression))) for expression in expressions]
        current: int | None = trigger
        visited = 0
        while current is not None and current >= 0 and visited < 6:
            clause = _clause_of(sentence, current)
            for expression, tokens in placed:
                if tokens & clause:
                    resolved = resolve_expression(expression, language, story_date, direction, anchor)
                    if resolved is not None:
                        return resolved, "sentence"
            current = sentence.tokens[current].head
            visited += 1
        # The parse may hang a time expression off a noun ("Неделей ранее президенты …") or put it in
        # a participle ("в заявлении, опубликованном во вторник"): the nearest expression that is not
        # in the clause of another event still dates this one.
        others = other_triggers - {trigger}

        def is_free(tokens: set[int]) -> bool:
            roots = {_clause_root(sentence, token) for token in tokens}
            if roots & others:
                return False
            # the main clause's and a participle's expressions are free; a finite subordinate clause
            # dates its own verb ("…, первый раунд которых прошёл 13 января")
            return all(root < 0 or sentence.tokens[root].feats.get("VerbForm") == "Part" for root in roots)

        free = [
            (min(abs(token - trigger) for token in tokens), expression)
            for expression, tokens in placed
            if tokens and is_free(tokens)
        ]
        for _, expression in sorted(free, key=lambda pair: pair[0]):
            resolved = resolve_expression(expression, language, story_date, direction, anchor)
            if resolved is not None:
                return resolved, "sentence"
    return ResolvedDate(story_date, "day", ""), "document"


def _clause_root(sentence: Sentence, index: int) -> int:
    """The verb heading the finite clause a token is in (-1 for the sentence's main clause)."""
    current = index
    for _ in range(len(sentence.tokens)):
        token = sentence.tokens[current]
        if token.head < 0:
            return -1
        if token.dep in {"acl", "acl:relcl", "advcl", "ccomp", "parataxis"} and token.pos == "VERB":
            return current
        current = token.head
    return -1


def _actors_in(
    resolver: ActorResolver,
    sentence: Sentence,
    trigger: Trigger,
    slots: tuple[str, ...],
    grammar: Grammar,
    event_verbs: frozenset[int],
    agent: bool = False,
) -> list[Actor]:
    """Actors in the first of `slots` that has any. Besides the trigger's own dependents, the words of
    a light-verb frame carry arguments too: "провёл переговоры с X", "нанёс удар по X". For the
    `agent` of a violent noun an "of" genitive does not count: "the bombing of a school" names what was
    hit (while "the visit of Putin" names who came)."""
    noun = trigger.pattern.trigger_kind == "noun"
    violent = is_violent(trigger.pattern.code)
    objective_of = agent and noun and violent
    for slot in slots:
        heads = slot_tokens(
            sentence,
            trigger.token,
            slot,
            noun=noun,
            grammar=grammar,
            event_verbs=event_verbs,
            speaker_places=not violent,
        )
        if objective_of and slot == "gen":
            heads = [
                h for h in heads if preposition_of(sentence, sentence.tokens[h]) not in grammar.genitive_prepositions
            ]
        if slot not in SUBJECT_SLOTS:
            for word in sorted(trigger.consumed):
                if sentence.tokens[word].pos == "VERB" and slot in {"obj", "dat"}:
                    # "demanded that NATO pull its troops out": who is to act is the target
                    heads.extend(c.index for c in sentence.children_of(word) if c.dep == "nsubj")
                    continue
                heads.extend(
                    slot_tokens(sentence, word, slot, noun=sentence.tokens[word].pos in NOUN_POS, grammar=grammar)
                )
        actors = [actor for head in heads for actor in resolver.resolve(head)]
        if actors:
            return actors
    return []


def _objective_genitive(
    resolver: ActorResolver,
    sentence: Sentence,
    trigger: Trigger,
    sources: list[Actor],
    grammar: Grammar,
    triggers: frozenset[int],
) -> tuple[list[Actor], list[Actor]]:
    """ "Армия устроила массовые убийства мирных жителей": when a light verb's subject performs the
    event noun, the noun's genitive is what it was done to, not who did it."""
    genitive = {a.code for a in sources}
    performers = [
        a for a in _actors_in(resolver, sentence, trigger, ("subj",), grammar, triggers) if a.code not in genitive
    ]
    if not performers:
        return sources, []
    # "решение о выводе войск объявил Макрон": a performer's own forces are what it acts with
    own = {p.country for p in performers if p.country}
    return performers, [a for a in sources if not (a.country in own and a.agent in ARMED_SECTORS)]


def _self_target(target: Actor, sources: list[Actor]) -> bool:
    """A target that is a source, or the bare country of one ("Erdogan warned Sweden that Turkey would
    block …": Turkey is Erdogan's own side, not a second target)."""
    return any(target.code == s.code or (target.code == s.country and target.agent is None) for s in sources)


def _as_place(target: Actor | None) -> Actor | None:
    """A strike on a capital ("нанёс авиаудар по Бейруту") hits the country, not its government: for
    violence, a capital or seat of power named as the target stands for the country."""
    if target is None or target.country is None or not target.entries:
        return target
    if all(entry.kind == "government" for entry in target.entries):
        return replace(target, code=target.country, agent=None)
    return target


def _only_possible(sentence: Sentence, noun: int, grammar: Grammar) -> bool:
    """ "встреча Путина и Байдена может пройти в Женеве", "talks could resume": an event noun whose
    verb says only that it may happen is not an event yet."""
    verb = governing_verb(sentence, noun)
    if verb is None:
        return False
    words = [sentence.tokens[verb], *sentence.children_of(verb)]
    head = sentence.tokens[verb].head
    if head >= 0 and sentence.tokens[verb].dep in {"xcomp", "csubj"}:
        words.append(sentence.tokens[head])
    return any(word.lemma in grammar.modal_verbs for word in words)


def _first_actor_after(
    resolver: ActorResolver, sentence: Sentence, trigger: Trigger, sources: list[Actor], grammar: Grammar
) -> list[Actor]:
    """The first actor named in the trigger's phrase after it: "threatened to impose tariffs on all
    imports from Colombia" is aimed at Colombia though no slot says so."""
    taken = {i for s in sources if s.span for i in range(*s.span)}
    for position in phrase_after_trigger(sentence, trigger.token, trigger.consumed, grammar):
        if position in taken or resolver.mention_at(position) is None:
            continue
        actors = [a for a in resolver.resolve(position) if not _self_target(a, sources)]
        if actors:
            return actors
    return []


def _document_author(resolver: ActorResolver, sentence: Sentence, verb: int, grammar: Grammar) -> list[Actor]:
    """ "Ассамблея приняла резолюцию, требующую от России …", "adopted a resolution demanding that
    Russia withdraw": a participle describing a document acts for whoever adopted or issued it."""
    token = sentence.tokens[verb]
    if token.dep != "acl" or token.head < 0 or sentence.tokens[token.head].pos not in NOUN_POS:
        return []
    if resolver.resolve(token.head):
        return []  # the noun is an actor itself, and the parse found no subject for a reason
    governor = governing_verb(sentence, token.head)
    if governor is None:
        return []
    heads = slot_tokens(sentence, governor, "subj", noun=False, grammar=grammar)
    return [actor for head in heads for actor in resolver.resolve(head)]


def _unnamed_perpetrator(sentence: Sentence, trigger: Trigger, grammar: Grammar, triggers: list[Trigger]) -> bool:
    """A violent act nobody is said to have done: a passive without an agent, an attack noun ("погибли
    в результате обстрела рынка", "were killed in an air strike") or a weapon going off ("two car bombs
    exploded"). A verb whose subject is any other thing ("floods killed 1,100", "the collapse killed
    15") names its cause, which is no armed group."""
    if trigger.pattern.code[:2] not in VIOLENT_ROOTS:
        return False
    if trigger.pattern.trigger_kind == "noun":
        # under an event verb with a subject it is that event's circumstance ("police killed four
        # suspects in a gun battle"), not an attack of its own
        verb = governing_verb(sentence, trigger.token)
        if (
            verb is not None
            and any(t.token == verb for t in triggers)
            and _named_subject(sentence, verb, grammar, frozenset({trigger.token}))
        ):
            return False
        # an agent the codebooks do not know ("убийства подконтрольными США радикалами", "an attack by
        # gunmen loyal to …") is named, just not codable
        agents = [slot for slot in trigger.pattern.source_slots if slot not in NOUN_OWNER_SLOTS]
        return not any(
            head != trigger.token
            for slot in agents
            for head in slot_tokens(sentence, trigger.token, slot, noun=True, grammar=grammar)
        )
    # "were killed in an air strike", "the shelling killed five": the strike is the attack, the killing
    # what it did
    attack_nouns = {t.token for t in triggers if t.pattern.trigger_kind == "noun" and is_violent(t.pattern.code)}
    if any(child.index in attack_nouns for child in sentence.children_of(trigger.token)):
        return False
    # "Two car bombs exploded": a subject that is one of the frame's own words is the weapon, not a cause
    return not _named_subject(sentence, trigger.token, grammar, trigger.consumed)


def _named_subject(sentence: Sentence, verb: int, grammar: Grammar, frame: frozenset[int] = frozenset()) -> bool:
    heads = slot_tokens(sentence, verb, "subj", noun=False, grammar=grammar, speaker_places=False)
    return any(head not in frame for head in heads)


def _is_joint(trigger: Trigger, sentence: Sentence, index: LanguageIndex) -> bool:
    kind = trigger.pattern.trigger_kind
    return trigger.pattern.symmetric or (kind, sentence.tokens[trigger.token].lemma) in index.symmetric_triggers


def code_sentence(
    sentence: Sentence,
    document: Document,
    codebook: Codebook,
    index: LanguageIndex,
    mentions: list[Mention] | None = None,
    story_country: str | None = None,
    anchor: dt.date | None = None,
    recent_parties: tuple[str, ...] = (),
) -> list[Event]:
    """Every event in one sentence. `story_country` is the country the story is mostly about, for
    phrases such as "призвал обе стороны"; `recent_parties` those the sentence before named, for "the
    two sides signed"."""
    triggers = find_triggers(sentence, index)
    if not triggers:
        return []
    if mentions is None:
        mentions = find_mentions(sentence, index)
    if not mentions and not any(t.pattern.code[:2] in VIOLENT_ROOTS for t in triggers):
        return []  # nobody to code, and no attack to code without a named perpetrator
    language = document.language or ""
    expressions = find_time_expressions(sentence.text, language)
    found: list[tuple[Trigger, Actor, Actor | None]] = []
    resolver = ActorResolver(
        sentence, mentions, codebook, document.doc_date, index.grammar, story_country, recent_parties
    )
    event_verbs = frozenset(t.token for t in triggers if not t.pattern.code.startswith(STATEMENT_ROOT))
    all_triggers = frozenset(t.token for t in triggers)
    for trigger in triggers:
        if trigger.pattern.trigger_kind == "noun" and (
            _only_possible(sentence, trigger.token, index.grammar)
            or any(c.lemma in index.grammar.not_new_determiners for c in sentence.children_of(trigger.token))
        ):
            continue  # "встреча может пройти", "any invasion would …", "за эту агрессию": no new event
        sources = _actors_in(
            resolver, sentence, trigger, trigger.pattern.source_slots, index.grammar, event_verbs, agent=True
        )
        victims: list[Actor] = []
        if trigger.pattern.trigger_kind == "noun" and is_violent(trigger.pattern.code):
            # "бомбардировка школы": a noncombatant genitive is who was hit; so is a genitive thing that
            # only its modifier makes an actor ("обстрел израильской территории", "удар по позициям")
            hit_things = {
                a.code
                for head in slot_tokens(sentence, trigger.token, "gen", noun=True, grammar=index.grammar)
                if resolver.mention_at(head) is None
                for a in resolver.resolve(head)
            }
            victims = [a for a in sources if is_noncombatant(a.agent) or a.code in hit_things]
            sources = [a for a in sources if a not in victims]
        if not sources and trigger.pattern.trigger_kind == "verb":
            sources = _document_author(resolver, sentence, trigger.token, index.grammar)
        if not sources and trigger.pattern.trigger_kind == "verb" and _is_joint(trigger, sentence, index):
            sources = [
                actor
                for head in slot_tokens(sentence, trigger.token, "subj", noun=False, grammar=index.grammar)
                for actor in resolver.joint_participants(head)
            ]
        if not sources and _unnamed_perpetrator(sentence, trigger, index.grammar, triggers):
            sources = [UNNAMED_PERPETRATOR]
        if not sources:
            continue
        targets = [
            a
            for a in _actors_in(resolver, sentence, trigger, trigger.pattern.target_slots, index.grammar, event_verbs)
            if not _self_target(a, sources)
        ] or victims
        if trigger.pattern.trigger_kind == "noun" and not targets:
            sources, targets = _objective_genitive(resolver, sentence, trigger, sources, index.grammar, event_verbs)
        elif not targets and trigger.consumed and not _is_joint(trigger, sentence, index):
            # "устроила массовые убийства мирных жителей": the frame noun's genitive is the target
            targets = [
                a
                for word in sorted(trigger.consumed)
                if sentence.tokens[word].pos in NOUN_POS
                for head in slot_tokens(sentence, word, "gen", noun=True, grammar=index.grammar)
                for a in resolver.resolve(head)
                if not _self_target(a, sources)
            ]
        if (
            not targets
            and trigger.pattern.target_slots
            and trigger.pattern.code not in UNADDRESSED_STATEMENTS
            and (len(sources) == 1 or not _is_joint(trigger, sentence, index))
        ):
            # a bare statement stays unaddressed: what follows "announced" is what was said, not to whom;
            # a joint act of two named actors has its partner already
            targets = _first_actor_after(resolver, sentence, trigger, sources, index.grammar)
        pairs: list[tuple[Actor, Actor | None]] = []
        # A joint action of two conjoined actors ("Россия и Турция подписали") is coded each way; of
        # more, once per actor (a multilateral act has no single counterpart); with an explicit
        # partner ("X провёл переговоры с Y") the subject's view is coded, as CAMEO does.
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
        elif _is_joint(trigger, sentence, index) and len(sources) == 2:
            pairs = [(sources[0], sources[1]), (sources[1], sources[0])]
        else:
            pairs = [(s, None) for s in sources]
        if is_violent(trigger.pattern.code):
            pairs = [(source, _as_place(target)) for source, target in pairs]
        found.extend((trigger, source, target) for source, target in pairs)

    # "shelled Kharkiv, killing 12 people": a violent gerund under a violent event is its outcome, told
    # in the same event, not a second attack.
    violent = {t.token for t, _, _ in found if is_violent(t.pattern.code)}
    outcomes = {
        t.token
        for t, _, _ in found
        if t.token in violent
        and sentence.tokens[t.token].dep in {"advcl", "conj", "xcomp"}
        and sentence.tokens[t.token].feats.get("VerbForm") in {"Ger", "Conv", "Part"}
        and sentence.tokens[t.token].head in violent
    }
    found = [item for item in found if item[0].token not in outcomes]

    # "ruled out sending troops", "refused to let the planes land", "отказался направить войска", "denied
    # supplying drones": what is rejected or denied is not done; the rejection or denial is the event.
    rejected = {
        inner.token
        for rejection, _, _ in found
        if rejection.pattern.code.startswith(NEGATING_CODES)
        for inner, _, _ in found
        if inner.token != rejection.token and inner.token in complement_words(sentence, rejection.token)
    }
    found = [item for item in found if item[0].token not in rejected]

    # A statement whose content is itself an event codes as that event (CAMEO codes what was said).
    statement_tokens = {t.token for t, _, _ in found if t.pattern.code.startswith(STATEMENT_ROOT)}
    content_of = {
        t.token: statement
        for statement in statement_tokens
        for t, _, _ in found
        if not t.pattern.code.startswith(STATEMENT_ROOT) and t.token in {x.index for x in sentence.subtree(statement)}
    }
    covered = set(content_of.values())
    # "Modi told Zelenskiy that India was ready to …": said to someone, the intent is addressed to them
    # (an event noun in what was said is its topic, and keeps no addressee)
    addressees = {
        t.token: target
        for t, source, target in found
        if t.token in covered and target is not None and target.country != source.country
    }
    found = [
        (
            t,
            source,
            addressees.get(content_of.get(t.token, -1))
            if target is None and t.pattern.trigger_kind == "verb"
            else target,
        )
        for t, source, target in found
    ]
    events: list[Event] = []
    places: list[PlaceMention] | None = None  # found on the first event, once per sentence
    seen: set[tuple[str, str, str]] = set()
    for trigger, source, target in found:
        if trigger.token in covered:
            continue
        # A bare statement addressed to no one is not a dyadic event (CAMEO's 010 codes what one actor
        # says to another); declining comment, claiming or denying responsibility (011, 015, 016) are
        # events even with no one named.
        if target is None and trigger.pattern.code in UNADDRESSED_STATEMENTS:
            continue
        if (
            source is UNNAMED_PERPETRATOR
            and target is None
            and not trigger.pattern.code.startswith(ATTACK_CODES)
            and count_fatalities(sentence.text, language) is None
        ):
            continue  # "heavy fighting raged": no one named on either side, and no toll to record
        if (
            target is None
            and trigger.pattern.trigger_kind == "noun"
            and trigger.pattern.code[:2] in COUNTERPART_NOUN_ROOTS
        ):
            continue
        direction = _direction(sentence, trigger.token, index.grammar)
        modality = _modality(sentence, trigger.token, index.grammar, direction)
        code = trigger.pattern.code
        refusal = _refusal_code(code, modality, direction, codebook.refusals)
        if refusal is not None:
            code, modality = refusal, "asserted"
        key = (source.code, target.code if target else "", code)
        if key in seen:
            continue
        seen.add(key)
        resolved, date_source = _event_date(
            sentence, trigger.token, expressions, language, document.doc_date, direction, all_triggers, anchor
        )
        token = sentence.tokens[trigger.token]
        if places is None:
            places = _places_in(sentence, mentions, index.grammar)
        countries = [c for c in (target.country if target else None, source.country, story_country) if c]
        events.append(
            Event(
                event_id=make_event_id(document.doc_id, sentence.index, trigger.token, key[0], key[1], key[2]),
                doc_id=document.doc_id,
                sentence_index=sentence.index,
                sentence_text=sentence.text,
                event_date=resolved.date if resolved else None,
                date_precision=resolved.precision if resolved else None,
                date_source=date_source,
                date_text=(resolved.text or None) if resolved else None,
                source=source,
                target=target,
                cameo_code=code,
                trigger_text=token.text,
                trigger_index=trigger.token,
                trigger_is_verb=trigger.pattern.trigger_kind == "verb",
                modality=_background(modality, resolved, date_source, document.doc_date),
                language=language,
                pattern_origin=str(trigger.pattern.origin),
                location=locate(places, _clause_of(sentence, trigger.token), countries),
            )
        )
    return events


def _places_in(sentence: Sentence, mentions: list[Mention], grammar: Grammar) -> list[PlaceMention]:
    """Places the sentence names; words naming a country actor are places only as a city of that name."""
    country_tokens = {
        i: e.code for m in mentions for e in m.entries[:1] if e.kind == "country" for i in range(m.start, m.end)
    }
    return find_places(sentence, grammar, country_tokens)


def _with_story_places(
    events: list[Event], sentences: list[Sentence], mentions: list[list[Mention]], grammar: Grammar
) -> list[Event]:
    """A violent event whose sentence names no place happened where the story's nearest sentence puts
    it ("В ходе боя под Бахмутом погиб военный. … отразили попытку штурма на окраине города"): a place in
    a country of the event first, else any (American troops killed at Kabul airport); the country's
    capital stands in only when no sentence names a place."""
    if not any(is_violent(e.cameo_code) and (e.location is None or e.location.precision == 3) for e in events):
        return events
    places = [_places_in(sentence, found, grammar) for sentence, found in zip(sentences, mentions, strict=True)]
    result = []
    for event in events:
        if is_violent(event.cameo_code) and (event.location is None or event.location.precision == 3):
            countries = {c for c in (event.source.country, event.target.country if event.target else None) if c}
            if event.location is not None:
                countries.add(event.location.place.country)
            nearest = sorted(range(len(places)), key=lambda i: (abs(i - event.sentence_index), i))
            in_countries = [
                [m for m in places[i] if {p.country for p in m.places} & countries] for i in nearest if countries
            ]
            anywhere = [places[i] for i in nearest]
            found = next((m for m in [*in_countries, *anywhere] if m), None)
            if found:
                event = replace(event, location=locate(found, set(), sorted(countries)))
        result.append(event)
    return result


def code_document(document: Document, codebook: Codebook, analyzer: Analyzer) -> CodedDocument:
    """Analyse a readable document and code every sentence."""
    sentences = analyzer.analyze(blank_dateline(document.text, document.language or ""))
    index = codebook.languages.get(document.language or "")
    if index is None:
        return CodedDocument(document, len(sentences), ())
    return CodedDocument(document, len(sentences), tuple(code_sentences(sentences, document, codebook, index)))


def code_sentences(
    sentences: list[Sentence], document: Document, codebook: Codebook, index: LanguageIndex
) -> list[Event]:
    """Every event in a story's analysed sentences, with the story-level context (the country it is
    about, targets of reactions) applied."""
    mentions = [find_mentions(sentence, index) for sentence in sentences]
    story_country = focus_country(mentions, codebook.countries) or story_place_country(sentences, index.grammar)
    events: list[Event] = []
    anchor: dt.date | None = None  # the latest day a sentence named, for "в тот же день"
    previous_roots: set[str] = set()
    recent_parties: tuple[str, ...] = ()
    for sentence, sentence_mentions in zip(sentences, mentions, strict=True):
        found = code_sentence(
            sentence, document, codebook, index, sentence_mentions, story_country, anchor, recent_parties
        )
        recent_parties = tuple(parties_named(sentence_mentions, codebook, document.doc_date))
        named_day = _day_named(sentence, document, anchor)
        if named_day is None and anchor is not None:
            # An event the sentence does not date, told right after a dated sentence about the same kind
            # of event, is that event in more detail ("В пятницу подписали протокол. Документ был
            # подписан Кучмой, …").
            found = [
                replace(e, event_date=anchor, date_precision="day", date_source="inferred")
                if e.date_source == "document" and e.cameo_code[:2] in previous_roots
                else e
                for e in found
            ]
        events.extend(found)
        previous_roots = {t.pattern.code[:2] for t in find_triggers(sentence, index)} if named_day else set()
        anchor = named_day or anchor
    events = _with_fatalities(_targets_from_context(events), sentences, document.language or "")
    return _with_types(_with_story_places(events, sentences, mentions, index.grammar))


def _with_fatalities(events: list[Event], sentences: list[Sentence], language: str) -> list[Event]:
    """Deaths a sentence reports belong to its violent events; a count told in a sentence of its own
    ("По данным минздрава, погибли 26 человек") to the violent events of the nearest sentences."""
    if not any(is_violent(e.cameo_code) for e in events):
        return events
    counts = {
        sentence.index: count
        for sentence in sentences
        if (count := count_fatalities(sentence.text, language)) is not None
    }
    if not counts:
        return events
    violent_sentences = {e.sentence_index for e in events if is_violent(e.cameo_code)}
    result = []
    for event in events:
        count = counts.get(event.sentence_index)
        if count is None:
            # the sentences after first ("… погибли 26 человек"), then before ("В ходе боя погиб военный.
            # … отразили штурм"), that have no violent event of their own
            nearby = [
                *range(event.sentence_index + 1, event.sentence_index + CONTEXT_SENTENCES + 1),
                *range(event.sentence_index - 1, event.sentence_index - CONTEXT_SENTENCES - 1, -1),
            ]
            told = [i for i in nearby if i in counts and i not in violent_sentences]
            count = counts[told[0]] if told else None
        result.append(replace(event, fatalities=count) if is_violent(event.cameo_code) else event)
    return result


def _with_types(events: list[Event]) -> list[Event]:
    typed = []
    for event in events:
        acled, sub_type, plover = classify(
            event.cameo_code, event.source.agent, event.target.agent if event.target else None
        )
        typed.append(replace(event, acled_event_type=acled, acled_sub_event_type=sub_type, plover_type=plover))
    return typed


def _day_named(sentence: Sentence, document: Document, anchor: dt.date | None) -> dt.date | None:
    """The last day a sentence names with its own words (a past reading), if any."""
    if document.doc_date is None:
        return None
    days = [
        resolved.date
        for expression in find_time_expressions(sentence.text, document.language or "")
        if (resolved := resolve_expression(expression, document.language or "", document.doc_date, "past", anchor))
        and resolved.precision == "day"
    ]
    return days[-1] if days else None


def _targets_from_context(events: list[Event]) -> list[Event]:
    """A reaction with no target in its sentence ("МИД назвал решение незаконным", "Хамас
    приветствовал это решение") answers the actor of an event just before it: news reports the act
    first and the reactions right after, as a human coder reading on knows. Only verbs react; an event
    noun with no target stays without one."""
    result: list[Event] = []
    for event in events:
        if event.target is None and event.cameo_code[:2] in REACTIVE_ROOTS and event.trigger_is_verb:
            earlier = [
                e.source
                for e in result
                if event.sentence_index - CONTEXT_SENTENCES <= e.sentence_index <= event.sentence_index
                and (e.sentence_index, e.trigger_index) < (event.sentence_index, event.trigger_index)
                and _different_parties(e.source, event.source)
            ]
            if earlier:
                target = earlier[-1]
                event = replace(
                    event,
                    target=target,
                    event_id=make_event_id(
                        event.doc_id,
                        event.sentence_index,
                        event.trigger_index,
                        event.source.code,
                        target.code,
                        event.cameo_code,
                    ),
                    target_from_context=True,
                )
        result.append(event)
    return result


def _different_parties(one: Actor, other: Actor) -> bool:
    """Two actors of one country are different parties only when both name different sectors (the
    government and the army); "Россия" and "МИД России" are one party."""
    if one.country is not None and one.country == other.country:
        return one.agent is not None and other.agent is not None and one.agent != other.agent
    return one.code != other.code
