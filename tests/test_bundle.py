"""OPA bundles: reproducible byte for byte, and `check --bundle` decides as the sources do."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile

import governance
from tests.support.cli import REPO, template_with
from tests.support.cli import governance as run_cli

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
EXAMPLE = REPO / "examples" / "eu-bank"


def test_bundle_is_reproducible_and_reports_its_digest(tmp_path):
    first, second = tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    runs = [run_cli("bundle", "build", "-o", p, "--revision", "2026.11.1") for p in (first, second)]
    assert all(r.code == 0 for r in runs)
    assert first.read_bytes() == second.read_bytes()
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    assert runs[0].stdout == f"wrote {first} (revision 2026.11.1, sha256 {digest})\n"
    with tarfile.open(fileobj=io.BytesIO(first.read_bytes()), mode="r:gz") as archive:
        names = archive.getnames()
        manifest = json.loads(archive.extractfile(".manifest").read())
        assert {m.mtime for m in archive.getmembers()} == {0}
    assert manifest == {"revision": "2026.11.1", "roots": ["governance"]}
    assert "policies/builtin/rules/safety.rego" in names
    assert "governance/data.json" in names
    assert names == sorted(names)


def test_check_from_a_bundle_matches_check_from_sources(tmp_path):
    bundle = tmp_path / "policy.tar.gz"
    assert run_cli("bundle", "build", "-o", bundle, "--revision", "r1").code == 0
    from_sources = governance.check([EXAMPLE], now=NOW).as_dict()
    from_bundle = governance.check([EXAMPLE], now=NOW, bundle=bundle).as_dict()
    evidence = from_bundle.pop("evidence")
    from_sources.pop("evidence")
    assert from_bundle == from_sources
    assert evidence["bundle"] == {
        "sha256": hashlib.sha256(bundle.read_bytes()).hexdigest(),
        "revision": "r1",
    }


def test_custom_policies_travel_in_the_bundle(tmp_path):
    bundle = tmp_path / "custom.tar.gz"
    policies = REPO / "tests" / "fixtures" / "policies" / "evaluator"
    assert run_cli("bundle", "build", policies, "--no-builtin", "-o", bundle).code == 0
    inventory = template_with(tmp_path)
    run = run_cli("check", inventory, "--bundle", bundle, "--now", "2026-11-24")
    assert run.code == 1
    assert "error: GOV-TST-001: on-prem has 24 GB" in run.stdout


def test_bad_bundle_and_mixed_flags_are_usage_errors(tmp_path):
    broken = tmp_path / "broken.tar.gz"
    broken.write_text("not a bundle")
    run = run_cli("check", EXAMPLE, "--bundle", broken)
    assert run.code == 2
    assert run.stderr.startswith(f"{broken}:1:1: error: not a readable bundle (.tar.gz)")
    mixed = run_cli("check", EXAMPLE, "--bundle", broken, "--no-builtin")
    assert mixed.code == 2 and "--bundle carries its own policies" in mixed.stderr
