"""`PagingService`: open incidents, page while the database is away, acknowledge.

Blocking methods (all but `page_without_database`) use the database: call them from a
worker thread in async code. The outbox worker (`haven.paging.worker`) sends what they
schedule.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from haven.config import Settings
from haven.paging import content, outbox
from haven.paging.clock import as_utc, utcnow
from haven.paging.errors import (
    InvalidIncident,
    NoOpenPage,
    NotAnAcknowledgement,
    SendFailed,
    UnknownIncident,
    UnknownPage,
)
from haven.paging.escalation import FALLBACK_NAME, channels, fallback, page_step
from haven.paging.models import (
    ACK_VIAS,
    AckVia,
    Incident,
    IncidentStatus,
    SentPage,
    Tier,
    tier_of,
)
from haven.paging.roster import Roster, RosterCache, on_call
from haven.paging.sender import PageSender, send_page
from haven.paging.tables import ClinicianRow, IncidentRow, PageRow
from haven.storage.scope import DbScope

logger = logging.getLogger(__name__)

_STATUSES: dict[str, IncidentStatus] = {"open": "open", "acknowledged": "acknowledged"}
_NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O or 1/I: incident numbers are read aloud and typed on phones."""


class PagingService:
    """The crisis gate's way to bring a human in, and the clinicians' way to answer."""

    def __init__(self, engine: Engine, settings: Settings, sender: PageSender) -> None:
        self._engine = engine
        self._public_url = settings.public_url
        self._settings = settings.paging
        self._sender = sender
        self.roster = Roster(engine)
        self.cache = RosterCache()

    def new_incident_number(self) -> str:
        """`INC-yymmdd-HHMMSS-XXXX` (UTC), made without the database."""
        suffix = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(4))
        return f"INC-{utcnow():%y%m%d-%H%M%S}-{suffix}"

    def open_incident(self, session_id: str, tier: str, label: str) -> Incident:
        """Store the incident and its first pages (one transaction); the worker sends them."""
        checked = _checked(session_id, tier, label)
        now = utcnow()
        with DbScope(self._engine, write=True) as session:
            row = _new_incident(self.new_incident_number(), session_id, checked, label, now)
            session.add(row)
            session.flush()
            page_step(session, row, 0, on_call(session, now), self._settings, now)
            return _incident(row)

    async def page_without_database(self, incident_number: str, tier: str) -> list[SentPage]:
        """Page the first clinician on call (from the cached roster, else the fallback
        number) straight through Twilio. Returns the pages Twilio accepted."""
        checked = tier_of(tier)
        ranked = self.cache.on_call(utcnow())
        target = ranked[0] if ranked else fallback(self._settings)
        if target is None:
            logger.error("incident %s: no cached roster and no fallback number", incident_number)
            return []
        sent = []
        for channel in channels(self._settings):
            page_id = str(uuid.uuid4())
            try:
                sid = await anyio.to_thread.run_sync(
                    send_page,
                    self._sender,
                    self._public_url,
                    channel,
                    page_id,
                    target.phone,
                    incident_number,
                    checked,
                )
            except SendFailed as exc:
                logger.error(
                    "incident %s: direct %s page %s failed (%s)",
                    incident_number,
                    channel,
                    page_id,
                    exc.reason,
                )
                continue
            sent.append(
                SentPage(page_id, channel, target.phone, target.clinician_id, sid, utcnow())
            )
        return sent

    def record_spooled_incident(
        self,
        incident_number: str,
        session_id: str,
        tier: str,
        label: str,
        created_at: datetime,
        sent: Sequence[SentPage | Mapping[str, Any]],
    ) -> None:
        """Store an incident opened while the database was away, with the pages already
        sent, and start its escalation timer. Idempotent on `incident_number`.

        `sent` may hold `SentPage`s or their `to_json()` form, as a spool keeps them. With
        no page sent, the first step is paged now instead."""
        checked = _checked(session_id, tier, label)
        if not content.INCIDENT_NUMBER.fullmatch(incident_number):
            raise InvalidIncident("not an incident number from new_incident_number()")
        pages = [p if isinstance(p, SentPage) else SentPage.from_json(p) for p in sent]
        created = as_utc(created_at).astimezone(UTC)
        now = utcnow()
        with DbScope(self._engine, write=True) as session:
            if session.get(IncidentRow, incident_number) is not None:
                return
            row = _new_incident(incident_number, session_id, checked, label, created)
            session.add(row)
            try:
                session.flush()
            except IntegrityError:  # recorded concurrently by another replay
                session.rollback()
                return
            for page in pages:
                session.add(_sent_page_row(incident_number, page))
            if pages:
                due = created + timedelta(seconds=self._settings.ack_timeout_s)
                outbox.add_escalation(session, incident_number, 1, due)
            else:
                page_step(session, row, 0, on_call(session, now), self._settings, now)
        logger.info(
            "incident %s recorded from the spool (%d pages sent)", incident_number, len(pages)
        )

    def acknowledge(self, incident_number: str, by: str, via: str) -> Incident:
        """Stop the escalation. Acknowledging twice keeps the first acknowledgement."""
        if via not in ACK_VIAS:
            raise ValueError(f"via must be one of {', '.join(ACK_VIAS)}")
        with DbScope(self._engine, write=True) as session:
            return _acknowledge(session, incident_number, by, _via(via))

    def acknowledge_from_sms(self, from_number: str, text: str) -> Incident:
        """An SMS to the staff number: "1" or "ACK" acknowledges the most recent open page
        to this number; "ACK INC-…" names the incident (which must have paged this number)."""
        is_ack, named = content.parse_ack(text)
        if not is_ack:
            raise NotAnAcknowledgement("reply 1 or ACK followed by the incident number")
        query = (
            select(PageRow.incident_number, ClinicianRow.name)
            .join(IncidentRow, IncidentRow.number == PageRow.incident_number)
            .outerjoin(ClinicianRow, ClinicianRow.id == PageRow.clinician_id)
            .where(PageRow.to_number == from_number)
            .order_by(PageRow.created_at.desc(), PageRow.step.desc())
            .limit(1)
        )
        if named is not None:
            query = query.where(PageRow.incident_number == named)
        else:
            query = query.where(IncidentRow.status == "open")
        with DbScope(self._engine, write=True) as session:
            found = session.execute(query).first()
            if found is None:
                raise NoOpenPage("no open page was sent to this number")
            return _acknowledge(session, found[0], found[1] or FALLBACK_NAME, "sms")

    def acknowledge_from_call(self, page_id: str) -> Incident:
        """ "Press 1" during the call made for `page_id`."""
        with DbScope(self._engine, write=True) as session:
            page = session.get(PageRow, page_id)
            if page is None:
                raise UnknownPage("no page has this id")
            clinician = session.get(ClinicianRow, page.clinician_id) if page.clinician_id else None
            by = clinician.name if clinician else FALLBACK_NAME
            return _acknowledge(session, page.incident_number, by, "voice")

    def incident(self, incident_number: str) -> Incident:
        with DbScope(self._engine, write=False) as session:
            row = session.get(IncidentRow, incident_number)
            if row is None:
                raise UnknownIncident(incident_number)
            return _incident(row)

    def refresh_roster_cache(self) -> None:
        """Read the upcoming shifts into the cache `page_without_database` pages from."""
        now = utcnow()
        self.cache.replace(self.roster.upcoming(now), now)


def _checked(session_id: str, tier: str, label: str) -> Tier:
    if not 0 < len(session_id) <= 36:
        raise InvalidIncident("session_id must be 1 to 36 characters")
    if not 0 < len(label) <= 32:
        raise InvalidIncident("label must be 1 to 32 characters")
    return tier_of(tier)


def _via(value: str) -> AckVia:
    for via in ACK_VIAS:
        if value == via:
            return via
    raise ValueError(value)


def _new_incident(
    number: str, session_id: str, tier: Tier, label: str, created: datetime
) -> IncidentRow:
    return IncidentRow(
        number=number,
        session_id=session_id,
        tier=tier,
        label=label,
        status="open",
        escalation_step=0,
        created_at=created,
    )


def _sent_page_row(incident_number: str, page: SentPage) -> PageRow:
    sent_at = as_utc(page.sent_at).astimezone(UTC)
    return PageRow(
        id=page.page_id,
        incident_number=incident_number,
        step=0,
        channel=page.channel,
        clinician_id=page.clinician_id,
        to_number=page.to,
        status="sent",
        twilio_sid=page.twilio_sid,
        created_at=sent_at,
        sent_at=sent_at,
    )


def _acknowledge(session: Session, number: str, by: str, via: AckVia) -> Incident:
    row = session.get(IncidentRow, number, with_for_update=True)
    if row is None:
        raise UnknownIncident(number)
    if row.status == "open":
        now = utcnow()
        row.status = "acknowledged"
        row.acknowledged_by = by.strip()[:200] or via
        row.acknowledged_at = now
        row.acknowledged_via = via
        outbox.cancel_escalations(session, number, now)
        logger.info("incident %s acknowledged via %s", number, via)
    return _incident(row)


def _incident(row: IncidentRow) -> Incident:
    via = row.acknowledged_via
    return Incident(
        number=row.number,
        session_id=row.session_id,
        tier=tier_of(row.tier),
        label=row.label,
        status=_STATUSES.get(row.status, "resolved"),
        created_at=as_utc(row.created_at),
        acknowledged_by=row.acknowledged_by,
        acknowledged_at=as_utc(row.acknowledged_at) if row.acknowledged_at else None,
        acknowledged_via=_via(via) if via else None,
    )
