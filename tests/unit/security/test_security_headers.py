"""Every HTTP response carries the security headers; a route's own policy is kept."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.testclient import TestClient

from entrypoints.security.headers import API_DOCS, LOCKED_DOWN, SecurityHeadersMiddleware

PAGE_POLICY = "default-src 'self'; frame-ancestors 'none'"


def client() -> TestClient:
    app = FastAPI()

    @app.get("/json")
    async def data() -> JSONResponse:
        return JSONResponse({"text": "<script>alert(1)</script>"})

    @app.get("/page")
    async def page() -> HTMLResponse:
        return HTMLResponse("<p>hi</p>", headers={"Content-Security-Policy": PAGE_POLICY})

    app.add_middleware(SecurityHeadersMiddleware)
    return TestClient(app)


def test_a_json_response_gets_a_policy_that_allows_nothing() -> None:
    response = client().get("/json")
    assert response.headers["content-security-policy"] == LOCKED_DOWN
    assert "frame-ancestors 'none'" in LOCKED_DOWN
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


def test_a_page_keeps_the_policy_its_route_chose() -> None:
    response = client().get("/page")
    assert response.headers["content-security-policy"] == PAGE_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


def test_not_found_and_the_api_docs_get_headers_too() -> None:
    with client() as test_client:
        missing = test_client.get("/nothing")
        docs = test_client.get("/docs")
    assert missing.status_code == 404
    assert missing.headers["content-security-policy"] == LOCKED_DOWN
    assert docs.headers["content-security-policy"] == API_DOCS
    assert "frame-ancestors 'none'" in API_DOCS
