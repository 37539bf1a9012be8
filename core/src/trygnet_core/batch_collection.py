"""Python's cyclic garbage collector held off while a consumer's batch is parsed and applied.

A batch of a few thousand messages makes hundreds of thousands of objects (records,
headers, events, their data, documents and statements) that all live until the batch
commits. The collector counts them as they are made and, every few hundred, scans
the young ones; surviving two scans they are promoted, and once promotions pass a
quarter of the old objects it scans the whole heap: the service's imported modules
and caches, 150,000 objects and more, some 0.2 s on a busy 2-core machine, about once
a batch. Profiled, a rebuild spent a third of its time there, and found nothing to
free: a batch's objects hold no cycles and go when their references do.

``held_off`` disables automatic collection for the duration of a batch (nested and
concurrent batches of several consumers in one process keep it off until the last
ends) and restores it after; the objects of the batch are freed by their reference
counts meanwhile, and anything cyclic is found by the next collection. It never turns
collection on where the process had turned it off.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_holding = 0
_was_enabled = False


@contextmanager
def held_off() -> Iterator[None]:
    global _holding, _was_enabled
    if _holding == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _holding += 1
    try:
        yield
    finally:
        _holding -= 1
        if _holding == 0 and _was_enabled:
            gc.enable()
