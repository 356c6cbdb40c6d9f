"""The clock: the one place that reads the current time (tests and --now inject their own)."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Now, timezone-aware UTC, to the second (reports show no microseconds)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
