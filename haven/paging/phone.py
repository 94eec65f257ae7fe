"""E.164 phone numbers: a plus sign, a country code and at most 15 digits in all."""

from __future__ import annotations

import re

from haven.paging.errors import InvalidPhoneNumber

_E164 = re.compile(r"\+[1-9]\d{6,14}")


def e164(number: str) -> str:
    """The number itself if it is E.164, else `InvalidPhoneNumber` with a clear message."""
    candidate = number.strip()
    if not _E164.fullmatch(candidate):
        raise InvalidPhoneNumber(
            "phone numbers must be in E.164 format: a plus sign, the country code and the "
            "number, digits only, no spaces or dashes (for example +15551234567)"
        )
    return candidate
