"""English, Ukrainian and mixed-language drafts (issue 18): chats named in English or Ukrainian get their
kind of business; the language is read from the comment's own words; sums in £ and € are money; a
price is explained with an alternative; insults get one calm line; a blocked card, a lost bag, an
empty box, hot water at a club, a hair in a drink are answered in the author's terms. The comments
are written for these tests, not copied from the review set."""

from __future__ import annotations

import re

import pytest

from bot.domain.reading import Topic
from bot.domain.verdicts import Label
from bot.replies import suggest_reply
from bot.replies.business import ChatKinds
from bot.replies.reading import detect_language, read_comment

CASES = range(4)
UK_LETTERS = re.compile(r"[іїєґ]")
RU_ONLY = re.compile(r"[ыэъ]")


def drafts(label: Label, text: str, kind: str | None = None, name: str | None = None) -> list[str]:
    out = [suggest_reply(label, problem=None, author_name=name, case_id=n, text=text, kind=kind) for n in CASES]
    assert all(out), out
    return [d for d in out if d]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Tony's Pizza — delivery", "food"),
        ("Westfield Bank customers", "bank"),
        ("Little Bean Café", "cafe"),
        ("FastNet Broadband", "telecom"),
        ("QuickCab Taxi", "taxi"),
        ("Code Academy", "school"),
        ("Доставка їжі «Ситно»", "food"),
        ("Таксі Місто", "taxi"),
        ("Інтернет-провайдер Хвиля", "telecom"),
        ("Фітнес-клуб Сила", "fitness"),
    ],
)
def test_a_chat_named_in_english_or_ukrainian_gets_its_kind(title: str, kind: str) -> None:
    kinds = ChatKinds()
    kinds.note(1, "Hello", title)
    assert kinds.kind(1) == kind


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Broadband has been down since Monday, account 551234", "en"),
        ("Why so expensive now?", "en"),
        ("Замовила сукню, а прийшла порожня коробка", "uk"),
        ("Шо там з доставкою, вже годину чекаю", "uk"),
        ("Заказала платье, а пришла пустая коробка", "ru"),
        ("Мой заказ так и не привезли", "ru"),
        ("zakaz ne privezli uzhe 2 chasa", "ru"),
        ("nu i gde moi zakaz, to li kurier poteryalsya", "ru"),
        ("App keeps freezing on login, Pixel 6, so annoying", "en"),
        ("Terrible service, seriously", "en"),
        ("privet, kogda budet dostavka", "ru"),
    ],
)
def test_the_language_is_read_from_the_comments_own_words(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "kind", "amounts", "said"),
    [
        ("Latte went up from £2.80 to £3.40, same size cup. Why?", "cafe", ("£3.40", "£2.80"), "americano"),
        ("My cappuccino is €4.50 now, it was €3.90 last month", "cafe", ("€4.50", "€3.90"), "americano"),
        ("Why did a 15 minute ride cost £31 on Saturday night? Robbery", "taxi", ("£31",), "busy-time pricing"),
        ("£24 for a short ride across town is insane, what's going on with your prices", "taxi", ("£24",), "fare"),
    ],
)
def test_english_prices_are_money_and_explained_with_an_alternative(
    text: str, kind: str, amounts: tuple[str, ...], said: str
) -> None:
    reading = read_comment(text, kind=kind)
    assert reading.topic is Topic.PRICE
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert all(a in reply for a in amounts), reply
        assert said in reply
        assert "shouldn't" not in reply and "offers section" not in reply


@pytest.mark.parametrize(
    ("text", "kind", "said", "not_said"),
    [
        ("Лате подорожчало з 60 до 75 грн, чому так?", "cafe", "американо", "розділ акцій"),
        ("Поїздка на 10 хвилин коштувала 380 грн, це грабіж", "taxi", "підвищені ціни", "розділ акцій"),
    ],
)
def test_ukrainian_prices_of_coffee_and_rides_are_explained_in_their_terms(
    text: str, kind: str, said: str, not_said: str
) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert said in reply and not_said not in reply
        assert UK_LETTERS.search(reply) and not RU_ONLY.search(reply)


@pytest.mark.parametrize(
    "text",
    [
        "haha you clowns can't even keep a website up",
        "Bunch of idiots running this place, lol",
        "Ви там всі дебіли, чесне слово",
        "Безмозкі ідіоти, а не підтримка",
    ],
)
def test_an_insult_gets_one_calm_line_without_thanks_or_sympathy(text: str) -> None:
    assert read_comment(text).insult
    for reply in drafts(Label.TROLLING, text, "telecom"):
        assert not re.search(r"thank|дяку|annoyed|засмуч|жарт|joke", reply.lower()), reply
        assert reply.count(".") <= 2
    # An outburst with a complaint in it is answered as one, still without thanks.
    assert not any(re.search(r"thank|дяку", r.lower()) for r in drafts(Label.IMPULSIVE, text, "telecom"))


@pytest.mark.parametrize(
    "text",
    [
        "Картку заблокували вчора без жодних пояснень, гроші не можу зняти",
        "Мені заблокували картку, на гарячій лінії нічого не пояснюють",
    ],
)
def test_a_blocked_card_in_ukrainian_asks_for_the_phone_number_in_private(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "bank"):
        assert "заблок" in reply and "особисті повідомлення" in reply and "номер телефону" in reply
        assert "Дані картки" in reply  # never the card's own details


@pytest.mark.parametrize(
    "text",
    [
        "Забула в таксі сумку з документами, поїздка вчора о 19:40 з вокзалу",
        "Залишив у машині телефон, поїздка сьогодні о 8:15 до аеропорту",
    ],
)
def test_a_thing_left_in_a_taxi_goes_to_the_driver_without_asking_the_time_again(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "taxi"):
        assert "водієм" in reply and "дату й час" not in reply and "замовлен" not in reply


@pytest.mark.parametrize(
    ("text", "lang", "said"),
    [
        ("У чоловічій роздягальні третій день немає гарячої води", "uk", "гарячої води"),
        ("В душових немає гарячої води вже тиждень, скільки можна", "uk", "гарячої води"),
        ("No hot water in the changing rooms since Monday, again", "en", "hot water since Monday"),
    ],
)
def test_hot_water_at_a_club_is_answered_in_the_clubs_own_voice(text: str, lang: str, said: str) -> None:
    # the admin is the club: it deals with it, it does not pass it to its own administration
    for reply in drafts(Label.CONSTRUCTIVE, text, "fitness"):
        assert said in reply
        assert re.search(r"розберем|з'ясуєм|виправим|we'll|we're", reply, re.IGNORECASE)
        assert not re.search(r"адміністрац|керівник|management", reply)
        assert not re.search(r"замовлен|order|courier|кур'єр|адрес|address", reply)


@pytest.mark.parametrize(
    "text",
    [
        "Замовила кросівки, а прийшла порожня коробка. Замовлення 5512093",
        "Прийшла порожня посилка замість навушників, замовлення 880123",
    ],
)
def test_an_empty_box_in_ukrainian_is_named_and_the_order_is_not_asked_again(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "marketplace"):
        assert "порожня" in reply and "Напишіть" not in reply
        assert UK_LETTERS.search(reply) and not RU_ONLY.search(reply)


@pytest.mark.parametrize(
    "text",
    [
        "Замовила капучино, а в ньому волосина. Гидко",
        "У салаті знайшла волосину, дуже неприємно",
    ],
)
def test_a_hair_at_a_cafe_is_no_batch_from_a_shelf(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "cafe"):
        assert "партії" not in reply and "дату покупки" not in reply
        assert "переробимо" in reply


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Кажуть, ви продаєте підробки замість оригіналів", "marketplace"),
        ("Ви видаляєте всі погані відгуки, щоб ніхто не знав правди", "shop"),
        ("Everyone knows this shop pays for five-star reviews", "shop"),
        ("You sell counterfeit perfume and everybody knows it", "shop"),
        ("Ця мережа спонсорує окупантів, не купуйте тут", "shop"),
        ("This company is stealing customer card data", "shop"),
    ],
)
def test_an_accusation_in_english_or_ukrainian_gets_facts_to_fill(text: str, kind: str) -> None:
    assert read_comment(text, kind=kind).topic is Topic.ACCUSATION
    for reply in drafts(Label.TROLLING, text, kind):
        assert re.search(r"\[(?:facts|факти)\]", reply), reply


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("The app keeps logging me out since the last update, Pixel 8, Android 14", "logging you out"),
        (
            "Since the update your app has been logging me out every time I lock the phone. iPhone 13, iOS 17",
            "logging you out",
        ),
    ],
)
def test_an_english_logout_is_named_as_such_and_the_device_not_asked_again(text: str, said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "bank"):
        assert said in reply and "crashing" not in reply and "phone model" not in reply


@pytest.mark.parametrize(
    "text",
    [
        "У залі так холодно, що сиділи в куртках",
        "Пили каву в куртках, бо в залі холодно",
    ],
)
def test_a_cold_cafe_hall_goes_to_the_manager_without_a_photo(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "cafe"):
        assert "холодно" in reply and "опалення" in reply
        assert "фото" not in reply and "покупк" not in reply


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("I transferred £150 to my landlord on Friday and it has not arrived yet", "£150"),
        ("Sent €80 to my brother two days ago, it still hasn't reached him", "€80"),
    ],
)
def test_an_english_transfer_that_has_not_arrived_is_traced_with_the_phone_number_in_private(
    text: str, said: str
) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "bank"):
        assert said in reply and "transfer" in reply and "private message" in reply
        assert "refund is taking" not in reply


@pytest.mark.parametrize(
    "text",
    [
        "Переказала 300 грн не тій людині, помилилася в номері картки",
        "Відправив переказ не тому отримувачу, чи можна його повернути?",
    ],
)
def test_a_ukrainian_transfer_to_the_wrong_person_is_no_price_or_refund_delay(text: str) -> None:
    assert read_comment(text, kind="bank").topic is Topic.REFUND
    for reply in drafts(Label.CONSTRUCTIVE, text, "bank"):
        assert "переказ" in reply and "особисті повідомлення" in reply
        assert "ціни" not in reply and "затягнулося" not in reply


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Чому поїздка коштувала 390 грн, якщо в застосунку показувало 260?", "390 грн"),
        ("The app showed £12 but I was charged £19 for the ride", "£"),
    ],
)
def test_a_fare_above_the_apps_quote_is_checked_on_the_route_not_at_a_till(text: str, said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "taxi"):
        assert said in reply and re.search(r"маршрут|route", reply)
        assert not re.search(r"касі|полиці|розробник|developers|offers section", reply)


@pytest.mark.parametrize(
    ("text", "said", "contract"),
    [
        ("Швидкість 20 Мбіт замість 200 за тарифом, договір 661204", "швидкість", "661204"),
        ("Paying for 500 Mbps and getting 40 in the evenings, account 5512340", "speed", "5512340"),
    ],
)
def test_a_slow_line_is_measured_on_the_given_contract(text: str, said: str, contract: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "telecom"):
        assert said in reply.lower() and contract in reply
        assert "перебої" not in reply and "outage" not in reply


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Не приходить смс код для входу в застосунок, вже другий день", "SMS-код"),
        ("The login code never comes, can't get into my account", "login code"),
    ],
)
def test_a_login_code_that_never_comes_asks_for_the_account_not_the_phone_model(text: str, said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "bank"):
        assert said in reply and re.search(r"акаунт|account", reply)
        assert not re.search(r"модель телефону|phone model", reply)


@pytest.mark.parametrize(
    "text",
    [
        "Водій курив усю дорогу і не вмикав кондиціонер, поїздка вчора о 21:10",
        "The driver smoked the whole way and refused to turn on the AC. Ride today at 9:40",
    ],
)
def test_a_drivers_conduct_goes_to_the_quality_team_without_asking_the_time_again(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "taxi"):
        assert re.search(r"водієм|driver", reply)
        assert not re.search(r"дату й час|date and time|замовлен|order", reply)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Burger was stone cold and the fries soggy. Order 5521", "arrived cold"),
        ("My noodles were completely cold when they came, order 66120", "arrived cold"),
        ("Піца холодна і без половини сиру, замовлення 88012, поверніть гроші", "холодним"),
    ],
)
def test_cold_food_goes_to_the_kitchen_without_a_photo(text: str, said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "food"):
        assert said in reply and re.search(r"kitchen|кухню", reply)
        assert not re.search(r"photo|фото", reply)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Why is it now £45 a month? It was £35 in January.", "en"),
        ("Чому тепер 900 грн на місяць? У січні було 700.", "uk"),
    ],
)
def test_a_price_rise_where_the_business_is_unknown_names_no_shop(text: str, lang: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, None):
        assert not re.search(r"offers section|suppliers|розділ акцій|товари|закупівл", reply), reply


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Luxe Hair Salon", "salon"),
        ("Northside Garage & Car Service", "carservice"),
        ("Greenfield Council news", "city"),
        ("Ветклініка «Хвостик»", "vet"),
        ("Київстар — абоненти", "telecom"),
        ("Smile Dental Clinic", "clinic"),
    ],
)
def test_more_kinds_are_learnt_from_english_and_ukrainian_titles(title: str, kind: str) -> None:
    kinds = ChatKinds()
    kinds.note(1, "Hi", title)
    assert kinds.kind(1) == kind


@pytest.mark.parametrize(
    ("text", "kind", "said", "not_said"),
    [
        ("Чекали з собакою 3 години, хоча був запис на 9:00", "vet", "3 години", "номер замовлення"),
        ("Прождала на манікюр півтори години, майстриня запізнилась", "salon", "півтори години", "номер замовлення"),
    ],
)
def test_a_ukrainian_outburst_about_a_wait_at_a_place_names_the_wait(
    text: str, kind: str, said: str, not_said: str
) -> None:
    for reply in drafts(Label.IMPULSIVE, text, kind):
        assert said in reply and not_said not in reply
        assert re.search(r"з'ясуєм|розберем", reply, re.IGNORECASE) and "адміністрац" not in reply


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("З мене зняли 99 грн за підписку, яку я не підключав", "telecom", "99 грн"),
        ("Списали 200 грн за послугу без моєї згоди, поверніть гроші", "telecom", "200 грн"),
    ],
)
def test_a_ukrainian_service_never_ordered_is_switched_off_and_refunded_if_imposed(
    text: str, kind: str, said: str
) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert said in reply and "не підключали" in reply and "без вашої згоди" in reply
        assert "номер замовлення" not in reply


@pytest.mark.parametrize(
    "text",
    [
        "Куратор вже два тижні не перевіряє мої домашні завдання",
        "Домашні завдання висять без перевірки, ніхто не відповідає",
    ],
)
def test_unchecked_homework_goes_to_the_curators_head(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "school"):
        assert "перевір" in reply and "куратор" in reply
        assert "у чому питання" not in reply


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("Кешбек за жовтень так і не нарахували, хоча умови виконав", "bank", "кешбек"),
        ("Бонуси за покупку не прийшли, вже тиждень чекаю", "shop", "бонус"),
    ],
)
def test_a_ukrainian_missing_cashback_is_checked_and_credited(text: str, kind: str, said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert said in reply.lower() and "нарахуємо" in reply


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("На Подолі відкритий люк без кришки просто посеред тротуару", "112"),
        ("Біля зупинки люк без кришки, ввечері там темно", "112"),
    ],
)
def test_an_open_manhole_in_ukrainian_is_a_danger_not_a_complaint(text: str, said: str) -> None:
    assert "hazard" in read_comment(text, kind="city").facts.flags
    for reply in drafts(Label.CONSTRUCTIVE, text, "city"):
        assert said in reply and "небезпечно" in reply


@pytest.mark.parametrize(
    "text",
    [
        "Ordered a blue hoodie in M, got a grey one in XL. Order 771203",
        "I asked for oat milk latte and got a regular one, order 5512",
    ],
)
def test_an_english_wrong_item_is_not_called_missing(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "shop"):
        assert "wrong" in reply and "missing" not in reply and "incomplete" not in reply


@pytest.mark.parametrize(
    "text",
    [
        "The streetlights on Oak Road have been out for a week, it's pitch dark",
        "Bins on Elm Close haven't been collected for three weeks, the smell is awful",
    ],
)
def test_an_english_city_complaint_goes_to_the_service_in_charge(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "city"):
        assert "service in charge" in reply
        assert not re.search(r"order|courier|developers|management", reply)


@pytest.mark.parametrize("name", ["Lad", "mate", "Boss", "Dude"])
def test_an_english_handle_is_never_used_as_a_name(name: str) -> None:
    text = "My order 5512 is an hour late and nobody answers the phone"
    for reply in drafts(Label.CONSTRUCTIVE, text, "food", name=name):
        assert not reply.lower().startswith(name.lower())
    assert drafts(Label.CONSTRUCTIVE, text, "food", name="Megan")[0].startswith("Megan, ")


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("The girl at the till was so rude to me today, rolled her eyes and ignored me!", "cafe", "manager"),
        ("Ваш курʼєр нахамив мені і кинув пакет під двері!!!", "food", "кур'єр"),
        ("Адміністраторка на рецепції кричала на мене, жах", "hotel", "керівник розбереться"),
    ],
)
def test_an_outburst_about_rude_staff_names_it_and_says_who_deals_with_it(text: str, kind: str, said: str) -> None:
    for reply in drafts(Label.IMPULSIVE, text, kind):
        assert said in reply and re.search(r"not acceptable|так не можна", reply)
        assert not re.search(r"frustrating|засмучені|розповісти більше|tell us more", reply)


@pytest.mark.parametrize(
    "text",
    [
        "А ваш власник часом не росіянин? Чому ми маємо у вас купувати?",
        "Скільки ви платите податків окупантам?",
    ],
)
def test_a_ukrainian_political_jab_gets_one_boundary(text: str) -> None:
    assert read_comment(text).topic is Topic.POLITICS
    for reply in drafts(Label.TROLLING, text, "shop"):
        assert "Політику тут не обговорюємо" in reply and "дяку" not in reply


@pytest.mark.parametrize("text", ["Your drivers are thick as bricks", "What a bunch of muppets running this shop"])
def test_english_slang_insults_are_read_as_insults(text: str) -> None:
    assert read_comment(text).insult


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("Received a chicken burger instead of the veggie one I ordered, order 44120", "food", "order 44120 wrong"),
        ("The ATM at the station swallowed my card this morning", "bank", "ATM kept your card"),
        ("Tracking RB555666777GB says delivered, but there's nothing at my door", None, "marked as delivered"),
        ("The yoghurt I bought today at your store was already sour", "shop", "receipt"),
        ("Showers in the women's changing room have been cold since Monday", "fitness", "hot water"),
    ],
)
def test_more_english_complaints_are_answered_in_their_terms(text: str, kind: str | None, said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert said in reply, reply
        assert "refund is taking" not in reply and "we're sorry this happened" not in reply.lower()


@pytest.mark.parametrize(
    ("text", "kind", "said", "not_said"),
    [
        (
            "Посилка 20450011223344 вже 5 днів лежить у відділенні, статус не змінюється",
            None,
            "20450011223344",
            "номер замовлення",
        ),
        ("Водій висадив мене за 3 км від адреси і ще взяв повну ціну", "taxi", "не за адресою", "ціни"),
        (
            "Курс за 9 000 грн, а уроки — старі записи трирічної давності, поверніть гроші",
            "school",
            "не таким, як обіцяли",
            "номер замовлення",
        ),
        ("Знову зняли комісію 15 грн за переказ, хоча раніше було безкоштовно", "bank", "комісі", "поверненням коштів"),
        (
            "Інтернет не працює тиждень, майстер так і не прийшов, хоча обіцяли в середу",
            "telecom",
            "новий візит",
            "перебої",
        ),
    ],
)
def test_more_ukrainian_complaints_are_answered_in_their_terms(
    text: str, kind: str | None, said: str, not_said: str
) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert said in reply and not_said not in reply, reply
        assert UK_LETTERS.search(reply) and not RU_ONLY.search(reply)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Купила сир, а всередині цвіль, хоча термін ще не вийшов", "номер партії"),
        ("У сметані плавала цвіль, придбала вчора у вашому магазині", "номер партії"),
    ],
)
def test_ukrainian_mould_in_shop_food_asks_for_the_batch(text: str, said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "shop"):
        assert said in reply and "серйозно" in reply


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("Роутер, який ви поставили, сильно перегрівається і пахне паленим", "telecom", "вимкніть"),
        ("The heater in our room smells of burning when it's on", "hotel", "unplug"),
    ],
)
def test_equipment_that_overheats_is_a_danger_switched_off_now(text: str, kind: str, said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, kind):
        assert said in reply and re.search(r"небезпечно|dangerous", reply)
        assert not re.search(r"перебої|outage|фото|photo", reply)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Водій вимагав доплату готівкою понад суму в застосунку, поїздка вчора о 22:40", "не має права"),
        ("Таксист вимагав доплатити 100 грн понад суму в застосунку, поїздка сьогодні о 7:05", "не має права"),
    ],
)
def test_a_driver_who_asks_for_more_than_the_app_shows_is_dealt_with(text: str, said: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "taxi"):
        assert said in reply and "водієм" in reply
        assert not re.search(r"модель телефону|дату й час", reply)


@pytest.mark.parametrize(
    "text",
    [
        "Why am I suddenly paying a £3 monthly fee? Nobody said the account stopped being free.",
        "There's a new card fee on my statement and no one warned me",
    ],
)
def test_an_unannounced_bank_fee_is_owned_and_a_free_plan_offered(text: str) -> None:
    for reply in drafts(Label.CONSTRUCTIVE, text, "bank"):
        assert "in advance" in reply and "free of charge" in reply
        assert "refund is taking" not in reply


@pytest.mark.parametrize(
    ("text", "said", "not_said"),
    [
        ("Ви шахраї, гроші взяли, а замовлення так і не відправили", "не відправили", "[факти]"),
        ("Шахраї! Оплатила три тижні тому, а товар досі не відправили", "не відправили", "[факти]"),
        ("Ви шахраї і злодії, більше нічого не скажу", "конкретна претензія", "[факти]"),
    ],
)
def test_name_calling_with_a_real_failure_is_answered_as_the_failure(text: str, said: str, not_said: str) -> None:
    for reply in drafts(Label.TROLLING, text, "marketplace"):
        assert said in reply and not_said not in reply


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("This shop is a front for money laundering, everybody knows", "[facts]"),
        ("They bribe the inspectors, that's why nobody closes them", "[facts]"),
    ],
)
def test_an_english_accusation_of_crime_gets_facts_to_fill(text: str, said: str) -> None:
    assert read_comment(text, kind="shop").topic is Topic.ACCUSATION
    for reply in drafts(Label.TROLLING, text, "shop"):
        assert said in reply and "joke" not in reply


@pytest.mark.parametrize(
    "text",
    [
        "Of course nobody answers the phone again",
        "Зв'язатися з вами неможливо, мобільний застосунок висне",
        "Of course, thanks for nothing as usual",
    ],
)
def test_everyday_words_do_not_name_a_kind_of_business(text: str) -> None:
    kinds = ChatKinds()
    for _ in range(3):
        kinds.note(1, text)
    assert kinds.kind(1) is None


@pytest.mark.parametrize(
    ("text", "said", "not_said"),
    [
        ("Your app is a disaster since the update, can't open anything!!!", "since the update", "tell us more"),
        ("App keeps freezing every five minutes, so annoying", "developers", "tell us more"),
        ("Застосунок після оновлення взагалі не працює, жах!!!", "після оновлення", "розповісти більше"),
    ],
)
def test_an_outburst_about_the_app_goes_to_the_developers(text: str, said: str, not_said: str) -> None:
    for reply in drafts(Label.IMPULSIVE, text, "app"):
        assert said in reply and not_said not in reply


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Оплатила курс, а доступу досі немає, жах!!!", "доступ"),
        ("Paid for the course three days ago and still no access, unbelievable!!", "access"),
    ],
)
def test_an_outburst_about_a_paid_course_without_access_opens_the_access(text: str, said: str) -> None:
    for reply in drafts(Label.IMPULSIVE, text, "school"):
        assert said in reply and not re.search(r"модель телефону|phone model|браузер|browser", reply)


@pytest.mark.parametrize(
    "text",
    ["Ваші лікарі — шарлатани без ліцензій, усі це знають", "Your trainers are frauds with no certificates at all"],
)
def test_an_accusation_about_licences_gets_facts_and_an_open_door(text: str) -> None:
    for reply in drafts(Label.TROLLING, text, "fitness"):
        assert re.search(r"\[(?:facts|факти)\]", reply) and re.search(r"документи|licences", reply)
