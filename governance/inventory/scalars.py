"""Plain scalars by the YAML 1.2 core schema, shared by both YAML readers.

PyYAML resolves by YAML 1.1, where ``NO`` (Norway) is False and ``2024-05-01`` a date; here
only true/false are booleans and dates stay strings for the schema to check.
"""

from __future__ import annotations

import re

_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")

# The core schema's null, booleans, infinities and NaN: every spelling it allows.
_WORDS: dict[str, object] = {"": None, "~": None}
_WORDS.update(dict.fromkeys(("null", "Null", "NULL"), None))
_WORDS.update(dict.fromkeys(("true", "True", "TRUE"), True))
_WORDS.update(dict.fromkeys(("false", "False", "FALSE"), False))
_WORDS.update(
    (f"{sign}.{inf}", float(f"{sign or '+'}inf"))
    for sign in ("", "+", "-")
    for inf in ("inf", "Inf", "INF")
)
_WORDS.update(dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")))

# First characters of every plain scalar that resolves to something other than itself.
MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")
_NUMERIC = frozenset("0123456789+-.")

# Python refuses to read or print a decimal integer longer than this (CVE-2020-10735); a
# longer one is refused at the reader, where its line is known, not later by whatever prints it.
MAX_INT_DIGITS = 4300
_MAX_INT_BITS = 14_284  # 2**14284 has 4,300 decimal digits


class ScalarTooLarge(ValueError):
    """A plain scalar the core schema reads as an integer too large to handle."""

    def __init__(self) -> None:
        super().__init__(f"integer has more than {MAX_INT_DIGITS:,} digits")
        self.hint = "write it in quotes if it is text"


def _bounded(number: int) -> int:
    if number.bit_length() > _MAX_INT_BITS:
        raise ScalarTooLarge
    return number


def resolve_plain(value: str):
    """YAML 1.2 core schema for plain scalars; everything else is a string. Raises
    ScalarTooLarge for an integer beyond MAX_INT_DIGITS."""
    if value and value[0] not in MAYBE_TYPED:
        return value  # fast path: most scalars are plain words
    if value in _WORDS:
        return _WORDS[value]
    if value[0] in _NUMERIC:
        if _INT.match(value):
            if len(value) > MAX_INT_DIGITS and len(value.lstrip("+-")) > MAX_INT_DIGITS:
                raise ScalarTooLarge
            return int(value)
        if value[0] == "0":
            if _INT_HEX.match(value):
                return _bounded(int(value, 16))
            if _INT_OCT.match(value):
                return _bounded(int(value[2:], 8))
        if _FLOAT.match(value):
            return float(value)
    return value
