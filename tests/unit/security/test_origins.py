"""Which pages may open which socket, and what CORS allows, from CHAT_ALLOWED_ORIGINS."""

from __future__ import annotations

import pytest

from entrypoints.security.origins import OriginPolicy, normalized_origin, parse_origins

SHOP = "https://shop.example.com"
LISTED = OriginPolicy.of([SHOP, "http://localhost:3000"])
OPEN = OriginPolicy.of([])


@pytest.mark.parametrize(("given", "normal"), [
    ("https://Shop.Example.com", SHOP), ("https://shop.example.com:443", SHOP),
    ("https://shop.example.com/", SHOP), ("http://shop.example.com:80", "http://shop.example.com"),
    ("http://localhost:3000", "http://localhost:3000"), ("http://[::1]:8000", "http://[::1]:8000"),
    ("null", None), ("", None), ("shop.example.com", None), ("ftp://x.com", None),
    ("https://shop.example.com/path", None), ("https://u:p@shop.example.com", None),
    ("https://shop.example.com:99999", None),
])
def test_origins_are_compared_in_one_spelling(given: str, normal: str | None) -> None:
    assert normalized_origin(given) == normal


def test_the_configured_list_is_checked_and_a_star_means_any_site() -> None:
    assert parse_origins([" https://Shop.example.com ", "", SHOP]) == (SHOP,)
    assert parse_origins([SHOP, "*"]) == ()
    with pytest.raises(ValueError, match="shop.example.com/x"):
        parse_origins(["https://shop.example.com/x"])


@pytest.mark.parametrize(("origin", "open_list", "listed"), [
    (None, True, True),                      # not a browser: the key is the credential
    (SHOP, True, True),
    ("https://SHOP.example.com:443", True, True),
    ("https://evil.example", True, False),
    ("null", True, False),
    ("http://shop.example.com", True, False),  # another scheme is another origin
])
def test_the_visitor_socket(origin: str | None, open_list: bool, listed: bool) -> None:
    assert OPEN.visitor_may_connect(origin) is open_list
    assert LISTED.visitor_may_connect(origin) is listed


@pytest.mark.parametrize(("origin", "host", "allowed"), [
    ("https://pasokh.example", "pasokh.example", True),         # Pasokh's own pages
    ("https://pasokh.example", "pasokh.example:443", True),
    ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
    ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
    ("https://evil.example", "pasokh.example", False),
    ("null", "pasokh.example", False),
    (SHOP, "pasokh.example", True),                             # listed
    (None, "pasokh.example", True),                             # not a browser
    ("https://pasokh.example", None, False),
])
def test_the_admin_socket(origin: str | None, host: str | None, allowed: bool) -> None:
    assert LISTED.admin_may_connect(origin, host) is allowed


def test_without_a_list_no_foreign_page_reaches_the_admin_socket() -> None:
    assert not OPEN.admin_may_connect(SHOP, "pasokh.example")
    assert OPEN.admin_may_connect("https://pasokh.example", "pasokh.example")


def test_cors_lets_any_site_call_visitor_endpoints_but_not_send_credentials() -> None:
    options = OPEN.cors_options()
    assert options["allow_origins"] == ["*"]
    assert "Authorization" not in options["allow_headers"]
    assert options["allow_credentials"] is False
    assert "Retry-After" in options["expose_headers"]


def test_cors_with_a_list_allows_only_those_sites_and_lets_them_authenticate() -> None:
    options = LISTED.cors_options()
    assert options["allow_origins"] == [SHOP, "http://localhost:3000"]
    assert "Authorization" in options["allow_headers"]
