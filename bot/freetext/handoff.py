"""The Rasa action that hands a turn to the local language model.

Rasa runs it when no scripted flow fits; it says nothing itself but answers with a custom
payload, and the turn pipeline (which owns the model and the screening) writes the reply.
"""

from __future__ import annotations

from typing import Any

from bot.actionserver import ActionContext, ActionRegistry, Dispatcher, Tracker
from haven.dialogue import FREETEXT_HANDOFF


async def action_freetext_handoff(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    dispatcher.responses.append({"custom": dict(FREETEXT_HANDOFF)})
    return []


def register(registry: ActionRegistry) -> None:
    registry.add("action_freetext_handoff", action_freetext_handoff)
