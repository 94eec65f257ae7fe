"""What a page says and who is on call: the pure rules, checked case by case."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from haven.paging import InvalidIncident, InvalidPhoneNumber, OnCall, SentPage
from haven.paging.content import call_twiml, page_text, parse_ack, voice_url
from haven.paging.models import tier_of
from haven.paging.phone import e164
from haven.paging.roster import ShiftEntry, rank_on_call

NOON = datetime(2026, 11, 21, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", (True, None)),
        (" 1\n", (True, None)),
        ("ack", (True, None)),
        ("ACK.", (True, None)),
        ("Ack INC-261121-101703-K7QD", (True, "INC-261121-101703-K7QD")),
        ("1 INC-261121-101703-K7QD", (True, "INC-261121-101703-K7QD")),
        ("11", (False, None)),
        ("2", (False, None)),
        ("acknowledged", (False, None)),
        ("ok thanks", (False, None)),
        ("", (False, None)),
    ],
)
def test_what_counts_as_an_sms_acknowledgement(
    text: str, expected: tuple[bool, str | None]
) -> None:
    assert parse_ack(text) == expected


@pytest.mark.parametrize("number", ["+15551234567", "+442071234567", "+8613800138000"])
def test_e164_numbers_are_accepted(number: str) -> None:
    assert e164(f" {number} ") == number


@pytest.mark.parametrize(
    "number",
    [
        "15551234567",
        "+1 555 123 4567",
        "+1-555-123-4567",
        "+0555123456",
        "+1555",
        "+1234567890123456",
    ],
)
def test_other_numbers_are_refused_with_the_format_named(number: str) -> None:
    with pytest.raises(InvalidPhoneNumber, match=r"E\.164.*\+15551234567"):
        e164(number)


def test_only_three_tiers_can_page() -> None:
    assert [tier_of(t) for t in ("imminent", "urgent", "concern")] == [
        "imminent",
        "urgent",
        "concern",
    ]
    with pytest.raises(InvalidIncident):
        tier_of("none")


def test_a_page_holds_the_number_tier_and_link_only() -> None:
    text = page_text("https://haven.example", "INC-261121-101703-K7QD", "urgent")
    assert text == (
        "Haven crisis page INC-261121-101703-K7QD: tier urgent. "
        "Review: https://haven.example/console/incidents/INC-261121-101703-K7QD. "
        "Reply 1 or ACK INC-261121-101703-K7QD to acknowledge."
    )
    assert len(text) <= 320  # two SMS segments at most


def test_the_call_says_the_tier_and_gathers_one_digit() -> None:
    twiml = call_twiml("INC-261121-101703-K7QD", "imminent", "https://h.example/g?a=1&b=2")
    assert re.search(
        r'<Gather action="https://h.example/g\?a=1&amp;b=2" method="POST" '
        r'numDigits="1" timeout="10"><Say loop="2">',
        twiml,
    )
    assert "Tier imminent. Incident ending K 7 Q D." in twiml
    assert voice_url("https://h.example", "p1", "INC-1", "urgent") == (
        "https://h.example/v1/channels/twilio/staff/voice/p1?incident=INC-1&tier=urgent"
    )


def _entry(shift: int, position: int, clinician: int, start_h: int, end_h: int) -> ShiftEntry:
    return ShiftEntry(
        shift,
        position,
        NOON + timedelta(hours=start_h),
        NOON + timedelta(hours=end_h),
        clinician,
        f"C{clinician}",
        f"+1555000000{clinician}",
    )


def test_escalation_order_is_by_shift_order_among_shifts_covering_the_moment() -> None:
    entries = [
        _entry(1, 2, 1, -4, 4),
        _entry(2, 1, 2, -1, 1),
        _entry(3, 3, 3, 1, 9),  # starts later
        _entry(4, 1, 4, -9, 0),  # ended exactly now
        _entry(5, 5, 2, -2, 2),  # a second shift of clinician 2: listed once
        _entry(6, 2, 5, -3, 3),  # same order as clinician 1, started later: after it
    ]
    ranked = rank_on_call(entries, NOON)
    assert [p.clinician_id for p in ranked] == [2, 1, 5]
    assert ranked[0] == OnCall(2, "C2", "+15550000002")
    assert rank_on_call(entries, NOON + timedelta(hours=5)) == [OnCall(3, "C3", "+15550000003")]


def test_a_sent_page_survives_the_spool_as_json() -> None:
    page = SentPage("p1", "voice", "+15551234567", None, "CA123", NOON)
    assert SentPage.from_json(page.to_json()) == page
