"""Actions of the core conversation (domain: bot/flows/core.yml)."""

from __future__ import annotations

from typing import Any

import anyio

from bot.actionserver import ActionContext, ActionRegistry, Dispatcher, Tracker
from bot.cbt.mood import offer_daily_checkin


async def action_core_greet(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    """Greet, telling a returning person from a new one by what Haven has stored."""
    earlier = await anyio.to_thread.run_sync(context.messages.count_inbound, tracker.sender_id)
    # The current "hi" is already stored (the pipeline persists before dialogue).
    dispatcher.utter(response="utter_core_greet_returning" if earlier > 1 else "utter_core_greet")
    if earlier > 1:
        await offer_daily_checkin(tracker, dispatcher, context)
    return []


def register(registry: ActionRegistry) -> None:
    registry.add("action_core_greet", action_core_greet)
