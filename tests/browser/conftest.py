"""Browser tests: Debian's Chromium, driven by Playwright, against a real `pasokh serve`.

Chromium comes from Debian's `chromium` package (scripts/test installs it when missing);
Playwright never downloads a browser. Without Chromium these tests skip with the reason,
without Playwright they are not collected (the header of a run of tests/browser says why);
under CI=true both fail. Each test leaves a screenshot of its last state in
artifacts/screenshots/<test>.png.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.host_site import HostSite, running_host_site
from tests.browser.server import served_pasokh
from tests.conftest import unavailable

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = Path(os.environ.get("PASOKH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
STEP_MS = 10_000
IN_CI = os.environ.get("CI", "").lower() == "true"
PLAYWRIGHT_MISSING = importlib.util.find_spec("playwright") is None

if PLAYWRIGHT_MISSING and not IN_CI:
    # The test modules import Playwright; under CI they fail to import, which fails the run.
    collect_ignore_glob = ["test_*.py"]


def pytest_report_header() -> str | None:
    if PLAYWRIGHT_MISSING:
        return "browser tests: playwright is not installed (pip install -e '.[dev]')"
    return None


# Package scope: the browser and the server stop when the browser tier ends, before
# the asyncio tests of the other tiers run.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; "
                    "./scripts/test installs it when it runs as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS, timeout=30_000)
        yield launched
        launched.close()


@pytest.fixture(scope="package")
def served_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the served Pasokh keeps its database (browser.db) and log."""
    return tmp_path_factory.mktemp("served")


@pytest.fixture(scope="package")
def pasokh(served_dir: Path) -> Iterator[str]:
    """The base URL of a served Pasokh, e.g. http://127.0.0.1:41234."""
    with served_pasokh(served_dir) as base:
        yield base


@pytest.fixture
def agent_account(pasokh: str, served_dir: Path) -> Callable[[str], tuple[str, str]]:
    """Creates an agent account on the served Pasokh: name -> (username, password)."""
    from tests.browser.desk import create_agent

    return lambda name: create_agent(served_dir, name)


@pytest.fixture(scope="package")
def host_site() -> Iterator[HostSite]:
    """Some other website, on http://localhost:<port>, where pages embed the widget."""
    with running_host_site() as site:
        yield site


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh visitor: own localStorage, so a new conversation."""
    from playwright.sync_api import expect

    from tests.browser.widget import TRACK_SOCKETS

    expect.set_options(timeout=STEP_MS)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    context.set_default_timeout(STEP_MS)
    context.add_init_script(TRACK_SOCKETS)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", animations="disabled")
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def snapshot(page: Page, request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Save a screenshot of a moment mid-test: artifacts/screenshots/<test>-<moment>.png."""
    def save(moment: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}-{moment}.png",
                        animations="disabled")
    return save
