"""The line about the hazard itself in safety and health drafts (bot/replies/safety_line.py): the zone and the
absent staff after an injury on the premises, a doctor today after a procedure or a poisoning that goes on, all
the harmed and the business's own doctor, medical data answered in person, a calm hazard report thanked. The
comments are written for these tests (none of a reading's or of tests/data/heldout/safety22.toml)."""

from __future__ import annotations

import re

import pytest

from bot.domain.verdicts import Label
from bot.replies import unfilled
from tests.unit.reply_cases import doctrine_clean
from tests.unit.reply_cases import drafts as shared_drafts

CASES = range(3)
ZONE_SLOT = re.compile(r"\[(?:эту зону|this area)[^\]]*\]")
CLAIMED_DONE = re.compile(r"зону закрыли(?! /)|we(?:'ve| have) closed", re.IGNORECASE)
DOCTOR_TODAY = re.compile(r"врач[^.]*сегодня|сегодня[^.]*врач|doctor today", re.IGNORECASE)
PRODUCT_ADVICE = re.compile(r"вещью не пользоваться|не носите|stop using", re.IGNORECASE)
WAIT_AND_SEE = re.compile(r"если (?:симптомы сохранятся|температура держится)|if (?:the )?symptoms persist", re.I)
HERE = re.compile(r"(?:ответим|напишем|сообщим) здесь|get back to you here|post here", re.IGNORECASE)


def drafts(label: Label, text: str, kind: str | None = None, author: str | None = "Лена") -> list[str]:
    return shared_drafts(label, text, kind, author, CASES)


@pytest.mark.parametrize(
    ("text", "kind", "staff"),
    [
        ("На батутной арене сын ушиб ногу о незакрытый каркас батута, а инструктора в зале не было", "leisure", "инструктор"),
        ("Дочь поранила руку о торчащий болт на детской горке, аниматор ушёл курить", "leisure", "аниматор"),
        ("В фитнес-клубе я ушиб плечо, когда сорвалась планка тренажёра, тренера рядом не было", "fitness", "тренер"),
        ("Сломал палец на лестнице у бассейна: ступенька отломана, никто не предупредил", "pool", None),
    ],
)  # fmt: skip
def test_an_injury_by_equipment_names_the_zone_as_a_slot_and_the_absent_staff(
    text: str, kind: str, staff: str | None
) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert ZONE_SLOT.search(draft), draft
        assert not CLAIMED_DONE.search(draft), draft
        assert re.search(r"выздоровл|поправляйтесь", draft), draft
        assert re.search(r"сегодня", draft), draft
        if staff:
            assert staff in draft, draft
        assert doctrine_clean(draft), draft
        assert unfilled(draft), draft  # the slot keeps the draft from going out as it is


def test_an_impulsive_injury_draft_says_the_zone_without_a_slot() -> None:
    text = "Ребёнок разбил колено о ржавую рамку в сухом бассейне, персонала не было ВООБЩЕ, позор"
    for draft in drafts(Label.IMPULSIVE, text, "leisure"):
        assert not unfilled(draft), draft
        assert re.search(r"зон", draft), draft


def test_an_english_injury_by_equipment_gets_the_zone_slot_and_a_recovery_wish() -> None:
    text = "My daughter bruised her knee on a broken step of the play frame and no staff member was around."
    for draft in drafts(Label.CONSTRUCTIVE, text, "leisure", author="Anna"):
        assert ZONE_SLOT.search(draft), draft
        assert re.search(r"recover", draft), draft
        assert "staff" in draft, draft


@pytest.mark.parametrize(
    ("text", "kind", "normal"),
    [
        ("После пирсинга пупка прошла неделя, вокруг прокола гной и температура 37,9. Мастер сказал — норма", "salon", True),
        ("Сделали биоревитализацию, лицо опухло, пятна красные расползаются, знобит со вчера", "salon", False),
        ("Тату на предплечье набила в четверг, кожа горячая, отёк и температура вечером", "salon", False),
        ("Ели у вас роллы позавчера, у меня до сих пор рвота и температура 38", "cafe", False),
    ],
)  # fmt: skip
def test_fever_after_a_procedure_or_lasting_poisoning_sends_to_a_doctor_today(
    text: str, kind: str, normal: bool
) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert DOCTOR_TODAY.search(draft), draft
        assert not WAIT_AND_SEE.search(draft), draft
        assert not PRODUCT_ADVICE.search(draft), draft
        assert not re.search(r"это норма|это нормально", draft), draft
        if normal:
            assert re.search(r"не то, что нужно перетерпеть", draft), draft


def test_an_english_fever_after_a_tattoo_sends_to_a_doctor_today() -> None:
    text = "My new tattoo is swollen and hot, and I've had a fever since Sunday. The artist says it's normal."
    for draft in drafts(Label.CONSTRUCTIVE, text, "salon", author="Mia"):
        assert DOCTOR_TODAY.search(draft), draft
        assert not PRODUCT_ADVICE.search(draft), draft


def test_someone_already_in_hospital_is_not_sent_to_a_doctor() -> None:
    text = "После ваших пельменей у сына температура и рвота, третий день лежим в больнице"
    for draft in drafts(Label.CONSTRUCTIVE, text, "cafe"):
        assert not re.search(r"обратитесь к врачу", draft), draft


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("В лагере после полдника трое ребят из отряда отравились, у всех рвота", "camp", "трои"),
        ("В пансионате после ужина отравились четверо отдыхающих, медсестра развела руками", None, "четвер"),
        ("Отель: после завтрака в ресторане двое из нашей семьи отравились, медпункт закрыт", "hotel", "обо"),
    ],
)
def test_several_poisoned_are_all_named_and_the_own_doctor_is_a_slot(text: str, kind: str | None, count: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert count in draft, draft
        assert "кому-то" not in draft, draft
        assert re.search(r"\[врач осмотрит", draft), draft


def test_a_number_of_days_is_not_a_number_of_people() -> None:
    text = "Отравился у вас шаурмой, три дня рвота и температура, ничего не помогает"
    for draft in drafts(Label.CONSTRUCTIVE, text, "cafe"):
        assert not re.search(r"всем троим|всех троих", draft), draft
        assert DOCTOR_TODAY.search(draft), draft


@pytest.mark.parametrize(
    "text",
    [
        "Результаты анализа на витамин D обещали через три дня, прошло десять",
        "В выписке из медкарты перепутали мой диагноз с чужим",
        "Заключение УЗИ так и не выдали, хотя приём оплачен",
    ],
)
def test_medical_data_is_answered_in_person_not_here(text: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, "clinic"):
        assert not HERE.search(draft), draft
        assert "личн" in draft, draft  # «лично» or «в личные сообщения»


@pytest.mark.parametrize(
    ("text", "kind", "boat"),
    [
        ("На теплоходе спасательные жилеты лежат в запертом сундуке на корме. Ничего не случилось, просто к сведению", "leisure", True),
        ("У входа в аквапарк шатаются перила на лестнице, пока никто не упал, но имейте в виду", "leisure", False),
        ("В парке аттракционов на колесе обозрения у кабинки болтается ограждение. Не жалуюсь, просто сообщаю", "leisure", False),
    ],
)  # fmt: skip
def test_a_calm_hazard_report_is_thanked_with_a_slot_and_the_rest_checked(text: str, kind: str, boat: bool) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind):
        assert re.search(r"спасибо", draft, re.IGNORECASE), draft
        assert re.search(r"\[что сделаем:", draft), draft
        assert "проверим всё остальное" in draft, draft
        assert not re.search(r"выздоровл|112|простите", draft, re.IGNORECASE), draft
        assert ("рейса" in draft) is boat, draft


def test_an_english_calm_hazard_report_is_thanked() -> None:
    text = "FYI the handrail on the boat's upper deck is loose. No one was hurt."
    for draft in drafts(Label.CONSTRUCTIVE, text, "leisure", author="Sam"):
        assert re.search(r"thank you", draft, re.IGNORECASE), draft
        assert re.search(r"\[what we'll do:", draft), draft
        assert "check everything else" in draft, draft


def test_a_product_injury_with_no_place_keeps_its_own_draft() -> None:
    text = "Купила у вас крем для рук, после него руки покраснели и чешутся"
    for draft in drafts(Label.CONSTRUCTIVE, text, "shop"):
        assert not ZONE_SLOT.search(draft), draft
        assert "[врач осмотрит" not in draft, draft


def test_goods_that_hurt_a_buyer_get_no_zone_to_close() -> None:
    text = "Купили у вас табурет, через неделю ножка сломалась, муж упал на пол и ушиб спину"
    for draft in drafts(Label.CONSTRUCTIVE, text, "shop"):
        assert not ZONE_SLOT.search(draft), draft


def test_a_clothing_vest_is_no_life_jacket() -> None:
    text = "Жилет из новой коллекции разошёлся по шву после первой стирки, обратите внимание на качество"
    for draft in drafts(Label.CONSTRUCTIVE, text, "shop"):
        assert "проверим всё остальное" not in draft, draft


@pytest.mark.parametrize(
    ("text", "kind", "wanted"),
    [
        ("Донька забила коліно об каркас гірки в ігровій кімнаті, аніматора поруч не було", "leisure", r"\[цю зону.*аніматора"),
        ("Після татуювання рука опухла й гноїться, третій день морозить", "salon", r"лікаря сьогодні"),
        ("На поромі поручні біля трапу хитаються. Ніхто не постраждав, просто до відома", "leisure", r"\[що зробимо:.*перевіримо все інше"),
        ("Результати аналізу крові досі не прийшли, хоча обіцяли за два дні", "clinic", r"особисто"),
    ],
)  # fmt: skip
def test_ukrainian_counterparts(text: str, kind: str, wanted: str) -> None:
    for draft in drafts(Label.CONSTRUCTIVE, text, kind, author="Оксана"):
        assert re.search(wanted, draft), draft
        assert not re.search(r"[ыэъё]", draft), draft  # no Russian line in a Ukrainian draft


def test_a_near_miss_is_no_injury() -> None:
    text = "В верёвочном парке ребёнок чуть не упал: ступенька на трассе отломана"
    for draft in drafts(Label.CONSTRUCTIVE, text, "leisure"):
        assert not re.search(r"выздоровл|пострадал", draft), draft
