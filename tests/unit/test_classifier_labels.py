"""The rules engine on clear examples written for these tests: labels, negation, toxicity."""

from __future__ import annotations

import pytest

from bot.classifier import Label, MessageIn, Reason, ReasonCode, RulesClassifier, Verdict, create_classifier


@pytest.fixture(scope="module")
def clf() -> RulesClassifier:
    return create_classifier()


def _v(clf: RulesClassifier, text: str) -> Verdict:
    return clf.classify(MessageIn(text=text))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Заказ №45123 не пришёл уже неделю, курьер не отвечает, верните деньги", Label.CONSTRUCTIVE),
        ("Списали 499 р дважды за подписку 3 ноября, прошу вернуть", Label.CONSTRUCTIVE),
        ("Третий день нет интернета, договор 556677, заявка без движения", Label.CONSTRUCTIVE),
        ("БЕСИТЕ!!! худший сервис, ненавижу", Label.IMPULSIVE),
        ("как же вы меня достали, ужас просто", Label.IMPULSIVE),
        ("Админ, ты вообще проснулся? ахахах 🤡", Label.TROLLING),
        ("кто вообще у вас это покупает? 😂 лохи", Label.TROLLING),
        ("Не покупайте у них! Отписывайтесь и расскажите всем", Label.DIRECTED),
        ("Ребята, давайте все поставим одну звезду, пусть знают", Label.DIRECTED),
        ("Лучше идите в @other_shop, там дешевле", Label.DIRECTED),
        ("Подскажите, во сколько вы открываетесь в субботу?", Label.NEUTRAL),
        ("Есть ли доставка в Казань?", Label.NEUTRAL),
        ("Спасибо, всё пришло быстро, очень довольна!", Label.POSITIVE),
        ("отличный сервис, рекомендую 👍", Label.POSITIVE),
    ],
)
def test_clear_examples(clf: RulesClassifier, text: str, label: Label) -> None:
    v = _v(clf, text)
    assert v.label is label, v
    assert 0.0 <= v.confidence <= 1.0
    if label is not Label.NEUTRAL:
        assert v.reasons, "every non-neutral verdict explains itself"


@pytest.mark.parametrize(
    ("text", "negative"),
    [
        ("не плохо", False),
        ("очень плохо", True),
        ("не рекомендую", True),
        ("рекомендую", False),
        ("не работает приложение", True),
        ("за 3 года ни одного сбоя", False),
        ("не хорошо так поступать", True),
        ("не работает ли кафе завтра?", False),
    ],
)
def test_negation(clf: RulesClassifier, text: str, negative: bool) -> None:
    assert _v(clf, text).negative is negative


@pytest.mark.parametrize(
    ("text", "toxic"),
    [
        ("х*р вам, а не возврат", True),
        ("п#здец полный", True),
        ("с*ка, опять", True),
        ("бл@ сколько можно", True),
        ("ты дебил", True),
        ("иди нахуй", True),
        ("доставка задерживается, очень плохо", False),
        ("хуже сервиса не видел", False),
        ("требую вернуть деньги", False),
        ("ребята, страховка не пришла", False),
    ],
)
def test_toxic(clf: RulesClassifier, text: str, toxic: bool) -> None:
    assert _v(clf, text).toxic is toxic


def test_sarcasm_is_negative(clf: RulesClassifier) -> None:
    v = _v(clf, "спасибо, что потеряли мой заказ")
    assert v.negative
    assert Reason(ReasonCode.SARCASM) in v.reasons


def test_problem_phrase(clf: RulesClassifier) -> None:
    v = _v(clf, "Курьер опоздал на 2 часа, заказ 12345 привезли холодным")
    assert v.label is Label.CONSTRUCTIVE
    assert v.problem is not None
    assert Reason(ReasonCode.PROBLEM, (v.problem,)) in v.reasons
    assert _v(clf, "Подскажите, во сколько открываетесь?").problem is None


@pytest.mark.parametrize("text", ["", " ", "\x00", "😀😀", "?!?!", "a" * 1_000_000, "\ud800x", "#" * 5000])
def test_never_raises(clf: RulesClassifier, text: str) -> None:
    v = clf.classify(MessageIn(text=text))
    assert isinstance(v.label, Label)
    assert 0.0 <= v.confidence <= 1.0


def test_deterministic() -> None:
    texts = ["БЕСИТЕ!!!", "Заказ 123456 не пришёл", "Не покупайте у них", "спасибо!", "админ, ты где? 🤡"]
    a, b = create_classifier(), create_classifier()
    assert [a.classify(MessageIn(t)) for t in texts] == [b.classify(MessageIn(t)) for t in texts]
    assert [a.classify(MessageIn(t)) for t in texts] == [a.classify(MessageIn(t)) for t in texts]
