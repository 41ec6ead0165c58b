"""Round 15's faults in general: a hazard, a price complaint or a friendly joke never gets the troll's
brush-off, whatever the label. The comments are written for these tests (none of a reading's)."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.business import ChatKinds
from bot.replies.complaint_clause import complaint_clause

CASES = range(8)
_BRUSH_OFF = re.compile(r"Мы здесь, чтобы отвечать|вопросы о нашей работе|что-то конкретное не понравилось")


def drafts(label: Label, text: str, kind: str | None = None, author: str | None = None) -> list[str]:
    found = (suggest_reply(label, problem=None, author_name=author, case_id=n, text=text, kind=kind) for n in CASES)
    return [d for d in found if d]


@pytest.mark.parametrize(
    "text",
    [
        "На трассе у окна страховочная верёвка вся махровая, протёрта почти до сердечника. Вы серьёзно?",
        "Карабин на автостраховке треснул, а инструктор сказал «нормально». Ждёте, пока кто-нибудь упадёт?",
        "У вас на батуте сетка порвана сбоку, дети туда проваливаются, вы вообще смотрите?",
        "Обвязка в прокате вся потёртая, пряжка разболтана. Это вообще безопасно?",
    ],
)
@pytest.mark.parametrize("label", [Label.TROLLING, Label.IMPULSIVE, Label.CONSTRUCTIVE])
def test_worn_safety_gear_gets_a_safety_draft(label: Label, text: str) -> None:
    found = drafts(label, text, author="Макс")
    assert found
    for draft in found:
        assert not _BRUSH_OFF.search(draft), draft
        assert re.search(r"опасн", draft), draft
        assert re.search(r"снимаем|проверяем|проверим", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "На озоне эта же книга 690, у вас на полке 1150. Вы серьёзно? За что наценка почти вдвое",
        "На вайлдберриз такой же крем за 450, а у вас 890, откуда такая накрутка?",
        "В соседнем магазине этот же набор на 300 дешевле, откуда такая наценка? Вы серьёзно?",
    ],
)
def test_a_price_complaint_is_answered_about_the_price(text: str) -> None:
    for draft in drafts(Label.TROLLING, text, kind="shop", author="Ирина"):
        assert not _BRUSH_OFF.search(draft), draft
        assert re.search(r"цен", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Спасибо приёмке, что отвечаете даже в 11 вечера 🙏 вы там вообще спите? 😅",
        "Спасибо, что ответили в час ночи, вы вообще когда-нибудь отдыхаете? 😄",
        "Благодарю за быстрый ответ в воскресенье 🙏 у вас там выходных не бывает?",
    ],
)
def test_a_friendly_joke_after_thanks_is_thanked(text: str) -> None:
    found = drafts(Label.TROLLING, text, author="Миша")
    assert found
    for draft in found:
        assert not _BRUSH_OFF.search(draft), draft
        assert "Спасибо" in draft, draft


@pytest.mark.parametrize(
    "text", ["спасибо, что потеряли мой заказ", "Спасибо, кэп", "Спасибо за сигнал, уже проверяем."]
)
def test_sarcastic_or_bare_thanks_is_not_thanked_back(text: str) -> None:
    for draft in drafts(Label.TROLLING, text):
        assert "тёплые слова" not in draft, draft


@pytest.mark.parametrize(
    ("text", "theirs", "ours"),
    [
        ("да вы задолбали, третий раз переносите доставку, ребёнок в садик в чём пойдёт??", "переносите", "переносим"),
        ("Уже неделю не отвечаете на письма, заказ так и висит", "отвечаете", "отвечаем"),
        (
            "Второй раз задерживаете доставку без предупреждения, я с работы отпрашивалась",
            "задерживаете",
            "задерживаем",
        ),
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_the_brand_never_apologises_in_the_authors_person(label: Label, text: str, theirs: str, ours: str) -> None:
    found = drafts(label, text, author="Алина")
    assert found
    for draft in found:
        assert theirs not in draft, draft
    assert not any(re.search(rf"что [^.]*{ours}", d) and theirs in d for d in found)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Менеджер в вотсапе не отвечает третий день, жду обмен", "менеджер"),
        ("Оператор в вайбере не отвечает вторые сутки", "оператор"),
        ("Администратор в инсте не ответил, запись так и висит", "администратор"),
    ],
)
def test_a_noun_after_a_preposition_is_never_the_subject(text: str, subject: str) -> None:
    clause = complaint_clause(text)
    assert clause is None or clause.startswith(subject), clause
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert not re.search(r"что (?:вотсапе|вайбере|инсте)", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Трек PE-448120937RU, посылка неделю висит в сортировочном центре. На горячей линии 40 минут ожидания и сброс",
        "Посылка RA-123456789CN стоит на месте уже 5 дней, дозвониться не могу, час висел на линии",
        "Track LP00123456789 stuck for two weeks, your hotline kept me waiting 30 minutes",
        "Посилка вже 10 днів без руху, трек PE-447710233RU, на лінії ніхто не відповідає",
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_a_track_given_is_not_asked_and_a_line_wait_is_not_the_parcels(label: Label, text: str) -> None:
    found = drafts(label, text, kind="marketplace", author="Алексей")
    assert found
    for draft in found:
        assert not re.search(
            r"(?:напишите|пришлите|напишіть|send)[^.]*(?:трек|номер (?:заказа|замовлення)|tracking number)", draft
        ), draft
        assert not re.search(r"ид[её]т уже \d+ (?:минут|час)", draft), draft


_HEAD = re.compile(r"головная боль|тошнота")
_POISONING = re.compile(r"температура|рвота")


@pytest.mark.parametrize(
    "text",
    [
        "Дочь на тренировке упала со шведской стенки, маты разъехались — перелом руки. Тренер смотрел в телефон.",
        "Сын подвернул ногу на батутной дорожке, в травмпункте сказали растяжение связок, а инструктора рядом не было",
        "Упала в бассейне на мокрой плитке, вывих плеча, никаких ковриков у вас нет",
    ],
)
def test_a_named_limb_injury_gets_no_head_injury_advice(text: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text, kind="fitness", author="Елена")
    assert found
    for draft in found:
        assert not _HEAD.search(draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Купили пижаму, у ребёнка на следующий день сыпь по всему телу, дерматолог сказал аллергия на краситель",
        "После вашего шампуня у дочки покраснение и зуд на голове, чешется второй день",
        "Сын поносил новую шапку — крапивница на лбу и щеках. Вы ткани вообще проверяете?",
    ],
)
def test_a_skin_reaction_gets_no_food_poisoning_advice(text: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text, kind="shop", author="Кристина")
    assert found
    for draft in found:
        assert not _POISONING.search(draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "После забора крови на Ленина гематома на пол руки и пальцы немеют второй день, медсестра три раза не попала в вену",
        "Сдавала кровь из вены в вашей лаборатории, теперь огромный синяк и рука болит, это нормально?",
        "В процедурном кабинете так поставили укол, что рука опухла и болит третий день",
    ],
)
def test_a_lab_is_not_spoken_of_as_a_treatment(text: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text, kind="clinic", author="Оксана")
    assert found
    for draft in found:
        assert not re.search(r"после лечения|повторный осмотр|головная боль", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Пятница, 80 человек на 15 трасс, в душе нет горячей воды. Отличный зал!",
        "В раздевалке третий день нет горячей воды, после тренировки мыться невозможно",
        "В зале опять нет отопления, занимаемся в куртках",
    ],
)
def test_a_gym_fixes_its_own_water(text: str) -> None:
    found = drafts(Label.CONSTRUCTIVE, text, kind="fitness", author="Денис")
    assert found
    for draft in found:
        assert not re.search(r"обслуживающ|напишите[^.]*адрес", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Трек PE-448120937RU неделю висит в сортировочном центре, внутри лекарства",
        "Отмечено «вручено», а посылки нет, камера в подъезде показывает, что никто не приходил. Заказ 5591-22",
        "Посылка 5 дней стоит на одном складе, трек RA123456789CN, что происходит?",
        "Заказ 7781-10 должны были привезти вчера, так и не привезли, никто не позвонил",
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_a_carrier_never_asks_a_carrier(label: Label, text: str) -> None:
    found = drafts(label, text, kind="courier", author="Руслан")
    assert found
    for draft in found:
        assert not re.search(r"перевозчик|служб[аеуы] доставки|службой доставки|курьерской служб", draft), draft


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("ПосылкаЭкспресс — курьерская служба", "courier"),
        ("СДЭК: отзывы и вопросы", "courier"),
        ("Скалодром «Зацеп»", "fitness"),
        ("Маркетплейс «Всё тут» — продавцы и ПВЗ", "marketplace"),
    ],
)
def test_a_chat_title_tells_a_carrier_and_a_climbing_gym(title: str, kind: str) -> None:
    chats = ChatKinds()
    chats.note(1, title=title)
    assert chats.kind(1) == kind


@pytest.mark.parametrize(
    ("text", "talk"),
    [
        ("Верёвка на трассе у окна протёрта до сердечника, инструктор сказал «ещё походит»", "с инструктором"),
        ("Карабин на автостраховке треснул, а тренер ответил, что всё нормально", "с тренером"),
    ],
)
def test_the_staff_who_brushed_a_hazard_off_is_spoken_to(text: str, talk: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="fitness"):
        assert talk in draft, draft
