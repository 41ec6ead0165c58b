"""Writes ``game_chat.jsonl``: a game's community chat («Осколки Тарна», an invented online shooter-RPG),
in its own dialect, where «убил», «слил», «нагибают», «донат», «рак», «разнесли» are everyday words.

    python benchmarks/data/make_game_chat.py   # rewrites game_chat.jsonl (seeded: the same file)

Every phrase below was written for this project. A message is built from one author's voice (greeting,
slang, emoticons, punctuation habits) and one situation; its label is the situation's, by the doctrine
of docs/classifier.md (constructive: a concrete problem the team can act on; impulsive: a burst of
anger at the game or the team without a concrete ask; trolling: baiting the chat; directed: an attack
on a person, the team or a moderator by name; neutral: game talk, questions, banter; positive: thanks
and praise). The game talk is where the global model misreads: killing, draining, "cancer" and
donations are the chat's ordinary vocabulary.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("game_chat.jsonl")

# (nominative, accusative)
HEROES = [
    ("шаман", "шамана"),
    ("лучница", "лучницу"),
    ("танк", "танка"),
    ("некр", "некра"),
    ("хил", "хила"),
    ("паладин", "паладина"),
    ("ассасин", "ассасина"),
    ("друид", "друида"),
    ("берсерк", "берсерка"),
]
BOSSES = [
    ("Кронос", "Кроноса"),
    ("Пожиратель", "Пожирателя"),
    ("Ледяная Вдова", "Ледяную Вдову"),
    ("Гидра", "Гидру"),
    ("Страж Врат", "Стража Врат"),
    ("Король Личей", "Короля Личей"),
]
# where: "на ..."
MAPS = ["Пустошах", "Болотах", "Цитадели", "Шахтах", "Арене", "Мосту", "Перевале"]
ITEMS = ["легу", "топор бездны", "кольцо крови", "сет стража", "маунта", "скин дракона", "пет-лису"]
MODES = ["рейд", "арену", "данж", "клановую войну", "ранкед", "осаду"]

# Everyday talk in this chat: the slang the global model reads as negative.
NEUTRAL = [
    "вчера {boss_a} с третьей попытки убили, хил под конец слил всю ману",
    "кто на {mode} вечером? нужен {hero}, нагибать будем",
    "нас на {map} нагибают каждый вечер, пора собирать пати",
    "слил весь донат на крутки, выпало: {item}",
    "опять {boss} всех положил(а) на второй фазе, кто знает тактику?",
    "убил {boss_a} соло на {hero_p}, оказывается реально",
    "рак на миде опять кормит, но мы всё равно затащили",
    "{hero} сейчас имба, нагибает всех на {map}",
    "донатить или копить голду на {item}?",
    "разнесли клан на {map}, 5:0",
    "мы их просто уничтожили на {mode}, красиво было",
    "смерть на {map} каждые две минуты, там кемперы",
    "слили катку из-за афкшника, бывает",
    "зарезал {hero_a} три раза подряд, чувствую себя богом",
    "сколько урона у {item} после апа?",
    "кто-нибудь фармит на {map}? вдвоём быстрее",
    "на {mode} без хорошего хила делать нечего, проверено",
    "вайпнулись на {boss_p} шесть раз, завтра добьём",
    "ганкнули на {map}, отомщу вечером",
    "я опять умер на {boss_p}, смешно уже",
    "{boss} просто убийца, пол рейда сносит одним ударом",
    "донат на {item} окупился, фармлю в два раза быстрее",
    "кого качать вторым, {hero_a} или {hero2_a}?",
    "нужен гайд на {boss_a}, кидайте ссылки",
    "во сколько рестарт серверов сегодня?",
    "кто сейчас на {map}, го в пати",
    "токсичный рак в чате игры, а мы тут культурно убиваем друг друга",
    "режем {boss_a} в 21:00, сбор у портала",
    "всех порвали на {mode}, 3 победы подряд",
    "я тупо сгорел на {map}, но было весело",
    "{hero} на {map} мясо, лучше брать {hero2_a}",
    "крит по боссу 40к, это норм?",
    "потерял {item} на аукционе, перебили за секунду",
    "добиваю пятую звезду, потом в {mode}",
    "какой билд на {hero_a} для ранкеда?",
]
POSITIVE = [
    "спасибо за ивент, {item} просто огонь",
    "новый режим шикарный, разрабы красавчики",
    "обнова топ, {hero} наконец играбельный",
    "лучшая игра, третий год нагибаю и не надоело",
    "спасибо модерам, быстро разобрались с читером",
    "ребята, вы крутые, бой с {boss_i} сделан очень красиво",
    "донат честный, за {item} не жалко",
    "саппорт ответил за 10 минут и вернул {item}, спасибо",
    "после переделки на {map} играть одно удовольствие",
    "кайфую от нового сезона, музыка огонь",
]
CONSTRUCTIVE = [
    "после обновы предмет ({item}) не отображается в инвентаре, донат прошёл, а предмета нет",
    "оплатил пропуск сезона, деньги списали, пропуск не активировался. тикет 48{n} висит третий день",
    "на {map} проваливаемся под текстуры у моста, вылетаем из игры",
    "игра вылетает на загрузке {map} после патча, андроид 13",
    "баг на {boss_p}: после второй фазы не наносит урон и рейд нельзя закончить",
    "матчмейкинг в {mode} кидает новичков к топ-кланам, поправьте пожалуйста подбор",
    "донат за {item} списали дважды, верните одну оплату",
    "награды за ивент не пришли на почту, у всего клана так",
    "пинг на европейских серверах 300 с вечера, играть невозможно, проверьте",
    "после апдейта сбросился прогресс на {hero_p}, уровни пропали",
    "магазин не открывается, ошибка 503 при покупке {item}",
    "чат клана не грузится с утра, пишет нет соединения",
]
IMPULSIVE = [
    "да вы издеваетесь, опять {hero_a} понерфили!!!",
    "всё, удаляю игру, достало это донатное болото",
    "какой же бред этот патч, вы вообще сами играете???",
    "бесит, третий раз за вечер вылет, сколько можно",
    "руки бы оторвать тому, кто делал баланс на {mode}",
    "это не игра а помойка, верните как было на {map}",
    "ненавижу этот сезон, всё сломали",
    "задолбали ваши лутбоксы, одно и то же!!",
    "опять сервера легли, позорище",
    "за такие цены на {item} вам должно быть стыдно",
]
TROLLING = [
    "хахаха, игра для донатеров и ботов, плакать будете",
    "кто ещё играет в это в 2026, вы серьёзно? 🤡",
    "скоро закроют сервера, готовьтесь ныть",
    "кто донатит, тот лох, вот и вся игра",
    "идите лучше в нормальную игру, тут одни нубы и разрабы-клоуны",
    "ну что, опять слились всем кланом? ахах",
]
DIRECTED = [
    "модер {name} тупой, банит кого хочет",
    "{name}, ты разраб или клоун? иди учись кодить",
    "админ {name} продажный, за донат закрывает жалобы",
    "{name} сам читер, поэтому и молчит",
    "{name} бездарь, пусть уволят",
]
NAMES = ["Серж", "Алина", "модер Кот", "GM_Viktor", "Тарнас", "админ Лёха", "Марго"]

# Authors' voices: how each writes (greeting, endings, case, emoticons).
VOICES = [
    ("", "", False, ""),
    ("народ, ", "", False, ")"),
    ("", " кста", False, ""),
    ("", "", True, ""),
    ("ребят, ", "", False, " 😅"),
    ("", " имхо", False, ""),
    ("слушайте, ", "", False, ""),
    ("", "...", False, ""),
    ("", " лол", False, ""),
    ("", "", False, " 🔥"),
    ("эх, ", "", False, ""),
    ("", " короче", False, ""),
    ("йо, ", "", False, ""),
    ("", " пацаны", False, ""),
    ("так, ", "", False, " 👀"),
]

# The stream: a community chat over weeks; most is game talk, some feedback to the team.
MIX = [
    (NEUTRAL, "neutral", 56),
    (POSITIVE, "positive", 12),
    (CONSTRUCTIVE, "constructive", 13),
    (IMPULSIVE, "impulsive", 10),
    (TROLLING, "trolling", 5),
    (DIRECTED, "directed", 4),
]


# the boss «на ком» and «с кем»
_CASES = {
    "Кронос": ("Кроносе", "Кроносом"),
    "Пожиратель": ("Пожирателе", "Пожирателем"),
    "Ледяная Вдова": ("Ледяной Вдове", "Ледяной Вдовой"),
    "Гидра": ("Гидре", "Гидрой"),
    "Страж Врат": ("Страже Врат", "Стражем Врат"),
    "Король Личей": ("Короле Личей", "Королём Личей"),
}


def _fill(template: str, rng: random.Random) -> str:
    (hero, hero_a), (hero2, hero2_a) = rng.sample(HEROES, 2)
    boss, boss_a = rng.choice(BOSSES)
    return template.format(
        hero=hero,
        hero_a=hero_a,
        hero_p=hero_a[:-1] + "е",
        hero2=hero2,
        hero2_a=hero2_a,
        boss=boss,
        boss_a=boss_a,
        boss_p=_CASES[boss][0],
        boss_i=_CASES[boss][1],
        map=rng.choice(MAPS),
        item=rng.choice(ITEMS),
        mode=rng.choice(MODES),
        name=rng.choice(NAMES),
        n=rng.randint(100, 999),
    )


def _voice(text: str, rng: random.Random) -> str:
    head, tail, lower, emo = rng.choice(VOICES)
    if lower or rng.random() < 0.3:
        text = text.lower()
    elif head == "":
        text = text[0].upper() + text[1:]
    return head + text + tail + emo


def main() -> None:
    rng = random.Random(2026)
    pools = [m[0] for m in MIX]
    labels = [m[1] for m in MIX]
    weights = [m[2] for m in MIX]
    seen: set[str] = set()
    rows = []
    while len(rows) < 1800:
        i = rng.choices(range(len(pools)), weights)[0]
        text = _voice(_fill(rng.choice(pools[i]), rng), rng)
        if text in seen:
            continue
        seen.add(text)
        label = labels[i]
        negative = label in {"constructive", "impulsive", "trolling", "directed"}
        rows.append({"id": len(rows) + 1, "text": text, "label": label, "negative": negative})
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} messages written to {OUT}")


if __name__ == "__main__":
    main()
