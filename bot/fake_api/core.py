"""The state and the methods of the fake Bot API."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Methods the product must never call; the fake records them like any other so tests can assert.
PUNITIVE_METHODS = frozenset(
    {
        "deleteMessage",
        "deleteMessages",
        "banChatMember",
        "banChatSenderChat",
        "restrictChatMember",
        "unbanChatMember",
        "kickChatMember",
        "declineChatJoinRequest",
    }
)

_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_send_welcome_messages": False,
}


@dataclass(frozen=True, slots=True)
class Call:
    method: str
    params: dict[str, Any]
    at: float


@dataclass(frozen=True, slots=True)
class RawAnswer:
    """An answer that is not the Bot API's JSON, such as a proxy's error page. The HTTP transport
    puts the request's path (token included) where the text says ``{path}``, as pages that echo
    the request do."""

    text: str
    content_type: str = "text/html"


@dataclass(slots=True)
class Fault:
    """Answer matching calls with an error instead of a result, ``times`` times.

    Or a malformed answer: ``strip`` answers as usual but without these fields in the result (in
    each item of a list), e.g. a chat member without ``status``; ``raw`` answers ``error_code``
    with that text instead of JSON (see ``RawAnswer``)."""

    method: str
    error_code: int
    description: str
    retry_after: int | None = None
    chat_id: int | None = None
    times: int = 1
    # Drop the connection instead of answering: "before" handling the call, or "after" it
    # (the message exists, the bot never hears so). The transports turn status 0 into a drop.
    drop: str | None = None
    strip: tuple[str, ...] = ()
    raw: str | None = None

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if self.times <= 0 or method != self.method:
            return False
        return self.chat_id is None or params.get("chat_id") == self.chat_id


def _stripped(answer: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    result = answer.get("result")
    items = result if isinstance(result, list) else [result]
    cut = [{k: v for k, v in item.items() if k not in fields} if isinstance(item, dict) else item for item in items]
    return {**answer, "result": cut if isinstance(result, list) else cut[0]}


def user(user_id: int, first_name: str, username: str | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        data["username"] = username
    data.update(extra)
    return data


@dataclass
class FakeTelegram:
    bot_id: int = 7000001
    bot_username: str = "otklik_test_bot"
    can_read_all_group_messages: bool = False
    calls: list[Call] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    # Methods whose calls are answered only once taken out of here: a test catches the bot mid-update.
    held: set[str] = field(default_factory=set)
    # The same for one chat's calls of a method: (method, chat_id).
    held_in: set[tuple[str, int]] = field(default_factory=set)
    # Held calls let go without being carried out: the connection drops, as when the bot died
    # before its request reached Telegram (see ``abandon``).
    abandoned: set[tuple[str, int | None]] = field(default_factory=set)
    _released: asyncio.Event = field(default_factory=asyncio.Event)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    # chat_id -> user_id -> ChatMember dict
    members: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)
    # Users who never pressed Start or blocked the bot: private messages to them get 403.
    blocked: set[int] = field(default_factory=set)
    # Messages that no longer exist (replying to them fails as Telegram does).
    gone: set[tuple[int, int]] = field(default_factory=set)
    clock: Callable[[], float] = time.time
    # Benchmarks: record when each update was first handed out by getUpdates (update_id -> clock()).
    record_served: bool = False

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Event()
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.served: dict[int, float] = {}

    # Building the world ----------------------------------------------------------------------

    @property
    def bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Otklik", "username": self.bot_username}

    def add_group(
        self,
        chat_id: int,
        title: str,
        *,
        owner: dict[str, Any],
        admins: tuple[dict[str, Any], ...] = (),
        username: str | None = None,
        linked_chat_id: int | None = None,
        bot_admin: bool = True,
    ) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": "supergroup", "title": title}
        if username:
            chat["username"] = username
        self.chats[chat_id] = {**chat, "linked_chat_id": linked_chat_id}
        members = self.members.setdefault(chat_id, {})
        members[owner["id"]] = {"status": "creator", "user": owner, "is_anonymous": False}
        for admin in admins:
            members[admin["id"]] = {"status": "administrator", "user": admin, **_ADMIN_RIGHTS}
        if bot_admin:
            members[self.bot_id] = {"status": "administrator", "user": self.bot_user, **_ADMIN_RIGHTS}
        return chat

    def add_channel(
        self, chat_id: int, title: str, *, discussion: int, username: str | None = None, bot_can_post: bool = True
    ) -> dict[str, Any]:
        """A channel whose discussion group is ``discussion`` (each names the other in getChat)."""
        chat: dict[str, Any] = {"id": chat_id, "type": "channel", "title": title}
        if username:
            chat["username"] = username
        self.chats[chat_id] = {**chat, "linked_chat_id": discussion}
        self.chats[discussion]["linked_chat_id"] = chat_id
        if bot_can_post:
            self.members.setdefault(chat_id, {})[self.bot_id] = {
                "status": "administrator",
                "user": self.bot_user,
                **_ADMIN_RIGHTS,
                "can_post_messages": True,
            }
        return chat

    def set_member(self, chat_id: int, member: dict[str, Any], status: str) -> None:
        members = self.members.setdefault(chat_id, {})
        if status == "administrator":
            members[member["id"]] = {"status": status, "user": member, **_ADMIN_RIGHTS}
        elif status == "creator":
            members[member["id"]] = {"status": status, "user": member, "is_anonymous": False}
        else:
            members[member["id"]] = {"status": status, "user": member}

    def member(self, chat_id: int, user_id: int) -> dict[str, Any]:
        found = self.members.get(chat_id, {}).get(user_id)
        if found:
            return found
        return {"status": "left", "user": user(user_id, "User")}

    def public_chat(self, chat_id: int) -> dict[str, Any]:
        return {k: v for k, v in self.chats[chat_id].items() if k != "linked_chat_id" and v is not None}

    # Updates ----------------------------------------------------------------------------------

    def push(self, **update: Any) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **update})
        self._new_update.set()
        return update_id

    def unconfirmed(self) -> list[int]:
        """Ids of the updates getUpdates has not yet been told (by a later offset) were received."""
        return [u["update_id"] for u in self._updates]

    def drain(self) -> list[dict[str, Any]]:
        """Take the queued updates, for feeding a dispatcher directly instead of polling."""
        updates, self._updates = self._updates, []
        return updates

    def next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(100))
        return next(counter)

    def comment(
        self,
        chat_id: int,
        author: dict[str, Any],
        text: str,
        *,
        thread_id: int | None = None,
        sender_chat: dict[str, Any] | None = None,
        edit_of: int | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Push a group message (or an edit of one) and return the message."""
        message_id = edit_of if edit_of is not None else self.next_message_id(chat_id)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(self.clock()),
            "chat": self.public_chat(chat_id),
            "from": author,
            "text": text,
        }
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["reply_to_message"] = {
                "message_id": thread_id,
                "date": int(self.clock()),
                "chat": self.public_chat(chat_id),
            }
        if sender_chat is not None:
            message["sender_chat"] = sender_chat
        message.update(extra)
        if edit_of is not None:
            message["edit_date"] = int(self.clock())
            self.push(edited_message=message)
        else:
            self.push(message=message)
        self.messages[(chat_id, message_id)] = message
        return message

    def private_message(self, author: dict[str, Any], text: str) -> dict[str, Any]:
        chat = {"id": author["id"], "type": "private", "first_name": author["first_name"]}
        message: dict[str, Any] = {
            "message_id": self.next_message_id(author["id"]),
            "date": int(self.clock()),
            "chat": chat,
            "from": author,
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        self.push(message=message)
        return message

    def press(self, presser: dict[str, Any], message: dict[str, Any], data: str) -> int:
        return self.push(
            callback_query={
                "id": f"cb{next(self._update_ids)}",
                "from": presser,
                "message": message,
                "chat_instance": "fake",
                "data": data,
            }
        )

    def bot_added(self, chat_id: int, by: dict[str, Any], *, as_admin: bool = True) -> int:
        old = {"status": "left", "user": self.bot_user}
        new = (
            {"status": "administrator", "user": self.bot_user, **_ADMIN_RIGHTS}
            if as_admin
            else {"status": "member", "user": self.bot_user}
        )
        self.members.setdefault(chat_id, {})[self.bot_id] = new
        return self.push(
            my_chat_member={
                "chat": self.public_chat(chat_id),
                "from": by,
                "date": int(self.clock()),
                "old_chat_member": old,
                "new_chat_member": new,
            }
        )

    def bot_removed(self, chat_id: int, by: dict[str, Any]) -> int:
        old = self.members.get(chat_id, {}).pop(self.bot_id, {"status": "member", "user": self.bot_user})
        return self.push(
            my_chat_member={
                "chat": self.public_chat(chat_id),
                "from": by,
                "date": int(self.clock()),
                "old_chat_member": old,
                "new_chat_member": {"status": "left", "user": self.bot_user},
            }
        )

    def member_changed(self, chat_id: int, member: dict[str, Any], status: str) -> int:
        old = self.member(chat_id, member["id"])
        self.set_member(chat_id, member, status)
        return self.push(
            chat_member={
                "chat": self.public_chat(chat_id),
                "from": member,
                "date": int(self.clock()),
                "old_chat_member": old,
                "new_chat_member": self.member(chat_id, member["id"]),
            }
        )

    # Looking at what the bot did ---------------------------------------------------------------

    def sent(self, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        return [
            call
            for call in self.calls
            if (method is None or call.method == method) and (chat_id is None or call.params.get("chat_id") == chat_id)
        ]

    async def wait_for(self, predicate: Callable[[Call], bool], *, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait until ``count`` calls match; return them (TimeoutError otherwise)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = [call for call in self.calls if predicate(call)]
            if len(found) >= count:
                return found
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise TimeoutError(f"expected {count} matching calls, saw {len(found)}")
            self._new_call.clear()
            try:
                await asyncio.wait_for(self._new_call.wait(), remaining)
            except TimeoutError:
                continue

    # Answering the bot --------------------------------------------------------------------------

    def release(self, method: str, chat_id: int | None = None) -> None:
        """Answer the held calls of ``method`` (see ``held``), or only those to ``chat_id``
        (see ``held_in``)."""
        if chat_id is None:
            self.held.discard(method)
        else:
            self.held_in.discard((method, chat_id))
        self._released.set()

    def abandon(self, method: str, chat_id: int | None = None) -> None:
        """Let the held calls of ``method`` (to ``chat_id``) go without carrying them out: their
        connections drop. For a bot killed while they were held, whose requests never arrived."""
        self.abandoned.add((method, chat_id))
        self.release(method, chat_id)

    def _held(self, method: str, params: dict[str, Any]) -> bool:
        return method in self.held or (method, params.get("chat_id")) in self.held_in

    async def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any] | RawAnswer]:
        if method != "getUpdates":
            self.calls.append(Call(method, params, self.clock()))
            self._new_call.set()
        if self._held(method, params):
            while self._held(method, params):
                self._released.clear()
                await self._released.wait()
            if (method, None) in self.abandoned or (method, params.get("chat_id")) in self.abandoned:
                return 0, {}
        for fault in self.faults:
            if fault.matches(method, params):
                fault.times -= 1
                if fault.drop == "after":
                    await self._answer(method, params)
                if fault.drop:
                    return 0, {}
                if fault.strip:
                    status, answer = await self._answer(method, params)
                    return status, _stripped(answer, fault.strip)
                if fault.raw is not None:
                    return fault.error_code, RawAnswer(fault.raw)
                body: dict[str, Any] = {
                    "ok": False,
                    "error_code": fault.error_code,
                    "description": fault.description,
                }
                if fault.retry_after is not None:
                    body["parameters"] = {"retry_after": fault.retry_after}
                return fault.error_code, body
        return await self._answer(method, params)

    async def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return 200, {"ok": True, "result": True}
        result = handler(params)
        if asyncio.iscoroutine(result):
            result = await result
        if isinstance(result, tuple):
            return result
        return 200, {"ok": True, "result": result}

    @staticmethod
    def _error(code: int, description: str) -> tuple[int, dict[str, Any]]:
        return code, {"ok": False, "error_code": code, "description": description}

    def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": self.can_read_all_group_messages,
            "supports_inline_queries": False,
        }

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), float(params.get("timeout") or 0))
            except TimeoutError:
                return []
        limit = int(params.get("limit") or 100)
        batch = self._updates[:limit]
        if self.record_served:
            now = self.clock()
            for update in batch:
                self.served.setdefault(update["update_id"], now)
        return batch

    def _chat_for(self, chat_id: int) -> dict[str, Any] | None:
        if chat_id in self.chats:
            return self.public_chat(chat_id)
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "Admin"}
        # A group the fake was not told about: the bot only writes where updates came from, and
        # Telegram would deliver there.
        return {"id": chat_id, "type": "supergroup", "title": "Group"}

    def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            return self._error(400, "Bad Request: chat not found")
        if chat_id in self.blocked:
            return self._error(403, "Forbidden: bot can't initiate conversation with a user")
        chat = self._chat_for(chat_id)
        if chat is None:
            return self._error(400, "Bad Request: chat not found")
        if not params.get("text"):
            return self._error(400, "Bad Request: message text is empty")
        if chat.get("type") == "channel" and not self.member(chat_id, self.bot_id).get("can_post_messages"):
            return self._error(400, "Bad Request: need administrator rights in the channel chat")
        reply = params.get("reply_parameters") or {}
        if reply and (chat_id, reply.get("message_id")) in self.gone:
            return self._error(400, "Bad Request: message to be replied not found")
        message: dict[str, Any] = {
            "message_id": self.next_message_id(chat_id),
            "date": int(self.clock()),
            "chat": chat,
            "from": self.bot_user,
            "text": params["text"],
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        if params.get("message_thread_id"):
            message["message_thread_id"] = params["message_thread_id"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        key = (int(params.get("chat_id") or 0), int(params.get("message_id") or 0))
        message = self.messages.get(key)
        if message is None:
            return self._error(400, "Bad Request: message to edit not found")
        if message.get("text") == params.get("text") and message.get("reply_markup") == params.get("reply_markup"):
            return self._error(400, "Bad Request: message is not modified")
        message = {**message, "text": params.get("text"), "edit_date": int(self.clock())}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        else:
            message.pop("reply_markup", None)
        self.messages[key] = message
        return message

    def _m_getChat(self, params: dict[str, Any]) -> Any:
        chat_id = params.get("chat_id")
        if chat_id not in self.chats:
            return self._error(400, "Bad Request: chat not found")
        info = dict(self.chats[chat_id])
        if info.get("linked_chat_id") is None:
            info.pop("linked_chat_id", None)
        return {
            **info,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _m_getChatAdministrators(self, params: dict[str, Any]) -> Any:
        chat_id = params.get("chat_id")
        if chat_id not in self.members:
            return self._error(400, "Bad Request: chat not found")
        return [m for m in self.members[chat_id].values() if m["status"] in ("creator", "administrator")]

    def _m_getChatMember(self, params: dict[str, Any]) -> Any:
        chat_id, user_id = params.get("chat_id"), params.get("user_id")
        if chat_id not in self.chats:
            return self._error(400, "Bad Request: chat not found")
        return self.member(int(chat_id), int(user_id or 0))
