"""What an incoming text asks of the channel itself, before it is a turn of the conversation.

Twilio's opt-out handling answers STOP and its synonyms (and START, YES, UNSTOP) on its own,
and still forwards them: Haven only records them. Twilio matches the whole message, in any
case, so a word inside a sentence ("I can't stop crying") is never one of them. A plain
request to stop ("please stop texting me") is Haven's to honour and confirm: its patterns
match only a whole, short request, never a sentence that says more, so "I want to stop
living" always reaches the crisis gate. "Leave me alone" is deliberately not one: said to a
mental-health service it may be distress, not a request to go silent.
"""

from __future__ import annotations

import enum
import re

OPT_OUT_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
OPT_IN_WORDS = frozenset({"START", "YES", "UNSTOP"})
HELP_WORDS = frozenset({"HELP", "INFO"})


class Keyword(enum.Enum):
    OPT_OUT = "opt_out"
    """One of Twilio's opt-out words: Twilio has unsubscribed the number and confirmed."""
    OPT_IN = "opt_in"
    """START, YES or UNSTOP: an opt-in when the number had opted out, else a plain "yes"."""
    HELP = "help"
    STOP_REQUEST = "stop_request"
    """A request in plain words to stop texting: Haven opts the number out and confirms."""


_PLEASE = r"(?:(?:please|pls|plz|kindly|ok|okay|just)\W+)*"
_STOP_REQUESTS = tuple(
    re.compile(rf"^{_PLEASE}{body}(?:\W+(?:please|pls|plz|thanks|thank you))*$", re.IGNORECASE)
    for body in (
        r"(?:stop|quit|cease)\s+(?:texting|messaging|sending\s+(?:me\s+)?(?:texts|messages))"
        r"(?:\s+(?:me|to\s+me))?(?:\s+(?:any\s*more|now|ever\s+again|again))?",
        r"(?:do\s*not|don'?t|dont|never)\s+(?:text|message|contact)\s+me"
        r"(?:\s+(?:any\s*more|again|ever\s+again|now))?",
        r"no\s+more\s+(?:texts|messages|texting)",
        r"(?:unsubscribe|remove|take)\s+me(?:\s+off)?(?:\s+(?:from\s+)?(?:this|the|your)"
        r"\s+(?:list|number|service))?",
        r"i\s+(?:want|would\s+like|'d\s+like|d\s+like)\s+to\s+(?:unsubscribe|opt\s*out)",
    )
)


def keyword(text: str) -> Keyword | None:
    """The keyword a whole message is, if any (the caller decides what an opt-in means)."""
    word = re.sub(r"[\s.!]+$", "", text.strip()).upper()
    if word in OPT_OUT_WORDS:
        return Keyword.OPT_OUT
    if word in OPT_IN_WORDS:
        return Keyword.OPT_IN
    if word in HELP_WORDS:
        return Keyword.HELP
    plain = re.sub(r"[.!?]+", "", " ".join(text.split()))
    if len(plain) <= 80 and any(p.fullmatch(plain) for p in _STOP_REQUESTS):
        return Keyword.STOP_REQUEST
    return None
