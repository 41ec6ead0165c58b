"""Building the bot and the dispatcher: production, tests and the demo use the same code."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError

from bot.classifier import Classifier, RulesClassifier, create_classifier
from bot.cluster.context import LocalContext, RecordingTracker, RedisContext
from bot.cluster.instances import InstanceRegistry
from bot.compat.aiogram_tasks import updates_in_flight
from bot.compat.lazy_types import warm_up
from bot.config import TELEGRAM_API_DEFAULT, PostgresTarget, Settings, database_target
from bot.domain.clock import Clock, system_clock
from bot.domain.ports import ContextGate
from bot.gc_policy import settle_after_start
from bot.i18n import t
from bot.services.cases import CaseService
from bot.services.incidents import IncidentDetector
from bot.telegram.actions import CaseActions
from bot.telegram.admins import AdminDirectory
from bot.telegram.answers import AnswerCheck
from bot.telegram.commands import AdminCommands
from bot.telegram.digest import AlertDigest
from bot.telegram.fsm.scope import STRATEGY as FSM_STRATEGY
from bot.telegram.fsm.scope import conversation_storage, use_conversations
from bot.telegram.inbox import Inbox
from bot.telegram.incident_actions import IncidentActions
from bot.telegram.incident_cards import IncidentCards
from bot.telegram.json_session import JsonSession
from bot.telegram.limiter import NO_LIMITS, Limits, OutgoingLimiter, limiter_of
from bot.telegram.menus import setup_command_menus
from bot.telegram.notifier import AlertNotifier
from bot.telegram.reminders import Reminders
from bot.telegram.sender import ReplySender
from bot.telegram.templates import TemplateEditor
from bot.telegram.token_watch import TokenWatch
from handlers import get_routers
from storage import Storage

if TYPE_CHECKING:  # redis (about 7 MB) is imported only when REDIS_URL names one
    from redis.asyncio import Redis

    from bot.cluster.cache_sync import CacheSync

log = logging.getLogger(__name__)

# How long a stop waits for updates in progress (systemd's TimeoutStopSec is 30 s).
SHUTDOWN_GRACE = 20.0
# Updates handled at once; beyond that polling waits, so a burst queues at Telegram, not in memory.
CONCURRENT_UPDATES = 100


async def finish_updates(tasks: Iterable[asyncio.Task[Any]]) -> None:
    """Let the updates already taken finish (up to ``SHUTDOWN_GRACE``) before the database closes."""
    in_flight = set(tasks)
    if in_flight:
        log.info("Finishing %s updates in progress", len(in_flight))
        _, unfinished = await asyncio.wait(in_flight, timeout=SHUTDOWN_GRACE)
        if unfinished:
            log.warning("%s updates did not finish within %ss", len(unfinished), SHUTDOWN_GRACE)


def create_bot(
    settings: Settings, session: BaseSession | None = None, token: str | None = None, limits: Limits | None = None
) -> Bot:
    if session is None:
        session = JsonSession()
        if settings.telegram_api_base != TELEGRAM_API_DEFAULT:
            session.api = TelegramAPIServer.from_base(settings.telegram_api_base)
    if limits is None and not settings.outgoing_limits:
        limits = NO_LIMITS
    # Outside the limiter: sees a 401 as it finally is, once per call (bot/telegram/token_watch.py).
    session.middleware(TokenWatch())
    session.middleware(OutgoingLimiter(limits))
    # Inside the limiter, which retries what it raises: malformed answers, and no token in errors.
    session.middleware(AnswerCheck())
    return Bot(
        token=token or settings.token(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


@dataclass(slots=True)
class Services:
    storage: Storage
    classifier: Classifier
    admins: AdminDirectory
    notifier: AlertNotifier
    sender: ReplySender
    cases: CaseService
    actions: CaseActions
    reminders: Reminders
    templates: TemplateEditor
    commands: AdminCommands
    context: ContextGate
    incident_cards: IncidentCards
    incident_actions: IncidentActions


def build_services(
    bot: Bot,
    settings: Settings,
    storage: Storage,
    classifier: Classifier,
    clock: Clock,
    context: ContextGate | None = None,
) -> Services:
    context = context or LocalContext()
    from bot.classifier.chatlayer import ChatLayerClassifier
    from bot.services.learning import LearningService

    learning = (
        LearningService(
            store=storage.learning,
            chats=storage.chats,
            classifier=classifier,
            clock=clock,
            min_decisions=settings.learning_min_decisions,
            # a layer changed here is dropped by the other instances (bot/cluster/cache_sync.py)
            changed=storage.chats.changed,
        )
        if isinstance(classifier, ChatLayerClassifier)
        else None
    )
    if learning is not None:
        storage.chats.also_forget.append(learning.stale)
    admins = AdminDirectory(bot, storage, clock)
    notifier = AlertNotifier(bot, storage, clock, settings.alert_chat_id)
    notifier.digest = AlertDigest(bot, storage, clock, settings.alert_rate)
    incident_cards = IncidentCards(bot, storage, clock, settings.alert_chat_id)
    sender = ReplySender(bot, storage, notifier, clock)
    cases = CaseService(
        storage=storage,
        classifier=classifier,
        admins=admins,
        notifier=notifier,
        sender=sender,
        default_delay=settings.impulsive_reply_delay,
        clock=clock,
        context=context,
        learning=learning,
        incidents=IncidentDetector(storage, clock),
        incident_cards=incident_cards,
    )
    actions = CaseActions(bot=bot, storage=storage, notifier=notifier, sender=sender, service=cases, clock=clock)
    reminders = Reminders(bot, storage, clock)
    templates = TemplateEditor(storage, admins, clock)
    commands = AdminCommands(
        bot=bot,
        storage=storage,
        classifier=classifier,
        clock=clock,
        default_delay=settings.impulsive_reply_delay,
        fallback_alert_chat=settings.alert_chat_id,
        admins=admins,
    )
    commands.learning = learning
    incident_actions = IncidentActions(bot, storage, clock, incident_cards, notifier, sender, cases)
    return Services(
        storage,
        classifier,
        admins,
        notifier,
        sender,
        cases,
        actions,
        reminders,
        templates,
        commands,
        context,
        incident_cards,
        incident_actions,
    )


async def open_storage(settings: Settings, *, migrate: bool = True) -> Storage:
    """The database named by ``DATABASE_URL`` (SQLite or PostgreSQL), migrated unless told not to."""
    target = database_target(settings.database_url)
    if isinstance(target, PostgresTarget):
        return await Storage.open_postgres(target.url, migrate=migrate)
    return await Storage.open(target.path, migrate=migrate)


def shared_classifier(redis: Redis, learned: bool = False) -> tuple[Classifier, ContextGate]:
    """A classifier whose per-chat context is shared with the other instances through Redis."""
    tracker = RecordingTracker()
    return create_classifier(learned=learned, context=tracker), RedisContext(redis, tracker)


def create_dispatcher(
    settings: Settings,
    bot: Bot,
    storage: Storage,
    *,
    classifier: Classifier | None = None,
    clock: Clock = system_clock,
    close_storage: bool = True,
) -> Dispatcher:
    redis: Redis | None = None
    context: ContextGate | None = None
    redis_url = settings.redis_url_value()
    if redis_url:
        from redis.asyncio import Redis

        from bot.cluster.flood import RedisBooking

        redis = Redis.from_url(redis_url, socket_timeout=5, socket_connect_timeout=5)
        if classifier is None:
            classifier, context = shared_classifier(redis, settings.classifier_model)
        limiter = limiter_of(bot)
        if limiter is not None and limiter.limits != NO_LIMITS:
            # Several instances send for one bot: Telegram's limits count them together.
            limiter.booking = RedisBooking(redis, limiter.limits)
    classifier = classifier or create_classifier(learned=settings.classifier_model)
    from bot.classifier.chatlayer import ChatLayerClassifier

    if not isinstance(classifier, ChatLayerClassifier) and isinstance(classifier, RulesClassifier):
        # Each chat's own layer, learned from its admins, on top of the global verdict.
        classifier = ChatLayerClassifier(classifier)
    services = build_services(bot, settings, storage, classifier, clock, context)
    dp = Dispatcher(
        # What an admin is asked to type next: aiogram's FSM, kept in the database (or Redis), and
        # read only for private chats and button presses (bot/telegram/fsm/scope.py).
        storage=conversation_storage(services.storage, redis_url, clock),
        fsm_strategy=FSM_STRATEGY,
        disable_fsm=True,
        settings=settings,
        repo=services.storage,
        classifier=services.classifier,
        cases=services.cases,
        actions=services.actions,
        templates=services.templates,
        commands=services.commands,
        admins=services.admins,
        sender=services.sender,
        incident_actions=services.incident_actions,
        services=services,
        clock=clock,
    )
    use_conversations(dp)
    dp.include_routers(*get_routers())
    # Updates are kept until handled (bot/telegram/inbox.py): polling's session keeps each batch, the
    # webhook's request handler each update (bot/webhook.py).
    inbox = Inbox(services.storage, clock, tell=services.notifier.note_dead)
    dp.update.outer_middleware(inbox)
    dp["inbox"] = inbox
    if settings.bot_mode == "polling" and isinstance(bot.session, JsonSession):
        bot.session.received = inbox.keep
        bot.session.unreadable = inbox.unreadable
    registry = InstanceRegistry(
        services.storage, services.sender, services.notifier, clock, services.admins, services.incident_cards
    )
    dp["registry"] = registry
    # A chat's admin list loading (after it could not be) sends its admins the alerts they lack.
    services.admins.loaded = registry.catch_up_soon

    async def replay(live: set[str]) -> int:
        return await inbox.replay(bot, dp, live)

    registry.replay = replay
    cache_sync: CacheSync | None = None
    if redis is not None:
        from bot.cluster.cache_sync import CacheSync

        cache_sync = CacheSync(redis, services.storage.chats)

    async def on_startup(bot: Bot) -> None:
        warm_up()
        me = await bot.get_me()
        log.info("Started as @%s (id %s)", me.username, me.id)
        if not me.can_read_all_group_messages:
            log.warning(t("en", "startup.privacy"))
        try:
            await setup_command_menus(bot)
        except TelegramAPIError as error:
            log.warning("Could not set the command menus: %s", error)
        if cache_sync is not None:
            await cache_sync.start()
        # Check in among the instances on this database; replies caught mid-send and alerts that
        # never went out before a crash are recovered, if the instance that had them is gone.
        await registry.start()
        services.sender.start()
        services.reminders.start()
        # the collector as for a long-running process: what start-up built frozen, fewer collections
        settle_after_start()
        # What instances that are gone (an earlier run of this one included) took and did not finish.
        await inbox.replay(bot, dp, await registry.live())
        # Updates that failed are tried again while the bot runs (and dead ones told to the admins).
        inbox.start(bot, dp)

    async def on_shutdown() -> None:
        # Polling has stopped taking updates; the ones already taken (their offsets confirmed
        # to Telegram) finish before the database closes, not at the next start from the inbox.
        await finish_updates(updates_in_flight(dp))
        await inbox.stop()
        await inbox.settle()
        await services.notifier.settle()
        await services.incident_cards.settle()
        if services.notifier.digest is not None:
            await services.notifier.digest.settle()
        await services.reminders.stop()
        await services.sender.stop()
        await registry.stop()
        if cache_sync is not None:
            await cache_sync.stop()
        if redis is not None:
            await redis.aclose()
        if close_storage:
            await services.storage.close()
        log.info("Stopped")

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return dp
