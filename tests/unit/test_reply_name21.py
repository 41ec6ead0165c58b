"""Constructive drafts name the thing that failed and the channel the author says is silent (issue 18, name21)."""

from __future__ import annotations

import pytest

from bot.domain.reading import Topic
from bot.replies.complaint_clause import complaint_clause
from bot.replies.reading import topics_in
from bot.replies.silent_channel import silent_channel, with_silence


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Резину не выдали, менеджер не берёт трубку", "менеджер"),
        ("Заказ СБ-7720, диспетчер не отвечает уже неделю.", "диспетчер"),
        ("Квитанция 4471, мастер трубку не берёт.", "мастер"),
        ("Третий день +14, на горячей линии никто не берёт трубку", "горячей линии"),
        ("В чат курса пишу — тишина.", "в чате"),
        ("Поддержка молчит пятый день", "в поддержке"),
        ("Договор АР-5531, на звонки не отвечают.", "по телефону"),
    ],
)
def test_the_silent_channel_is_named_whoever_it_is(text: str, said: str) -> None:
    found = silent_channel(text)
    assert found is not None and said in found


@pytest.mark.parametrize(
    "text",
    [
        "Сборщик не приехал, никто не предупредил.",
        "На ресепшене ответили, что ничего не могут сделать.",
        "Свет в зале выключен с утра.",
    ],
)
def test_no_silent_channel_where_none_is_said(text: str) -> None:
    assert silent_channel(text) is None


def test_the_silence_follows_the_opening_apology_and_is_said_once() -> None:
    draft = "Максим, простите за эту ситуацию. Проверим по номеру 4471 и ответим здесь."
    out = with_silence(draft, "Квитанция 4471, мастер трубку не берёт.")
    sentences = out.split(". ")
    # our own master, in our voice: never «мастер не выходит на связь» as if of someone else's (round 18)
    assert sentences[1].startswith("И нам жаль, что наш мастер не вышел на связь")
    assert out.endswith("ответим здесь.")
    assert with_silence(out, "Квитанция 4471, мастер трубку не берёт.") == out
    # an opening that says «нам жаль» is followed by «простите», not by «нам жаль» again
    out2 = with_silence("Нам жаль, что так вышло. Разберёмся.", "Менеджер не перезванивает.")
    assert "И простите, что наш менеджер" in out2 and out2.count("жаль") == 1
    # a draft that already speaks of the silence is left as it is
    said = "Простите, что в поддержке вам так и не ответили."
    assert with_silence(said, "Поддержка молчит") == said


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("В клубе на Ленина третью неделю не работает душ в мужской раздевалке.", ["не работает душ"]),
        ("На сеансе в 19:30 в зале 4 отключился звук на 20 минут.", ["отключился звук"]),
        ("После чистки ноутбука перестал работать тачпад.", ["перестал работать тачпад"]),
        ("Через два дня отвалилась дверца шкафа.", ["отвалилась дверца"]),
        ("По договору не выдали зимнюю резину и коврики, менеджер молчит", ["не выдали", "резину", "коврики"]),
        ("На старте продаж упал сайт, билеты раскупили", ["упал сайт"]),
        ("Кассир отказался принять карту", ["отказался принять карту"]),
    ],
)
def test_the_clause_names_a_subject_said_after_its_verb(text: str, words: list[str]) -> None:
    clause = complaint_clause(text)
    assert clause is not None
    for word in words:
        assert word in clause
    assert not clause.split()[0].isdigit() and "через" not in clause


@pytest.mark.parametrize("text", ["Посетитель упал на входе", "Ребёнок упал с горки", "Тачпад перестал"])
def test_no_clause_for_a_person_falling_or_a_verb_without_its_infinitive(text: str) -> None:
    assert complaint_clause(text) is None


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("У дорожки оторван поручень. Стоит так уже неделю.", False),
        ("Шлагбаум стоит сломанный с понедельника.", False),
        ("Это стоит 5000 рублей!", True),
        ("Сколько стоит этот кошмар", True),
        ("Стоит как крыло самолёта", True),
    ],
)
def test_stoit_is_a_price_only_when_it_speaks_of_money(text: str, price: bool) -> None:
    assert (Topic.PRICE in topics_in(text)) is price


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("У беговой дорожки оторван поручень, стоит так неделю", ["оторван поручень"]),
        ("Поручень оторван уже неделю", ["поручень оторван"]),
        ("По договору не выданы зимняя резина и коврики, менеджер молчит", ["не выданы", "резина и коврики"]),
        ("Третий день разбито стекло на витрине", ["разбито стекло"]),
    ],
)
def test_a_short_participle_names_what_was_left_broken_or_not_handed_over(text: str, words: list[str]) -> None:
    clause = complaint_clause(text)
    assert clause is not None
    for word in words:
        assert word in clause


@pytest.mark.parametrize("text", ["Мы были записаны на 10:00", "Я был уверен, что всё готово", "Вопрос закрыт"])
def test_a_short_participle_of_no_failure_gives_no_clause(text: str) -> None:
    assert complaint_clause(text) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Привезли диван без одного модуля и без ножек, заказ МФ-11802.", ["привезли диван без", "модуля"]),
        ("Выдали машину без запасного колеса", ["выдали машину без запасного колеса"]),
        ("Собрали шкаф без задней стенки, сборщик уехал", ["собрали шкаф без задней стенки"]),
    ],
)
def test_a_thing_handed_over_without_a_part_is_named(text: str, words: list[str]) -> None:
    clause = complaint_clause(text)
    assert clause is not None
    for word in words:
        assert word in clause


@pytest.mark.parametrize(
    ("text", "thing", "silent"),
    [
        ("Привезли диван без ножек. Менеджер второй день не перезванивает.", "диван", "менеджер"),
        ("Менеджер не отвечает, а заказ так и не привезли", "заказ", "менеджер"),
        ("Диспетчер не берёт трубку, третью неделю не работает лифт", "лифт", "диспетчер"),
    ],
)
def test_the_failed_thing_comes_before_a_silent_channel(text: str, thing: str, silent: str) -> None:
    clause = complaint_clause(text)
    assert clause is not None and thing in clause and silent not in clause


def test_a_silent_channel_alone_is_still_the_complaint() -> None:
    clause = complaint_clause("Поддержка не отвечает третий день")
    assert clause is not None and "поддержка" in clause


@pytest.mark.parametrize(
    "text", ["Мастер трубку не берёт", "Диспетчер не берёт трубку", "Курьер не берёт трубку уже час"]
)
def test_not_picking_up_keeps_its_object(text: str) -> None:
    clause = complaint_clause(text)
    assert clause is not None and clause.endswith("не берёт трубку")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("После замены экрана телефон выключен и не заряжается.", None),
        ("Телефон у вожатого выключен третий день.", "вожатый не выходит на связь"),
    ],
)
def test_a_phone_switched_off_is_silence_only_when_it_is_someones(text: str, said: str | None) -> None:
    assert silent_channel(text) == said
