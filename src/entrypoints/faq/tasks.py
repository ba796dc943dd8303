"""What the `pasokh faqs` commands do: seed, import, export and reindex the FAQ catalog."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from application.commands import AddFAQ
from application.faq.entries import FAQEntry, ImportRefused
from application.faq.import_plan import plan_import
from application.ports import ConcurrencyError
from domain.base import DomainError
from domain.faq import FAQContent
from entrypoints.container import Container
from entrypoints.faq import files as faq_files
from entrypoints.progress import ProgressBar
from entrypoints.tasks import CommandFailed, UsageError, opened

SEED_FILE = "clinic_faqs.json"


async def reindex_faqs(container: Container) -> int:
    """Re-embed every active FAQ with the configured model and store the vectors (after a
    change of model; the server embeds what is new or changed on its own)."""
    from adapters.faq_matcher import embed_and_store
    from application.ports import EmbedderUnavailable

    embedder = container.embedder()
    if embedder is None:
        raise CommandFailed("no embedder is configured (PASOKH_EMBEDDINGS=none): "
                            "matching uses words only, there is nothing to index")
    async with opened(container):
        faqs = await container.read_models().faqs()
        try:
            count = await embed_and_store(embedder, container.faq_vectors(), faqs,
                                          progress=ProgressBar(sys.stderr, 1, "FAQs"))
        except EmbedderUnavailable as error:
            raise CommandFailed(str(error)) from error
    print(f"embedded {count} FAQs with {embedder.name}")
    return 0


def _seed_faqs() -> list[dict[str, Any]]:
    text = resources.files("entrypoints.seed").joinpath(SEED_FILE).read_text("utf-8")
    return list(json.loads(text))


async def seed_faqs(container: Container) -> int:
    async with opened(container):
        existing = {faq.question for faq in await container.read_models().faqs(True)}
        added = 0
        for item in _seed_faqs():
            if item["question"] in existing:
                continue
            await container.bus().handle(AddFAQ(FAQContent(
                item["question"], item["answer"], tuple(item.get("keywords", ())),
                item.get("category", ""), item.get("priority", 0), item.get("active", True))))
            added += 1
    print(f"added {added} FAQs, {len(_seed_faqs()) - added} were already there")
    return 0


async def import_faqs(container: Container, path: Path, replace: bool = False) -> int:
    entries = _read_faq_file(path)
    if replace and not entries:
        raise CommandFailed(f"{path} holds no FAQs: --replace would empty the whole catalog")
    async with opened(container):
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
    async with opened(container):
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
