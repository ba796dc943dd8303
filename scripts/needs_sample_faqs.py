"""Exit 0 when the configured database has an empty FAQ catalog (so it should be seeded).

Exit 1 when the catalog holds FAQs (active or not: the owner's edits are respected) or when
storage is in memory (a separate process cannot seed the server's memory).
"""

from __future__ import annotations

import asyncio
import sys

from entrypoints.container import create_container
from entrypoints.lifecycle import close_resources, open_resources


async def faq_count() -> int | None:
    container = create_container()
    if container.config.storage_backend() != "sql":
        return None
    await open_resources(container)
    try:
        return len(await container.read_models().faqs(include_inactive=True))
    finally:
        await close_resources(container)


if __name__ == "__main__":
    sys.exit(0 if asyncio.run(faq_count()) == 0 else 1)
