"""Drafts that answer the complaint itself: no sympathy that reads as admitting an accusation, the
actual problem rather than a word near it, every failure the author names, and one statement per
wave. Several wordings for each, none of them a reviewer's exact comment."""

from __future__ import annotations

import re

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import read_comment, suggest_reply

CASES = range(6)
ADMITTING = re.compile(r"жаль, что так|понимаем, что вы расстроены|простите|извините|слышим вас", re.IGNORECASE)


def drafts(label: Label, text: str, name: str | None = "Анна") -> list[str]:
    out = []
    for case_id in CASES:
        found = suggest_reply(label, problem=None, author_name=name, case_id=case_id, text=text)
        assert found is not None
        out.append(found)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Вы спонсируете войну, все это знают. Позор.",
        "Ваша контора финансирует войну, стыдно должно быть",
        "Сколько вы отстёгиваете чиновникам, чтобы вас не проверяли?",
        "Признайтесь, сколько взяток вы заносите проверяющим",
        "Вы обманываете людей с кредитами, все это знают.",
        "Жулики! Вы просто воруете у людей",
    ],
)
def test_an_accusation_vented_gets_facts_not_an_apology(text: str) -> None:
    for label in (Label.IMPULSIVE, Label.TROLLING):
        for draft in drafts(label, text, name="Оксана"):
            assert not ADMITTING.search(draft), draft
            assert "[" in draft  # the admin states the facts
            assert "Оксана" not in draft  # written for the readers


@pytest.mark.parametrize(
    "text",
    [
        "Мошенники и воры, больше ни копейки вам",
        "Жулики, а не магазин",
        "Вы конченые аферисты, гореть вам",
    ],
)
def test_name_calling_gets_an_invitation_without_a_reproach(text: str) -> None:
    for label in (Label.IMPULSIVE, Label.TROLLING):
        for draft in drafts(label, text, name="Геннадий"):
            assert not ADMITTING.search(draft), draft
            assert "давайте без" not in draft.lower() and "напишите, что случилось" in draft
            assert not any(w in draft.lower() for w in ("мошенник", "вор", "жулик", "аферист")), draft
            assert "Геннадий" not in draft


@pytest.mark.parametrize(
    "text",
    [
        "Ну что, когда обанкротитесь? Ставки принимаются 😂",
        "ахаха ну и цирк 🤡",
        "Скоро закроетесь, я уверен, хаха",
    ],
)
def test_mockery_gets_one_calm_line_without_sympathy(text: str) -> None:
    for label in (Label.IMPULSIVE, Label.TROLLING):
        for draft in drafts(label, text):
            assert not ADMITTING.search(draft), draft
            assert "спасиб" not in draft.lower()
            assert len(draft) < 140


def test_venting_does_not_repeat_the_same_sentences_in_a_row() -> None:
    texts = ["Достали. Каждый раз одно и то же.", "Ну и сервис... больше не приду", "Это просто ужас какой-то"]
    seen = [
        suggest_reply(Label.IMPULSIVE, problem=None, author_name=None, case_id=i, text=texts[i % 3]) for i in range(4)
    ]
    sentences = [s for draft in seen if draft for s in re.split(r"(?<=[.!?])\s+", draft)]
    assert len(sentences) == len(set(sentences)), seen


@pytest.mark.parametrize(
    "text",
    [
        "Давай урод верни деньги, сколько можно ждать",
        "Админ, ты идиот? Верните деньги, вам русским языком сказали",
    ],
)
def test_an_insult_with_a_refund_demand_answers_the_refund(text: str) -> None:
    for draft in drafts(Label.TROLLING, text):
        # one calm line about the money: no reproach, no mirror, no thanks
        assert "оскорблен" not in draft and "давайте без" not in draft.lower()
        assert "урод" not in draft and "идиот" not in draft and "спасиб" not in draft.lower()
        assert "возврат" in draft.lower() or "вернём" in draft
        assert "за рамками" not in draft


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "Курьер оставил пакет у двери, хотя я выбирала «передать лично». Половины продуктов нет. Заказ 5520981",
            Topic.DELIVERY,
        ),
        (
            "Просила отдать лично в руки, а курьер бросил коробку под дверью, её кто-то забрал. Заказ 4471",
            Topic.DELIVERY,
        ),
    ],
)
def test_a_parcel_left_at_the_door_is_about_the_courier(text: str, topic: Topic) -> None:
    assert read_comment(text).topic is topic
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert "у двери" in draft and "лично" in draft
        assert "сборк" not in draft and "не то" not in draft


@pytest.mark.parametrize(
    "text",
    [
        "Оператор Дарья вчера очень помогла, но третий раз переносят подключение, теперь на 20 мая.",
        "Отдельное спасибо оператору за вежливость, но монтаж опять перенесли — теперь на 3 июня.",
    ],
)
def test_praise_is_not_the_problem(text: str) -> None:
    assert read_comment(text).topic is not Topic.SUPPORT
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert "долго не отвечает" not in draft
        assert "перенесли" in draft
        assert "спасибо" in draft.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Мне навязали страховку при оформлении кредита, 18 000 рублей. Сказали, без неё не одобрят.",
        "При оформлении ипотеки навязали страхование жизни за 25 тысяч, менеджер сказал без этого не одобрят",
    ],
)
def test_an_imposed_insurance_is_not_a_price_rise(text: str) -> None:
    assert read_comment(text).topic is not Topic.PRICE
    for draft in drafts(Label.CONSTRUCTIVE, text, name="Наталья"):
        assert "страховк" in draft
        assert "цены" not in draft and "дешевле" not in draft


@pytest.mark.parametrize(
    "text",
    [
        "НЕ ПОКУПАЙТЕ ЗДЕСЬ! Просрочка на полках, обман на кассе. Переходите в «Свежий двор», там честно.",
        "Не покупайте в этой сети: просрочка везде и обсчитывают на кассе. Идите в соседний магазин.",
    ],
)
def test_a_wave_about_expired_goods_is_not_a_health_report(text: str) -> None:
    assert read_comment(text).topic is Topic.ACCUSATION
    for draft in drafts(Label.DIRECTED, text):
        assert "здоров" not in draft and "пострадал" not in draft and "партии" not in draft
        assert "[факты:" in draft


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "С карты дважды списали 1 299 ₽ за подписку. Писал в чат поддержки, ответа нет уже двое суток.",
            "не ответили",
        ),
        ("Заказ 5512 ждём уже неделю, в поддержке не отвечают.", "не ответили"),
        ("С 1 числа подняли тариф с 450 до 650 рублей. Почему никто не предупредил?", "без предупреждения"),
        ("Интернет-тариф подорожал на 200 рублей без предупреждения, договор 1234567", "без предупреждения"),
        ("Обещали перезвонить по заявке 2024-0315-88 в течение суток, прошло три дня.", "не перезвонили"),
        ("Мне обещали перезвонить ещё в понедельник, так никто и не позвонил", "не перезвонили"),
    ],
)
def test_every_failure_named_is_acknowledged_plainly(text: str, expect: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert expect in draft, draft
        assert "сложности" not in draft
        assert "Тарифы меняются вслед" not in draft


@pytest.mark.parametrize(
    "text",
    [
        "Бойкот этому банку! Переводите деньги в другие банки, не храните у них ни рубля. Репост!",
        "Кто ещё пользуется этим оператором? Переходите на МегаЛинк, у них безлимит за 300. Ссылка в профиле.",
        "Не покупайте здесь ничего, бойкот!",
    ],
)
def test_a_single_call_is_not_answered_as_many_messages(text: str) -> None:
    for draft in drafts(Label.DIRECTED, text):
        assert "много похожих" not in draft and "каждому" not in draft
        assert "Если вы наш клиент" not in draft


def test_a_competitor_ad_and_a_boycott_get_their_own_lines() -> None:
    ad = drafts(Label.DIRECTED, "Переходите на МегаЛинк, у них безлимит за 300. Ссылка в профиле.")
    boycott = drafts(Label.DIRECTED, "Бойкот этому банку! Переводите деньги в другие банки. Репост!")
    assert all("реклама" in d for d in ad)
    assert all("деньги" in d for d in boycott)


@pytest.mark.parametrize(
    "text",
    [
        "Уже написал жалобу в Роспотребнадзор и прокуратуру. Посмотрим, как вы запоёте.",
        "Подам в суд, так и знайте.",
        "Написала жалобу в ЦБ на ваш банк.",
    ],
)
def test_a_complaint_to_a_regulator_is_answered_as_a_complaint(text: str) -> None:
    for draft in drafts(Label.DIRECTED, text):
        assert "эти сообщения" not in draft and "коснулась вас" not in draft
        assert "ваше право" in draft


@pytest.mark.parametrize(
    ("text", "bad", "good"),
    [
        (
            "С карты дважды списали 500 рублей",
            "вернём лишнее списание",
            "вернём второе списание, как только его подтвердим",
        ),
        ("Дважды списали деньги за заказ, верните", "вернём лишнее списание", None),
    ],
)
def test_small_russian(text: str, bad: str, good: str | None) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert bad not in draft
    for draft in drafts(Label.TROLLING, "Вы тупые идиоты"):
        assert "за рамками" not in draft
    if good:
        assert any(good in d for d in drafts(Label.CONSTRUCTIVE, text))


def test_a_branch_visitor_is_a_client_not_a_shopper() -> None:
    for draft in drafts(Label.CONSTRUCTIVE, "В отделении на Пушкина, 10 сотрудница на вопросы грубит.", name="Галина"):
        assert "покупател" not in draft


@pytest.mark.parametrize(
    ("text", "expect", "never"),
    [
        ("Курьер отдал заказ соседям, а не мне. Заказ 6602, вернули половину.", "не вам", "у двери"),
        ("Курьер отдал мой заказ 1200 не тому, я его так и не получила", "не вам", "у двери"),
        ("Кроссовки развалились через две недели носки. Заказ 3348120", "в негодность", "приехал в таком виде"),
        ("Чайник сломался через месяц работы, заказ 5510", "в негодность", "приехал в таком виде"),
        ("Поездка стоила 420, а списали 1 150 рублей.", "1 150", "новые цены"),
        ("За обслуживание карты сняли 990 рублей, хотя обещали бесплатно", "990", "новые цены"),
        (
            "Третий день нет мобильного интернета в районе Заречья. Договор 55-10293",
            "интернет",
            "подробнее, что случилось",
        ),
        ("Вчера бариста накричал на мою дочь в кофейне на Садовой", "грубость", "эту проблему"),
        (
            "Оплатила курс 2 недели назад, доступа к урокам до сих пор нет, куратор не отвечает.",
            "доступ",
            "пришлось ждать",
        ),
        ("Приложение не присылает код из СМС для входа, сутки не могу зайти", "личные сообщения", "модель телефона"),
    ],
)
def test_the_actual_problem_is_named(text: str, expect: str, never: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert expect in draft, draft
        assert never not in draft, draft


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("Люди, не покупайте в этой сети! Переходите в «Магнолию», там дешевле.", "право каждого"),
        ("Ставьте единицы этому приложению в сторе! Пусть рейтинг упадёт!", "Оценки"),
        ("Минусуйте их приложение в отзывах, пусть знают", "Оценки"),
    ],
)
def test_a_call_to_readers_is_not_answered_by_a_stray_topic(text: str, expect: str) -> None:
    for draft in drafts(Label.DIRECTED, text):
        assert expect in draft, draft
        assert "перебо" not in draft and "проблемах с приложением" not in draft


@pytest.mark.parametrize(
    "text",
    [
        "Подал жалобу в Роскомнадзор и прокуратуру на ваш беспредел с тарифами.",
        "Написала жалобу в Роспотребнадзор из-за ваших цен",
    ],
)
def test_a_complaint_to_a_regulator_about_prices_is_still_a_complaint(text: str) -> None:
    for draft in drafts(Label.DIRECTED, text):
        assert "ваше право" in draft and "Тарифы меняются" not in draft


def test_a_health_report_in_a_boycott_call_stays_a_health_report() -> None:
    for draft in drafts(Label.DIRECTED, "Не покупайте в «Колосе»! Отравился их выпечкой, сделайте репост!"):
        assert "здоров" in draft


@pytest.mark.parametrize(
    "text",
    ["Админ, ты там спишь что ли?", "А админ вообще живой? Или бот сидит?", "Есть кто живой в этом чате?"],
)
def test_is_anyone_there_gets_we_are_here(text: str) -> None:
    for draft in drafts(Label.TROLLING, text):
        assert "на связи" in draft


@pytest.mark.parametrize(
    "text", ["Идиоты, даже пиццу нормально привезти не могут", "Идиоты, даже заказ нормально собрать не можете"]
)
def test_an_insult_over_an_order_invites_the_order_number(text: str) -> None:
    for draft in drafts(Label.TROLLING, text):
        assert "оскорблен" not in draft and "идиот" not in draft.lower() and "номер" in draft


@pytest.mark.parametrize(
    ("text", "again"),
    [
        ("ТРЕТИЙ РАЗ ЗА МЕСЯЦ ПРИЛОЖЕНИЕ ЛЕЖИТ, НЕ МОГУ ЗАПЛАТИТЬ ЗА КВАРТИРУ!!!", True),
        ("Сайт опять лежит, не могу оформить заказ", True),
        ("Приложение упало у всех, что происходит?", False),
    ],
)
def test_a_service_down_is_not_one_phones_trouble(text: str, again: bool) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, name="Игорь"):
        assert "модель телефона" not in draft and "версию системы" not in draft
        assert "не работает" in draft
        assert ("не первый раз" in draft) is again


@pytest.mark.parametrize(
    "text", ["Ну сколько можно ждать, час стою на холоде, где курьер?", "Сколько можно ждать заказ, уже два часа"]
)
def test_how_long_can_one_wait_is_not_it_happened_again(text: str) -> None:
    assert "again" not in read_comment(text).facts.flags


def test_the_devs_get_the_phone_model_not_your_data() -> None:
    for draft in drafts(Label.CONSTRUCTIVE, "История платежей не отображается в приложении. iPhone 13, iOS 17.4"):
        assert "вашими данными" not in draft and "ваши данные" not in draft
