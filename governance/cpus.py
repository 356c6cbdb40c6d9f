"""How many cores this process may use: the forked YAML readers and the engine's shards are
sized by it, so both respect a CPU affinity mask (a container's cpuset, `taskset`)."""

from __future__ import annotations

import os


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
