"""Handlers of FAQ catalog commands."""

from __future__ import annotations

from application import commands
from application.services import Services
from application.unit_of_work import AbstractUnitOfWork
from domain.faq import FAQ, FAQContent


def _content(cmd: commands.AddFAQ | commands.UpdateFAQ) -> FAQContent:
    return FAQContent(cmd.question, cmd.answer, tuple(cmd.keywords), cmd.category,
                      cmd.priority, cmd.active)


async def add_faq(cmd: commands.AddFAQ, svc: Services) -> FAQ:
    content = _content(cmd)
    faq_id = cmd.faq_id or svc.ids.new_id()

    async def work(uow: AbstractUnitOfWork) -> FAQ:
        return (await uow.catalog()).add(faq_id, content, svc.clock.now())

    return await svc.in_transaction(work)


async def update_faq(cmd: commands.UpdateFAQ, svc: Services) -> FAQ:
    content = _content(cmd)

    async def work(uow: AbstractUnitOfWork) -> FAQ:
        return (await uow.catalog()).update(cmd.faq_id, content, svc.clock.now())

    return await svc.in_transaction(work)


async def deactivate_faq(cmd: commands.DeactivateFAQ, svc: Services) -> FAQ:
    async def work(uow: AbstractUnitOfWork) -> FAQ:
        return (await uow.catalog()).deactivate(cmd.faq_id, svc.clock.now())

    return await svc.in_transaction(work)


async def remove_faq(cmd: commands.RemoveFAQ, svc: Services) -> None:
    async def work(uow: AbstractUnitOfWork) -> None:
        (await uow.catalog()).remove(cmd.faq_id, svc.clock.now())

    await svc.in_transaction(work)
