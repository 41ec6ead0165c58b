"""Per-chat context: copy-paste waves, outages, edits, newcomers, bounds and expiry."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, Reason, ReasonCode, RulesClassifier, create_classifier
from bot.classifier.context import ContextTracker, near_duplicate, shingles

CHAT = -100123
T0 = 1_764_000_000

WAVE = [
    "Заказ не пришёл уже месяц, деньги не вернули. Это мошенники, будьте осторожны",
    "заказ не пришел уже месяц, деньги так и не вернули, это мошенники!!",
    "ЗАКАЗ НЕ ПРИШЁЛ УЖЕ МЕСЯЦ, ДЕНЬГИ НЕ ВЕРНУЛИ. ЭТО МОШЕННИКИ, БУДЬТЕ ОСТОРОЖНЫ",
]
OUTAGE = [
    "Третий день нет интернета на Ленина 45, договор 7712034",
    "У кого ещё пропал интернет? Северный район, роутер горит красным, заявка 5561",
    "с 21:05 нет соединения, перезагрузка роутера не помогает, договор 88120",
    "тоже без интернета, Есенина 14, на терминале мигает лампочка",
]


@pytest.fixture()
def clf() -> RulesClassifier:
    return create_classifier()


def _msg(text: str, user: int, offset: int, mid: int = 0, edited: bool = False) -> MessageIn:
    return MessageIn(text=text, chat_id=CHAT, user_id=user, date=T0 + offset, message_id=mid or user, edited=edited)


def test_copy_paste_wave_is_directed_from_second_message(clf: RulesClassifier) -> None:
    verdicts = [clf.classify(_msg(t, 1000 + i, 40 * i)) for i, t in enumerate(WAVE)]
    assert verdicts[0].wave_id is None
    assert verdicts[1].label is Label.DIRECTED and verdicts[2].label is Label.DIRECTED
    assert verdicts[1].wave_id is not None
    assert verdicts[1].wave_id == verdicts[2].wave_id
    assert Reason(ReasonCode.WAVE, ("3",)) in verdicts[2].reasons  # three accounts so far


def test_same_text_alone_is_not_a_wave(clf: RulesClassifier) -> None:
    v = clf.classify(MessageIn(text=WAVE[1]))
    assert v.label is not Label.DIRECTED and v.wave_id is None


def test_genuine_outage_in_own_words_stays_constructive(clf: RulesClassifier) -> None:
    verdicts = [clf.classify(_msg(t, 2000 + i, 60 * i)) for i, t in enumerate(OUTAGE)]
    assert all(v.wave_id is None for v in verdicts)
    assert [v.label for v in verdicts] == [Label.CONSTRUCTIVE] * len(OUTAGE)


def test_same_user_edit_is_not_a_second_wave_member(clf: RulesClassifier) -> None:
    first = clf.classify(_msg(WAVE[0], 3000, 0, mid=77))
    edit = clf.classify(_msg(WAVE[0] + "!!!", 3000, 30, mid=77, edited=True))
    repost = clf.classify(_msg(WAVE[1], 3000, 60, mid=78))
    assert first.wave_id is None and edit.wave_id is None and repost.wave_id is None
    assert clf.context.messages_in(CHAT) == 2  # the edit replaced its original
    other = clf.classify(_msg(WAVE[2], 3001, 90))
    assert other.wave_id is not None and other.label is Label.DIRECTED


def test_wave_window_expires(clf: RulesClassifier) -> None:
    clf.classify(_msg(WAVE[0], 4000, 0))
    late = clf.classify(_msg(WAVE[1], 4001, 3 * 3600))
    assert late.wave_id is None


def test_short_identical_complaints_are_not_a_wave(clf: RulesClassifier) -> None:
    verdicts = [clf.classify(_msg("не работает приложение", 5000 + i, 10 * i)) for i in range(4)]
    assert all(v.wave_id is None for v in verdicts)


def test_newcomer_posting_negative_gets_a_directed_cue(clf: RulesClassifier) -> None:
    clf.note_join(CHAT, 6000, T0)
    v = clf.classify(_msg("ужасный магазин, мошенники, будьте осторожны", 6000, 120))
    assert v.label is Label.DIRECTED
    assert any(r.code is ReasonCode.NEWCOMER for r in v.reasons)
    veteran = clf.classify(_msg("ужасный магазин, сплошной обман", 6001, 130))
    assert not any(r.code is ReasonCode.NEWCOMER for r in veteran.reasons)


def test_burst_of_negative_adds_a_reason(clf: RulesClassifier) -> None:
    texts = ["ужас", "кошмар просто", "бесит", "отвратительно", "ненавижу это", "позор", "худший день"]
    verdicts = [clf.classify(_msg(t, 7000 + i, 20 * i)) for i, t in enumerate(texts)]
    assert any(r.code is ReasonCode.BURST for r in verdicts[-1].reasons)
    assert not any(r.code is ReasonCode.BURST for r in verdicts[0].reasons)


@pytest.mark.parametrize(
    ("a", "b", "dup"),
    [
        (
            "Заказ не пришёл уже месяц, деньги не вернули",
            "заказ не пришел уже месяц. деньги не вернули!!",
            True,
        ),
        (
            "Курьер нагрубил и швырнул пакет, еда вся перевёрнута",
            "курьер нагрубил и кинул пакет еда вся перевернута",
            True,
        ),
        ("Третий день нет интернета на Ленина", "у кого ещё пропал интернет в Северном районе", False),
    ],
)
def test_near_duplicate(a: str, b: str, dup: bool) -> None:
    from bot.classifier.normalize import normalize

    ta, tb = normalize(a).tokens, normalize(b).tokens
    assert near_duplicate(frozenset(ta), shingles(ta), frozenset(tb), shingles(tb)) is dup


def test_bounds_chats_messages_joins() -> None:
    ctx = ContextTracker(max_chats=3, max_messages=5, max_joins=4)
    for chat in range(10):
        ctx.observe(chat_id=chat, user_id=1, message_id=1, date=T0, edited=False, tokens=["a"], negative=False)
    assert len(ctx) == 3
    for i in range(20):
        ctx.observe(chat_id=9, user_id=i, message_id=i, date=T0 + i, edited=False, tokens=["x", str(i)], negative=True)
        ctx.note_join(9, 100 + i, T0 + i)
    assert ctx.messages_in(9) == 5
    assert ctx.joins_in(9) == 4


def test_expiry_of_messages_and_idle_chats() -> None:
    ctx = ContextTracker(window=60, chat_ttl=600)
    ctx.observe(chat_id=1, user_id=1, message_id=1, date=T0, edited=False, tokens=["a", "b"], negative=False)
    ctx.observe(chat_id=1, user_id=2, message_id=2, date=T0 + 120, edited=False, tokens=["c", "d"], negative=False)
    assert ctx.messages_in(1) == 1
    ctx.expire(T0 + 10_000)
    assert len(ctx) == 0


def test_messages_without_ids_skip_context(clf: RulesClassifier) -> None:
    for t in WAVE:
        clf.classify(MessageIn(text=t))
    assert len(clf.context) == 0


def test_wave_verdict_lists_all_members_so_far(clf: RulesClassifier) -> None:
    verdicts = [clf.classify(_msg(t, 8000 + i, 30 * i, mid=500 + i)) for i, t in enumerate(WAVE)]
    assert "wave_message_ids" not in verdicts[0].extra
    assert verdicts[1].extra["wave_message_ids"] == (500, 501)
    assert verdicts[1].extra["wave_user_ids"] == (8000, 8001)
    assert verdicts[2].extra["wave_message_ids"] == (500, 501, 502)
    assert verdicts[2].extra["wave_user_ids"] == (8000, 8001, 8002)
    wave_id = verdicts[2].wave_id
    assert wave_id is not None
    assert clf.wave_members(CHAT, wave_id) == ((8000, 500), (8001, 501), (8002, 502))
    assert clf.wave_members(CHAT, "no-such-wave") == ()
    assert clf.wave_members(-1, wave_id) == ()


def test_wave_member_edit_is_listed_once(clf: RulesClassifier) -> None:
    clf.classify(_msg(WAVE[0], 8100, 0, mid=600))
    second = clf.classify(_msg(WAVE[1], 8101, 30, mid=601))
    edit = clf.classify(_msg(WAVE[1] + " позор", 8101, 60, mid=601, edited=True))
    assert second.wave_id is not None and edit.wave_id == second.wave_id
    assert edit.extra["wave_message_ids"] == (600, 601)
    assert clf.wave_members(CHAT, second.wave_id) == ((8100, 600), (8101, 601))


def test_outage_verdicts_carry_no_wave_members(clf: RulesClassifier) -> None:
    verdicts = [clf.classify(_msg(t, 8200 + i, 60 * i, mid=700 + i)) for i, t in enumerate(OUTAGE)]
    assert all("wave_message_ids" not in v.extra for v in verdicts)


def test_wave_copies_in_another_grammatical_gender_still_join(clf: RulesClassifier) -> None:
    texts = [
        "Мастер взял предоплату за ремонт и пропал, никаких запчастей не привёз",
        "Мастерица взяла предоплату за ремонт и пропала, никаких запчастей не привезла",
    ]
    verdicts = [clf.classify(_msg(t, 8300 + i, 45 * i, mid=800 + i)) for i, t in enumerate(texts)]
    assert verdicts[1].wave_id is not None and verdicts[1].label is Label.DIRECTED
    assert verdicts[1].extra["wave_message_ids"] == (800, 801)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Во сколько вы открываетесь в пятницу?", Label.NEUTRAL),
        ("Подскажите, а доставка в выходные работает?", Label.NEUTRAL),
        ("Спасибо, всё супер, доставили быстро и аккуратно!", Label.POSITIVE),
        ("Огромное спасибо мастеру Ольге, стрижка просто шикарная", Label.POSITIVE),
    ],
)
def test_innocent_copies_from_several_accounts_keep_their_label(clf: RulesClassifier, text: str, label: Label) -> None:
    verdicts = [clf.classify(_msg(text, 9000 + i, 20 * i, mid=900 + i)) for i in range(3)]
    assert [v.label for v in verdicts] == [label] * 3
    assert all(v.wave_id is None for v in verdicts)
    assert verdicts[2].extra.get("copies") == 3
    assert not any(r.code is ReasonCode.WAVE for r in verdicts[2].reasons)


@pytest.mark.parametrize(
    "texts",
    [
        WAVE,
        [
            "Водитель вёз по кругу и взял в 3 раза больше, чем показывало приложение",
            "Водитель вез по кругу и взял в 3 раза больше чем показывало приложение",
            "Водитель вёз по кругу и взял в три раза больше, чем показывало приложение!",
        ],
        [
            "Не покупайте тут ничего, лучше закажите у @othershop_bot",
            "не покупайте тут ничего лучше закажите у @othershop_bot",
            "Не покупайте тут ничего!! лучше закажите у @othershop_bot",
        ],
    ],
)
def test_negative_copies_are_directed_from_the_second_on(clf: RulesClassifier, texts: list[str]) -> None:
    # a copy that looks mild alone still joins a wave whose other copies read negative
    verdicts = [clf.classify(_msg(t, 9100 + i, 30 * i, mid=950 + i)) for i, t in enumerate(texts)]
    assert all(v.label is Label.DIRECTED for v in verdicts[1:])
    assert verdicts[1].wave_id is not None and verdicts[1].wave_id == verdicts[-1].wave_id
    assert "copies" not in verdicts[-1].extra


def test_innocent_wave_turning_negative_marks_only_the_negative_copy(clf: RulesClassifier) -> None:
    texts = [
        "Во сколько вы открываетесь в пятницу утром?",
        "Во сколько вы открываетесь в пятницу утром?",
        "Во сколько вы открываетесь в пятницу утром? Позор, мошенники",
    ]
    verdicts = [clf.classify(_msg(t, 9200 + i, 30 * i, mid=980 + i)) for i, t in enumerate(texts)]
    assert [v.label for v in verdicts[:2]] == [Label.NEUTRAL, Label.NEUTRAL]
    assert verdicts[2].label is Label.DIRECTED and verdicts[2].wave_id is not None


def test_index_keys_of_near_duplicates_always_meet() -> None:
    # prefix filtering must never lose a pair that near_duplicate() accepts
    import random

    from bot.classifier.context import index_keys

    rnd = random.Random(7)
    vocab = [f"w{i}" for i in range(40)]
    checked = 0
    for _ in range(4000):
        a = [rnd.choice(vocab) for _ in range(rnd.randint(1, 14))]
        b = list(a)
        for _ in range(rnd.randint(0, 4)):
            op = rnd.random()
            if op < 0.4 and b:
                b[rnd.randrange(len(b))] = rnd.choice(vocab)
            elif op < 0.7:
                b.insert(rnd.randint(0, len(b)), rnd.choice(vocab))
            elif b:
                b.pop(rnd.randrange(len(b)))
        ta, tb = frozenset(a), frozenset(b)
        sa, sb = shingles(a), shingles(b)
        if near_duplicate(ta, sa, tb, sb):
            checked += 1
            assert index_keys(ta, sa) & index_keys(tb, sb), (a, b)
    assert checked > 500


def test_the_written_out_loop_accepts_exactly_what_near_duplicate_accepts() -> None:
    # first_near_duplicate() is near_duplicate() inlined for speed: the two must never disagree,
    # at the size bounds included (sets of 0 to 14 words, 0 to 4 edits apart).
    import random

    from bot.classifier.context import _Entry, first_near_duplicate

    rnd = random.Random(11)
    vocab = [f"w{i}" for i in range(30)]
    accepted = rejected = 0
    for _ in range(6000):
        a = [rnd.choice(vocab) for _ in range(rnd.randint(0, 14))]
        b = list(a)
        for _ in range(rnd.randint(0, 4)):
            if rnd.random() < 0.5 and b:
                b[rnd.randrange(len(b))] = rnd.choice(vocab)
            elif rnd.random() < 0.5:
                b.insert(rnd.randint(0, len(b)), rnd.choice(vocab))
            elif b:
                b.pop(rnd.randrange(len(b)))
        ta, tb = frozenset(hash(w) for w in a), frozenset(hash(w) for w in b)
        sa, sb = frozenset(hash(g) for g in shingles(a)), frozenset(hash(g) for g in shingles(b))
        old = _Entry(user_id=2, message_id=1, date=T0, tokens=tuple(tb), shingles=tuple(sb), negative=False)
        expected = near_duplicate(ta, sa, tuple(tb), tuple(sb))
        assert (first_near_duplicate([old], 1, ta, sa) is old) is expected, (a, b)
        assert first_near_duplicate([old], 2, ta, sa) is None  # the same account never counts
        accepted += expected
        rejected += not expected
    assert accepted > 1000 and rejected > 1000


def test_wave_found_among_many_unrelated_recent_messages() -> None:
    ctx = ContextTracker(max_messages=300)
    for i in range(400):
        toks = [f"t{i}", f"u{i % 17}", "общий", f"v{i % 29}", f"x{i}", "текст"]
        ctx.observe(chat_id=1, user_id=10_000 + i, message_id=i, date=T0 + i, edited=False, tokens=toks, negative=False)
    base = ["заказ", "не", "пришел", "уже", "месяц", "деньги", "не", "вернули"]
    first = ctx.observe(chat_id=1, user_id=1, message_id=1001, date=T0 + 500, edited=False, tokens=base, negative=True)
    copy = [*base[:3], "так", "и", *base[3:]]
    second = ctx.observe(chat_id=1, user_id=2, message_id=1002, date=T0 + 510, edited=False, tokens=copy, negative=True)
    assert first.wave_id is None
    assert second.wave_id is not None and second.wave_members == ((1, 1001), (2, 1002))
    assert second.wave_negative
    assert ctx.messages_in(1) == 300


def test_context_keeps_to_its_memory_budget_across_chats() -> None:
    tracker = ContextTracker(max_entries=500)
    for i in range(5000):
        tracker.observe(
            chat_id=-100 - (i % 400),
            user_id=i,
            message_id=i,
            date=1_764_000_000 + i // 50,
            edited=False,
            tokens=[f"слово{i % 7}", f"другое{i % 11}", f"ещё{i % 13}"],
            negative=False,
        )
    kept = sum(len(chat.entries) for chat in tracker._chats.values())
    assert kept <= 500 + 1000  # checked every 1,000 messages: at most one period over the budget


def test_burst_counts_late_negatives_like_a_full_count() -> None:
    """Negatives are counted by bisection over sorted dates; a message that arrives with an older
    date than the last one (another instance's event, a slow delivery) still counts by its date."""
    import random

    tracker = ContextTracker(burst_window=600)
    rng = random.Random(5)
    now, dates = T0, []
    for i in range(400):
        now += rng.choice([0, 1, 3, 20, 90])
        date = now - rng.randint(1, 700) if rng.random() < 0.1 else now
        dates.append(date)
        signals = tracker.observe(
            chat_id=CHAT, user_id=i, message_id=i, date=date, edited=False, tokens=["плохо"], negative=True
        )
        recent = sum(1 for d in dates if date - 600 <= d and d >= date - 86_400)
        older = sum(1 for d in dates if date - 86_400 <= d < date - 600)
        usual = older * 600 / max(date - 600 - T0, 3600)
        expected = recent if recent >= 5 and recent >= 3 * usual + 3 else 0
        assert signals.burst == expected, i


def test_an_old_wave_is_forgotten_when_its_window_passes() -> None:
    tracker = ContextTracker(window=1800)
    words = ["заказ", "не", "пришёл", "уже", "месяц", "деньги", "не", "вернули"]
    first = tracker.observe(chat_id=CHAT, user_id=1, message_id=1, date=T0, edited=False, tokens=words, negative=True)
    second = tracker.observe(
        chat_id=CHAT, user_id=2, message_id=2, date=T0 + 60, edited=False, tokens=words, negative=True
    )
    assert first.wave_id is None and second.wave_id is not None
    assert tracker.wave_members(CHAT, second.wave_id) == ((1, 1), (2, 2))
    # Another chat's message does not expire this chat's waves; this chat's next message does.
    tracker.observe(chat_id=CHAT, user_id=3, message_id=3, date=T0 + 1900, edited=False, tokens=["да"], negative=False)
    assert tracker.wave_members(CHAT, second.wave_id) == ()


def test_a_context_recalled_after_a_restart_keeps_the_waves_ids_and_joins_untagged_copies() -> None:
    before = create_classifier()
    first, second = (before.classify(_msg(t, 1000 + i, 40 * i)) for i, t in enumerate(WAVE[:2]))
    wave = second.wave_id
    assert first.wave_id is None and wave is not None
    # The next process: the first copy kept with no wave (its tagging died), the second in the wave.
    after = create_classifier()
    assert not after.knows(CHAT)
    after.recall([(_msg(WAVE[0], 1000, 0), None), (_msg(WAVE[1], 1001, 40), wave)])
    assert after.knows(CHAT)
    assert after.wave_members(CHAT, wave) == ((1000, 1000), (1001, 1001))
    third = after.classify(_msg(WAVE[2], 1002, 80))
    assert third.wave_id == wave and third.label is Label.DIRECTED
    # Recalled messages in no wave form none among themselves: they were not one when handled.
    fresh = create_classifier()
    fresh.recall([(_msg(WAVE[0], 1000, 0), None), (_msg(WAVE[1], 1001, 40), None)])
    assert fresh.context.wave_members(CHAT, f"{CHAT}:{T0}:1000:1000") == ()
    assert fresh.classify(_msg(WAVE[2], 1002, 80)).wave_id is not None  # the next copy finds them


def test_a_chat_dropped_for_the_memory_budget_is_not_rebuilt_but_one_never_held_is() -> None:
    # Rebuilding from storage is for a chat this process has not held since it started; a chat the
    # budget dropped would be rebuilt at its every message, undoing the budget (the memory grew by
    # about 1 MB per 1,000 messages over 1,000 chats before this).
    classifier = create_classifier()
    classifier.context.max_entries = 1
    classifier.classify(_msg(WAVE[0], 1000, 0))
    classifier.classify(MessageIn(WAVE[1], CHAT - 1, 2000, T0 + 40, 1))
    classifier.context.expire(T0 + 60)
    assert not classifier.context.knows(CHAT)  # dropped for the budget
    assert classifier.knows(CHAT)  # held before: not rebuilt
    assert not classifier.knows(CHAT - 2)  # never held: rebuilt from storage
