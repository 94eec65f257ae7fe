"""A write scope for inserts that may clash on a unique key.

`DbScope` reports every driver error as the database being away; here a clash on a unique
key (a Twilio retry, the same number's first two messages racing) is raised as
`IntegrityError`, so the caller can read the row that won.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from haven.storage import StorageUnavailable


@contextlib.contextmanager
def inserting(engine: Engine) -> Iterator[Session]:
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except IntegrityError:
        raise
    except DBAPIError as exc:
        raise StorageUnavailable("database unavailable") from exc
