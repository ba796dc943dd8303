"""A serving process tunes Python's garbage collector once it has started (ADR 0027); a
process that merely builds apps (the tests) keeps the defaults."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from entrypoints.app import GC_THRESHOLDS


@pytest.fixture
def untouched_collector() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    yield before
    gc.unfreeze()
    gc.set_threshold(*before)


@pytest.mark.parametrize("settings", ["memory"], indirect=True)
def test_a_serving_process_freezes_what_it_started_with_and_collects_less_often(
        app: FastAPI, untouched_collector: tuple[int, int, int]) -> None:
    app.state.tune_gc = True  # as `pasokh serve` marks it
    with TestClient(app):
        assert gc.get_threshold() == GC_THRESHOLDS
        assert gc.get_freeze_count() > 10_000  # the modules and the app, out of every walk
    assert GC_THRESHOLDS[0] > untouched_collector[0]


@pytest.mark.parametrize("settings", ["memory"], indirect=True)
def test_an_app_started_by_tests_keeps_the_defaults(
        app: FastAPI, untouched_collector: tuple[int, int, int]) -> None:
    with TestClient(app):
        assert gc.get_threshold() == untouched_collector
