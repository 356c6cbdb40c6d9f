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


def resolve_plain(value: str):
    """YAML 1.2 core schema for plain scalars; everything else is a string."""
    if value and value[0] not in MAYBE_TYPED:
        return value  # fast path: most scalars are plain words
    if value in _WORDS:
        return _WORDS[value]
    if value[0] in _NUMERIC:
        if _INT.match(value):
            return int(value)
        if value[0] == "0":
            if _INT_HEX.match(value):
                return int(value, 16)
            if _INT_OCT.match(value):
                return int(value[2:], 8)
        if _FLOAT.match(value):
            return float(value)
    return value
