"""bot.replies.lint: what a brand must never post is flagged; every default reply passes."""

from __future__ import annotations

import dataclasses

import pytest

from bot.domain.verdicts import Label
from bot.replies.lint import CODES, LintIssue, lint_reply
from bot.replies.playbooks import PLAYBOOKS, follow_up_variants, render, suggest_reply, variant_count

BAD = [
    # blaming the customer
    ("blame", "Вы сами виноваты, надо было читать условия.", "сами виноваты"),
    ("blame", "Сама виновата, что не проверила.", "Сама виновата"),
    ("blame", "Сам виноват", "Сам виноват"),
    ("blame", "Надо было внимательнее читать договор.", "Надо было внимательнее"),
    ("blame", "Нужно было сразу проверить посылку.", "Нужно было сразу"),
    ("blame", "Вам нужно было позвонить заранее.", "Вам нужно было"),
    ("blame", "Вы не умеете пользоваться приложением.", "Вы не умеете"),
    ("blame", "Вы просто не умеете читать.", "Вы просто не умеете"),
    ("blame", "Ты не умеешь пользоваться картой", "Ты не умеешь"),
    ("blame", "Вы неправильно оформили заказ.", "Вы неправильно"),
    ("blame", "Это ваши проблемы.", "Это ваши проблемы"),
    ("blame", "Всё написано на сайте.", "Всё написано на"),
    ("blame", "Читайте внимательнее условия акции.", "Читайте внимательнее"),
    ("blame", "Это произошло по вашей вине.", "вашей вине"),
    # denial
    ("denial", "Вы врёте, такого не было.", "Вы врёте"),
    ("denial", "Вы нам врали с самого начала", "Вы нам врали"),
    ("denial", "Такого не было.", "Такого не было"),
    ("denial", "Этого никогда не было", "Этого никогда не было"),
    ("denial", "Это неправда.", "Это неправда"),
    ("denial", "У нас всё работает.", "У нас всё работает"),
    ("denial", "У нас всё в порядке, проверяйте у себя.", "У нас всё в порядке"),
    ("denial", "С нашей стороны всё работает.", "нашей стороны всё работает"),
    ("denial", "Такого не может быть.", "Такого не может быть"),
    ("denial", "Вы всё придумали.", "Вы всё придумали"),
    ("denial", "Вы преувеличиваете.", "Вы преувеличиваете"),
    ("denial", "Мы не виноваты, что курьер опоздал.", "Мы не виноваты"),
    ("denial", "Мы тут ни при чём.", "ни при чём"),
    ("denial", "Это враньё и клевета.", "Это враньё"),
    # insults and aggression
    ("insult", "Вы что, дурак?", "дурак"),
    ("insult", "Опять какие-то неадекваты пишут", "неадекваты"),
    ("insult", "Очередной тупой вопрос", "тупой"),
    ("insult", "Клоуны, а не клиенты", "Клоуны"),
    ("insult", "Идите в жопу", "жопу"),
    ("aggression", "Не нравится — не покупайте.", "Не нравится — не покупайте"),
    ("aggression", "Вас никто не держит.", "никто не держит"),
    ("aggression", "Заткнитесь уже.", "Заткнитесь"),
    ("aggression", "Ваше мнение никого не интересует.", "Ваше мнение никого не интересует"),
    ("aggression", "Вы просто бот конкурентов.", "Вы просто бот"),
    ("aggression", "Это проплаченный отзыв.", "проплаченный отзыв"),
    ("aggression", "Вы нам надоели.", "Вы нам надоели"),
    ("aggression", "Катитесь отсюда.", "Катитесь отсюда"),
    # sarcasm
    ("sarcasm", "Ну конечно, во всём виноваты мы.", "Ну конечно"),
    ("sarcasm", "Ага, конечно, так мы и поверили.", "Ага, конечно"),
    ("sarcasm", "Очень смешно.", "Очень смешно"),
    ("sarcasm", "Спасибо, кэп.", "Спасибо, кэп"),
    ("sarcasm", "Какая неожиданность!", "Какая неожиданность"),
    ("sarcasm", "Браво, гениальный отзыв.", "Браво"),
    ("sarcasm", "Ждём вас снова 🙄", "🙄"),
    ("sarcasm", "Хорошего дня)))", ")))"),
    ("sarcasm", "Ха-ха, смешно", "Ха-ха"),
    # shouting
    ("shouting", "ВЫ ВООБЩЕ ЧИТАЛИ ДОГОВОР", "ВЫ ВООБЩЕ ЧИТАЛИ ДОГОВОР"),
    ("placeholder", "Ответим по фактам: [факты].", "[факты]"),
    ("placeholder", "Here are the facts: [facts].", "[facts]"),
    ("shouting", "Мы НИКОГДА так не делаем.", "НИКОГДА"),
    ("shouting", "Ждите ответа!!!", "!!!"),
    ("shouting", "Серьёзно?!", "?!"),
    # threats of deletion, bans and sanctions
    ("threat", "Ещё одно слово — и мы удалим ваш комментарий.", "удалим ваш комментарий"),
    ("threat", "Ваш отзыв будет удалён.", "отзыв будет удалён"),
    ("threat", "Будете так писать — забаним.", "забаним"),
    ("threat", "Мы заблокируем вас в группе.", "заблокируем вас"),
    ("threat", "Вас заблокируют.", "Вас заблокируют"),
    ("threat", "Придётся удалить этот комментарий.", "удалить этот комментарий"),
    ("threat", "Ещё раз — и бан.", "бан"),
    ("threat", "Подадим на вас в суд.", "Подадим на вас в суд"),
    ("threat", "Отправим вас в чёрный список.", "чёрный список"),
]


def test_every_family_is_covered() -> None:
    assert {code for code, _, _ in BAD} == CODES


@pytest.mark.parametrize(("code", "text", "fragment"), BAD)
def test_bad_reply_is_flagged(code: str, text: str, fragment: str) -> None:
    issues = lint_reply(text)
    matching = [i for i in issues if i.code == code]
    assert matching, f"{code} not found in {text!r}: {issues}"
    assert any(fragment.lower() in i.fragment.lower() or i.fragment.lower() in fragment.lower() for i in matching)
    for issue in matching:
        assert issue.fragment and issue.fragment in text
        assert issue.message_ru and issue.message_en


GOOD = [
    "Нам нужно было предупредить вас заранее, простите.",
    "Ваша карта заблокирована из-за подозрительной операции, поможем её разблокировать.",
    "Да, конечно, поможем!",
    "Мы решим вашу проблему сегодня.",
    "Пришлите, пожалуйста, скриншот вашей ошибки.",
    "Коды из СМС присылать не нужно.",
    "Если вы хотите удалить аккаунт, напишите нам.",
    "Простите, это наша ошибка: курьер перепутал адрес.",
    "Вы правы, мы были неправы. Уже исправляем.",
    "Спасибо! Передадим команде.",
    "Мы проверили: списание было двойным, деньги вернём в течение трёх дней.",
    "Курьер СДЭК привезёт заказ завтра.",
]


@pytest.mark.parametrize("text", GOOD)
def test_good_reply_is_not_flagged(text: str) -> None:
    assert lint_reply(text) == []


PROBLEMS = [
    None,
    "доставка заказа",
    "списание с карты",
    "холодная еда",
    "доступ к курсу",
    "связь",
    "вылеты приложения",
    "неправильный размер",
    "возврат денег",
    "служба поддержки",
    "app crashes",
]


@pytest.mark.parametrize("label", list(Label))
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_default_variant_lints_clean(label: Label, lang: str) -> None:
    checked = 0
    for variant in PLAYBOOKS[label].variants(lang):
        for problem in PROBLEMS:
            for name in (None, "Анна", "Alex"):
                text = render(variant, problem=problem, author_name=name, lang=lang)
                assert lint_reply(text) == [], text
                checked += 1
    assert checked == len(PROBLEMS) * 3 * len(PLAYBOOKS[label].variants(lang))


def test_suggested_replies_lint_clean() -> None:
    for label in Label:
        for case_id in range(max(variant_count(label), 1)):
            text = suggest_reply(label, problem="доставка заказа", author_name="Анна", case_id=case_id)
            if text is not None:
                assert lint_reply(text) == []


def test_issue_is_frozen() -> None:
    issue = lint_reply("Вы врёте")[0]
    assert isinstance(issue, LintIssue)
    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.code = "x"  # type: ignore[misc]


def test_several_families_in_one_text() -> None:
    codes = {i.code for i in lint_reply("ВЫ САМИ ВИНОВАТЫ!!! Такого не было, удалим ваш комментарий.")}
    assert {"blame", "shouting", "denial", "threat"} <= codes


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_follow_up_lints_clean(lang: str) -> None:
    for variant in follow_up_variants(lang):
        for problem in PROBLEMS:
            for fix in (None, "Теперь курьер звонит за час до приезда"):
                text = render(variant, problem=problem, author_name="Анна", lang=lang, fix=fix)
                assert lint_reply(text) == [], text


def test_has_insult_agrees_with_the_whole_lint() -> None:
    import json
    from pathlib import Path

    from bot.replies.lint import has_insult

    root = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
    texts = [
        json.loads(line)["text"]
        for path in sorted(root.glob("typology*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts += ["Вы идиоты", "какого хуя опять", "спасибо, всё пришло", "ну вы и клоуны, лохи"]
    disagree = [t for t in texts if has_insult(t) != any(i.code == "insult" for i in lint_reply(t))]
    assert len(texts) > 1000 and disagree == []
    assert has_insult("Вы идиоты") and not has_insult("спасибо, всё пришло")
