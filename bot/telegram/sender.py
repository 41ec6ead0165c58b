"""Posting replies in chats: claim, send, record, so that none is posted twice or lost.

Scheduled replies wait in the database; one background task sends them when due. A reply
claimed ('sending') when the process died is marked 'uncertain' at start-up and shown to the
admins to confirm, never re-sent silently.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Collection

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import ReplyParameters

from bot.domain.clock import Clock, now_int
from bot.domain.models import Case, Reply, ReplyKind, ReplyStatus
from bot.domain.notes import Note
from bot.domain.timing import after_quiet_hours
from bot.replies import unfilled
from bot.tasks import finish, log_round_failure
from bot.telegram.json_session import only_message_id
from bot.telegram.limiter import no_network_retry
from bot.telegram.notifier import AlertNotifier
from bot.telegram.pending import record_pending
from storage import Storage

log = logging.getLogger(__name__)

# The scheduler looks at the database at least this often: another instance on the same database
# may have scheduled a reply (and died) without waking this one.
IDLE_POLL = 5.0

_GONE_MARKERS = ("message to be replied not found", "message to reply not found", "replied message not found")


class ReplySender:
    def __init__(self, bot: Bot, storage: Storage, notifier: AlertNotifier, clock: Clock) -> None:
        self._bot = bot
        self._storage = storage
        self._notifier = notifier
        self._clock = clock
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        # Replies posted whose record failed (the database refused it right after): reply id ->
        # message id, recorded at the loop's next round. Claimed, so never sent again meanwhile.
        self._unrecorded: dict[int, int] = {}

    # Scheduling -----------------------------------------------------------------------------------

    async def schedule(
        self, case: Case, text: str, delay: int, actor_id: int | None, kind: ReplyKind = ReplyKind.REPLY
    ) -> tuple[Reply, bool]:
        # Rounded up, so whole-second storage never sends a reply early.
        now = math.ceil(self._clock())
        reply, created = await self._storage.replies.schedule(
            case_id=case.id,
            chat_id=case.chat_id,
            reply_to=case.message_id,
            thread_id=case.thread_id if case.is_topic else None,
            text=text,
            due_at=now + delay,
            created_by=actor_id,
            now=now,
            kind=kind,
        )
        self._wake.set()
        return reply, created

    async def send_now(self, case: Case, text: str, actor_id: int | None, kind: ReplyKind = ReplyKind.REPLY) -> Reply:
        """Post at once: an existing pending reply is brought forward, otherwise one is created."""
        forward = await self._storage.replies.bring_forward(case.id, now_int(self._clock), kind)
        reply = forward or (await self.schedule(case, text, 0, actor_id, kind))[0]
        if reply.status is ReplyStatus.PENDING:
            await self.deliver(reply, scheduled=False)
            fresh = await self._storage.replies.get(reply.id)
            assert fresh is not None
            return fresh
        return reply

    # Sending -------------------------------------------------------------------------------------

    async def deliver(self, reply: Reply, *, scheduled: bool = True) -> None:
        """Post one reply. ``scheduled`` replies update the alerts themselves; an admin's
        "send now" leaves that to the action, which adds who pressed it."""
        case = await self._storage.cases.get(reply.case_id)
        now = now_int(self._clock)
        if case is None:
            await self._storage.replies.finish(reply.id, ReplyStatus.CANCELLED, "case missing", now)
            return
        if case.status.closed and reply.kind is ReplyKind.REPLY:
            await self._storage.replies.finish(reply.id, ReplyStatus.CANCELLED, "case closed", now)
            await self._note(case, "note.closed_before_send")
            return
        if scheduled and reply.kind is ReplyKind.REPLY:
            # The last look before an automatic post: an admin may have answered in the chat,
            # or the quiet hours may have begun since it was scheduled.
            if await self._storage.cases.admin_replied(case.id):
                await self._storage.replies.finish(reply.id, ReplyStatus.CANCELLED, "admin answered", now)
                await self._note(case, "note.admin_answered_cancel")
                return
            settings = await self._storage.chats.settings(case.chat_id)
            later = after_quiet_hours(now, settings)
            if later > now:
                await self._storage.replies.reschedule(reply.id, later, now)
                return
        if unfilled(reply.text):
            # A part the admin must write ("[факты]") is still in the text: never post it.
            await self._storage.replies.finish(reply.id, ReplyStatus.CANCELLED, "unfilled placeholder", now)
            await self._note(case, "note.unfilled", placeholder=unfilled(reply.text)[0])
            return
        if not await self._storage.replies.claim(reply.id, now):
            return
        try:
            with no_network_retry(), only_message_id():
                message = await self._bot.send_message(
                    reply.chat_id,
                    reply.text,
                    message_thread_id=reply.thread_id,
                    reply_parameters=ReplyParameters(message_id=reply.reply_to, allow_sending_without_reply=False),
                    parse_mode=None,
                )
        except TelegramRetryAfter as error:
            await self._storage.replies.release(
                reply.id, now_int(self._clock) + error.retry_after, "flood wait", now_int(self._clock)
            )
        except TelegramBadRequest as error:
            if any(marker in error.message.lower() for marker in _GONE_MARKERS):
                await self._storage.replies.finish(reply.id, ReplyStatus.FAILED, "comment deleted", now)
                await self._note(case, "note.gone")
            else:
                await self._fail(case, reply, error.message)
        except TelegramForbiddenError as error:
            await self._fail(case, reply, error.message)
        except TelegramServerError as error:
            # The outgoing path already retried with backoff; this is the bounded end.
            await self._fail(case, reply, error.message)
        except TelegramNetworkError as error:
            # The request may have reached Telegram: ask an admin instead of risking a double post.
            await self._storage.replies.finish(reply.id, ReplyStatus.UNCERTAIN, error.message, now)
            await self._notifier.refresh(case)
        except TelegramAPIError as error:
            await self._fail(case, reply, error.message)
        except Exception as error:  # any other failure after the claim: it may have gone out
            log.exception("Reply %s for case %s: sending failed unexpectedly; asking the admins", reply.id, case.id)
            await self._storage.replies.finish(reply.id, ReplyStatus.UNCERTAIN, f"{type(error).__name__}", now)
            await self._notifier.refresh(case)
        else:
            self._unrecorded[reply.id] = message.message_id
            await self._record_sent()
            if scheduled:
                await self._note(case, "note.auto_sent")

    async def _record_sent(self) -> None:
        """Record the replies posted and not recorded yet; one that fails again stays for the next round."""
        await record_pending(
            self._unrecorded,
            lambda reply_id, message_id: self._storage.replies.mark_sent(reply_id, message_id, now_int(self._clock)),
        )

    async def _fail(self, case: Case, reply: Reply, error: str) -> None:
        log.warning("Reply %s for case %s failed: %s", reply.id, case.id, error)
        await self._storage.replies.finish(reply.id, ReplyStatus.FAILED, error, now_int(self._clock))
        await self._note(case, "note.failed", error=error)

    async def _note(self, case: Case, key: str, **values: str) -> None:
        await self._storage.cases.set_note(case.id, Note.of(key, **values))
        fresh = await self._storage.cases.get(case.id)
        if fresh:
            await self._notifier.refresh(fresh)

    # The background loop --------------------------------------------------------------------------

    async def recover(self, live: Collection[str] = ()) -> None:
        """Replies caught mid-send by an instance that is gone (not in ``live``) become 'uncertain'
        and their alerts ask the admins."""
        for reply in await self._storage.replies.recover_interrupted(now_int(self._clock), live):
            log.warning("Reply %s may have been sent before a restart; asking the admins", reply.id)
            case = await self._storage.cases.get(reply.case_id)
            if case:
                await self._notifier.refresh(case)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="reply-scheduler")

    async def stop(self, grace: float = 10.0) -> None:
        """Let a send in flight finish (so it is recorded), then end the loop."""
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        await finish(self._task, grace)
        self._task = None
        try:
            await self._record_sent()
        except Exception as error:  # noqa: BLE001 - the next start asks the admins about them instead
            log.warning("Replies posted but not recorded at stop (%d): %s", len(self._unrecorded), error)

    def wake(self) -> None:
        self._wake.set()

    async def send_due(self) -> int:
        """Send every reply that is due now; returns how many were tried."""
        await self._record_sent()
        due = await self._storage.replies.due(now_int(self._clock))
        for reply in due:
            if self._stopping:
                break
            await self.deliver(reply)
        return len(due)

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await self.send_due()
                next_due = await self._storage.replies.next_due_at()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - logged by log_round_failure
                log_round_failure(log, "Reply scheduler iteration failed; retrying shortly", error)
                next_due = None
            if self._stopping:
                return
            wait = IDLE_POLL if next_due is None else max(0.0, next_due - self._clock())
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=min(wait, IDLE_POLL) + 0.05)
