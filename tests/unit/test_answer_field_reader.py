"""The answer's text read out of a structured reply while it streams, piece by piece."""

from __future__ import annotations

import json

import pytest

from adapters.openai.streaming import AnswerFieldReader

REPLY = {"answer": 'Line one\nپاسخ "quoted" \\ tab\t😀 é', "confidence": 0.9,
         "needs_human": False, "reason": 'said "answer": "no"'}


@pytest.mark.parametrize("ascii_only", [True, False])
@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 1000])
def test_any_cut_of_the_json_gives_back_exactly_the_answer(ascii_only: bool, size: int) -> None:
    raw = json.dumps(REPLY, ensure_ascii=ascii_only)
    reader = AnswerFieldReader()
    pieces = [reader.feed(raw[i:i + size]) for i in range(0, len(raw), size)]
    assert "".join(pieces) == REPLY["answer"]
    if size == 1:  # it grows as it is written, not all at the end
        assert len([piece for piece in pieces if piece]) > 10


def test_nothing_comes_out_before_the_answer_or_after_it() -> None:
    reader = AnswerFieldReader()
    assert reader.feed('{"reason": "a \\"answer\\": \\"trap\\"", ') == ""
    assert reader.feed('"answer": "Hi') == "Hi"
    assert reader.feed('!", "confidence": 0.4, "more": "text"}') == "!"
    assert reader.feed(' "answer": "again"') == ""


def test_a_reply_without_an_answer_field_gives_nothing() -> None:
    reader = AnswerFieldReader()
    assert reader.feed('{"confidence": 0.2}') == ""
