"""The parallel reader (forked workers that hand their files back through spool files)
reads exactly what the one-process reader reads, and reports a bad file a worker read at its
file, line and column."""

from __future__ import annotations

import hashlib
import shutil
import sys

import pytest

import governance.inventory.load as load
from governance.errors import InputInvalid
from governance.inventory import reading
from governance.paths import display_path
from tests.support.cli import REPO, line_of

sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate


@pytest.fixture(scope="module")
def big_inventory(tmp_path_factory):
    folder = generate(4600, 5, 5, tmp_path_factory.mktemp("big") / "inv", 0.1)
    total = sum(p.stat().st_size for p in folder.rglob("*.yaml"))
    assert total > reading.PARALLEL_MIN_BYTES  # else this would test the one-process path
    files, _ = load.discover_files([folder])
    assert isinstance(reading.reader_for(files, 10 << 20), reading.ParallelReader)
    return folder


def documents_of(inventory):
    return [(d.path, d.index, d.positions, d.sha256) for d in inventory.sources.documents]


def test_parallel_and_one_process_loads_agree(big_inventory):
    calls = []
    parallel = load.load_inventory(
        [big_inventory],
        with_json=True,
        meanwhile=lambda: calls.append("parallel"),
        reader=reading.ParallelReader(10 << 20, workers=2),
    )
    single = load.load_inventory(
        [big_inventory],
        with_json=True,
        meanwhile=lambda: calls.append("single"),
        reader=reading.SerialReader(10 << 20),
    )
    assert calls == ["parallel", "single"]  # the meanwhile work runs once on either path
    assert len(parallel.use_cases) == 4600
    assert parallel.use_cases == single.use_cases
    assert parallel.models == single.models
    assert parallel.organization == single.organization
    assert parallel.exceptions == single.exceptions
    assert documents_of(parallel) == documents_of(single)
    dumped = [use_case.model_dump(mode="json") for use_case in single.use_cases]
    assert parallel.use_case_json == single.use_case_json == dumped
    assert not list(load.Path(reading.tempfile.gettempdir()).glob("governance-load-*"))


def test_evidence_digests_are_the_files_read(big_inventory):
    inventory = load.load_inventory([big_inventory])
    for shown, digest in inventory.digests():
        assert digest == hashlib.sha256(load.Path(shown).read_bytes()).hexdigest()
    assert len(inventory.digests()) == len(inventory.files) == 8


def test_a_bad_file_a_worker_reads_is_reported_at_its_line(big_inventory, tmp_path):
    copy = tmp_path / "inv"
    shutil.copytree(big_inventory, copy)
    files = sorted((copy / "use_cases").glob("*.yaml"))
    broken = files[2]
    text = broken.read_text("utf-8")
    broken.write_text(text.replace("    model_choices:\n", "    model_choices: [\n", 1), "utf-8")
    with pytest.raises(InputInvalid) as caught:
        load.load_inventory([copy])
    problems = caught.value.problems
    assert len(problems) == 1
    line, _ = line_of(broken, "model_choices: [")
    assert problems[0].location.path == display_path(broken)
    assert problems[0].location.line in (line, line + 1)
    assert problems[0].message.startswith("invalid YAML")
