"""A crisis by text: the crisis gate's response in its SMS form ("text 988" first), and the
on-call clinician paged from the staff number, exactly as on the web."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from haven.paging import PagingService, TwilioSender
from haven.paging.clock import utcnow
from haven.paging.tables import ClinicianRow, IncidentRow
from tests.sms.conftest import STAFF_NUMBER, SmsStack, phone

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


@pytest.mark.parametrize("keyword", ["988", "SOS"])
def test_988_and_sos_return_the_resources_at_once(sms: SmsStack, keyword: str) -> None:
    sender = phone()
    sms.text(sender, "hi")
    answer = sms.text(sender, keyword)
    assert answer.bodies[0].startswith("If you might act on thoughts of suicide")
    assert "call or text 988 now" in answer.bodies[0] and "911" in answer.bodies[0]


def test_a_crisis_text_gets_988_first_and_pages_the_clinician_on_call(sms: SmsStack) -> None:
    settings = sms.stack.settings
    paging = PagingService(sms.engine, settings, TwilioSender(settings.twilio))
    with sms.engine.begin() as conn:
        conn.execute(sa.update(ClinicianRow).values(active=False))
    clinician = paging.roster.add_clinician("Ana Ruiz", phone())
    now = utcnow()
    paging.roster.add_shift(clinician.id, now - timedelta(hours=1), now + timedelta(hours=8), 1)

    sender = phone()
    answer = sms.text(sender, "I'm going to kill myself tonight, I have the pills ready")

    said = " ".join(answer.bodies)
    assert answer.bodies[0].startswith("Please call or text 988 now"), answer.bodies
    assert "Haven is an automated assistant, not a person" in said  # first contact
    assert "worried about your safety" in said and "911" in said
    assert "on-call clinicians" in said
    assert answer.bodies[-1].endswith("Are you safe right now? Please reply yes or no.")

    session = sms.number_row(sender).session_id
    with sms.engine.connect() as conn:
        [incident] = conn.execute(
            sa.select(IncidentRow).where(IncidentRow.session_id == session)
        ).all()
    assert incident.tier == "imminent"
    [page] = sms.fake.wait_for(lambda: sms.fake.created("Messages", clinician.phone))
    assert page["params"]["From"] == STAFF_NUMBER
    assert incident.number in page["params"]["Body"]
    assert sender not in str(page["params"]) and "pills" not in str(page["params"])

    held = sms.text(sender, "tell me a joke")  # crisis mode holds the conversation
    assert "yes or no" in " ".join(held.bodies)
