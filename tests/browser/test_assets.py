"""The widget's files over plain HTTP (no browser): types, caching, the demo pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from entrypoints.app import create_app
from entrypoints.settings import Settings


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(_env_file=None, storage="memory", log_level="WARNING")  # type: ignore[call-arg]
    with TestClient(create_app(settings)) as client:
        yield client


def test_widget_js_is_javascript_cached_briefly_and_revalidated(client: TestClient) -> None:
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=300"
    assert response.headers["access-control-allow-origin"] == "*"
    assert "attachShadow" in response.text

    again = client.get("/widget.js", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    stale = client.get("/widget.js", headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


@pytest.mark.parametrize(("path", "lang", "direction"), [("/", "en", "ltr"), ("/fa/", "fa", "rtl"),
                                                          ("/fa", "fa", "rtl")])
def test_the_demo_page_embeds_the_widget_in_its_language(
        client: TestClient, path: str, lang: str, direction: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert f'<html lang="{lang}" dir="{direction}">' in response.text
    assert '<script src="http://testserver/widget.js"' in response.text
    assert "{{" not in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_only_the_listed_static_files_are_served(client: TestClient) -> None:
    assert client.get("/static/demo.css").headers["content-type"] == "text/css; charset=utf-8"
    for name in ("demo.html", "widget.js", "..%2F__init__.py", "nothing.css"):
        assert client.get(f"/static/{name}").status_code == 404
