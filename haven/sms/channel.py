"""The SMS channel: an incoming text in, replies out, and nothing decided here that the turn
pipeline decides (channels only adapt formats).

    receive(sms)
      → the sender's number → their SMS session (created, and disclosed to, on first contact)
      → a MessageSid seen before: the reply given then, and no second turn
      → keywords: STOP … (recorded; Twilio answers), START … (after an opt-out), HELP, INFO,
        a plain request to stop (recorded and confirmed once)
      → a reply of "1", "2" … presses the button offered last
      → TurnPipeline.handle (988/SOS and every crisis are the pipeline's crisis gate's)
      → the replies as segments: in the webhook's TwiML if the turn took less than
        `reply_wait_s` and the local model did not start writing; else an empty TwiML at
        once and the replies through the outbox, so Twilio's 15-second limit is never met.

Messages Haven starts itself reach SMS sessions through the DeliveryHub and the outbox. A
number that opted out is sent nothing; its messages still go through the pipeline (stored,
and seen by the crisis gate, which pages the on-call clinician whatever the channel).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import anyio
from sqlalchemy import Engine

from haven.config import Settings
from haven.crypto import Keyring
from haven.delivery import DeliveryHub
from haven.paging.errors import InvalidPhoneNumber
from haven.pipeline import TurnError, TurnResult
from haven.sms import texts
from haven.sms.choices import pick
from haven.sms.errors import NotAnSms
from haven.sms.keywords import Keyword, keyword
from haven.sms.numbers import e164
from haven.sms.outbox import SmsOutbox, Via, add_in
from haven.sms.receipts import ReceiptStore, Segment, answer_in
from haven.sms.replies import SmsReply, segments, sms_reply
from haven.sms.sender import UNSUBSCRIBED, SmsSender, TwilioSmsSender
from haven.sms.subscribers import Subscriber, SubscriberStore
from haven.sms.worker import OutboxWorker
from haven.storage import StoredMessage
from haven.storage.scope import DbScope
from haven.turns import Inbound

logger = logging.getLogger(__name__)

SMS_PATH = "/v1/channels/twilio/sms"
STATUS_PATH = SMS_PATH + "/status"

Draft = Callable[[str], Awaitable[None]]


class Turns(Protocol):
    """The turn pipeline (haven.pipeline.TurnPipeline)."""

    async def handle(self, inbound: Inbound, on_draft: Draft | None = None) -> TurnResult: ...


@dataclass(frozen=True, slots=True)
class IncomingSms:
    """The parts of Twilio's webhook the channel reads."""

    message_sid: str
    sender: str
    body: str


class SmsChannel:
    def __init__(
        self,
        engine: Engine,
        keyring: Keyring,
        pipeline: Turns,
        delivery: DeliveryHub,
        sender: SmsSender,
        public_url: str,
        reply_wait_s: float,
        poll_interval_s: float,
    ) -> None:
        self._engine = engine
        self._keyring = keyring
        self._pipeline = pipeline
        self._delivery = delivery
        self._reply_wait_s = reply_wait_s
        self.subscribers = SubscriberStore(engine, keyring)
        self.receipts = ReceiptStore(engine, keyring)
        self.outbox = SmsOutbox(engine, keyring)
        self.public_url = public_url
        self.worker = OutboxWorker(
            self.outbox, self.subscribers, sender, public_url + STATUS_PATH, poll_interval_s
        )
        self._listening: dict[str, Callable[[], None]] = {}
        self._background: set[asyncio.Task[None]] = set()

    @classmethod
    def build(
        cls,
        settings: Settings,
        engine: Engine,
        keyring: Keyring,
        pipeline: Turns,
        delivery: DeliveryHub,
    ) -> SmsChannel:
        return cls(
            engine,
            keyring,
            pipeline,
            delivery,
            TwilioSmsSender(settings.twilio),
            settings.public_url,
            settings.sms.reply_wait_s,
            settings.sms.poll_interval_s,
        )

    async def start(self) -> None:
        """Listen for proactive messages to every SMS session, and start the outbox worker."""
        try:
            sessions = await anyio.to_thread.run_sync(self.subscribers.sessions)
        except Exception:
            # Sessions are listened to again as their people text; reminders for the rest
            # stay in their history.
            logger.exception("sms: SMS sessions could not be read at start-up")
            sessions = []
        for session_id in sessions:
            self._listen(session_id)
        await self.worker.start()

    async def stop(self) -> None:
        for task in list(self._background):
            task.cancel()
        for task in list(self._background):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.worker.stop()
        for unsubscribe in self._listening.values():
            unsubscribe()
        self._listening.clear()

    # ---- inbound -------------------------------------------------------------------------

    async def receive(self, sms: IncomingSms) -> list[Segment]:
        """Take in one text; returns the segments to answer with in TwiML (maybe none)."""
        if not sms.message_sid:
            raise NotAnSms("a MessageSid is required")
        try:
            number = e164(sms.sender)
        except InvalidPhoneNumber:
            raise NotAnSms("the sender must be an E.164 phone number") from None
        now = _now()
        person = await anyio.to_thread.run_sync(self.subscribers.find_or_create, number, now)
        self._listen(person.session_id)
        given = await anyio.to_thread.run_sync(self.receipts.take, sms.message_sid, person.id, now)
        if given is not None:
            logger.info("sms %s repeated by Twilio: answered as before", sms.message_sid)
            return given

        word = keyword(sms.body)
        if word is Keyword.OPT_OUT:
            await anyio.to_thread.run_sync(self.subscribers.opt_out, person.id, "keyword", now)
            logger.info("sms number %s opted out (keyword)", person.id)
            return await self._answer(sms.message_sid, person, None)
        if word is Keyword.OPT_IN and person.opted_out:
            await anyio.to_thread.run_sync(self.subscribers.opt_in, person.id, now)
            logger.info("sms number %s opted back in", person.id)
            return await self._answer(sms.message_sid, person, None)
        if word is Keyword.STOP_REQUEST:
            first = await anyio.to_thread.run_sync(
                self.subscribers.opt_out, person.id, "request", now
            )
            logger.info("sms number %s asked to stop", person.id)
            confirm = SmsReply([texts.STOP_CONFIRMED], discloses=True) if first else None
            return await self._answer(sms.message_sid, person, confirm, force=True)
        if word is Keyword.HELP and not person.opted_out:
            help_reply = SmsReply([texts.HELP], discloses=True)
            return await self._answer(sms.message_sid, person, help_reply)
        return await self._take_turn(sms, person)

    async def _take_turn(self, sms: IncomingSms, person: Subscriber) -> list[Segment]:
        offered = await anyio.to_thread.run_sync(self.subscribers.choices, person.session_id)
        choice = pick(sms.body, offered)
        # What the person typed ("2") is the message; the choice adds the button's payload.
        inbound = Inbound(person.session_id, sms.body, choice.payload if choice else None, "sms")
        model_writing = asyncio.Event()

        async def on_draft(_: str) -> None:
            model_writing.set()

        turn = asyncio.create_task(self._converse(inbound, on_draft))
        writing = asyncio.create_task(model_writing.wait())
        await asyncio.wait(
            {turn, writing}, timeout=self._reply_wait_s, return_when=asyncio.FIRST_COMPLETED
        )
        writing.cancel()
        if turn.done():
            return await self._answer(sms.message_sid, person, turn.result())
        # Too slow for the webhook: answer it now, and send the replies when they are ready.
        await self._answer(sms.message_sid, person, None)
        later = asyncio.create_task(self._send_later(turn, person))
        self._background.add(later)
        later.add_done_callback(self._background.discard)
        return []

    async def _converse(self, inbound: Inbound, on_draft: Draft) -> SmsReply:
        try:
            result = await self._pipeline.handle(inbound, on_draft)
        except TurnError:
            return SmsReply([texts.CANNOT_READ])
        except Exception:
            logger.exception("sms: a turn failed")
            return SmsReply([texts.UNAVAILABLE])
        return sms_reply([r.message for r in result.replies], crisis=result.crisis is not None)

    async def _send_later(self, turn: asyncio.Task[SmsReply], person: Subscriber) -> None:
        reply = await turn
        try:
            await self._send(person.id, reply)
        except Exception:
            logger.exception("sms: a slow turn's replies could not be queued")

    # ---- outbound ------------------------------------------------------------------------

    async def _answer(
        self, message_sid: str, person: Subscriber, reply: SmsReply | None, *, force: bool = False
    ) -> list[Segment]:
        """Record the webhook's answer (repeated to a retry) with its segments; `force`
        answers a number that has just opted out (the one confirmation of its request)."""
        current = await anyio.to_thread.run_sync(self.subscribers.get, person.id)
        bodies: list[str] = []
        if reply is not None and (force or not current.opted_out):
            bodies = segments(reply, first_contact=not current.disclosed)
        written = await anyio.to_thread.run_sync(
            self._write, message_sid, current, bodies, "twiml", reply
        )
        if bodies and not current.disclosed:
            await anyio.to_thread.run_sync(self.subscribers.mark_disclosed, current.id, _now())
        return written

    async def _send(self, number_id: str, reply: SmsReply) -> None:
        """Queue a reply for the REST API (unless the number has opted out)."""
        current = await anyio.to_thread.run_sync(self.subscribers.get, number_id)
        if current.opted_out:
            logger.info("sms number %s has opted out: reply kept in history only", number_id)
            return
        bodies = segments(reply, first_contact=not current.disclosed)
        await anyio.to_thread.run_sync(self._write, None, current, bodies, "rest", reply)
        if not current.disclosed:
            await anyio.to_thread.run_sync(self.subscribers.mark_disclosed, current.id, _now())
        self.worker.wake()

    def _write(
        self,
        message_sid: str | None,
        person: Subscriber,
        bodies: list[str],
        via: Via,
        reply: SmsReply | None,
    ) -> list[Segment]:
        now = _now()
        with DbScope(self._engine, write=True) as session:
            written = add_in(session, self._keyring, person.id, bodies, via, now)
            if message_sid is not None:
                answer_in(session, self._keyring, message_sid, written)
        if reply is not None and bodies:
            self.subscribers.save_choices(person.session_id, reply.choices, now)
        return written

    def _listen(self, session_id: str) -> None:
        if session_id in self._listening:
            return

        async def push(stored: list[StoredMessage]) -> None:
            person = await anyio.to_thread.run_sync(self.subscribers.by_session, session_id)
            if person is not None:
                await self._send(person.id, sms_reply([m.message for m in stored]))

        self._listening[session_id] = self._delivery.subscribe(session_id, push)

    # ---- status callbacks ----------------------------------------------------------------

    async def record_status(
        self, sid: str, status: str, error_code: int | None, row_id: str | None
    ) -> None:
        """Twilio's delivery status for one segment; 21610 opts the number out."""
        now = _now()
        change = await anyio.to_thread.run_sync(
            lambda: self.outbox.record_status(status, error_code, now, sid=sid, row_id=row_id)
        )
        if change is None:
            logger.info("sms status callback for an unknown message %s", sid)
            return
        if error_code == UNSUBSCRIBED:
            await anyio.to_thread.run_sync(
                self.subscribers.opt_out, change.number_id, "twilio", now
            )


def _now() -> datetime:
    return datetime.now(UTC)
