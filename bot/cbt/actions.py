"""Registers every CBT action (see bot/actions.py)."""

from __future__ import annotations

from bot.actionserver import ActionRegistry
from bot.cbt import activation, exercises, mood, questionnaire, relaxation, thought_record


def register(registry: ActionRegistry) -> None:
    for feature in (exercises, mood, questionnaire, thought_record, activation, relaxation):
        feature.register(registry)
