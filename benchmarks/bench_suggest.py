"""`suggest` for one choice vs `check` of the same inventory, measured side by side.

Target (issue #18): `governance suggest INV CHOICE` on a generated ~10k-choice inventory costs
at most 2x `governance check INV`. Also shown: check with --no-suggestions, i.e. what the
alternatives for rejected choices (one extra engine pass) add to a check.

    python benchmarks/bench_suggest.py [--size 10000] [--repeat 3] [--cases worst,realistic]

Each command runs as the `governance` executable in a fresh process (python -m governance,
imports included, output to /dev/null); with --repeat R the fastest of R runs is shown, the
three commands taking turns so machine noise hits them alike. The choice is the first
rejected one of the inventory (taken from a JSON check run before timing).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

NOW = "2026-11-24"
CHOICES_PER_USE_CASE = 1.55  # generate.py's average, as in bench_check.py
BIG = str(1 << 30)


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "governance", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"governance {' '.join(args)} failed: {result.stderr.strip()}")
    return elapsed


def measure(inventory: Path, repeat: int) -> dict:
    first = ["check", str(inventory), "--now", NOW, "--max-file-size", BIG, "--no-suggestions"]
    report = subprocess.run(
        [sys.executable, "-m", "governance", *first, "-o", "json"],
        capture_output=True,
        text=True,
    )
    if report.returncode not in (0, 1):
        raise SystemExit(f"check of {inventory} failed: {report.stderr.strip()}")
    data = json.loads(report.stdout)
    choice = next(d["id"] for d in data["decisions"] if d["decision"] == "rejected")
    common = ["--now", NOW, "--max-file-size", BIG]
    commands = {
        "check": ["check", str(inventory), *common],
        "check --no-suggestions": ["check", str(inventory), *common, "--no-suggestions"],
        "suggest": ["suggest", str(inventory), choice, *common, "-o", "json"],
    }
    best = {name: float("inf") for name in commands}
    for _ in range(repeat):
        for name, args in commands.items():
            best[name] = min(best[name], _run(args))
    pairs = sum(len(m["deployments"]) for m in _models(inventory))
    return {
        "choices": len(data["decisions"]),
        "rejected": data["counts"]["rejected"],
        "pairs": pairs,
        "choice": choice,
        **best,
    }


def _models(inventory: Path) -> list[dict]:
    import yaml

    return yaml.safe_load((inventory / "models.yaml").read_text("utf-8"))["models"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="model choices (about)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", default="worst,realistic")
    parser.add_argument("--violation-rate", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, seed {args.seed}, repeat {args.repeat}",
        flush=True,
    )
    print(
        "| case | choices | rejected | pairs | check s | check --no-suggestions s "
        "| suggest s | suggest / check | target |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for case in [c.strip() for c in args.cases.split(",") if c.strip()]:
        rate = None if case == "worst" else args.violation_rate
        use_cases = max(1, round(args.size / CHOICES_PER_USE_CASE))
        with tempfile.TemporaryDirectory(prefix="bench-suggest-") as tmp:
            inventory = generate(use_cases, args.seed, 1, Path(tmp) / "inv", rate)
            row = measure(inventory, args.repeat)
        ratio = row["suggest"] / row["check"]
        print(
            f"| {case} | {row['choices']:,} | {row['rejected']:,} | {row['pairs']} "
            f"| {row['check']:.2f} | {row['check --no-suggestions']:.2f} "
            f"| {row['suggest']:.2f} | {ratio:.2f} | {'PASS' if ratio <= 2 else 'MISS'} (<= 2) |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
