"""On-call paging: when the crisis gate flags a turn, bring a human in.

An incident pages the first clinician on call by SMS and by voice call (Twilio, from the
staff number), then, unless someone acknowledges within `HAVEN_PAGE_ACK_TIMEOUT_S`, the
next one on the roster, and so on round the roster. Pages and escalation timers go
through a durable outbox, so a crash or restart loses none. A page carries only the
incident number, the tier and a console link.

    roster.py      clinicians, shifts, who is on call (and the cache used without a database)
    service.py     PagingService: open, page without the database, record spooled, acknowledge
    escalation.py  one escalation step          outbox.py   the durable outbox
    dispatch.py    running one outbox row       worker.py   the polling task in the gateway
    sender.py      the Twilio client            content.py  page text, URLs, TwiML
"""

from haven.paging.dispatch import Dispatcher
from haven.paging.errors import (
    DuplicatePhone,
    InvalidIncident,
    InvalidPhoneNumber,
    InvalidShift,
    NoOpenPage,
    NotAnAcknowledgement,
    PagingError,
    RosterError,
    SendFailed,
    UnknownClinician,
    UnknownIncident,
    UnknownPage,
)
from haven.paging.models import TIERS, Clinician, Incident, OnCall, SentPage, Shift
from haven.paging.roster import Roster, RosterCache
from haven.paging.sender import PageSender, TwilioSender
from haven.paging.service import PagingService
from haven.paging.worker import PagingWorker

__all__ = [
    "TIERS",
    "Clinician",
    "Dispatcher",
    "DuplicatePhone",
    "Incident",
    "InvalidIncident",
    "InvalidPhoneNumber",
    "InvalidShift",
    "NoOpenPage",
    "NotAnAcknowledgement",
    "OnCall",
    "PageSender",
    "PagingError",
    "PagingService",
    "PagingWorker",
    "Roster",
    "RosterCache",
    "RosterError",
    "SendFailed",
    "SentPage",
    "Shift",
    "TwilioSender",
    "UnknownClinician",
    "UnknownIncident",
    "UnknownPage",
]
