"""From a normalised message to the cue scores the decision rules read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from bot.classifier.calm_claims import read_calm_claims
from bot.classifier.frames import read_frames
from bot.classifier.kinds import add_price_claim, read_kinds
from bot.classifier.lexicon import Lexicon, lexicon
from bot.classifier.normalize import Normalized
from bot.classifier.prefilter import Prefilter, any_of
from bot.classifier.prefixes import PrefixBits
from bot.classifier.tone import read_tone
from bot.domain.verdicts import Cue
from bot.language.morph import Lemmatizer, WordInfo, trim_cache

_MAX_TOKENS = 400
# A mask or "#" in the raw text: its words may not be the tokens (see Prefilter).
_MASK_CHARS = ("*", "@", "#", "$", "%")
_MASK_CHARS_RX = re.compile("[" + re.escape("".join(_MASK_CHARS)) + "]")
_QUOTED_RX = re.compile(r"«([^»]{1,60})»|\"([^\"]{1,60})\"")
_WORD_RX = re.compile(r"\w+")
# A quoted name in Latin letters ("Whey Gold", "Premium Line") and the word before an opening quote.
_LATIN_NAME_RX = re.compile(r"[a-z0-9][a-z0-9 .&+'-]{0,40}")
_LAST_WORD_RX = re.compile(r"([^\W\d_]+)[\s:]*$")
_CYRILLIC_RX = re.compile("[а-яіїєґ]")
# Latin or Ukrainian letters: only then are the English and Ukrainian phrase patterns worth a pass.
_NON_RUSSIAN_RX = re.compile("[a-zіїєґ]")
# A hazard word after these names what a product is for ("средство от клещей"), not a harm done.
# Claim patterns a word can start (_Profile.claims): harm, politics, rudeness, a Ukrainian or English call;
# and two word tests a message would otherwise run over all its tokens: a hazard part inside a word, a
# word opening with a call prefix.
_C_HARM, _C_POLITICS, _C_RUDE, _C_CALL, _C_HAZARD_PART, _C_CALL_PREFIX = 1, 2, 4, 8, 16, 32
_C_PATTERNS = _C_HARM | _C_POLITICS | _C_RUDE | _C_CALL
# The claims read from a word's start, and the other stem lists a new word's profile tests, as bits of one
# PrefixBits (the claims' bits are their own _C_* bits).
_C_STARTS = _C_PATTERNS | _C_CALL_PREFIX
_S_NEGATIVE, _S_POSITIVE, _S_NEGATIVE_FAMILY, _S_FAILURE, _S_STAFF = 64, 128, 256, 512, 1024
# The word right after a figure: "3 филиала" counts things, "45, стал", "38 тыс", "450 в месяц" a price.
_NEXT_WORD_RX = re.compile(r"[ \t]*([^\W\d_]+)")
_PURPOSE = frozenset({"от", "против", "для", "від", "проти", "for", "against"})


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Ukrainian and English words that open a question asking for information ("чи можна ...", "скільки
# коштує ...", "do you ship ...", "is there ..."): the Russian openers in cues.toml miss them, and a
# question to "вас"/"you" not known to ask was read as a jab (troll + 1). "who"/"why", "хто"/"чому" are
# left out: they open rhetorical jabs as often.
_INTL_OPENERS = _word_set(
    "підкажіть підкажете скажіть чи скільки коли де куди як який яка яке які якого якої якій можна хтось"
    " is are do does did can could will would may what whats when where which how anyone anybody"
)
# Greetings and fillers that may stand before the opener ("доброго дня, підкажіть ...", "hi, do you ...").
_INTL_LEAD = _word_set(
    "а і й привіт вітаю доброго добрий день дня ранку вечора вечір hi hello hey there good morning afternoon"
    " evening quick question sorry excuse me so"
)
# "ви готуєте ...?", "ви доставляєте ...?": a Ukrainian "ви" with a present-tense verb asks
_UK_YOU_VERB_RX = re.compile(r"\w+(?:єте|аєте|уєте|ете|ите|їте)$")


def intl_info_question(tokens: Sequence[str]) -> bool:
    """A Ukrainian or English question that asks for information by its opening words."""
    for i, tok in enumerate(tokens[:6]):
        if tok in _INTL_OPENERS:
            return True
        if tok == "ви" and i + 1 < len(tokens) and _UK_YOU_VERB_RX.match(tokens[i + 1]) is not None:
            return True
        if tok not in _INTL_LEAD:
            return False
    return False


@dataclass(slots=True)
class Features:
    neg: float = 0.0
    pos: float = 0.0
    neg_words: list[str] = field(default_factory=list)
    pos_words: list[str] = field(default_factory=list)
    negated_pos: list[str] = field(default_factory=list)
    toxic_words: list[str] = field(default_factory=list)
    insults: list[str] = field(default_factory=list)
    obscene: bool = False
    topics: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    strong_events: int = 0
    targeted: bool = False
    details: list[str] = field(default_factory=list)
    troll: float = 0.0
    troll_cues: list[str] = field(default_factory=list)
    campaign: float = 0.0
    campaign_cues: list[str] = field(default_factory=list)
    sarcasm: bool = False
    # A mock format ("жалоба: ...", "лайфхак: ...", "лайк, если ...") or irony without marker words.
    mock_frame: bool = False
    quitting: bool = False
    irony: int = 0
    admin_jab: bool = False
    second_person: bool = False
    shouting: bool = False
    question: bool = False
    info_question: bool = False
    polite: bool = False
    laugh: bool = False
    smiley: bool = False
    n_tokens: int = 0
    # Praise words ("обожаю", "шикарно", "спасибо"), a fix being thanked for, a "но"-turn, a grievance
    # of repetition or duration ("опять", "третий раз", "по 5 часов"), a rhetorical question.
    praise: int = 0
    resolved: bool = False
    contrast: bool = False
    repeat: bool = False
    rhetorical: bool = False
    failures: int = 0
    # where the first praise word stood, and the negativity seen before it
    praise_at: int = -1
    neg_before_praise: int = 0
    first_person: bool = False
    # Health and safety claims ("клопы", "ржавая вода", "чудом не разбился"): answered first.
    hazards: list[str] = field(default_factory=list)
    # weak insults not aimed by a neighbour ("баран"): aimed after all when said as an address
    loose_insults: list[str] = field(default_factory=list)
    # Claims read by whole-text patterns (_claims): a political jab at the brand, rudeness of an employee
    # named by role, a price rise told by its two figures.
    politics: bool = False
    harm: bool = False
    staff_rude: bool = False
    price_rise: bool = False
    # irony around the facts of a failure (a booking given away, an hour's wait): a complaint (calm_claims)
    irony_facts: bool = False
    # A person praised beyond thanks ("дайте премию", "спасибо курьеру Паше"); a joke with a laughing
    # emoji and nothing against the brand (see _joke).
    commended: bool = False
    joke: bool = False
    # Kinds read by bot.classifier.kinds: a price compared with a rival's or likened to a luxury place; a
    # rumour of fraud or corruption.
    price_compare: bool = False
    accusation: bool = False

    @property
    def toxic(self) -> bool:
        return bool(self.toxic_words or self.insults)

    @property
    def specificity(self) -> float:
        score = 0.0
        if self.topics:
            score += 1.0 + 0.25 * min(len(set(self.topics)) - 1, 2)
        if self.events:
            score += 1.0 + 0.25 * min(len(self.events) - 1, 2)
        score += min(len(self.details), 2)
        if self.n_tokens >= 12:
            score += 0.5
        return score

    @property
    def thanked(self) -> bool:
        """Thanks for a fix ("вернули деньги за списание, спасибо"): the problem words are history."""
        return self.resolved and self.pos >= 1.0 and not self.contrast and not self.sarcasm

    @property
    def praise_only(self) -> bool:
        """A person praised and nothing said against the brand: no negative word, no concrete failure, no
        irony, no "но"-turn. The hardship told ("без лифта", "лифт не работал, а он донёс") is what they
        overcame, not a complaint."""
        return self.commended and not (
            self.neg_words or self.failures or self.sarcasm or self.hazards or self.contrast or self.quitting
        )

    @property
    def problem_report(self) -> bool:
        """Says what went wrong with what: an event plus a topic or a detail."""
        if self.strong_events:
            return bool(self.topics or self.details)
        return bool(self.events) and bool(self.topics)


# Not frozen: a frozen dataclass sets each of its fields through object.__setattr__, and one is
# built for every new word. Never changed after _profile builds it.
@dataclass(slots=True)
class _Profile:
    """What the lexicons say about one word form; computed once per distinct token."""

    info: WordInfo
    nw: float
    pw: float
    intensifier: bool
    neg_when_negated: bool
    neutral_when_negated: bool
    held_up: bool
    not_call: bool
    call_verb: bool
    obscene: bool
    insult: int  # 0 none, 1 weak (needs "ты/вы" nearby), 2 insult or aggression
    topic: str | None
    event: bool
    weak_event: bool
    troll: bool
    absurd: bool
    admin: bool
    staff: bool
    campaign_noun: bool
    praise: bool
    resolved: bool
    fix_request: bool
    against: bool
    # which of the gated patterns a match could start at this word (see prefilter.py)
    gates: int
    # Which steps of FeatureExtractor._read_words have something to read in this word: most words
    # need none, and skipping a call per step and word keeps the reading fast.
    scored: bool
    toxic: bool
    problem: bool
    jab: bool
    person: bool
    call: bool
    turn: bool
    hazard: bool
    # which claim patterns (_C_*) this word could start: checked once per distinct word
    claims: int


# Whole-text phrase patterns run only when some word of the message could start a match (see
# prefilter.py): most messages contain none of their first words, and each pass costs as much as the
# word loop. (lexicon part, pattern) in the Prefilter's order: those searched on Normalized.text, then
# those on Normalized.raw. A pattern's bit is 1 << its place, the same for any lexicon.
_GATED_TEXT = (
    ("cues", "audience_rx"),
    ("sentiment", "negative_phrases_rx"),
    ("sentiment", "money_taken_rx"),
    ("sentiment", "quit_rx"),
    ("toxic", "toxic_phrases_rx"),
    ("cues", "laugh_rx"),
    ("cues", "troll_rx"),
    ("cues", "warning_rx"),
    ("cues", "competitor_rx"),
    ("cues", "sarcasm_rx"),
    ("cues", "rhetoric_plain_rx"),
    ("sentiment", "positive_phrases_rx"),
    ("cues", "punchline_rx"),
    ("cues", "organise_rx"),
    ("cues", "collective_rx"),
    ("cues", "competitor_plus_rx"),
    ("cues", "thanks_staff_rx"),
    ("cues", "here_rx"),
    # English and Ukrainian phrases: run over every text with a Latin or Ukrainian letter, most of which
    # (a Latin name, a leftover "rt") hold none of their first words
    ("intl", "failure_rx"),
    ("intl", "venting_rx"),
    ("intl", "call_rx"),
)
_GATED_RAW = (
    ("cues", "mock_frame_rx"),
    ("cues", "irony_rx"),
    ("cues", "why_rx"),
    ("cues", "mismatch_rx"),
    ("cues", "rhetoric_rx"),
    ("cues", "info_anywhere_rx"),
)


def _bit(name: str) -> int:
    return 1 << [rx for _part, rx in _GATED_TEXT + _GATED_RAW].index(name)


_G_AUDIENCE = _bit("audience_rx")
_G_NEGATIVE_PHRASES = _bit("negative_phrases_rx")
_G_MONEY_TAKEN = _bit("money_taken_rx")
_G_QUIT = _bit("quit_rx")
_G_TOXIC_PHRASES = _bit("toxic_phrases_rx")
_G_LAUGH = _bit("laugh_rx")
_G_TROLL = _bit("troll_rx")
_G_WARNING = _bit("warning_rx")
_G_COMPETITOR = _bit("competitor_rx")
_G_SARCASM = _bit("sarcasm_rx")
_G_RHETORIC_PLAIN = _bit("rhetoric_plain_rx")
_G_POSITIVE_PHRASES = _bit("positive_phrases_rx")
_G_PUNCHLINE = _bit("punchline_rx")
_G_ORGANISE = _bit("organise_rx")
_G_COLLECTIVE = _bit("collective_rx")
_G_COMPETITOR_PLUS = _bit("competitor_plus_rx")
_G_THANKS_STAFF = _bit("thanks_staff_rx")
_G_HERE = _bit("here_rx")
_G_INTL_FAILURE = _bit("failure_rx")
_G_INTL_VENTING = _bit("venting_rx")
_G_INTL_CALL = _bit("call_rx")
_G_MOCK_FRAME = _bit("mock_frame_rx")
_G_IRONY = _bit("irony_rx")
_G_WHY = _bit("why_rx")
_G_MISMATCH = _bit("mismatch_rx")
_G_RHETORIC = _bit("rhetoric_rx")
_G_INFO_ANYWHERE = _bit("info_anywhere_rx")


@dataclass(slots=True)
class _Walk:
    """Where the word-by-word reading of one message stands."""

    tokens: list[str]
    profs: list[_Profile]
    audience: bool
    vocative: bool
    questions: bool
    # the word right after the last negator
    nxt_of_neg: str = ""
    # after "а", "хотя", "но"; (pos, neg) as they stood at the first "но"-like turn
    after_contrast: bool = False
    contrast_at: tuple[float, float] | None = None
    said_you: bool = False
    # where "все"/"всем" stood, and which of them
    all_at: int = -9
    all_word: str = ""


def _weigh_turn(f: Features, pos_before: float, neg_before: float) -> None:
    """The clause after "но" carries the verdict: "курс классный, но ссылки битые"."""
    if f.neg > neg_before or f.strong_events:
        f.pos -= 0.6 * pos_before
    elif f.pos > pos_before and neg_before > pos_before:
        # "сначала сомневалась, но курс превзошёл ожидания": the doubt is the past, the praise the verdict
        f.neg -= 0.6 * neg_before


class FeatureExtractor:
    """The cue scores of a message, read with one lexicon; per-word results are cached."""

    def __init__(self, lex: Lexicon) -> None:
        self.tox, self.senti, self.cues, self.gram = lex.toxic, lex.sentiment, lex.cues, lex.grammar
        self.intl = lex.intl
        cues = self.cues
        # What the lexicons say about each distinct word form, and whether it is obscene.
        self._profiles: dict[str, _Profile] = {}
        self._obscene: dict[str, bool] = {}
        self._gated = Prefilter(
            tuple(getattr(getattr(lex, part), name) for part, name in _GATED_TEXT),
            raw_patterns=tuple(getattr(getattr(lex, part), name) for part, name in _GATED_RAW),
            lookalikes=lex.grammar.lookalikes,
        )
        self._parts_in_words = all(part and " " not in part for part in cues.hazard_parts)
        senti, intl = self.senti, self.intl
        self._starts = PrefixBits(
            (
                (_C_HARM, cues.harm_parts),
                (_C_POLITICS, cues.politics_parts),
                (_C_RUDE, cues.rude_parts),
                (_C_CALL, intl.call_parts),
                (_C_CALL_PREFIX, cues.call_prefixes),
                (_S_NEGATIVE, senti.negative_stems),
                (_S_POSITIVE, senti.positive_stems),
                (_S_NEGATIVE_FAMILY, senti.negative_family_stems),
                (_S_FAILURE, cues.failure_stems),
                (_S_STAFF, cues.staff_stems),
            )
        )
        # one regex pass for "a zero word in the raw text" and "a hazard part inside the word"
        self._zero_word_rx = _any_of(cues.zero_words)
        self._hazard_part_rx = _any_of(cues.hazard_parts)
        self._harm_links = _word_starts(cues.harm_links)
        self._price_links = _word_starts(cues.price_links)
        self._punct_irony: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
            (("»", '"'), cues.irony_quote_rx),
            (("?",), cues.irony_tag_rx),
            (("зато",), cues.irony_zato_rx),
        )

    def is_obscene(self, token: str) -> bool:
        hit = self._obscene.get(token)
        if hit is None:
            tox = self.tox
            hit = token not in tox.obscene_exceptions and (
                tox.obscene_start_rx.match(token) is not None or tox.obscene_inside_rx.search(token) is not None
            )
            trim_cache(self._obscene)
            self._obscene[token] = hit
        return hit

    def _profile(self, tok: str, lem: Lemmatizer) -> _Profile:
        hit = self._profiles.get(tok)
        if hit is not None:
            return hit
        tox, senti, cues, gram = self.tox, self.senti, self.cues, self.gram
        info = lem.info(tok)
        lemmas = info.lemmas
        starts = self._starts.bits(tok)
        if len(lemmas) == 1:
            # most words have one lemma: the max over one weight without a generator
            nw = senti.negative.get(lemmas[0], 0.0)
            pw = senti.positive.get(lemmas[0], 0.0)
        else:
            nw = max((senti.negative.get(lm, 0.0) for lm in lemmas), default=0.0)
            pw = max((senti.positive.get(lm, 0.0) for lm in lemmas), default=0.0)
        if not info.known:
            nw = nw or (1.0 if starts & _S_NEGATIVE else 0.0)
            pw = pw or (1.0 if starts & _S_POSITIVE else 0.0)
        elif not nw and not pw:
            # a dictionary word the lexicon lacks, of a clear family: "отвратный", "ужасненький", "кринжовый"
            nw = 1.0 if starts & _S_NEGATIVE_FAMILY else 0.0
        if tok in senti.neutral_forms:
            pw = 0.0
        if pw and tok not in senti.surface_only_positive and all(lm in senti.surface_only_positive for lm in lemmas):
            pw = 0.0
        if nw and pw:
            pw = 0.0
        insult = 0
        for lm in lemmas:
            if lm in tox.insults:
                insult = 1 if lm in tox.weak_insults else 2
                break
            if lm in tox.aggression:
                insult = 2
                break
        topic = next((cues.problem_topics[lm] for lm in lemmas if lm in cues.problem_topics), None)
        any_event = not cues.problem_events.isdisjoint(lemmas)
        event = any_event or (not info.known and bool(starts & _S_FAILURE))
        obscene = self.is_obscene(tok)
        hazard = not cues.hazards.isdisjoint(lemmas)
        neg_when_negated = not senti.negated_is_negative.isdisjoint(lemmas)
        failure = False
        if not info.known:
            # English and Ukrainian: stems, no lemmas (data/intl.toml)
            intl = self.intl
            inw, ipw = intl.weight(tok)
            nw, pw = nw or inw, pw or ipw
            if nw and pw:
                pw = 0.0
            topic = topic or intl.topic(tok)
            hazard = hazard or intl.hazards_rx.match(tok) is not None
            if intl.failures_rx.match(tok) is not None:
                event = any_event = True
                failure = True
            if intl.negated_failures_rx.match(tok) is not None:
                # "doesn't work", "не працює": read as a finite verb whose negation is a failure
                neg_when_negated = True
                info = WordInfo(info.lemmas, False, False, True, finite=True)
            if tok in intl.insults:
                insult = 2
            obscene = obscene or tok in intl.obscene
        if hazard:
            # a hazard is a failure and a strong negative word by itself
            nw = max(nw, 1.5)
            pw = 0.0
            event = True
        troll = not cues.troll_lemmas.isdisjoint(lemmas)
        absurd = not cues.absurd_lemmas.isdisjoint(lemmas)
        admin = not cues.admin_lemmas.isdisjoint(lemmas)
        staff = tok in cues.staff_words or bool(starts & _S_STAFF) or not cues.staff_words.isdisjoint(lemmas)
        call_verb = not cues.campaign_verbs.isdisjoint(lemmas)
        campaign_noun = not cues.campaign_lemmas.isdisjoint(lemmas)
        resolved = not cues.resolved_lemmas.isdisjoint(lemmas)
        fix_request = not cues.fix_requests.isdisjoint(lemmas)
        prof = _Profile(
            info=info,
            nw=nw,
            pw=pw,
            intensifier=not senti.intensifiers.isdisjoint(lemmas),
            neg_when_negated=neg_when_negated,
            neutral_when_negated=not senti.negated_is_neutral.isdisjoint(lemmas),
            held_up=not nw and not senti.negated_is_praise.isdisjoint(lemmas),
            not_call=not cues.not_campaign_imperatives.isdisjoint(lemmas),
            call_verb=call_verb,
            obscene=obscene,
            insult=insult,
            topic=topic,
            event=event,
            weak_event=any_event
            and not hazard
            and not failure
            and all(lm in cues.weak_events or lm not in cues.problem_events for lm in lemmas),
            troll=troll,
            absurd=absurd,
            admin=admin,
            staff=staff,
            campaign_noun=campaign_noun,
            praise=pw > 0 and (tok in cues.ironic_praise or not cues.ironic_praise.isdisjoint(lemmas)),
            resolved=resolved,
            fix_request=fix_request,
            against=not cues.against_verbs.isdisjoint(lemmas),
            gates=self._gated.token_bits(tok),
            scored=bool(nw or pw) or fix_request or resolved,
            toxic=obscene or insult > 0,
            problem=topic is not None or event,
            jab=troll or absurd or admin or staff or tok in gram.second_person or tok in gram.you,
            person=tok == "вы" or tok in gram.first_person,
            call=info.any_plural_imperative or call_verb or campaign_noun or tok in gram.everyone,
            turn=tok in gram.contrast or tok in {"а", "хотя"},
            hazard=hazard,
            claims=(starts & _C_STARTS)
            | (_C_HAZARD_PART if self._hazard_part_rx is not None and self._hazard_part_rx.search(tok) else 0),
        )
        trim_cache(self._profiles)
        self._profiles[tok] = prof
        return prof

    def _denied_noun(self, tokens: list[str], profs: list[_Profile], i: int) -> int:
        """Index of the negative noun a postposed "нет" denies ("проблем нет", "проблем с оплатой нет"), or -1."""
        senti, gram = self.senti, self.gram
        if i >= 3 and tokens[i - 1] in gram.pronouns and tokens[i - 2] == "у":
            # "проблем с оплатой у вас нет?": "у вас" stands where "нет" would
            return self._denied_noun(tokens, profs, i - 2)
        for j in (i - 1, i - 3, i - 4):
            if j < 0:
                return -1
            if j < i - 1 and (tokens[j + 1] not in gram.prepositions or tokens[j + 2] in gram.pronouns):
                # "проблем с оплатой нет" denies "проблем"; in "бардак у вас, сил нет" "сил" is what is missing
                continue
            if profs[j].nw and not profs[j].info.verb:
                return j if j == 0 or tokens[j - 1] not in senti.negators else -1
        return -1

    def extract(self, norm: Normalized, lem: Lemmatizer) -> Features:
        """The cue scores of one message: word by word, then the patterns over the whole text."""
        f = Features()
        tokens = norm.tokens[:_MAX_TOKENS]
        f.n_tokens = len(tokens)
        cached = self._profiles.get
        # the cache lookup inlined: most tokens were seen before, and a call per token costs
        profs = [cached(t) or self._profile(t, lem) for t in tokens]
        if self._zero_word_rx is not None and self._zero_word_rx.search(norm.raw) is not None:
            self._zero_counts(norm, tokens, profs, f)
        gates = self._gates(norm, profs)
        claims = 0
        if len(norm.tokens) > _MAX_TOKENS:
            # the text goes on past the words profiled: every claim pattern runs, the word tests are
            # made over all the words
            cues, toks = self.cues, norm.tokens
            claims = _C_PATTERNS
            if any(part in t for t in toks for part in cues.hazard_parts):
                claims |= _C_HAZARD_PART
            if any(t.startswith(cues.call_prefixes) for t in toks):
                claims |= _C_CALL_PREFIX
        else:
            for pr in profs:
                claims |= pr.claims
        audience = bool(gates & _G_AUDIENCE) and self.cues.audience_rx.search(norm.text) is not None
        # "SMM-щик, покажи ...", "разрабы, вы ...": a role called out at the start
        head = norm.raw.lstrip()[:40]
        vocative = "," in head and len(head.split(",", 1)[0].split()) <= 2
        walk = _Walk(tokens, profs, audience, vocative, norm.questions > 0)
        self._read_words(f, walk)
        f.contrast = walk.contrast_at is not None
        if walk.contrast_at is not None:
            _weigh_turn(f, *walk.contrast_at)
        self._surface(norm, f, audience, gates, claims)
        read_kinds(norm, f, self.cues.laugh_emoji)
        read_calm_claims(norm, f)
        thanks_weight = lambda word: self._profile(word, lem).pw  # noqa: E731
        read_tone(norm, f, thanks_weight)
        read_frames(norm, f, thanks_weight)
        return f

    def _zero_counts(self, norm: Normalized, tokens: list[str], profs: list[_Profile], f: Features) -> None:
        """A failure counted as none ("0 ошибок", "ноль замечаний") is the success: the noun is read as
        neither a negative word nor a failure (the figure is not a token, so the raw text is read)."""
        for m in self.cues.zero_count_rx.finditer(norm.raw):
            noun = m.group("noun").replace("ё", "е")
            for i, tok in enumerate(tokens):
                pr = profs[i]
                if tok == noun and (pr.nw or pr.event):
                    profs[i] = replace(
                        pr,
                        nw=0.0,
                        event=False,
                        weak_event=False,
                        hazard=False,
                        problem=pr.topic is not None,
                        scored=bool(pr.pw) or pr.fix_request or pr.resolved,
                    )
            f.pos += 1.0
            f.pos_words.append(m.group().strip(" ,.;:!?"))

    def _gates(self, norm: Normalized, profs: list[_Profile]) -> int:
        """Which whole-text patterns could match: those some word of the message could start."""
        if len(norm.tokens) > _MAX_TOKENS:
            return self._gated.all  # the text goes on past the words profiled
        gates = 0
        for pr in profs:
            gates |= pr.gates
        if _MASK_CHARS_RX.search(norm.raw) is not None:
            gates |= self._gated.raw_bits
        return gates

    def _read_words(self, f: Features, w: _Walk) -> None:
        """Word by word: what negation and intensifiers reach, then each cue family a word belongs to."""
        negators, skip_between = self.senti.negators, self.gram.skip_between_negation
        tokens = w.tokens
        n = len(tokens)
        # The last word a negator ("ни"/"без" for none_of) or an intensifier still reaches. Locals, not
        # fields of the walk: they are read at every word. The word before is always tokens[i - 1].
        negated_until = none_of_until = intens_until = -1
        for i, (tok, pr) in enumerate(zip(tokens, w.profs, strict=True)):
            if pr.hazard and i and tokens[i - 1] in _PURPOSE:
                continue  # "средство от плесени", "спрей против клопов": what a product is for
            nxt = tokens[i + 1] if i + 1 < n else ""
            if tok in negators:
                negated_until, none_of_until = self._negation(f, w, i, tok, nxt, none_of_until)
                w.nxt_of_neg = nxt
                continue
            negated = i <= negated_until and nxt != "ли"
            if i <= none_of_until and pr.info.verb:
                negated = i == negated_until - 1 or (i > 0 and tokens[i - 1] in negators)
            if negated and tok in skip_between:
                negated_until = i + 1
            boost = 1.5 if intens_until >= i else 1.0
            if pr.intensifier:
                intens_until = i + 1
            if negated or pr.scored:
                self._sentiment(f, w, i, tok, pr, nxt, negated, boost, i <= none_of_until)
            if pr.toxic:
                self._insult(f, tokens[i - 1] if i else "", tok, pr, nxt)
            if pr.problem:
                self._problem(f, w, i, tok, pr, negated)
                if pr.hazard and not negated:
                    f.hazards.append(tok)
            if pr.jab:
                self._jab(f, w, i, tok, pr, nxt)
            if pr.person:
                if tok == "вы":
                    w.said_you = True
                else:
                    f.first_person = True
            if pr.call or (i and tokens[i - 1] == "давайте"):
                self._call(f, w, i, tok, pr)
            if pr.turn and i > 0:
                if tok in self.gram.contrast:
                    w.contrast_at = (f.pos, f.neg)
                w.after_contrast = True

    def _negation(self, f: Features, w: _Walk, i: int, tok: str, nxt: str, none_of_until: int) -> tuple[int, int]:
        """A negator: how far it reaches (the new negated_until, none_of_until), and what it says by
        itself (a negative noun denied, a thing missing, the wrong thing come)."""
        gram, tokens, profs = self.gram, w.tokens, w.profs
        absent = tok in gram.absent
        denied = self._denied_noun(tokens, profs, i) if absent else -1
        if denied >= 0:
            # "проблем нет", "проблем с оплатой нет?": a negative noun denied
            f.neg = max(f.neg - profs[denied].nw, 0.0)
            if tokens[denied] in f.neg_words:
                f.neg_words.remove(tokens[denied])
            if not w.questions:
                f.pos += 1.0
                f.pos_words.append(tokens[denied] + " нет")
        elif absent and i > 0 and profs[i - 1].topic is not None:
            # "интернета нет", "ответа нет": the thing named is missing
            f.events.append("нет " + tokens[i - 1])
            f.strong_events += 1
        negated_until = i + 1
        if tok in gram.none_of:
            # "ни одного сбоя", "без лишних слов" reach the noun; "без лифта, спасибо" stops at it
            none_of_until = negated_until = i + 2 if nxt.endswith(gram.modifier_endings) else i + 1
        if absent and nxt and not profs[i + 1].info.verb and nxt not in {"ли", "и", "а", "но"}:
            f.events.append("нет " + nxt)
            if profs[i + 1].topic is not None:
                f.strong_events += 1
        elif tok in gram.missing_before and nxt and profs[i + 1].topic is not None:
            f.events.append(tok + " " + nxt)
            f.strong_events += 1
        elif tok == "не" and nxt in gram.wrong_one and (i + 2 >= len(tokens) or tokens[i + 2] not in {"чтобы", "что"}):
            # "прислали не тот цвет", "привезли не те роллы": the wrong thing came
            f.events.append("не " + nxt)
            f.strong_events += 1
        return negated_until, none_of_until

    def _sentiment(
        self,
        f: Features,
        w: _Walk,
        i: int,
        tok: str,
        pr: _Profile,
        nxt: str,
        negated: bool,
        boost: float,
        none_of: bool,
    ) -> None:
        """The word's negative or positive weight, turned by negation (``none_of``: by "ни"/"без"); a
        negated verb as a failure."""
        senti, gram, info = self.senti, self.gram, pr.info
        prev = w.tokens[i - 1] if i else ""
        nw, pw = pr.nw, pr.pw
        if pw and (
            (nxt in senti.greeting_next and tok.startswith("добр")) or (info.verb and info.any_plural_imperative)
        ):
            pw = 0.0  # "добрый день" greets; "помогите", "исправьте" ask
        elif pw and info.verb and prev.startswith(gram.promised_stems):
            # "обещали починить к понедельнику": a promise, not praise
            pw = 0.0
            f.events.append(prev + " " + tok)
            f.strong_events += 1
        if pr.fix_request and info.any_plural_imperative and not negated:
            # "поправьте ссылки", "почините оплату": the author names something to fix
            f.events.append(tok)
            f.strong_events += 1
        if nw and nxt == "за" and "болеть" in info.lemmas:
            nw = 0.0  # "болею за нашу команду"
        if negated and pr.held_up and not w.questions:
            # "после стирки ничего не облезло", "ни одна нитка не вылезла": the thing held up, no failure
            f.pos += 1.0
            f.pos_words.append("не " + tok)
            return
        if negated:
            if nw and pr.hazard and info.verb:
                pass  # "пока кто-то не поранился": a harm feared or escaped is no praise
            elif nw:
                f.pos += 1.0 if none_of or nw >= 1 else 0.3
                f.pos_words.append("не " + tok)
            elif pw:
                f.neg += pw
                f.negated_pos.append("не " + tok)
            # a verb the dictionary lacks still reads as one by its ending: "не начислился", "не грузится"
            odd_verb = not info.known and tok == w.nxt_of_neg and tok.endswith(gram.verb_endings)
            if (info.verb or odd_verb) and not pr.not_call:
                f.events.append("не " + tok)
                if pr.neg_when_negated and not pw:
                    f.neg += 1.0
                    f.negated_pos.append("не " + tok)
                    f.strong_events += 1
                elif (info.finite or odd_verb) and not pr.neutral_when_negated and not pw and not nw:
                    # "баллы не начислили", "доступ так и не открылся": a failure, said calmly
                    f.strong_events += 1
                    f.neg += 0.5
            return
        if nw:
            f.neg += nw * boost
            f.neg_words.append(tok)
        closing = pw and i > 0 and all(t in gram.thanks_closing for t in w.tokens[i + 1 :])
        # a failure told before the thanks, not a pleasure denied ("давно так не смеялась, спасибо")
        told = f.strong_events > 0 or (f.neg >= 1.0 and bool(f.neg_words))
        failed = f.neg >= 2.0 or (closing and f.pos < 1.0 and told)
        if pw and w.contrast_at is None and failed and tok.startswith(gram.thanks_stems) and not f.resolved:
            # "ночь на вокзале, спасибо": thanks standing last after a failure is bitter too
            # "вечер испорчен, спасибо организаторам": thanks after venting is bitter, not praise
            f.neg += 0.5
            f.neg_words.append(tok)
            pw = 0.0
        if pw:
            f.pos += pw * boost
            f.pos_words.append(tok)
            if pr.praise:
                f.praise += 1
                if f.praise_at < 0:
                    f.praise_at = i
                    f.neg_before_praise = len(f.neg_words)
        if pr.resolved and info.finite and tok.endswith(gram.past_endings):
            f.resolved = True

    def _insult(self, f: Features, prev: str, tok: str, pr: _Profile, nxt: str) -> None:
        """Obscene words, and insults: the weak ones only when aimed ("ты", "вы", "ну", "какой" beside)."""
        if pr.obscene:
            f.toxic_words.append(tok)
            f.obscene = True
            return
        aimed = self.gram.second_person
        if pr.insult == 2 or (pr.insult == 1 and (prev in aimed or nxt in aimed or prev in {"ну", "какой"})):
            f.insults.append(tok)
        elif pr.insult == 1:
            f.loose_insults.append(tok)

    @staticmethod
    def _problem(f: Features, w: _Walk, i: int, tok: str, pr: _Profile, negated: bool) -> None:
        """Problem specifics: the service named, and what happened to it."""
        if pr.topic is not None:
            f.topics.append(pr.topic)
        if not pr.event or negated:
            return
        info, prev = pr.info, w.tokens[i - 1] if i else ""
        if pr.weak_event and prev.startswith("продолжа"):
            # "продолжают снимать", "продолжают присылать": it goes on after it should have stopped
            f.events.append(prev + " " + tok)
            f.strong_events += 1
        elif not pr.weak_event:
            f.failures += 1
            f.events.append(tok)
            f.strong_events += 1
        elif info.finite or not info.verb:
            # "сняли", "прислали" report; "взять кредит", "отправьте номер" do not
            f.events.append(tok)
            if w.after_contrast and info.finite:
                # "заявление подал 1-го, а абонентку продолжают снимать": the turn is the failure
                f.strong_events += 1

    def _jab(self, f: Features, w: _Walk, i: int, tok: str, pr: _Profile, nxt: str) -> None:
        """Mockery words, the admins named, someone addressed, a role called out at the start."""
        gram = self.gram
        if pr.troll:
            f.troll += 1.0
            f.troll_cues.append(tok)
        if pr.absurd:
            f.troll += 0.75
            f.troll_cues.append(tok)
        if pr.admin:
            f.admin_jab = True
        if tok in gram.second_person or (tok in gram.you and nxt == "вас"):
            f.second_person = True
        if i <= 1 and pr.staff and (nxt in gram.you or nxt == "а" or w.questions or w.vocative):
            f.troll += 1.0
            f.troll_cues.append(tok)
            f.targeted = True
            if tok.startswith("админ"):
                f.admin_jab = True

    def _call(self, f: Features, w: _Walk, i: int, tok: str, pr: _Profile) -> None:
        """Calls to act: "не покупайте", "пишите всем", "ставим единицы", "давайте завалим"."""
        cues, info = self.cues, pr.info
        prev = w.tokens[i - 1] if i else ""
        if info.any_plural_imperative and not pr.not_call and tok != "давайте":
            # "не ходите", "поделитесь" may also read as "вы (не) ходите": trust them when no "вы" came first
            call = info.plural_imperative or (pr.call_verb and not w.said_you)
            if prev == "не" and call:
                f.campaign += 2.0
                f.campaign_cues.append("не " + tok)
            elif call and pr.call_verb:
                f.campaign += 1.5 if w.audience else 1.0
                f.campaign_cues.append(tok)
            elif w.audience and info.plural_imperative:
                f.campaign += 0.75
                f.campaign_cues.append(tok)
        elif (
            pr.call_verb
            and w.all_at >= i - 3
            and info.verb
            and (info.we_verb if w.all_word == "все" else not info.finite)
            and (prev == "не" or f.neg > 0 or pr.against)
        ):
            # "всем минусовать", "всем советую обходить стороной", "все отписываемся": an order to everyone
            f.campaign += 1.5
            f.campaign_cues.append("всем " + tok)
        elif info.we_verb and pr.call_verb and (w.audience or i == 0):
            f.campaign += 1.5
            f.campaign_cues.append(tok)
        elif prev == "давайте" and (info.verb or not info.known) and not pr.not_call:
            # "давайте завалим", "давайте флудить"
            f.campaign += 2.0 if pr.call_verb or tok.startswith(cues.call_stems) else 1.0
            f.campaign_cues.append("давайте " + tok)
        elif w.audience and pr.call_verb and tok in cues.singular_calls:
            # "каждый подписчик — напиши", "кто пострадал — пиши"
            f.campaign += 1.0
            f.campaign_cues.append(tok)
        if pr.campaign_noun:
            f.campaign += 0.75
            f.campaign_cues.append(tok)
        if tok in self.gram.everyone:
            w.all_at, w.all_word = i, tok

    def _surface(self, norm: Normalized, f: Features, audience: bool, gates: int, claims: int) -> None:
        tox, senti, cues = self.tox, self.senti, self.cues
        text = norm.text
        rxs: tuple[re.Pattern[str], ...] = (cues.detail_digits_rx,) if norm.numbers else ()
        if not cues.detail_words_gate.isdisjoint(norm.tokens):
            rxs += (cues.detail_words_rx,)
        if not cues.app_detail_words.isdisjoint(norm.tokens):
            rxs += (cues.app_detail_rx,)
        for rx in rxs:
            for m in rx.finditer(norm.raw):
                # Patterns stop at a stem ("3 час"); the reason shows the whole word ("3 часа").
                end = m.end()
                while end < len(norm.raw) and norm.raw[end].isalpha():
                    end += 1
                f.details.append(norm.raw[m.start() : end].strip())
                if len(f.details) >= 4:
                    break

        seen_troll_emoji: set[str] = set()
        # "сколько стоит настройка? не настраивали лет 10 🙈": shyness in an asking question with no bad word
        # ("сколько можно ждать? 🙈" keeps its jab)
        asking = norm.emojis and not f.neg_words and cues.question_rx.search(text) is not None
        shy = cues.shy_emoji if asking else frozenset()
        for emo in norm.emojis:
            if emo in shy:
                continue
            if emo in cues.troll_emoji:
                # "🤡🤡🤡" is one jab, not three
                if emo not in seen_troll_emoji and len(seen_troll_emoji) < 2:
                    seen_troll_emoji.add(emo)
                    f.troll += 2.0 if emo == cues.clown_emoji else 1.0 if emo in cues.pointed_emoji else 0.75
                    f.troll_cues.append(emo)
            elif emo in senti.negative_emoji:
                f.neg += 1.0 if emo in senti.strong_negative_emoji else 0.75
            elif emo in senti.positive_emoji:
                f.pos += 0.75
        f.neg += min(norm.sad, 3) * 1.0
        f.pos += min(norm.happy, 3) * 0.6

        idioms = [m.group() for m in senti.negative_phrases_rx.finditer(text)] if gates & _G_NEGATIVE_PHRASES else []
        if idioms:
            f.neg += 1.25 * min(len(idioms), 2)
            f.neg_words.extend(idioms[:2])
        taken = senti.money_taken_rx.search(text) if gates & _G_MONEY_TAKEN else None
        if taken is not None:
            f.neg += 1.0
            f.neg_words.append(taken.group())
            f.events.append(taken.group())
            f.strong_events += 1
        if not cues.failure_phrase_words.isdisjoint(norm.tokens):
            silence = cues.failure_phrase_rx.search(norm.raw)
            if silence is not None:
                # "документы подала в августе. Тишина", "оператор молчит", "пицца приехала ледяная": silence
                # as the answer, food gone ice-cold
                f.events.append(silence.group().strip(" .,;:!?…—–-"))
                f.strong_events += 1
                f.failures += 1
        quits = [m.group() for m in senti.quit_rx.finditer(text)] if gates & _G_QUIT else []
        if quits:
            f.neg += 1.25
            f.neg_words.extend(quits[:1])
            f.quitting = True

        self._intl_and_safety(norm, f, gates, claims)

        if norm.masked:
            f.toxic_words.extend(norm.masked)
            f.obscene = True
        if gates & _G_TOXIC_PHRASES and tox.toxic_phrases_rx.search(text):
            f.insults.append(Cue.RUDE_DISMISSAL)

        laugh = cues.laugh_rx.search(text) if gates & _G_LAUGH else None
        if laugh is not None:
            f.troll += 1.0
            f.laugh = True
            f.troll_cues.append(laugh.group())
            if f.pos == 0 and not norm.happy and (f.second_person or f.topics):
                # laughing at the brand or its service, with nothing pleasant said: a jab
                f.troll += 1.0
                f.targeted = True
        troll_hits = [m.group().strip() for m in cues.troll_rx.finditer(text)] if gates & _G_TROLL else []
        if troll_hits:
            f.troll += 1.0 * min(len(troll_hits), 3)
            f.troll_cues.extend(troll_hits[:3])
        raw = norm.raw
        if gates & _G_MOCK_FRAME and cues.mock_frame_rx.search(raw):
            f.mock_frame = True
            f.troll += 2.0
            f.troll_cues.append(Cue.MOCK_FORMAT)
        irony = [m.group().strip() for m in cues.irony_rx.finditer(raw)] if gates & _G_IRONY else []
        for needed, rx in self._punct_irony:
            # a loop, not any() over a generator: three of them a message
            for ch in needed:
                if ch in raw:
                    break
            else:
                continue
            hit = rx.search(raw)
            if hit is not None:
                irony.append(hit.group().strip())
                if rx is cues.irony_quote_rx and norm.questions:
                    # «Быстрая доставка» — это за неделю?: a claim quoted back as a question
                    f.troll += 1.0
        if irony:
            f.irony = len(irony)
            f.troll += 1.0 * min(len(irony), 2)
            f.troll_cues.extend(irony[:2])
        # "будет ли запись вебинара", "есть ли": a question even without "?"
        f.question = norm.questions > 0 or "ли" in norm.tokens[1:4]
        f.smiley = norm.happy > 0
        f.polite = not cues.polite_words.isdisjoint(norm.tokens) and cues.polite_rx.search(text) is not None
        quotes = norm.raw.count("«") + norm.raw.count('"') // 2
        f.targeted = f.targeted or f.second_person or f.admin_jab or quotes > 0
        # "как отключить рассылку" asks even without "?"
        f.info_question = (
            f.question
            and f.troll == 0
            and (
                cues.question_rx.search(text) is not None
                or (bool(gates & _G_INFO_ANYWHERE) and cues.info_anywhere_rx.search(raw) is not None)
                or intl_info_question(norm.tokens)
            )
        )
        if f.question and not f.info_question and norm.questions == 1 and f.neg <= 0.5:
            # "а кошек без записи принимаете?": "без" in a question sets a condition, it reports nothing
            kept = [e for e in f.events if not e.startswith("без ")]
            f.strong_events = max(f.strong_events - (len(f.events) - len(kept)), 0)
            f.events = kept
        if f.info_question and norm.questions == 1 and f.neg <= 2.0:
            # "а без рецепта можно?", "проблем с парковкой нет?": "без"/"нет" ask, they report nothing
            f.events = [e for e in f.events if not e.startswith(("без ", "нет "))]
            f.strong_events = min(f.strong_events, len(f.events))
        if quotes and f.troll and not f.info_question and not f.irony:
            f.troll += 0.75
            f.troll_cues.append(Cue.MOCKING_QUOTE)
        if f.question and not f.info_question and f.second_person and not f.problem_report and not f.polite:
            f.troll += 1.0

        camp = [m.group() for m in cues.warning_rx.finditer(text)] if gates & _G_WARNING else []
        if camp:
            f.campaign += 1.5 * min(len(camp), 2)
            f.campaign_cues.extend(camp[:2])
        comp = [m.group() for m in cues.competitor_rx.finditer(text)] if gates & _G_COMPETITOR else []
        if comp:
            f.campaign += 1.0 * min(len(comp), 2)
            f.campaign_cues.extend(comp[:2])
        if audience and f.campaign:
            f.campaign += 0.5
        if norm.mentions or norm.urls:
            f.campaign += 0.75 if (comp or f.campaign) else 0.25
            f.campaign_cues.extend((norm.mentions + norm.urls)[:2])
            sale = cues.sale_rx.search(text) if not cues.send_there_words.isdisjoint(norm.tokens) else None
            if sale is not None and cues.send_there_rx.search(text) is not None:
                # a link or @channel with a price pitch: promotion
                f.campaign += 1.75
                f.campaign_cues.append(sale.group())
        rival = ("«" in norm.raw and cues.rival_rx.search(norm.raw) is not None) or (
            bool(norm.mentions) and not cues.recommend_words.isdisjoint(norm.tokens)
        )
        if rival and gates & _G_HERE and cues.here_rx.search(text):
            f.campaign += 2.0
            f.campaign_cues.append(Cue.RECOMMENDS_RIVAL)
        if (f.quitting or f.campaign_cues) and not (norm.mentions or norm.urls):
            self._goodbye(norm, f)

        sarcasm = cues.sarcasm_rx.search(text) if gates & _G_SARCASM else None
        if sarcasm is not None and not self._sincere_not(sarcasm, text):
            f.sarcasm = True
        laughing = [e for e in norm.emojis if e in cues.laugh_emoji]  # read by the irony and the joke
        self._irony_and_calls(norm, f, gates, claims, laughing)
        self._claims(norm, f, claims)

        f.shouting = norm.caps_ratio >= 0.6 or norm.exclaim_runs >= 1 or norm.exclaims >= 3
        if f.shouting:
            f.neg += 0.3
        self._joke(f, laughing)

    def _joke(self, f: Features, laughing: list[str]) -> None:
        """A joke with a laughing emoji and no failure of the brand ("инспектор молча вздыхает 😂", "кот спит
        в вашей коробке 😂"): fun, not a complaint. Any other mockery cue, irony, a failure or a service
        with what happened to it or a bad word, a harm, a call or an insult keeps it a jab."""
        if not laughing or any(c not in laughing and c is not Cue.MOCKING_QUOTE for c in f.troll_cues):
            return
        # the mockery read comes from the laugh and the quotes alone ("кто верит, что ...? 😂" has more)
        if f.troll > 0.75 * len(f.troll_cues) + 1e-9:
            return
        f.joke = not (
            f.failures
            or f.hazards
            or f.sarcasm
            or f.rhetorical
            or f.mock_frame
            or f.irony
            or f.toxic
            or f.quitting
            or f.admin_jab
            or f.negated_pos
            or f.price_rise
            or f.staff_rude
            or f.politics
            or f.campaign
            # a service named with what happened to it or a bad word for it ("за такие цены вам должно
            # быть стыдно 😅") is a jab, not a joke
            or (f.topics and (f.events or f.neg_words))
        )

    def _intl_and_safety(self, norm: Normalized, f: Features, gates: int, claims: int) -> None:
        """English and Ukrainian failure phrases, safety claims a relief word must not cancel, and a weak
        insult said as an address ("..., бараны")."""
        cues, text = self.cues, norm.text
        foreign = _NON_RUSSIAN_RX.search(text) is not None
        if foreign:
            fails = [m.group() for m in self.intl.failure_rx.finditer(text)] if gates & _G_INTL_FAILURE else []
            if fails:
                # "still no refund", "nobody answers", "не бере трубку", "вже тиждень": a failure told
                f.neg += 1.0 * min(len(fails), 2)
                f.neg_words.extend(fails[:2])
                f.events.extend(fails[:2])
                f.strong_events += 1
                f.failures += 1
            vent = self.intl.venting_rx.search(text) if gates & _G_INTL_VENTING else None
            if vent is not None:
                f.neg += 1.25
                f.neg_words.append(vent.group())
                f.quitting = True
            self._english_hazard(norm, f)
        if (foreign or claims & _C_CALL) and gates & _G_INTL_CALL:
            calls = [m.group() for m in self.intl.call_rx.finditer(text)]
            if calls:
                # "не купуйте тут нічого", "оминайте цей магазин", "don't buy from them": the audience called to act
                f.campaign += 2.0 * min(len(calls), 2)
                f.campaign_cues.extend(calls[:2])
        toks = norm.tokens
        harm = cues.near_miss_rx.search(text) if not cues.near_miss_words.isdisjoint(toks) else None
        # a part inside one of the words is a part inside the text (the words joined by spaces), unless a
        # part holds a space itself
        if harm is None and (
            claims & _C_HAZARD_PART if self._parts_in_words else any(part in text for part in cues.hazard_parts)
        ):
            harm = cues.hazard_rx.search(text)
        if harm is not None:
            said = harm.group()
            f.hazards.append(said)
            f.events.append(said)
            f.strong_events += 1
            f.neg += 2.0
            f.neg_words.append(said)
        if f.hazards and f.pos > 0:
            # "хорошо что не проглотила", "luckily nobody was hurt": relief, not praise
            relief = [m.group() for m in cues.relief_rx.finditer(text)]
            if relief:
                f.pos = max(f.pos - 1.0 * len(relief), 0.0)
                f.pos_words = [w for w in f.pos_words if w not in relief]
        voc = cues.vocative_rx.search(norm.raw) if f.loose_insults and len(toks) >= 3 else None
        if voc is not None:
            word = (voc.group(1) or voc.group(2) or "").replace("ё", "е")
            prof = self._profiles.get(word)
            if prof is not None and prof.insult == 1 and word not in f.insults:
                f.insults.append(word)

    def _claims(self, norm: Normalized, f: Features, claims: int) -> None:
        """Classes of claims told without a marker word: harm to the body after a service, a price that
        rose (two figures), rudeness of an employee named by role, a political jab at the brand."""
        cues, text = self.cues, norm.text
        toks = norm.tokens
        # a harm is a claim on the brand when something ties it to the brand: "после вашего бассейна",
        # a role, a purchase, a failure told ("батут порвался"); "живот болит" alone is a bad day
        if claims & _C_HARM and (f.topics or f.failures or _any_word(toks, self._harm_links)):
            for m in cues.harm_rx.finditer(text):
                if cues.harm_purpose_rx.search(text, max(m.start() - 30, 0), m.start()) is not None:
                    continue  # "средство от клещей", "спрей для глаз": what a product is for
                said = m.group()
                if said not in f.hazards:
                    f.harm = True
                    f.hazards.append(said)
                    f.events.append(said)
                    f.strong_events += 1
                    f.neg += 2.0 if len(f.hazards) == 1 else 0.0
                    f.neg_words.append(said)
                    f.info_question = False
                break
        if (
            len(norm.numbers) >= 2
            and cues.price_not_words.isdisjoint(toks)
            and (f.topics or _any_word(toks, self._price_links) or cues.currency_rx.search(norm.raw))
        ):
            for m in cues.price_rise_rx.finditer(norm.raw):
                first = next(g for g in ("a1", "a2", "a3", "a4") if m.group(g) is not None)
                a = _figure(m.group(first))
                b = _figure(m.group("b1") or m.group("b3") or m.group("b4"))
                after = _NEXT_WORD_RX.match(norm.raw, m.end(first))
                counted = after is not None and after.group(1) not in cues.price_next_words
                if a is not None and b is not None and b > a and not counted:
                    # "был 45, стал 62", "с 50 до 150": the brand's own price rose, a claim to answer
                    f.price_rise = True
                    add_price_claim(f, m.group().strip())
                    break
        if claims & _C_RUDE:
            rude = cues.staff_rude_rx.search(text)
            if rude is not None and not (f.quitting and f.n_tokens < 10) and not f.obscene and not f.insults:
                # "администратор Марина накричала", "your agent hung up on me": a person's conduct to fix;
                # with mat, an insult or a leaving ("кассир нахамил, больше ни ногой") it stays venting
                f.staff_rude = True
                f.events.append(rude.group())
                f.strong_events += 1
                f.neg += 1.0
                f.topics.append("обслуживание")
                f.info_question = False
        if not f.info_question and not cues.brand_address.isdisjoint(norm.tokens) and claims & _C_POLITICS:
            jab = cues.politics_rx.search(text)
            if jab is not None:
                # "страну разворовывают, а вы тут про скидки": provocation aimed at the brand
                f.politics = True
                f.troll += 2.0
                f.targeted = True
                f.troll_cues.append(jab.group())
        if not f.politics and not f.info_question:
            self._power_graft(norm, f)
        if not (f.sarcasm or f.troll):
            self._suggested_fix(norm, f)

    def _goodbye(self, norm: Normalized, f: Features) -> None:
        """A happy customer leaving in the first person with thanks or good wishes ("квартиру нашли,
        отписываюсь, удачи всем"): no call and no quit. "все отписывайтесь" or a leaving with a failure,
        a bad word or mat stays what it was."""
        cues, raw = self.cues, norm.raw
        if f.failures or f.strong_events or f.toxic_words or f.insults or f.hazards or f.negated_pos:
            return
        if cues.goodbye_rx.search(raw) is None:
            return
        leaving = cues.goodbye_leaving_rx
        calls = [c for c in f.campaign_cues if not (isinstance(c, str) and leaving.fullmatch(c))]
        others = [w for w in f.neg_words if not leaving.search(w)]
        if calls or others or f.troll_cues:
            return
        f.campaign = 0.0
        f.campaign_cues = []
        if f.quitting:
            f.quitting = False
            f.neg = max(f.neg - 1.25, 0.0)
            f.neg_words = []

    def _is_name(self, raw: str, m: re.Match[str]) -> bool:
        """A product or brand name in quotes ("протеин «Whey Gold»", "взяли «Золотой ключик»"): Latin
        letters only, or a product word or a purchase right before it."""
        inner = m.group(1) or m.group(2) or ""
        if inner.strip() and _LATIN_NAME_RX.fullmatch(inner.strip()) is not None:
            # Latin letters among Cyrillic ones name a brand; in English text the quotes may still mock
            return _CYRILLIC_RX.search(raw) is not None
        before = _LAST_WORD_RX.search(raw, 0, m.start())
        if before is None:
            return False
        head = before.group(1)
        return head.startswith(self.cues.name_heads) or (head in self.cues.name_buys and len(inner.split()) >= 2)

    def _power_graft(self, norm: Normalized, f: Features) -> None:
        """A corruption charge at the authorities ("на автобусы денег нет, а площадь у мэрии — кому откат?
        власть одна шайка"): a political provocation, negative, whatever else it names."""
        cues, text = self.cues, norm.text
        graft = cues.graft_rx.search(text)
        if graft is None or cues.authority_rx.search(text) is None:
            return
        f.politics = True
        f.troll += 2.0
        f.targeted = True
        f.troll_cues.append(graft.group())
        f.neg_words.append(graft.group())

    def _suggested_fix(self, norm: Normalized, f: Features) -> None:
        """A polite suggestion that names a shortcoming ("может, поставите ещё туалет? один на весь зоопарк,
        очередь 20 минут"): a complaint to answer, however kindly put. Its "было бы здорово" is no praise."""
        cues, raw = self.cues, norm.raw
        ask = cues.suggestion_rx.search(raw)
        if ask is None:
            return
        lack = cues.shortcoming_rx.search(raw)
        if lack is None:
            return
        # asked as a question, it still reports what is missing
        f.info_question = False
        kind = [w for w in f.pos_words if isinstance(w, str) and w in ask.group()]
        if kind:
            f.pos_words = [w for w in f.pos_words if w not in kind]
            f.pos = max(f.pos - 1.0 * len(kind), 0.0)
        said = lack.group().strip()
        if f.failures and said in f.neg_words:
            return
        f.events.append(said)
        f.strong_events += 1
        f.failures += 1
        f.neg += 1.0
        f.neg_words.append(said)

    def _english_hazard(self, norm: Normalized, f: Features) -> None:
        """A physical hazard told calmly in English ("the railing wobbles a good few cm", "a loose tile on
        the stairs, someone will trip"): a safety claim; "a good few" is an amount, not praise."""
        intl, raw = self.intl, norm.raw
        if "good" in f.pos_words and intl.good_amount_rx.search(raw) is not None:
            f.pos_words.remove("good")
            prof = self._profiles.get("good")
            f.pos = max(f.pos - (prof.pw if prof is not None else 1.0), 0.0)
        hit = intl.hazard_rx.search(raw)
        if hit is None:
            return
        said = hit.group()
        f.hazards.append(said)
        f.events.append(said)
        f.strong_events += 1
        f.neg += 2.0
        f.neg_words.append(said)
        f.info_question = False

    def _sincere_not(self, match: re.Match[str], text: str) -> bool:
        """Thanks for a harm spared ("спасибо, что не бросили"), not for a service left undone."""
        cues = self.cues
        if not match.group().endswith(" не"):
            return False
        rest = text[match.end() :].split(None, 1)
        if not rest:
            return False
        prof = self._profiles.get(rest[0])
        return prof is not None and (prof.nw > 0 or not cues.sincere_not.isdisjoint(prof.info.lemmas))

    def _irony_and_calls(self, norm: Normalized, f: Features, gates: int, claims: int, laughing: list[str]) -> None:
        """Irony without marker words, rhetorical questions, calm collective calls, competitor tips."""
        senti, cues, gram = self.senti, self.cues, self.gram
        text, raw = norm.text, norm.raw
        toks = norm.tokens
        f.repeat = bool(f.praise or f.topics) and cues.repeat_rx.search(raw) is not None
        hurt = f.first_person and f.neg >= 1.0
        # a negative word after the praise; a weak one is no grievance with a laughing emoji ("спасибо за
        # кресла, теперь меня до закрытия не выгнать 😄") or as the thing thanked for ("спасибо за терпение")
        grievance = any(
            (prof := self._profiles.get(w)) is None or prof.nw >= 1.0 or not (laughing or f"за {w}" in norm.text)
            for w in f.neg_words[f.neg_before_praise :]
        )
        praise_first = 0 <= f.praise_at <= 2 and (
            grievance
            # "отличный сервис, записался на 10:00, приняли в 12:40. зато ...": praise, the facts, an irony mark
            or (bool(f.irony) and (f.problem_report or len(f.details) >= 2))
        )
        if f.praise and not f.contrast and not f.resolved and not hurt and (f.repeat or f.failures or praise_first):
            # "обожаю ждать курьера по 5 часов", "шикарно, третий раз переносят": praise around a grievance
            f.sarcasm = True
            f.troll += 1.0
            f.troll_cues.append(Cue.PRAISE_AROUND_COMPLAINT)
        particle = cues.sarcasm_particle_rx.search(text) if not cues.sarcasm_particle_words.isdisjoint(toks) else None
        if particle is not None:
            f.sarcasm = True
            f.troll += 1.0
            f.troll_cues.append(particle.group())
            if norm.raw.count("«") or '"' in norm.raw:
                f.troll += 0.5
        rhetoric = (norm.questions and gates & _G_RHETORIC and cues.rhetoric_rx.search(raw)) or (
            gates & _G_RHETORIC_PLAIN and cues.rhetoric_plain_rx.search(text)
        )
        if rhetoric and not f.polite:
            f.rhetorical = True
            f.troll += 1.5
            f.targeted = True
            f.troll_cues.append(Cue.RHETORICAL_QUESTION)
            f.info_question = False
        punch = cues.punchline_rx.search(text) if f.pos_words and gates & _G_PUNCHLINE else None
        if 0 <= f.praise_at <= 2 and not f.contrast and "особенно" in norm.tokens[f.praise_at + 1 :]:
            # "обожаю ваш отель, особенно утренний перфоратор"
            f.sarcasm = True
            f.troll += 1.0
            f.troll_cues.append(Cue.BARBED_PRAISE)
        pointed = [e for e in norm.emojis if e in cues.pointed_emoji]
        if pointed and (f.neg_words or f.events or f.question or f.negated_pos):
            # "дедлайны есть, знаний нет 👏", "когда поднимете цены? 😏": a pointed emoji after a jab
            f.troll += 1.0
            f.targeted = True
            f.troll_cues.append(pointed[0])
        if punch is not None and not f.resolved and (punch.group(1) is None or punch.group(1) in f.pos_words):
            # "такой удобный, что даже кот отказывается", "обожаю ..., особенно ..."
            f.sarcasm = True
            f.troll += 1.0
            f.troll_cues.append(Cue.BARBED_PRAISE)
        you = f.question and any(t in gram.formal_you or (t.endswith("ете") and len(t) > 5) for t in toks)
        if (
            f.question
            and you
            and not f.rhetorical
            and not f.strong_events
            and f.neg < 1.0
            # "спасибо за чистку пальто! а пуховики тоже берёте?": a question after praise asks
            and f.pos < 2.0
            and cues.rhetoric_alt_rx.search(text) is not None
        ):
            # "книги у вас для чтения или для интерьера?", "а зубы вы тоже по подписке лечите?"
            f.rhetorical = True
            f.troll += 1.5
            f.targeted = True
            f.troll_cues.append(Cue.RHETORICAL_QUESTION)
            f.info_question = False
        if (
            not cues.audience_mock_words.isdisjoint(toks)
            and cues.audience_mock_rx.search(text) is not None
            and not f.info_question
        ):
            f.troll += 1.5
            f.targeted = True
            f.troll_cues.append(Cue.AUDIENCE_MOCKERY)
        if f.topics or f.details:
            why = bool(gates & _G_WHY) and cues.why_rx.search(raw) is not None and f.question
            mismatch = cues.mismatch_rx.search(raw) if gates & _G_MISMATCH else None
            if mismatch is None and len(norm.numbers) >= 2 and ", а " in raw:
                # "в корзине 1890, а при оплате 2140": one figure promised, another charged
                mismatch = cues.figures_clash_rx.search(raw)
            if mismatch is None and f.repeat and f.topics and not f.pos:
                # "третий день так", "второй раз подряд" about a service
                mismatch = cues.repeat_rx.search(raw)
            if why or mismatch is not None:
                # "почему цена выросла с 8400 до 13900?", "по факту окна во двор": a claim versus reality
                f.events.append(mismatch.group() if mismatch is not None else "почему")
                f.strong_events += 1
                f.info_question = False
            elif (
                f.topics
                and len(f.details) >= 2
                and f.pos < 1.0
                and not f.info_question
                and not f.strong_events
                and any(gram.id_detail_rx.match(d) for d in f.details)
            ):
                # order number, date, sum and a service named, no praise: a report told by its facts
                f.events.append(Cue.FACTS)
                f.strong_events += 1
        elif norm.numbers and cues.detail_number_rx.search(raw) is not None:
            f.details.append(Cue.NUMBER)
        praise = [m.group() for m in senti.positive_phrases_rx.finditer(text)] if gates & _G_POSITIVE_PHRASES else []
        if praise:
            f.pos += 1.5 * min(len(praise), 2)
            f.pos_words.extend(praise[:2])
        self._evaluation(norm, f, gates)
        # a word opening with one of the call prefixes (the same test as CALL_GATE_RX, without the regex pass)
        if not claims & _C_CALL_PREFIX:
            self._outraged(norm, f)
            return
        orgs = [m.group() for m in cues.organise_rx.finditer(text)] if gates & _G_ORGANISE else []
        if orgs:
            f.campaign += 2.0 * min(len(orgs), 2)
            f.campaign_cues.extend(orgs[:2])
        promo = [m.group() for m in cues.promo_rx.finditer(raw)]
        if "«" in raw:
            promo.extend(m.group() for m in cues.promo_quote_rx.finditer(raw))
        if promo:
            f.campaign += 1.5 * min(len(promo), 2)
            f.campaign_cues.extend(promo[:2])
            if norm.mentions or norm.urls:
                f.campaign += 0.75
        self._outraged(norm, f)
        calls = [m.group() for m in cues.collective_rx.finditer(text)] if gates & _G_COLLECTIVE else []
        if calls:
            f.campaign += 1.5 * min(len(calls), 2)
            f.campaign_cues.extend(calls[:2])
        tips = [m.group() for m in cues.competitor_plus_rx.finditer(text)] if gates & _G_COMPETITOR_PLUS else []
        if tips:
            f.campaign += 1.0 * min(len(tips), 2)
            f.campaign_cues.extend(tips[:2])

    def _evaluation(self, norm: Normalized, f: Features, gates: int) -> None:
        """Judgement carried by the sentence shape: comparisons, jabs at "вы", irony markers, thanks to staff."""
        cues = self.cues
        text, toks = norm.text, norm.tokens
        aimed = f.second_person or bool(f.topics) or f.admin_jab
        # every pattern below needs one of its words: a set check spares the whole-text pass
        comp = None if cues.comparative_words.isdisjoint(toks) else cues.compare_rx.search(text)
        if comp is not None:
            # "у моей бабушки выбор богаче", "в кафе напротив и то быстрее": the brand put below someone
            f.neg += 1.0
            f.troll += 1.0
            f.targeted = True
            f.troll_cues.append(comp.group())
            f.info_question = False
        if f.question and comp is None and "чем" in toks and not cues.comparative_words_any.isdisjoint(toks):
            # "а доставка дронами будет раньше, чем ответ поддержки?": a comparison asked, not a question
            f.troll += 1.0
            f.targeted = True
            f.troll_cues.append(Cue.COMPARISON_QUESTION)
            f.info_question = False
        jab = None if cues.jab_words.isdisjoint(toks) else cues.jab_rx.search(text)
        if jab is not None and not f.polite:
            # venting as often as mocking: negative for sure, trolling only with other cues
            f.neg += 1.0
            f.troll += 0.75
            f.targeted = True
            f.troll_cues.append(jab.group())
            f.info_question = False
        if "бы" in toks and not f.polite and cues.counterfactual_rx.search(text):
            # "вам бы в цирк", "вы бы так быстро заказы возили, как посты удаляете": advice as a jab
            f.neg += 0.5
            f.troll += 1.0
            f.targeted = True
            f.troll_cues.append(Cue.CONDITIONAL_ADVICE)
        if "«" in norm.raw or '"' in norm.raw:
            self._scare_quotes(norm, f)
        if aimed and not f.info_question and f.pos < 1.0:
            gate = not cues.irony_mark_words.isdisjoint(toks) or "очередн" in text
            mark = cues.irony_mark_rx.search(text) if gate else None
            if mark is not None:
                # "как всегда", "очередной сбой", "ждём вечность": weariness or irony at the brand
                f.neg += 0.5
                f.troll += 0.5
                f.troll_cues.append(mark.group())
        if (
            f.pos == 0
            and not f.question
            and (f.second_person or f.neg > 0)
            and toks
            and toks[0] in cues.exclaim_heads
            and cues.exclaim_rx.search(text)
        ):
            # "какой же бардак у вас", "ну и сервис": an exclamation of judgement with nothing kind said
            f.neg += 1.0 if f.second_person else 0.75
        if (
            not f.neg_words
            and not f.contrast
            and gates & _G_THANKS_STAFF
            and cues.thanks_staff_rx.search(text) is not None
        ):
            f.pos += 1.0
            f.pos_words.append(Cue.THANKS_TO_STAFF)
            f.commended = True
        if not cues.commend_words.isdisjoint(toks) and cues.commend_rx.search(text) is not None:
            # "дайте человеку премию", "передайте ему спасибо": a person praised, beyond thanks
            f.commended = True
            if not f.pos_words and not f.contrast:
                # "дайте человеку премию" with no praise word: the praise is the request itself
                f.pos += 1.0
                f.pos_words.append(Cue.THANKS_TO_STAFF)

    def _scare_quotes(self, norm: Normalized, f: Features) -> None:
        """«Заботу о клиентах», «революционный» тариф: praise words in quotes are the brand's, held up to mock."""
        quoted = named = 0.0
        for m in _QUOTED_RX.finditer(norm.raw):
            name = self._is_name(norm.raw, m)
            for w in _WORD_RX.findall(m.group(1) or m.group(2) or ""):
                prof = self._profiles.get(w)
                if prof is not None and prof.pw:
                    if not name:
                        quoted += prof.pw
                    elif w in f.pos_words:
                        # "Whey Gold", «Золотой ключик»: a name's words are no praise either way
                        named += prof.pw
                        f.pos_words.remove(w)
        if named:
            f.pos = max(f.pos - named, 0.0)
        if quoted and f.pos - quoted < 1.0:
            f.pos = max(f.pos - quoted, 0.0)
            f.troll += 1.0
            f.targeted = True
            f.troll_cues.append(Cue.PRAISE_IN_QUOTES)

    def _outraged(self, norm: Normalized, f: Features) -> None:
        gram = self.gram
        raw = norm.raw
        if f.sarcasm and ("«" in raw or raw.count('"') >= 2) and not f.details:
            # 'ну конечно "в течение 5 рабочих дней"': the brand's words quoted back with sarcasm
            f.troll += 2.0
            f.troll_cues.append(Cue.SARCASTIC_QUOTE)
        if norm.question_runs and not f.info_question and any(t in gram.formal_you for t in norm.tokens):
            # "у вас вообще сердце есть??": an outraged question
            f.neg += 1.0


def _any_of(pieces: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern found in a text exactly when one of ``pieces`` is in it (None: there are none)."""
    return any_of(pieces) if pieces else None


def _word_starts(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A list of word starts, those ending in "$" kept as whole words ("от$" is not "отцу")."""
    return frozenset(w[:-1] for w in words if w.endswith("$")), tuple(w for w in words if not w.endswith("$"))


def _any_word(tokens: list[str], starts: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    whole, prefixes = starts
    return any(t in whole or t.startswith(prefixes) for t in tokens)


def _figure(said: str | None) -> float | None:
    """A figure as written ("42", "1 150", "7.99", "12,5"), or None."""
    if said is None:
        return None
    try:
        return float(said.replace(" ", "").replace(",", "."))
    except ValueError:
        return None


@cache
def shared_extractor() -> FeatureExtractor:
    """One extractor per process: the data files are read once, the word caches shared."""
    return FeatureExtractor(lexicon())
