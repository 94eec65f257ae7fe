"""Haven's relational storage: SQLAlchemy 2 tables, Alembic migrations, sealed records.

Every column that can hold something a person typed is sealed with `haven.crypto` before it
reaches the database; the repositories here are the only code that seals and opens rows.
"""

from haven.storage.db import create_engine_for, upgrade_schema
from haven.storage.errors import StorageError, StorageUnavailable, UnknownSession
from haven.storage.messages import ChatMessage, MessageStore, StoredMessage

__all__ = [
    "ChatMessage",
    "MessageStore",
    "StorageError",
    "StorageUnavailable",
    "StoredMessage",
    "UnknownSession",
    "create_engine_for",
    "upgrade_schema",
]
