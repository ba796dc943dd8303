"""Two `pasokh serve` instances on one PostgreSQL database, reaching Redis through a proxy
the test can cut."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bench.chaos.tcp_proxy import PausableProxy

from tests.integration.multi_instance.conftest import Instance, fresh_database, pasokh, serving

__all__ = ["fresh_database"]
DB_DEADLINE = 2.0  # seconds: a stalled PostgreSQL is given up on this soon


@contextmanager
def proxied(url: str, default_port: int) -> Iterator[tuple[PausableProxy, str]]:
    """A proxy in front of the server `url` names, and the same URL pointing at the proxy."""
    parts = urlsplit(url)
    with PausableProxy(parts.hostname or "127.0.0.1", parts.port or default_port) as proxy:
        netloc = parts.netloc.rsplit("@", 1)
        auth = netloc[0] + "@" if len(netloc) == 2 else ""
        yield proxy, parts._replace(netloc=f"{auth}127.0.0.1:{proxy.port}").geturl()


@pytest.fixture
def redis_proxy(redis_url: str) -> Iterator[tuple[PausableProxy, str]]:
    with proxied(redis_url, 6379) as proxy_and_url:
        yield proxy_and_url


@pytest.fixture
def proxied_cluster(fresh_database: str, redis_proxy: tuple[PausableProxy, str],
                    tmp_path: Path) -> Iterator[tuple[PausableProxy, list[Instance]]]:
    proxy, url = redis_proxy
    env = {**os.environ, "DATABASE_URL": fresh_database, "REDIS_URL": url,
           "PASOKH_REDIS_PREFIX": f"pasokh-outage-{secrets.token_hex(4)}",
           "PASOKH_STORAGE": "auto", "PASOKH_SECRET_KEY": secrets.token_urlsafe(48),
           "PASOKH_LOG_LEVEL": "WARNING", "CHAT_RATE_LIMIT": "10000"}
    env.pop("OPENAI_API_KEY", None)
    pasokh(env, tmp_path, "migrate")
    with ExitStack() as stack:
        yield proxy, [stack.enter_context(serving(env, tmp_path, name)) for name in "ab"]


@pytest.fixture
def postgres_behind_proxy(fresh_database: str, tmp_path: Path
                          ) -> Iterator[tuple[PausableProxy, Instance]]:
    """One `pasokh serve` whose every database connection goes through a proxy the test can
    cut: PostgreSQL "goes down" for this server only."""
    with proxied(fresh_database, 5432) as (proxy, url):
        env = {**os.environ, "DATABASE_URL": url, "PASOKH_STORAGE": "auto",
               "PASOKH_SECRET_KEY": secrets.token_urlsafe(48), "PASOKH_LOG_LEVEL": "WARNING",
               "CHAT_RATE_LIMIT": "10000", "PASOKH_DB_DEADLINE_SECONDS": str(DB_DEADLINE)}
        for name in ("OPENAI_API_KEY", "REDIS_URL"):
            env.pop(name, None)
        pasokh(env, tmp_path, "migrate")
        with serving(env, tmp_path, "pg") as instance:
            yield proxy, instance
