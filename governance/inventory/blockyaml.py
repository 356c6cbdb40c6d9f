"""A fast reader for the plain, block-style YAML that inventories are written in.

libyaml builds a Python object per event and per node with two marks each, and our builder
then walks that tree again: ~0.17 s per 1,000 use cases, most of the time a check spends
outside the engine. Inventory files use a small part of YAML: block mappings and sequences,
one-line scalars and flow collections, folded or literal text (clipped or stripped),
comments. This module reads exactly that part, line by line, into the same data and the same
positions as ``yamlfile``'s builder in ~0.10 s, and answers ``None`` for anything else
(anchors, tags, merges, escapes, keep chomping, multi-line flow or plain values, several
documents, a duplicate key, unusual characters, text it cannot place), so the caller falls
back to libyaml, which also words the errors. It never guesses: every rule below refuses
what it does not fully understand, and tests/test_blockyaml.py holds it to libyaml.
"""

from __future__ import annotations

import itertools
import re

from governance.inventory.positions import MAX_COLUMN, pack
from governance.inventory.scalars import MAYBE_TYPED as _MAYBE_TYPED
from governance.inventory.scalars import ScalarTooLarge, resolve_plain

# A plain key we accept: no quotes, spaces, pointer escapes or YAML indicators.
_KEY = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"
# "key:" then the end of the line, or "key:" + spaces + the value text.
_KEY_LINE = re.compile(rf"({_KEY}):(?:$| +)")
# What may start a plain scalar here: not an indicator, not "- ", "? ", ": " or "-" alone.
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-[^\s,\[\]{}]")
_COMMENT = re.compile(r"\s+#")
# A plain scalar inside a flow collection: ":" only before text (libyaml refuses ":" before
# ",?[]{}"), and it ends before ",[]{}", ": ", " #" and spaces that nothing follows.
_FLOW_PLAIN_TEXT = (
    r"""(?:[^\s\-?:,\[\]{}#&*!|>'"%@`]|-(?=[^\s,\[\]{}]))"""
    r"(?:[^\s,\[\]{}:#]|:(?=[^\s,\[\]{}?])|(?<=\S)#| +(?=[^\s,\[\]{}:#]))*"
)
_DOUBLE_TEXT = r'"[^"\\]*"'
_SINGLE_TEXT = r"'(?:[^']|'')*'"
_FLOW_SCALAR = rf"{_DOUBLE_TEXT}|{_SINGLE_TEXT}|{_FLOW_PLAIN_TEXT}"
_FLOW_PLAIN = re.compile(_FLOW_PLAIN_TEXT)
_FLOW_KEY = re.compile(rf"({_KEY}): +")
# One entry of a flow collection of scalars and what follows it: ", " (maybe then the closing
# bracket, after a trailing comma) or the closing bracket. Read entry by entry from where the
# previous one ended, so nothing in between goes unread.
_MAP_ITEM = re.compile(rf"({_KEY}): +({_FLOW_SCALAR}) *(?:, *(\}})?|(\}}))")
_SEQ_ITEM = re.compile(rf"({_FLOW_SCALAR}) *(?:, *(\])?|(\]))")
_SPACES = re.compile(r" *")


def _after_spaces(text: str, at: int) -> int:
    """The index of the first character at or after ``at`` that is not a space."""
    match = _SPACES.match(text, at)  # ' *' matches everywhere, the empty string included
    return match.end() if match else at


_DOUBLE = re.compile(_DOUBLE_TEXT)
_SINGLE = re.compile(_SINGLE_TEXT)
# Characters libyaml reads as line breaks or refuses, and tabs: left to libyaml.
_UNUSUAL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# A block scalar header we read: folded or literal, clipped or stripped, maybe a comment.
_BLOCK_HEADER = re.compile(r"([|>])(-?)(?: +#.*)?$")


# A value's first character that needs more than a plain scalar's reading ("" included).
_SPECIAL_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` ") | {""}
# A flow scalar's first character when it is quoted or may be typed (see resolve_plain).
_SPECIAL_SCALAR = frozenset("'\"") | _MAYBE_TYPED


class _Refused(Exception):
    """The text is outside the part of YAML this reader handles."""


def read(text: str) -> tuple[dict, dict[str, int]] | None:
    """(data, positions) as yamlfile's builder makes them, or None: use libyaml instead.

    Positions are packed (positions.pack), 1-based, for every JSON pointer: a
    mapping entry at its key, a sequence item where the item starts, the root at its first key.
    """
    if _UNUSUAL.search(text):
        return None
    raw = text.split("\n")
    if len(text) > MAX_COLUMN and max(map(len, raw)) >= MAX_COLUMN:
        return None  # columns past MAX_COLUMN cannot be added to a packed position
    lines: list[tuple[int, int, str]] = []
    for number, line in enumerate(raw, start=1):
        content = line.lstrip(" ")
        if not content or content[0] == "#":
            continue
        if (content[0] in "-." and content[:3] in ("---", "...")) or content[0] == "%":
            if lines or content.rstrip(" ") != "---" or line != content:
                return None  # several documents, directives, an end marker
            continue
        lines.append((number, len(line) - len(content), content.rstrip(" ")))
    if not lines or lines[0][1] != 0:
        return None
    reader = _Reader(lines, raw)
    try:
        data = reader.mapping(0, 0, "")
    except (_Refused, RecursionError, ScalarTooLarge):  # libyaml's path words the error
        return None
    if reader.index != len(lines):
        return None
    number, column, _ = lines[0]
    reader.positions[""] = pack(number, column + 1)
    return data, reader.positions


def _check_end(text: str, end: int) -> None:
    """After a value on its line only a comment may follow."""
    rest = text[end:]
    if rest and not (rest[0] == " " and rest.lstrip(" ")[:1] in ("#", "")):
        raise _Refused


def _scalar(token: str):
    """A flow scalar's value: quoted text as it stands, plain text by the YAML 1.2 core schema."""
    first = token[0]
    if first == '"':
        return token[1:-1]
    if first == "'":
        return token[1:-1].replace("''", "'")
    return resolve_plain(token)


class _Reader:
    def __init__(self, lines: list[tuple[int, int, str]], raw: list[str]):
        self.lines = lines  # (line number, indent, text) of every line that is not a comment
        self.raw = raw  # every line as written, for block scalars
        self.index = 0
        self.positions: dict[str, int] = {}

    def mapping(self, index: int, indent: int, pointer: str) -> dict:
        """The block mapping whose keys are at ``indent``, from line ``index`` on."""
        lines = self.lines
        count = len(lines)
        positions = self.positions
        result: dict = {}
        while index < count:
            number, column, content = lines[index]
            if column != indent:
                if column > indent:
                    raise _Refused  # deeper text after a complete value: a multi-line scalar
                break
            match = _KEY_LINE.match(content)
            if match is None:
                if content[:2] == "- " or content == "-":
                    break  # a sequence at the parent key's indent ends this mapping
                raise _Refused
            key = match.group(1)
            if key in result:
                raise _Refused
            child = f"{pointer}/{key}"
            positions[child] = pack(number, column + 1)
            rest = content[match.end() :]
            index += 1
            first = rest[:1]
            if first not in _SPECIAL_FIRST and " #" not in rest and ": " not in rest:
                # the common case, inline(): a one-line plain scalar without a comment
                if rest[-1] == ":":
                    raise _Refused
                result[key] = resolve_plain(rest) if first in _MAYBE_TYPED else rest
            elif not rest or first == "#":
                result[key], index = self.nested(index, indent, child)
            elif first == "|" or first == ">":
                result[key], index = self.block_scalar(rest, number, indent, index)
            else:
                where = column + match.end()
                flat = None
                if first == "{" or first == "[":  # as inline(), for the common flat collection
                    flat = self.flat(rest, 0, first == "{", number, where, child)
                if flat is not None:
                    _check_end(rest, flat[1])
                    result[key] = flat[0]
                else:
                    result[key] = self.inline(rest, number, where, child)
        self.index = index
        return result

    def nested(self, index: int, indent: int, pointer: str):
        """The value of a key with nothing after its colon: a block below it, or null."""
        lines = self.lines
        if index < len(lines):
            _, column, content = lines[index]
            is_item = content[:2] == "- " or content == "-"
            if column > indent:
                if is_item:
                    return self.sequence(index, column, pointer)
                return self.mapping(index, column, pointer), self.index
            if column == indent and is_item:
                return self.sequence(index, column, pointer)
        return None, index

    def sequence(self, index: int, indent: int, pointer: str):
        """The block sequence whose dashes are at ``indent``: (items, next line)."""
        lines = self.lines
        count = len(lines)
        positions = self.positions
        result: list = []
        while index < count:
            number, column, content = lines[index]
            if column != indent or content[:2] != "- ":
                if column > indent or (column == indent and content == "-"):
                    raise _Refused
                break
            spaces = 2 if content[2:3] != " " else _after_spaces(content, 2)
            item = content[spaces:]
            where = column + spaces
            child = f"{pointer}/{len(result)}"
            positions[child] = pack(number, where + 1)
            if _KEY_LINE.match(item):
                # "- key: value": a mapping whose keys line up with this first one
                lines[index] = (number, where, item)
                result.append(self.mapping(index, where, child))
                index = self.index
            elif item[0] in "-#|>":
                raise _Refused  # a nested sequence, an item on the next lines, a block scalar
            else:
                result.append(self.inline(item, number, where, child))
                index += 1
        return result, index

    def block_scalar(self, header: str, number: int, indent: int, index: int):
        """A folded (>) or literal (|) scalar, clipped or stripped: (text, next line).

        Refused: keep chomping (+), indentation indicators, leading blank lines, lines
        indented deeper than the first (folding treats them apart), whitespace-only lines.
        """
        match = _BLOCK_HEADER.match(header)
        if match is None:
            raise _Refused
        style, strip = match.groups()
        raw = self.raw
        body: list[str] = []
        margin = last = 0
        at = number  # raw[at] is the line after the header
        while at < len(raw):
            line = raw[at]
            content = line.lstrip(" ")
            if not content:
                if line or not body:
                    raise _Refused
                body.append("")
            else:
                column = len(line) - len(content)
                if column <= indent:
                    break
                if not body:
                    margin = column
                elif column < margin or (column > margin and style == ">"):
                    raise _Refused
                body.append(line[margin:])
                last = at
            at += 1
        while body and not body[-1]:
            body.pop()
        if not body:
            raise _Refused
        if style == "|":
            value = "\n".join(body)
        else:  # folded: a line break between two lines becomes a space; n blank lines, n breaks
            value = body[0]
            for previous, line in itertools.pairwise(body):
                if line and previous:
                    value += " " + line
                elif line:
                    value += line
                else:
                    value += "\n"
        if not strip and last < len(raw) - 1:  # clipped: its one line break, if it has one
            value += "\n"
        lines = self.lines
        while index < len(lines) and lines[index][0] <= at:
            index += 1
        return value, index

    def inline(self, text: str, number: int, column: int, pointer: str):
        """A value that ends on its own line: a scalar or a flow collection."""
        first = text[0]
        if first == "{" or first == "[":
            value, end = self.flow(text, 0, number, column, pointer)
        elif first == '"' or first == "'":
            match = (_DOUBLE if first == '"' else _SINGLE).match(text)
            if match is None:
                raise _Refused
            value, end = _scalar(match.group()), match.end()
        else:
            if not _PLAIN_START.match(text):
                raise _Refused
            comment = _COMMENT.search(text)
            plain = text[: comment.start()] if comment else text
            if ": " in plain or plain[-1] == ":":
                raise _Refused
            return resolve_plain(plain)
        _check_end(text, end)
        return value

    def flow(self, text: str, at: int, number: int, column: int, pointer: str):
        """A flow mapping or sequence starting at ``text[at]``: (value, index after it)."""
        is_map = text[at] == "{"
        flat = self.flat(text, at, is_map, number, column, pointer)
        if flat is not None:
            return flat
        positions = self.positions
        closing = "}" if is_map else "]"
        mapping: dict = {}
        items: list = []
        result: dict | list = mapping if is_map else items
        at = _after_spaces(text, at + 1)
        if text[at : at + 1] == closing:
            return result, at + 1
        while True:
            if is_map:
                match = _FLOW_KEY.match(text, at)
                if match is None:
                    raise _Refused
                key = match.group(1)
                if key in mapping:
                    raise _Refused
                child = f"{pointer}/{key}"
                positions[child] = pack(number, column + at + 1)
                at = match.end()
            else:
                child = f"{pointer}/{len(items)}"
                positions[child] = pack(number, column + at + 1)
            value, at = self.flow_value(text, at, number, column, child)
            if is_map:
                mapping[key] = value
            else:
                items.append(value)
            at = _after_spaces(text, at)
            following = text[at : at + 1]
            if following == ",":
                at = _after_spaces(text, at + 1)
                if text[at : at + 1] == closing:
                    return result, at + 1
            elif following == closing:
                return result, at + 1
            else:
                raise _Refused

    def flat(self, text: str, at: int, is_map: bool, number: int, column: int, pointer: str):
        """A flow collection of scalars only, (value, index after it); None when it holds
        more than scalars (flow() then reads it token by token)."""
        positions = self.positions
        origin = pack(number, column + 1)  # + at: where text[at] is (see positions.pack)
        at += 1
        if text[at : at + 1] == " ":
            at = _after_spaces(text, at)
        if text[at : at + 1] == ("}" if is_map else "]"):
            return ({} if is_map else []), at + 1
        special = _SPECIAL_SCALAR
        if is_map:
            result: dict = {}
            count = 0
            while True:
                item = _MAP_ITEM.match(text, at)
                if item is None:
                    return None
                key, token, after_comma, closing = item.groups()
                positions[f"{pointer}/{key}"] = origin + at
                result[key] = _scalar(token) if token[0] in special else token
                count += 1
                at = item.end()
                if after_comma or closing:
                    if len(result) != count:
                        raise _Refused  # a duplicate key
                    return result, at
        items: list = []
        while True:
            item = _SEQ_ITEM.match(text, at)
            if item is None:
                return None
            token, after_comma, closing = item.groups()
            positions[f"{pointer}/{len(items)}"] = origin + at
            items.append(_scalar(token) if token[0] in special else token)
            at = item.end()
            if after_comma or closing:
                return items, at

    def flow_value(self, text: str, at: int, number: int, column: int, pointer: str):
        first = text[at : at + 1]
        if first == "{" or first == "[":
            return self.flow(text, at, number, column, pointer)
        if first == '"' or first == "'":
            match = (_DOUBLE if first == '"' else _SINGLE).match(text, at)
        else:
            match = _FLOW_PLAIN.match(text, at)
        if match is None:
            raise _Refused
        return _scalar(match.group()), match.end()
