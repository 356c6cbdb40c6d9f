"""The `opa` engine: wire contract against an in-test OPA server, and OPA's semantics.

No OPA binary can be installed on the project's machines. The in-test server
(tests/support/opa_fake.py) implements the subset of OPA's REST API the engine calls. Backed
by the embedded engine, it exercises paths, payloads, error bodies, auth and timeouts; backed
by real OPA in process (opa-golib-python-bindings, required in CI), `--engine opa` is checked
against OPA's own semantics.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from governance.engine.opa import OpaEngine, OpaSettings
from governance.errors import EngineFailure
from governance.evaluation.check import evaluate
from governance.evaluation.settings import EvaluationSettings
from governance.inventory import load_inventory
from governance.policy import load_policy_set
from tests.support.cli import REPO, TEMPLATE, governance
from tests.support.engine_diff import differences
from tests.support.opa_bindings import require_opa_bindings
from tests.support.opa_fake import FakeOpa

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
EXAMPLES = sorted(p for p in (REPO / "examples").glob("*/") if any(p.glob("*.yaml")))
INVENTORIES = [TEMPLATE, *EXAMPLES]


def _opa(settings: OpaSettings) -> EvaluationSettings:
    return EvaluationSettings(engine="opa", now=NOW, opa=settings)


def comparable(report) -> dict:
    document = report.as_dict()
    document["evidence"].pop("engine")
    document["evidence"].pop("engine_name")
    return document


@pytest.mark.parametrize("inventory", INVENTORIES, ids=lambda p: p.name)
def test_opa_engine_matches_embedded_on_the_builtin_library(inventory):
    loaded = load_inventory([inventory])
    policies = load_policy_set()
    embedded = evaluate(loaded, policies, EvaluationSettings(now=NOW))
    with FakeOpa() as server:
        remote = evaluate(loaded, policies, _opa(OpaSettings(url=server.url)))
        posts = [path for method, path in server.requests if method == "POST"]
    assert comparable(remote) == comparable(embedded)
    # one query for the whole inventory (plus the version probe), not one per choice
    assert posts[:2] == ["/v1/query", "/v1/data/governance/main/findings"]
    assert posts[2:] in ([], ["/v1/data/governance/main/findings"])  # alternatives: one pass


@pytest.fixture(scope="module")
def opa_server():
    """One in-test server answering with real OPA for the module (compiled once)."""
    require_opa_bindings()
    with FakeOpa(backend="opa") as server:
        yield server


@pytest.mark.parametrize("inventory", INVENTORIES, ids=lambda p: p.name)
def test_opa_engine_on_a_real_opa_backend_matches_embedded(inventory, opa_server):
    loaded = load_inventory([inventory])
    policies = load_policy_set()
    embedded = evaluate(loaded, policies, EvaluationSettings(now=NOW))
    remote = evaluate(loaded, policies, _opa(OpaSettings(url=opa_server.url)))
    assert remote.evidence.engine == f"opa fake-opa-1.20.2 at {opa_server.url}"
    found = differences(embedded, remote, ("embedded", "opa (server on real OPA)"))
    assert not found, "\n".join(found)
    assert comparable(remote) == comparable(embedded)


def test_policies_and_data_are_pushed_once_then_preloaded_pushes_nothing():
    loaded = load_inventory([TEMPLATE])
    policies = load_policy_set()
    with FakeOpa() as server:
        evaluate(loaded, policies, _opa(OpaSettings(url=server.url)))
        puts = [path for method, path in server.requests if method == "PUT"]
        assert len([p for p in puts if p.startswith("/v1/policies/model-governance/")]) == len(
            policies.modules
        )
        assert "/v1/data/governance" in puts
        server.requests.clear()
        evaluate(loaded, policies, _opa(OpaSettings(url=server.url, preloaded=True)))
        assert not [m for m, _ in server.requests if m == "PUT"]


def test_an_invalid_inventory_never_reaches_the_server(tmp_path):
    # the embedded engine compiles while the inventory loads; a server is contacted (and
    # sent the policies) only once the inventory is valid
    broken = tmp_path / "inventory.yaml"
    text = TEMPLATE.read_text("utf-8").replace("access_class: open-weight", "access_class: open")
    broken.write_text(text, "utf-8")
    with FakeOpa() as server:
        run = governance(
            "check", broken, "--engine", "opa", "--opa-url", server.url, "--now", "2026-11-24"
        )
        assert run.code == 2 and "access_class" in run.stderr
        assert server.requests == []


def test_token_is_sent_and_a_refusal_is_exit_three(tmp_path):
    def check_with_token(url: str, token: str):
        return governance(
            "check",
            TEMPLATE,
            "--engine",
            "opa",
            "--opa-url",
            url,
            "--now",
            "2026-11-24",
            env={**os.environ, "OPA_TOKEN": token},
        )

    with FakeOpa(token="s3cret") as server:
        ok = check_with_token(server.url, "s3cret")
        assert ok.code == 0, ok.stderr  # the clean template, approved through OPA
        assert ok.stdout.startswith("example-org: 1 model choice (1 approved)")
        refused = check_with_token(server.url, "wrong")
    assert refused.code == 3
    assert refused.stderr.strip() == (
        f"governance: error: OPA at {server.url} refused the request (401): "
        "missing or invalid token"
    )


def test_compile_error_on_the_server_is_exit_three(tmp_path):
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "broken.rego").write_text("package governance.rules.broken\n\nx := [1,\n", "utf-8")
    engine_policies = load_policy_set([policies])
    # the embedded engine refuses it as user input (exit 2); OPA reports it as a server error
    with FakeOpa() as server:
        engine = OpaEngine(OpaSettings(url=server.url))
        with pytest.raises(EngineFailure) as failure:
            engine.load(engine_policies)
    assert "answered 400: error(s) occurred while compiling module(s)" in str(failure.value)
    assert "broken.rego" in str(failure.value)


def test_timeout_is_an_engine_failure():
    with FakeOpa(delay=1.5) as server:
        engine = OpaEngine(OpaSettings(url=server.url, timeout=0.3, retries=0))
        with pytest.raises(EngineFailure, match=r"timed out after 0.3s \(reach\)"):
            engine.load(load_policy_set())


def test_undefined_result_is_never_a_pass():
    with FakeOpa() as server:
        engine = OpaEngine(OpaSettings(url=server.url, preloaded=True))
        engine.load(load_policy_set())  # preloaded: nothing pushed, server has no policies
        with pytest.raises(EngineFailure, match="undefined"):
            engine.evaluate({"choices": []})


def test_bad_opa_url_is_a_usage_error(tmp_path):
    run = governance("check", TEMPLATE, "--engine", "opa", "--opa-url", "localhost:8181")
    assert run.code == 2
    assert "must look like http://host:8181" in run.stderr


def test_fake_server_is_only_loopback():
    with FakeOpa() as server:
        assert server.url.startswith("http://127.0.0.1:")
