"""docker-compose.yml, the Dockerfile and the proxy config describe the topology we test.

No container engine runs here, so the files are read and checked as data; when a compose
command is installed, it validates the file as well.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import unavailable

ROOT = Path(__file__).resolve().parents[3]
INSTANCES = ("pasokh-a", "pasokh-b")
HEALTHY = {"condition": "service_healthy"}


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    found: dict[str, Any] = compose["services"]
    return found


def test_the_topology_has_its_parts(services: dict[str, Any]) -> None:
    assert set(services) == {"postgres", "redis", "migrate", *INSTANCES, "proxy"}


def test_every_long_running_service_has_a_health_check(services: dict[str, Any]) -> None:
    for name, service in services.items():
        if name != "migrate":
            assert service["healthcheck"]["test"], name
    for name in INSTANCES:
        assert "/readyz" in " ".join(services[name]["healthcheck"]["test"])


def test_instances_start_after_their_dependencies(services: dict[str, Any]) -> None:
    for name in INSTANCES:
        assert services[name]["depends_on"] == {
            "postgres": HEALTHY, "redis": HEALTHY,
            "migrate": {"condition": "service_completed_successfully"}}
        env = services[name]["environment"]
        assert "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert env["PASOKH_SECRET_KEY"].startswith("${PASOKH_SECRET_KEY:?")
        assert env["PASOKH_TRUSTED_PROXIES"]  # client addresses come from the proxy
    assert services["migrate"]["command"] == ["pasokh", "migrate"]
    assert services["proxy"]["depends_on"] == dict.fromkeys(INSTANCES, HEALTHY)


def proxy_config(services: dict[str, Any]) -> str:
    [mount] = services["proxy"]["volumes"]
    source, target = mount.split(":")[:2]
    assert target == "/etc/nginx/conf.d/default.conf"
    return (ROOT / source).read_text()


def test_the_proxy_balances_both_instances_and_passes_websockets(
        services: dict[str, Any]) -> None:
    config = proxy_config(services)
    for name in INSTANCES:
        assert f"server {name}:8000" in config
    websocket = config[config.index("location /ws/"):]
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "proxy_set_header Connection $connection_upgrade;" in websocket
    read_timeout = re.search(r"proxy_read_timeout (\d+)s;", websocket)
    assert read_timeout is not None and int(read_timeout.group(1)) >= 3600


def test_the_image_is_multi_stage_and_runs_unprivileged() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM \S+ AS (\w+)", dockerfile, re.MULTILINE)
    assert stages == ["build", "runtime"]
    runtime = dockerfile.split("AS runtime", 1)[1]
    user = re.findall(r"^USER (\S+)", runtime, re.MULTILINE)
    assert user and user[-1].split(":")[0] not in ("root", "0")
    assert "COPY --from=build /opt/pasokh /opt/pasokh" in runtime
    assert "/healthz" in runtime and "HEALTHCHECK" in runtime


def compose_command() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True,
                                 check=False).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_compose_itself_accepts_the_file() -> None:
    command = compose_command()
    if command is None:
        unavailable("neither `docker compose` nor `docker-compose` is installed")
    env = {**os.environ, "PASOKH_SECRET_KEY": "compose-config-check"}
    checked = subprocess.run([*command, "-f", str(ROOT / "docker-compose.yml"), "config",
                              "--quiet"], env=env, capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    missing = subprocess.run([*command, "-f", str(ROOT / "docker-compose.yml"), "config",
                              "--quiet"], env={**os.environ, "PASOKH_SECRET_KEY": ""},
                             capture_output=True, text=True, check=False)
    assert missing.returncode != 0, "the compose file must refuse to start without a secret"


def test_only_the_proxy_is_trusted_to_forward_client_addresses() -> None:
    """Trusting every private range let any container (or a client with a private address)
    fake X-Forwarded-For and escape every per-address limit."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    proxy_address = compose["services"]["proxy"]["networks"]["default"]["ipv4_address"]
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(proxy_address) in ipaddress.ip_network(subnet)
    for name in ("pasokh-a", "pasokh-b"):
        trusted = compose["services"][name]["environment"]["PASOKH_TRUSTED_PROXIES"]
        assert trusted.split(",") == [proxy_address]
