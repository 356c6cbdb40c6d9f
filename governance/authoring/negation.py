"""Negations whose answer depends on the engine (the OPA#1877 trap), found in the Rego text.

OPA's compiler moves the arguments of a call (`in`, `<`, `count(...)`, `f(...)`) and the keys
of a reference out of a `not`, so when one of them is undefined the whole rule body fails on
OPA, while regorus evaluates `not` to true: `not "x" in input.missing` denies nothing on an OPA
server and denies on the embedded engine. Only plain references compared with `==` (or tested
alone: `not input.flag`) stay inside the negation on both engines.

A heuristic over the text, not a Rego parser: inside a `not`, a reference with a field or a
key (`e.unverified`, `rules[tier]`) used as an argument of a call or of an operator other than
`==`, or as the key of a reference, is reported. Comprehensions are opaque (their bodies are
evaluated inside). Binding the reference first (`list := e.unverified`) or giving it a default
(`object.get(e, "unverified", [])`) makes both engines agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r'(?P<string>"(?:[^"\\\n]|\\.)*"|`[^`]*`)'
    r"|(?P<number>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>:=|==|!=|<=|>=|[-+*/%&|<>=.,;:()\[\]{}])"
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<newline>\n)"
    r"|(?P<space>[ \t\r]+)"
    r"|(?P<other>.)"
)
_OPEN = {"(": ")", "[": "]", "{": "}"}
_EQUALITY = {"==", "="}
_OPERATORS = {"in", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "&", "|"}
_ENDS = {"if", "else", "some", "every", "not", "with", "as", "contains", "default"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class UndefinedNegation:
    line: int
    column: int
    operand: str

    def message(self) -> str:
        return (
            f"`not` over `{self.operand}`, which may be undefined: OPA then fails the rule "
            "body, regorus takes `not` as true (OPA#1877)"
        )

    def hint(self) -> str:
        return (
            f"bind it first, `v := {self.operand}`, or give it a default with object.get; "
            "see docs/policy-authoring.md"
        )


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    line, start = 1, 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "newline":
            out.append(Token("newline", "\n", line, match.start() - start + 1))
            line, start = line + 1, match.end()
        elif kind not in ("space", "comment"):
            out.append(Token(kind, match.group(), line, match.start() - start + 1))
            line += match.group().count("\n")  # raw strings may span lines
    return out


def _negated(toks: list[Token], start: int) -> list[Token]:
    """The tokens of the expression that starts at ``start`` (just after `not`)."""
    depth, end = 0, start
    while end < len(toks):
        tok = toks[end]
        if tok.text in _OPEN:
            depth += 1
        elif tok.text in (")", "]", "}"):
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (tok.kind == "newline" or tok.text == ";"):
            break  # a `|` here is set union: `not` never precedes a comprehension's bar
        elif depth == 0 and tok.kind == "name" and tok.text in _ENDS:
            break
        end += 1
    return [t for t in toks[start:end] if t.kind != "newline"]


def _group_end(toks: list[Token], index: int) -> int:
    """Index just past the bracket group opening at ``index``."""
    depth = 0
    for position in range(index, len(toks)):
        if toks[position].text in _OPEN:
            depth += 1
        elif toks[position].text in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return position + 1
    return len(toks)


def _split(toks: list[Token], separators: set[str]) -> tuple[list[list[Token]], list[str]]:
    """Split at top-level separators; returns the parts and the separators found."""
    parts: list[list[Token]] = [[]]
    found: list[str] = []
    index = 0
    while index < len(toks):
        tok = toks[index]
        if tok.text in _OPEN:
            end = _group_end(toks, index)
            parts[-1].extend(toks[index:end])
            index = end
            continue
        if tok.text in separators and not (tok.text == "-" and not parts[-1]):
            found.append(tok.text)
            parts.append([])
        else:
            parts[-1].append(tok)
        index += 1
    return parts, found


def _is_comprehension(group: list[Token]) -> bool:
    inner = group[1:-1]
    _, found = _split(inner, {"|"})
    return bool(found) and group[0].text in ("{", "[")


def _ref_text(toks: list[Token]) -> str:
    text = ""
    for tok in toks:
        text += (
            tok.text
            if tok.text in (".", "[", "]", "(", ")") or not text
            else (tok.text if text.endswith(("[", "(", ".")) else (" " + tok.text))
        )
    return text.replace(" ,", ",")


def _refs(toks: list[Token]) -> list[list[Token]]:
    """References with a field or key (a.b, a[k]) at any depth, comprehensions excluded."""
    found: list[list[Token]] = []
    index = 0
    while index < len(toks):
        tok = toks[index]
        if tok.text in _OPEN:
            end = _group_end(toks, index)
            if not _is_comprehension(toks[index:end]):
                found += _refs(toks[index + 1 : end - 1])
            index = end
            continue
        if tok.kind != "name":
            index += 1
            continue
        end = index + 1
        while end < len(toks):
            if toks[end].text == "." and end + 1 < len(toks) and toks[end + 1].kind == "name":
                end += 2
            elif toks[end].text == "[":
                end = _group_end(toks, end)
            else:
                break
        is_call = end < len(toks) and toks[end].text == "("
        if end > index + 1 and not is_call:
            found.append(toks[index:end])
        for position in range(index, end):  # keys inside brackets may hold refs too
            if toks[position].text == "[":
                found += _refs(toks[position + 1 : _group_end(toks, position) - 1])
        index = end
    return found


def _problems_in(toks: list[Token], operands_may_be_refs: bool) -> list[list[Token]]:
    """Refs that OPA would hoist out of the negated expression ``toks``."""
    bad: list[list[Token]] = []
    parts, found = _split(toks, _OPERATORS | _EQUALITY)
    plain = operands_may_be_refs and set(found) <= _EQUALITY
    for part in parts:
        if not plain:  # an operand of a call-like operator: any ref in it is hoisted
            bad += _refs(part)
            continue
        bad += _inner_problems(part)
    return bad


def _inner_problems(toks: list[Token]) -> list[list[Token]]:
    """Call arguments and reference keys inside one operand that is itself allowed a ref."""
    bad: list[list[Token]] = []
    index = 0
    while index < len(toks):
        tok = toks[index]
        if tok.text == "(" and index > 0 and toks[index - 1].kind == "name":
            end = _group_end(toks, index)
            bad += _refs(toks[index + 1 : end - 1])
            index = end
        elif tok.text == "[" and index > 0 and toks[index - 1].kind in ("name", "op"):
            end = _group_end(toks, index)
            if toks[index - 1].text in ("]", ")") or toks[index - 1].kind == "name":
                bad += _refs(toks[index + 1 : end - 1])
            index = end
        elif tok.text in _OPEN:
            end = _group_end(toks, index)
            if not _is_comprehension(toks[index:end]):
                bad += _inner_problems(toks[index + 1 : end - 1])
            index = end
        else:
            index += 1
    return bad


def undefined_negations(text: str) -> list[UndefinedNegation]:
    """Every `not` in a Rego module whose operands OPA would hoist, at the operand."""
    toks = tokens(text)
    problems: list[UndefinedNegation] = []
    for index, tok in enumerate(toks):
        if tok.kind != "name" or tok.text != "not":
            continue
        expression = _negated(toks, index + 1)
        seen = set()
        for ref in _problems_in(expression, operands_may_be_refs=True):
            key = (ref[0].line, ref[0].column)
            if key not in seen:
                seen.add(key)
                problems.append(UndefinedNegation(ref[0].line, ref[0].column, _ref_text(ref)))
    return problems
