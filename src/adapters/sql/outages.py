"""Which database failures are outages: the database could not be reached or did not answer
(down, a connection dropped, the pool exhausted, a deadline passed). No request is to blame
for them, and the same request can succeed a little later."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from application.ports import StorageUnavailable

OUTAGES = (StorageUnavailable, OperationalError, InterfaceError, PoolTimeout, ConnectionError,
           TimeoutError)
ERRORS_TO_CLASSIFY: tuple[type[Exception], ...] = (
    StorageUnavailable, DBAPIError, PoolTimeout, ConnectionError, TimeoutError)
"""The kinds of exception among which is_outage finds the outages (for error handlers)."""


class StorageTimedOut(StorageUnavailable, TimeoutError):
    """The database did not answer by the deadline (adapters.sql.deadline)."""


def is_outage(error: BaseException) -> bool:
    """A failure to reach storage rather than a bug: a lost connection is one whatever
    the driver called it."""
    return isinstance(error, OUTAGES) or (
        isinstance(error, DBAPIError) and error.connection_invalidated)
