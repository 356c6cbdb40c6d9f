"""Pause Python's cyclic garbage collector during bulk work.

Loading an inventory allocates ~300 tracked objects per use case and no cycles; every full
collection walks everything loaded so far, which made load time grow faster than the
inventory (measured: 10k use cases 6.9 s -> 3.0 s, 100k 87 s -> 34 s, same peak memory).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused_gc():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
