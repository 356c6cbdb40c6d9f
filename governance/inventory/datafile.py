"""Policy data files (--data, a bundle's data.json) held to the inventory's reading rules.

Data a pull request can change reaches the engine like the inventory does, so it is read the
same way: YAML through yamlfile (YAML 1.2 scalars, standard tags only, duplicate keys refused,
alias budget, positions), JSON with NaN and Infinity refused; both with a size limit and a
nesting limit, so no value the engines cannot take (or Python cannot walk) gets through. Every
refusal is one located line: ``path:line:col: error: message (hint)``.
"""

from __future__ import annotations

import json
import math
import re

from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.inventory import pointer as jp
from governance.inventory import yamlfile

MAX_DEPTH = 64  # nested mappings and lists; catalogues need 5
_NOT_NUMBERS = ("NaN", "Infinity", "-Infinity")
# A JSON string (skipped whole), or a bracket or a non-number constant outside strings.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]|-?Infinity|NaN')


def _refused(path: str, line: int, column: int, message: str, hint: str = "") -> InputInvalid:
    return InputInvalid([InputProblem(SourceLocation(path, line, column), "", message, hint)])


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# Inside a JSON string: one escape (a \uXXXX code, or a backslash and the character after it).
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)")


def _lone_surrogate(text: str, start: int, end: int) -> int | None:
    r"""Offset of a \ud800-\udfff escape without its pair in the string at text[start:end]:
    json.loads accepts it, and no UTF-8 file, terminal or report can hold the result."""
    pending = None  # offset of a high surrogate waiting for its low half
    for escape in _ESCAPE.finditer(text, start, end):
        code = int(escape.group(1), 16) if escape.group(1) else None
        if pending is not None and not (code is not None and 0xDC00 <= code <= 0xDFFF):
            return pending
        if code is not None and 0xD800 <= code <= 0xDBFF and pending is None:
            pending = escape.start()
        elif code is not None and 0xDC00 <= code <= 0xDFFF and pending is None:
            return escape.start()
        else:
            pending = None
    return pending


def scan_json(path: str, text: str) -> None:
    """Refuse NaN/Infinity, lone surrogate escapes and nesting deeper than MAX_DEPTH before
    json builds anything."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        kind = token.group()[0]
        if kind == '"':
            if "\\u" in token.group():
                lone = _lone_surrogate(text, token.start(), token.end())
                if lone is not None:
                    raise _refused(
                        path,
                        *_line_column(text, lone),
                        f"{text[lone : lone + 6]} is half of a UTF-16 surrogate pair",
                        "write the character itself, or both halves",
                    )
            continue
        if kind in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _refused(
                    path,
                    *_line_column(text, token.start()),
                    f"JSON nested more than {MAX_DEPTH} levels deep",
                    "flatten the data",
                )
        elif kind in "]}":
            depth -= 1
        else:
            raise _refused(
                path,
                *_line_column(text, token.start()),
                f"{token.group()} is not a JSON number",
                "write a number, or the text in quotes",
            )


def _finite(path: str, text: str, literal: str) -> float:
    """A JSON number as a float, refused when it is too large for one (1e999 is infinity)."""
    value = float(literal)
    if not math.isfinite(value):
        where = re.search(rf"(?<![0-9.eE+-]){re.escape(literal)}(?![0-9])", text)
        at = _line_column(text, where.start()) if where else (1, 1)
        raise _refused(path, *at, f"{literal} is too large for a number", "write a smaller one")
    return value


def load_json(path: str, raw: bytes, max_bytes: int = yamlfile.DEFAULT_MAX_BYTES):
    """A JSON value; InputInvalid at the first defect."""
    try:
        text = yamlfile.decode_text(path, raw, max_bytes)
    except yamlfile.YamlProblem as exc:
        raise InputInvalid([exc.problem]) from None
    scan_json(path, text)
    try:
        return json.loads(text, parse_float=lambda literal: _finite(path, text, literal))
    except json.JSONDecodeError as exc:
        raise _refused(path, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}") from None
    except ValueError as exc:  # an integer over Python's 4,300 digits
        raise _refused(path, 1, 1, f"invalid JSON: {str(exc).split(';')[0]}") from None
    except RecursionError:  # pragma: no cover - scan_json stops deep nesting first
        raise _refused(path, 1, 1, "JSON nested too deeply") from None


def _check_values(document: yamlfile.YamlDocument) -> None:
    """No NaN or infinity (the engines take JSON numbers), nothing nested too deeply."""
    pending: list[tuple[object, str, int]] = [(document.data, "", 0)]
    while pending:
        value, pointer, depth = pending.pop()
        if isinstance(value, float) and not math.isfinite(value):
            raise InputInvalid(
                [
                    InputProblem(
                        document.locate(pointer),
                        pointer,
                        f"{value} is not a JSON number",
                        "write a number, or the text in quotes",
                    )
                ]
            )
        if isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise InputInvalid(
                    [
                        InputProblem(
                            document.locate(pointer),
                            pointer,
                            f"data nested more than {MAX_DEPTH} levels deep",
                            "flatten the data",
                        )
                    ]
                )
            items = value.items() if isinstance(value, dict) else enumerate(value)
            pending.extend((child, jp.join(pointer, key), depth + 1) for key, child in items)


def load_yaml(path: str, raw: bytes, max_bytes: int = yamlfile.DEFAULT_MAX_BYTES):
    """The one YAML document of a data file, read as an inventory is; InputInvalid if bad."""
    try:
        documents = yamlfile.parse(path, raw, max_bytes)
    except yamlfile.YamlProblem as exc:
        raise InputInvalid([exc.problem]) from None
    if len(documents) != 1:
        where = documents[1].locate("") if documents else SourceLocation(path, 1, 1)
        message = "a data file holds one YAML document" if documents else "data file is empty"
        raise InputInvalid([InputProblem(where, "", message, "")])
    _check_values(documents[0])
    return documents[0].data


def load_data_file(path: str, raw: bytes, max_bytes: int = yamlfile.DEFAULT_MAX_BYTES) -> dict:
    """A --data file (.json as JSON, anything else as YAML): a mapping at the top."""
    value = (load_json if path.endswith(".json") else load_yaml)(path, raw, max_bytes)
    if not isinstance(value, dict):
        raise _refused(path, 1, 1, "a data file must hold a mapping at the top")
    return value
