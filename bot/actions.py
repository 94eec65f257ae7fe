"""Every custom action Haven serves to Rasa, registered at start-up."""

from __future__ import annotations

from bot.actionserver import ActionRegistry
from bot.cbt import actions as cbt_actions
from bot.core import actions as core_actions
from bot.freetext import handoff as freetext_handoff


def build_registry() -> ActionRegistry:
    registry = ActionRegistry()
    core_actions.register(registry)
    cbt_actions.register(registry)
    freetext_handoff.register(registry)
    return registry
