"""Baselines: `governance baseline create` records today's findings by fingerprint, and
`check --baseline` gates only on findings that are not in it, listing entries gone stale.

The inventory (tests/support/gitrepo.py) starts with one violation: GOV-CAT-009 on the 8 GB
deployment `small-gpu`, in two model choices.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.support.cli import REPO, governance, line_of
from tests.support.gitrepo import edit, use_case, write_inventory

NOW = "2026-11-24"
REPORT_SCHEMA = json.loads((REPO / "schemas" / "report.schema.json").read_text("utf-8"))
BASELINE_SCHEMA = json.loads((REPO / "schemas" / "baseline.schema.json").read_text("utf-8"))
OLD = [
    ("contract-review/gpt-oss-20b/small-gpu", "GOV-CAT-009"),
    ("legacy-tagging/gpt-oss-20b/small-gpu", "GOV-CAT-009"),
]


def create(cwd: Path, *args: str):
    return governance("baseline", "create", "inventory", "--now", NOW, *args, cwd=cwd)


def check(cwd: Path, *args: str):
    return governance(
        "check", "inventory", "--now", NOW, "--baseline", "baseline.json", *args, cwd=cwd
    )


def test_round_trip_create_pass_new_violation_fix_stale(tmp_path: Path):
    inventory = write_inventory(tmp_path / "inventory")
    assert governance("check", "inventory", cwd=tmp_path).code == 1

    made = create(tmp_path, "-o", "baseline.json")
    assert made.code == 0, made.stderr
    assert made.stderr == "wrote baseline.json: 2 findings recorded\n"
    baseline = json.loads((tmp_path / "baseline.json").read_text("utf-8"))
    jsonschema.validate(baseline, BASELINE_SCHEMA)
    assert baseline["baseline_version"] == "1"
    assert [(e["choice"], e["rule"]) for e in baseline["findings"]] == OLD
    assert all(set(e) == {"fingerprint", "rule", "choice", "message"} for e in baseline["findings"])

    # 1. everything baselined: passes, and says so
    run = check(tmp_path)
    assert run.code == 0, run.stdout
    lines = run.stdout.splitlines()
    assert lines[0] == (
        "acme: 4 model choices (2 rejected, 2 approved); 0 new errors, 0 new warnings — approved"
    )
    assert lines[1] == (
        "compared with baseline baseline.json: 2 baselined findings; 0 stale baseline entries"
    )
    assert sum(line.endswith("[baselined]") for line in lines) == 2

    # 2. a new violation fails, on that one only
    with (inventory / "use-cases.yaml").open("a", encoding="utf-8") as handle:
        handle.write(use_case("ocr", "internal", "small-gpu:primary"))
    run = check(tmp_path, "-o", "json")
    assert run.code == 1
    report = json.loads(run.stdout)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(report)
    found = sorted(
        (f["choice"], f["rule"], f["status"]) for d in report["decisions"] for f in d["findings"]
    )
    assert found == [
        ("contract-review/gpt-oss-20b/small-gpu", "GOV-CAT-009", "baselined"),
        ("legacy-tagging/gpt-oss-20b/small-gpu", "GOV-CAT-009", "baselined"),
        ("ocr/gpt-oss-20b/small-gpu", "GOV-CAT-009", "new"),
    ]
    assert report["comparison"]["kind"] == "baseline"
    assert report["comparison"]["base"] == "baseline.json"
    assert check(tmp_path, "--fail-on", "never").code == 0

    # 3. fix an old one (move contract-review off the small GPU): its entry is stale
    edit(
        inventory / "use-cases.yaml",
        "deployment: small-gpu, role: fallback",
        "deployment: on-prem, role: fallback",
    )
    edit(inventory / "use-cases.yaml", use_case("ocr", "internal", "small-gpu:primary"), "")
    run = check(tmp_path)
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert lines[1] == (
        "compared with baseline baseline.json: 1 baselined finding; 1 stale baseline entry"
    )
    stale = next(e for e in baseline["findings"] if e["choice"].startswith("contract-review/"))
    assert lines[-2:] == [
        "stale baseline entries (no longer occur; remove them from baseline.json):",
        f"  {stale['fingerprint']}: GOV-CAT-009: contract-review/gpt-oss-20b/small-gpu: "
        f"{stale['message']}",
    ]
    report = json.loads(check(tmp_path, "-o", "json").stdout)
    assert report["comparison"]["stale_baseline"] == [stale]

    # 4. recreating the baseline shrinks it
    assert create(tmp_path, "-o", "baseline.json").code == 0
    shrunk = json.loads((tmp_path / "baseline.json").read_text("utf-8"))
    assert [(e["choice"], e["rule"]) for e in shrunk["findings"]] == OLD[1:]


def test_fingerprints_ignore_line_numbers(tmp_path: Path):
    inventory = write_inventory(tmp_path / "inventory")
    assert create(tmp_path, "-o", "baseline.json").code == 0
    first = (tmp_path / "baseline.json").read_bytes()
    assert create(tmp_path, "-o", "baseline.json").code == 0
    assert (tmp_path / "baseline.json").read_bytes() == first  # byte-identical

    # Comments above and between: every line of the offending deployment moves.
    before = line_of(inventory / "models.yaml", "accelerator_memory_gb: 8")
    models = (inventory / "models.yaml").read_text("utf-8")
    models = models.replace(
        "      - id: small-gpu\n", "      # the old box\n\n      - id: small-gpu\n"
    )
    (inventory / "models.yaml").write_text("# moved\n# around\n" + models, "utf-8")
    assert line_of(inventory / "models.yaml", "accelerator_memory_gb: 8")[0] == before[0] + 4
    run = check(tmp_path)
    assert run.code == 0, run.stdout
    assert "2 baselined findings; 0 stale baseline entries" in run.stdout
    assert create(tmp_path, "-o", "again.json").code == 0
    assert (tmp_path / "again.json").read_bytes() == first


def test_a_finding_recorded_as_waived_is_new_when_the_waiver_goes(tmp_path: Path):
    inventory = write_inventory(tmp_path / "inventory")
    (inventory / "exceptions.yaml").write_text(
        """\
apiVersion: governance/v1
exceptions:
  - id: WVR-1
    scope: {use_case: legacy-tagging}
    rules: [GOV-CAT-009]
    justification: The T4 box is replaced in Q1.
    requested_by: {name: Ada Lovelace, email: ada@example.org}
    approver: {name: Grace Hopper, email: grace@example.org, role: CISO}
    approved_on: 2026-10-01
    expires_on: 2027-01-31
""",
        "utf-8",
    )
    assert create(tmp_path, "-o", "baseline.json").code == 0
    entries = json.loads((tmp_path / "baseline.json").read_text("utf-8"))["findings"]
    assert [e.get("waived_by") for e in entries] == [None, "WVR-1"]
    assert check(tmp_path).code == 0

    # After expiry the finding is open again: the baseline does not hide it.
    run = governance(
        "check", "inventory", "--now", "2027-02-01", "--baseline", "baseline.json", cwd=tmp_path
    )
    assert run.code == 1
    assert "GOV-CAT-009" in next(
        line for line in run.stdout.splitlines() if line.endswith("[new]") and "error" in line
    )


def test_sarif_shows_baselined_findings_as_suppressions(tmp_path: Path):
    inventory = write_inventory(tmp_path / "inventory")
    assert create(tmp_path, "-o", "baseline.json").code == 0
    with (inventory / "use-cases.yaml").open("a", encoding="utf-8") as handle:
        handle.write(use_case("ocr", "internal", "small-gpu:primary"))
    run = check(tmp_path, "-o", "sarif")
    assert run.code == 1
    results = json.loads(run.stdout)["runs"][0]["results"]
    by_choice = {r["locations"][0]["logicalLocations"][0]["name"]: r for r in results}
    assert "suppressions" not in by_choice["ocr/gpt-oss-20b/small-gpu"]
    for choice, _ in OLD:
        assert by_choice[choice]["suppressions"][0]["status"] == "accepted"


def test_an_invalid_baseline_is_exit_2_at_file_line_column(tmp_path: Path):
    write_inventory(tmp_path / "inventory")
    (tmp_path / "baseline.json").write_text(
        '{\n  "baseline_version": "1",\n  "findings": [\n    {"fingerprint": "abc",'
        ' "rule": "GOV-CAT-009", "choice": null, "message": ""}\n  ]\n}\n',
        "utf-8",
    )
    run = check(tmp_path)
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr == (
        "baseline.json:4:6: error: /findings/0/fingerprint: 'abc' does not match "
        "'^[0-9a-f]{32}$' (recreate it with: governance baseline create PATH -o FILE)\n"
    )
    (tmp_path / "baseline.json").write_text(
        '{\n  "baseline_version": "1",\n  "findings": [\n', "utf-8"
    )
    run = check(tmp_path)
    assert run.code == 2
    assert run.stderr.startswith("baseline.json:4:1: error: invalid JSON: Expecting value")
    run = governance("check", "inventory", "--baseline", "missing.json", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.startswith("missing.json:1:1: error: cannot read baseline: No such file")
