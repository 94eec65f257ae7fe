"""Buttons as numbered choices, since a text message has no buttons.

"Reply 1 for Mood check-in, 2 for Breathing." and a reply of "1" presses the first button:
the channel hands the pipeline what the person typed with the button's payload (the web chat
sends the payload with the title the person clicked).

A button whose title already starts with a number keeps it, so a reply means the same thing
whether or not it is read as a choice: the PHQ-9's "0 Not at all" … "3 Nearly every day" are
offered as 0 to 3 (never "Reply 1 for 0 Not at all"), a mood scale of "0" … "10" as 0 to 10,
and the thought record's "1. All-or-nothing thinking" as 1. Other buttons take the lowest
numbers left, from 1.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from haven.storage.messages import Button, ChatMessage

_LEADING_NUMBER = re.compile(r"^\s*(\d{1,3})(?:[.):]|\s|$)\s*(.*)$", re.DOTALL)
_REPLY_NUMBER = re.compile(r"^\s*#?(\d{1,3})\s*[.!)]?\s*$")


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    """What the person replies to pick it: "1", "2", … or the number the title starts with."""
    label: str
    """The title without its own number, as read after "Reply 1 for"; empty for "5"."""
    title: str
    payload: str

    def to_json(self) -> list[str]:
        return [self.key, self.label, self.title, self.payload]

    @classmethod
    def from_json(cls, value: Sequence[Any]) -> Choice:
        key, label, title, payload = (str(v) for v in value)
        return cls(key, label, title, payload)


def number(buttons: Sequence[Button]) -> list[Choice]:
    """The buttons as choices, keyed as the module docstring explains."""
    own: list[tuple[int, str] | None] = []
    taken: set[int] = set()
    for button in buttons:
        match = _LEADING_NUMBER.match(button.title)
        if match is None or int(match[1]) in taken:
            own.append(None)
            continue
        taken.add(int(match[1]))
        own.append((int(match[1]), match[2].strip()))
    free = (n for n in itertools.count(1) if n not in taken)
    choices = []
    for button, numbered in zip(buttons, own, strict=True):
        key, label = numbered if numbered is not None else (next(free), button.title.strip())
        choices.append(Choice(str(key), label, button.title, button.payload))
    return choices


def prompt(choices: Sequence[Choice], already_said: str = "") -> str:
    """ "Reply 1 for …, 2 for …" for the choices not already spelled out in the message."""
    listed = [c for c in choices if not (c.label and c.title.strip() in already_said)]
    if not listed:
        return ""
    if all(not c.label for c in listed):
        keys = [c.key for c in listed]
        numbers = [int(k) for k in keys]
        if len(keys) > 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"Reply a number from {keys[0]} to {keys[-1]}."
        return (
            f"Reply {keys[0]}."
            if len(keys) == 1
            else f"Reply {', '.join(keys[:-1])} or {keys[-1]}."
        )
    parts = [f"{c.key} for {c.label}" if c.label else c.key for c in listed]
    separator = "; " if any("," in c.label for c in listed) else ", "
    return "Reply " + separator.join(parts) + "."


def render(message: ChatMessage) -> tuple[str, list[Choice]]:
    """A message as SMS text, with its buttons as a reply prompt, and the choices offered."""
    choices = number(message.buttons)
    line = prompt(choices, message.text)
    return (f"{message.text}\n{line}" if line else message.text), choices


def pick(text: str, choices: Sequence[Choice]) -> Choice | None:
    """The choice a reply selects: its number, or its title or label typed out; else None."""
    match = _REPLY_NUMBER.match(text)
    if match is not None:
        key = str(int(match[1]))
        return next((c for c in choices if c.key == key), None)
    wanted = _folded(text)
    if not wanted:
        return None
    return next((c for c in choices if wanted in (_folded(c.title), _folded(c.label))), None)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()
