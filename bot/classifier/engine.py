"""The rules engine: normalise → cues → label, toxic flag, confidence, reasons, problem."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.classifier.context import ContextSignals, ContextTracker
from bot.classifier.features import FeatureExtractor, Features, shared_extractor
from bot.classifier.normalize import Normalized, normalize
from bot.domain.verdicts import Label, MessageIn, Reason, ReasonCode, Verdict
from bot.language.morph import Lemmatizer, shared_lemmatizer

# Tuned on the dev sets (see evaluate.py); the rules themselves are hand-written.
NEGATIVE_THRESHOLD = 1.0
DIRECTED_THRESHOLD = 2.0
TROLL_THRESHOLD = 2.0
SPECIFIC_THRESHOLD = 2.0


@dataclass(slots=True)
class _Scores:
    negativity: float
    specificity: float
    troll: float
    campaign: float


@dataclass(slots=True)
class Judgement:
    """What the rules saw and decided for one message."""

    verdict: Verdict
    norm: Normalized
    features: Features
    scores: _Scores
    context: ContextSignals | None
    context_reasons: list[Reason]


def _squash(x: float) -> float:
    return 1.0 - math.exp(-max(x, 0.0))


def _scores(f: Features, campaign_bonus: float = 0.0) -> _Scores:
    neg = f.neg - 0.6 * f.pos
    if f.sarcasm:
        neg = f.neg + 0.5 * f.pos + 1.5
    if f.toxic:
        neg += 1.2 if f.obscene else 1.5
    troll = f.troll
    hurt = f.first_person and f.neg >= 2.0 and f.troll <= 1.0
    if f.sarcasm and not f.problem_report and not f.failures and not hurt:
        # "вы испортили мне вечер, спасибо": bitter thanks for one's own harm is venting, not mockery;
        # irony around a failure ("вок доехал холодным, спасибо") is a complaint, not mockery either
        troll += 1.0
    if f.admin_jab and (f.troll or f.neg or f.second_person):
        troll += 1.0
    if f.insults and f.second_person:
        troll += 0.5
    return _Scores(neg, f.specificity, troll, f.campaign + campaign_bonus)


def _jab_question(s: _Scores, f: Features) -> bool:
    """A jab asked as a question ("кто-то реально верит, что у них 5G?"): a cue of mockery, not of fun."""
    if not f.question or f.info_question or f.polite or f.smiley or f.pos >= 1.5 or not f.troll_cues:
        return False
    return s.troll - (1.0 if f.laugh else 0.0) >= 1.0


def _is_negative(s: _Scores, f: Features) -> bool:
    reported = f.problem_report and f.strong_events > 0 and s.specificity >= SPECIFIC_THRESHOLD + 1.0
    thanked = f.thanked
    calm = s.negativity < 2.0 and not f.toxic and s.campaign < DIRECTED_THRESHOLD
    if f.joke and s.negativity < 2.5:
        # a joke with a laughing emoji and no failure of the brand: fun, not a complaint
        return False
    if f.info_question and not reported and calm:
        return False
    return (
        s.negativity >= NEGATIVE_THRESHOLD
        or (f.toxic and s.negativity > -0.5)
        or (
            f.problem_report
            and s.negativity > (-1.0 if f.strong_events or f.details else 0.0)
            and not thanked
            # "курьер донёс 4 бутыли без лифта, дайте премию": the hardship overcome, not a failure
            and not f.praise_only
        )
        or s.campaign >= DIRECTED_THRESHOLD
        # a price rise told by its figures, an employee's rudeness, a political jab at the brand
        or ((f.price_rise or f.staff_rude or f.politics or f.price_compare or f.accusation) and not f.thanked)
        or (s.troll >= 1.5 and f.targeted and f.pos < 2)
        or f.mock_frame
        or (s.troll >= TROLL_THRESHOLD and f.pos < s.troll + 1.0)
        or s.troll >= TROLL_THRESHOLD + 1.0
        or (s.troll >= 1.0 and f.targeted and s.negativity > 0)
        # a jab asked as a question ("кто-то реально верит, что у них 5G?"): no answer is wanted
        or _jab_question(s, f)
    )


def _negative_label(s: _Scores, f: Features) -> tuple[Label, float]:
    """The doctrine label for a negative message and how clearly it won (margin ≥ 0)."""
    if s.campaign >= DIRECTED_THRESHOLD:
        return Label.DIRECTED, s.campaign - DIRECTED_THRESHOLD + 0.5
    if s.campaign >= DIRECTED_THRESHOLD - 0.5 and s.negativity >= 1.0 and f.campaign_cues:
        # one clear call ("репостните в чаты", "все кидаем жалобы") on top of anger: the anger is the fuel
        return Label.DIRECTED, 0.25
    if f.mock_frame and not f.details:
        return Label.TROLLING, s.troll - TROLL_THRESHOLD + 0.5
    if f.politics and not f.hazards:
        # "вы тоже часть системы": a provocation, whatever service it names on the way
        return Label.TROLLING, 0.25 + 0.25 * max(s.troll - 2.0, 0.0)
    if f.price_compare or f.accusation:
        # "на Озоне 690, у вас 1150", "места продаются": a price or a claim the company answers with facts;
        # with an insult ("лохов разводите") the comparison is only the vehicle of a jab
        if f.insults:
            return Label.TROLLING, 0.25 + 0.25 * max(s.troll - 1.0, 0.0)
        return Label.CONSTRUCTIVE, 0.25 + 0.25 * min(s.specificity - 1.0, 2.0)
    if f.hazards and (f.harm or not f.rhetorical or f.first_person or s.negativity >= 3.0):
        # a health or safety claim ("клопы", "ржавая вода") is answered as a report, never as a joke;
        # "а тараканы у вас за доплату?" with nothing else said stays a jab
        return Label.CONSTRUCTIVE, 0.25 + 0.25 * min(s.specificity, 2.0)
    if f.irony_facts and not (f.insults or f.toxic or f.admin_jab or f.campaign_cues):
        # "отличный сервис 👏 бронь отдали корпоративу, ждали час десять 😂": the laugh is bitter, the facts
        # are a complaint to answer
        return Label.CONSTRUCTIVE, 0.25 + 0.25 * min(s.specificity, 2.0)
    concrete = (f.failures or len(f.details) >= 2) and s.troll <= TROLL_THRESHOLD + 1.0
    if f.sarcasm and f.praise and concrete and not (f.rhetorical or f.toxic or f.quitting or f.shouting or f.laugh):
        # irony: praise words around a concrete failure ("спасибо, вок доехал идеально холодным", "отличный
        # сервис, записался на 10:00, приняли в 12:40") is a complaint to answer, not mockery and not
        # venting; laughter at the admins or mockery piled on ("моргните дважды") stays a jab
        return Label.CONSTRUCTIVE, 0.25 + 0.25 * min(s.specificity, 2.0)
    if f.staff_rude or (f.price_rise and s.troll < TROLL_THRESHOLD + 1.0):
        # "кассир Людмила швырнула сдачу", "был 45, стал 62": a person or a price the company can answer for
        return Label.CONSTRUCTIVE, 0.25 + 0.25 * min(s.specificity - 1.0, 2.0)
    if f.rhetorical and s.specificity < SPECIFIC_THRESHOLD + 1.0 and s.negativity < 2.0 and not f.toxic:
        # "может, ещё за воздух брать начнёте?": a jab dressed as a question
        return Label.TROLLING, 0.25 + 0.25 * max(s.troll - 1.5, 0.0)
    if s.troll >= TROLL_THRESHOLD and s.specificity < s.troll + 1.0:
        return Label.TROLLING, s.troll - max(s.specificity - 1.0, TROLL_THRESHOLD - 0.5)
    if s.specificity >= SPECIFIC_THRESHOLD and f.problem_report:
        return Label.CONSTRUCTIVE, s.specificity - max(SPECIFIC_THRESHOLD - 0.5, s.troll)
    if s.troll >= 1.0 and s.specificity < max(1.0, s.troll - 0.5) and not f.shouting and not f.toxic:
        return Label.TROLLING, 0.25
    if s.specificity >= SPECIFIC_THRESHOLD + 1.0:
        return Label.CONSTRUCTIVE, 0.25
    if f.failures and s.negativity <= 2.0 and f.n_tokens >= 5 and not (f.shouting or f.toxic or f.quitting):
        # "тёмная тема сломалась: белый текст на белом фоне": a thing that broke, told calmly
        return Label.CONSTRUCTIVE, 0.25
    return Label.IMPULSIVE, max(SPECIFIC_THRESHOLD - s.specificity, 0.0) * 0.5 + (0.5 if f.shouting else 0.0)


# The reasons that carry no words, built once.
_UNREADABLE = Reason(ReasonCode.UNREADABLE)
_NO_SPECIFICS = Reason(ReasonCode.NO_SPECIFICS)
_SHOUTING = Reason(ReasonCode.SHOUTING)
_ADMIN_JAB = Reason(ReasonCode.ADMIN_JAB)
_SARCASM = Reason(ReasonCode.SARCASM)


def _reasons(label: Label, f: Features, problem: str | None) -> list[Reason]:
    # Words of the message go in as they are; lists that may also hold a Cue go through Reason.of.
    out: list[Reason] = []
    if f.obscene:
        out.append(Reason(ReasonCode.PROFANITY, tuple(dict.fromkeys(f.toxic_words[:3]))))
    if f.insults:
        out.append(Reason.of(ReasonCode.INSULT, dict.fromkeys(f.insults[:3])))
    if label is Label.CONSTRUCTIVE:
        if problem:
            out.append(Reason(ReasonCode.PROBLEM, (problem,)))
        if f.details:
            out.append(Reason.of(ReasonCode.DETAILS, f.details[:2]))
        if f.events:
            out.append(Reason.of(ReasonCode.EVENTS, dict.fromkeys(f.events[:2])))
    elif label is Label.IMPULSIVE:
        out.append(_NO_SPECIFICS)
        if f.shouting:
            out.append(_SHOUTING)
    elif label is Label.TROLLING:
        if f.admin_jab:
            out.append(_ADMIN_JAB)
        if f.troll_cues:
            out.append(Reason.of(ReasonCode.MOCKERY, dict.fromkeys(f.troll_cues[:2])))
    elif label is Label.DIRECTED and f.campaign_cues:
        out.append(Reason.of(ReasonCode.CALL, dict.fromkeys(f.campaign_cues[:2])))
    if f.sarcasm:
        out.append(_SARCASM)
    if label.negative and f.negated_pos:
        out.append(Reason(ReasonCode.NEGATION, tuple(f.negated_pos[:2])))
    if label.negative and f.neg_words and label is not Label.CONSTRUCTIVE:
        out.append(Reason(ReasonCode.NEGATIVE_WORDS, tuple(dict.fromkeys(f.neg_words[:3]))))
    if label is Label.POSITIVE and f.pos_words:
        out.append(Reason.of(ReasonCode.POSITIVE_WORDS, dict.fromkeys(f.pos_words[:3])))
    return out


def _confidence(label: Label, s: _Scores, f: Features, margin: float) -> float:
    if label.negative:
        strength = _squash(s.negativity / 2.0)
        conf = 0.35 + 0.35 * strength + 0.25 * _squash(margin)
    elif label is Label.POSITIVE:
        conf = 0.4 + 0.5 * _squash((f.pos - max(f.neg, 0.0)) / 2.0)
    else:
        # "nothing found" is weak evidence: an explicit information question is stronger
        quiet = 1.0 - _squash(abs(s.negativity) + f.pos / 2.0)
        conf = 0.35 + 0.2 * quiet + (0.2 if f.info_question else 0.0)
    return round(min(max(conf, 0.05), 0.97), 3)


def _context_tokens(norm: Normalized) -> list[str]:
    # word heads, so that "забрал/забрала", "пропал/пропала" still read as copies
    return [t[:5] for t in norm.tokens[:200]]


class RulesClassifier:
    """Explainable rules over pymorphy3 lemmas and hand-written lexicons, with per-chat context."""

    def __init__(
        self,
        lemmatizer: Lemmatizer | None = None,
        context: ContextTracker | None = None,
        features: FeatureExtractor | None = None,
    ) -> None:
        self._lem = lemmatizer if lemmatizer is not None else shared_lemmatizer()
        self.context = context if context is not None else ContextTracker()
        # The data files are read here, at construction: a broken one stops the bot at start with
        # DataFileError, rather than turning every verdict into the fallback one.
        self._features = features if features is not None else shared_extractor()

    def note_join(self, chat_id: int, user_id: int, date: int) -> None:
        try:
            self.context.note_join(chat_id, user_id, date)
        except Exception:  # noqa: BLE001 - context is a hint; never break the caller
            return

    def wave_members(self, chat_id: int, wave_id: str) -> tuple[tuple[int, int], ...]:
        """(user_id, message_id) of every member of a live wave, oldest first; empty when unknown."""
        try:
            return self.context.wave_members(chat_id, wave_id)
        except Exception:  # noqa: BLE001 - context is a hint; never break the caller
            return ()

    def knows(self, chat_id: int) -> bool:
        """Whether this process has held the chat's recent history (see ``recall``): false only for a
        chat it has not seen since it started, not for one the context's memory budget dropped."""
        return self.context.held_before(chat_id)

    def recall(self, messages: Sequence[tuple[MessageIn, str | None]]) -> None:
        """Put a chat's earlier negative messages, kept elsewhere, back into its context, oldest first,
        each with the wave it was in: after a restart the memory is empty, and a copy of one of them
        must still reveal its wave, under the same id."""
        for message, wave_id in messages:
            try:
                self.context.recall(
                    chat_id=message.chat_id,
                    user_id=message.user_id,
                    message_id=message.message_id,
                    date=message.date,
                    tokens=_context_tokens(normalize(message.text)),
                    wave_id=wave_id,
                )
            except Exception:  # noqa: BLE001 - context is a hint; never break the caller
                return

    def classify(self, message: MessageIn) -> Verdict:
        try:
            return self._classify(message)
        except Exception:  # noqa: BLE001 - one odd message must never break the bot
            return Verdict(Label.NEUTRAL, False, 0.05, (_UNREADABLE,))

    def _classify(self, message: MessageIn) -> Verdict:
        return self.judge(message).verdict

    def judge(self, message: MessageIn) -> Judgement:
        """The rules' verdict with what it was read from (the learned layer's features)."""
        norm = normalize(message.text)
        f = self._features.extract(norm, self._lem)
        s = _scores(f)
        negative = _is_negative(s, f)

        ctx: ContextSignals | None = None
        if message.chat_id and message.user_id and message.date:
            ctx = self.context.observe(
                chat_id=message.chat_id,
                user_id=message.user_id,
                message_id=message.message_id,
                date=message.date,
                edited=message.edited,
                tokens=_context_tokens(norm),
                negative=negative or s.negativity > 0,
                verdict_negative=negative,
            )

        extra_reasons: list[Reason] = []
        wave_id: str | None = None
        copies = 0
        if ctx is not None:
            if ctx.newcomer_age is not None and negative:
                s.campaign += 1.25
                extra_reasons.append(Reason(ReasonCode.NEWCOMER, (str(max(ctx.newcomer_age // 60, 1)),)))
            # A wave is an attack only when it carries negativity: this copy reads negative, or an
            # earlier copy did and this one is not praise. Copies of an innocent question or of thanks
            # keep their own label and get no wave_id (so no wave card); extra["copies"] still tells.
            praise = f.pos >= 1.0 and f.pos > f.neg + 0.3
            if ctx.wave_id is not None and (negative or (ctx.wave_negative and not praise)):
                wave_id = ctx.wave_id
                negative = True
                extra_reasons.insert(0, Reason(ReasonCode.WAVE, (str(ctx.wave_accounts),)))
            elif ctx.wave_id is not None:
                copies = ctx.wave_accounts
            if ctx.burst:
                extra_reasons.append(Reason(ReasonCode.BURST, (str(ctx.burst),)))

        if negative:
            if wave_id is not None:
                label, margin = Label.DIRECTED, 2.0 + 0.25 * ctx.wave_accounts if ctx else 2.0
            else:
                label, margin = _negative_label(s, f)
        elif (f.pos >= (2.0 if f.question else 1.0) and f.pos > f.neg + 0.3 and not f.insults) or (
            f.thanked and f.pos >= 2.0 and not f.question and not f.toxic
        ):
            label, margin = Label.POSITIVE, f.pos - f.neg
        else:
            label, margin = Label.NEUTRAL, 1.0

        problem: str | None = None
        if label.negative and f.topics:
            problem = f.topics[0]
        reasons = extra_reasons + _reasons(label, f, problem)
        extra: dict[str, object] = {
            "negativity": round(s.negativity, 2),
            "specificity": round(s.specificity, 2),
            "trolling": round(s.troll, 2),
            "campaign": round(s.campaign, 2),
        }
        if copies:
            # the same innocent text from several accounts: for information only
            extra["copies"] = copies
        if wave_id is not None and ctx is not None:
            extra["wave_message_ids"] = tuple(mid for _, mid in ctx.wave_members)
            extra["wave_user_ids"] = tuple(uid for uid, _ in ctx.wave_members)
        verdict = Verdict(
            label=label,
            toxic=f.toxic,
            confidence=_confidence(label, s, f, margin),
            # each code comes at most once (see _reasons): no duplicates to drop
            reasons=tuple(reasons),
            problem=problem,
            wave_id=wave_id,
            extra=extra,
        )
        return Judgement(verdict, norm, f, s, ctx, extra_reasons)


def create_classifier(*, learned: bool = False, context: ContextTracker | None = None) -> RulesClassifier:
    """A ready classifier (pymorphy3 is loaded once per process and shared).

    ``learned``: the learned layer (bot/classifier/learned.py) decides the label and the toxic flag over
    the rules' reading; off, the rules decide alone.
    """
    if learned:
        from bot.classifier.learned import LearnedClassifier

        return LearnedClassifier(context=context)
    return RulesClassifier(context=context)
