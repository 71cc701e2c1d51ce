"""Actor mentions: codebook names found in a sentence, and the actor a noun phrase stands for.

Names are looked up by lemma sequence (and by the words as written, for abbreviations), longest first,
so every grammatical case matches. A noun phrase resolves through the dependency tree: a sector noun
takes its country from a genitive or an adjective beside it ("президент России", "российский
президент" → RUSGOV), a proxy noun speaks for the actor it governs ("пресс-служба Кремля" → RUSGOV),
and conjoined names give one actor each ("президенты России и Турции" → RUSGOV, TURGOV).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from eventcoder.analyzers.base import NOUN_POS, Sentence, Token
from eventcoder.codebook import NAMED_KINDS, ActorEntry, Codebook, Grammar, LanguageIndex, country_of

# Relations by which a noun's modifiers hang off it, as Universal Dependencies label them.
MODIFIER_RELATIONS = frozenset(
    {"nmod", "amod", "appos", "flat", "flat:name", "flat:foreign", "compound", "nmod:poss", "det"}
)
GOVERNMENT = "GOV"
CONJOINABLE_POS = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "X"})
NAME_RELATIONS = frozenset({"appos", "flat", "flat:name", "flat:foreign", "compound"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A run of tokens `start`..`end` (exclusive) that names codebook actors."""

    start: int
    end: int
    entries: tuple[ActorEntry, ...]
    text: str

    @property
    def kind(self) -> str:
        return self.entries[0].kind


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: its CAMEO code, the words that named it and the entries behind it."""

    code: str
    name: str
    country: str | None
    agent: str | None
    entries: tuple[ActorEntry, ...]
    span: tuple[int, int]  # token range in the sentence, end exclusive


def find_mentions(sentence: Sentence, index: LanguageIndex) -> list[Mention]:
    """Longest-first codebook names in the sentence, by lemma or by the words as written."""
    tokens = sentence.tokens
    lemmas = [t.lemma for t in tokens]
    words = [t.text.lower().replace("ё", "е") for t in tokens]
    # Proper names the lemmatizer does not know are compared without their case endings.
    stems = [index.grammar.stem(t.text) for t in tokens]
    mentions: list[Mention] = []
    position = 0
    while position < len(tokens):
        found: Mention | None = None
        for length in range(min(index.longest_name, len(tokens) - position), 0, -1):
            end = position + length
            entries = index.actors.get(tuple(lemmas[position:end])) or index.actors.get(tuple(words[position:end]))
            if not entries and tokens[position].text[:1].isupper():
                entries = index.stemmed_names.get(tuple(stems[position:end]))
            if entries and not all(t.text.isupper() or not t.text.isalpha() for t in tokens[position:end]):
                entries = [e for e in entries if not e.abbreviation]
            if entries and not tokens[position].text[:1].isupper():
                # "foreign intelligence services" is not the Foreign Intelligence Service
                entries = [e for e in entries if not e.proper_name]
            if entries and length == 1 and tokens[position].pos not in NOUN_POS and not _as_noun(tokens[position]):
                # "военной помощи" is not the military, "протестовали" not the protesters: one-word
                # sector, proxy and party names must be nouns in the sentence (or participles standing
                # as nouns: "Протестующие подожгли шины").
                entries = [e for e in entries if e.kind in NAMED_KINDS]
            if entries:
                text = sentence.text[tokens[position].start - sentence.start : tokens[end - 1].end - sentence.start]
                found = Mention(position, end, tuple(entries), text)
                break
        if found is None:
            position += 1
        else:
            mentions.append(found)
            position = found.end
    return mentions


class ActorResolver:
    """Resolves argument tokens of one sentence to actors on a given date."""

    def __init__(
        self,
        sentence: Sentence,
        mentions: list[Mention],
        codebook: Codebook,
        day: dt.date | None,
        grammar: Grammar,
        focus_country: str | None = None,
        recent_parties: tuple[str, ...] = (),
    ):
        self.sentence = sentence
        self.codebook = codebook
        self.day = day
        self.grammar = grammar
        self.focus_country = focus_country
        self.recent_parties = recent_parties  # countries and organisations named just before, latest last
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._mention_at: dict[int, Mention] = {}
        for mention in mentions:
            for position in range(mention.start, mention.end):
                self._mention_at[position] = mention

    def mention_at(self, index: int) -> Mention | None:
        return self._mention_at.get(index)

    def resolve(self, index: int) -> list[Actor]:
        """Every actor the phrase headed by token `index` names, conjoined ones included. A modifier
        shared by conjoined sector nouns counts for each ("турецкая авиация и артиллерия")."""
        actors: list[Actor] = []
        first_country: str | None = None
        for position, head in enumerate(self._with_conjuncts(index)):
            found = self._resolve_one(head, depth=0)
            if position == 0 and found:
                first_country = found[0].country
            if not found and first_country:
                found = self._sector_of_country(head, first_country)
            actors.extend(found)
        return _unique(actors)

    def _sector_of_country(self, index: int, country: str) -> list[Actor]:
        mention = self.mention_at(index)
        entry = _primary(mention)
        if mention is None or entry is None or entry.kind != "sector":
            return []
        code = country + entry.code
        return [Actor(code, mention.text, country, entry.code, mention.entries, (mention.start, mention.end))]

    def _with_conjuncts(self, index: int) -> list[int]:
        """The head and the nouns conjoined to it ("России и Турции"); for a multi-word name the
        conjunct may hang off any of its words."""
        result = [index]
        stack = [index]
        while stack:
            current = stack.pop()
            mention = self.mention_at(current)
            words = range(mention.start, mention.end) if mention else (current,)
            for word in words:
                for child in self.sentence.children_of(word):
                    if child.dep == "conj" and child.pos in CONJOINABLE_POS and child.index not in result:
                        if mention and mention.start <= child.index < mention.end:
                            continue
                        result.append(child.index)
                        stack.append(child.index)
        return result

    def _resolve_one(self, index: int, depth: int) -> list[Actor]:
        if depth > 4:
            return []
        token = self.sentence.tokens[index]
        if token.lemma in self.grammar.relative_pronouns:
            return self._relative_subject(token, depth)
        if token.pos == "PRON" and token.dep.startswith("nsubj"):
            return self._reported_subject(token, depth)
        mention = self.mention_at(index)
        entry = _primary(mention)
        if (
            mention is not None
            and token.dep in {"amod", "conj"}
            and token.pos == "ADJ"
            and _is_country_modifier(mention)
        ):
            # reached as an event noun's adjective slot: "израильского авиаудара", "Russian strikes"
            country = next(e.code for e in mention.entries if e.modifier)
            return [Actor(country, mention.text, country, None, mention.entries, (mention.start, mention.end))]
        if entry is not None and mention is not None and not entry.modifier:
            if entry.kind == "sector":
                return self._sector_actor(token, mention, entry, depth)
            if entry.kind == "proxy":
                return self._governed_actors(token, mention, depth)
            if entry.kind == "party":
                return self._party_actors(token, mention, depth)
            actor = self._named_actor(mention, entry, token)
            return [actor] if actor else []
        return self._unlisted_head(index, depth)

    def _unlisted_head(self, index: int, depth: int) -> list[Actor]:
        """A head noun the codebooks do not list stands for the actor its modifiers name: a name in
        apposition ("фельдмаршал Хафтар"), a country adjective ("российских лиц" → RUS), or its
        genitive owner ("объекты движения ХАМАС" → the group, "участие Судана" → SDN); failing those, the
        country of a place it is in ("позиции на северо-востоке Сирии" → SYR)."""
        children = self.sentence.children_of(index)
        for child in children:
            if child.dep in NAME_RELATIONS or (
                child.dep == "nmod" and child.pos == "PROPN" and not self._has_case(child.index)
            ):
                child_mention = self.mention_at(child.index)
                child_entry = _primary(child_mention)
                if child_mention is not None and child_entry is not None and child_entry.kind in NAMED_KINDS:
                    actor = self._named_actor(child_mention, child_entry, child)
                    return [actor] if actor else []
        # an unlisted name with a title before it: "Bulgarian Prime Minister Kiril Petkov"
        for child in children:
            if child.dep in {"compound", "appos"} and self.mention_at(child.index) is not None:
                found = self._resolve_one(child.index, depth + 1)
                if found:
                    return found
        for child in children:
            child_mention = self.mention_at(child.index)
            if child.dep == "amod" and child_mention is not None and _is_country_modifier(child_mention):
                # "Russian and Chinese warships": each conjoined adjective names a country
                actors = []
                for word in self._with_conjuncts(child.index):
                    mention = self.mention_at(word)
                    if mention is not None and _is_country_modifier(mention):
                        country = next(e.code for e in mention.entries if e.modifier)
                        span = (mention.start, mention.end)
                        actors.append(Actor(country, mention.text, country, None, mention.entries, span))
                return actors
        owners = [
            c
            for c in children
            if c.dep in {"nmod", "nmod:poss"}
            and (not self._has_case(c.index) or self._case_of(c.index) in self.grammar.genitive_prepositions)
        ]
        for child in owners:
            found = self.resolve_nested(child.index, depth + 1)
            if found:
                return found
        places = [c for c in children if c.dep == "nmod" and self._case_of(c.index) in self.grammar.place_prepositions]
        for child in places:
            found = [a for a in self.resolve_nested(child.index, depth + 1) if a.country]
            if found:
                return [replace(a, code=a.country, agent=None) for a in found if a.country]
        return []

    def _case_of(self, index: int) -> str | None:
        return next((c.lemma for c in self.sentence.children_of(index) if c.dep == "case"), None)

    def _has_case(self, index: int) -> bool:
        return self._case_of(index) is not None

    def _named_actor(self, mention: Mention, entry: ActorEntry, token: Token) -> Actor | None:
        code = _entry_code(entry, self.day, self.codebook.countries)
        if not code:
            return None
        return Actor(
            code,
            mention.text,
            country_of(code, self.codebook.countries),
            _agent_of(code, self.codebook),
            mention.entries,
            (mention.start, mention.end),
        )

    def _sector_actor(self, token: Token, mention: Mention, entry: ActorEntry, depth: int) -> list[Actor]:
        """A sector noun takes its country from a genitive, an adjective or a name beside it."""
        owners = self._owners(token, mention, depth)
        if owners:
            actors = []
            for owner in owners:
                code = owner.code
                # "жители Тбилиси", "полиция Москвы": a capital beside a sector noun is a place, so
                # the sector is the country's, not the government's.
                from_capital = any(e.kind == "government" for e in owner.entries)
                if owner.country and (owner.code == owner.country or from_capital):
                    code = owner.country + entry.code
                span = (mention.start, mention.end)
                actors.append(
                    Actor(
                        code,
                        _joined_name(self.sentence, span, owner.span),
                        country_of(code, self.codebook.countries),
                        _agent_of(code, self.codebook),
                        mention.entries + owner.entries,
                        span,
                    )
                )
            return actors
        if self._has_pair_word(token):
            return self._pair(mention, entry.code)
        # A sector noun with no country ("полиция задержала оппозиционеров") belongs to the country the
        # story is about; in a story that names no country it is not an actor CAMEO can code.
        if self.focus_country is None:
            return []
        code = self.focus_country + entry.code
        return [
            Actor(code, mention.text, self.focus_country, entry.code, mention.entries, (mention.start, mention.end))
        ]

    def _governed_actors(self, token: Token, mention: Mention, depth: int) -> list[Actor]:
        """A proxy noun ("представители", "пресс-служба") stands for the actor it governs; the
        spokespeople, envoys and delegations of a country are its government."""
        span = (mention.start, mention.end)
        actors = []
        for owner in self._owners(token, mention, depth):
            code, agent = owner.code, owner.agent
            if owner.country is not None and owner.code == owner.country:
                code, agent = owner.country + GOVERNMENT, GOVERNMENT
            name = _joined_name(self.sentence, span, owner.span)
            actors.append(Actor(code, name, owner.country, agent, mention.entries + owner.entries, span))
        return actors

    def _reported_subject(self, pronoun: Token, depth: int) -> list[Actor]:
        """ "Israel's military said it had struck …", "МИД заявил, что он …": the pronoun subject of a
        reported clause is the speaker."""
        if pronoun.head < 0:
            return []
        clause = self.sentence.tokens[pronoun.head]
        if clause.dep != "ccomp" or clause.head < 0:
            return []
        speakers = [c.index for c in self.sentence.children_of(clause.head) if c.dep == "nsubj"]
        # "Norway, Ireland and Spain said they would …": every conjoined speaker
        return [actor for speaker in speakers for actor in self.resolve_nested(speaker, depth + 1)]

    def _relative_subject(self, pronoun: Token, depth: int) -> list[Actor]:
        """ "…президента, который заявил", "the president, who said": the relative clause's subject is
        the noun the clause describes."""
        if pronoun.head < 0:
            return []
        verb = self.sentence.tokens[pronoun.head]
        if verb.dep == "acl:relcl" and verb.head >= 0:
            return self._resolve_one(verb.head, depth + 1)
        return self._antecedent(pronoun)

    def _antecedent(self, pronoun: Token) -> list[Actor]:
        """What a relative pronoun refers to: the nearest named actor before it that agrees in gender
        and number ("Турции, вооружённые силы которой" → Turkey)."""
        for position in range(pronoun.index - 1, -1, -1):
            mention = self.mention_at(position)
            entry = _primary(mention)
            if mention is None or entry is None or entry.kind not in NAMED_KINDS or entry.modifier:
                continue
            token = self.sentence.tokens[position]
            if all(token.feats.get(f) == pronoun.feats.get(f) for f in ("Gender", "Number") if pronoun.feats.get(f)):
                actor = self._named_actor(mention, entry, token)
                return [actor] if actor else []
        return []

    def _party_actors(self, token: Token, mention: Mention, depth: int) -> list[Actor]:
        """ "Стороны", "the parties": the sides of the conflict the story is about — its most-named
        country — unless the phrase names them itself ("стороны конфликта в Сирии")."""
        governed = self._governed_actors(token, mention, depth)
        if governed:
            return governed
        # As a subject ("обе стороны подписали", "the two sides signed") the sides are the participants
        # just mentioned, not the conflict's parties; only as the object of an appeal or a demand are
        # they the latter. Bare "стороны обсудили" may mean any two of several just named: not coded.
        if token.dep.startswith("nsubj"):
            return self._pair(mention, None) if self._has_pair_word(token) else []
        if self.focus_country is None:
            return []
        code = self.focus_country
        return [Actor(code, mention.text, code, None, mention.entries, (mention.start, mention.end))]

    def joint_participants(self, index: int) -> list[Actor]:
        """ "Лидеры договорились", "the ministers agreed": a plural subject of officials with no country
        of its own, of a joint act, is the two governments just named."""
        token = self.sentence.tokens[index]
        mention = self.mention_at(index)
        entry = _primary(mention)
        if mention is None or entry is None or token.feats.get("Number") != "Plur":
            return []
        if entry.kind == "proxy" or (entry.kind == "sector" and entry.code == GOVERNMENT):
            return self._pair(mention, GOVERNMENT)
        return []

    def _has_pair_word(self, token: Token) -> bool:
        return any(c.lemma in self.grammar.pair_words for c in self.sentence.children_of(token.index))

    def _pair(self, mention: Mention, sector: str | None) -> list[Actor]:
        """ "The two armies exchanged fire", "обе стороны подписали": the last two different parties
        named before the phrase, in this sentence or the ones just before; none when fewer are named.
        Each party is coded as specifically as it was named (Modi and Zelenskiy: INDGOV, UKRGOV); with
        a sector noun it is that country's sector."""
        earlier = [m for m in self._mentions if m.end <= mention.start]
        order: list[str] = []  # parties by country (or code, for international bodies), latest last
        named_as: dict[str, str] = {}
        for code in [*self.recent_parties, *parties_named(earlier, self.codebook, self.day)]:
            party = country_of(code, self.codebook.countries) or code
            if party in order:
                order.remove(party)
            order.append(party)
            if named_as.get(party, party) == party:
                named_as[party] = code
        if len(order) < 2:
            return []
        span = (mention.start, mention.end)
        actors = []
        for party in order[-2:]:
            is_country = party in self.codebook.countries
            if sector is not None and not is_country:
                continue
            code = party + sector if sector is not None else named_as[party]
            agent = sector if sector is not None else _agent_of(code, self.codebook)
            actors.append(Actor(code, mention.text, party if is_country else None, agent, mention.entries, span))
        return actors

    def _owners(self, token: Token, mention: Mention, depth: int) -> list[Actor]:
        """Actors named by the modifiers of a sector or proxy noun, nearest relation first."""
        candidates = [
            child
            for position in range(mention.start, mention.end)
            for child in self.sentence.children_of(position)
            if not (mention.start <= child.index < mention.end) and child.dep in MODIFIER_RELATIONS
        ]
        # An adjective standing right before the head ("российский президент") is in the mention's
        # left context rather than a child when the parse attaches it elsewhere; include it.
        if mention.start > 0:
            before = self.sentence.tokens[mention.start - 1]
            if before.head in range(mention.start, mention.end) and before not in candidates:
                candidates.append(before)
        owners: list[Actor] = []
        for child in sorted(candidates, key=lambda c: (c.dep not in {"amod", "nmod", "nmod:poss"}, c.index)):
            child_mention = self.mention_at(child.index)
            child_entry = _primary(child_mention)
            if (
                child_entry is not None
                and child_mention is not None
                and (child_entry.modifier or (child.dep == "amod" and _is_country_modifier(child_mention)))
            ):
                owners.append(
                    Actor(
                        child_entry.code,
                        child_mention.text,
                        child_entry.code,
                        None,
                        child_mention.entries,
                        (child_mention.start, child_mention.end),
                    )
                )
                for conjunct in self._with_conjuncts(child.index)[1:]:
                    owners.extend(self._resolve_one(conjunct, depth + 1))
            elif child.lemma in self.grammar.relative_pronouns:
                owners.extend(self._antecedent(child))
            elif child.dep not in {"amod", "det"}:
                owners.extend(self.resolve_nested(child.index, depth + 1))
            if owners:
                break
        return _unique(owners)

    def resolve_nested(self, index: int, depth: int) -> list[Actor]:
        actors: list[Actor] = []
        for head in self._with_conjuncts(index):
            actors.extend(self._resolve_one(head, depth))
        return actors


def _as_noun(token: Token) -> bool:
    """A participle standing as a noun: the subject or object of a verb."""
    return token.feats.get("VerbForm") == "Part" and token.dep in {"nsubj", "nsubj:pass", "obj", "iobj", "obl"}


def parties_named(mentions: list[Mention], codebook: Codebook, day: dt.date | None) -> list[str]:
    """The codes of the named actors in `mentions`, in order of mention: a person as the office held
    that day, a capital or seat of power as the government, a country adjective as the country."""
    parties = []
    for mention in sorted(mentions, key=lambda m: m.start):
        entry = _primary(mention)
        if entry is None or entry.kind not in NAMED_KINDS:
            continue
        code = _entry_code(entry, day, codebook.countries)
        if code:
            parties.append(code)
    return parties


def _entry_code(entry: ActorEntry, day: dt.date | None, countries: frozenset[str]) -> str | None:
    """The code a named entry stands for on `day`: a person as the office held then (None outside
    every office with no default), a capital or seat of power as the government, else its own code."""
    if entry.kind == "person" and entry.person is not None:
        return entry.person.code_on(day, countries)
    if entry.kind == "government":
        return entry.code + GOVERNMENT
    return entry.code


def focus_country(mention_lists: list[list[Mention]], countries: frozenset[str]) -> str | None:
    """The country a story names most often (by name, adjective, capital or a national body); of
    equally frequent ones, the first named, as news names its main place first."""
    counts: dict[str, int] = {}  # insertion order is first-mention order
    for mentions in mention_lists:
        for mention in mentions:
            entry = _primary(mention)
            if entry is None:
                continue
            country = entry.code if entry.kind in {"country", "government"} else country_of(entry.code, countries)
            if country:
                counts[country] = counts.get(country, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda code: counts[code])


def _is_country_modifier(mention: Mention) -> bool:
    """An adjective naming a country ("Russian", "российский"), even when the same word is also listed
    as a demonym ("the Russians")."""
    return any(entry.modifier for entry in mention.entries)


def _primary(mention: Mention | None) -> ActorEntry | None:
    """The entry a mention stands for when several codebook entries share its words: named actors
    beat sector nouns, which beat proxies."""
    if mention is None:
        return None
    order = {"person": 0, "organisation": 1, "government": 2, "country": 3, "sector": 4, "proxy": 5, "party": 6}
    return min(mention.entries, key=lambda e: (order[e.kind], e.modifier))


def _agent_of(code: str, codebook: Codebook) -> str | None:
    """The first sector code within an actor code (`RUSGOV` → GOV, `IGOUNO` → None)."""
    country = country_of(code, codebook.countries)
    rest = code[3:] if country else code
    if rest[:3] in codebook.sectors:
        return rest[:3]
    return None


def _joined_name(sentence: Sentence, head: tuple[int, int], owner: tuple[int, int]) -> str:
    """The words naming a compound actor: the head noun and its owner, as one stretch of the sentence
    when they are next to each other ("президент России"), else the two joined ("президенты … Турции"
    → "президенты Турции")."""
    tokens = sentence.tokens

    def text(start: int, end: int) -> str:
        return sentence.text[tokens[start].start - sentence.start : tokens[end - 1].end - sentence.start]

    first, second = sorted((head, owner))
    gap = tokens[first[1] : second[0]]
    if len(gap) <= 2 and not any(t.pos == "PUNCT" or t.dep in {"cc", "conj"} for t in gap):
        return text(first[0], second[1])
    return f"{text(*head)} {text(*owner)}"


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    result = []
    for actor in actors:
        if actor.code not in seen:
            seen.add(actor.code)
            result.append(actor)
    return result
