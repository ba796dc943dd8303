"""The one place that picks concrete adapters, from the settings (opening and closing
them is entrypoints.lifecycle).

SQL adapters are imported only when SQL storage is chosen, so the in-memory mode needs
nothing but the standard adapters.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from dependency_injector import containers, providers
from pydantic import SecretStr

from adapters.catalog_watch import CatalogAwarePublisher, CatalogVersionWatch
from adapters.fallback_responder import LocalFallbackResponder
from adapters.faq_matcher import IndexedFAQMatcher
from adapters.insights.meanings import EmbeddedQuestionMeanings
from adapters.memory.agents import InMemoryAgentAccounts
from adapters.memory.assignment_board import InMemoryAssignmentBoard
from adapters.memory.canned import InMemoryCannedResponses
from adapters.memory.event_history import InMemoryEventHistory
from adapters.memory.event_store import InMemoryEventLog
from adapters.memory.faq_vectors import InMemoryFAQVectors
from adapters.memory.presence import InMemoryAgentPresence
from adapters.memory.pubsub import InProcessPubSub
from adapters.memory.read_models import InMemoryReadModels
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from adapters.metrics import MeteredPublisher, MeteredResponder, PasokhMetrics
from adapters.rate_limit import InMemoryAIUsageLedger, InMemoryRateLimiter
from adapters.security import Argon2PasswordHasher, JwtTokenIssuer, LeakedPasswords
from adapters.system import SecureIds, SystemClock
from application.assignment import AutoAssignment
from application.availability import TeamAvailability
from application.insights.service import Insights
from application.messagebus import MessageBus
from application.ports import (
    DAY,
    HOUR,
    AgentAccounts,
    AIUsageLedger,
    AnswerResponder,
    AssignmentBoard,
    CannedResponses,
    DeviceNames,
    Embedder,
    EventHistory,
    FAQVectors,
    HandoffSummarizer,
    Limit,
    Mailer,
    Publisher,
    QuestionMeanings,
    RateLimiter,
    ReadModels,
)
from application.rate_limits import RateLimits, Throttle
from application.reconcile import Reconciler
from application.services import ChatRules, Services
from application.unit_of_work import UnitOfWorkFactory
from domain.ai_budget import AIBudget
from domain.answering import AnswerPolicy
from domain.business_hours import BusinessHours
from domain.escalation import EscalationPolicy
from entrypoints.display_names import DisplayNames
from entrypoints.reconciling import LoggedPasses
from entrypoints.security.client_address import ClientAddresses
from entrypoints.security.network_tags import NetworkTags
from entrypoints.settings import Settings
from entrypoints.signing import signing_secret
from entrypoints.ws.registry import SocketRegistry

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from adapters.redis_presence import RedisAgentPresence
    from adapters.redis_pubsub import RedisPubSub
    from adapters.sql.database import Database

async def open_database(url: str | None, kept_aggregates: int, deadline: float,
                        metrics: PasokhMetrics) -> AsyncIterator[Database]:
    from adapters.sql.database import Database

    database = Database(url, kept_aggregates, deadline)
    database.committer.on_batch = metrics.group_committed
    try:
        yield database
    finally:
        await database.dispose()


async def open_redis_pubsub(url: str, prefix: str) -> AsyncIterator[RedisPubSub]:
    from adapters.redis_pubsub import RedisPubSub

    hub = RedisPubSub(url, prefix)
    await hub.start()
    try:
        yield hub
    finally:
        await hub.stop()


async def open_redis_presence(client: Redis, prefix: str, ttl_seconds: float
                              ) -> AsyncIterator[RedisAgentPresence]:
    from adapters.redis_presence import RedisAgentPresence

    presence = RedisAgentPresence(client, prefix, ttl_seconds)
    await presence.start()
    try:
        yield presence
    finally:
        await presence.stop()


def redis_assignment_board(client: Redis, prefix: str) -> AssignmentBoard:
    from adapters.redis_assignment_board import RedisAssignmentBoard

    return RedisAssignmentBoard(client, prefix)


def refusal_counter(metrics: PasokhMetrics) -> Callable[[str], None]:
    return lambda limit: metrics.rate_limited.labels(limit=limit).inc()


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


def openai_summarizer(settings: Settings) -> HandoffSummarizer:
    from adapters.openai import openai_client
    from adapters.openai.summarizer import OpenAIHandoffSummarizer

    assert settings.openai_api_key is not None
    deadline = settings.chat_summary_deadline_seconds
    client = openai_client(settings.openai_api_key.get_secret_value(), settings.openai_base_url,
                           deadline)
    return OpenAIHandoffSummarizer(client, settings.openai_model, deadline)


def device_names() -> DeviceNames:
    from adapters.user_agents import UaParserDeviceNames

    return UaParserDeviceNames()


def openai_embedder(settings: Settings) -> Embedder:
    from adapters.embeddings.openai import OpenAIEmbedder
    from adapters.openai import openai_client

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    if not key.strip() and not settings.openai_base_url:
        raise ValueError("PASOKH_EMBEDDINGS=openai needs OPENAI_API_KEY or OPENAI_BASE_URL")
    client = openai_client(key.strip() or "unused", settings.openai_base_url,
                           settings.openai_timeout_seconds)
    return OpenAIEmbedder(client, settings.openai_embedding_model,
                          settings.openai_timeout_seconds)


def local_embedder() -> Embedder:
    from adapters.embeddings.local import LocalEmbedder

    return LocalEmbedder()


def sql_faq_vectors(database: Database) -> FAQVectors:
    from adapters.sql.faq_vectors import SqlFAQVectors

    return SqlFAQVectors(database)


def answer_policy(threshold: float | None, responder: str) -> AnswerPolicy:
    """The fitted policy; CHAT_FAQ_THRESHOLD overrides when to answer. With a model, the
    model weighs the candidates instead of the visitor choosing among them."""
    policy = AnswerPolicy(offers=responder != "openai")
    return policy.answering_at(threshold) if threshold is not None else policy


def redis_counters(url: str) -> Redis:
    from adapters.rate_limit.redis import redis_client

    return redis_client(url)


def redis_rate_limiter(client: Redis, prefix: str) -> RateLimiter:
    from adapters.rate_limit.redis import RedisRateLimiter

    return RedisRateLimiter(client, prefix)


def redis_ai_usage(client: Redis, prefix: str) -> AIUsageLedger:
    from adapters.rate_limit.redis_ai_usage import RedisAIUsageLedger

    return RedisAIUsageLedger(client, prefix)


def rate_limits(visitor_messages: int, session_starts: int, logins_per_address: int,
                logins_per_account: int, ai_per_minute: int = 60, ai_per_day: int = 2000,
                ai_per_address_per_minute: int = 10, ai_per_address_per_day: int = 200,
                escalations_per_address: int = 5, escalations_per_visitor: int = 3,
                ) -> RateLimits:
    """The configured counts: per minute, except an account's login attempts and a
    network's escalations (per hour) and AI calls a day."""
    return RateLimits(
        visitor_messages=Limit.per_minute(visitor_messages),
        session_starts=Limit.per_minute(session_starts),
        logins_per_address=Limit.per_minute(logins_per_address),
        logins_per_account=Limit(logins_per_account, HOUR),
        ai_calls_per_minute=Limit.per_minute(ai_per_minute),
        ai_calls_per_day=Limit(ai_per_day, DAY),
        ai_calls_per_address_per_minute=Limit.per_minute(ai_per_address_per_minute),
        ai_calls_per_address_per_day=Limit(ai_per_address_per_day, DAY),
        escalations_per_address=Limit(escalations_per_address, HOUR),
        escalations_per_visitor=Limit(escalations_per_visitor, HOUR))


def is_model(responder: str) -> bool:
    return responder == "openai"


def smtp_mailer(url: SecretStr | str | None, sender: str | None) -> Mailer | None:
    """A mailer when both SMTP_URL and SMTP_FROM are set, else none (mails stay owed)."""
    from adapters.smtp_mailer import SmtpMailer

    secret = url.get_secret_value() if isinstance(url, SecretStr) else url
    return SmtpMailer(secret, sender) if secret and sender else None


def mail_domain(sender: str | None) -> str:
    return sender.rpartition("@")[2].strip(" >") if sender and "@" in sender \
        else "pasokh.invalid"


def sql_uow_factory(database: Database, publisher: Publisher) -> UnitOfWorkFactory:
    from adapters.sql.unit_of_work import SqlUnitOfWork

    return partial(SqlUnitOfWork, database, publisher)


def sql_read_models(database: Database) -> ReadModels:
    from adapters.sql.read_models import SqlReadModels

    return SqlReadModels(database)


def sql_event_history(database: Database) -> EventHistory:
    from adapters.sql.event_history import SqlEventHistory

    return SqlEventHistory(database)


def question_meanings(embedder: Embedder | None) -> QuestionMeanings | None:
    return EmbeddedQuestionMeanings(embedder) if embedder is not None else None


def sql_agent_accounts(database: Database) -> AgentAccounts:
    from adapters.sql.agents import SqlAgentAccounts

    return SqlAgentAccounts(database)


def sql_canned_responses(database: Database) -> CannedResponses:
    from adapters.sql.canned import SqlCannedResponses

    return SqlCannedResponses(database)


class Container(containers.DeclarativeContainer):
    config = providers.Configuration(strict=True)
    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(SecureIds)
    redis_pubsub = providers.Resource(open_redis_pubsub, config.redis_url, config.redis_prefix)
    pubsub = providers.Selector(
        config.pubsub_backend, in_process=providers.Singleton(InProcessPubSub),
        redis=redis_pubsub,
    )
    metrics = providers.Singleton(PasokhMetrics)
    sockets = providers.Singleton(SocketRegistry, metrics)

    database = providers.Resource(open_database, config.database_url, config.kept_aggregates,
                                  config.db_deadline_seconds, metrics)
    event_log = providers.Singleton(InMemoryEventLog)
    memory_read_models = providers.Singleton(InMemoryReadModels)
    read_models = providers.Selector(
        config.storage_backend, memory=memory_read_models,
        sql=providers.Singleton(sql_read_models, database),
    )
    # the matcher's view of the catalog version: remembered briefly, refreshed by our commits
    catalog_watch = providers.Singleton(CatalogVersionWatch, read_models)
    publisher = providers.Singleton(  # counts each commit
        MeteredPublisher, providers.Singleton(CatalogAwarePublisher, pubsub, catalog_watch),
        metrics)

    uow_factory = providers.Selector(
        config.storage_backend,
        memory=providers.Singleton(partial, InMemoryUnitOfWork, event_log, memory_read_models,
                                   publisher),
        sql=providers.Singleton(sql_uow_factory, database, publisher),
    )
    agent_accounts = providers.Selector(
        config.storage_backend, memory=providers.Singleton(InMemoryAgentAccounts),
        sql=providers.Singleton(sql_agent_accounts, database),
    )
    canned_responses = providers.Selector(
        config.storage_backend, memory=providers.Singleton(InMemoryCannedResponses),
        sql=providers.Singleton(sql_canned_responses, database),
    )

    # Rate limits and AI budgets: shared by every instance through Redis when it is set.
    counters_redis = providers.Singleton(redis_counters, config.redis_url)
    rate_limiter = providers.Selector(
        config.pubsub_backend, in_process=providers.Singleton(InMemoryRateLimiter),
        redis=providers.Singleton(redis_rate_limiter, counters_redis, config.redis_prefix),
    )
    ai_usage = providers.Selector(
        config.pubsub_backend, in_process=providers.Singleton(InMemoryAIUsageLedger),
        redis=providers.Singleton(redis_ai_usage, counters_redis, config.redis_prefix),
    )
    throttle = providers.Singleton(
        Throttle, rate_limiter,
        providers.Factory(rate_limits, config.chat_rate_limit, config.session_rate_limit,
                          config.login_rate_limit, config.login_account_limit,
                          config.chat_ai_max_calls_per_minute, config.chat_ai_max_calls_per_day,
                          config.chat_ai_max_calls_per_address_per_minute,
                          config.chat_ai_max_calls_per_address_per_day,
                          config.chat_escalations_per_address,
                          config.chat_escalations_per_visitor),
        on_refused=providers.Callable(refusal_counter, metrics),
    )
    client_addresses = providers.Singleton(ClientAddresses.trusting, config.trusted_proxies)
    # Who can take a conversation: every instance's desks, through Redis when it is set.
    redis_presence = providers.Resource(open_redis_presence, counters_redis, config.redis_prefix,
                                        config.presence_ttl_seconds)
    presence = providers.Selector(
        config.pubsub_backend, in_process=providers.Singleton(InMemoryAgentPresence),
        redis=redis_presence,
    )
    assignment = providers.Selector(
        config.chat_assignment, manual=providers.Object(None),
        auto=providers.Singleton(
            AutoAssignment, presence,
            providers.Selector(
                config.pubsub_backend, in_process=providers.Singleton(InMemoryAssignmentBoard),
                redis=providers.Singleton(redis_assignment_board, counters_redis,
                                          config.redis_prefix)),
            agent_accounts),
    )

    embedder = providers.Selector(
        config.embeddings_backend, local=providers.Singleton(local_embedder),
        openai=providers.Singleton(openai_embedder, settings), none=providers.Object(None),
    )
    faq_vectors = providers.Selector(
        config.storage_backend, memory=providers.Singleton(InMemoryFAQVectors),
        sql=providers.Singleton(sql_faq_vectors, database),
    )
    matcher = providers.Singleton(IndexedFAQMatcher, catalog_watch, embedder, faq_vectors)
    responder = providers.Selector(
        config.responder_backend, local=providers.Singleton(LocalFallbackResponder),
        openai=providers.Singleton(openai_responder, settings),
    )
    summarizer = providers.Selector(
        config.responder_backend, local=providers.Object(None),
        openai=providers.Singleton(openai_summarizer, settings),
    )
    device_names = providers.Singleton(device_names)
    services = providers.Singleton(
        Services, uow=uow_factory, read_models=read_models, matcher=matcher,
        responder=providers.Singleton(MeteredResponder, responder, metrics), clock=clock,
        ids=ids, signals=pubsub,
        escalation=providers.Factory(EscalationPolicy.with_keywords,
                                     config.chat_escalation_keywords),
        answering=providers.Factory(answer_policy, config.chat_faq_threshold,
                                    config.responder_backend),
        rules=providers.Factory(
            ChatRules, ai_confidence_threshold=config.chat_ai_confidence_threshold,
            agent_max_chats=config.chat_agent_max_chats,
            prompt_catalog_tokens=config.chat_ai_catalog_tokens,
            small_talk=config.chat_small_talk,
            summary_deadline_seconds=config.chat_summary_deadline_seconds,
            ai_budget=providers.Factory(AIBudget, config.chat_ai_max_calls_per_session,
                                        config.chat_ai_max_tokens_per_session)),
        ai_usage=ai_usage,
        throttle=throttle,
        ai_model=providers.Callable(is_model, config.responder_backend),
        summarizer=summarizer,
        mailer=providers.Callable(smtp_mailer, config.smtp_url, config.smtp_from),
        notify_email=config.chat_notify_email,
        accounts=agent_accounts, presence=presence,
        mail_domain=providers.Callable(mail_domain, config.smtp_from),
        availability=providers.Singleton(
            TeamAvailability, providers.Singleton(BusinessHours.parse, config.chat_business_hours),
            providers.Singleton(ZoneInfo, config.chat_timezone), presence, clock),
        assignment=assignment,
    )
    bus = providers.Singleton(MessageBus, services, uow_factory)
    reconciler = providers.Singleton(Reconciler, bus, services,
                                     grace_seconds=config.reconcile_grace_seconds)
    reconcile_report = providers.Singleton(LoggedPasses, metrics)

    event_history = providers.Selector(
        config.storage_backend, memory=providers.Singleton(InMemoryEventHistory, event_log),
        sql=providers.Singleton(sql_event_history, database),
    )
    insights = providers.Singleton(
        Insights, event_history, matcher, clock,
        providers.Factory(answer_policy, config.chat_faq_threshold, config.responder_backend),
        providers.Factory(EscalationPolicy.with_keywords, config.chat_escalation_keywords),
        providers.Singleton(question_meanings, embedder))

    password_hasher = providers.Singleton(Argon2PasswordHasher)
    common_passwords = providers.Singleton(LeakedPasswords)
    display_names = providers.Singleton(DisplayNames, agent_accounts)
    signing_key = providers.Singleton(signing_secret, config.secret_key)
    network_tags = providers.Singleton(NetworkTags, signing_key)
    token_issuer = providers.Singleton(
        JwtTokenIssuer, secret=signing_key,
        ttl_seconds=config.token_ttl_seconds, clock=clock,
    )


def create_container(settings: Settings | None = None) -> Container:
    settings = settings or Settings()
    container = Container(settings=settings)
    container.config.from_pydantic(settings)
    return container
