"""Everything an admin reads, in Russian (default) and English.

Values are HTML templates for ``str.format``; callers escape user-supplied strings before
passing them in.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from bot.domain.languages import DEFAULT_LANGUAGE
from bot.domain.verdicts import Label
from bot.replies.lint import LintIssue

_TEXTS: dict[str, dict[str, str]] = {
    "ru": {
        "alert.title": "⚠️ <b>Негатив в «{chat}»</b>",
        "alert.author": "Автор: {author}",
        "alert.link": '<a href="{url}">Открыть комментарий</a>',
        "alert.label": "Тип: <b>{label}</b> · уверенность {confidence}%",
        "alert.toxic": " · 🤬 оскорбления",
        "alert.reasons": "Почему: {reasons}",
        "alert.playbook": "Что делать: {playbook}",
        "alert.reply": "Предлагаемый ответ:",
        "alert.no_reply": "Публичный ответ не нужен.",
        "alert.wave": "🌊 Волна: {messages} сообщ. от {accounts} аккаунтов: {names}",
        "alert.unreachable": "Не получают уведомления: {names}",
        "alert.edited": "✏️ Автор изменил комментарий.",
        "alert.taken": "👤 Взял(а) в работу: {who}",
        "alert.wave_time": "Первое сообщение волны в {first}, последнее в {last} UTC",
        "alert.troll_answered": "Этому автору в этой ветке уже ответили: второй ответ троллю не нужен.",
        "alert.followup": "Итог для автора: {status}",
        "followup.pending": "⏳ готовится публикация",
        "followup.sent": "✅ опубликован ответом на комментарий",
        "followup.failed": "❌ не удалось опубликовать: {error}",
        "btn.take": "👤 Беру",
        "btn.publish": "📣 Опубликовать итог",
        "btn.skip": "Не публиковать",
        "btn.keep": "Оставить как есть",
        "note.taken": "{who} взял(а) в работу",
        "note.followup_sent": "{who} опубликовал(а) итог",
        "note.admin_replied": "{who} ответил(а) в чате сам(а)",
        "note.author_calmed": "автор написал позже: «{text}». Запланированный ответ придержан — отправьте, если он всё ещё нужен",
        "note.postponed": "автор ещё пишет на эмоциях: ответ перенесён",
        "note.admin_answered_cancel": "админ уже ответил в чате: запланированный ответ отменён",
        "toast.taken_by": "Этим уже занимается {who}.",
        "toast.troll_once": "Этому автору в ветке уже ответили: одного ответа троллю достаточно.",
        "toast.no_followup": "Нет черновика итога. Нажмите «Решено» ещё раз.",
        "resolve.ask": "Случай решён. Что сделали? Напишите одной строкой — я подготовлю публичный ответ автору "
        "с итогом (например: «Вернули деньги и поменяли службу доставки»).",
        "resolve.draft": "Черновик итога — он уйдёт ответом на комментарий {author}:\n<blockquote>{text}</blockquote>\n"
        "Можно прислать другой текст одним сообщением.",
        "lint.warning": "⚠️ Проверьте текст перед отправкой:\n{issues}\nПришлите исправленный текст или оставьте как есть.",
        "reminder.title": "⏰ <b>Без ответа больше {hours} ч в «{chat}»</b>: {count}",
        "reminder.line": "• {label}: {author} — «{text}» {link}",
        "digest.title": "🗒 <b>Открытые случаи в «{chat}»</b>: {count}",
        "link.open": '<a href="{url}">открыть</a>',
        "alert.unreachable_why": "{name} ({why})",
        "why.never_started": "не нажал(а) Start",
        "why.blocked": "заблокировал(а) бота",
        "status.new": "Статус: ждёт решения",
        "status.pending": "Статус: ⏳ ответ уйдёт {when} ({at} UTC)",
        "status.sent": "Статус: ✅ ответ опубликован",
        "status.uncertain": "Статус: ❓ бот перезапускался во время отправки: проверьте, есть ли ответ в чате",
        "status.failed": "Статус: ❌ не удалось отправить ответ: {error}",
        "status.resolved": "Статус: ✔️ решено",
        "status.ignored": "Статус: 🙈 без ответа (решили не отвечать)",
        "last": "Последнее: {note}",
        "btn.send": "📤 Отправить сейчас",
        "btn.later": "⏳ Отправить позже",
        "btn.cancel": "✋ Отменить отправку",
        "btn.edit": "✏️ Изменить ответ",
        "btn.ignore": "🙈 Не отвечать",
        "btn.resolve": "✔️ Решено",
        "btn.relabel": "🏷 Не тот тип",
        "btn.retry": "🔁 Повторить отправку",
        "btn.confirm": "✅ Да, ответ в чате",
        "btn.resend": "📤 Нет, отправить",
        "btn.reopen": "↩️ Вернуть в работу",
        "btn.back": "← Назад",
        "note.sent": "{who} отправил(а) ответ",
        "note.scheduled": "{who} запланировал(а) ответ",
        "note.auto_scheduled": "ответ запланирован автоматически: автор пишет на эмоциях",
        "note.auto_sent": "ответ опубликован по расписанию",
        "note.cancelled": "{who} отменил(а) отправку",
        "note.ignored": "{who}: не отвечать",
        "note.resolved": "{who}: решено",
        "note.reopened": "{who} вернул(а) в работу",
        "note.relabel": "{who} сменил(а) тип: {old} → {new}",
        "note.edited_reply": "{who} изменил(а) текст ответа",
        "note.confirmed": "{who} подтвердил(а), что ответ в чате",
        "note.gone": "комментарий удалён автором, ответ отменён",
        "note.failed": "не удалось отправить ответ ({error})",
        "note.closed_before_send": "случай закрыт до отправки, ответ отменён",
        "toast.done": "Готово",
        "toast.not_admin": "Это могут делать только текущие админы чата.",
        "toast.not_found": "Случай не найден.",
        "toast.already_sent": "Ответ уже опубликован.",
        "toast.no_reply": "Для этого случая нет текста ответа. Нажмите «Изменить ответ».",
        "toast.nothing_pending": "Нет запланированного ответа.",
        "toast.failed": "Не получилось: {error}",
        "toast.closed": "Случай уже закрыт.",
        "edit.ask": "Пришлите новый текст ответа на комментарий {author} одним сообщением.\n"
        "Сейчас:\n<blockquote>{current}</blockquote>",
        "edit.preview": "Новый ответ сохранён:\n<blockquote>{text}</blockquote>\nОтправить его?",
        "edit.too_long": "Слишком длинно: не больше {limit} символов. Пришлите текст короче.",
        "edit.not_text": "Пришлите ответ обычным текстом.",
        "start.hello": "Здравствуйте, {name}! Я «Отклик»: помогаю админам групп и комментариев "
        "каналов спокойно работать с негативом. Я ничего не удаляю: нахожу негативные "
        "комментарии, объясняю, какой это негатив, и предлагаю ответ. Теперь я смогу присылать "
        "вам уведомления.",
        "start.chats": "Вы админ в чатах, где я работаю:\n{chats}",
        "start.no_chats": "Пока я не знаю чатов, где вы админ. Добавьте меня в группу или в группу "
        "обсуждения канала и сделайте админом, затем нажмите /start ещё раз. Подробнее: /help",
        "help": "<b>Что я делаю</b>\n"
        "Читаю сообщения в группе или в комментариях канала и отличаю конструктивную критику от "
        "эмоций, троллинга и организованных атак. По каждому негативному комментарию присылаю "
        "админам личное уведомление: ссылку, тип негатива, причину и готовый ответ. Ответ на "
        "эмоциональный комментарий откладываю, пока автор не остынет. Я никогда ничего не удаляю "
        "и никого не блокирую.\n\n"
        "<b>Как подключить</b>\n"
        "1. Добавьте меня в группу (или в группу обсуждения канала).\n"
        "2. Сделайте меня админом: так я вижу все сообщения. Права на удаление и блокировку не "
        "нужны.\n"
        "3. Каждый админ чата нажимает Start у меня в личке, иначе я не смогу ему писать.\n\n"
        "<b>Кнопки в уведомлении</b>\n"
        "📤 отправить ответ сейчас · ⏳ отправить позже · ✏️ изменить текст · 🙈 не отвечать · "
        "✔️ решено · 🏷 исправить тип.",
        "private.unknown": "Я работаю в группах. Нажмите /help, чтобы узнать, как меня подключить.",
        "label.constructive": "конструктивный",
        "label.impulsive": "эмоциональный",
        "label.trolling": "троллинг",
        "label.directed": "организованная атака",
        "label.neutral": "нейтральный",
        "label.positive": "позитивный",
        "admin.you": "админ",
        "startup.privacy": "Privacy mode is on: in groups where the bot is not an admin it sees only "
        "commands and replies to it. Fix: make the bot an admin of each group, or in @BotFather "
        "send /setprivacy, choose the bot and Disable, then re-add it to the groups.",
        "warn.blind": "⚠️ Я добавлен в «{chat}», но не вижу комментариев: я не админ, а режим приватности "
        "включён. Сделайте меня админом группы (права удалять и блокировать не нужны) — или в @BotFather "
        "отправьте /setprivacy → Disable и добавьте меня заново.",
        "tpl.pick_label": "Шаблоны ответов для «{chat}». Выберите тип:",
        "tpl.show": "<b>{label}</b> в «{chat}»: {source}\n\n{variants}\n\nПодстановки: {placeholders}",
        "tpl.source.custom": "свои варианты",
        "tpl.source.default": "стандартные варианты",
        "tpl.ask": "Пришлите новые варианты для типа «{label}» одним сообщением, разделяя их пустой строкой. "
        "Бот будет чередовать их. Подстановки: {placeholders}",
        "tpl.errors": "Не сохранено:\n{errors}\nИсправьте и пришлите ещё раз.",
        "tpl.saved": "Сохранено: {count} вар. для типа «{label}» в «{chat}».",
        "tpl.reset": "Для типа «{label}» снова стандартные варианты.",
        "tpl.private_hint": "Шаблоны настраиваются в личке: откройте бота и нажмите Start.",
        "tpl.no_chats": "Нет чатов, где вы админ. Добавьте бота в группу и нажмите /start.",
        "btn.tpl_replace": "✏️ Заменить",
        "btn.tpl_reset": "↩️ Стандартные",
        "btn.tpl_keep": "Сохранить всё равно",
    },
    "en": {
        "alert.title": "⚠️ <b>Negative comment in “{chat}”</b>",
        "alert.author": "Author: {author}",
        "alert.link": '<a href="{url}">Open the comment</a>',
        "alert.label": "Kind: <b>{label}</b> · confidence {confidence}%",
        "alert.toxic": " · 🤬 insults",
        "alert.reasons": "Why: {reasons}",
        "alert.playbook": "What to do: {playbook}",
        "alert.reply": "Suggested reply:",
        "alert.no_reply": "No public reply needed.",
        "alert.wave": "🌊 Wave: {messages} messages from {accounts} accounts: {names}",
        "alert.unreachable": "Not receiving alerts: {names}",
        "alert.edited": "✏️ The author edited the comment.",
        "alert.taken": "👤 Taken by: {who}",
        "alert.wave_time": "First wave message at {first}, last at {last} UTC",
        "alert.troll_answered": "This author already got a reply in this thread: a troll needs no second one.",
        "alert.followup": "Outcome for the author: {status}",
        "followup.pending": "⏳ being published",
        "followup.sent": "✅ posted as a reply to the comment",
        "followup.failed": "❌ could not post: {error}",
        "btn.take": "👤 I'll take it",
        "btn.publish": "📣 Publish the outcome",
        "btn.skip": "Don't publish",
        "btn.keep": "Keep it as is",
        "note.taken": "{who} took the case",
        "note.followup_sent": "{who} published the outcome",
        "note.admin_replied": "{who} answered in the chat directly",
        "note.author_calmed": "the author wrote later: “{text}”. The scheduled reply is on hold: send it if it is still needed",
        "note.postponed": "the author is still venting: reply postponed",
        "note.admin_answered_cancel": "an admin already answered in the chat: the scheduled reply is cancelled",
        "toast.taken_by": "{who} is already handling this.",
        "toast.troll_once": "This author already got a reply in this thread: one reply to a troll is enough.",
        "toast.no_followup": "No outcome draft. Press “Resolved” again.",
        "resolve.ask": "Resolved. What was done? One line, and I will draft the public reply to the author "
        "with the outcome (e.g. “Refunded and changed the delivery service”).",
        "resolve.draft": "Outcome draft — it goes out as a reply to {author}'s comment:\n<blockquote>{text}</blockquote>\n"
        "You can send a different text as one message.",
        "lint.warning": "⚠️ Check the text before sending:\n{issues}\nSend a corrected text or keep it as is.",
        "reminder.title": "⏰ <b>No answer for over {hours} h in “{chat}”</b>: {count}",
        "reminder.line": "• {label}: {author} — “{text}” {link}",
        "digest.title": "🗒 <b>Open cases in “{chat}”</b>: {count}",
        "link.open": '<a href="{url}">open</a>',
        "alert.unreachable_why": "{name} ({why})",
        "why.never_started": "never pressed Start",
        "why.blocked": "blocked the bot",
        "status.new": "Status: waiting for a decision",
        "status.pending": "Status: ⏳ the reply goes out {when} ({at} UTC)",
        "status.sent": "Status: ✅ reply posted",
        "status.uncertain": "Status: ❓ the bot restarted while sending: check whether the reply is in the chat",
        "status.failed": "Status: ❌ could not send the reply: {error}",
        "status.resolved": "Status: ✔️ resolved",
        "status.ignored": "Status: 🙈 no reply (decided not to answer)",
        "last": "Last: {note}",
        "btn.send": "📤 Send now",
        "btn.later": "⏳ Send later",
        "btn.cancel": "✋ Cancel sending",
        "btn.edit": "✏️ Edit reply",
        "btn.ignore": "🙈 Don't answer",
        "btn.resolve": "✔️ Resolved",
        "btn.relabel": "🏷 Wrong kind",
        "btn.retry": "🔁 Retry sending",
        "btn.confirm": "✅ Yes, it is in the chat",
        "btn.resend": "📤 No, send it",
        "btn.reopen": "↩️ Reopen",
        "btn.back": "← Back",
        "note.sent": "{who} sent the reply",
        "note.scheduled": "{who} scheduled the reply",
        "note.auto_scheduled": "reply scheduled automatically: the author is venting",
        "note.auto_sent": "the scheduled reply was posted",
        "note.cancelled": "{who} cancelled sending",
        "note.ignored": "{who}: don't answer",
        "note.resolved": "{who}: resolved",
        "note.reopened": "{who} reopened the case",
        "note.relabel": "{who} changed the kind: {old} → {new}",
        "note.edited_reply": "{who} edited the reply",
        "note.confirmed": "{who} confirmed the reply is in the chat",
        "note.gone": "the author deleted the comment, reply cancelled",
        "note.failed": "could not send the reply ({error})",
        "note.closed_before_send": "the case was closed before sending, reply cancelled",
        "toast.done": "Done",
        "toast.not_admin": "Only the chat's current admins can do this.",
        "toast.not_found": "Case not found.",
        "toast.already_sent": "The reply is already posted.",
        "toast.no_reply": "This case has no reply text. Press “Edit reply”.",
        "toast.nothing_pending": "No scheduled reply.",
        "toast.failed": "Failed: {error}",
        "toast.closed": "The case is already closed.",
        "edit.ask": "Send the new reply to {author}'s comment as one message.\n"
        "Now:\n<blockquote>{current}</blockquote>",
        "edit.preview": "New reply saved:\n<blockquote>{text}</blockquote>\nSend it?",
        "edit.too_long": "Too long: at most {limit} characters. Send a shorter text.",
        "edit.not_text": "Send the reply as plain text.",
        "start.hello": "Hello, {name}! I am Otklik: I help admins of groups and channel comments "
        "handle negative comments calmly. I never delete anything: I spot negative comments, "
        "explain what kind they are and suggest a reply. Now I can send you alerts.",
        "start.chats": "You are an admin in these chats I watch:\n{chats}",
        "start.no_chats": "I don't know any chat where you are an admin yet. Add me to a group or a "
        "channel's discussion group, make me an admin, then press /start again. More: /help",
        "help": "<b>What I do</b>\n"
        "I read a group or a channel's comments and tell constructive criticism from venting, "
        "trolling and organised attacks. For each negative comment I send the admins a private "
        "alert: a link, the kind, the reasons and a ready reply. I hold replies to venting until "
        "the author cools down. I never delete anything and never ban anyone.\n\n"
        "<b>Setting up</b>\n"
        "1. Add me to the group (or the channel's discussion group).\n"
        "2. Make me an admin so I see every message. No delete or ban rights are needed.\n"
        "3. Every admin of the chat presses Start in a private chat with me, or I can't write to them.\n\n"
        "<b>Alert buttons</b>\n"
        "📤 send now · ⏳ send later · ✏️ edit · 🙈 don't answer · ✔️ resolved · 🏷 fix the kind.",
        "private.unknown": "I work in groups. Press /help to see how to set me up.",
        "label.constructive": "constructive",
        "label.impulsive": "venting",
        "label.trolling": "trolling",
        "label.directed": "organised attack",
        "label.neutral": "neutral",
        "label.positive": "positive",
        "admin.you": "admin",
        "startup.privacy": "Privacy mode is on: in groups where the bot is not an admin it sees only "
        "commands and replies to it. Fix: make the bot an admin of each group, or in @BotFather "
        "send /setprivacy, choose the bot and Disable, then re-add it to the groups.",
        "warn.blind": "⚠️ I was added to “{chat}” but cannot see the comments: I am not an admin and privacy "
        "mode is on. Make me an admin of the group (no rights to delete or ban are needed), or in @BotFather "
        "send /setprivacy → Disable and add me again.",
        "tpl.pick_label": "Reply templates for “{chat}”. Pick a kind:",
        "tpl.show": "<b>{label}</b> in “{chat}”: {source}\n\n{variants}\n\nPlaceholders: {placeholders}",
        "tpl.source.custom": "your own variants",
        "tpl.source.default": "default variants",
        "tpl.ask": "Send the new variants for “{label}” as one message, separated by blank lines. The bot "
        "rotates them. Placeholders: {placeholders}",
        "tpl.errors": "Not saved:\n{errors}\nFix it and send again.",
        "tpl.saved": "Saved: {count} variants for “{label}” in “{chat}”.",
        "tpl.reset": "“{label}” uses the default variants again.",
        "tpl.private_hint": "Templates are set up in a private chat: open the bot and press Start.",
        "tpl.no_chats": "No chats where you are an admin. Add the bot to a group and press /start.",
        "btn.tpl_replace": "✏️ Replace",
        "btn.tpl_reset": "↩️ Defaults",
        "btn.tpl_keep": "Save anyway",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    table = _TEXTS.get(lang, _TEXTS[DEFAULT_LANGUAGE])
    template = table.get(key) or _TEXTS[DEFAULT_LANGUAGE][key]
    return template.format(**values) if values else template


def label_name(lang: str, label: Label | str) -> str:
    return t(lang, f"label.{Label(label).value}")


def lint_warning(lang: str, issues: Iterable[LintIssue]) -> str:
    """The warning an admin gets for a flagged text: each problem and the fragment, escaped."""
    lines = "\n".join(
        f"• {escape(issue.message_en if lang == 'en' else issue.message_ru)}: «{escape(issue.fragment)}»"
        for issue in issues
    )
    return t(lang, "lint.warning", issues=lines)


def keys(lang: str) -> frozenset[str]:
    return frozenset(_TEXTS[lang])
