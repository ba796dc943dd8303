"""Random and malformed frames never break the visitor socket: each bad frame gets an error
that is not `internal`, and afterwards the socket still answers a real message."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.api.support import Socket, start_session
from tests.integration.security.conftest import Start

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=15)
FRAME_LIKE = st.fixed_dictionaries(
    {"type": st.sampled_from(["message", "typing", "join", "", "Message", "history"])},
    optional={"text": JSON, "client_id": JSON, "session_key": JSON})
TEXT_FRAMES = st.one_of(
    st.text(max_size=200),                                  # anything at all
    JSON.map(json.dumps),                                   # any JSON value
    FRAME_LIKE.map(json.dumps),                             # almost a frame
    st.integers(1, 70_000).map(lambda depth: "[" * depth),  # deep, and too large
    st.text(alphabet="\u200c\u202e\u0000\x01\x07\x1b\x7f\x85\ufeffسلام<>", min_size=1,
            max_size=50).map(
        lambda text: json.dumps({"type": "message", "text": text})),
)
FRAMES = st.lists(st.one_of(TEXT_FRAMES, st.binary(max_size=64)), min_size=20, max_size=40)


def is_sentinel_echo(frame: dict[str, Any]) -> bool:
    return frame["type"] == "message" and frame["message"]["client_id"] == "sentinel"


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(frames=FRAMES)
def test_random_frames_get_errors_never_internal_and_the_socket_still_answers(
        start: Start, frames: list[str | bytes]) -> None:
    client, _ = start(chat_rate_limit=1000, max_sockets_per_address=1000,
                      session_rate_limit=1000)
    key = start_session(client)
    with client.websocket_connect(f"/ws/chat/{key}/") as session:
        socket = Socket(session)
        assert socket.receive()["type"] == "session"
        for frame in frames:
            if isinstance(frame, bytes):
                socket.send_bytes(frame)
            else:
                socket.send_text(frame)
        socket.send({"type": "message", "text": "still there?", "client_id": "sentinel"})
        received = socket.receive_until(is_sentinel_echo, limit=4 * len(frames) + 10)
    codes = [frame["code"] for frame in received if frame["type"] == "error"]
    assert "internal" not in codes
    assert set(codes) <= {"invalid", "too_large"}
