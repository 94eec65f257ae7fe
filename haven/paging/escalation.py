"""One escalation step: whom to page now, the pages to send, and the timer for the next step.

Step k pages the k-th clinician on call (wrapping round to the first after the last), so
an unacknowledged incident keeps paging down the roster until someone answers. With nobody
on call it pages `HAVEN_ONCALL_FALLBACK_NUMBER`; after `EMPTY_ROSTER_CAP` such steps in a
row it stops and logs, rather than paging the fallback number for ever.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from haven.config import PagingSettings
from haven.paging import outbox
from haven.paging.models import Channel, OnCall
from haven.paging.tables import IncidentRow, PageRow

logger = logging.getLogger(__name__)

EMPTY_ROSTER_CAP = 10
FALLBACK_NAME = "on-call fallback"


def channels(settings: PagingSettings) -> tuple[Channel, ...]:
    return ("sms", "voice") if settings.voice else ("sms",)


def fallback(settings: PagingSettings) -> OnCall | None:
    return (
        OnCall(None, FALLBACK_NAME, settings.fallback_number) if settings.fallback_number else None
    )


def page_step(
    session: Session,
    incident: IncidentRow,
    step: int,
    on_call: list[OnCall],
    settings: PagingSettings,
    now: datetime,
    empty_streak: int = 0,
) -> OnCall | None:
    """Add this step's pages and the next step's timer to the caller's transaction."""
    if on_call:
        target: OnCall | None = on_call[step % len(on_call)]
        streak = 0
    else:
        target = fallback(settings)
        streak = empty_streak + 1
        if target is None:
            logger.error(
                "incident %s step %d: nobody is on call and HAVEN_ONCALL_FALLBACK_NUMBER is "
                "not set; nobody was paged",
                incident.number,
                step,
            )
        else:
            logger.warning(
                "incident %s step %d: nobody is on call; paging the fallback number",
                incident.number,
                step,
            )
    if target is not None:
        for channel in channels(settings):
            page_id = str(uuid.uuid4())
            session.add(
                PageRow(
                    id=page_id,
                    incident_number=incident.number,
                    step=step,
                    channel=channel,
                    clinician_id=target.clinician_id,
                    to_number=target.phone,
                    status="pending",
                    created_at=now,
                )
            )
            outbox.add_send(session, incident.number, page_id, now)
        if target.clinician_id is not None:
            logger.info(
                "incident %s step %d: paging clinician #%d",
                incident.number,
                step,
                target.clinician_id,
            )
    incident.escalation_step = step
    if streak >= EMPTY_ROSTER_CAP:
        logger.error(
            "incident %s: nobody on call for %d escalation steps; escalation stopped",
            incident.number,
            streak,
        )
        return target
    due = now + timedelta(seconds=settings.ack_timeout_s)
    outbox.add_escalation(session, incident.number, step + 1, due, streak)
    return target
