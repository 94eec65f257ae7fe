"""What every CBT action shares: the stores, slot resets and button payloads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import anyio

from bot.actionserver import ActionContext
from bot.actionserver.tracker import slot_set
from bot.cbt.stores import CbtStores

T = TypeVar("T")


def cbt_stores(context: ActionContext) -> CbtStores:
    if context.cbt is None:
        raise RuntimeError("the CBT stores were not configured at start-up")
    return context.cbt


async def blocking(function: Callable[..., T], *args: Any) -> T:
    """Run a blocking store call in a worker thread."""
    return await anyio.to_thread.run_sync(function, *args)


def cleared(slots: Iterable[str]) -> list[dict[str, Any]]:
    return [slot_set(name, None) for name in slots]


def choice_button(title: str, choice: str) -> dict[str, str]:
    """A button whose payload carries the choice, so SMS can number it from the same list."""
    return {"title": title, "payload": '/inform{"choice":"' + choice + '"}'}


def active_loop(name: str | None) -> dict[str, Any]:
    return {"event": "active_loop", "name": name}
