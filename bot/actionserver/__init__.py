"""Rasa's action-server protocol, served by Haven's gateway.

Rasa decides which action comes next and POSTs `{"next_action", "sender_id", "tracker",
"domain", "version"}`; the action does Haven's work (reading and writing Haven's own data)
and answers `{"events": [...], "responses": [...]}`. This is the same wire format rasa-sdk
speaks; Haven implements it directly so actions run in the service's own environment.

Errors::

    ActionError
    ├── UnknownAction    (Rasa asked for an action Haven does not have: HTTP 404)
    └── ActionRejected   (the action refuses to run now: HTTP 400, Rasa tries another)
"""

from bot.actionserver.dispatch import (
    Action,
    ActionContext,
    ActionError,
    ActionRegistry,
    ActionRejected,
    Dispatcher,
    UnknownAction,
)
from bot.actionserver.tracker import Tracker, slot_set

__all__ = [
    "Action",
    "ActionContext",
    "ActionError",
    "ActionRegistry",
    "ActionRejected",
    "Dispatcher",
    "Tracker",
    "UnknownAction",
    "slot_set",
]
