"""Who did what to whom: the source and target slots of a trigger, read off the dependency tree.

Slots are those of `codebooks/README.md`: `subj`, `obj`, `dat`, `gen`, `adj`, `ins`, or a
preposition. A verb without its own subject borrows the subject of the verb it depends on (an
infinitive, a gerund, a conjoined verb); a passive verb's agent is the source and its subject the
target; an event noun without an actor of its own takes the subject of the verb that governs it.
"""

from __future__ import annotations

from collections.abc import Callable

from eventcoder.analyzers.base import NOUN_POS, Sentence, Token
from eventcoder.codebook import Grammar

SUBJECT_RELATIONS = frozenset({"nsubj"})
PASSIVE_SUBJECT_RELATIONS = frozenset({"nsubj:pass"})
ARGUMENT_RELATIONS = frozenset({"obl", "nmod", "iobj", "obj", "obl:agent", "nmod:agent"})
INHERITING_RELATIONS = frozenset({"xcomp", "advcl", "conj", "csubj", "acomp"})  # acomp: "India was ready to …"
PREPOSITION_RELATIONS = frozenset({"case"})
MAX_INHERITANCE = 4
# An event noun borrows the subject of the verb it is a direct argument of ("сообщил о готовности
# …"), not of a verb it reaches through a purpose phrase ("приехал для переговоров").
NOUN_ARGUMENT_RELATIONS = frozenset({"obj", "obl", "nsubj", "nsubj:pass", "iobj"})


def is_passive(token: Token, sentence: Sentence) -> bool:
    if token.feats.get("Voice") == "Pass":
        return True
    return any(child.dep in PASSIVE_SUBJECT_RELATIONS for child in sentence.children_of(token.index))


def preposition_of(sentence: Sentence, token: Token) -> str | None:
    for child in sentence.children_of(token.index):
        if child.dep in PREPOSITION_RELATIONS:
            return child.lemma
    return None


def _subjects(sentence: Sentence, index: int, relations: frozenset[str]) -> list[int]:
    """The verb's subject. When the parse gives a verb several subjects (a misattached name from a
    neighbouring clause), the one nearest the verb is its own."""
    found = [child.index for child in sentence.children_of(index) if child.dep in relations]
    if len(found) > 1:
        return [min(found, key=lambda i: abs(i - index))]
    return found


def _nearest_preceding_subject(sentence: Sentence, index: int, head: int) -> list[int]:
    """For a conjoined verb or a gerund: the subject of the closest finite verb between its parse head
    and it. natasha often attaches the second of two coordinated verbs, or a gerund, to a verb further
    left (inside a relative clause); in Russian they share the subject of the verb right before them."""
    reported = {t.index for c in sentence.children_of(head) if c.dep == "ccomp" for t in sentence.subtree(c.index)}
    for position in range(index - 1, head, -1):
        token = sentence.tokens[position]
        if position in reported:  # "said the authorities would not bow and accused …": not the sayer's verb
            continue
        if token.pos == "VERB" and token.feats.get("VerbForm") == "Fin":
            found = _subjects(sentence, position, SUBJECT_RELATIONS)
            if found:
                return found
    return []


def inherited_subjects(sentence: Sentence, index: int) -> list[int]:
    """The subject of `index`, or of the verb it depends on through an infinitive, gerund or
    coordination, climbing at most a few levels."""
    current = index
    for _ in range(MAX_INHERITANCE):
        found = _subjects(sentence, current, SUBJECT_RELATIONS)
        if found:
            return found
        token = sentence.tokens[current]
        if token.head >= 0 and token.feats.get("VerbForm") == "Inf" and sentence.tokens[token.head].pos in NOUN_POS:
            # "объявил о решении передать танки", "announced a decision to send tanks": the infinitive of
            # a noun belongs to whoever governs the noun
            verb = governing_verb(sentence, token.head)
            if verb is None:
                return []
            current = verb
            continue
        if token.dep not in INHERITING_RELATIONS or token.head < 0:
            return []
        if (token.dep == "conj" or token.feats.get("VerbForm") == "Conv") and token.head < current:
            found = _nearest_preceding_subject(sentence, current, token.head)
            if found:
                return found
        if token.dep == "xcomp":
            # Object control: "призвал Израиль прекратить огонь" — whoever is called on does the act.
            controllers = [c.index for c in sentence.children_of(token.head) if c.dep == "obj" and c.pos in NOUN_POS]
            if controllers:
                return controllers
        current = token.head
    return []


def _impersonal_speaker(sentence: Sentence, verb: int, grammar: Grammar) -> list[int]:
    """ "В МИД России назвали решение враждебным", "В Вашингтоне пригрозили Анкаре санкциями": a finite
    plural verb with no subject, and a place phrase naming who speaks."""
    token = sentence.tokens[verb]
    if (
        token.feats.get("Number") != "Plur"
        or token.feats.get("VerbForm") != "Fin"
        or not grammar.impersonal_speaker_prepositions
    ):
        return []
    # "В МИД назвали решение враждебным и пообещали ответные меры": a conjoined verb shares the speaker
    verbs = [verb, token.head] if token.dep == "conj" and token.head >= 0 else [verb]
    return [
        c.index
        for v in verbs
        for c in sentence.children_of(v)
        if c.dep == "obl" and preposition_of(sentence, c) in grammar.impersonal_speaker_prepositions
    ][:1]


def governing_verb(sentence: Sentence, index: int) -> int | None:
    """The verb an event noun hangs off (directly, through one noun: "раунд переговоров", or through a
    conjoined noun: "carried out mass killings and gang rapes")."""
    current = sentence.tokens[index]
    for _ in range(3):
        if current.dep == "conj" and current.head >= 0 and sentence.tokens[current.head].pos in NOUN_POS:
            current = sentence.tokens[current.head]
        if current.head < 0 or current.dep not in ARGUMENT_RELATIONS | {"nsubj", "nsubj:pass"}:
            return None
        parent = sentence.tokens[current.head]
        if parent.pos in {"VERB", "AUX"}:
            return parent.index
        if parent.pos not in {"NOUN", "PROPN"}:
            return None
        current = parent
    return None


def slot_tokens(
    sentence: Sentence,
    trigger: int,
    slot: str,
    *,
    noun: bool,
    grammar: Grammar,
    event_verbs: frozenset[int] = frozenset(),
    speaker_places: bool = True,
) -> list[int]:
    """The heads of the phrases filling `slot` of the trigger at `trigger`. With `speaker_places`, a
    subjectless plural verb's "в"-phrase is its subject ("В Кремле заявили"); not for acts done in a
    place ("В Сирии обстреляли колонну")."""
    token = sentence.tokens[trigger]
    children = sentence.children_of(trigger)
    passive = not noun and is_passive(token, sentence)
    if slot == "subj":
        if noun:
            verb = token.head if token.head >= 0 and token.dep in NOUN_ARGUMENT_RELATIONS else None
            if verb is None and token.dep == "nmod" and sentence.tokens[token.head].lemma in grammar.document_nouns:
                # "подписал указ о признании независимости", "принял решение о выводе войск": the noun
                # is what the signed or decided document is about
                verb = governing_verb(sentence, trigger)
            if verb is None or sentence.tokens[verb].pos not in {"VERB", "AUX"}:
                return []
            # "ответит на высылку дипломатов", "struck in response to rocket fire": what is answered is
            # another's act
            if sentence.tokens[verb].lemma in grammar.response_words or (
                token.head >= 0 and sentence.tokens[token.head].lemma in grammar.response_words
            ):
                return []
            if preposition_of(sentence, token) in grammar.purpose_prepositions:
                return []
            # Under a verb that is an event of its own ("Маас назвал задержание незаконным", "СК
            # возбудил дело после обстрела") the noun is that event's topic, not its subject's act.
            if verb in event_verbs:
                return []
            if is_passive(sentence.tokens[verb], sentence):
                return slot_tokens(sentence, verb, "ins", noun=False, grammar=grammar)
            return inherited_subjects(sentence, verb)
        if passive:
            # the agent: "подписано Хафтаром" (an instrumental, which natasha labels obl) or "signed by Russia"
            return [
                c.index
                for c in children
                if c.dep == "obl:agent"
                or (c.dep in {"obl", "nmod"} and c.case == "Ins" and preposition_of(sentence, c) is None)
            ]
        found = inherited_subjects(sentence, trigger)
        return found or (_impersonal_speaker(sentence, trigger, grammar) if speaker_places else [])
    if slot == "obj":
        if passive:
            return _subjects(sentence, trigger, PASSIVE_SUBJECT_RELATIONS | SUBJECT_RELATIONS)
        return [c.index for c in children if c.dep == "obj" and preposition_of(sentence, c) is None]
    if slot == "dat":
        return [
            c.index
            for c in children
            if c.dep in ARGUMENT_RELATIONS and c.case == "Dat" and preposition_of(sentence, c) is None
        ]
    if slot == "gen":
        return [
            c.index
            for c in children
            if c.dep in {"nmod", "nmod:poss"}
            and c.case in {"Gen", None}
            and (preposition_of(sentence, c) is None or preposition_of(sentence, c) in grammar.genitive_prepositions)
        ]
    if slot == "ins":
        return [
            c.index
            for c in children
            if c.dep in ARGUMENT_RELATIONS and c.case == "Ins" and preposition_of(sentence, c) is None
        ]
    if slot == "adj":
        return [c.index for c in children if c.dep in {"amod", "nmod:poss", "compound"}]
    return _prepositional(sentence, trigger, slot)


# Relations that open a new clause with its own participants: a phrase search stops at them.
# (`xcomp` is not among them: "threatened to impose tariffs on imports from Colombia".)
NEW_CLAUSE_RELATIONS = frozenset(
    {"acl", "acl:relcl", "advcl", "ccomp", "csubj", "parataxis", "conj", "nsubj", "nsubj:pass"}
)


def _reachable(sentence: Sentence, starts: set[int], admit: Callable[[Token], bool]) -> set[int]:
    """`starts` and every word reachable from them through dependents that `admit` lets in (each word
    visited once: parsers can emit cycles)."""
    seen = set(starts)
    stack = list(seen)
    while stack:
        current = stack.pop()
        for child in sentence.children_of(current):
            if child.index not in seen and admit(child):
                seen.add(child.index)
                stack.append(child.index)
    return seen


def phrase_after_trigger(sentence: Sentence, trigger: int, words: frozenset[int], grammar: Grammar) -> list[int]:
    """The words of the trigger's own phrase that follow it, in order, leaving out other clauses and
    place phrases ("in Geneva"). PETRARCH's rule that the first actor in the verb phrase is the
    target, for triggers whose expected slots are empty."""
    phrase = _reachable(
        sentence,
        {trigger, *words},
        lambda child: (
            child.dep not in NEW_CLAUSE_RELATIONS and preposition_of(sentence, child) not in grammar.place_prepositions
        ),
    )
    return sorted(i for i in phrase if i > trigger and i not in words)


def complement_words(sentence: Sentence, verb: int) -> set[int]:
    """What the verb governs within its own clause: its objects, infinitives and gerunds and their
    words, not a conjoined verb or a clause with a subject of its own."""

    def admit(child: Token) -> bool:
        if child.dep in {"advcl", "ccomp"}:
            own_subject = SUBJECT_RELATIONS | PASSIVE_SUBJECT_RELATIONS
            return not any(g.dep in own_subject for g in sentence.children_of(child.index))
        return child.dep not in NEW_CLAUSE_RELATIONS

    return _reachable(sentence, {verb}, admit) - {verb}


def _complement_heads(sentence: Sentence, index: int) -> list[int]:
    """The trigger, its infinitive complements and their objects ("готовность вернуться в Россию",
    "согласился прибыть в Москву"), and a noun's genitive: their arguments belong to the trigger's
    event."""
    heads = [index]
    for child in sentence.children_of(index):
        if child.pos == "VERB" and child.feats.get("VerbForm") == "Inf":
            heads.append(child.index)
            # and the object of a light infinitive: "готовность провести переговоры с Россией"
            heads.extend(g.index for g in sentence.children_of(child.index) if g.dep == "obj")
        elif sentence.tokens[index].pos in NOUN_POS and child.dep == "nmod" and preposition_of(sentence, child) is None:
            # a noun's genitive carries the phrase on: "акцию протеста против правительства"
            heads.append(child.index)
    return heads


def _prepositional(sentence: Sentence, trigger: int, preposition: str) -> list[int]:
    found = [
        child.index
        for head in _complement_heads(sentence, trigger)
        for child in sentence.children_of(head)
        if child.dep in ARGUMENT_RELATIONS | {"nsubj"} and preposition_of(sentence, child) == preposition
    ]
    if found:
        return found
    # The parser often attaches a prepositional phrase to a word further away; the phrase that
    # directly follows the trigger's own words is the trigger's ("беседе Путина с канцлером").
    phrase = sentence.subtree(trigger, stop_at_clauses=True)
    following = phrase[-1].index + 1
    if following < len(sentence.tokens):
        token = sentence.tokens[following]
        if token.dep == "case" and token.lemma == preposition and token.head > following:
            return [token.head]
    return []
