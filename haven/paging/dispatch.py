"""Running one outbox job: send a page, or take an escalation step.

`Dispatcher.run` never raises for a job's own sake: a malformed row is marked failed, a
Twilio failure is retried with backoff or fails the page, and anything unexpected is
retried until `max_attempts`. Only `StorageUnavailable` escapes (the row's lease runs out
and it is claimed again). Logs name rows, pages and incidents by id, never a phone number,
and never quote an exception's message (a driver's may carry a row's values).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, select, update

from haven.config import Settings
from haven.paging import outbox
from haven.paging.clock import utcnow
from haven.paging.errors import SendFailed
from haven.paging.escalation import page_step
from haven.paging.outbox import ESCALATE, SEND, FinalStatus, Job, Outbox
from haven.paging.roster import on_call
from haven.paging.sender import PageSender, send_page
from haven.paging.tables import IncidentRow, PageRow
from haven.storage import StorageUnavailable
from haven.storage.scope import DbScope

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(minutes=5)


class MalformedJob(Exception):
    """An outbox row that can never run (unknown kind, bad payload, missing page)."""


@dataclass(frozen=True, slots=True)
class _Escalate:
    incident: str
    step: int
    empty_streak: int


@dataclass(frozen=True, slots=True)
class _Send:
    page_id: str


class Dispatcher:
    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        sender: PageSender,
        *,
        retry_base_s: float = 2.0,
        max_attempts: int = 10,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._sender = sender
        self._outbox = Outbox(engine)
        self._retry_base = timedelta(seconds=retry_base_s)
        self._max_attempts = max_attempts

    @property
    def outbox(self) -> Outbox:
        return self._outbox

    def run(self, job: Job) -> None:
        if job.attempts > self._max_attempts:  # e.g. a row whose every run hit a database error
            logger.error(
                "outbox row %d (%s) gave up after %d claims", job.id, job.kind, job.attempts - 1
            )
            self._outbox.finish(job, "failed", utcnow(), "too many attempts")
            return
        try:
            task = _decode(job)
            if isinstance(task, _Escalate):
                self._escalate(job, task)
            else:
                self._send(job, task.page_id)
        except StorageUnavailable:
            raise
        except MalformedJob as exc:
            logger.error(
                "outbox row %d (%s) is malformed (%s); marked failed", job.id, job.kind, exc
            )
            self._outbox.finish(job, "failed", utcnow(), f"malformed: {exc}")
        except Exception as exc:
            self._retry_or_fail(job, f"unexpected: {type(exc).__name__}")

    def _escalate(self, job: Job, task: _Escalate) -> None:
        now = utcnow()
        with DbScope(self._engine, write=True) as session:
            incident = session.get(IncidentRow, task.incident, with_for_update=True)
            if incident is None:
                raise MalformedJob("unknown incident")
            if incident.status != "open":
                outbox.finish_in(session, job, "cancelled", now, incident.status)
                return
            if not outbox.finish_in(session, job, "done", now):
                return  # the lease ran out and another worker owns the row now
            page_step(
                session,
                incident,
                task.step,
                on_call(session, now),
                self._settings.paging,
                now,
                task.empty_streak,
            )

    def _send(self, job: Job, page_id: str) -> None:
        with DbScope(self._engine, write=False) as session:
            page = session.get(PageRow, page_id)
            incident = session.get(IncidentRow, page.incident_number) if page else None
        if page is None or incident is None:
            raise MalformedJob("unknown page")
        if page.status != "pending":
            self._outbox.finish(job, "done", utcnow(), f"page already {page.status}")
            return
        if incident.status != "open":
            self._finish_page(job, page_id, "cancelled", "cancelled", incident.status)
            return
        try:
            sid = send_page(
                self._sender,
                self._settings.public_url,
                page.channel,
                page.id,
                page.to_number,
                incident.number,
                incident.tier,
            )
        except SendFailed as exc:
            self._send_failed(job, page, exc)
            return
        now = utcnow()
        with DbScope(self._engine, write=True) as session:
            session.execute(
                update(PageRow)
                .where(PageRow.id == page_id)
                .values(status="sent", twilio_sid=sid, sent_at=now)
            )
            outbox.finish_in(session, job, "done", now)

    def _send_failed(self, job: Job, page: PageRow, exc: SendFailed) -> None:
        if exc.transient and job.attempts < self._max_attempts:
            self._retry(job, exc.reason)
            logger.warning(
                "page %s (%s, incident %s) attempt %d failed: %s; will retry",
                page.id,
                page.channel,
                page.incident_number,
                job.attempts,
                exc.reason,
            )
            return
        logger.error(
            "page %s (%s, incident %s) failed: %s",
            page.id,
            page.channel,
            page.incident_number,
            exc.reason,
        )
        now = utcnow()
        with DbScope(self._engine, write=True) as session:
            # Lock the incident first: the step's other page may be failing at this moment in
            # another transaction, and one of the two must see the other's failure.
            session.get(IncidentRow, page.incident_number, with_for_update=True)
            session.execute(
                update(PageRow)
                .where(PageRow.id == page.id)
                .values(status="failed", error_code=exc.code)
            )
            outbox.finish_in(session, job, "failed", now, exc.reason[:200])
            alive = session.scalar(
                select(PageRow.id)
                .where(
                    PageRow.incident_number == page.incident_number,
                    PageRow.step == page.step,
                    PageRow.status.in_(("pending", "sent")),
                )
                .limit(1)
            )
            if alive is None:  # nobody was reached at this step: escalate now, not later
                outbox.expedite_escalation(session, page.incident_number, now)

    def _finish_page(
        self, job: Job, page_id: str, page_status: str, job_status: FinalStatus, why: str
    ) -> None:
        now = utcnow()
        with DbScope(self._engine, write=True) as session:
            session.execute(update(PageRow).where(PageRow.id == page_id).values(status=page_status))
            outbox.finish_in(session, job, job_status, now, why)

    def _retry_or_fail(self, job: Job, reason: str) -> None:
        if job.attempts < self._max_attempts:
            logger.error(
                "outbox row %d (%s) attempt %d: %s; will retry",
                job.id,
                job.kind,
                job.attempts,
                reason,
            )
            self._retry(job, reason)
        else:
            logger.error(
                "outbox row %d (%s) gave up after %d attempts: %s",
                job.id,
                job.kind,
                job.attempts,
                reason,
            )
            self._outbox.finish(job, "failed", utcnow(), reason)

    def _retry(self, job: Job, reason: str) -> None:
        delay = min(self._retry_base * 2 ** max(job.attempts - 1, 0), MAX_BACKOFF)
        self._outbox.retry(job, utcnow() + delay, reason)


def _decode(job: Job) -> _Escalate | _Send:
    try:
        payload = json.loads(job.payload)
        if job.kind == ESCALATE:
            return _Escalate(
                str(payload["incident"]), int(payload["step"]), int(payload.get("empty_streak", 0))
            )
        if job.kind == SEND:
            return _Send(str(payload["page_id"]))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise MalformedJob(f"bad payload: {type(exc).__name__}") from None
    raise MalformedJob("unknown kind")
