"""The worker's collector policy: survivors frozen out of the collector's passes, frozen garbage freed by the sweep."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings

from realtime import collector


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture
def clean(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Iterator[None]:
    monkeypatch.setattr(collector, "_last_sweep", 0.0)
    monkeypatch.setattr(collector, "_last_freeze", 0.0)
    gc.unfreeze()
    yield
    gc.unfreeze()


def _cycle() -> weakref.ref[Node]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.mark.usefixtures("clean")
def test_freeze_keeps_survivors_out_of_collections_until_the_sweep_frees_them(settings: Settings) -> None:
    settings.SCORECARD_GC_FREEZE_SECONDS = 20
    settings.SCORECARD_GC_SWEEP_SECONDS = 3600
    held = [Node()]
    held[0].other = held[0]
    ref = weakref.ref(held[0])
    assert collector.maintain(now=10.0) == ""  # not due yet
    assert collector.maintain(now=20.0) == "freeze"
    assert gc.get_freeze_count() > 0
    held.clear()  # now cyclic garbage, but frozen: no collection walks it
    gc.collect()
    assert ref() is not None
    assert collector.maintain(now=30.0) == ""
    assert collector.maintain(now=3600.0) == "sweep"
    assert ref() is None
    assert gc.get_freeze_count() > 0  # frozen again after the sweep


@pytest.mark.usefixtures("clean")
def test_young_garbage_is_collected_before_the_freeze(settings: Settings) -> None:
    settings.SCORECARD_GC_FREEZE_SECONDS = 20
    ref = _cycle()
    assert collector.maintain(now=20.0) == "freeze"
    assert ref() is None


@pytest.mark.usefixtures("clean")
def test_zero_leaves_the_collector_alone(settings: Settings) -> None:
    settings.SCORECARD_GC_FREEZE_SECONDS = 0
    assert collector.maintain(now=1e9) == ""
    collector.freeze_loaded()
    assert gc.get_freeze_count() == 0
