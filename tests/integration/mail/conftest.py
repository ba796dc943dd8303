from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.mail.smtp_server import Inbox, smtp_server


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with smtp_server() as server:
        yield server
