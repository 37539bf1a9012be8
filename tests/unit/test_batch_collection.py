"""The collector is held off during a consumer's batch and given back as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from trygnet_core.batch_collection import held_off


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_collection_is_off_during_a_batch_and_on_after() -> None:
    gc.enable()
    with held_off():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_batches_keep_it_off_until_the_last_ends() -> None:
    gc.enable()
    first, second = held_off(), held_off()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_failing_batch_gives_collection_back() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), held_off():
        raise RuntimeError("the database went away")
    assert gc.isenabled()


def test_a_process_that_turned_collection_off_keeps_it_off() -> None:
    gc.disable()
    with held_off():
        pass
    assert not gc.isenabled()
