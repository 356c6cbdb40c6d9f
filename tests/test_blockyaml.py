"""The fast block-YAML reader against libyaml: same data, same positions, or it steps aside.

`blockyaml.read` answers for plain block-style files and returns None for anything else, so
`yamlfile.parse` falls back to libyaml. Wherever it answers, the answer must be exactly what
libyaml and our builder make of the same text: the data and the line:column of every pointer
(which every finding's file:line:col comes from). These tests compare the two on every file
we ship, on generated inventories, on hand-picked edge cases and on thousands of random
documents built from the constructs inventories use, mutated character by character.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from governance.errors import SourceLocation
from governance.inventory import blockyaml, positions, yamlfile

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


def libyaml(text: str):
    """(data, positions) as the libyaml path reads ``text``, or None when it refuses it."""
    try:
        documents = yamlfile.compose("t.yaml", text)
    except yamlfile.YamlProblem:
        return None
    if len(documents) != 1:
        return None
    return documents[0].data, documents[0].positions


def assert_same(text: str) -> bool:
    """Fail when the fast reader answers differently from libyaml; True when it answered."""
    fast = blockyaml.read(text)
    if fast is None:
        return False
    slow = libyaml(text)
    assert slow is not None, f"fast reader accepted what libyaml refuses:\n{text}"
    assert repr(fast[0]) == repr(slow[0]), f"data differs for:\n{text}"
    assert fast[1] == slow[1], f"positions differ for:\n{text}"
    return True


def shipped_yaml() -> list[Path]:
    return sorted(
        p
        for folder in ("examples", "tests/fixtures", "policies")
        for p in (ROOT / folder).rglob("*.y*ml")
        if p.suffix in (".yaml", ".yml")
    )


def test_every_example_is_read_fast_and_the_same():
    examples = sorted((ROOT / "examples").rglob("*.yaml"))
    inventories = [p for p in examples if "apiVersion" in p.read_text(encoding="utf-8")]
    assert len(inventories) >= 15
    for path in inventories:
        text = path.read_text(encoding="utf-8")
        assert assert_same(text), f"{path} fell back to libyaml"


def test_every_yaml_file_we_ship_reads_the_same_or_falls_back():
    answered = 0
    for path in shipped_yaml():
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (UnicodeDecodeError, OSError):  # OSError: the bad-input fixtures' broken links
            continue
        answered += assert_same(text)
    assert answered >= 20


@pytest.mark.parametrize("rate", [None, 0.1])
def test_generated_inventories_are_read_fast_and_the_same(tmp_path, rate):
    folder = generate(400, 3, 2, tmp_path / "inv", rate)
    for path in sorted(folder.rglob("*.yaml")):
        assert assert_same(path.read_text(encoding="utf-8")), path


def test_parse_uses_the_fast_reader_and_libyaml_for_the_rest():
    plain = "apiVersion: governance/v1\nmodels:\n  - id: a\n    name: A\n"
    anchored = "apiVersion: governance/v1\nx: &a 1\ny: *a\n"
    for text in (plain, anchored):
        documents = yamlfile.parse("f.yaml", text.encode())
        assert [(d.data, d.positions) for d in documents] == [libyaml(text)]
    assert blockyaml.read(plain) is not None
    assert blockyaml.read(anchored) is None


REFUSED = {
    "anchor": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "python tag": "a: !!python/object:os.system x\n",
    "merge key": "base: {a: 1}\nb:\n  <<: {a: 2}\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "directive": "%YAML 1.2\n---\na: 1\n",
    "end marker": "a: 1\n...\n",
    "multi-line plain": "a: one\n  two\n",
    "multi-line flow": "a: {b: 1,\n  c: 2}\n",
    "multi-line quoted": 'a: "one\n  two"\n',
    "escape": 'a: "tab\\there"\n',
    "keep chomping": "a: |+\n  x\n\nb: 1\n",
    "indentation indicator": "a: |2\n   x\n",
    "more-indented folded line": "a: >\n  x\n    y\n",
    "leading blank in block scalar": "a: >\n\n  x\n",
    "quoted key": '"a": 1\n',
    "key with a space": "a b: 1\n",
    "duplicate key": "a: 1\na: 2\n",
    "duplicate flow key": "a: {b: 1, b: 2}\n",
    "complex key": "? a\n: 1\n",
    "item on the next line": "a:\n  -\n    b: 1\n",
    "nested sequence": "a:\n  - - 1\n",
    "root sequence": "- a\n- b\n",
    "root scalar": "just text\n",
    "tab": "a:\tb\n",
    "carriage return": "a: 1\r\nb: 2\r\n",
    "line separator": "a: x\u2028y\n",
    "control character": "a: x\x07y\n",
    "colon space in a value": "a: b: c\n",
    "empty": "",
    "comments only": "# nothing\n",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_the_fast_reader_leaves_to_libyaml(name):
    assert blockyaml.read(REFUSED[name]) is None


ACCEPTED = {
    "leading document marker": "---\na: 1\n",
    "compact sequence": "a:\n- x\n- y\nb: 2\n",
    "map in sequence, wide dash": "a:\n  -   b: 1\n      c: 2\n  - d\n",
    "empty value then sibling": "a:\nb: 1\n",
    "comment after key": "a: # note\n  b: 1\n",
    "comment after value": "a: x # note\nb: 'y' # note\nc: [1, 2] # note\n",
    "hash inside a word": "a: C#sharp\n",
    "url": "a: https://example.com/x?y=1#z\n",
    "typed scalars": "a: 1\nb: -2.5\nc: .inf\nd: ~\ne: true\nf: NO\ng: 2024-05-01\nh: 0x1F\n",
    "quotes": "a: 'it''s'\nb: \"x: y, {z}\"\nc: ''\nd: \"\"\n",
    "flow nesting": "a: {b: [1, {c: d}], e: {}}\nf: [ ]\n",
    "flow trailing comma": "a: [x, y, ]\nb: {c: 1,}\n",
    "flow spacing": "a: {  b:   1 ,c: two words  }\n",
    "folded": "a: >-\n  one\n  two\n\n  three\nb: 1\n",
    "folded clipped": "a: >\n  one\n  two\n\n\nb: 1\n",
    "literal": "a: |\n  one\n    two\n  # not a comment\nb: |-\n  x\n",
    "block scalar in a sequence item map": "a:\n  - b: >-\n      text\n    c: 1\n",
    "unicode": "a: café ☕ 𝄞\n",
    "deep": "a:\n  b:\n    c:\n      - d: [1]\n        e:\n          f: g\n",
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_edge_cases_the_fast_reader_reads_like_libyaml(name):
    assert assert_same(ACCEPTED[name]), f"{name}: fell back to libyaml"


# --- random documents -------------------------------------------------------------------

# Scalars the fast reader takes, and (drawn rarely) ones it must leave to libyaml or read
# exactly as libyaml does at the edge of what plain text may hold.
WORDS = ["alpha", "two words", "x#y", "http://h/p#f", "-1", "0o17", "0x1F", "1e3", ".inf", "~"]
WORDS += ["null", "True", "NO", "2024-05-01", "a,b", "x]", "C#", "é", "a  b", "1.5", "+2", "a{b}"]
WORDS += ["a:b", "1:?e3", "h://x/y", "k:{v}"]
ODD = ["a: b", "-", "?", ":x", "@x", "%x", "!x", "&a", "*a", "a #c", "ok:", "'q", "x'", "|", ">"]
KEYS = ["id", "name", "a", "b-c", "d_e", "f.g", "1", "true", "key", "x"]
MUTATIONS = list(" \n:-#,[]{}'\"|>&*!?%@`\\\tab1")


def scalar(rng: random.Random) -> str:
    word = rng.choice(ODD if rng.random() < 0.03 else WORDS)
    style = rng.random()
    if style < 0.2:
        return '"' + word.replace('"', "") + '"'
    if style < 0.3:
        return "'" + word.replace("'", "''") + "'"
    return word


def flow(rng: random.Random, depth: int) -> str:
    parts = []
    for _ in range(rng.randint(0, 3)):
        value = flow(rng, depth + 1) if depth < 2 and rng.random() < 0.2 else scalar(rng)
        parts.append(value)
    if rng.random() < 0.5:
        parts = [f"{rng.choice(KEYS)}:{' ' * rng.randint(1, 2)}{p}" for p in parts]
        open_, close = "{", "}"
    else:
        open_, close = "[", "]"
    gap = " " * rng.randint(0, 1)
    return open_ + gap + (", " if rng.random() < 0.8 else ",").join(parts) + gap + close


def block_scalar(rng: random.Random, indent: int) -> list[str]:
    header = rng.choice(["|", "|-", ">", ">-", "|+", ">2"])
    lines = [header]
    margin = " " * (indent + rng.choice([1, 2, 4]))
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.15:
            lines.append("")
        elif roll < 0.25:
            lines.append(margin + "  " + rng.choice(WORDS))
        else:
            lines.append(margin + rng.choice(WORDS))
    return lines


def value(rng: random.Random, indent: int, depth: int) -> list[str]:
    """A value's text: its first line (after 'key: ') and any lines below it."""
    roll = rng.random()
    if depth < 3 and roll < 0.25:
        step = rng.choice([2, 2, 3, 4])
        return ["", *mapping(rng, indent + step, depth + 1)]
    if depth < 3 and roll < 0.4:
        step = rng.choice([0, 2, 2, 4])
        return ["", *sequence(rng, indent + step, depth + 1)]
    if roll < 0.55:
        return [flow(rng, 0)]
    if roll < 0.62:
        return block_scalar(rng, indent)
    return [scalar(rng)]


def mapping(rng: random.Random, indent: int, depth: int) -> list[str]:
    lines = []
    keys = rng.sample(KEYS, rng.randint(1, 4))
    if rng.random() < 0.02:
        keys.append(rng.choice([*keys, "<<"]))  # a duplicate key, or a merge
    for key in keys:
        first, *rest = value(rng, indent, depth)
        gap = "" if not first else " " * rng.choice([1, 1, 2])
        comment = " # c" if rng.random() < 0.1 else ""
        lines.append(" " * indent + f"{key}:{gap}{first}{comment}")
        lines.extend(rest)
        if rng.random() < 0.05:
            lines.append(" " * rng.randint(0, 6) + "# comment")
        if rng.random() < 0.05:
            lines.append("")
    return lines


def sequence(rng: random.Random, indent: int, depth: int) -> list[str]:
    lines = []
    for _ in range(rng.randint(1, 3)):
        dash = "-" + " " * rng.choice([1, 1, 3])
        if depth < 3 and rng.random() < 0.4:
            inner = mapping(rng, indent + len(dash), depth + 1)
            lines.append(" " * indent + dash + inner[0].lstrip(" "))
            lines.extend(inner[1:])
        else:
            first, *rest = value(rng, indent, depth + 1)
            if not first:  # a block below a dash: written as a map entry instead
                first, rest = scalar(rng), []
            lines.append(" " * indent + dash + first)
            lines.extend(rest)
    return lines


def document(rng: random.Random) -> str:
    lines = mapping(rng, 0, 0)
    if rng.random() < 0.1:
        lines.insert(0, "---")
    text = "\n".join(lines) + "\n"
    for _ in range(rng.choice([0, 0, 0, 1, 2])):  # character-level damage
        at = rng.randrange(len(text))
        kind = rng.random()
        if kind < 0.4:
            text = text[:at] + rng.choice(MUTATIONS) + text[at:]
        elif kind < 0.7:
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + rng.choice(MUTATIONS) + text[at + 1 :]
    return text


def test_random_documents_read_the_same_as_libyaml():
    rng = random.Random(20261124)
    answered = 0
    cases = 4000
    for _ in range(cases):
        answered += assert_same(document(rng))
    # the generator mostly writes what the fast reader takes: the comparison means something
    assert answered > cases * 0.3, answered


def test_a_line_longer_than_a_position_can_hold_is_left_to_libyaml():
    """Columns past positions.MAX_COLUMN all read as it (libyaml's path); the fast reader,
    which adds columns to a packed position, steps aside rather than overflow into the line."""
    short = f'tags: ["{"x" * (positions.MAX_COLUMN - 20)}", last]\n'
    assert assert_same(short)  # just below the limit: read fast, placed as libyaml places it
    text = f'tags: ["{"x" * positions.MAX_COLUMN}", last]\n'
    assert blockyaml.read(text) is None
    document = yamlfile.parse("t.yaml", text.encode())[0]
    assert document.data == {"tags": ["x" * positions.MAX_COLUMN, "last"]}
    assert positions.unpack(document.positions["/tags/1"]) == (1, positions.MAX_COLUMN)
    assert document.locate("/tags/0") == SourceLocation("t.yaml", 1, 8)
