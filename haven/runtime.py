"""The composition root: builds every long-lived resource from `Settings` at start-up."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from functools import partial
from typing import Any

import anyio
import httpx
from sqlalchemy import Engine

from bot.actions import build_registry
from bot.actionserver import ActionContext, ActionRegistry
from bot.cbt.scheduler import ReminderScheduler
from bot.cbt.stores import CbtStores
from bot.crisis.classifier import CrisisClassifier
from bot.crisis.gate import CrisisGate
from bot.crisis.response import Resources
from bot.crisis.store import CrisisStore, flag_from_payload
from bot.freetext import FreeTextEngine
from bot.freetext.stage import FreeTextStage
from haven.config import REPO_ROOT, Settings
from haven.crypto import Keyring
from haven.delivery import DeliveryHub
from haven.dialogue import RasaClient
from haven.paging import Dispatcher, PagingService, PagingWorker, SentPage, TwilioSender
from haven.pipeline import TurnPipeline, replay_spooled_messages
from haven.sms.channel import SmsChannel
from haven.spool import Handler, Spool, drain_forever
from haven.storage import MessageStore, create_engine_for, upgrade_schema

logger = logging.getLogger(__name__)

DEV_KEY_WARNING = (
    "Generated a development keyring at %s. It protects local test data only: production "
    "must supply its own keys through HAVEN_KEYS_FILE (HAVEN_ENV=production refuses to start "
    "without one)."
)


def load_keyring(settings: Settings) -> Keyring:
    """Load the keyring; on a development machine create one (0600) on first run."""
    keyring, created = Keyring.load_or_create(
        settings.keys_file, allow_create=not settings.is_production
    )
    if created:
        logger.warning(DEV_KEY_WARNING, settings.keys_file)
    return keyring


@dataclass(slots=True)
class Runtime:
    settings: Settings
    engine: Engine
    keyring: Keyring
    store: MessageStore
    http: httpx.AsyncClient
    rasa: RasaClient
    actions: ActionRegistry
    action_context: ActionContext
    pipeline: TurnPipeline
    spool: Spool
    delivery: DeliveryHub
    crisis: CrisisGate
    crisis_store: CrisisStore
    llm: FreeTextEngine
    paging: PagingService
    paging_worker: PagingWorker
    sms: SmsChannel
    tasks: list[asyncio.Task[None]]

    @classmethod
    async def start(cls, settings: Settings) -> Runtime:
        keyring = load_keyring(settings)
        spool = Spool(settings.data_dir / "spool", keyring)
        try:
            await anyio.to_thread.run_sync(upgrade_schema, settings.database_url)
        except Exception:
            # The crisis path must come up without the database: the spool holds turns.
            logger.exception("database unavailable at start-up; turns are spooled until it returns")
        engine = create_engine_for(settings.database_url)
        store = MessageStore(engine, keyring)
        http = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32)
        )
        rasa = RasaClient(settings.rasa, http)
        crisis_store = CrisisStore(engine, keyring)
        sender = TwilioSender(settings.twilio)
        paging = PagingService(engine, settings, sender)
        paging_worker = PagingWorker(
            paging, Dispatcher(engine, settings, sender), settings.paging.poll_interval_s
        )
        classifier = await anyio.to_thread.run_sync(load_classifier, settings)
        await _warm_worker_threads(classifier)
        crisis = CrisisGate(
            classifier=classifier,
            resources=Resources.load(),
            store=crisis_store,
            messages=store,
            spool=spool,
            pager=paging,
            budget_ms=settings.crisis.time_budget_ms,
            context_turns=settings.crisis.context_turns,
        )
        llm = await anyio.to_thread.run_sync(FreeTextEngine.start, settings.llm)
        freetext = FreeTextStage(llm, store, settings.llm.history_turns, crisis.safe_to_show)
        pipeline = TurnPipeline(
            store,
            spool,
            rasa,
            crisis,
            crisis,
            max_chars=settings.max_message_chars,
            freetext=freetext,
        )
        handlers: dict[str, Handler] = {
            "messages": lambda payload: replay_spooled_messages(store, payload),
            "crisis_flag": lambda payload: crisis_store.add_flag(flag_from_payload(payload)),
            "incident": lambda payload: replay_spooled_incident(paging, payload),
            "safety_plan": lambda payload: crisis_store.save_plan(
                payload["session_id"], payload["plan"]
            ),
        }
        cbt = CbtStores.build(engine, keyring)
        delivery = DeliveryHub(store)
        runtime = cls(
            settings=settings,
            engine=engine,
            keyring=keyring,
            store=store,
            http=http,
            rasa=rasa,
            actions=build_registry(),
            action_context=ActionContext(
                messages=store, cbt=cbt, crisis=crisis, zone=_local_zone()
            ),
            pipeline=pipeline,
            spool=spool,
            delivery=delivery,
            crisis=crisis,
            crisis_store=crisis_store,
            llm=llm,
            paging=paging,
            paging_worker=paging_worker,
            sms=SmsChannel.build(settings, engine, keyring, pipeline, delivery),
            tasks=[],
        )
        runtime.tasks.append(asyncio.create_task(drain_forever(spool, handlers)))
        reminders = ReminderScheduler(cbt.activities, runtime.delivery.deliver)
        runtime.tasks.append(asyncio.create_task(reminders.run_forever()))
        await paging_worker.start()
        await runtime.sms.start()
        return runtime

    async def stop(self) -> None:
        await self.sms.stop()
        await self.paging_worker.stop()
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.http.aclose()
        await anyio.to_thread.run_sync(self.llm.close)
        self.engine.dispose()


def _local_zone() -> tzinfo:
    """The zone people's times are read in: the server's own (no per-person zone yet)."""
    return datetime.now().astimezone().tzinfo or UTC


def replay_spooled_incident(paging: PagingService, payload: dict[str, Any]) -> None:
    """The spool handler for incidents opened (and perhaps paged) while the database was away."""
    paging.record_spooled_incident(
        payload["incident_number"],
        payload["session_id"],
        payload["tier"],
        payload["label"],
        datetime.fromisoformat(payload["created_at"]),
        [SentPage.from_json(page) for page in payload.get("sent", [])],
    )


async def _warm_worker_threads(classifier: CrisisClassifier, threads: int = 4) -> None:
    """The first classification on a fresh worker thread pays one-off start-up costs; pay
    them now, not inside the first person's time budget."""
    async with anyio.create_task_group() as group:
        for _ in range(threads):
            group.start_soon(anyio.to_thread.run_sync, partial(classifier.classify, "warm up"))


def load_classifier(settings: Settings) -> CrisisClassifier:
    """Load the crisis classifier once per process (spaCy rules, encoder, trained head)."""
    return CrisisClassifier.load(
        spacy_model=settings.crisis.spacy_model,
        encoder_path=settings.crisis.encoder_path,
        models_dir=REPO_ROOT / "models",
    )
