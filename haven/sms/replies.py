"""A turn's replies as text messages: buttons as numbered choices, the crisis response in its
SMS form, the first-contact disclosure, and all of it packed into segments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from haven.sms import texts
from haven.sms.choices import Choice, render
from haven.sms.crisis import text_988_first
from haven.sms.segments import pack
from haven.storage import ChatMessage


@dataclass(frozen=True, slots=True)
class SmsReply:
    texts: list[str]
    choices: list[Choice] = field(default_factory=list)
    """The choices offered (those of the last message with buttons; the rest go unsaid)."""
    crisis: bool = False
    discloses: bool = False
    """Says itself that Haven is automated, names 988 and how to stop (HELP): no disclosure."""


def sms_reply(messages: Sequence[ChatMessage], crisis: bool = False) -> SmsReply:
    last_with_buttons = max((i for i, m in enumerate(messages) if m.buttons), default=-1)
    out: list[str] = []
    offered: list[Choice] = []
    for index, message in enumerate(messages):
        if index == last_with_buttons:
            text, offered = render(message)
            out.append(text)
        else:
            out.append(message.text)
    if crisis:
        out = text_988_first(out)
    return SmsReply(out, offered, crisis)


def segments(reply: SmsReply, *, first_contact: bool) -> list[str]:
    """The reply's SMS segments; a first reply to a number starts with the disclosure (after
    the crisis response's first message, so "text 988" still reads first)."""
    ordered = list(reply.texts)
    if first_contact and not reply.discloses:
        ordered.insert(1 if reply.crisis and ordered else 0, texts.DISCLOSURE)
    return pack(ordered)
