"""JSON with positions: errors at file:line:col, and a line:col for every JSON pointer.

``json`` gives a line and column only for syntax errors. Warnings about values inside a valid
BOM need their place too, so after ``json.loads`` accepts the text we walk it once more and
record where each member's key (or each array item) starts, as the YAML loader does. The
result is a ``YamlDocument`` so importers locate JSON and YAML values the same way.
"""

from __future__ import annotations

import json
from _json import scanstring  # the C string scanner json.decoder itself uses
from bisect import bisect_right

from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.interop.common import decode_utf8
from governance.inventory import pointer as jp
from governance.inventory.datafile import scan_json
from governance.inventory.positions import pack, unpack
from governance.inventory.yamlfile import DEFAULT_MAX_BYTES, YamlDocument

_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def _problem(path: str, line: int, column: int, message: str, hint: str) -> InputInvalid:
    return InputInvalid([InputProblem(SourceLocation(path, line, column), "", message, hint)])


def _decode(path: str, raw: bytes, max_bytes: int) -> str:
    if len(raw) > max_bytes:
        raise _problem(
            path, 1, 1, f"file is {len(raw):,} bytes, over the limit of {max_bytes:,}", ""
        )
    return decode_utf8(path, raw)


def _syntax_error(path: str, text: str, exc: json.JSONDecodeError) -> InputInvalid:
    """Point at a trailing comma itself, the commonest hand-edit slip, not at what follows."""
    before = text[: exc.pos].rstrip(_WHITESPACE)
    if before.endswith(",") and exc.pos < len(text) and text[exc.pos] in "}]":
        offset = len(before) - 1
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        closer = text[exc.pos]
        return _problem(
            path,
            line,
            column,
            f"invalid JSON: trailing comma before '{closer}'",
            "JSON allows no comma after the last member or item; remove it",
        )
    return _problem(
        path, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}", "check quotes, commas, brackets"
    )


class _Positions:
    """Records pointer -> packed line/column (as yamlfile does) while walking valid JSON."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.positions: dict[str, int] = {}

    def _pack(self, offset: int) -> int:
        line = bisect_right(self.line_starts, offset)
        column = offset - self.line_starts[line - 1] + 1
        return pack(line, column)

    def _skip(self, index: int) -> int:
        while self.text[index] in _WHITESPACE:
            index += 1
        return index

    def value(self, index: int, pointer: str, at: int) -> int:
        """Walk the value starting at ``index``; return the index just after it."""
        self.positions.setdefault(pointer, self._pack(at))
        char = self.text[index]
        if char == "{":
            index = self._skip(index + 1)
            if self.text[index] == "}":
                return index + 1
            seen: set[str] = set()
            while True:
                key_at = index
                key, index = scanstring(self.text, index + 1)
                if key in seen:
                    raise _problem(
                        self.path,
                        *unpack(self._pack(key_at)),
                        f"{jp.join(pointer, key)}: duplicate key {key!r}",
                        "keep one",
                    )
                seen.add(key)
                index = self._skip(self._skip(index) + 1)  # past ':'
                index = self._skip(self.value(index, jp.join(pointer, key), key_at))
                if self.text[index] == "}":
                    return index + 1
                index = self._skip(index + 1)  # past ','
        if char == "[":
            index = self._skip(index + 1)
            if self.text[index] == "]":
                return index + 1
            item = 0
            while True:
                index = self._skip(self.value(index, jp.join(pointer, item), index))
                item += 1
                if self.text[index] == "]":
                    return index + 1
                index = self._skip(index + 1)
        return _DECODER.raw_decode(self.text, index)[1]


def parse(path: str, raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> YamlDocument:
    """One JSON document with positions; InputInvalid (exit 2, file:line:col) when not JSON."""
    text = _decode(path, raw, max_bytes)
    scan_json(path, text)  # NaN, lone surrogate escapes, nesting json.loads recurses through
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _syntax_error(path, text, exc) from None
    except RecursionError:
        raise _problem(path, 1, 1, "JSON nested too deeply", "") from None
    walker = _Positions(path, text)
    start = len(text) - len(text.lstrip(_WHITESPACE))
    try:
        walker.value(start, "", start)
    except RecursionError:
        raise _problem(path, 1, 1, "JSON nested too deeply", "") from None
    return YamlDocument(path, 0, data, walker.positions)
