"""What a page says, and where Twilio fetches the call's words.

A page carries the incident number, the tier and a link to the console: nothing about the
person (no session id, no label, no message text, no phone number). Everything a clinician
receives is built here, so that rule is checked in one place.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

STAFF_SMS_PATH = "/v1/channels/twilio/staff/sms"
STAFF_VOICE_PATH = "/v1/channels/twilio/staff/voice"
INCIDENT_NUMBER = re.compile(r"INC-[0-9A-Z][0-9A-Z-]{3,35}")

_ACK = re.compile(r"(?:1|ACK)(?:\s+(INC-[0-9A-Z-]+))?")


def console_link(public_url: str, number: str) -> str:
    return f"{public_url}/console/incidents/{number}"


def page_text(public_url: str, number: str, tier: str) -> str:
    return (
        f"Haven crisis page {number}: tier {tier}. Review: {console_link(public_url, number)}. "
        f"Reply 1 or ACK {number} to acknowledge."
    )


def voice_url(public_url: str, page_id: str, number: str, tier: str) -> str:
    """Where Twilio fetches the call's TwiML; it carries what the call says, so the words
    can be served while the database is away (Twilio signs the whole URL)."""
    query = urlencode({"incident": number, "tier": tier})
    return f"{public_url}{STAFF_VOICE_PATH}/{page_id}?{query}"


def gather_url(public_url: str, page_id: str) -> str:
    return f"{public_url}{STAFF_VOICE_PATH}/{page_id}/gather"


def parse_ack(text: str) -> tuple[bool, str | None]:
    """ "1", "ACK" or "ACK INC-…" → (True, the number named or None); else (False, None)."""
    match = _ACK.fullmatch(text.strip().rstrip(".!").upper())
    if match is None:
        return False, None
    return True, match.group(1)


def _spoken(number: str) -> str:
    """The last four characters, one by one: enough to tell incidents apart on a call."""
    return " ".join(number.replace("-", "")[-4:])


def call_twiml(number: str, tier: str, gather_action: str) -> str:
    response = VoiceResponse()
    gather = response.gather(num_digits=1, action=gather_action, method="POST", timeout=10)
    gather.say(
        f"This is a Haven crisis page. Tier {tier}. Incident ending {_spoken(number)}. "
        "The link is in the text message. Press 1 to acknowledge.",
        loop=2,
    )
    response.say("No key was pressed. The page stays open. Goodbye.")
    return str(response)


def call_unreadable_twiml() -> str:
    response = VoiceResponse()
    response.say("This is a Haven crisis page. Please check your text messages.")
    return str(response)


def gather_twiml(acknowledged: bool, gather_action: str, problem: str | None = None) -> str:
    response = VoiceResponse()
    if problem:
        response.say(problem)
    elif acknowledged:
        response.say("Acknowledged. Thank you.")
    else:
        gather = response.gather(num_digits=1, action=gather_action, method="POST", timeout=10)
        gather.say("Not acknowledged. Press 1 to acknowledge this page.")
    return str(response)


def sms_twiml(text: str) -> str:
    response = MessagingResponse()
    response.message(text)
    return str(response)
