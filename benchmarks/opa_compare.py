"""The policy library on real OPA beside regorus: same input, same answers, and the time each takes.

For every example and generated inventories (worst and realistic), the input document is built
once as `check` builds it and evaluated by regorus in one process (EmbeddedEngine, workers=1) and
by real OPA in process (`--engine opa-inprocess`: governance/engine/opa_inprocess.py, OPA 1.20.2
through opa-golib-python-bindings), each loaded and asked as `check` does. Findings are compared
as multisets; any difference is printed (rule, choice, field, which engine has it) and the exit
code is 1. Also runs every Rego test on OPA as `policy test --engine opa-inprocess` does.

    python benchmarks/opa_compare.py [--sizes 1000] [--cases worst,realistic] [--no-examples]
        [--no-tests] [--profile] [--repeat 1] [--json FILE]

--profile times each rule package's deny/warn/obligation on OPA and on regorus separately.
Needs `pip install --ignore-requires-python 'opa-golib-python-bindings==0.4.4'`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from governance.authoring.testing import run_tests_with_coverage  # noqa: E402
from governance.engine import create_engine  # noqa: E402
from governance.engine.choice_index import with_choices_by_model  # noqa: E402
from governance.engine.embedded import EmbeddedEngine  # noqa: E402
from governance.evaluation.input import build_input  # noqa: E402
from governance.inventory import load_inventory  # noqa: E402
from governance.policy import load_policy_set  # noqa: E402

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
KINDS = ("deny", "warn", "obligation")


def opa_product_engine(policies):
    """`--engine opa-inprocess` as `governance check` loads it (answer checked against the
    contract): the OPA side of the comparison."""
    engine = create_engine("opa-inprocess")
    engine.load(policies)
    return engine


def regorus_engine(policies):
    engine = EmbeddedEngine(workers=1)
    engine.load(policies)
    return engine


def _key(kind: str, finding: dict) -> str:
    return json.dumps([kind, finding], sort_keys=True)


def multiset(result: dict) -> Counter:
    return Counter(_key(kind, f) for kind in KINDS for f in result.get(kind, []))


def differences(on_regorus: dict, on_opa: dict) -> list[str]:
    left, right = multiset(on_regorus), multiset(on_opa)
    lines = []
    for key in sorted(set(left) | set(right)):
        if left[key] != right[key]:
            kind, f = json.loads(key)
            lines.append(
                f"  {kind} {f.get('rule')} choice={f.get('choice')} field={f.get('field')}: "
                f"regorus x{left[key]}, OPA x{right[key]}"
            )
    return lines


def timed(function, *args):
    """(result, wall seconds, CPU seconds of this process: every thread, Go's included)."""
    gc.collect()
    gc.disable()
    start, cpu = time.perf_counter(), time.process_time()
    try:
        result = function(*args)
        return result, time.perf_counter() - start, time.process_time() - cpu
    finally:
        gc.enable()


def compare(name: str, inventory_dir: Path, policies, rego, opa, repeat: int) -> dict:
    inventory = load_inventory([inventory_dir], max_bytes=1 << 30)
    document = build_input(inventory, NOW)
    rego_runs = [timed(rego.evaluate, document) for _ in range(repeat)]
    opa_runs = [timed(opa.evaluate, document) for _ in range(repeat)]
    # reading the input alone: a path no module defines (undefined), with the same document
    sent = with_choices_by_model(document)  # what the engine sends
    reading = [timed(opa.document, "governance.no_such_rule", sent) for _ in range(repeat)]
    on_regorus, on_opa = rego_runs[0][0], opa_runs[0][0]
    diff = differences(on_regorus, on_opa)
    row = {
        "name": name,
        "choices": len(document.get("choices", [])),
        "findings": sum(multiset(on_regorus).values()),
        "regorus_s": min(r[1] for r in rego_runs),
        "opa_s": min(r[1] for r in opa_runs),
        "regorus_cpu_s": min(r[2] for r in rego_runs),
        "opa_cpu_s": min(r[2] for r in opa_runs),
        "opa_input_s": min(r[2] for r in reading),
        "differences": len(diff),
    }
    row["ratio"] = row["opa_s"] / row["regorus_s"] if row["regorus_s"] else float("nan")
    row["cpu_ratio"] = row["opa_cpu_s"] / row["regorus_cpu_s"] if row["regorus_cpu_s"] else 0
    print(
        f"{name:>20} {row['choices']:>7,} {row['findings']:>8,} {row['regorus_s']:>9.3f} "
        f"{row['opa_s']:>8.3f} {row['ratio']:>6.2f} {row['regorus_cpu_s']:>9.3f} "
        f"{row['opa_cpu_s']:>9.3f} {row['cpu_ratio']:>6.2f} {row['opa_input_s']:>10.3f}  "
        f"{'same' if not diff else f'{len(diff)} DIFFERENT'}",
        flush=True,
    )
    for entry in diff[:40]:
        print(entry)
    return row


HEADER = (
    f"{'inventory':>20} {'choices':>7} {'findings':>8} {'regorus s':>9} {'OPA s':>8} "
    f"{'OPA/r':>6} {'r CPU s':>9} {'OPA CPU s':>9} {'CPU/r':>6} {'OPA in CPU':>10}  answers"
)


def profile(inventory_dir: Path, policies, opa, only: str = "") -> None:
    """CPU seconds per rule package and kind on both engines, each evaluated alone.

    OPA goes through the engine module as `check --engine opa-inprocess` does (the same input,
    with the table the engine adds); its column is net of reading the input (a path no
    module defines, timed first): the bindings convert the whole input on every evaluation.
    """
    import regorus

    inventory = load_inventory([inventory_dir], max_bytes=1 << 30)
    document = build_input(inventory, NOW)
    packages = sorted(
        {
            line.split()[1]
            for m in policies.modules
            for line in m.text.splitlines()
            if line.startswith("package governance.")
            and not line.startswith("package governance.main")
            and (not only or line.split(".")[-1].strip() in only.split(","))
        }
    )
    engine = regorus.Engine()
    for module in policies.modules:
        engine.add_policy(module.name, module.text)
    engine.add_data_json(json.dumps(policies.data))
    engine.set_input_json(json.dumps(document))
    sent = with_choices_by_model(document)
    baseline = min(timed(opa.document, "governance.no_such_rule", sent)[2] for _ in range(2))
    print(f"OPA reading the input: {baseline:.3f} s CPU")
    print(f"{'rule (CPU seconds)':>45} {'regorus':>9} {'OPA net':>9}")
    queries = ["governance.lib.choices"]
    for package in packages:
        source = "".join(m.text for m in policies.modules if f"package {package}\n" in m.text)
        queries += [f"{package}.{k}" for k in KINDS if f"\n{k} contains" in source]
    for query in queries:
        t_rego = timed(engine.eval_rule_as_json, f"data.{query}")[2]
        t_opa = timed(opa.document, query, sent)[2]
        print(f"{'data.' + query:>45} {t_rego:>9.3f} {t_opa - baseline:>9.3f}", flush=True)


def run_tests_on_opa() -> int:
    """Every Rego test of the library on OPA as `policy test --engine opa-inprocess` runs
    them (one query); prints failures, returns their count."""
    results, _ = run_tests_with_coverage(coverage=False, engine="opa-inprocess")
    failed = [r for r in results if not r.passed]
    print(f"Rego tests on OPA: {len(results) - len(failed)}/{len(results)} passed")
    for result in failed:
        print(f"  FAILED {result.name} ({result.path}:{result.line}) {result.error}")
    return len(failed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="use cases per generated inventory")
    parser.add_argument("--cases", default="worst,realistic")
    parser.add_argument("--violation-rate", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-examples", action="store_true")
    parser.add_argument("--no-tests", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--packages", default="", help="profile only these (comma-separated)")
    parser.add_argument("--json", help="write the rows here")
    args = parser.parse_args(argv)
    policies = load_policy_set()
    rego, opa = regorus_engine(policies), opa_product_engine(policies)
    rows = []
    failures = 0
    if not args.no_tests:
        failures += run_tests_on_opa()
    print(HEADER)
    if not args.no_examples:
        for example in sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir()):
            rows.append(compare(example.name, example, policies, rego, opa, args.repeat))
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            for case in args.cases.split(","):
                rate = args.violation_rate if case == "realistic" else None
                out = Path(tmp) / f"{case}-{size}"
                generate(size, 1, max(1, size // 1000), out, violation_rate=rate)
                if args.profile:
                    print(f"profile {case} {size}")
                    profile(out, policies, opa, args.packages)
                if args.profile and args.packages:
                    continue
                rows.append(compare(f"{case} {size}", out, policies, rego, opa, args.repeat))
    failures += sum(1 for row in rows if row["differences"])
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
