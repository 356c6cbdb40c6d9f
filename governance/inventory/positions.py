"""Where a value was read: a line and a column, packed into one int.

The source map keeps a position for every JSON pointer of every file (millions for a large
inventory): one int each costs a fraction of a tuple, and crosses from the loader's worker
processes to this one unchanged. This module is the only one that knows the packing.
"""

from __future__ import annotations

from typing import NamedTuple

COLUMN_BITS = 20
#: Columns past this one (lines over a million characters) all read as this one.
MAX_COLUMN = (1 << COLUMN_BITS) - 1


class Position(NamedTuple):
    """A 1-based line and column."""

    line: int
    column: int


def pack(line: int, column: int) -> int:
    """``line`` and ``column`` (both 1-based) as one int. Below MAX_COLUMN, columns add:
    ``pack(line, column) + n == pack(line, column + n)``, so a reader placing many values on
    one line packs once and adds their distances."""
    return (line << COLUMN_BITS) | (column if column < MAX_COLUMN else MAX_COLUMN)


def unpack(packed: int) -> Position:
    """The line and column that ``pack`` packed."""
    return Position(packed >> COLUMN_BITS, packed & MAX_COLUMN)
