"""The FAQ catalog over REST: anyone reads, admins write, bad input gets 422 naming the field."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.integration.api.support import API, add_faq, bearer

FAQ_FIELDS = {"id", "question", "answer", "keywords", "category", "priority", "active"}


def test_an_added_faq_is_listed_and_readable_by_anyone(client: TestClient,
                                                       admin_token: str) -> None:
    faq = add_faq(client, admin_token, keywords=["book", "book", " visit "])
    assert set(faq) == FAQ_FIELDS
    assert faq["keywords"] == ["book", "visit"]
    assert faq["active"] is True
    assert client.get(f"{API}/faqs/").json() == [faq]
    assert client.get(f"{API}/faqs").json() == [faq]
    assert client.get(f"{API}/faqs/{faq['id']}/").json() == faq
    assert client.get(f"{API}/faqs/{faq['id']}").json() == faq


def test_the_list_has_active_faqs_highest_priority_first(client: TestClient,
                                                         admin_token: str) -> None:
    low = add_faq(client, admin_token, question="Low?", priority=1)
    high = add_faq(client, admin_token, question="High?", priority=50)
    add_faq(client, admin_token, question="Hidden?", priority=99, active=False)
    listed = client.get(f"{API}/faqs/").json()
    assert [f["id"] for f in listed] == [high["id"], low["id"]]


def test_put_replaces_an_faq(client: TestClient, admin_token: str) -> None:
    faq = add_faq(client, admin_token)
    body = {"question": "Can I book online?", "answer": "Yes, any time.",
            "keywords": ["online"], "category": "booking", "priority": 3, "active": True}
    for path in (f"{API}/faqs/{faq['id']}/", f"{API}/faqs/{faq['id']}"):
        response = client.put(path, json=body, headers=bearer(admin_token))
        assert response.status_code == 200
        assert response.json() == {"id": faq["id"], **body}
    assert client.get(f"{API}/faqs/{faq['id']}/").json()["question"] == "Can I book online?"


@pytest.mark.parametrize("slash", ["/", ""])
def test_delete_removes_an_faq(client: TestClient, admin_token: str, slash: str) -> None:
    faq = add_faq(client, admin_token)
    response = client.delete(f"{API}/faqs/{faq['id']}{slash}", headers=bearer(admin_token))
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"{API}/faqs/{faq['id']}/").status_code == 404
    assert client.get(f"{API}/faqs/").json() == []


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_an_unknown_faq_is_not_found(client: TestClient, admin_token: str, method: str) -> None:
    body = {"question": "Q?", "answer": "A."} if method == "put" else None
    response = client.request(method, f"{API}/faqs/no-such-faq/", json=body,
                              headers=bearer(admin_token))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("body", "field"), [
    ({"answer": "A."}, "question"),
    ({"question": "Q?"}, "answer"),
    ({"question": 5, "answer": "A."}, "question"),
    ({"question": "Q?", "answer": "A.", "priority": "high"}, "priority"),
    ({"question": "Q?", "answer": "A.", "priority": 1.5}, "priority"),
    ({"question": "Q?", "answer": "A.", "keywords": "book"}, "keywords"),
    ({"question": "Q?", "answer": "A.", "keywords": [1, 2]}, "keywords"),
    ({"question": "Q?", "answer": "A.", "active": "yes"}, "active"),
    ({"question": "   ", "answer": "A."}, "question"),
    ({"question": "Q?", "answer": ""}, "answer"),
    ({"question": "Q" * 501, "answer": "A."}, "question"),
    ({"question": "Q?", "answer": "A.", "priority": 5000}, "priority"),
    ({"question": "Q?", "answer": "A.", "keywords": ["  "]}, "keywords"),
])
def test_invalid_faqs_get_422_naming_the_field(client: TestClient, admin_token: str,
                                               body: dict[str, object], field: str) -> None:
    response = client.post(f"{API}/faqs/", json=body, headers=bearer(admin_token))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"].startswith(field)
    assert client.get(f"{API}/faqs/").json() == []


@pytest.mark.parametrize("raw", [b"{not json", b"", b"[1, 2]", b"null"])
def test_a_body_that_is_not_an_faq_object_is_invalid(client: TestClient, admin_token: str,
                                                     raw: bytes) -> None:
    response = client.post(f"{API}/faqs/", content=raw, headers={
        **bearer(admin_token), "Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize(("method", "path"), [
    ("post", "/faqs/"), ("post", "/faqs"), ("put", "/faqs/x/"), ("delete", "/faqs/x"),
])
def test_changing_faqs_needs_a_token(client: TestClient, method: str, path: str) -> None:
    body = {"question": "Q?", "answer": "A."}
    response = client.request(method, f"{API}{path}", json=body)
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "unauthorized",
                                         "message": "a valid bearer token is required"}}
    assert client.get(f"{API}/faqs/").json() == []


def test_agents_can_list_inactive_faqs_too(client: TestClient, admin_token: str) -> None:
    active = add_faq(client, admin_token, question="Where do I park?", answer="Level -1.")
    resting = add_faq(client, admin_token, question="Is there a night shift?", answer="No.",
                      active=False)
    public = client.get(f"{API}/faqs/")
    assert [f["id"] for f in public.json()] == [active["id"]]
    refused = client.get(f"{API}/faqs/?include_inactive=true")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    listed = client.get(f"{API}/faqs/?include_inactive=true", headers=bearer(admin_token))
    assert listed.status_code == 200
    assert {f["id"]: f["active"] for f in listed.json()} == {active["id"]: True,
                                                              resting["id"]: False}


@pytest.mark.parametrize("body", [
    '{"question": "Open \\ud800?", "answer": "Yes"}',
    '{"question": "Open?", "answer": "Yes", "keywords": ["open", "\\udc00"]}',
    '{"question": "Open?", "answer": "Y\\u0000es"}',
    '{"question": "Open?", "answer": "Yes", "category": "a\\u0000"}',
])
def test_half_a_character_is_refused_and_the_catalog_stays_readable(
        client: TestClient, admin_token: str, body: str) -> None:
    """JSON can escape a lone surrogate; such a text could never be sent back out."""
    response = client.post(f"{API}/faqs/", content=body,
                           headers={**bearer(admin_token), "content-type": "application/json"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"].split(":")[0] in ("question", "answer", "category", "keywords.1",
                                              "keywords")
    assert "Unicode" in error["message"]
    assert client.get(f"{API}/faqs/").json() == []


def test_an_inactive_faq_is_not_found_except_for_agents(client: TestClient,
                                                         admin_token: str) -> None:
    resting = add_faq(client, admin_token, question="Draft: new prices?", active=False)
    for headers in ({}, bearer("not-a-token")):
        response = client.get(f"{API}/faqs/{resting['id']}/", headers=headers)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    seen = client.get(f"{API}/faqs/{resting['id']}/", headers=bearer(admin_token))
    assert seen.status_code == 200 and seen.json()["active"] is False
