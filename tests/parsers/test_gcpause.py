"""The parse pauses the cycle collector and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from parsers.gcpause import paused_gc


def test_collector_is_off_inside_and_on_again_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_comes_back_after_an_error() -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            with paused_gc():
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
