"""A database session scope shared by every repository."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from haven.storage.errors import StorageUnavailable


class DbScope:
    """A session that commits on success and turns connection failures into StorageUnavailable."""

    def __init__(self, engine: Engine, *, write: bool) -> None:
        self._session = Session(engine, expire_on_commit=False)
        self._write = write

    def __enter__(self) -> Session:
        return self._session

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        try:
            if exc is None and self._write:
                self._session.commit()
            elif exc is not None:
                self._session.rollback()
        except (OperationalError, DBAPIError) as error:
            raise StorageUnavailable("database unavailable") from error
        finally:
            self._session.close()
        if isinstance(exc, OperationalError | DBAPIError):
            raise StorageUnavailable("database unavailable") from exc
