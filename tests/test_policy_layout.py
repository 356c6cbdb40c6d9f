"""The built-in Rego library's shape: short files, one way to build a finding, and packages
split across files in the form regorus evaluates correctly (docs/policy-authoring.md)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.cli import REPO

POLICIES = REPO / "policies"
RULE_FILES = sorted(p for p in (POLICIES / "rules").glob("*.rego") if "_test" not in p.name)
HEAD = re.compile(r"^(deny|warn|obligation) contains (.*)$")
INLINE = re.compile(
    r'^\{"rule": "GOV-[A-Z]+-\d{3}", ("choice": c\.id, )?"field": field, "message": msg\} if \{$'
)
DEFINITION = re.compile(r"^([a-z_][a-z0-9_]*)(?=[ \[(]|$)")


def test_every_rego_file_is_short_and_rule_files_have_short_lines():
    too_long = []
    for path in sorted(POLICIES.rglob("*.rego")):
        lines = path.read_text("utf-8").splitlines()
        name = path.relative_to(REPO)
        if len(lines) > 500:
            too_long.append(f"{name}: {len(lines)} lines")
        if not path.name.endswith("_test.rego"):
            too_long += [f"{name}:{n}: {len(t)}" for n, t in enumerate(lines, 1) if len(t) > 120]
    assert too_long == []


def test_every_finding_is_built_inline_the_same_way():
    other = [
        f"{path.name}:{number}: {text}"
        for path in RULE_FILES
        for number, text in enumerate(path.read_text("utf-8").splitlines(), 1)
        if (head := HEAD.match(text)) and not INLINE.match(head.group(2))
    ]
    assert other == []


def _definitions(text: str) -> list[tuple[int, str, str]]:
    """(line, name, text up to the next definition) for each top-level rule or function."""
    found: list[tuple[int, str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = DEFINITION.match(line)
        if match and match.group(1) not in ("package", "import", "default"):
            found.append((number, match.group(1), [line]))
        elif found and not line.startswith("#"):
            found[-1][2].append(line)
    return [(n, name, re.sub(r'"(?:[^"\\]|\\.)*"', '""', "\n".join(b))) for n, name, b in found]


def test_split_packages_define_before_use_and_import_nothing_after_the_first_file():
    by_package: dict[str, list[Path]] = {}
    for path in RULE_FILES:
        package = re.search(r"^package (\S+)", path.read_text("utf-8"), re.MULTILINE)
        by_package.setdefault(package.group(1), []).append(path)
    problems = []
    for files in by_package.values():
        texts = {path: path.read_text("utf-8") for path in files}
        names = {name for text in texts.values() for _, name, _ in _definitions(text)}
        defined = {name for _, name, _ in _definitions(texts[files[0]])}
        for path in files[1:]:
            if re.search(r"^import ", texts[path], re.MULTILINE):
                problems.append(f"{path.name}: imports (write data.governance.lib.x)")
            for number, name, body in _definitions(texts[path]):
                uses = {n for n in names - {name} if re.search(rf"(?<![\w.]){n}\b", body)}
                later = uses - defined
                problems += [f"{path.name}:{number}: {name} uses {n} before it" for n in later]
                defined.add(name)
    assert problems == []
