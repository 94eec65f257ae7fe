"""What the SMS channel says in its own words (everything else comes from the pipeline).

Each fits one GSM-7 SMS, names 988, and says how to stop where a first-time reader needs it.
"""

from __future__ import annotations

DISCLOSURE = (
    "Haven is an automated assistant, not a person. In crisis? Call or text 988. "
    "Reply STOP to opt out, HELP for help."
)
"""Sent before the first reply to a new number."""

HELP = (
    "Haven is an automated assistant, not a person: mood check-ins and short exercises. "
    "In crisis, call or text 988. Emergency: 911. Reply STOP to opt out."
)

STOP_CONFIRMED = (
    "OK, Haven (an automated assistant) won't text you again. Text START to come back. If "
    "you are ever in crisis, call or text 988."
)
"""The one confirmation of a plain-language request to stop (Twilio confirms STOP itself)."""

CANNOT_READ = (
    "Haven can only read text. Please send your message as words. If you are in crisis, "
    "call or text 988."
)
"""For a message the pipeline cannot take (a picture alone, or nothing to read)."""

UNAVAILABLE = (
    "Haven can't answer right now. Please try again in a few minutes. If you are in crisis, "
    "call or text 988 now, or call 911 in an emergency."
)
"""When the database is away and the message could not be taken in."""
