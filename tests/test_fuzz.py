"""Time-boxed property-based fuzzing of what reads hostile input and what prints it.

Each target runs hypothesis sessions until its time is up: GOVERNANCE_FUZZ_SECONDS per target
(default 1.5, so the whole file takes ~10 s; set it to 120 for a long run, e.g.
``GOVERNANCE_FUZZ_SECONDS=120 .venv/bin/python -m pytest -q -s tests/test_fuzz.py``, which
prints how many inputs each target saw). The properties are what issue 14 asks of every
reader: a result, or the errors it means to raise (exit 2 or 3 with a located line), never
any other exception; and every report format renders whatever text a report holds.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import math
import os
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.cli.options import checked_opa_url, parse_now
from governance.errors import GovernanceError, InputInvalid, UsageError
from governance.evaluation.check import check
from governance.evaluation.report import Report
from governance.inventory import load_inventory
from governance.inventory.datafile import MAX_DEPTH, load_data_file
from governance.policy import load_policy_set
from governance.policy.bundle import bundle_bytes, load_bundle
from governance.report import registry
from governance.report.formats import RenderContext
from tests.support.cli import REPO, TEMPLATE

SECONDS = float(os.environ.get("GOVERNANCE_FUZZ_SECONDS", "1.5"))
SESSION = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def fuzz(name: str, session: Callable[[], None], counter: list[int], capsys) -> None:
    """Run ``session`` (a @given test) again and again for SECONDS; say how many inputs."""
    start = time.monotonic()
    while time.monotonic() - start < SECONDS:
        session()
    with capsys.disabled():
        print(f"\nfuzz {name}: {counter[0]} inputs in {time.monotonic() - start:.1f} s")
    assert counter[0] > 0


# --- mutations of real input ----------------------------------------------------------------

# Characters that mean something to YAML, JSON, terminals or our own formats.
_SPECIAL = ":-[]{}&*!|>'\"%@`#,?\n\r\t \\/<>~=$\x00\x01\x07\x1b\x7f\x85\u2028\ufeff\uffff"
_TEXT = st.text(alphabet=st.sampled_from(_SPECIAL) | st.characters(), max_size=40)


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """``original`` after a few insertions, deletions, replacements and line copies."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "copy-line", "bytes"]))
        if kind == "insert":
            data[at:at] = draw(_TEXT).encode("utf-8", "surrogatepass")
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "replace":
            data[at : at + draw(st.integers(1, 10))] = draw(_TEXT).encode("utf-8", "surrogatepass")
        elif kind == "copy-line":
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            data[at:at] = data[start : end if end >= 0 else len(data)] + b"\n"
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


def _depth(value, level: int = 0) -> int:
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


# --- the inventory loader -------------------------------------------------------------------

TEMPLATE_BYTES = TEMPLATE.read_bytes()


def test_inventory_loader_answers_every_input(capsys) -> None:
    counter = [0]
    directory = Path(tempfile.mkdtemp(prefix="fuzz-inventory-"))
    target = directory / "inventory.yaml"

    @SESSION
    @given(mutated(TEMPLATE_BYTES) | st.binary(max_size=200))
    def session(raw: bytes) -> None:
        counter[0] += 1
        target.write_bytes(raw)
        try:
            load_inventory([target])
        except InputInvalid as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.location.line >= 1 and problem.location.column >= 1
                assert problem.format().startswith(f"{problem.location}: ")

    fuzz("inventory loader", session, counter, capsys)


# --- --data files ----------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def data_files(draw) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from([".json", ".yaml"]))
    value = {"key": draw(JSON_VALUES)}
    # NaN and Infinity included when the floats have them; JSON is YAML, and mutations of
    # the indented form make block YAML too
    text = json.dumps(value, indent=None if suffix == ".json" else 2)
    raw = text.encode("utf-8")
    if draw(st.booleans()):
        raw = draw(mutated(raw))
    return f"data{suffix}", raw


def test_data_loader_answers_every_input(capsys) -> None:
    counter = [0]

    @SESSION
    @given(data_files())
    def session(file: tuple[str, bytes]) -> None:
        counter[0] += 1
        name, raw = file
        try:
            value = load_data_file(name, raw)
        except InputInvalid as exc:
            assert exc.problems
            return
        assert isinstance(value, dict)
        json.dumps(value, allow_nan=False)  # what the engines take: no NaN, no infinity
        assert _depth(value) <= MAX_DEPTH + 1

    fuzz("--data loader", session, counter, capsys)


# --- report renderers --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_data() -> dict:
    """A real report (an example inventory, every kind of finding) as its JSON data."""
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        report = check(["examples/consumer-platform"], now=None)
    finally:
        os.chdir(previous)
    return report.as_dict()


_FREE_TEXT = {"message", "title", "remediation", "name", "path", "justification", "summary"}


def _with_text(value, texts: list[str], counter: list[int]):
    """``value`` with every free-text string replaced by the next of ``texts`` (cycling)."""
    if isinstance(value, dict):
        return {
            key: (
                texts[_next(counter) % len(texts)]
                if key in _FREE_TEXT and isinstance(item, str)
                else _with_text(item, texts, counter)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_with_text(item, texts, counter) for item in value]
    return value


def _next(counter: list[int]) -> int:
    counter[0] += 1
    return counter[0]


def test_every_format_renders_any_text(report_data: dict, capsys) -> None:
    counter = [0]
    context = RenderContext(repo_root=REPO)

    # Any Unicode scalar value: a lone surrogate cannot come from a reader (YAML refuses its
    # escape, the JSON readers too) and cannot be written to any UTF-8 output.
    scalar = st.characters(blacklist_categories=("Cs",))

    @SESSION
    @given(st.lists(st.text(alphabet=st.sampled_from(_SPECIAL) | scalar), min_size=1))
    def session(texts: list[str]) -> None:
        counter[0] += 1
        report = Report.from_dict(_with_text(report_data, texts, [0]))
        for report_format in registry.FORMATS:
            rendered = report_format.render(report, context)
            assert isinstance(rendered, str)
            if report_format.name in ("json", "sarif"):
                json.loads(rendered)
        # check --discover's JUnit, an ElementTree built from the Reports: still well-formed
        combined = registry.get("junit").combine([("teams/a", report)], context)
        ET.fromstring(combined.encode("utf-8"))

    fuzz("report renderers", session, counter, capsys)


# --- the bundle reader -------------------------------------------------------------------------

BUNDLE = bundle_bytes(load_policy_set(), "r1")
_MEMBER_NAMES = st.sampled_from(
    [".manifest", "governance/data.json", "x/data.json", "x/y/data.json", "policies/custom/a.rego"]
)
_MEMBER_CONTENT = (
    st.binary(max_size=40)
    | JSON_VALUES.map(lambda v: json.dumps(v).encode())
    | st.sampled_from([b"package governance.rules.a\n", b"package a\nf(x) := f(x)\n", b"[1]"])
)


def _tar(members: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as archive:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return gzip.compress(raw.getvalue(), mtime=0)


def test_bundle_reader_answers_every_input(capsys) -> None:
    counter = [0]
    path = Path(tempfile.mkdtemp(prefix="fuzz-bundle-")) / "bundle.tar.gz"
    built = st.dictionaries(_MEMBER_NAMES, _MEMBER_CONTENT, max_size=5).map(_tar)

    @SESSION
    @given(built | mutated(BUNDLE) | mutated(gzip.decompress(BUNDLE)).map(gzip.compress))
    def session(raw: bytes) -> None:
        counter[0] += 1
        path.write_bytes(raw)
        try:
            policies, evidence = load_bundle(path)
        except GovernanceError as exc:  # InputInvalid (2), a recursion (3)
            assert exc.exit_code in (2, 3)
            return
        assert policies.modules and isinstance(evidence, dict)

    fuzz("bundle reader", session, counter, capsys)


# --- command-line values -------------------------------------------------------------------


def test_command_line_values_are_parsed_or_refused(capsys) -> None:
    counter = [0]
    clocks = st.datetimes().map(lambda d: d.isoformat()) | _TEXT
    urls = (
        st.builds(
            lambda scheme, host, port: f"{scheme}://{host}:{port}",
            st.sampled_from(["http", "https", "ftp", ""]),
            st.sampled_from(["localhost", "[::1", "[::1]", "127.0.0.1", "", "a b"]),
            st.integers(-5, 10**6).map(str) | _TEXT,
        )
        | _TEXT
    )

    @SESSION
    @given(clocks, urls)
    def session(clock: str, url: str) -> None:
        counter[0] += 1
        try:
            parsed = parse_now(clock)
            assert parsed is not None and math.isfinite(parsed.timestamp())
        except UsageError:
            pass
        with contextlib.suppress(click.BadParameter):
            checked_opa_url(None, None, url)

    fuzz("--now and --opa-url", session, counter, capsys)
