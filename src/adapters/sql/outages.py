"""Which database failures are outages, and where they become the port's StorageUnavailable.

An outage: the database could not be reached or did not answer (down, a connection dropped,
the pool exhausted, a deadline passed). No request is to blame for it, and the same request
can succeed a little later. Every one leaves this adapter as `StorageUnavailable` (chained
to the driver's error), so nothing above it needs to know SQLAlchemy's or the driver's
exceptions (ADR 0049):

- what SQLAlchemy sees (a statement, a begin, a commit, a rollback, a new connection) is
  replaced in its `handle_error` event (`translate_outages`), after SQLAlchemy has decided
  whether the connection and the pool are invalidated, so the pool heals as before (ADR 0020);
  the pre-ping's own failures are left to the pool, which replaces the connection;
- what it does not see (the pool's TimeoutError at checkout) is replaced where a connection
  is started (`OutageTranslatingConnection`), which every connection of `Database` is,
  the group committer's included;
- the deadlines raise `StorageTimedOut` (a StorageUnavailable) themselves.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from application.ports import StorageUnavailable

OUTAGES = (StorageUnavailable, OperationalError, InterfaceError, PoolTimeout, ConnectionError,
           TimeoutError)


class StorageTimedOut(StorageUnavailable, TimeoutError):
    """The database did not answer by the deadline (adapters.sql.deadline)."""


def is_outage(error: BaseException) -> bool:
    """A failure to reach storage rather than a bug: a lost connection is one whatever
    the driver called it."""
    return isinstance(error, OUTAGES) or (
        isinstance(error, DBAPIError) and error.connection_invalidated)


def unavailable_from(error: BaseException) -> StorageUnavailable:
    """The port's exception for an outage; the caller raises it `from error`."""
    cause = getattr(error, "orig", None) or error
    return StorageUnavailable(f"the database is unavailable: {type(cause).__name__}: "
                              f"{str(cause)[:200]}")


def translate_outages(engine: AsyncEngine) -> None:
    """Every outage SQLAlchemy handles on this engine is raised as StorageUnavailable."""
    event.listen(engine.sync_engine, "handle_error", replace_outage)


def replace_outage(context: ExceptionContext) -> StorageUnavailable | None:
    if context.is_pre_ping:  # the pool replaces the dead connection itself
        return None
    error = context.sqlalchemy_exception or context.original_exception
    # Not a cancellation (which SQLAlchemy also counts as a disconnect), nor a bug.
    if not isinstance(context.original_exception, Exception) or not is_outage(error):
        return None
    return unavailable_from(error)  # raised by SQLAlchemy `from` the driver's error


class OutageTranslatingConnection(AsyncConnection):
    """An AsyncConnection whose start (the pool's checkout) raises StorageUnavailable for an
    outage SQLAlchemy's error events never see, such as the pool's TimeoutError."""

    async def start(self, is_ctxmanager: bool = False) -> AsyncConnection:
        try:
            return await super().start(is_ctxmanager)
        except StorageUnavailable:
            raise
        except Exception as error:
            if is_outage(error):
                raise unavailable_from(error) from error
            raise
