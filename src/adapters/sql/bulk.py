"""Many rows in few statements: on PostgreSQL one JSON document per statement, or COPY."""

from __future__ import annotations

import functools
from typing import Any

import orjson
from sqlalchemy import Table, bindparam, func, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncConnection

COPY_FROM = 200
"""From this many rows on, PostgreSQL gets them by COPY (a rebuild, a large group commit)."""


async def insert_many(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows of one shape. On PostgreSQL one statement of the rows as one JSON document, or
    COPY for many rows: psycopg's executemany goes once round the event loop per row
    (pipeline mode), which cost a group commit more than everything else it sends."""
    statement = insert_statement(conn, table, rows)
    if statement is not None:
        await conn.exec_driver_sql(*statement)
        return
    columns = list(rows[0])
    if conn.dialect.name != "postgresql" or any(row.keys() != rows[0].keys() for row in rows):
        await conn.execute(table.insert(), rows)
        return
    names = ", ".join(f'"{name}"' for name in columns)
    raw = (await conn.get_raw_connection()).driver_connection
    assert raw is not None
    async with raw.cursor() as cursor, \
            cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            await copy.write_row([row[name] for name in columns])


Statement = tuple[str, tuple[Any, ...]]
"""PostgreSQL text with %s placeholders, and its parameters."""


def insert_statement(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]
                     ) -> Statement | None:
    """insert_many's one statement on PostgreSQL; None where it uses another way (another
    database, rows of different shapes, enough rows for COPY)."""
    if conn.dialect.name != "postgresql" or len(rows) >= COPY_FROM \
            or any(row.keys() != rows[0].keys() for row in rows):
        return None
    columns = tuple(rows[0])
    names = ", ".join(f'"{name}"' for name in columns)
    return (f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM '
            f"{_recordset(table, columns)}", (_document(conn, table, rows),))


def combined(statements: list[Statement]) -> Statement:
    """Data-modifying statements as one (each a WITH clause): one round trip. They all see
    the database as it was before the statement, so none may depend on another's rows, and
    no two may change the same row."""
    if len(statements) == 1:
        return statements[0]
    clauses = ", ".join(f"w{number} AS ({text})"
                        for number, (text, _) in enumerate(statements))
    return (f"WITH {clauses} SELECT 1",
            tuple(value for _, values in statements for value in values))


async def update_many(conn: AsyncConnection, table: Table, key: str,
                       rows: list[dict[str, Any]], owed: bool) -> None:
    """Each row's columns set where table.key = its "key_"; keys distinct. With `owed`,
    "unanswered" becomes max(unanswered + owed_add_, owed_floor_). PostgreSQL gets one
    UPDATE ... FROM the rows as JSON (see insert_many); SQLite an executemany."""
    if conn.dialect.name == "postgresql":
        await conn.exec_driver_sql(*update_statement(conn, table, key, rows, owed))
        return
    columns = [name for name in rows[0] if name not in ("key_", "owed_add_", "owed_floor_")]
    greatest = func.max if conn.dialect.name == "sqlite" else func.greatest
    values: dict[str, Any] = {name: bindparam(name) for name in columns}
    if owed:
        values["unanswered"] = greatest(
            table.c.unanswered + bindparam("owed_add_"), bindparam("owed_floor_"))
    await conn.execute(update(table).where(table.c[key] == bindparam("key_"))
                       .values(values), rows)


def update_statement(conn: AsyncConnection, table: Table, key: str,
                     rows: list[dict[str, Any]], owed: bool) -> Statement:
    """update_many's one statement on PostgreSQL."""
    columns = [name for name in rows[0] if name not in ("key_", "owed_add_", "owed_floor_")]
    sets = [f'"{name}" = v."{name}"' for name in columns]
    extra = ["key_ text"]
    if owed:
        sets.append("unanswered = greatest(t.unanswered + v.owed_add_, v.owed_floor_)")
        extra += ["owed_add_ integer", "owed_floor_ integer"]
    return (f'UPDATE "{table.name}" AS t SET {", ".join(sets)} FROM '
            f'{_recordset(table, tuple(columns), tuple(extra))} WHERE t."{key}" = v.key_',
            (_document(conn, table, rows),))


def _document(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> str:
    """The rows as one JSON array, each value bound as SQLAlchemy would bind it
    (UTCDateTime refuses a naive time with the same StatementError)."""
    bound = [dict(row) for row in rows]
    for name in rows[0]:
        if name not in table.c:
            continue
        process = table.c[name].type.bind_processor(conn.dialect)
        if process is not None:
            try:
                for row in bound:
                    row[name] = process(row[name])
            except (TypeError, ValueError) as error:
                raise StatementError(str(error), table.name, None, error) from error
    return orjson.dumps(bound).decode()


_POSTGRES = postgresql.dialect()


@functools.cache
def _recordset(table: Table, columns: tuple[str, ...], extra: tuple[str, ...] = ()) -> str:
    """The rows of a JSON document parameter as a table v(columns..., extra...)."""
    typed = [f'"{name}" {table.c[name].type.compile(dialect=_POSTGRES)}' for name in columns]
    return f"jsonb_to_recordset(%s::jsonb) AS v({', '.join([*typed, *extra])})"
