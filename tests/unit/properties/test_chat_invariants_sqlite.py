"""The same random sequences, fewer of them, on a SQLite file: the SQL read models must equal
the fold of the events the SQL store committed."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, settings

from adapters.faq_matcher import IndexedFAQMatcher
from adapters.memory.pubsub import InProcessPubSub
from adapters.sql.database import Database
from adapters.sql.migrate import upgrade
from adapters.sql.read_models import SqlReadModels
from adapters.sql.unit_of_work import SqlUnitOfWork
from application.messagebus import MessageBus
from application.ports import RecordedEvent
from application.services import Services
from application.unit_of_work import OnCommit
from tests.unit.conftest import CountingIds, FixedClock
from tests.unit.fakes import ScriptedResponder
from tests.unit.properties.chat_machine import ChatMachine

_TEMPLATE = Path(tempfile.mkdtemp(prefix="pasokh-props-")) / "template.db"


def _fresh_database() -> str:
    """A migrated SQLite file, copied from one migrated once per run."""
    if not _TEMPLATE.exists():
        upgrade(f"sqlite:///{_TEMPLATE}")
    copy = Path(tempfile.mkdtemp(prefix="pasokh-props-")) / "pasokh.db"
    shutil.copyfile(_TEMPLATE, copy)
    return f"sqlite:///{copy}"


class SqliteChatMachine(ChatMachine):
    def __init__(self) -> None:
        super().__init__()
        url = _fresh_database()
        self.path = Path(url.removeprefix("sqlite:///"))
        self.db = db = Database(url)
        publisher = InProcessPubSub()

        def uow(on_commit: OnCommit | None = None) -> SqlUnitOfWork:
            return SqlUnitOfWork(db, publisher, on_commit)

        self.read_models = read_models = SqlReadModels(db)
        services = Services(uow=uow, read_models=read_models,
                            matcher=IndexedFAQMatcher(read_models),
                            responder=ScriptedResponder(), clock=FixedClock(), ids=CountingIds())
        self.bus = MessageBus(services, uow)

    async def committed_events(self) -> Sequence[RecordedEvent]:
        async with self.db.read_unbounded() as conn:
            return await self.db.event_store(conn).read_all(0, 100_000)

    def teardown(self) -> None:
        self.run(self.bus.idle())
        self.run(self.db.dispose())
        super().teardown()
        shutil.rmtree(self.path.parent, ignore_errors=True)


SqliteChatMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=10, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestSqliteChat = SqliteChatMachine.TestCase
