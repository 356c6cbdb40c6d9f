"""End-to-end `check` time vs the bare engine query, for 1k / 10k / 100k model choices.

Targets (issue: evaluator): 10k choices <= 3 s end-to-end and <= 2x the bare engine time;
100k <= 30 s and <= 2 GB peak RSS. Each size runs in a fresh subprocess so peak RSS is its own.

    python benchmarks/bench_check.py [--sizes 1000,10000,100000] [--engine embedded]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate

CHILD = r"""
import datetime as dt, json, resource, sys, time
from governance.engine import create_engine
from governance.evaluation.check import evaluate
from governance.evaluation.input import build_input
from governance.inventory import load_inventory
from governance.policy import load_policy_set
from governance.report import text

path = sys.argv[1]
now = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
t0 = time.perf_counter()
inventory = load_inventory([path], max_bytes=1 << 30)
t_load = time.perf_counter()
policies = load_policy_set()
report = evaluate(inventory, policies, "embedded", now)
rendered = text.render(report)
t_end = time.perf_counter()
# the bare engine on the same input document, policies already compiled
engine = create_engine("embedded")
engine.load(policies)
document = build_input(inventory, now)
t1 = time.perf_counter()
engine.evaluate(document)
t_bare = time.perf_counter() - t1
print(json.dumps({
    "choices": inventory.choice_count,
    "load": t_load - t0,
    "end_to_end": t_end - t0,
    "bare": t_bare,
    "findings": len(report.all_findings),
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

CHOICES_PER_USE_CASE = 1.545  # what generate.py produces on average

TARGETS = {10_000: (3.0, 2.0, None), 100_000: (30.0, None, 2048)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument(
        "--use-cases-per-file",
        type=int,
        default=1000,
        help="split use cases into files of this many (a team's file); 0 = one file",
    )
    args = parser.parse_args()
    print(
        f"{'choices':>8} {'files':>6} {'findings':>9} {'load s':>7} {'e2e s':>7} {'engine s':>9} "
        f"{'e2e/eng':>8} {'RSS MB':>7}  target"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            use_cases = max(1, round(size / CHOICES_PER_USE_CASE))
            per_file = args.use_cases_per_file
            files = 1 if per_file <= 0 else max(1, -(-use_cases // per_file))
            out = generate(use_cases, 7, files, Path(tmp) / "inv")
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(out)], capture_output=True, text=True, check=True
            )
        row = json.loads(result.stdout)
        ratio = row["end_to_end"] / row["bare"] if row["bare"] else float("nan")
        target = ""
        for threshold, goal in TARGETS.items():
            if abs(row["choices"] - threshold) <= threshold * 0.5:
                limit_s, limit_ratio, limit_mb = goal
                ok = row["end_to_end"] <= limit_s
                ok &= limit_ratio is None or ratio <= limit_ratio
                ok &= limit_mb is None or row["rss_mb"] <= limit_mb
                target = (
                    ("PASS" if ok else "MISS")
                    + f" (<= {limit_s:g} s"
                    + (f", <= {limit_ratio:g}x engine" if limit_ratio else "")
                    + (f", <= {limit_mb} MB" if limit_mb else "")
                    + ")"
                )
        print(
            f"{row['choices']:>8} {files:>6} {row['findings']:>9} {row['load']:>7.2f} "
            f"{row['end_to_end']:>7.2f} {row['bare']:>9.2f} {ratio:>8.2f} "
            f"{row['rss_mb']:>7.0f}  {target}"
        )


if __name__ == "__main__":
    main()
