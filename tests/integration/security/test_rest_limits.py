"""New sessions and logins per client address, and guesses per account: 429 with Retry-After."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from tests.integration.api.support import API
from tests.integration.security.conftest import PASSWORD, PROXY, Start, add_agent, via


def new_session(client: TestClient, **headers: str) -> Any:
    return client.post(f"{API}/sessions/", headers=headers)


def log_in(client: TestClient, username: str, password: str, **headers: str) -> Any:
    return client.post(f"{API}/auth/login/", json={"username": username, "password": password},
                       headers=headers)


def assert_rate_limited(response: Any) -> None:
    assert response.status_code == 429, response.text
    assert response.json()["error"]["code"] == "rate_limited"
    assert response.json()["error"]["message"]
    assert 1 <= int(response.headers["retry-after"]) <= 60 * 60


def test_new_sessions_are_limited_per_address(start: Start) -> None:
    client, _ = start(session_rate_limit=3)
    assert [new_session(client).status_code for _ in range(3)] == [201, 201, 201]
    refused = new_session(client)
    assert_rate_limited(refused)
    assert int(refused.headers["retry-after"]) <= 60


def test_a_forged_forwarded_for_does_not_buy_more_sessions(start: Start) -> None:
    client, _ = start(session_rate_limit=2)  # no trusted proxy: the header is the client's
    for address in ("198.51.100.1", "198.51.100.2"):
        assert new_session(client, **via(address)).status_code == 201
    assert_rate_limited(new_session(client, **via("198.51.100.3")))


def test_behind_a_trusted_proxy_each_client_has_its_own_count(start: Start) -> None:
    client, _ = start(peer=PROXY, session_rate_limit=2, trusted_proxies="10.0.0.0/8")
    for address in ("198.51.100.1", "198.51.100.2"):
        assert [new_session(client, **via(address)).status_code for _ in range(2)] == [201, 201]
    assert_rate_limited(new_session(client, **via("198.51.100.1")))
    # the client's own forged entry left of what the proxy saw changes nothing
    assert_rate_limited(new_session(client, **via("1.1.1.1, 198.51.100.2")))


def test_logins_are_limited_per_address_even_with_the_right_password(start: Start) -> None:
    client, container = start(login_rate_limit=2)
    add_agent(client, container, "sara")
    assert log_in(client, "sara", "wrong password").status_code == 401
    assert log_in(client, "nobody", "wrong password").status_code == 401
    assert_rate_limited(log_in(client, "sara", PASSWORD))


def test_an_account_takes_a_bounded_number_of_guesses_from_any_number_of_addresses(
        start: Start) -> None:
    client, container = start(peer=PROXY, trusted_proxies=PROXY, login_account_limit=3)
    add_agent(client, container, "sara")
    add_agent(client, container, "omid")
    for n in range(3):
        assert log_in(client, "sara", f"guess {n}", **via(f"198.51.100.{n}")).status_code == 401
    refused = log_in(client, "sara", PASSWORD, **via("198.51.100.9"))
    assert_rate_limited(refused)
    assert int(refused.headers["retry-after"]) > 60  # it recovers within the hour
    assert log_in(client, "omid", PASSWORD, **via("198.51.100.9")).status_code == 200


def test_unknown_accounts_are_limited_alike_so_limits_do_not_reveal_which_exist(
        start: Start) -> None:
    client, container = start(peer=PROXY, trusted_proxies=PROXY, login_account_limit=2)
    add_agent(client, container, "sara")
    answers = {}
    for username in ("sara", "nobody"):
        answers[username] = [log_in(client, username, "guess", **via(f"198.51.100.{n}"))
                             for n in range(3)]
    known, unknown = answers["sara"], answers["nobody"]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [401, 401, 429]
    # the same answers; only the seconds to wait may differ by the time between the requests
    assert [same_but_seconds(r.json()) for r in known] == \
        [same_but_seconds(r.json()) for r in unknown]
    assert all(abs(int(k.headers.get("retry-after", 0)) - int(u.headers.get("retry-after", 0)))
               <= 1 for k, u in zip(known, unknown, strict=True))


def same_but_seconds(body: Any) -> str:
    return re.sub(r"\d+ s\b", "N s", json.dumps(body, ensure_ascii=False))


def test_retry_after_can_be_read_by_the_widget_on_another_site(start: Start) -> None:
    client, _ = start(session_rate_limit=1)
    new_session(client)
    refused = new_session(client, Origin="https://shop.example")
    assert refused.status_code == 429
    assert refused.headers["access-control-allow-origin"] == "*"
    assert "retry-after" in refused.headers["access-control-expose-headers"].lower()


def test_guesses_from_everywhere_do_not_lock_out_a_browser_that_logged_in_before(
        start: Start) -> None:
    client, container = start(peer=PROXY, trusted_proxies=PROXY, login_account_limit=3)
    add_agent(client, container, "sara")
    add_agent(client, container, "omid")
    first = log_in(client, "sara", PASSWORD, **via("198.51.100.50"))
    assert first.status_code == 200
    set_cookie = first.headers["set-cookie"].lower()
    for attribute in ("httponly", "samesite=strict", "path=/chat/api/auth/"):
        assert attribute in set_cookie
    device = first.cookies["pasokh_device"]
    client.cookies.clear()  # the attacker's requests carry no cookie
    for n in range(2):
        assert log_in(client, "sara", f"guess {n}", **via(f"198.51.100.{n}")).status_code == 401
    assert_rate_limited(log_in(client, "sara", PASSWORD, **via("198.51.100.9")))
    # the owner's browser, from a fresh address, still logs in
    cookie = {"Cookie": f"pasokh_device={device}"}
    assert log_in(client, "sara", PASSWORD, **via("198.51.100.60"), **cookie).status_code == 200
    # the cookie is sara's: it neither opens another account's lockout nor can be forged
    for n in range(3):
        log_in(client, "omid", f"guess {n}", **via(f"198.51.100.{20 + n}"))
    assert_rate_limited(log_in(client, "omid", PASSWORD, **via("198.51.100.61"), **cookie))
    forged = {"Cookie": f"pasokh_device={device[:-4]}AAAA"}
    assert_rate_limited(log_in(client, "sara", PASSWORD, **via("198.51.100.62"), **forged))
