"""The subscription's Inbox: a FIFO for one reader that holds nothing while empty."""

from __future__ import annotations

import asyncio

import pytest

from adapters.memory.pubsub import Inbox


async def test_items_come_out_in_order_and_a_waiting_reader_wakes() -> None:
    inbox: Inbox[int] = Inbox()
    reader = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    assert not reader.done()
    for n in (1, 2, 3):
        inbox.put_nowait(n)
    assert await reader == 1
    assert [await inbox.get(), await inbox.get()] == [2, 3]
    assert inbox.empty() and inbox.qsize() == 0


async def test_a_cancelled_wait_loses_nothing() -> None:
    inbox: Inbox[str] = Inbox()
    reader = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    reader.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reader
    inbox.put_nowait("kept")
    assert inbox.qsize() == 1
    assert await inbox.get() == "kept"


async def test_an_emptied_inbox_keeps_no_buffer() -> None:
    inbox: Inbox[int] = Inbox()
    inbox.put_nowait(1)
    await inbox.get()
    assert inbox._items is None
