"""Storage errors::

StorageError
├── StorageUnavailable  (the database cannot be reached right now)
└── UnknownSession      (no chat session with that id)
"""


class StorageError(Exception):
    """Base class of storage errors."""


class StorageUnavailable(StorageError):
    """The database cannot be reached; callers that must not lose data spool instead."""


class UnknownSession(StorageError):
    """No chat session has this id."""
