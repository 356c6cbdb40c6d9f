"""The clock: the one place that reads the current time (tests and --now inject their own)."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Now, timezone-aware UTC, to the second (reports show no microseconds)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def utc_text(moment: dt.datetime) -> str:
    """The clock as reports show it: ISO 8601 with UTC as Z ('2026-11-24T00:00:00Z'), as the
    JSON report writes it (governance/typed_json.py)."""
    return moment.isoformat().replace("+00:00", "Z")
