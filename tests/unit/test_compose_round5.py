"""Drafts after a fifth reading by a community manager: conservative composition. Places visited in person
(a gym, a cinema, a pharmacy, a clinic) get no courier or order templates; harm is safety in any chat;
digits are money or orders only when the comment says so; an insult gets one calm line without a
reproach; a comment no table fits gets a short line that is right rather than a request for details.
The comments are written for these tests, not copied from the review set or the reading."""

from __future__ import annotations

import re

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.business import ChatKinds
from bot.replies.reading import read_comment

CASES = range(4)
ELSEWHERE = ("курьер", "доставк", "номер заказа", "модель телефона", "трек-номер")
MOOD = ("расстро", "настроени", "разочаровал")


def drafts(label: Label, text: str, kind: str | None = None, name: str | None = "Ирина") -> list[str]:
    out = [suggest_reply(label, problem=None, author_name=name, case_id=n, text=text, kind=kind) for n in CASES]
    assert all(out), out
    return [d for d in out if d]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Фитнес-клуб «Атлет» — клиенты", "fitness"),
        ("Аптека Здоровье+ | отзывы", "pharmacy"),
        ("Кинотеатр «Октябрь»", "cinema"),
        ("Гостиница Волга", "hotel"),
        ("Ветклиника «Лапа»", "vet"),
    ],
)
def test_a_place_visited_in_person_is_learnt_from_the_title(title: str, kind: str) -> None:
    kinds = ChatKinds()
    kinds.note(1, "Здравствуйте", title)
    assert kinds.kind(1) == kind


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("В зале 2 аварийный выход заперт на ключ и заставлен стульями", "cinema", "выход"),
        ("В номере ударило током от розетки, когда включала чайник", "hotel", "током"),
        ("Водитель гнал под 150 и смотрел в телефон, я с дочкой сзади", "taxi", "ездить"),
        ("Арендовала машину, а тормоза плохо держат, чуть не въехала в столб", None, "тормоз"),
        ("Купила у вас чайник, на третий день задымился и оплавилась вилка", "shop", "включайте"),
        ("После стрижки у мастера ожог от плойки на шее", "salon", "ожог"),
        ("После прививки у собаки опухла лапа, второй день не ест", "vet", "питомц"),
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_harm_is_answered_as_safety_in_any_chat(text: str, kind: str | None, said: str, label: Label) -> None:
    assert read_comment(text, kind=kind).topic is Topic.SAFETY or "hazard" in read_comment(text, kind=kind).facts.flags
    for draft in drafts(label, text, kind):
        low = draft.lower()
        assert said in low, draft
        assert "серьёзн" in low or "опасн" in low, draft
        assert not any(t in low for t in (*ELSEWHERE, *MOOD)), draft


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Тариф 200 Мбит, а вечером скорость 15. Договор 4401977", "telecom"),
        ("Водитель ехал 140 по трассе, было страшно", "taxi"),
        ("После замены масла через 300 км загорелся датчик давления", "carservice"),
    ],
)
def test_numbers_are_no_money_unless_the_comment_says_so(text: str, kind: str) -> None:
    reading = read_comment(text, kind=kind)
    assert reading.facts.get("amount") is None, reading.facts
    assert reading.topic is not Topic.PRICE
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert "₽" not in draft and "рост цены" not in draft, draft


def test_a_fire_word_on_a_dashboard_is_no_fire() -> None:
    assert (
        read_comment("Через неделю после ремонта загорелся чек двигателя", kind="carservice").topic is not Topic.SAFETY
    )


def test_a_count_makes_the_item_plural() -> None:
    reading = read_comment("Сеанс отменили, деньги за 3 билета до сих пор не вернули", kind="cinema")
    assert reading.facts.get("product") == "билеты"


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Повара у вас безрукие дебилы", "ru", "food"),
        ("Ваши таксисты — быдло", "ru", "taxi"),
        ("Your cashiers are morons", "en", "shop"),
        ("Ваші касири — ідіоти", "uk", "shop"),
    ],
)
def test_an_insult_gets_one_calm_line_without_a_reproach(text: str, lang: str, kind: str) -> None:
    for draft in drafts(Label.TROLLING, text, kind, name="Вован"):
        low = draft.lower()
        assert not any(w in low for w in ("оскорбл", "давайте без", "образ", "civil", "insult", "спасиб", "thank")), (
            draft
        )
        assert not any(w in low for w in ("дебил", "быдл", "moron", "ідіот", "вован")), draft
        assert draft.count(".") + draft.count("?") + draft.count("!") <= 2, draft


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Весь сеанс в зале 4 мигал экран и пропадал звук, половина зрителей ушла", "cinema"),
        ("Кондиционер в номере не работает вторые сутки, на ресепшене только обещают", "hotel"),
        ("Тренажёр для спины сломан третью неделю, никто не чинит", "fitness"),
    ],
)
def test_a_place_visited_in_person_deals_with_it_in_its_own_voice(text: str, kind: str) -> None:
    # the admin is the place: «разберёмся и исправим», never «передадим администрации»
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        low = draft.lower()
        assert re.search(r"разбер[её]мся|исправим", low), draft
        assert not re.search(r"администрац|руководител", low), draft
        assert not any(t in low for t in (*ELSEWHERE, "подробнее", "подробности", "личные сообщения")), draft


def test_a_told_complaint_no_table_fits_gets_no_request_for_details() -> None:
    text = "Привезли шкаф, а сборщик ушёл через час, оставив половину деталей на полу и дырки в стене"
    for draft in drafts(Label.CONSTRUCTIVE, text):
        low = draft.lower()
        assert "подробн" not in low and "личные сообщения" not in low, draft


def test_a_medicine_with_its_batch_given_goes_to_the_maker_and_keeps_the_child_safe() -> None:
    text = "В сиропе для ребёнка плавают какие-то хлопья, серия 77120, купили вчера в вашей аптеке"
    for draft in drafts(Label.CONSTRUCTIVE, text, "pharmacy"):
        assert "77120" in draft and "производител" in draft and "ребёнку" in draft, draft
        assert "номер партии" not in draft, draft


def test_a_negated_praise_is_not_called_a_denial_in_the_alert() -> None:
    from bot.domain.verdicts import Reason, ReasonCode
    from bot.telegram.reasons import reason_text

    text = reason_text("ru", Reason(ReasonCode.NEGATION, ("не рекомендую",)))
    assert "не рекомендую" in text and "отрицан" not in text


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("The fire exit on the second floor was locked and blocked with chairs.", "cinema", "exit"),
        ("My daughter was sick all night after your pizza, order 6620.", "food", "doctor"),
        ("There was a piece of glass in my soup, order 3391.", "food", "glass"),
        ("The driver was speeding and texting, my kid was in the back.", "taxi", "driving like that"),
        ("Водій гнав і дивився в телефон, я їхала з дитиною.", "taxi", "небезпечно"),
        ("Після фарбування опік шкіри голови.", "salon", "опік"),
    ],
)
def test_harm_in_english_and_ukrainian_is_safety_too(text: str, kind: str, said: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind, name="Alex"):
        low = draft.lower()
        assert said in low, draft
        assert "quality team" not in low and "trouble with" not in low, draft
