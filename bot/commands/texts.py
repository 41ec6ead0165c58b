"""Texts of the admin commands, in Russian (default) and English.

HTML templates for ``str.format``; callers escape user-supplied strings before passing them in.
"""

from __future__ import annotations

DEFAULT = "ru"

_TEXTS: dict[str, dict[str, str]] = {
    "ru": {
        # Access
        "access.not_admin": "Команды «Отклика» работают только для админов чата «{chat}».",
        "access.anonymous": "Вы пишете анонимно, от имени группы, а ответы на команды я присылаю в "
        "личные сообщения. Отправьте команду от своего аккаунта (отключите анонимность в правах "
        "админа) и нажмите Start у меня в личке.",
        "access.start_me": "Не могу написать вам в личку: откройте меня и нажмите Start, потом "
        "повторите команду. Ответы на команды приходят только туда.",
        "access.lost": "Вы больше не админ этого чата.",
        "access.no_chats": "Я не знаю чатов, где вы админ. Добавьте меня в группу и сделайте админом, "
        "затем нажмите /start.",
        "access.pick": "Выберите чат:",
        "access.sent_private": "Ответ отправлен вам в личку.",
        # Help
        "help.group": "<b>Команды для админов</b> (ответ приходит в личку)\n"
        "/settings: настройки чата\n"
        "/stats [7d|30d|all]: статистика с графиком\n"
        "/cases: открытые случаи и кто ими занят\n"
        "/pending: запланированные ответы\n"
        "/check текст: как я пойму этот текст и что предложу ответить\n"
        "/export: все случаи чата в CSV\n"
        "/help: эта справка",
        "help.private": "<b>Команды в личке</b>\n"
        "/chats: мои чаты, доходят ли уведомления, что исправить\n"
        "/stats, /cases, /pending, /settings, /export: то же, что в группе, с выбором чата\n"
        "/mute, /unmute: выключить или включить уведомления из чата\n"
        "/check текст: проверить, как я пойму текст",
        # Periods and durations
        "period.7d": "7 дней ({dates})",
        "period.30d": "30 дней ({dates})",
        "period.all": "всё время ({dates})",
        "span.lt_min": "меньше минуты",
        "span.m": "{m} мин",
        "span.h": "{h} ч",
        "span.hm": "{h} ч {m} мин",
        "span.d": "{d} дн",
        "span.dh": "{d} дн {h} ч",
        # Stats
        "stats.usage": "Период: /stats 7d, /stats 30d или /stats all.",
        "stats.title": "📊 <b>«{chat}»</b>, {period}",
        "stats.cases": "Негативных случаев: <b>{count}</b>",
        "stats.share": "Доля негатива среди сообщений: <b>{share}</b> ({negative} из {total})",
        "stats.times": "Медиана: до первого действия {first}, до закрытия {closed}",
        "stats.open": "Открыто сейчас: <b>{open}</b>, из них просрочено: <b>{overdue}</b>",
        "stats.reminders_off": "— (напоминания выключены)",
        "stats.precision": "Точность по исправлениям админов (исправлений: {corrections}):",
        "stats.no_chart": "График недоступен: на сервере не установлен matplotlib (pip install 'otklik[charts]').",
        "chart.title": "«{chat}»: негатив по дням, {period}",
        "chart.ylabel": "случаев в день",
        "chart.empty": "Негативных случаев за период нет",
        # Cases
        "cases.none": "В «{chat}» нет открытых случаев. 👍",
        "cases.title": "📋 <b>Открытые случаи в «{chat}»: {count}</b>",
        "cases.item": "{link} · {label} · {author} · {age} назад\n{status} · {who}\n<i>{text}</i>",
        "cases.taken": "взял(а): {name}",
        "cases.nobody": "никто не взял",
        "cases.more": "…и ещё {count}. Полный список: /export",
        "status.new": "ждёт решения",
        "status.scheduled": "ответ запланирован",
        "status.answered": "ответ опубликован",
        "status.resolved": "решено",
        "status.ignored": "без ответа",
        # Pending
        "pending.none": "В «{chat}» нет запланированных ответов.",
        "pending.title": "⏳ <b>Запланированные ответы в «{chat}»: {count}</b>",
        "pending.item": "{link} · {author} · {label}\nУйдёт через {when} ({at}, {tz})\n"
        "Комментарий:\n<blockquote>{comment}</blockquote>\nОтвет:\n<blockquote>{reply}</blockquote>",
        "pending.cancel": "✋ Отменить",
        "pending.send": "📤 Отправить сейчас",
        "pending.more": "…и ещё {count}.",
        # Check
        "check.usage": "Напишите текст после команды: /check Заказ не пришёл, верните деньги",
        "check.title": "🔎 <b>Как я пойму этот текст</b>",
        "check.label": "Тип: <b>{label}</b> · уверенность {confidence}%",
        "check.toxic": " · 🤬 оскорбления",
        "check.negative": "Это негатив: я бы открыл случай и прислал уведомление.",
        "check.not_negative": "Это не негатив: случай не откроется.",
        "check.reasons": "Почему: {reasons}",
        "check.playbook": "Что делать: {playbook}",
        "check.reply": "Предложу ответить:",
        "check.no_reply": "Публичный ответ не нужен.",
        # Export
        "export.caption": "Случаи чата «{chat}»: {count}. CSV в UTF-8, разделитель — запятая.",
        # Chats, mute
        "chats.title": "<b>Ваши чаты</b>",
        "chats.none": "Я не знаю чатов, где вы админ. Добавьте меня в группу и сделайте админом.",
        "chats.alerts_on": "🔔 уведомления приходят вам в личку",
        "chats.alerts_off": "🔕 уведомления до вас не доходят",
        "chats.muted": "🔕 вы выключили уведомления (/unmute, чтобы включить)",
        "chats.to_group": "📨 уведомления идут в группу для уведомлений",
        "chats.bot_admin": "🛡 бот — админ чата, видит все сообщения",
        "chats.bot_member": "👤 бот — не админ",
        "chats.p.removed": "бота удалили из чата: добавьте его снова",
        "chats.p.not_admin": "бот не админ и видит не все сообщения: сделайте его админом",
        "chats.p.not_admin_ok": "бот не админ: не узнаёт о смене админов, сделайте его админом",
        "chats.p.blocked": "я не могу вам писать: нажмите /start",
        "chats.p.no_group": "уведомления настроены в группу, но группа не выбрана (/settings)",
        "chats.p.others": "не нажали Start и не получают уведомлений: {names}",
        "mute.done": "🔕 Уведомления из «{chat}» выключены. Включить: /unmute",
        "unmute.done": "🔔 Уведомления из «{chat}» снова включены.",
        "mute.already": "Уведомления из «{chat}» уже выключены.",
        "unmute.already": "Уведомления из «{chat}» и так включены.",
        # Settings panel
        "set.title": "⚙️ <b>Настройки «{chat}»</b>",
        "set.delay": "⏱ Задержка ответа на эмоции: <b>{value}</b>",
        "set.delay_default": "{delay} (по умолчанию)",
        "set.auto": "🤖 Откладывать ответ на эмоции сам: <b>{value}</b>",
        "set.labels": "🔔 Уведомлять о: <b>{value}</b>",
        "set.quiet": "🌙 Тихие часы: <b>{value}</b> · пояс {tz}",
        "set.rem": "⏰ Напоминать о необработанных: <b>{value}</b>",
        "set.rem_every": "через {hours} ч",
        "set.digest": "🗒 Ежедневная сводка открытых случаев (в 9:00): <b>{value}</b>",
        "set.ret": "🗄 Хранить тексты комментариев: <b>{days} дн.</b>",
        "set.ret_days": "{days} дн.",
        "set.btn.digest": "🗒 Сводка: {value}",
        "set.btn.ret": "🗄 Хранение текстов",
        "set.lang": "🌐 Язык: <b>{value}</b>",
        "set.lang.ru": "русский",
        "set.lang.en": "английский",
        "set.to": "📨 Куда уведомления: <b>{value}</b>",
        "set.to.admins": "админам в личку",
        "set.to.group": "в группу",
        "set.to.both": "админам и в группу",
        "set.to.fallback": "(ALERT_CHAT_ID из настроек бота)",
        "set.to.missing": "(группа не выбрана!)",
        "set.hint": "Изменения сохраняются сразу.",
        "set.on": "вкл",
        "set.off": "выкл",
        "set.none": "ни о чём",
        "set.default": "по умолчанию",
        "set.btn.delay": "⏱ Задержка",
        "set.btn.auto": "🤖 Автоотложка: {value}",
        "set.btn.labels": "🔔 Типы",
        "set.btn.quiet": "🌙 Тихие часы",
        "set.btn.tz": "🕐 Часовой пояс",
        "set.btn.rem": "⏰ Напоминания",
        "set.btn.lang": "🌐 English",
        "set.btn.to": "📨 Куда уведомления",
        "set.btn.group": "Группа: {title}",
        "set.btn.nogroup": "Без своей группы",
        "set.btn.back": "← Назад",
        "set.saved": "Сохранено",
        "set.bad": "Эта кнопка устарела.",
        "set.labels_empty": "Оставьте хотя бы один тип: негатив нельзя пропускать.",
        "set.group_not_admin": "Вы не админ той группы.",
    },
    "en": {
        "access.not_admin": "Otklik's commands are for the admins of “{chat}” only.",
        "access.anonymous": "You are posting anonymously, as the group, and I answer commands in "
        "private messages. Send the command from your own account (turn off anonymity in your admin "
        "rights) and press Start in a private chat with me.",
        "access.start_me": "I cannot message you: open a private chat with me, press Start, then "
        "repeat the command. Answers to commands go there only.",
        "access.lost": "You are no longer an admin of this chat.",
        "access.no_chats": "I know no chats where you are an admin. Add me to a group, make me an "
        "admin, then press /start.",
        "access.pick": "Choose a chat:",
        "access.sent_private": "I sent the answer to your private chat.",
        "help.group": "<b>Admin commands</b> (answers arrive in private)\n"
        "/settings: chat settings\n"
        "/stats [7d|30d|all]: statistics with a chart\n"
        "/cases: open cases and who has them\n"
        "/pending: scheduled replies\n"
        "/check text: how I would read this text and what I would suggest\n"
        "/export: all the chat's cases as CSV\n"
        "/help: this help",
        "help.private": "<b>Private commands</b>\n"
        "/chats: my chats, whether alerts reach me, what to fix\n"
        "/stats, /cases, /pending, /settings, /export: as in the group, with a chat picker\n"
        "/mute, /unmute: turn a chat's alerts off or on\n"
        "/check text: see how I read a text",
        "period.7d": "7 days ({dates})",
        "period.30d": "30 days ({dates})",
        "period.all": "all time ({dates})",
        "span.lt_min": "under a minute",
        "span.m": "{m} min",
        "span.h": "{h} h",
        "span.hm": "{h} h {m} min",
        "span.d": "{d} d",
        "span.dh": "{d} d {h} h",
        "stats.usage": "Period: /stats 7d, /stats 30d or /stats all.",
        "stats.title": "📊 <b>“{chat}”</b>, {period}",
        "stats.cases": "Negative cases: <b>{count}</b>",
        "stats.share": "Share of negative messages: <b>{share}</b> ({negative} of {total})",
        "stats.times": "Median: to first action {first}, to closing {closed}",
        "stats.open": "Open now: <b>{open}</b>, overdue: <b>{overdue}</b>",
        "stats.reminders_off": "— (reminders are off)",
        "stats.precision": "Precision from admins' corrections ({corrections} corrections):",
        "stats.no_chart": "No chart: matplotlib is not installed on the server (pip install 'otklik[charts]').",
        "chart.title": "“{chat}”: negative cases per day, {period}",
        "chart.ylabel": "cases per day",
        "chart.empty": "No negative cases in this period",
        "cases.none": "No open cases in “{chat}”. 👍",
        "cases.title": "📋 <b>Open cases in “{chat}”: {count}</b>",
        "cases.item": "{link} · {label} · {author} · {age} ago\n{status} · {who}\n<i>{text}</i>",
        "cases.taken": "taken by {name}",
        "cases.nobody": "nobody has it",
        "cases.more": "…and {count} more. Full list: /export",
        "status.new": "waiting",
        "status.scheduled": "reply scheduled",
        "status.answered": "reply posted",
        "status.resolved": "resolved",
        "status.ignored": "not answered",
        "pending.none": "No scheduled replies in “{chat}”.",
        "pending.title": "⏳ <b>Scheduled replies in “{chat}”: {count}</b>",
        "pending.item": "{link} · {author} · {label}\nGoes out in {when} ({at}, {tz})\n"
        "Comment:\n<blockquote>{comment}</blockquote>\nReply:\n<blockquote>{reply}</blockquote>",
        "pending.cancel": "✋ Cancel",
        "pending.send": "📤 Send now",
        "pending.more": "…and {count} more.",
        "check.usage": "Put the text after the command: /check My order never came, refund me",
        "check.title": "🔎 <b>How I read this text</b>",
        "check.label": "Kind: <b>{label}</b> · confidence {confidence}%",
        "check.toxic": " · 🤬 insults",
        "check.negative": "Negative: I would open a case and alert the admins.",
        "check.not_negative": "Not negative: no case would be opened.",
        "check.reasons": "Why: {reasons}",
        "check.playbook": "What to do: {playbook}",
        "check.reply": "I would suggest replying:",
        "check.no_reply": "No public reply needed.",
        "export.caption": "Cases of “{chat}”: {count}. CSV, UTF-8, comma-separated.",
        "chats.title": "<b>Your chats</b>",
        "chats.none": "I know no chats where you are an admin. Add me to a group and make me an admin.",
        "chats.alerts_on": "🔔 alerts reach you in private",
        "chats.alerts_off": "🔕 alerts do not reach you",
        "chats.muted": "🔕 you muted alerts (/unmute to turn them on)",
        "chats.to_group": "📨 alerts go to the alert group",
        "chats.bot_admin": "🛡 the bot is an admin and sees every message",
        "chats.bot_member": "👤 the bot is not an admin",
        "chats.p.removed": "the bot was removed from the chat: add it again",
        "chats.p.not_admin": "the bot is not an admin and misses messages: make it an admin",
        "chats.p.not_admin_ok": "the bot is not an admin and misses admin changes: make it an admin",
        "chats.p.blocked": "I cannot message you: press /start",
        "chats.p.no_group": "alerts are set to go to a group, but none is chosen (/settings)",
        "chats.p.others": "did not press Start and get no alerts: {names}",
        "mute.done": "🔕 Alerts from “{chat}” are off. Turn them on: /unmute",
        "unmute.done": "🔔 Alerts from “{chat}” are on again.",
        "mute.already": "Alerts from “{chat}” are already off.",
        "unmute.already": "Alerts from “{chat}” are already on.",
        "set.title": "⚙️ <b>Settings of “{chat}”</b>",
        "set.delay": "⏱ Delay before replying to venting: <b>{value}</b>",
        "set.delay_default": "{delay} (default)",
        "set.auto": "🤖 Schedule replies to venting by itself: <b>{value}</b>",
        "set.labels": "🔔 Alert about: <b>{value}</b>",
        "set.quiet": "🌙 Quiet hours: <b>{value}</b> · time zone {tz}",
        "set.rem": "⏰ Remind about unhandled cases: <b>{value}</b>",
        "set.rem_every": "after {hours} h",
        "set.digest": "🗒 Daily digest of open cases (at 9:00): <b>{value}</b>",
        "set.ret": "🗄 Keep comment texts for: <b>{days} days</b>",
        "set.ret_days": "{days} days",
        "set.btn.digest": "🗒 Digest: {value}",
        "set.btn.ret": "🗄 Text retention",
        "set.lang": "🌐 Language: <b>{value}</b>",
        "set.lang.ru": "Russian",
        "set.lang.en": "English",
        "set.to": "📨 Alerts go to: <b>{value}</b>",
        "set.to.admins": "admins in private",
        "set.to.group": "a group",
        "set.to.both": "admins and a group",
        "set.to.fallback": "(ALERT_CHAT_ID of the bot's settings)",
        "set.to.missing": "(no group chosen!)",
        "set.hint": "Changes are saved at once.",
        "set.on": "on",
        "set.off": "off",
        "set.none": "nothing",
        "set.default": "default",
        "set.btn.delay": "⏱ Delay",
        "set.btn.auto": "🤖 Auto-schedule: {value}",
        "set.btn.labels": "🔔 Kinds",
        "set.btn.quiet": "🌙 Quiet hours",
        "set.btn.tz": "🕐 Time zone",
        "set.btn.rem": "⏰ Reminders",
        "set.btn.lang": "🌐 Русский",
        "set.btn.to": "📨 Where alerts go",
        "set.btn.group": "Group: {title}",
        "set.btn.nogroup": "No group of its own",
        "set.btn.back": "← Back",
        "set.saved": "Saved",
        "set.bad": "This button is out of date.",
        "set.labels_empty": "Keep at least one kind: negative comments must not be missed.",
        "set.group_not_admin": "You are not an admin of that group.",
    },
}


def ct(lang: str, key: str, **values: object) -> str:
    """A command text in ``lang`` (Russian when missing), formatted with ``values``."""
    table = _TEXTS.get(lang, _TEXTS[DEFAULT])
    template = table.get(key) or _TEXTS[DEFAULT][key]
    return template.format(**values) if values else template


def keys(lang: str) -> frozenset[str]:
    return frozenset(_TEXTS[lang])


def span(seconds: int, lang: str) -> str:
    """A short duration: ``45 мин``, ``2 ч 15 мин``, ``3 дн 4 ч``."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return ct(lang, "span.lt_min")
    minutes = seconds // 60
    if minutes < 60:
        return ct(lang, "span.m", m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return ct(lang, "span.hm", h=hours, m=minutes) if minutes else ct(lang, "span.h", h=hours)
    days, hours = divmod(hours, 24)
    return ct(lang, "span.dh", d=days, h=hours) if hours else ct(lang, "span.d", d=days)


def pct(share: float) -> str:
    return f"{round(share * 100)}%"
