"""Sharded evaluation (large inventories, one forked engine per core) gives the same answer
as one process, and a failure in any shard is still an engine failure, never a pass."""

from __future__ import annotations

import datetime as dt

import pytest

import governance.engine.embedded as embedded
from governance.engine.embedded import EmbeddedEngine
from governance.errors import EngineFailure
from governance.evaluation.input import build_input
from governance.inventory import load_inventory
from governance.policy import load_policy_set
from tests.support.cli import REPO

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())


@pytest.fixture
def shard_everything(monkeypatch):
    monkeypatch.setattr(embedded, "PARALLEL_MIN_CHOICES", 1)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_shards_agree_with_one_process(example, shard_everything):
    document = build_input(load_inventory([example]), NOW)
    policies = load_policy_set()
    assert len(embedded._shards(document, 2)) == 2
    single = EmbeddedEngine(workers=1)
    single.load(policies)
    sharded = EmbeddedEngine(workers=2)
    sharded.load(policies)

    def canonical(result):
        return {kind: sorted(map(repr, items)) for kind, items in result.items() if items}

    assert canonical(sharded.evaluate(document)) == canonical(single.evaluate(document))


def test_every_choice_of_a_use_case_stays_in_one_shard(shard_everything):
    document = build_input(load_inventory([REPO / "examples" / "hybrid-startup"]), NOW)
    import json

    shards = [json.loads(text)["choices"] for text in embedded._shards(document, 2)]
    owners = [{c["use_case"] for c in shard} for shard in shards]
    assert not owners[0] & owners[1]
    assert sum(len(s) for s in shards) == len(document["choices"])


def test_a_panic_in_a_shard_is_an_engine_failure(tmp_path, shard_everything):
    policies_dir = tmp_path / "policies"
    policies_dir.mkdir()
    (policies_dir / "panic.rego").write_text(
        'package governance.rules.panic_probe\n\ndeny contains {"message": '
        'sprintf("%\\u00bdd", [1])} if {\n\ttrue\n}\n',
        "utf-8",
    )
    document = build_input(load_inventory([REPO / "examples" / "hybrid-startup"]), NOW)
    engine = EmbeddedEngine(workers=2)
    engine.load(load_policy_set([policies_dir], builtin=False))
    with pytest.raises(EngineFailure, match="embedded engine panicked: could not get digit"):
        engine.evaluate(document)
