"""How the `governance` executable ends: flush, then leave without tearing down the heap.

A check holds everything it loaded until it is done (at 10k choices ~1.5 million objects:
the inventory, its source positions, the engine's input). Freeing them one by one when
functions return and again at interpreter exit took ~0.05 s at 10k choices and ~0.5 s at
100k, time in which the answer was already known. The executable therefore keeps those
structures (``keep_until_exit``) and ends with ``os._exit`` after flushing its output, as
mypy does. Library callers are unaffected: unless ``exit_without_teardown()`` was called,
``keep_until_exit`` does nothing and objects are freed as usual.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

_kept: list[object] | None = None  # a list once the process has said it ends with os._exit


def exit_without_teardown() -> None:
    """This process will end with ``exit_now``: big structures may be kept until then."""
    global _kept
    if _kept is None:
        _kept = []


def keep_until_exit(*objects: object) -> None:
    """Keep ``objects`` alive until the process exits (a no-op in library use)."""
    if _kept is not None:
        _kept.append(objects)


def exit_now(code: object) -> NoReturn:
    """End the process with ``code`` as sys.exit would read it, after flushing stdout and
    stderr; nothing is freed and no atexit handler runs (every file we write is closed and
    every worker pool shut down before this point)."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (governance check | head) or stream, or none at all (started with
        # the descriptor closed): nothing more to say there
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(status)
