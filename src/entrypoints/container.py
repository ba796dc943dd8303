"""The one place that picks concrete adapters, from the settings.

SQL adapters are imported only when SQL storage is chosen, so the in-memory mode needs
nothing but the standard adapters.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from adapters.fallback_responder import LocalFallbackResponder
from adapters.faq_matcher import IndexedFAQMatcher
from adapters.memory.agents import InMemoryAgentAccounts
from adapters.memory.event_store import InMemoryEventLog
from adapters.memory.pubsub import InProcessPubSub
from adapters.memory.read_models import InMemoryReadModels
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from adapters.security import Argon2PasswordHasher, JwtTokenIssuer
from adapters.system import SecureIds, SystemClock
from application.messagebus import MessageBus
from application.ports import AgentAccounts, AnswerResponder, Publisher, ReadModels
from application.services import ChatRules, Services
from application.unit_of_work import UnitOfWorkFactory
from domain.escalation import EscalationPolicy
from entrypoints.settings import Settings
from entrypoints.signing import signing_secret

if TYPE_CHECKING:
    from adapters.sql.database import Database

Progress = Callable[[int, int], None]


async def open_database(url: str | None) -> AsyncIterator[Database]:
    from adapters.sql.database import Database

    database = Database(url)
    try:
        yield database
    finally:
        await database.dispose()


def openai_responder(settings: Settings) -> AnswerResponder:
    from adapters.openai import OpenAIAnswerGenerator, OpenAIOptions, openai_client

    assert settings.openai_api_key is not None
    client = openai_client(settings.openai_api_key.get_secret_value(), settings.openai_base_url,
                           settings.openai_timeout_seconds)
    return OpenAIAnswerGenerator(client, OpenAIOptions(
        model=settings.openai_model,
        business_description=settings.chat_business_description,
        timeout_seconds=settings.openai_timeout_seconds,
        total_timeout_seconds=settings.openai_total_timeout_seconds,
        max_retries=settings.openai_max_retries,
        circuit_failure_threshold=settings.openai_circuit_failure_threshold,
        circuit_reset_seconds=settings.openai_circuit_reset_seconds,
        max_answer_chars=settings.chat_ai_max_answer_chars,
        max_output_tokens=settings.openai_max_output_tokens,
        temperature=settings.openai_temperature,
    ))


def sql_uow_factory(database: Database, publisher: Publisher) -> UnitOfWorkFactory:
    from adapters.sql.unit_of_work import SqlUnitOfWork

    return partial(SqlUnitOfWork, database, publisher)


def sql_read_models(database: Database) -> ReadModels:
    from adapters.sql.read_models import SqlReadModels

    return SqlReadModels(database)


def sql_agent_accounts(database: Database) -> AgentAccounts:
    from adapters.sql.agents import SqlAgentAccounts

    return SqlAgentAccounts(database)


class Container(containers.DeclarativeContainer):
    config = providers.Configuration(strict=True)
    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(SecureIds)
    pubsub = providers.Selector(
        config.pubsub_backend, in_process=providers.Singleton(InProcessPubSub)
    )

    database = providers.Resource(open_database, config.database_url)
    event_log = providers.Singleton(InMemoryEventLog)
    memory_read_models = providers.Singleton(InMemoryReadModels)

    uow_factory = providers.Selector(
        config.storage_backend,
        memory=providers.Singleton(partial, InMemoryUnitOfWork, event_log, memory_read_models,
                                   pubsub),
        sql=providers.Singleton(sql_uow_factory, database, pubsub),
    )
    read_models = providers.Selector(
        config.storage_backend, memory=memory_read_models,
        sql=providers.Singleton(sql_read_models, database),
    )
    agent_accounts = providers.Selector(
        config.storage_backend, memory=providers.Singleton(InMemoryAgentAccounts),
        sql=providers.Singleton(sql_agent_accounts, database),
    )

    matcher = providers.Singleton(IndexedFAQMatcher, read_models, config.chat_faq_threshold)
    responder = providers.Selector(
        config.responder_backend, local=providers.Singleton(LocalFallbackResponder),
        openai=providers.Singleton(openai_responder, settings),
    )
    services = providers.Singleton(
        Services, uow=uow_factory, read_models=read_models, matcher=matcher,
        responder=responder, clock=clock, ids=ids,
        escalation=providers.Factory(EscalationPolicy.with_keywords,
                                     config.chat_escalation_keywords),
        rules=providers.Factory(
            ChatRules, ai_confidence_threshold=config.chat_ai_confidence_threshold),
    )
    bus = providers.Singleton(MessageBus, services, uow_factory)

    password_hasher = providers.Singleton(Argon2PasswordHasher)
    token_issuer = providers.Singleton(
        JwtTokenIssuer, secret=providers.Callable(signing_secret, config.secret_key),
        ttl_seconds=config.token_ttl_seconds, clock=clock,
    )


def create_container(settings: Settings | None = None) -> Container:
    settings = settings or Settings()
    container = Container(settings=settings)
    container.config.from_pydantic(settings)
    return container


def uses_sql(container: Container) -> bool:
    return bool(container.config.storage_backend() == "sql")


def uses_embedded_sqlite(container: Container) -> bool:
    if not uses_sql(container):
        return False
    from adapters.sql.urls import is_sqlite

    return bool(is_sqlite(container.config.database_url()))


def migrate(container: Container) -> None:
    """Bring the SQL schema up to date (blocking: run it in a thread from async code)."""
    from adapters.sql.migrate import upgrade

    upgrade(container.config.database_url())


async def rebuild_projections(container: Container, progress: Progress | None = None) -> int:
    from adapters.sql.rebuild import rebuild_projections as rebuild

    return int(await rebuild(container.database(), progress))


async def open_resources(container: Container) -> None:
    """Open the database when SQL storage is chosen, before anything asks for it."""
    if uses_sql(container):
        container.database.enable_async_mode()
        opening = container.database.init()
        assert opening is not None
        await opening
        # The engine now exists: hand it out as a plain object, not as an awaitable.
        container.database.disable_async_mode()


async def close_resources(container: Container) -> None:
    responder = container.responder()
    if hasattr(responder, "aclose"):
        await responder.aclose()
    closed = container.database.shutdown()
    if inspect.isawaitable(closed):
        await closed
    if uses_sql(container):
        # What was built on the closed database must not outlive it.
        container.reset_singletons()
