"""Typed records <-> JSON, and their JSON Schema: one serializer driven by the annotations.

A record is a dataclass or a NamedTuple; its JSON is an object whose keys are its fields in
declaration order. A TypedDict is JSON already (kept as it is) but typed for the schema. Field
types say how a value is written and read back: records nest, tuples and lists become arrays,
``dict[str, T]`` an object (keys sorted), ``X | None`` null or X, a datetime an ISO-8601 UTC
string ending in Z. The JSON and its schema are said once, in the annotations, so the writer,
the reader and the schema cannot drift apart.

Markers, inside ``Annotated[...]``:
- ``Spec(**keywords)``: JSON Schema keywords of the value (description, pattern, enum, ...).
- ``Def(name, **keywords)``: a named definition ($defs/name) shared by every use of an alias.
- ``JsonName(key)``: the JSON key, when it is not the field's name.
- ``Shape(T)``: the schema of a value kept as plain dicts, e.g. a TypedDict's.
- ``SchemaRef(url)``: the value's schema is another schema document (its $id).
- ``OMIT_DEFAULT``: the key is left out while the value is the field's default (optional).
- ``MAY_BE_ABSENT``: always written; a reader takes the default when an older file lacks it.
- ``NOT_IN_JSON``: kept in memory only.
A record may list its keys in ``JSON_KEYS``, in order, to add keys computed by a method or
property of the same name (written, not read back; typed by its return annotation).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal, Union

__all__ = [
    "MAY_BE_ABSENT",
    "NOT_IN_JSON",
    "OMIT_DEFAULT",
    "Def",
    "JsonName",
    "SchemaRef",
    "Shape",
    "Spec",
    "first_difference",
    "from_json",
    "json_schema",
    "to_json",
]


class Spec:
    """JSON Schema keywords describing a value (added to what its type implies)."""

    def __init__(self, **keywords: Any):
        self.keywords = keywords


class Def(Spec):
    """A named schema definition ($defs/name) for a type alias used in several places."""

    def __init__(self, name: str, **keywords: Any):
        super().__init__(**keywords)
        self.name = name


class Shape:
    """The schema of a plain dict (or list of them) held as it is: a TypedDict's."""

    def __init__(self, kind: Any):
        self.kind = kind


class SchemaRef:
    """The value's schema is another schema document, referred to by its $id."""

    def __init__(self, url: str):
        self.url = url


class JsonName:
    def __init__(self, key: str):
        self.key = key


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


OMIT_DEFAULT = _Marker("OMIT_DEFAULT")
MAY_BE_ABSENT = _Marker("MAY_BE_ABSENT")
NOT_IN_JSON = _Marker("NOT_IN_JSON")

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}
_NONE = type(None)
_NO_DEFAULT = _Marker("no default")


# --- reading the annotations --------------------------------------------------------------------


def _split(hint) -> tuple[Any, tuple]:
    """(the type, its Annotated metadata)."""
    if typing.get_origin(hint) is Annotated:
        return hint.__origin__, hint.__metadata__
    return hint, ()


def _optional(hint) -> Any | None:
    """X for ``X | None``, else None."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not _NONE]
        if len(args) != len(typing.get_args(hint)) - 1 or len(args) != 1:
            raise TypeError(f"only X | None unions are supported, not {hint}")
        return args[0]
    return None


def _is_record(kind) -> bool:
    return isinstance(kind, type) and (
        dataclasses.is_dataclass(kind) or (issubclass(kind, tuple) and hasattr(kind, "_fields"))
    )


def _is_typeddict(kind) -> bool:
    return isinstance(kind, type) and issubclass(kind, dict) and hasattr(kind, "__required_keys__")


@dataclasses.dataclass(frozen=True)
class _Key:
    """One JSON key of a record."""

    key: str
    attribute: str
    hint: Any  # the annotation, with its metadata
    omit_default: bool = False  # OMIT_DEFAULT
    optional: bool = False  # not required: OMIT_DEFAULT or MAY_BE_ABSENT
    computed: bool = False  # from a method or property; not read back
    default: Any = _NO_DEFAULT


def _field_default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return _NO_DEFAULT


@cache
def _keys(cls: Any) -> tuple[_Key, ...]:
    hints = typing.get_type_hints(cls, include_extras=True)
    if dataclasses.is_dataclass(cls):
        defaults = {f.name: _field_default(f) for f in dataclasses.fields(cls)}
        readable = {f.name for f in dataclasses.fields(cls) if f.init}
    else:  # NamedTuple
        defaults = {name: cls._field_defaults.get(name, _NO_DEFAULT) for name in cls._fields}
        readable = set(defaults)
    by_key = {}
    for name in defaults:
        metadata = _split(hints[name])[1]
        if NOT_IN_JSON in metadata:
            continue
        key = next((m.key for m in metadata if isinstance(m, JsonName)), name)
        omit = OMIT_DEFAULT in metadata
        if name not in readable:
            raise TypeError(f"{cls.__name__}.{name}: a field written to JSON must be read back")
        by_key[key] = _Key(
            key,
            name,
            hints[name],
            omit_default=omit,
            optional=omit or MAY_BE_ABSENT in metadata,
            default=defaults[name],
        )
    order = getattr(cls, "JSON_KEYS", None)
    if order is None:
        return tuple(by_key.values())
    if set(by_key) - set(order):
        raise TypeError(f"{cls.__name__}.JSON_KEYS lacks {sorted(set(by_key) - set(order))}")
    keys = []
    for key in order:
        if key in by_key:
            keys.append(by_key[key])
            continue
        member = getattr(cls, key)
        function = member.fget if isinstance(member, property) else member
        keys.append(
            _Key(
                key,
                key,
                typing.get_type_hints(function, include_extras=True)["return"],
                computed=True,
            )
        )
    return tuple(keys)


# --- writing ------------------------------------------------------------------------------------

Encoder = Callable[[Any], Any]


def _utc_text(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@cache
def _encoder(hint) -> Encoder | None:
    """How to write a value of type ``hint``; None: it is JSON as it is."""
    kind = _split(hint)[0]
    inner = _optional(kind)
    if inner is not None:
        encode = _encoder(inner)
        return None if encode is None else (lambda v: None if v is None else encode(v))
    origin = typing.get_origin(kind)
    if origin in (list, tuple):
        args = typing.get_args(kind)
        if origin is tuple and (len(args) != 2 or args[1] is not Ellipsis):
            raise TypeError(f"fixed-length tuples need names (a NamedTuple), not {kind}")
        item = _encoder(args[0])
        return list if item is None else (lambda v: [item(i) for i in v])
    if origin is dict:
        value = _encoder(typing.get_args(kind)[1])
        if value is None:
            return lambda v: dict(sorted(v.items()))
        return lambda v: {k: value(v[k]) for k in sorted(v)}
    if kind is dt.datetime:
        return _utc_text
    if _is_record(kind):
        return _record_encoder(kind)
    return None


def _compiled(name: str, lines: list[str], namespace: dict) -> Encoder:
    """A function made from its source, as dataclasses makes __init__: a record's fields are
    known once, and 400k findings are written and read without a loop over each's fields."""
    exec("\n".join(lines), namespace)
    return namespace[name]


def _record_encoder(cls: type) -> Encoder:
    namespace: dict[str, Any] = {}
    lines = ["def encode(record):", "    out = {}"]
    for index, spec in enumerate(_keys(cls)):
        value = f"record.{spec.attribute}"
        if spec.computed and not isinstance(getattr(cls, spec.attribute), property):
            value += "()"
        encoder = _encoder(spec.hint)
        if encoder is not None:
            namespace[f"encode{index}"] = encoder
        written = "value" if encoder is None else f"encode{index}(value)"
        lines.append(f"    value = {value}")
        if spec.omit_default:
            namespace[f"default{index}"] = spec.default
            lines.append(f"    if value != default{index}:")
            lines.append(f"        out[{spec.key!r}] = {written}")
        else:
            lines.append(f"    out[{spec.key!r}] = {written}")
    lines.append("    return out")
    return _compiled("encode", lines, namespace)


def to_json(value: Any, kind: Any = None) -> Any:
    """``value`` (of type ``kind``, by default its own class) as JSON-able data."""
    encoder = _encoder(type(value) if kind is None else kind)  # type: ignore[arg-type]
    return value if encoder is None else encoder(value)


# --- reading ------------------------------------------------------------------------------------


_FRACTION = re.compile(r"\.(\d+)")


def _utc_moment(text: str) -> dt.datetime:
    """'2026-11-24T10:00:00.5Z' as an aware datetime; any number of fractional digits (Python
    3.10 reads only 3 or 6), to the microsecond."""
    text = _FRACTION.sub(lambda m: "." + m.group(1)[:6].ljust(6, "0"), text, count=1)
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@cache
def _decoder(hint) -> Encoder | None:
    """How to read a value of type ``hint`` back; None: as it is."""
    kind = _split(hint)[0]
    inner = _optional(kind)
    if inner is not None:
        decode = _decoder(inner)
        return None if decode is None else (lambda v: None if v is None else decode(v))
    origin = typing.get_origin(kind)
    if origin in (list, tuple):
        item = _decoder(typing.get_args(kind)[0])
        if item is None:
            return origin
        return (
            (lambda v: [item(i) for i in v])
            if origin is list
            else (lambda v: tuple(item(i) for i in v))
        )
    if origin is dict:
        value = _decoder(typing.get_args(kind)[1])
        return dict if value is None else (lambda v: {k: value(x) for k, x in v.items()})
    if kind is dt.datetime:
        return _utc_moment
    if _is_record(kind):
        return _record_decoder(kind)
    return None


def _record_decoder(cls: type) -> Encoder:
    namespace: dict[str, Any] = {"record_class": cls}
    lines = ["def decode(data):", "    values = {}"]
    for index, spec in enumerate(k for k in _keys(cls) if not k.computed):
        decoder = _decoder(spec.hint)
        if decoder is not None:
            namespace[f"decode{index}"] = decoder
        value = f"data[{spec.key!r}]"
        read = value if decoder is None else f"decode{index}({value})"
        indent = "    "
        if spec.optional:  # absent: the field's default
            lines.append(f"    if {spec.key!r} in data:")
            indent = "        "
        lines.append(f"{indent}values[{spec.attribute!r}] = {read}")
    lines.append("    return record_class(**values)")
    return _compiled("decode", lines, namespace)


def from_json(kind: Any, data: Any) -> Any:
    """``data`` (already valid against ``kind``'s schema) read back as a ``kind``."""
    decoder = _decoder(kind)
    return data if decoder is None else decoder(data)


# --- the schema ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _merged(base: dict, keywords: dict) -> dict:
    """``base`` with ``keywords`` added, the description first; an enum or const replaces the
    type it narrows."""
    out = {"description": keywords["description"]} if "description" in keywords else {}
    closed = "enum" in keywords or "const" in keywords
    out.update((k, v) for k, v in base.items() if not (closed and k == "type"))
    out.update((k, _plain(v)) for k, v in keywords.items() if k != "description")
    return out


def _nullable(schema: dict) -> dict:
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if isinstance(schema.get("type"), str) and schema["type"] in _SCALARS.values():
        return {**schema, "type": [schema["type"], "null"]}
    return {"oneOf": [{"type": "null"}, schema]}


def _first_paragraph(text: str | None) -> str:
    return " ".join((text or "").strip().split("\n\n")[0].split())


def _as_written(key: _Key):
    """The key's type as written: a key left out while None is never null."""
    kind, metadata = _split(key.hint)
    inner = _optional(kind)
    if not (key.omit_default and key.default is None and inner is not None):
        return key.hint
    if not metadata:
        return inner
    parameters = (inner, *metadata)
    return Annotated[parameters]


class _SchemaWriter:
    def __init__(self, names: dict[type, str]):
        self.names = names
        self.defs: dict[str, dict] = {}

    def value(self, hint) -> dict:
        kind, metadata = _split(hint)
        shapes = [m.kind for m in metadata if isinstance(m, Shape)]
        elsewhere = [m.url for m in metadata if isinstance(m, SchemaRef)]
        if elsewhere:
            schema = {"$ref": elsewhere[0]}
        else:
            schema = self.value(shapes[0]) if shapes else self.bare(kind)
        for marker in metadata:
            if isinstance(marker, Def):
                if marker.name not in self.defs:
                    self.defs[marker.name] = _merged(schema, marker.keywords)
                schema = {"$ref": f"#/$defs/{marker.name}"}
            elif isinstance(marker, Spec):
                schema = _merged(schema, marker.keywords)
        return schema

    def bare(self, kind) -> dict:
        inner = _optional(kind)
        if inner is not None:
            return _nullable(self.value(inner))
        if kind in _SCALARS:
            return {"type": _SCALARS[kind]}
        if kind is _NONE:
            return {"type": "null"}
        if kind is Any:
            return {}
        if kind is dt.datetime:
            return {"type": "string", "format": "date-time"}
        origin = typing.get_origin(kind)
        if origin is Literal:
            values = list(typing.get_args(kind))
            return {"const": values[0]} if len(values) == 1 else {"enum": values}
        if origin in (list, tuple):
            return {"type": "array", "items": self.value(typing.get_args(kind)[0])}
        if kind is dict or origin is dict:
            schema: dict = {"type": "object"}
            if origin is dict:
                key, value = typing.get_args(kind)
                names = self.value(key)
                if names != {"type": "string"}:
                    schema["propertyNames"] = names
                schema["additionalProperties"] = self.value(value)
            return schema
        if _is_record(kind) or _is_typeddict(kind):
            name = self.names.get(kind) or kind.__name__[0].lower() + kind.__name__[1:]
            if name not in self.defs:
                self.defs[name] = {}  # taken while it is written (a record may nest itself)
                self.defs[name] = self.record(kind)
            return {"$ref": f"#/$defs/{name}"}
        raise TypeError(f"no JSON Schema for {kind!r}")

    def record(self, kind: Any) -> dict:
        if _is_typeddict(kind):
            hints = typing.get_type_hints(kind, include_extras=True)
            properties = {key: self.value(hint) for key, hint in hints.items()}
            required = [key for key in hints if key in kind.__required_keys__]
        else:
            keys = _keys(kind)
            properties = {k.key: self.value(_as_written(k)) for k in keys}
            required = [k.key for k in keys if not k.optional]
        schema: dict = {}
        if _first_paragraph(kind.__doc__):
            schema["description"] = _first_paragraph(kind.__doc__)
        schema.update(type="object", additionalProperties=False, required=required)
        schema["properties"] = properties
        return schema


def json_schema(root: type, header: dict, names: dict[type, str] | None = None) -> dict:
    """The JSON Schema of ``root``'s JSON: ``header`` ($schema, $id, title, description), the
    root object, then every definition it uses ($defs, sorted by name; a record's is named
    after its class, lower camel case, unless ``names`` names it)."""
    writer = _SchemaWriter(names or {})
    body = writer.record(root)
    body.pop("description", None)
    return {**header, **body, "$defs": dict(sorted(writer.defs.items()))}


# --- comparing ----------------------------------------------------------------------------------


def first_difference(a: Any, b: Any, path: str = "") -> str | None:
    """Where two values first differ, as 'decisions[3].findings[0].severity: 'error' ->
    'warning''; None when they are equal. Record fields compared as their __eq__ compares."""
    if a == b:
        return None
    if type(a) is type(b) and dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            if f.compare:
                found = first_difference(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
                if found:
                    return found
    elif type(a) is type(b) and _is_record(type(a)):  # a NamedTuple
        for name, x, y in zip(type(a)._fields, a, b, strict=True):
            found = first_difference(x, y, f"{path}.{name}")
            if found:
                return found
    elif isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{path}[{index}]")
            if found:
                return found
        if len(a) != len(b):
            return f"{path.lstrip('.')}: {len(a)} items -> {len(b)}"
    elif isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(a.keys() | b.keys(), key=str):
            if key not in b:
                return f"{path.lstrip('.')}[{key!r}]: only on the left"
            if key not in a:
                return f"{path.lstrip('.')}[{key!r}]: only on the right"
            found = first_difference(a[key], b[key], f"{path}[{key!r}]")
            if found:
                return found
    return f"{path.lstrip('.') or 'value'}: {a!r} -> {b!r}"
