"""Paging errors::

    PagingError
    ├── UnknownIncident         (no incident has this number)
    ├── UnknownPage             (no page has this id)
    ├── InvalidIncident         (a tier other than imminent/urgent/concern, an oversized label)
    ├── NoOpenPage              (an SMS acknowledgement that matches no open page)
    ├── NotAnAcknowledgement    (an SMS to the staff number that is not "1" or "ACK ...")
    ├── SendFailed              (Twilio refused a page or could not be reached)
    └── RosterError
        ├── InvalidPhoneNumber  (not E.164)
        ├── InvalidShift        (a shift without a time zone, or ending before it starts)
        ├── UnknownClinician    (no clinician has this id)
        └── DuplicatePhone      (another clinician already has this number)

`haven.storage.StorageUnavailable` is raised, unchanged, when the database cannot be reached.
Messages never contain a phone number or anything a person wrote.
"""

from __future__ import annotations


class PagingError(Exception):
    """Base class of paging errors."""


class UnknownIncident(PagingError):
    """No incident has this number."""

    def __init__(self, number: str) -> None:
        super().__init__(f"no incident numbered {number}")
        self.number = number


class UnknownPage(PagingError):
    """No page has this id."""


class InvalidIncident(PagingError):
    """An incident that cannot be opened as given (tier, label or session id)."""


class NoOpenPage(PagingError):
    """An acknowledgement by SMS from a number that has no open page (or not the one named)."""


class NotAnAcknowledgement(PagingError):
    """An SMS to the staff number that is neither "1", "ACK" nor "ACK INC-..."."""


class SendFailed(PagingError):
    """Twilio refused a page, or could not be reached.

    `transient` failures (network, Twilio 5xx, rate limits, credentials) are retried with
    backoff; the others (an invalid or unsubscribed number) fail the page at once.
    """

    def __init__(self, reason: str, *, transient: bool, code: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.code = code


class RosterError(PagingError):
    """The roster cannot be changed as asked; the message says why, for the command line."""


class InvalidPhoneNumber(RosterError):
    pass


class InvalidShift(RosterError):
    pass


class UnknownClinician(RosterError):
    pass


class DuplicatePhone(RosterError):
    pass
