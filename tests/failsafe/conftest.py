from tests.fakes.fixtures import fake_twilio  # noqa: F401
