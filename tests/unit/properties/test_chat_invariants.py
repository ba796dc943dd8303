"""1,000 random command sequences over sessions and the queue, in memory."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import HealthCheck, settings

from application.ports import RecordedEvent
from tests.unit.fakes import build_app
from tests.unit.properties.chat_machine import ChatMachine


class InMemoryChatMachine(ChatMachine):
    def __init__(self) -> None:
        super().__init__()
        self.app = build_app()
        self.bus, self.read_models = self.app.bus, self.app.read_models

    async def committed_events(self) -> Sequence[RecordedEvent]:
        return list(self.app.log.records)


InMemoryChatMachine.TestCase.settings = settings(
    max_examples=1000, stateful_step_count=20, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestInMemoryChat = InMemoryChatMachine.TestCase
