"""English and Ukrainian drafts have what the Russian ones have (issue 18, point 3): worn equipment answered as a
hazard, a tracking number echoed and never asked for, rudeness followed up by the manager, thanks answered with
thanks, and no Russian word or slot in them. The comments are written for these tests (none of a set's)."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.hazard_item import hazard_item

CASES = range(6)
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
_RUSSIAN = re.compile(r"[ыэъЫЭЪ]|пожалуйста|простите|что сделаем|заказ(?!н)|\bвернём|разберёмся")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")


def drafts(label: Label, text: str, kind: str | None = None, author: str | None = None) -> list[str]:
    found = (suggest_reply(label, problem=None, author_name=author, case_id=n, text=text, kind=kind) for n in CASES)
    return [d for d in found if d]


def english(draft: str) -> bool:
    return not _CYRILLIC.search(draft)


def ukrainian(draft: str) -> bool:
    return bool(_UKRAINIAN.search(draft)) and not _RUSSIAN.search(draft)


# ------------------------------------------------------------------------------------------------ hazards


@pytest.mark.parametrize(
    ("text", "kind", "thing"),
    [
        (
            "The auto-belay rope on the kids' wall is frayed through to the core. Your instructor said it's fine.",
            "leisure",
            "rope",
        ),
        (
            "One of the harnesses in the hire room has a torn strap, and the guy at the desk just shrugged.",
            "fitness",
            "harness",
        ),
        (
            "The handrail on the stairs to the changing rooms is wobbling, two bolts are missing. Staff laughed it off.",
            "fitness",
            "handrail",
        ),
        (
            "A wooden step on the boardwalk by the lake is broken, someone will fall through. The ranger shrugged.",
            None,
            "step",
        ),
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE, Label.TROLLING])
def test_english_worn_equipment_is_a_hazard(text: str, kind: str | None, thing: str, label: Label) -> None:
    found = drafts(label, text, kind=kind, author="Chris")
    assert found
    for draft in found:
        assert english(draft), draft
        assert re.search(r"serious safety risk", draft), draft
        assert re.search(r"out of use|closing that spot off", draft), draft
        assert re.search(r"check", draft), draft
        assert re.search(r"speak separately to the member of staff", draft), draft  # it was brushed off
        assert thing in draft.lower(), draft
        assert not re.search(r"sorry this happened|frustrating|refund|\[what we'll do|address", draft), draft


@pytest.mark.parametrize(
    ("text", "kind", "thing"),
    [
        ("На скеледромі мотузка на жовтій трасі перетерта, а інструктор каже, що ще походить.", "leisure", "мотузка"),
        ("У басейні поручні на драбинці хитаються, болт випав, а адміністратор відмахнувся.", "fitness", "поручні"),
        ("У парку на дитячому майданчику сходинка на гірці зламана, дитина ледь не впала.", None, "сходинка"),
        (
            "На батутах сітка збоку порвана, діти можуть випасти, а працівниця сказала, що так завжди.",
            "leisure",
            "сітка",
        ),
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_ukrainian_worn_equipment_is_a_hazard(text: str, kind: str | None, thing: str, label: Label) -> None:
    found = drafts(label, text, kind=kind)
    assert found
    for draft in found:
        assert ukrainian(draft), draft
        assert "небезпек" in draft, draft
        assert re.search(r"прибираємо це спорядження|огородимо це місце", draft), draft
        assert "перевір" in draft, draft
        assert thing in draft.lower(), draft
        assert not re.search(r"аварійн|адресу|\[що зробимо", draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "The handrail on the stairs to the changing rooms is wobbling, two bolts are missing.",
        "У басейні поручні на драбинці хитаються, болт випав.",
    ],
)
def test_nobody_is_spoken_to_when_nobody_brushed_it_off(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="fitness"):
        assert not re.search(r"member of staff you told|з працівником", draft), draft


@pytest.mark.parametrize(
    ("text", "lang", "phrase"),
    [
        ("the railing on the balcony is loose", "en", "A loose or damaged railing"),
        ("a rung of the ladder snapped", "en", "A damaged ladder"),
        ("перила на сходах хитаються", "uk", "Розхитані чи пошкоджені перила"),
        ("карабін тріснув", "uk", "Пошкоджений карабін"),
    ],
)
def test_the_hazard_names_the_thing_the_author_named_first(text: str, lang: str, phrase: str) -> None:
    assert hazard_item(text, lang) == phrase


@pytest.mark.parametrize(
    "text",
    [
        "The checkout steps are broken in your app, I can't pay.",
        "The first step of your checkout is broken, I can't pay.",
        "The video is missing a step of the recipe, I couldn't finish the cake.",
        "The steps to book a lane are broken on your website.",
    ],
)
def test_a_step_that_is_no_stair_is_no_hazard(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, author="Ann"):
        assert not re.search(r"safety risk|closing that spot", draft), draft


# ------------------------------------------------------------------------------------------------ tracking


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Посилка вже 12 днів без руху, ТТН 20450011223344, у підтримці мовчать.", "20450011223344"),
        ("Номер відправлення 59000855667788, статус «створено» вже тиждень.", "59000855667788"),
        ("Трек LP123456789CN, посилка стоїть на сортуванні другий тиждень.", "LP123456789CN"),
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_a_ukrainian_tracking_number_is_echoed_and_never_asked(text: str, number: str, label: Label) -> None:
    found = drafts(label, text, kind="shop")
    assert found
    for draft in found:
        assert ukrainian(draft), draft
        assert number in draft, draft
        assert not re.search(r"номер замовлення|номер відправлення", draft), draft
        assert "[что" not in draft, draft


def test_an_english_tracking_number_is_echoed_when_support_is_silent() -> None:
    text = "Tracking number 9400111899223344556677, nobody answers and it hasn't moved for 10 days."
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="shop", author="Ben"):
        assert english(draft), draft
        assert "9400111899223344556677" in draft, draft
        assert "tracking number" not in draft, draft


# ------------------------------------------------------------------------------------------------ rudeness


@pytest.mark.parametrize(
    "text",
    [
        "The receptionist rolled her eyes and snapped at me when I asked about my booking.",
        "Your sales assistant was incredibly rude to my elderly mum and called her slow.",
        "The lifeguard shouted at my son and humiliated him in front of everyone.",
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_english_rudeness_is_followed_up_by_the_manager(text: str, label: Label) -> None:
    found = drafts(label, text, author="Jo")
    assert found
    for draft in found:
        assert english(draft), draft
        assert "deal with it" not in draft, draft
        assert "manager" in draft, draft
        assert re.search(r"date, time and place in a private message", draft), draft


def test_english_rudeness_with_the_time_told_is_not_asked_it() -> None:
    text = "Your cashier was rude to me yesterday at 6pm, she swore at me."
    for draft in drafts(Label.CONSTRUCTIVE, text, author="Jo"):
        assert "manager" in draft and "date" not in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "Касирка накричала на мене при всіх, бо я повільно складала покупки!!!",
        "Тренер образив мою доньку, назвав її товстою. Як так можна?",
    ],
)
@pytest.mark.parametrize("label", [Label.CONSTRUCTIVE, Label.IMPULSIVE])
def test_ukrainian_rudeness_asks_when_and_where_privately(text: str, label: Label) -> None:
    for draft in drafts(label, text):
        assert ukrainian(draft), draft
        assert "особисті повідомлення" in draft, draft
        assert re.search(r"коли й де|дату й час", draft), draft
        assert "керівник" in draft, draft


# ------------------------------------------------------------------------------------------------ the rest


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Thanks for fixing my bike in 20 minutes 😊 do you guys ever sleep?", "en"),
        ("Thank you so much for the cake, everyone loved it 🥰 how do you even do it?", "en"),
        ("Дякую за швидку доставку 😊 ви там взагалі відпочиваєте?", "uk"),
        ("Дякую майстрам за ремонт 🙏 як ви так швидко?", "uk"),
    ],
)
def test_thanks_read_as_trolling_get_thanks(text: str, lang: str) -> None:
    for draft in drafts(Label.TROLLING, text):
        assert re.search(r"Thank you|Дякуємо", draft), draft
        assert not re.search(
            r"answer questions about our work|питання про нашу роботу|went wrong|не сподобалося", draft
        )
        assert english(draft) if lang == "en" else ukrainian(draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "This garage clocks the mileage on the cars it sells, ask anyone.",
        "Your shelter lies about how many dogs it puts down.",
        "Ви брешете про склад: це не шерсть, а звичайна синтетика.",
    ],
)
@pytest.mark.parametrize("label", [Label.TROLLING, Label.DIRECTED])
def test_an_accusation_gets_the_facts_to_fill(text: str, label: Label) -> None:
    for draft in drafts(label, text):
        assert re.search(r"\[(?:facts|факти)", draft), draft
        assert not re.search(r"sorry|вибач|перепрош", draft, re.IGNORECASE), draft


@pytest.mark.parametrize(
    "text",
    [
        "I've been trying to call your hotline since Monday, nobody picks up.",
        "Can't get through to your call centre, three days of ringing and no one answers.",
    ],
)
def test_english_support_that_does_not_pick_up(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, author="Sam"):
        assert english(draft), draft
        assert "get through to us" in draft, draft
        assert "[what we'll do" not in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "Вже тиждень не можу додзвонитися на гарячу лінію, ніхто не бере слухавку.",
        "Третій день дзвоню вам, телефон вимкнений, ніхто не передзвонює.",
    ],
)
def test_ukrainian_support_that_does_not_pick_up(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert ukrainian(draft), draft
        assert "додзвонитися" in draft, draft


@pytest.mark.parametrize(
    ("text", "high", "low"),
    [
        ("Квиток на каток тепер 350 грн замість 250. За що?", "350", "250"),
        ("Година в сауні подорожчала з 600 до 800 грн.", "800", "600"),
    ],
)
def test_a_ukrainian_price_rise_names_both_prices(text: str, high: str, low: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert ukrainian(draft), draft
        assert high in draft and low in draft, draft
        assert not re.search(r"шкодуємо, що так|так не має бути", draft), draft


@pytest.mark.parametrize(
    "text",
    ["The ski pass went from €45 to €60 this season. Why?", "A lane used to be $30 an hour, now it's $42. Seriously?"],
)
def test_an_english_price_rise_is_a_price(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, author="Lee"):
        assert english(draft), draft
        assert "noticeable jump" in draft or "price" in draft, draft
        assert "sorry this happened" not in draft, draft


@pytest.mark.parametrize(
    "text",
    ["Сайт музею не приймає оплату квитків, пише помилка 503.", "Сайт не відкриває кошик, помилка 404 вже зранку."],
)
def test_a_ukrainian_site_failure_asks_the_browser_not_the_phone(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert ukrainian(draft), draft
        assert "сайт" in draft and "браузер" in draft, draft
        assert "модель телефону" not in draft, draft


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Collected my jacket from the cleaners and there's a burn mark on the sleeve. Ticket D-4410.", "D-4410"),
        ("Після ремонту годинник знову стоїть, квитанція 7781.", "7781"),
    ],
)
def test_a_general_line_names_the_id_the_author_gave(text: str, number: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, author="Kim"):
        assert number in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "My daughter was bitten by a rabbit at your farm park on Sunday and the first aid kit was empty.",
        "Мого сина вкусив кролик у контактному зоопарку, а аптечки в медпункті не було.",
    ],
)
def test_a_bite_is_answered_as_harm_with_a_call(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, author="Pat"):
        assert re.search(r"hurt|постраждал", draft), draft
        assert re.search(r"phone number|номер телефону", draft), draft
        assert not re.search(r"quality team|відділ якості|sorry this happened", draft), draft


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Thanks for deleting my comment 😊 very honest of you", "en"),
        ("You deleted my review again, the one about the cold pizza.", "en"),
        ("Дякую за цензуру 🙂 видалили мій відгук", "uk"),
        ("Ви знову видаляєте мої коментарі про затримки.", "uk"),
    ],
)
def test_a_deleted_comment_is_answered_with_the_chat_rules_not_thanks(text: str, lang: str) -> None:
    found = drafts(Label.TROLLING, text)
    assert found
    for draft in found:
        assert re.search(r"breaks the chat's rules|порушує правила чату", draft), draft
        assert not re.search(r"kind words|теплі слова", draft), draft
        assert english(draft) if lang == "en" else ukrainian(draft), draft


@pytest.mark.parametrize(
    "text",
    ["Дякую 😊 ставлю лайк, щоб адмін помучився", "Подивимось, що відповість бот 😊 дякую заздалегідь"],
)
def test_bait_in_ukrainian_gets_no_draft_and_never_a_russian_one(text: str) -> None:
    for label in (Label.TROLLING, Label.DIRECTED):
        for draft in drafts(label, text):
            assert ukrainian(draft), draft
    assert not drafts(Label.TROLLING, text)


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        (
            "Everyone whose order was late tonight, post your numbers here, let's make them refund us all!",
            "food",
            "your order was late",
        ),
        (
            "Всі, кому сьогодні не привезли замовлення, пишіть сюди номери, хай повертають гроші!",
            "food",
            "замовлення запізнилося",
        ),
        (
            "Don't eat here, four of us got food poisoning after Saturday's buffet. Share this.",
            "cafe",
            "health very seriously",
        ),
        ("Не ходіть сюди, після суботнього фуршету четверо отруїлися. Поширте!", "cafe", "здоров'я"),
    ],
)
def test_a_wave_about_one_failure_gets_one_statement_in_its_language(text: str, kind: str, said: str) -> None:
    found = drafts(Label.DIRECTED, text, kind=kind)
    assert found
    for draft in found:
        assert said in draft, draft
        assert english(draft) if re.match(r"[A-Za-z]", text) else ukrainian(draft), draft
        assert "We'll look into what you've written" not in draft and "Розберемося з тим" not in draft, draft


@pytest.mark.parametrize(
    ("text", "kind", "amount"),
    [("£38 for a phone case?? Are you joking?", "shop", "£38"), ("$6.50 for a flat white?! Wow.", "cafe", "$6.50")],
)
@pytest.mark.parametrize("label", [Label.IMPULSIVE, Label.CONSTRUCTIVE])
def test_an_english_price_named_in_anger_is_answered_as_a_price(
    text: str, kind: str, amount: str, label: Label
) -> None:
    for draft in drafts(label, text, kind=kind, author="Sam"):
        assert amount in draft, draft
        assert not re.search(r"frustrating|sorry", draft, re.IGNORECASE), draft


@pytest.mark.parametrize(
    "text",
    ["Посилки досі немає, вже два тижні чекаю.", "Посилка йде вже третій тиждень, коли вже?"],
)
def test_a_ukrainian_parcel_without_its_number_is_asked_the_tracking_number(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind="shop"):
        assert ukrainian(draft), draft
        assert "номер відправлення" in draft and "номер замовлення" not in draft, draft


@pytest.mark.parametrize(
    "text",
    [
        "Купили пральну машину 10 листопада, а гарантійного талона досі немає.",
        "Оплатили курси ще в жовтні, а сертифіката досі немає.",
    ],
)
def test_a_ukrainian_document_still_missing_is_no_late_delivery(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text):
        assert ukrainian(draft), draft
        assert not re.search(r"замовлення досі не у вас|номер замовлення|привеземо", draft), draft


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("The stylist's straightener burned my neck during the appointment. Booking BK-3391.", "BK-3391"),
        ("Після процедури в салоні на руках висип і свербіж, замовлення 5520.", "5520"),
    ],
)
def test_a_harm_draft_names_the_id_the_author_gave(text: str, number: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, author="Lou"):
        assert number in draft, draft
        assert re.search(r"phone number|номер телефону", draft), draft
