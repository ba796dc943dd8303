"""The proxy config of docker-compose.yml, run by a real nginx in front of both instances:
a visitor chats through it over a WebSocket, and /metrics stays internal."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect

from tests.conftest import unavailable
from tests.integration.api.test_serve import receive
from tests.integration.topology.conftest import AGENT, AGENT_PASSWORD, Instance
from tests.integration.topology.test_compose_file import ROOT
from tests.servers import free_port

TEMPLATE = """
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/pasokh.conf;
}}
"""


def local_config(instances: list[Instance], port: int) -> str:
    """The deployed file, with the compose host names and port replaced by local ones."""
    config = (ROOT / "deploy/nginx/pasokh.conf").read_text()
    for instance in instances:
        config = config.replace(f"pasokh-{instance.name}:8000", f"127.0.0.1:{instance.port}")
    return config.replace("listen 8080;", f"listen 127.0.0.1:{port};")


@pytest.fixture(scope="module")
def proxy(instances: list[Instance], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    nginx = shutil.which("nginx")
    if nginx is None:
        unavailable("nginx is not installed (apt-get install nginx-light)")
    folder, port = tmp_path_factory.mktemp("nginx"), free_port()
    (folder / "pasokh.conf").write_text(
        local_config(instances, port).replace("/dev/stdout", str(folder / "access.log")))
    (folder / "nginx.conf").write_text(TEMPLATE.format(folder=folder))
    tested = subprocess.run([nginx, "-t", "-c", str(folder / "nginx.conf")],
                            capture_output=True, text=True, check=False)
    assert tested.returncode == 0, tested.stderr
    process = subprocess.Popen([nginx, "-c", str(folder / "nginx.conf")])
    try:
        wait_for(f"http://127.0.0.1:{port}/nginx-health", folder)
        PROXY_FOLDERS[f"127.0.0.1:{port}"] = folder
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


PROXY_FOLDERS: dict[str, Path] = {}


def wait_for(url: str, folder: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail(f"nginx did not start: {(folder / 'error.log').read_text()}")


async def test_a_visitor_chats_through_the_proxy(proxy: str) -> None:
    key = httpx.post(f"http://{proxy}/chat/api/sessions/").json()["session_key"]
    async with connect(f"ws://{proxy}/ws/chat/{key}/") as ws:
        assert (await receive(ws))["type"] == "session"
        await ws.send(json.dumps({"type": "message", "text": "How do I book an appointment?"}))
        echo, answer = await receive(ws), await receive(ws)
    assert echo["message"]["sender"] == "user"
    assert (answer["message"]["sender"], answer["message"]["source"]) == ("bot", "faq")


def test_the_proxy_serves_health_but_not_metrics(proxy: str,
                                                  instances: list[Instance]) -> None:
    assert httpx.get(f"http://{proxy}/readyz").status_code == 200
    assert httpx.get(f"http://{proxy}/metrics").status_code == 404
    assert httpx.get(f"{instances[0].http}/metrics").status_code == 200


async def test_the_desk_socket_works_through_the_proxy_on_its_own_port(proxy: str) -> None:
    """nginx on a port that is not 80: the desk's origin (http://host:port) must match the
    Host header Pasokh sees, so nginx has to pass the port on (issue 19, item 14)."""
    login = httpx.post(f"http://{proxy}/chat/api/auth/login/",
                       json={"username": AGENT, "password": AGENT_PASSWORD}, timeout=10)
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    async with connect(f"ws://{proxy}/ws/admin/chat/?token={token}",
                       origin=f"http://{proxy}") as desk:  # type: ignore[arg-type]
        first = json.loads(await desk.recv())
    assert first["type"] != "error"


async def test_the_proxy_log_holds_no_token_from_a_socket_url(proxy: str) -> None:
    login = httpx.post(f"http://{proxy}/chat/api/auth/login/",
                       json={"username": AGENT, "password": AGENT_PASSWORD}, timeout=10)
    token = login.json()["access_token"]
    async with connect(f"ws://{proxy}/ws/admin/chat/?token={token}",
                       origin=f"http://{proxy}") as desk:  # type: ignore[arg-type]
        await desk.recv()
    log = PROXY_FOLDERS[proxy] / "access.log"
    deadline = time.monotonic() + 5
    while "/ws/admin/chat/" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)  # nginx writes the line when the socket closes
    text = log.read_text()
    assert "GET /ws/admin/chat/ HTTP/1.1" in text
    assert token not in text and "token=" not in text
    # a visitor's session key is a credential too: cut to six characters, as Pasokh does
    session = httpx.post(f"http://{proxy}/chat/api/sessions/", timeout=10).json()["session_key"]
    assert httpx.get(f"http://{proxy}/chat/api/history/{session}/", timeout=10).status_code == 200
    deadline = time.monotonic() + 5
    while "/chat/api/history/" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    text = log.read_text()
    assert f"GET /chat/api/history/{session[:6]}.../ HTTP/1.1" in text
    assert session not in text
