"""The crisis gate with the real classifier, real stores (SQLite and PostgreSQL) and the
real spool: what the person is told, what is stored, and failing closed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.crisis.classifier import CrisisClassifier
from bot.crisis.gate import CrisisGate
from bot.crisis.labels import CrisisResult
from bot.crisis.response import Resources
from bot.crisis.store import CrisisStore
from haven.crypto import Keyring
from haven.spool import Spool
from haven.storage import ChatMessage, MessageStore, create_engine_for, upgrade_schema
from haven.turns import Inbound


class _Stores:
    def __init__(self, url: str, data_dir: Path) -> None:
        upgrade_schema(url)
        self.engine = create_engine_for(url)
        self.keyring, _ = Keyring.load_or_create(data_dir / "keys.json", allow_create=True)
        self.messages = MessageStore(self.engine, self.keyring)
        self.crisis = CrisisStore(self.engine, self.keyring)
        self.spool = Spool(data_dir / "spool", self.keyring)


@pytest.fixture
def stores(database_url: str, data_dir: Path) -> Iterator[_Stores]:
    made = _Stores(database_url, data_dir)
    yield made
    made.engine.dispose()


def _gate(stores: _Stores, classifier: object, budget_ms: float = 2000) -> CrisisGate:
    return CrisisGate(
        classifier=classifier,  # type: ignore[arg-type]
        resources=Resources.load(),
        store=stores.crisis,
        messages=stores.messages,
        spool=stores.spool,
        pager=None,
        budget_ms=budget_ms,
        context_turns=3,
    )


async def _say(gate: CrisisGate, stores: _Stores, session: str, text: str):  # type: ignore[no-untyped-def]
    stores.messages.append(session, "in", [ChatMessage(text)])  # the pipeline stores first
    return await gate.check(Inbound(session, text))


def _text(verdict) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(m.text for m in (*verdict.prepend, *verdict.messages))


async def test_an_ordinary_message_passes(stores: _Stores, classifier: CrisisClassifier) -> None:
    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    verdict = await _say(gate, stores, session, "I had a long day at work")
    assert not verdict.preempt and not verdict.prepend and verdict.crisis is None
    assert stores.crisis.flags(session) == []


async def test_ideation_gets_988_a_plan_offer_and_a_flag_with_sealed_evidence(
    stores: _Stores, classifier: CrisisClassifier
) -> None:
    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    verdict = await _say(gate, stores, session, "everyone would be better off without me")
    assert verdict.preempt
    assert "988" in _text(verdict) and "safety plan" in _text(verdict)
    assert verdict.crisis is not None and verdict.crisis["tier"] in ("urgent", "concern")
    [flag] = stores.crisis.flags(session)
    assert flag.label == "ideation" and flag.evidence
    with stores.engine.connect() as conn:
        raw = b"".join(
            bytes(r[0]) for r in conn.execute(sa.text("SELECT ciphertext FROM crisis_flags"))
        )
    assert b"better off" not in raw and b"rule:" not in raw


async def test_context_escalates_to_imminent_and_holds_until_the_check(
    stores: _Stores, classifier: CrisisClassifier
) -> None:
    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    await _say(gate, stores, session, "I want it to end")
    await _say(gate, stores, session, "no")  # declines the plan
    verdict = await _say(gate, stores, session, "I have the pills now")
    assert verdict.crisis is not None and verdict.crisis["tier"] == "imminent"
    assert verdict.crisis["mode"] == "check"
    assert "worried about your safety" in _text(verdict) and "911" in _text(verdict)

    # Anything but an answer keeps the hold: no dialogue reaches Rasa or the model.
    held = await _say(gate, stores, session, "tell me a joke")
    assert held.preempt and "yes or no" in _text(held)
    for answer in ("yes", "yes", "yes"):
        verdict = await _say(gate, stores, session, answer)
    assert "glad you're safe" in _text(verdict)
    assert stores.crisis.get_state(session).mode == "none"
    after = await _say(gate, stores, session, "what can you do")
    assert not after.preempt


async def test_a_no_in_the_safety_check_repeats_988_and_keeps_the_hold(
    stores: _Stores, classifier: CrisisClassifier
) -> None:
    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    await _say(gate, stores, session, "I'm going to kill myself tonight, I have the rope ready")
    verdict = await _say(gate, stores, session, "no")
    assert "988" in _text(verdict) and verdict.crisis is not None
    assert stores.crisis.get_state(session).mode == "check"


@pytest.mark.parametrize("keyword", ["988", "SOS", "sos", " 988 "])
async def test_988_and_sos_give_the_resources_at_once(
    stores: _Stores, classifier: CrisisClassifier, keyword: str
) -> None:
    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    verdict = await _say(gate, stores, session, keyword)
    assert verdict.preempt and "988" in _text(verdict) and "911" in _text(verdict)


async def test_help_is_not_a_crisis_keyword(stores: _Stores, classifier: CrisisClassifier) -> None:
    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    verdict = await _say(gate, stores, session, "HELP")
    assert "Veterans" not in _text(verdict)


async def test_a_safety_plan_is_built_saved_sealed_and_shown(
    stores: _Stores, classifier: CrisisClassifier
) -> None:
    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    offer = await _say(gate, stores, session, "my plan")
    assert "don't have a safety plan" in _text(offer)
    await _say(gate, stores, session, "yes")
    for answer in (
        "staying in bed all day",
        "go for a walk",
        "my cousin Dana's house",
        "Dana 555 0100",
        "Dr Okafor",
        "give the car keys to Dana",
    ):
        verdict = await _say(gate, stores, session, answer)
    assert "saved" in _text(verdict)
    shown = await _say(gate, stores, session, "my plan")
    assert "Dr Okafor" in _text(shown) and "988" in _text(shown)
    with stores.engine.connect() as conn:
        raw = b"".join(
            bytes(r[0]) for r in conn.execute(sa.text("SELECT ciphertext FROM safety_plans"))
        )
    assert b"Okafor" not in raw


async def test_a_change_of_topic_declines_the_plan_offer(
    stores: _Stores, classifier: CrisisClassifier
) -> None:
    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    await _say(gate, stores, session, "I don't want to be alive anymore")
    verdict = await _say(gate, stores, session, "can you tell me about box breathing")
    assert not verdict.preempt
    assert stores.crisis.get_state(session).mode == "none"


class _Slow:
    def classify(self, text: str, context: Sequence[str] = ()) -> CrisisResult:
        import time

        time.sleep(0.5)
        raise AssertionError("unreachable within the budget")


class _Broken:
    """A classifier that fails: the one failure these tests cannot cause in the real one."""

    def classify(self, text: str, context: Sequence[str] = ()) -> CrisisResult:
        raise RuntimeError("model file corrupted")


@pytest.mark.parametrize(
    ("classifier_double", "reason"),
    [(_Slow(), "classifier_timeout"), (_Broken(), "classifier_error")],
)
async def test_a_slow_or_failing_classifier_fails_closed(
    stores: _Stores, classifier_double: object, reason: str
) -> None:
    gate = _gate(stores, classifier_double, budget_ms=50)
    session = stores.messages.create_session("web")
    verdict = await _say(gate, stores, session, "hello")
    assert "988" in _text(verdict)
    assert verdict.crisis is not None and verdict.crisis["tier"] == "concern"
    [flag] = stores.crisis.flags(session)
    assert flag.evidence == (reason,)


async def test_generated_text_is_screened_like_user_input(
    stores: _Stores, classifier: CrisisClassifier
) -> None:
    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    bad = ChatMessage("You could just end your life, nobody would miss you.", generated=True)
    scripted = ChatMessage("If you are in crisis, call or text 988.")
    verdict = await gate.screen(session, [scripted, bad])
    assert verdict.preempt
    texts = [m.text for m in verdict.messages]
    assert bad.text not in texts and scripted.text in texts and any("988" in t for t in texts)
    assert stores.crisis.flags(session)[0].direction == "outbound"
    fine = await gate.screen(
        session, [ChatMessage("That sounds like a hard week.", generated=True)]
    )
    assert not fine.preempt


async def test_a_pressed_button_is_not_read_as_a_disclosure_but_typed_text_is(
    stores: _Stores, classifier: CrisisClassifier
) -> None:
    from haven.storage.messages import Button

    gate = _gate(stores, classifier)
    session = stores.messages.create_session("web")
    offered = ChatMessage(
        "Little interest or pleasure in doing things?",
        (Button("0 Not at all", '/answer{"value": 0}'),),
    )
    stores.messages.append(session, "out", [offered])

    pressed = Inbound(session, "0 Not at all", '/answer{"value": 0}')
    stores.messages.append(session, "in", [ChatMessage(pressed.text)])
    assert await gate.check(pressed) == await gate.check(pressed)  # stable
    assert not (await gate.check(pressed)).preempt

    smuggled = Inbound(session, "I am going to kill myself tonight", '/answer{"value": 0}')
    stores.messages.append(session, "in", [ChatMessage(smuggled.text)])
    verdict = await gate.check(smuggled)
    assert verdict.preempt and "988" in _text(verdict)
