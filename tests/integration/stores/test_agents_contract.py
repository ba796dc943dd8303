"""Agent accounts: the same contract in memory and in SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from application.ports import AgentAccount
from tests.integration.stores.backends import Backend
from tests.integration.stores.support import TEHRAN


async def test_save_get_and_replace(backend: Backend) -> None:
    sara = AgentAccount("sara", "$argon2id$v=19$hash", "سارا",
                        datetime(2025, 1, 2, 9, tzinfo=TEHRAN))
    assert await backend.agents.get("sara") is None
    await backend.agents.save(sara)
    await backend.agents.save(AgentAccount("omid", "h2", "Omid", sara.created_at))
    assert await backend.agents.get("sara") == sara

    renamed = replace(sara, password_hash="new-hash", display_name="Sara K.")
    await backend.agents.save(renamed)
    assert await backend.agents.get("sara") == renamed
    assert (await backend.agents.get("omid")).display_name == "Omid"  # type: ignore[union-attr]


async def test_roles_and_disabled_accounts_are_kept_and_listed_by_username(
        backend: Backend) -> None:
    at = datetime(2025, 1, 2, 9, tzinfo=TEHRAN)
    sara = AgentAccount("sara", "h1", "سارا", at, role="admin")
    omid = AgentAccount("omid", "h2", "Omid", at, role="agent", active=False)
    await backend.agents.save(sara)
    await backend.agents.save(omid)
    assert await backend.agents.all() == [omid, sara]
    assert (await backend.agents.get("omid")) == omid
    assert not omid.is_admin and sara.is_admin
