"""What the sockets may ask for beyond the REST dependencies, provided by the container.

No `from __future__ import annotations` in wired modules: the injector reads the
`Annotated` markers from real annotations, not from strings.
"""

from typing import Annotated

from dependency_injector.wiring import Provide
from fastapi import Depends

from application.ports import Signaller
from entrypoints.container import Container

Signals = Annotated[Signaller, Depends(Provide[Container.pubsub])]
SendBuffer = Annotated[int, Depends(Provide[Container.config.ws_send_buffer])]
"""How many frames a socket may have unsent before it is closed as too slow (ADR 0017)."""
