"""Which failures mean "storage cannot answer now" (`unavailable`, retry) and which are bugs
(`internal`): the real exceptions SQLAlchemy and psycopg raise, built without a server.

The SQL adapter replaces every outage with the port's StorageUnavailable (ADR 0049), in
SQLAlchemy's `handle_error` event or where a connection is started; the entrypoints map
StorageUnavailable alone to `unavailable`."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from adapters.sql.outages import replace_outage
from application.ports import ConcurrencyError, StorageUnavailable
from entrypoints.errors import api_error_for


def wrapped(kind: type[DBAPIError], orig: Exception, invalidated: bool = False) -> DBAPIError:
    return kind("SELECT 1", {}, orig, connection_invalidated=invalidated)


@dataclass
class Context:
    """The parts of SQLAlchemy's ExceptionContext the translation reads."""
    sqlalchemy_exception: Exception | None
    original_exception: BaseException
    is_pre_ping: bool = False


def context_of(error: BaseException) -> Context:
    if isinstance(error, DBAPIError):
        return Context(error, error.orig)
    return Context(None, error)


OUTAGES = [
    wrapped(OperationalError, psycopg.OperationalError("server closed the connection")),
    wrapped(InterfaceError, psycopg.InterfaceError("the connection is closed")),
    wrapped(DBAPIError, psycopg.DatabaseError("terminating connection"), invalidated=True),
    PoolTimeout("QueuePool limit of size 5 overflow 10 reached"),
    ConnectionRefusedError(111, "Connection refused"),
    TimeoutError(),
]
BUGS = [
    wrapped(IntegrityError, psycopg.IntegrityError("duplicate key")),
    wrapped(DBAPIError, psycopg.ProgrammingError("syntax error")),
    KeyError("bug"),
]


def assert_unavailable(error: Exception) -> None:
    mapped = api_error_for(error)
    assert mapped is not None
    assert (mapped.status, mapped.code, mapped.retry_after) == (503, "unavailable", 1)
    assert mapped.headers == {"Retry-After": "1"}
    assert "SELECT" not in mapped.message and "psycopg" not in mapped.message


@pytest.mark.parametrize("error", OUTAGES, ids=lambda e: type(e).__name__)
def test_an_outage_leaves_the_adapter_as_storage_unavailable(error: Exception) -> None:
    replaced = replace_outage(context_of(error))  # type: ignore[arg-type]
    assert isinstance(replaced, StorageUnavailable)
    assert_unavailable(replaced)


@pytest.mark.parametrize("error", [StorageUnavailable("down"),
                                   ConcurrencyError("session-x is at 7, not 6")],
                         ids=lambda e: type(e).__name__)
def test_an_outage_is_unavailable_with_a_retry_hint(error: Exception) -> None:
    assert_unavailable(error)


@pytest.mark.parametrize("error", BUGS, ids=lambda e: type(e).__name__)
def test_a_bug_is_not_mistaken_for_an_outage(error: Exception) -> None:
    assert replace_outage(context_of(error)) is None  # type: ignore[arg-type]
    assert api_error_for(error) is None  # reported as internal, logged in full


def test_a_failed_pre_ping_is_left_to_the_pool_which_replaces_the_connection() -> None:
    error = wrapped(OperationalError, psycopg.OperationalError("server closed the connection"),
                    invalidated=True)
    assert replace_outage(Context(error, error.orig, is_pre_ping=True)) is None  # type: ignore[arg-type]


def test_a_cancellation_stays_a_cancellation() -> None:
    """SQLAlchemy counts a cancelled query as a disconnect; the deadline needs it to unwind as
    a cancellation (adapters.sql.deadline)."""
    assert replace_outage(Context(None, asyncio.CancelledError())) is None  # type: ignore[arg-type]
