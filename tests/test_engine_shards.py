"""Sharded evaluation (large inventories, one forked engine per core) gives the same answer
as one process, and a failure in any shard is still an engine failure, never a pass."""

from __future__ import annotations

import datetime as dt
import json
import os

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


def shards(document: dict, workers: int) -> list[list]:
    """The shards every inventory is split into, however few its choices."""
    return embedded.shard_groups(document, workers, min_choices=1)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_shards_agree_with_one_process(example):
    document = build_input(load_inventory([example]), NOW)
    policies = load_policy_set()
    assert len(shards(document, 2)) == 2
    single = EmbeddedEngine(workers=1)
    single.load(policies)
    sharded = EmbeddedEngine(workers=2, parallel_min_choices=1)
    sharded.load(policies)

    def canonical(result):
        return {kind: sorted(map(repr, items)) for kind, items in result.items() if items}

    assert canonical(sharded.evaluate(document)) == canonical(single.evaluate(document))


def test_every_choice_of_a_use_case_stays_in_one_shard():
    document = build_input(load_inventory([REPO / "examples" / "hybrid-startup"]), NOW)
    shared = embedded.shared_json(document)
    split = [
        json.loads(embedded.shard_json(shared, group))["choices"] for group in shards(document, 2)
    ]
    owners = [{c["use_case"] for c in shard} for shard in split]
    assert not owners[0] & owners[1]
    assert sum(len(s) for s in split) == len(document["choices"])


def test_a_panic_in_a_shard_is_an_engine_failure(tmp_path):
    policies_dir = tmp_path / "policies"
    policies_dir.mkdir()
    (policies_dir / "panic.rego").write_text(
        'package governance.rules.panic_probe\n\ndeny contains {"message": '
        'sprintf("%\\u00bdd", [1])} if {\n\ttrue\n}\n',
        "utf-8",
    )
    document = build_input(load_inventory([REPO / "examples" / "hybrid-startup"]), NOW)
    engine = EmbeddedEngine(workers=2, parallel_min_choices=1)
    engine.load(load_policy_set([policies_dir], builtin=False))
    with pytest.raises(EngineFailure, match="embedded engine panicked: could not get digit"):
        engine.evaluate(document)


def test_a_shard_process_that_dies_unanswered_is_an_engine_failure(monkeypatch):
    document = build_input(load_inventory([REPO / "examples" / "hybrid-startup"]), NOW)
    engine = EmbeddedEngine(workers=2, parallel_min_choices=1)
    engine.load(load_policy_set())
    # what an out-of-memory kill or a native abort looks like from here: no answer, an exit code
    monkeypatch.setattr(embedded, "_evaluate_shard", lambda *args: os._exit(3))
    with pytest.raises(EngineFailure, match=r"a shard's process exited \(3\) without answering"):
        engine.evaluate(document)


def test_the_engine_sizes_its_shards_by_the_cores_this_process_may_use(monkeypatch):
    """Under an affinity mask (a container's cpuset, taskset) the engine forks no more shards
    than the cores it may run on, as the YAML loader does."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert EmbeddedEngine().workers == 1
