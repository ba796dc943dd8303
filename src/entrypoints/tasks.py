"""What each `pasokh` command does, with the container's adapters."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from application import auth
from application.commands import AddFAQ
from application.faq_entries import FAQEntry, ImportRefused
from application.faq_import import plan_import
from application.ports import ConcurrencyError
from domain.base import DomainError
from entrypoints import container as wiring
from entrypoints import faq_files
from entrypoints.container import Container
from entrypoints.progress import ProgressBar

SEED_FILE = "clinic_faqs.json"


class CommandFailed(Exception):
    """The command could not do its job; the message says why, for the operator."""

    exit_code = 1


class UsageError(CommandFailed):
    """The command cannot do what it was asked at all, whatever the data (exit code 2)."""

    exit_code = 2


# The WebSocket server settings chosen for memory per idle socket (ADR 0021); bench/ws_load
# runs its bare reference with these too. Compression off by default: uvicorn's
# permessage-deflate keeps a zlib compressor and decompressor for every socket's lifetime,
# about 36 KiB of the 57 KiB a bare idle socket costs. The rest (uvicorn's websockets-sansio
# protocol on httptools and uvloop) measured best of the installed implementations.
TUNED_WEBSOCKETS: dict[str, Any] = {"ws": "websockets-sansio", "ws_per_message_deflate": False}


def server_options(container: Container) -> dict[str, Any]:
    """uvicorn.run()'s keywords for `pasokh serve`.

    Our middleware logs each request with the session key shortened; uvicorn's access log
    would print whole keys, so it stays off. Client addresses come from our own trusted-proxy
    rules (PASOKH_TRUSTED_PROXIES), not uvicorn's proxy headers. A socket message above the
    transport cap is refused from its header with 1009, unread. A request's head is limited
    in size and time (entrypoints/security/http_head.py), as a proxy in front would."""
    from entrypoints.security.http_head import GuardedHttpToolsProtocol

    http = GuardedHttpToolsProtocol.configured(container.config.max_header_bytes(),
                                               container.config.header_timeout_seconds())
    return {**TUNED_WEBSOCKETS, "http": http, "log_config": None, "access_log": False,
            "proxy_headers": False,
            "ws_max_size": container.config.ws_max_message_bytes(),
            "ws_per_message_deflate": bool(container.config.ws_compression())}


def serve(container: Container, host: str, port: int) -> int:
    import uvicorn

    from entrypoints.app import create_app

    app = create_app(container)
    app.state.tune_gc = True  # this process serves: see app.tune_garbage_collector
    uvicorn.run(app, host=host, port=port, **server_options(container))
    return 0


def migrate(container: Container) -> int:
    if not wiring.uses_sql(container):
        print("in-memory storage has no schema to migrate")
        return 0
    wiring.migrate(container)
    print("database schema is up to date")
    return 0


@asynccontextmanager
async def _opened(container: Container) -> AsyncIterator[Container]:
    if wiring.uses_embedded_sqlite(container):
        await asyncio.to_thread(wiring.migrate, container)
    await wiring.open_resources(container)
    try:
        yield container
    finally:
        await container.bus().idle()
        await wiring.close_resources(container)


async def reindex_faqs(container: Container) -> int:
    """Re-embed every active FAQ with the configured model and store the vectors (after a
    change of model; the server embeds what is new or changed on its own)."""
    from adapters.faq_matcher import embed_and_store
    from application.ports import EmbedderUnavailable
    from domain.faq import FAQ

    embedder = container.embedder()
    if embedder is None:
        raise CommandFailed("no embedder is configured (PASOKH_EMBEDDINGS=none): "
                            "matching uses words only, there is nothing to index")
    async with _opened(container):
        faqs = [FAQ(v.id, v.question, v.answer, tuple(v.keywords), v.category, v.priority,
                    v.active) for v in await container.read_models().faqs()]
        try:
            count = await embed_and_store(embedder, container.faq_vectors(), faqs,
                                          progress=ProgressBar(sys.stderr, 1, "FAQs"))
        except EmbedderUnavailable as error:
            raise CommandFailed(str(error)) from error
    print(f"embedded {count} FAQs with {embedder.name}")
    return 0


async def rebuild_projections(container: Container) -> int:
    if not wiring.uses_sql(container):
        raise CommandFailed("in-memory storage keeps no read models between runs")
    async with _opened(container):
        count = await wiring.rebuild_projections(container, ProgressBar(sys.stderr))
    print(f"rebuilt the read models from {count} events")
    return 0


def _seed_faqs() -> list[dict[str, Any]]:
    text = resources.files("entrypoints.seed").joinpath(SEED_FILE).read_text("utf-8")
    return list(json.loads(text))


async def seed_faqs(container: Container) -> int:
    async with _opened(container):
        existing = {faq.question for faq in await container.read_models().faqs(True)}
        added = 0
        for item in _seed_faqs():
            if item["question"] in existing:
                continue
            await container.bus().handle(AddFAQ(
                item["question"], item["answer"], tuple(item.get("keywords", ())),
                item.get("category", ""), item.get("priority", 0), item.get("active", True)))
            added += 1
    print(f"added {added} FAQs, {len(_seed_faqs()) - added} were already there")
    return 0


async def import_faqs(container: Container, path: Path, replace: bool = False) -> int:
    entries = _read_faq_file(path)
    if replace and not entries:
        raise CommandFailed(f"{path} holds no FAQs: --replace would empty the whole catalog")
    async with _opened(container):
        catalog = await container.read_models().faqs(include_inactive=True)
        try:
            plan = plan_import(entries, catalog, replace)
        except ImportRefused as refused:
            raise _refusal(path, refused) from None
        try:
            if plan.commands:
                await container.bus().handle(plan.command())
        except (DomainError, ConcurrencyError) as error:
            # Someone changed the catalog after the plan was made; importing again is safe.
            raise CommandFailed(f"{path} was not imported and the catalog is unchanged: the "
                                f"catalog changed meanwhile ({error}); run it again") from None
    print(f"imported {len(entries)} FAQs from {path}: {plan.added} added, {plan.updated} "
          f"updated, {plan.unchanged} unchanged, {plan.removed} removed")
    return 0


async def export_faqs(container: Container, path: Path) -> int:
    _check_format(path)
    async with _opened(container):
        faqs = await container.read_models().faqs(include_inactive=True)
    try:
        faq_files.write_catalog(path, faqs)
    except OSError as error:
        raise CommandFailed(f"cannot write {path}: {error.strerror or error}") from None
    except ValueError as error:
        raise CommandFailed(str(error)) from None
    print(f"exported {len(faqs)} FAQs to {path}")
    return 0


def _check_format(path: Path) -> None:
    try:
        faq_files.format_of(path)
    except faq_files.UnknownFormat as error:
        raise UsageError(str(error)) from None


def _read_faq_file(path: Path) -> list[FAQEntry]:
    _check_format(path)
    try:
        return faq_files.read_entries(path)
    except ImportRefused as refused:
        raise _refusal(path, refused) from None
    except OSError as error:
        raise CommandFailed(f"cannot read {path}: {error.strerror or error}") from None


def _refusal(path: Path, refused: ImportRefused) -> CommandFailed:
    problems = "\n".join(f"  {problem}" for problem in refused.problems)
    return CommandFailed(f"{path} was not imported and the catalog is unchanged; "
                         f"fix these problems first:\n{problems}")


async def create_admin(container: Container, username: str, password: str,
                       display_name: str | None) -> int:
    async with _opened(container):
        accounts = container.agent_accounts()
        if await accounts.get(username.strip()) is not None:
            raise CommandFailed(f"an account named {username.strip()!r} already exists")
        try:
            await auth.register_agent(accounts, container.password_hasher(), container.clock(),
                                      username, password, display_name,
                                      container.common_passwords())
        except ValueError as error:
            raise CommandFailed(str(error)) from None
    print(f"created agent account {username.strip()!r}")
    return 0
