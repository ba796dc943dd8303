"""Schemathesis against the app's OpenAPI schema: generated requests, valid and invalid,
never get a server error. Bounded: a few dozen cases per operation, derandomized for CI."""

from __future__ import annotations

import importlib.util
import os

import pytest
from hypothesis import HealthCheck, settings

from entrypoints.app import create_app
from tests.integration.security.conftest import settings_with

if importlib.util.find_spec("schemathesis") is None and os.environ.get("CI") != "true":
    pytest.skip("schemathesis is not installed (pip install -e '.[dev]')",
                allow_module_level=True)

import schemathesis  # noqa: E402 - after the check above; under CI a missing one fails
from schemathesis import Case  # noqa: E402

CASES_PER_OPERATION = 30


# Limits high enough that generated requests reach the routes instead of a 429. Loaded at
# import: schemathesis keeps the app's lifespan running for the rest of the run.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(settings_with(
    session_rate_limit=100_000, login_rate_limit=100_000, login_account_limit=100_000)))


@schema.parametrize()
@settings(max_examples=CASES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case: Case) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text}"
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and error["message"]
