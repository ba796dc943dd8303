"""CORS from CHAT_ALLOWED_ORIGINS: visitor calls from any (or the listed) sites, admin calls
from the listed sites only."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.integration.api.support import API
from tests.integration.security.conftest import Start

SHOP = "https://shop.example"


def preflight(client: TestClient, path: str, origin: str, method: str = "POST",
              headers: str = "content-type") -> Any:
    return client.options(f"{API}{path}", headers={
        "Origin": origin, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": headers})


def test_by_default_any_site_may_start_a_session(start: Start) -> None:
    client, _ = start()
    response = preflight(client, "/sessions/", "https://anywhere.example")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers


def test_by_default_no_foreign_site_may_send_an_agents_token(start: Start) -> None:
    client, _ = start()
    response = preflight(client, "/admin/queue/", "https://anywhere.example", "GET",
                         "authorization")
    assert response.status_code == 400
    faqs = preflight(client, "/faqs/x/", "https://anywhere.example", "DELETE")
    assert faqs.status_code == 400


def test_with_a_list_only_those_sites_are_allowed(start: Start) -> None:
    client, _ = start(chat_allowed_origins=SHOP)
    assert preflight(client, "/sessions/", "https://evil.example").status_code == 400
    allowed = preflight(client, "/sessions/", SHOP)
    assert allowed.headers["access-control-allow-origin"] == SHOP
    simple = client.get(f"{API}/faqs/", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers


def test_a_listed_site_may_call_admin_endpoints_with_a_token(start: Start) -> None:
    client, _ = start(chat_allowed_origins=SHOP)
    response = preflight(client, "/admin/queue/", SHOP, "GET", "authorization")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == SHOP
    assert preflight(client, "/admin/queue/", "https://evil.example", "GET",
                     "authorization").status_code == 400
