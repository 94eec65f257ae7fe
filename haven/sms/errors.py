"""SMS channel errors::

    SmsError
    ├── UnknownSubscriber   (no SMS number row has this id)
    └── NotAnSms            (a webhook without the fields every Twilio SMS has)

`haven.storage.StorageUnavailable` is raised, unchanged, when the database cannot be reached;
`haven.paging.SendFailed` classifies a failed send. Messages never hold a number or a text.
"""

from __future__ import annotations


class SmsError(Exception):
    """Base class of SMS channel errors."""


class UnknownSubscriber(SmsError):
    """No SMS number row has this id."""


class NotAnSms(SmsError):
    """A webhook without a MessageSid or a sender number in E.164."""
