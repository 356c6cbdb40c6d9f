"""Recursive rules and functions in a user's policies, refused before any engine runs them.

Rego forbids recursion: OPA refuses it when it compiles (rego_recursion_error), but the
embedded engine (regorus) follows ``f(n) := f(n + 1)`` until its native stack overflows and
the process dies with SIGSEGV, printing nothing. So the modules' syntax trees (from regorus'
parser) are walked here: every rule's references to other rules (through ``data.``, imports,
and names of its own package, ``data.x[_].y`` counting as a reference to every match) make a
graph, and a cycle through a user's rule is refused with the rule and the path around it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import regorus

from governance.errors import EXIT_ENGINE, InputInvalid, InputProblem, SourceLocation

if TYPE_CHECKING:  # files.py calls this module while it loads
    from governance.policy.module import PolicyModule

RulePath = tuple  # a rule's path under data (keys)

AGGREGATOR = "builtin/governance/main.rego"  # the one built-in module that refers to user rules


class PolicyRecursion(InputInvalid):
    """A user's rule refers to itself, directly or through others: an engine would not
    finish (the embedded one crashes), so it is refused like an engine failure (exit 3)."""

    exit_code = EXIT_ENGINE


def _chain(node: dict, source: str) -> list | None:
    """A reference (Var, a.b, a[b]) as a list of keys (None for a computed one), else None."""
    kind, body = next(iter(node.items()))
    if kind == "Var":
        return [body["value"]]
    if kind == "RefDot":
        inner = _chain(body["refr"], source)
        return None if inner is None else [*inner, body["field"][1]]
    if kind == "RefBrack":
        inner = _chain(body["refr"], source)
        index = body["index"]
        key = index["String"]["value"] if "String" in index else None
        return None if inner is None else [*inner, key]
    return None


class _Module:
    def __init__(self, entry: dict):
        self.name = entry["source"]["file"]
        self.source = entry["source"]["contents"]
        ast = entry["ast"]
        self.package = tuple(_chain(ast["package"]["refr"], self.source) or ())
        self.imports: dict[str, list] = {}
        for item in ast.get("imports", []):
            target = _chain(item["refr"], self.source) or []
            alias = item.get("as")
            name = self.source[alias["start"] : alias["end"]] if alias else target[-1]
            if target and target[0] == "data":
                self.imports[name] = target[1:]
        self.rules = list(ast.get("rules", []))

    def text(self, span: dict) -> str:
        return self.source[span["start"] : span["end"]]


def _head(rule: dict) -> tuple[dict, dict]:
    """(head node, rule body node) of a Spec or Default rule."""
    kind, body = next(iter(rule.items()))
    if kind == "Default":
        return body, body
    return next(iter(body["head"].values())), body


def _locals(node, module: _Module, names: set[str]) -> None:
    """Names a rule binds itself (:= targets, some/every variables, function arguments)."""
    if isinstance(node, list):
        for item in node:
            _locals(item, module, names)
        return
    if not isinstance(node, dict):
        return
    for kind, body in node.items():
        if kind == "AssignExpr" and body.get("op") == "ColEq":
            _vars(body["lhs"], names)
        elif kind == "SomeIn":
            _vars([body.get("key"), body.get("value")], names)
        elif kind == "SomeVars":
            names.update(module.text(span) for span in body.get("vars", []))
        elif kind == "Every":
            names.update(module.text(span) for span in (body.get("key"), body.get("value")) if span)
        _locals(body, module, names)


def _vars(node, names: set[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _vars(item, names)
    elif isinstance(node, dict):
        if "Var" in node and isinstance(node["Var"], dict) and "value" in node["Var"]:
            names.add(node["Var"]["value"])
        for value in node.values():
            _vars(value, names)


def _references(node, found: list[list]) -> None:
    """Every maximal reference chain below ``node`` (and those in computed indexes)."""
    if isinstance(node, list):
        for item in node:
            _references(item, found)
        return
    if not isinstance(node, dict):
        return
    if len(node) == 1:
        kind, body = next(iter(node.items()))
        if kind in ("Var", "RefDot", "RefBrack"):
            chain = _chain(node, "")
            if chain is not None:
                found.append(chain)
            inner = node
            while True:  # computed indexes hold references of their own
                kind, body = next(iter(inner.items()))
                if kind == "RefBrack":
                    _references(body["index"], found)
                if kind not in ("RefDot", "RefBrack"):
                    return
                inner = body["refr"]
    for value in node.values():
        _references(value, found)


def _matches(reference: list, path: RulePath) -> bool:
    return all(r is None or r == p for r, p in zip(reference, path, strict=False))


def _graph(modules: list[_Module]):
    """rule path -> (where it is first defined, the rule paths it refers to)."""
    where: dict[RulePath, SourceLocation] = {}
    raw_refs: dict[RulePath, list[list]] = {}
    for module in modules:
        for rule in module.rules:
            head, body = _head(rule)
            own = _chain(head["refr"], module.source)
            if own is None:
                continue
            if None in own:  # r[k] := ...: the rule is r, k is a key it computes
                own = own[: own.index(None)]
            path = module.package + tuple(own)
            span = head.get("span") or body["span"]
            where.setdefault(path, SourceLocation(module.name, span["line"], span["col"]))
            bound: set[str] = set()
            _locals(body, module, bound)
            _vars(head.get("args", []), bound)
            found: list[list] = []
            parts = {k: v for k, v in head.items() if k != "refr"}
            _references([parts, {k: v for k, v in body.items() if k != "head"}], found)
            refs = raw_refs.setdefault(path, [])
            for chain in found:
                first = chain[0]
                if first == "data":
                    refs.append(chain[1:])
                elif first in module.imports:
                    refs.append(module.imports[first] + chain[1:])
                elif first not in bound and first not in ("input", "rego", "future"):
                    refs.append(list(module.package) + chain)
    paths = list(where)
    edges = {
        path: sorted(
            {target for ref in refs for target in paths if ref and _matches(ref, target)},
            key=str,
        )
        for path, refs in raw_refs.items()
    }
    return where, edges


def _cycle(edges: dict[RulePath, list[RulePath]], starts: list[RulePath]) -> list[RulePath] | None:
    """A cycle reachable from ``starts`` (its rules in order, the first repeated at the end)."""
    state: dict[RulePath, int] = {}  # 1 on the current path, 2 done
    for start in starts:
        if start in state:
            continue
        stack = [(start, iter(edges.get(start, [])))]
        trail = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                trail.pop()
            elif state.get(child) == 1:
                return [*trail[trail.index(child) :], child]
            elif child not in state:
                state[child] = 1
                trail.append(child)
                stack.append((child, iter(edges.get(child, []))))
    return None


def refuse_recursion(modules: list[PolicyModule]) -> None:
    """Raise PolicyRecursion when a user's rule in ``modules`` is part of a reference cycle.

    Of the built-in library only the aggregator is parsed: it collects
    data.governance.rules[_]; the rest refers to no user rule, so it cannot close a cycle
    (and parsing it would cost ~0.3 s).
    """
    custom = [m for m in modules if m.origin != "builtin"]
    if not custom:
        return
    aggregator = [m for m in modules if m.name == AGGREGATOR]
    engine = regorus.Engine()
    for module in [*aggregator, *custom]:
        try:
            engine.add_policy(module.name, module.text)
        except BaseException as exc:  # a parse error: the engine's own load words it
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            return
    parsed = [_Module(entry) for entry in json.loads(engine.get_ast_as_json())]
    where, edges = _graph(parsed)
    names = {m.name for m in custom}
    starts = sorted((p for p, at in where.items() if at.path in names), key=lambda p: where[p])
    cycle = _cycle(edges, starts)
    if cycle is None:
        return
    first = min(cycle[:-1], key=lambda p: (where[p].path not in names, where[p]))
    turn = cycle.index(first)
    ordered = cycle[turn:-1] + cycle[:turn] + [first]
    shown = " -> ".join(".".join(str(k) for k in ("data", *p)) for p in ordered)
    message = (
        f"recursion: {shown.split(' -> ')[0]} refers to itself"
        if len(ordered) == 2
        else f"recursion: {shown}"
    )
    raise PolicyRecursion(
        [
            InputProblem(
                where[first],
                "",
                message,
                "Rego forbids recursive rules and functions; the embedded engine would "
                "overflow its stack",
            )
        ]
    )
