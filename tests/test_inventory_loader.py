"""The inventory loader: source map, YAML 1.2 scalars, merge keys, directory merges, CLI."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from governance.errors import InputInvalid, SourceLocation
from governance.inventory import load_inventory
from governance.inventory.scalars import resolve_plain
from governance.inventory.yamlfile import YamlProblem, parse

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "governance" / "templates" / "inventory.yaml"

ORG = """\
apiVersion: governance/v1
organization:
  id: example-org
  name: Example Org
  jurisdictions: [US]
  data_classification:
    - level: internal
"""

MODEL = """\
apiVersion: governance/v1
models:
  - id: {id}
    name: {id}
    provider: OpenAI
    access_class: open-weight
    weights: {{availability: public}}
    license: {{key: apache-2.0}}
    source: {{retrieved_on: 2026-11-01}}
    deployments:
      - id: on-prem
        mode: self-hosted
        operator: org
        processing_locations: [us-east-1]
"""


def doc(text: str, path: str = "inv.yaml"):
    documents = parse(path, textwrap.dedent(text).encode())
    assert len(documents) == 1
    return documents[0]


def at(document, pointer: str) -> tuple[int, int]:
    location = document.locate(pointer)
    return location.line, location.column


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "governance", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- source map ---------------------------------------------------------------------------------


def test_pointer_to_nested_key_is_the_key_position():
    document = doc(
        """\
        apiVersion: governance/v1
        organization:
          requirements:
            retention:
              - classification: internal
                max_vendor_retention_days: 30
        """
    )
    assert at(document, "/organization") == (2, 1)
    assert at(document, "/organization/requirements") == (3, 3)
    assert at(document, "/organization/requirements/retention") == (4, 5)
    assert at(document, "/organization/requirements/retention/0") == (5, 9)
    assert at(document, "/organization/requirements/retention/0/max_vendor_retention_days") == (
        6,
        9,
    )


def test_pointer_to_sequence_items_block_and_flow():
    document = doc(
        """\
        levels:
          - level: public
          -   level: internal
        regions: [us-east-1,  eu-west-1]
        nested:
          - - a
            - b
        """
    )
    assert at(document, "/levels/0") == (2, 5)
    assert at(document, "/levels/1") == (3, 7)
    assert at(document, "/levels/1/level") == (3, 7)
    assert at(document, "/regions/0") == (4, 11)
    assert at(document, "/regions/1") == (4, 23)
    assert at(document, "/nested/0") == (6, 5)
    assert at(document, "/nested/0/1") == (7, 7)


def test_missing_pointer_falls_back_to_nearest_ancestor():
    document = doc(
        """\
        apiVersion: governance/v1
        organization:
          id: example-org
        """
    )
    assert at(document, "/organization/name") == (2, 1)
    assert at(document, "/nothing/here") == (1, 1)


def test_pointer_tokens_are_escaped():
    document = doc(
        """\
        a/b:
          c~d: 1
        """
    )
    assert document.data == {"a/b": {"c~d": 1}}
    assert at(document, "/a~1b/c~0d") == (2, 3)


def test_multi_document_file_keeps_each_documents_positions():
    text = ORG + "---\n" + MODEL.format(id="m1")
    documents = parse("multi.yaml", text.encode())
    assert [d.index for d in documents] == [0, 1]
    assert "organization" in documents[0].data
    assert "models" in documents[1].data
    second_start = ORG.count("\n") + 2  # the line after '---'
    assert at(documents[1], "") == (second_start, 1)
    assert at(documents[1], "/models/0/id") == (second_start + 2, 5)
    assert at(documents[1], "/models/0/deployments/0/processing_locations/0") == (
        second_start + 13,
        32,
    )


def test_multi_document_file_merges_and_locates(tmp_path: Path):
    path = tmp_path / "inventory.yaml"
    path.write_text(ORG + "---\n" + MODEL.format(id="m1"), encoding="utf-8")
    inventory = load_inventory([path])
    assert [m.id for m in inventory.models] == ["m1"]
    second_start = ORG.count("\n") + 2
    located = inventory.sources.locate("/models/0/deployments/0/id")
    assert (located.line, located.column) == (second_start + 10, 9)
    assert inventory.sources.locate("/organization/name").line == 4


def test_merged_directory_items_keep_their_own_file(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(ORG + MODEL.format(id="first").split("\n", 1)[1])
    (tmp_path / "b.yaml").write_text(MODEL.format(id="second"))
    inventory = load_inventory([tmp_path])
    assert [m.id for m in inventory.models] == ["first", "second"]
    a_path = str((tmp_path / "a.yaml").resolve())
    b_path = str((tmp_path / "b.yaml").resolve())
    assert inventory.sources.locate("/models/0/id") == SourceLocation(a_path, 9, 5)
    assert inventory.sources.locate("/models/1/id") == SourceLocation(b_path, 3, 5)
    assert inventory.sources.locate("/models/1/deployments/0/mode") == SourceLocation(b_path, 12, 9)
    # a file-local pointer goes with the file name in messages
    assert inventory.sources.place("/models/1/deployments/0") == (
        SourceLocation(b_path, 11, 9),
        "/models/0/deployments/0",
    )
    assert inventory.sources.locate("/organization/id") == SourceLocation(a_path, 3, 3)
    assert inventory.summary() == "example-org: 2 models, 0 use cases, 0 exceptions"


def test_same_file_given_twice_is_read_once(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(ORG)
    inventory = load_inventory([tmp_path, tmp_path / "a.yaml"])
    assert len(inventory.files) == 1


# --- YAML 1.2 scalars --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("NO", "NO"),  # Norway, not false (YAML 1.1)
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("2026-01-01", "2026-01-01"),  # a string; the date type parses it
        ("12:30:00", "12:30:00"),  # not sexagesimal
        ("1_000", "1_000"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0x1F", 31),
        ("0o17", 15),
        ("21e9", 21e9),
        ("1.5", 1.5),
        (".inf", float("inf")),
        ("-.Inf", float("-inf")),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(plain: str, value):
    resolved = resolve_plain(plain)
    assert resolved == value
    assert type(resolved) is type(value)


def test_nan_and_quoted_scalars():
    document = doc(
        """\
        a: .nan
        b: "true"
        c: '42'
        d: NO
        e: !!str 42
        """
    )
    assert document.data["a"] != document.data["a"]
    assert document.data["b"] == "true"
    assert document.data["c"] == "42"
    assert document.data["d"] == "NO"
    assert document.data["e"] == "42"


def test_yaml_1_2_values_reach_the_model(tmp_path: Path):
    path = tmp_path / "inventory.yaml"
    text = (ORG + MODEL.format(id="m1").split("\n", 1)[1]).replace("[US]", "[NO]")
    text = text.replace(
        "    source:",
        "    model_card: {parameters_total: 21e9, context_window: 0x20000}\n    source:",
    )
    path.write_text(text)
    inventory = load_inventory([path])
    assert inventory.organization.jurisdictions == ["NO"]
    card = inventory.models[0].model_card
    assert card.parameters_total == 21_000_000_000
    assert type(card.parameters_total) is int
    assert card.context_window == 131072
    assert str(inventory.models[0].source.retrieved_on) == "2026-11-01"


def test_non_integral_float_is_refused_for_integer_field(tmp_path: Path):
    path = tmp_path / "inventory.yaml"
    path.write_text(
        ORG.replace("  jurisdictions:", "  monthly_active_users: 2.5e0\n  jurisdictions:")
    )
    with pytest.raises(InputInvalid) as caught:
        load_inventory([path])
    assert [p.message for p in caught.value.problems] == ["expected an integer, got 2.5"]


# --- merge keys and aliases ----------------------------------------------------------------------


def test_merge_key_copies_missing_keys_and_own_keys_win():
    document = doc(
        """\
        defaults: &defaults
          mode: self-hosted
          operator: org
        deployments:
          - <<: *defaults
            id: a
          - <<: *defaults
            id: b
            operator: vendor
        """
    )
    a, b = document.data["deployments"]
    assert a == {"id": "a", "mode": "self-hosted", "operator": "org"}
    assert b == {"id": "b", "mode": "self-hosted", "operator": "vendor"}
    assert at(document, "/deployments/1/operator") == (9, 5)  # own key: where it is written
    assert at(document, "/deployments/1/mode") == (2, 3)  # merged key: where it was defined


def test_merge_key_list_earlier_source_wins():
    document = doc(
        """\
        one: &one {a: 1, b: 1}
        two: &two {b: 2, c: 2}
        both:
          <<: [*one, *two]
          d: 4
        """
    )
    assert document.data["both"] == {"d": 4, "a": 1, "b": 1, "c": 2}


def test_merged_inventory_section_validates(tmp_path: Path):
    # anchors must live inside a real section: unknown top-level keys are refused
    path = tmp_path / "inventory.yaml"
    path.write_text(
        ORG
        + textwrap.dedent(
            """\
            models:
              - id: m1
                name: m1
                provider: OpenAI
                access_class: open-weight
                weights: {availability: public}
                license: {key: apache-2.0}
                source: {retrieved_on: 2026-11-01}
                deployments:
                  - &base {id: a, mode: self-hosted, operator: org, processing_locations: [US]}
                  - {<<: *base, id: b}
            """
        )
    )
    inventory = load_inventory([path])
    assert [d.id for d in inventory.models[0].deployments] == ["a", "b"]
    assert inventory.models[0].deployments[1].processing_locations == ["US"]


def test_small_alias_use_is_fine_and_bomb_is_refused():
    ok = doc(
        """\
        a: &a [1, 2, 3]
        b: [*a, *a, *a]
        """
    )
    assert ok.data["b"] == [[1, 2, 3]] * 3
    bomb = "a: &a [" + ", ".join(["x"] * 100) + "]\n"
    bomb += "b: [" + ", ".join(["*a"] * 101) + "]\n"
    with pytest.raises(YamlProblem, match="alias expansion too large"):
        parse("bomb.yaml", bomb.encode())


def test_duplicate_key_via_quoting_is_still_a_duplicate():
    with pytest.raises(YamlProblem) as caught:
        parse("dup.yaml", b"a: 1\n'a': 2\n")
    assert caught.value.problem.format() == (
        "dup.yaml:2:1: error: /a: duplicate key 'a' (first defined at line 1; keep one)"
    )


def test_bom_is_accepted():
    document = parse("bom.yaml", b"\xef\xbb\xbfapiVersion: governance/v1\n")[0]
    assert document.data == {"apiVersion": "governance/v1"}


# --- the CLI on valid input --------------------------------------------------------------------


def test_validate_template_directory_prints_summary():
    result = run_cli("validate", "governance/templates")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "example-org: 1 model, 1 use case, 0 exceptions — valid\n"
    assert result.stderr == ""


def test_init_writes_a_valid_inventory_and_never_overwrites(tmp_path: Path):
    target = tmp_path / "governance"
    first = run_cli("init", str(target))
    assert first.returncode == 0, first.stderr
    written = target / "inventory.yaml"
    workflow = target / ".github" / "workflows" / "model-governance.yml"
    config, policies = target / "governance.toml", target / "policies" / "README.md"
    assert first.stdout == f"wrote {written}\nwrote {config}\nwrote {policies}\nwrote {workflow}\n"
    assert written.read_bytes() == TEMPLATE.read_bytes()
    assert "      - uses: model-governance/model-governance@v" in workflow.read_text()
    assert 'paths = ["inventory.yaml"]\n' in config.read_text()

    valid = run_cli("validate", str(target))
    assert valid.returncode == 0, valid.stderr
    assert valid.stdout.endswith(" — valid\n")

    written.write_bytes(written.read_bytes() + b"# edited by hand\n")
    before = written.read_bytes()
    second = run_cli("init", str(target))
    assert second.returncode == 2
    assert second.stdout == ""
    assert "Traceback" not in second.stderr
    assert second.stderr.startswith(
        f"governance: error: {written}, {config}, {policies}, {workflow} already exist;"
    )
    assert written.read_bytes() == before
    assert sorted(p.name for p in target.iterdir()) == [
        ".github",
        "governance.toml",
        "inventory.yaml",
        "policies",
    ]


def test_directories_skip_hidden_folders(tmp_path: Path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
    (tmp_path / "inventory.yaml").write_bytes(TEMPLATE.read_bytes())
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_init_puts_the_workflow_at_the_repository_root(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    result = run_cli("init", str(tmp_path / "inventories" / "prod"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".github" / "workflows" / "model-governance.yml").is_file()
    config = (tmp_path / "governance.toml").read_text()  # found from anywhere in the repo
    assert 'paths = ["inventories/prod/inventory.yaml"]\n' in config
    assert 'policy = ["inventories/prod/policies"]\n' in config
    assert (tmp_path / "inventories" / "prod" / "inventory.yaml").is_file()
