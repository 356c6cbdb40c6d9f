"""Plain scalars by the YAML 1.2 core schema, shared by both YAML readers.

PyYAML resolves by YAML 1.1, where ``NO`` (Norway) is False and ``2024-05-01`` a date; here
only true/false are booleans and dates stay strings for the schema to check.
"""

from __future__ import annotations

import re

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")


def resolve_plain(value: str):
    """YAML 1.2 core schema for plain scalars; everything else is a string."""
    if value and value[0] not in _MAYBE_TYPED:
        return value  # fast path: most scalars are plain words
    if _NULL.match(value):
        return None
    if _BOOL_TRUE.match(value):
        return True
    if _BOOL_FALSE.match(value):
        return False
    if _INT.match(value):
        return int(value)
    if _INT_HEX.match(value):
        return int(value, 16)
    if _INT_OCT.match(value):
        return int(value[2:], 8)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value
