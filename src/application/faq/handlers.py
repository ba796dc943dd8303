"""Handlers of FAQ catalog commands."""

from __future__ import annotations

from application import commands
from application.ports import UnitOfWork
from application.services import Services
from domain.faq import FAQ


async def add_faq(cmd: commands.AddFAQ, svc: Services) -> FAQ:
    faq_id = cmd.faq_id or svc.ids.new_id()

    async def work(uow: UnitOfWork) -> FAQ:
        return (await uow.catalog()).add(faq_id, cmd.content, svc.clock.now())

    return await svc.in_transaction(work)


async def update_faq(cmd: commands.UpdateFAQ, svc: Services) -> FAQ:

    async def work(uow: UnitOfWork) -> FAQ:
        return (await uow.catalog()).update(cmd.faq_id, cmd.content, svc.clock.now())

    return await svc.in_transaction(work)


async def deactivate_faq(cmd: commands.DeactivateFAQ, svc: Services) -> FAQ:
    async def work(uow: UnitOfWork) -> FAQ:
        return (await uow.catalog()).deactivate(cmd.faq_id, svc.clock.now())

    return await svc.in_transaction(work)


async def remove_faq(cmd: commands.RemoveFAQ, svc: Services) -> None:
    async def work(uow: UnitOfWork) -> None:
        (await uow.catalog()).remove(cmd.faq_id, svc.clock.now())

    await svc.in_transaction(work)


async def import_faqs(cmd: commands.ImportFAQs, svc: Services) -> int:
    """Every change of a catalog file in one unit of work: a file of thousands of FAQs is one
    commit, and a change that no longer applies (someone edited the catalog meanwhile)
    leaves the catalog as it was. Returns how many changes were made."""
    changes = [(change, change.faq_id or svc.ids.new_id())
               if isinstance(change, commands.AddFAQ) else (change, change.faq_id)
               for change in cmd.changes]  # ids chosen once, whatever the retries

    async def work(uow: UnitOfWork) -> int:
        catalog, now = await uow.catalog(), svc.clock.now()
        for change, faq_id in changes:
            if isinstance(change, commands.AddFAQ):
                catalog.add(faq_id, change.content, now)
            elif isinstance(change, commands.UpdateFAQ):
                catalog.update(faq_id, change.content, now)
            else:
                catalog.remove(faq_id, now)
        return len(changes)

    return await svc.in_transaction(work)
