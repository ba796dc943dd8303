"""Which failures mean "storage cannot answer now" (`unavailable`, retry) and which are bugs
(`internal`): the real exceptions SQLAlchemy and psycopg raise, built without a server."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from application.ports import ConcurrencyError
from entrypoints.errors import api_error_for


def wrapped(kind: type[DBAPIError], orig: Exception, invalidated: bool = False) -> DBAPIError:
    return kind("SELECT 1", {}, orig, connection_invalidated=invalidated)


@pytest.mark.parametrize("error", [
    wrapped(OperationalError, psycopg.OperationalError("server closed the connection")),
    wrapped(InterfaceError, psycopg.InterfaceError("the connection is closed")),
    wrapped(DBAPIError, psycopg.DatabaseError("terminating connection"), invalidated=True),
    PoolTimeout("QueuePool limit of size 5 overflow 10 reached"),
    ConnectionRefusedError(111, "Connection refused"),
    TimeoutError(),
    ConcurrencyError("session-x is at 7, not 6"),
], ids=lambda e: type(e).__name__)
def test_an_outage_is_unavailable_with_a_retry_hint(error: Exception) -> None:
    mapped = api_error_for(error)
    assert mapped is not None
    assert (mapped.status, mapped.code, mapped.retry_after) == (503, "unavailable", 1)
    assert mapped.headers == {"Retry-After": "1"}
    assert "SELECT" not in mapped.message and "psycopg" not in mapped.message


@pytest.mark.parametrize("error", [
    wrapped(IntegrityError, psycopg.IntegrityError("duplicate key")),
    wrapped(DBAPIError, psycopg.ProgrammingError("syntax error")),
    KeyError("bug"),
], ids=lambda e: type(e).__name__)
def test_a_bug_is_not_mistaken_for_an_outage(error: Exception) -> None:
    assert api_error_for(error) is None  # reported as internal, logged in full
