"""Safe YAML reading that remembers where every value came from.

PyYAML's own loaders silently keep the last of two duplicate keys, follow aliases without
bound, and read ``NO`` (Norway) as ``False``. We compose nodes with libyaml and build plain
JSON-like data ourselves, so that: only standard tags are accepted, duplicate keys are errors,
alias expansion is bounded, plain scalars follow the YAML 1.2 core schema (dates stay strings),
and every JSON pointer maps to the line and column of its key (or sequence item). Plain
block-style files, most inventories, are read faster by ``blockyaml`` into the same data and
positions; it hands everything else back to the libyaml path here.
"""

from __future__ import annotations

import hashlib
import operator
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from governance.errors import InputProblem, SourceLocation
from governance.inventory import blockyaml
from governance.inventory import pointer as jp
from governance.inventory.positions import pack, unpack
from governance.inventory.scalars import ScalarTooLarge, resolve_plain

_PLAIN = "tag:model-governance,2026:plain"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# libyaml is an order of magnitude faster; fall back when a platform lacks it. Chosen at run
# time, so typed as Any: the two classes share no base that declares what _Loader overrides.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Marks untagged plain scalars so we resolve them by YAML 1.2 rules, not PyYAML's 1.1."""

    # The composer calls these two around every node; they only serve path resolvers, which
    # the safe loader has none of. Builtins that ignore their arguments cost no Python frame.
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)

    def resolve(self, kind, value, implicit):
        # The safe loader has no path resolvers, so these are exactly what the parent class
        # would answer for untagged nodes; answering directly saves a Python call per node.
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_ALIAS_EXPANSION = 10_000  # nodes an alias may add beyond the document's own size

_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_ALLOWED_TAGS |= {_TAG + "merge", _PLAIN}


@dataclass
class YamlDocument:
    """One YAML document: its data and the position of every pointer inside it."""

    path: str
    index: int
    data: object
    positions: dict[str, int] = field(repr=False)
    sha256: str = ""  # of the whole file as read: the evidence names exactly what was checked

    def locate(self, pointer: str) -> SourceLocation:
        """The position of ``pointer``, or of its nearest ancestor that exists."""
        probe = pointer
        while True:
            packed = self.positions.get(probe)
            if packed is not None:
                return SourceLocation(self.path, *unpack(packed))
            if not probe:
                return SourceLocation(self.path, 1, 1)
            probe = jp.parent(probe)


class YamlProblem(Exception):
    """A file could not be read as safe YAML."""

    def __init__(self, problem: InputProblem):
        self.problem = problem
        super().__init__(problem.format())


def _pack(mark) -> int:
    return pack(mark.line + 1, mark.column + 1)


class _Builder:
    """Turns composed nodes into data, recording positions and enforcing the safe subset."""

    def __init__(self, path: str):
        self.path = path
        self.positions: dict[str, int] = {}
        self.sizes: dict[int, int] = {}
        self.alias_budget = MAX_ALIAS_EXPANSION
        self.seen: set[int] = set()

    def fail(self, mark, message: str, hint: str = "", pointer: str = "") -> YamlProblem:
        location = SourceLocation(self.path, mark.line + 1, mark.column + 1)
        return YamlProblem(InputProblem(location, pointer, message, hint))

    def _check_tag(self, node, pointer: str) -> None:
        if node.tag not in _ALLOWED_TAGS:
            raise self.fail(
                node.start_mark,
                f"tag {node.tag!r} is not allowed",
                "inventories are data: remove the tag",
                pointer,
            )

    def build(self, node, pointer: str, at: int):
        self.positions.setdefault(pointer, at)
        if type(node) is yaml.ScalarNode:  # most nodes: no alias bookkeeping needed
            self._check_tag(node, pointer)
            try:
                return self._scalar(node)
            except ScalarTooLarge as exc:
                raise self.fail(node.start_mark, str(exc), exc.hint, pointer) from None
        if id(node) in self.seen:
            self.alias_budget -= self._size(node)
            if self.alias_budget < 0:
                line, column = unpack(self.positions[pointer])  # where it is used, not its anchor
                raise self.fail(
                    yaml.Mark("", 0, line - 1, column - 1, None, 0),
                    "alias expansion too large",
                    f"write the values out; aliases may add at most {MAX_ALIAS_EXPANSION} values",
                    pointer,
                )
        self.seen.add(id(node))
        self._check_tag(node, pointer)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, pointer)
        return self._mapping(node, pointer)

    def _sequence(self, node, pointer: str) -> list:
        result = []
        positions = self.positions
        for i, item in enumerate(node.value):
            mark = item.start_mark
            at = pack(mark.line + 1, mark.column + 1)
            if type(item) is yaml.ScalarNode and item.tag == _PLAIN:  # as build(), inlined
                positions.setdefault(f"{pointer}/{i}", at)
                try:
                    result.append(resolve_plain(item.value))
                except ScalarTooLarge as exc:
                    raise self.fail(mark, str(exc), exc.hint, f"{pointer}/{i}") from None
            else:
                result.append(self.build(item, f"{pointer}/{i}", at))
        return result

    def _scalar(self, node):
        if node.tag == _PLAIN:
            return resolve_plain(node.value)
        if node.tag == _TAG + "str":
            return node.value
        return resolve_plain(node.value)  # explicit !!int, !!bool, ...: same rules

    def _mapping(self, node, pointer: str) -> dict:
        result: dict = {}
        merges = []
        positions = self.positions
        for key_node, value_node in node.value:
            key_tag = key_node.tag
            if key_tag == _MERGE or (key_tag == _PLAIN and key_node.value == "<<"):
                merges.append(value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node.start_mark, "mapping keys must be plain text", "", pointer)
            if key_tag not in _ALLOWED_TAGS:
                raise self.fail(
                    key_node.start_mark,
                    f"tag {key_tag!r} is not allowed",
                    "inventories are data: remove the tag",
                    jp.join(pointer, key_node.value),
                )
            key = key_node.value
            if key in result:  # only this loop's keys are in result yet (merges come after)
                earlier = next(k.start_mark for k, _ in node.value if k.value == key)
                raise self.fail(
                    key_node.start_mark,
                    f"duplicate key {key!r}",
                    f"first defined at line {earlier.line + 1}; keep one",
                    jp.join(pointer, key),
                )
            child = (
                f"{pointer}/{key}" if "~" not in key and "/" not in key else jp.join(pointer, key)
            )
            mark = key_node.start_mark
            at = pack(mark.line + 1, mark.column + 1)
            if type(value_node) is yaml.ScalarNode and value_node.tag == _PLAIN:  # as build()
                positions.setdefault(child, at)
                try:
                    result[key] = resolve_plain(value_node.value)
                except ScalarTooLarge as exc:
                    raise self.fail(value_node.start_mark, str(exc), exc.hint, child) from None
            else:
                result[key] = self.build(value_node, child, at)
        for merge in merges:
            sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    raise self.fail(merge.start_mark, "'<<' must merge a mapping", "", pointer)
                # through build(): a merged mapping pays into the alias budget and has its
                # tag checked like any other aliased value (else <<: [*m, *m] nests 2^n deep)
                merged = self.build(source, pointer, _pack(source.start_mark))
                for key, value in merged.items():
                    result.setdefault(key, value)
        return result

    def _size(self, node) -> int:
        cached = self.sizes.get(id(node))
        if cached is not None:
            return cached
        if isinstance(node, yaml.ScalarNode):
            size = 1
        elif isinstance(node, yaml.SequenceNode):
            size = 1 + sum(self._size(child) for child in node.value)
        else:
            size = 1 + sum(self._size(v) for _, v in node.value)
        self.sizes[id(node)] = size
        return size


# What YAML allows in a stream (libyaml's "printable"): tab, line breaks, and no other C0, DEL,
# C1 (but NEL), surrogate or non-character. Found here so the error has its line and column.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _forbidden_character(path: str, text: str, offset: int) -> YamlProblem:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    code = f"U+{ord(text[offset]):04X}"
    if text[offset] == "\0":
        message, hint = f"file holds a NUL character ({code})", "is it UTF-16? save it as UTF-8"
    else:
        control = text[offset] < " " or "\x7f" <= text[offset] <= "\x9f"
        message = f"{'control character' if control else 'character'} {code} is not allowed in YAML"
        hint = f"remove it; in a double-quoted string write it as \\u{ord(text[offset]):04x}"
    return YamlProblem(InputProblem(SourceLocation(path, line, column), "", message, hint))


def not_utf8(path: str, raw: bytes, exc: UnicodeDecodeError, what: str = "file") -> InputProblem:
    """The problem with a file that did not decode: at its first undecodable byte."""
    line, column = _position_of_offset(raw, exc.start)
    return InputProblem(
        SourceLocation(path, line, column),
        "",
        f"{what} is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
        "save the file as UTF-8",
    )


def _position_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def decode(path: str, raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Bytes to YAML text, refusing what is too large, not UTF-8, holds characters YAML
    forbids, or is tab-indented."""
    text = decode_text(path, raw, max_bytes)
    for number, line_text in enumerate(text.split("\n") if "\t" in text else (), start=1):
        indent = len(line_text) - len(line_text.lstrip(" \t"))
        if "\t" in line_text[:indent]:
            column = line_text.index("\t") + 1
            raise YamlProblem(
                InputProblem(
                    SourceLocation(path, number, column),
                    "",
                    "tab character used for indentation",
                    "YAML indentation must use spaces",
                )
            )
    return text


def decode_text(path: str, raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Bytes to text (YAML or JSON), refusing what is too large, not UTF-8, or holds
    characters YAML forbids (control characters; NUL, as in UTF-16 without a BOM)."""
    where = SourceLocation(path, 1, 1)
    if len(raw) > max_bytes:
        raise YamlProblem(
            InputProblem(
                where,
                "",
                f"file is {len(raw):,} bytes, over the limit of {max_bytes:,}",
                "split it into several files, or raise --max-file-size",
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(not_utf8(path, raw, exc)) from None
    forbidden = _FORBIDDEN.search(text)
    if forbidden is not None:
        raise _forbidden_character(path, text, forbidden.start())
    return text


def parse(path: str, raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> list[YamlDocument]:
    """Every document in one file, with positions; raises YamlProblem on the first defect."""
    text = decode(path, raw, max_bytes)
    digest = hashlib.sha256(raw).hexdigest()
    fast = blockyaml.read(text)  # None unless the text is plain block YAML it fully reads
    documents = [YamlDocument(path, 0, *fast)] if fast is not None else compose(path, text)
    for document in documents:
        document.sha256 = digest
    return documents


def compose(path: str, text: str) -> list[YamlDocument]:
    """Every document, read with libyaml: all of safe YAML, and the words for its errors."""
    documents = []
    try:
        for index, root in enumerate(yaml.compose_all(text, Loader=_Loader)):
            builder = _Builder(path)
            if root is None:
                continue
            data = builder.build(root, "", _pack(root.start_mark))
            documents.append(YamlDocument(path, index, data, builder.positions))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = (exc.problem or exc.context or "invalid YAML").strip()
        raise YamlProblem(
            InputProblem(
                SourceLocation(path, line, column),
                "",
                f"invalid YAML: {message}",
                "check indentation, quotes and brackets here",
            )
        ) from None
    except yaml.reader.ReaderError as exc:  # decode() finds these first; kept as a backstop
        raise _forbidden_character(path, text, min(exc.position, len(text) - 1)) from None
    except RecursionError:
        raise YamlProblem(
            InputProblem(SourceLocation(path, 1, 1), "", "YAML nested too deeply", "")
        ) from None
    return documents


def load_plain(text: str):
    """Plain data from YAML we ship or the user passes as --data: libyaml's safe loader,
    without the inventory's source map (catalogues are large and need no positions)."""
    return yaml.load(text, Loader=_BaseLoader)
