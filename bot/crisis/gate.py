"""The crisis gate: runs before the dialogue on every inbound turn, and screens every
generated text on the way out. It fails closed and keeps working when Rasa, the language
model or the database is down.

Inbound, in order:
1. `988` or `SOS` alone: the resources at once.
2. "my plan": the saved safety plan (or an offer to make one).
3. Classify the message with the last few user turns as context, within the time budget;
   an error or a timeout counts as `concern` and shows the resources (fail closed).
4. A crisis: the tier's response, a flag for review, a page for the imminent tier, and
   crisis mode (the safety check) or a safety-plan offer.
5. Otherwise, if the session is in a crisis mode, the safety check or plan goes on; no
   dialogue, no language model, until it ends or a clinician resolves it.

Everything the gate writes goes to the database, or to the spool when the database is away;
its crisis-mode state is also kept in memory so a database outage cannot drop a hold.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

import anyio

from bot.crisis.labels import CrisisResult, Label, Tier
from bot.crisis.response import CrisisResponse, Resources, compose, detect_language, sos
from bot.crisis.safety import (
    CHECK_STEPS,
    NO_CRISIS,
    CrisisState,
    advance,
    offer_plan,
    render_plan,
    start_check,
    yes_no,
)
from bot.crisis.store import CrisisStore, Flag, flag_payload, new_flag_id
from haven.spool import Spool
from haven.storage import ChatMessage, MessageStore, StorageUnavailable
from haven.turns import PASS, Inbound, Verdict

logger = logging.getLogger(__name__)

_SOS = re.compile(r"^\s*(988|sos)\s*[.!]*\s*$", re.IGNORECASE)
_PLAN = re.compile(
    r"^\s*(show\s+)?(me\s+)?(my\s+)?(safety\s+plan|plan)(\s+de\s+seguridad)?\s*[.!?]*\s*$"
    r"|^\s*mi\s+plan(\s+de\s+seguridad)?\s*[.!?]*\s*$",
    re.IGNORECASE,
)
_MAX_SESSIONS_IN_MEMORY = 10_000


class Classifier(Protocol):
    def classify(self, text: str, context: Sequence[str] = ()) -> CrisisResult: ...


class Pager(Protocol):
    """On-call paging (haven.paging.PagingService)."""

    def open_incident(self, session_id: str, tier: str, label: str) -> Any: ...

    async def page_without_database(self, incident_number: str, tier: str) -> list[Any]: ...

    def new_incident_number(self) -> str: ...


@dataclass(frozen=True, slots=True)
class _Decision:
    result: CrisisResult
    failed_closed: bool = False


class CrisisGate:
    def __init__(
        self,
        classifier: Classifier,
        resources: Resources,
        store: CrisisStore,
        messages: MessageStore,
        spool: Spool,
        pager: Pager | None,
        budget_ms: float,
        context_turns: int,
    ) -> None:
        self._classifier = classifier
        self._resources = resources
        self._store = store
        self._messages = messages
        self._spool = spool
        self._pager = pager
        self._budget_s = budget_ms / 1000
        self._context_turns = context_turns
        self._states: OrderedDict[str, CrisisState] = OrderedDict()
        self._recent: OrderedDict[str, deque[str]] = OrderedDict()
        self._background: set[asyncio.Task[None]] = set()

    # ---- inbound -------------------------------------------------------------------------

    async def check(self, inbound: Inbound) -> Verdict:
        session, text = inbound.session_id, inbound.text
        context = await self._context(session)
        self._remember_turn(session, text)
        state = await self._state(session)
        language = state.language if state.mode != "none" else detect_language(text)

        if _SOS.match(text):
            response = sos(self._resources, language)
            await self._flag(session, "keyword", _keyword_result(), None, response)
            return self._verdict(response.messages, response, None, state)

        if state.mode in ("none", "offer_plan") and _PLAN.match(text):
            return await self._show_plan(session, language)

        if state.mode == "none" and await self._pressed_offered_button(inbound):
            return PASS  # the words are Haven's own button title (or its number), not a disclosure

        # In a crisis mode the person is answering our questions: the earlier turns are what
        # put them there, so judge the answer on its own (a new disclosure still counts).
        in_mode = state.mode != "none"
        if state.mode in ("check", "offer_plan") and yes_no(text) is not None:
            # A yes or no answers our question; a "no" in the check keeps the hold and
            # repeats 988, so there is nothing a classifier could add.
            return await self._continue_mode(session, text, state)
        decision = await self._classify(text, () if in_mode else context)
        result = decision.result
        if decision.failed_closed:
            response = sos(self._resources, language)
            await self._flag(session, "inbound", result, None, response)
            notice = (self._resources.text(language, "review_notice"),)
            if in_mode:
                step = await self._continue_mode(session, text, state)
                return replace(step, messages=(*_messages(response.messages), *step.messages))
            return Verdict(
                prepend=_messages((*response.messages, *notice)),
                crisis=_crisis_summary(result, response, None, state.mode),
            )

        if result.is_crisis:
            return await self._respond_to_crisis(session, text, result, state, language)

        if state.mode == "offer_plan" and yes_no(text) is None:
            await self._save_step(session, NO_CRISIS, None)  # a change of topic declines
            return PASS
        if in_mode:
            return await self._continue_mode(session, text, state)
        return PASS

    async def _respond_to_crisis(
        self, session: str, text: str, result: CrisisResult, state: CrisisState, language: str
    ) -> Verdict:
        if state.mode == "plan" and result.tier is not Tier.IMMINENT:
            # Building a plan means writing about warning signs: keep going, remind of 988.
            await self._flag(session, "inbound", result, state.incident_number, None)
            step = advance(state, text, self._resources)
            await self._save_step(session, step.state, step.plan)
            replies = (self._resources.text(language, "plan_reminder"), *step.replies)
            return self._verdict(replies, None, state.incident_number, step.state, result)

        response = compose(self._resources, result.label, result.tier, result.about_other, language)
        incident = state.incident_number
        if response.page and not (state.mode == "check" and incident):
            incident = await self._page(session, result)
        await self._flag(session, "inbound", result, incident, response)
        replies = response.messages
        if response.hold:
            new_state = start_check(state, incident, language)
        elif state.mode == "check":
            # A hold is lifted only by the safety check or a clinician: ask again.
            new_state = state
            replies = (
                *replies[: -1 if response.offer_plan else None],
                self._resources.text(language, CHECK_STEPS[state.step]),
            )
        elif response.offer_plan:
            new_state = offer_plan(state, language)
        else:
            new_state = replace(NO_CRISIS, incident_number=incident)
        await self._save_step(session, new_state, None)
        return self._verdict(replies, response, incident, new_state, result)

    async def _continue_mode(self, session: str, text: str, state: CrisisState) -> Verdict:
        step = advance(state, text, self._resources)
        await self._save_step(session, step.state, step.plan)
        return self._verdict(step.replies, None, state.incident_number, step.state)

    async def _show_plan(self, session: str, language: str) -> Verdict:
        try:
            plan = await anyio.to_thread.run_sync(self._store.get_plan, session)
        except StorageUnavailable:
            plan = None
        if plan is not None:
            return Verdict(
                preempt=True, messages=(ChatMessage(render_plan(plan, self._resources, language)),)
            )
        state = offer_plan(NO_CRISIS, language)
        await self._save_step(session, state, None)
        return Verdict(
            preempt=True, messages=(ChatMessage(self._resources.text(language, "plan_missing")),)
        )

    async def escalate(
        self, session_id: str, label: str, tier: str, evidence: tuple[str, ...]
    ) -> list[str]:
        """Enter the crisis path from inside a flow (PHQ-9 item 9 above 0): the same response,
        flag, page and crisis mode as a flagged message. Returns the messages to say."""
        state = await self._state(session_id)
        result = CrisisResult(Label(label), Tier(tier), 1.0, False, tuple(evidence))
        verdict = await self._respond_to_crisis(session_id, "", result, state, state.language)
        return [m.text for m in verdict.messages]

    async def resolve(self, session: str) -> ChatMessage:
        """A clinician has checked in: lift crisis mode and tell the person."""
        state = await self._state(session)
        await self._save_step(session, NO_CRISIS, None)
        return ChatMessage(self._resources.text(state.language, "resolved"))

    # ---- outbound ------------------------------------------------------------------------

    async def screen(self, session_id: str, messages: Sequence[ChatMessage]) -> Verdict:
        """Screen generated text like user input; a flagged text is replaced by resources."""
        generated = [m for m in messages if m.generated]
        for message in generated:
            decision = await self._classify(message.text, ())
            if decision.failed_closed or decision.result.is_crisis:
                language = detect_language(message.text)
                response = sos(self._resources, language)
                await self._flag(session_id, "outbound", decision.result, None, response)
                kept = [m for m in messages if not m.generated]
                safe = [ChatMessage(t) for t in response.messages]
                return Verdict(
                    preempt=True,
                    messages=(*kept, *safe),
                    crisis=_crisis_summary(decision.result, response, None, "none"),
                )
        return PASS

    async def safe_to_show(self, text: str) -> bool:
        """Whether a draft of generated text may be shown before the final screen."""
        decision = await self._classify(text, ())
        return not (decision.failed_closed or decision.result.is_crisis)

    # ---- helpers -------------------------------------------------------------------------

    async def _classify(self, text: str, context: Sequence[str]) -> _Decision:
        try:
            with anyio.fail_after(self._budget_s):
                result = await anyio.to_thread.run_sync(
                    self._classifier.classify, text, tuple(context), abandon_on_cancel=True
                )
            return _Decision(result)
        except TimeoutError:
            logger.warning("crisis classifier exceeded its budget; failing closed")
            return _Decision(_failed_closed("classifier_timeout"), failed_closed=True)
        except Exception:
            logger.exception("crisis classifier failed; failing closed")
            return _Decision(_failed_closed("classifier_error"), failed_closed=True)

    async def _pressed_offered_button(self, inbound: Inbound) -> bool:
        """True when the message is a button Haven just offered: its payload, with exactly
        its title or its number as text. Anything else typed alongside is classified."""
        if not inbound.payload:
            return False
        try:
            recent = await anyio.to_thread.run_sync(self._messages.history, inbound.session_id, 8)
        except StorageUnavailable:
            return False  # cannot tell: classify
        typed = inbound.text.strip().lower()
        for stored in reversed(recent):
            if stored.direction == "in":
                continue
            for button in stored.message.buttons:
                if button.payload == inbound.payload and (
                    typed == button.title.strip().lower() or typed.isdigit()
                ):
                    return True
        return False

    async def _context(self, session: str) -> list[str]:
        if self._context_turns == 0:
            return []
        recent = self._recent.get(session)
        if recent is not None:
            return list(recent)[-self._context_turns :]
        try:
            history = await anyio.to_thread.run_sync(
                self._messages.history, session, 2 * self._context_turns + 2
            )
        except StorageUnavailable:
            return []
        # The pipeline stored the current message first: it is the last inbound one.
        inbound = [m.message.text for m in history if m.direction == "in"][:-1]
        self._recent[session] = deque(inbound[-self._context_turns :], maxlen=self._context_turns)
        return inbound[-self._context_turns :]

    def _remember_turn(self, session: str, text: str) -> None:
        if self._context_turns == 0:
            return
        recent = self._recent.setdefault(session, deque(maxlen=self._context_turns))
        recent.append(text)
        self._recent.move_to_end(session)
        while len(self._recent) > _MAX_SESSIONS_IN_MEMORY:
            self._recent.popitem(last=False)

    async def _state(self, session: str) -> CrisisState:
        if session in self._states:
            return self._states[session]
        try:
            state = await anyio.to_thread.run_sync(self._store.get_state, session)
        except StorageUnavailable:
            return NO_CRISIS
        self._cache_state(session, state)
        return state

    def _cache_state(self, session: str, state: CrisisState) -> None:
        self._states[session] = state
        self._states.move_to_end(session)
        if len(self._states) > _MAX_SESSIONS_IN_MEMORY:
            # Forget the oldest session that is not in a crisis mode; never forget a hold.
            calm = next((key for key, kept in self._states.items() if kept.mode == "none"), None)
            if calm is not None:
                del self._states[calm]

    async def _save_step(
        self, session: str, state: CrisisState, plan: dict[str, str] | None
    ) -> None:
        self._cache_state(session, state)
        try:
            await anyio.to_thread.run_sync(self._store.put_state, session, state)
            if plan is not None:
                await anyio.to_thread.run_sync(self._store.save_plan, session, plan)
        except StorageUnavailable:
            if plan is not None:
                self._spool.put("safety_plan", {"session_id": session, "plan": plan})
            # The state itself lives in memory until the next write reaches the database.

    async def _flag(
        self,
        session: str,
        direction: str,
        result: CrisisResult,
        incident: str | None,
        response: CrisisResponse | None,
    ) -> None:
        flag = Flag(
            id=new_flag_id(),
            session_id=session,
            direction=direction,
            label=result.label.value,
            tier=result.tier.value,
            score=float(result.score),
            incident_number=incident,
            resources_version=response.resources_version if response else self._resources.version,
            created_at=datetime.now(UTC),
            evidence=tuple(result.evidence),
        )
        try:
            await anyio.to_thread.run_sync(self._store.add_flag, flag)
        except StorageUnavailable:
            self._spool.put("crisis_flag", flag_payload(flag))

    async def _page(self, session: str, result: CrisisResult) -> str | None:
        if self._pager is None:
            logger.error("no pager configured: an imminent-tier turn could not page anyone")
            return None
        pager = self._pager
        try:
            incident = await anyio.to_thread.run_sync(
                pager.open_incident, session, result.tier.value, result.label.value
            )
            return str(incident.number)
        except StorageUnavailable:
            number = pager.new_incident_number()
            payload: dict[str, object] = {
                "incident_number": number,
                "session_id": session,
                "tier": result.tier.value,
                "label": result.label.value,
                "created_at": datetime.now(UTC).isoformat(),
                "sent": [],
            }
            entry = self._spool.put("incident", payload)
            task = asyncio.create_task(self._page_now(entry, payload))
            self._background.add(task)
            task.add_done_callback(self._background.discard)
            return number

    async def _page_now(self, entry: str, payload: dict[str, Any]) -> None:
        """Page straight through Twilio while the database is away; nothing waits on it."""
        assert self._pager is not None
        try:
            sent = await self._pager.page_without_database(
                payload["incident_number"], payload["tier"]
            )
        except Exception:
            logger.exception("direct page failed; the outbox will page when the database returns")
            return
        pages = [page.to_json() for page in sent]
        self._spool.replace(entry, "incident", {**payload, "sent": pages})

    def _verdict(
        self,
        replies: Sequence[str],
        response: CrisisResponse | None,
        incident: str | None,
        state: CrisisState,
        result: CrisisResult | None = None,
    ) -> Verdict:
        summary = None
        if response is not None and result is not None:
            summary = _crisis_summary(result, response, incident, state.mode)
        elif response is not None:  # 988/SOS
            version = response.resources_version
            summary = _summary("concern", "none", False, version, incident, state.mode)
            summary["keyword"] = True
        elif state.mode != "none" or result is not None:
            summary = _summary(
                result.tier.value if result else "none",
                result.label.value if result else "none",
                bool(result and result.about_other),
                self._resources.version,
                incident,
                state.mode,
            )
        return Verdict(preempt=True, messages=_messages(replies), crisis=summary)


def _crisis_summary(
    result: CrisisResult, response: CrisisResponse, incident: str | None, mode: str
) -> dict[str, Any]:
    return _summary(
        result.tier.value,
        result.label.value,
        result.about_other,
        response.resources_version,
        incident,
        mode,
    )


def _summary(
    tier: str, label: str, about_other: bool, version: str, incident: str | None, mode: str
) -> dict[str, Any]:
    """The `crisis` object a turn returns to the channel."""
    return {
        "tier": tier,
        "label": label,
        "about_other": about_other,
        "resources_version": version,
        "incident": incident,
        "mode": mode,
    }


def _messages(texts: Sequence[str]) -> tuple[ChatMessage, ...]:
    return tuple(ChatMessage(text) for text in texts)


def _failed_closed(reason: str) -> CrisisResult:
    return CrisisResult(
        label=Label.IDEATION, tier=Tier.CONCERN, score=1.0, about_other=False, evidence=(reason,)
    )


def _keyword_result() -> CrisisResult:
    return CrisisResult(
        label=Label.NONE,
        tier=Tier.NONE,
        score=0.0,
        about_other=False,
        evidence=("keyword:988/SOS",),
    )
