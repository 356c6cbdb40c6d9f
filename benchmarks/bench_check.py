"""End-to-end `check` time vs the bare engine query, for 1k / 10k / 100k model choices.

Targets (issue #3): 10k choices <= 3 s end-to-end and <= 2x the bare engine time; 100k <= 30 s
and <= 2 GB peak RSS. Each measurement runs in a fresh subprocess, so peak RSS is its own.

Two inventories per size: the worst case (generate.py's default: every use case drawn from
the full range, ~93% of the choices rejected, ~4 findings per choice) and a realistic one
(--violation-rate, default 0.1: that fraction of the use cases drawn so, the rest comply).
The targets are judged on both.

    python benchmarks/bench_check.py [--sizes 1000,10000,100000] [--repeat 3]
        [--violation-rate 0.1] [--cases worst,realistic]

end-to-end: one process runs the `governance` executable's entry point (governance.cli.run)
on `check DIR --now ...`, timed from that call to its exit (os._exit after flushing): load
the inventory (and meanwhile the policies and the engine), build the input document, one
engine pass, findings, waivers, decisions, evidence, and the text report streamed to stdout
(here /dev/null). Imports are not timed. Its peak RSS is read at that exit.
"engine" (bare) is another fresh process (collector off, as in the executable) that loads
the same inventory as check() does and the policies untimed, builds the input document
untimed, and times only `engine.evaluate` (the engine's
own serialisation, evaluation on every core and parsing of its answer). "in e2e" is the
same call timed inside the end-to-end run; "rest" is end-to-end minus load and that. With
--repeat R each configuration runs R times (fresh processes each) and the fastest run is
shown, with the peak RSS of the largest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

NOW = "2026-11-24"

E2E = r"""
import json, os, resource, sys, time
import governance.cli.check as cli_check
import governance.evaluation.check as check_module
from governance.cli import run
from governance.engine.embedded import EmbeddedEngine

spent = {"engine": 0.0, "load": 0.0}
reports = []

def timed(name, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
    return wrapper

def kept(function):
    def wrapper(*args, **kwargs):
        reports.append(function(*args, **kwargs))
        return reports[-1]
    return wrapper

EmbeddedEngine.evaluate = timed("engine", EmbeddedEngine.evaluate)
check_module.load_inventory = timed("load", check_module.load_inventory)
cli_check.run_check = kept(cli_check.run_check)
argv = ["check", sys.argv[1], "--now", sys.argv[2], "--max-file-size", str(1 << 30)]
stdout = os.dup(1)
sink = os.open(os.devnull, os.O_WRONLY)
os.dup2(sink, 1)  # the text report streams to stdout, as a user's terminal or CI log
real_exit = os._exit
parent = os.getpid()

def finished(code):
    # the executable ends here (governance.process.exit_now), its output flushed
    t_end = time.perf_counter()
    if os.getpid() != parent:  # a forked worker of the load or the engine ending
        real_exit(code)
    os.dup2(stdout, 1)
    report = reports[0]
    counts = report.counts()
    os.write(1, (json.dumps({
        "exit_code": code,
        "choices": len(report.decisions),
        "rejected": counts["rejected"],
        "findings": len(report.all_findings),
        "load": spent["load"],
        "engine_in_e2e": spent["engine"],
        "end_to_end": t_end - t0,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }) + "\n").encode())
    real_exit(0)

os._exit = finished
sys.argv[1:] = argv
t0 = time.perf_counter()
run()
"""

BARE = r"""
import datetime as dt, gc, json, sys, time
gc.disable()  # as the governance executable runs
from governance.engine import create_engine
from governance.evaluation.input import build_input
from governance.inventory import load_inventory
from governance.policy import load_policy_set

now = dt.datetime.fromisoformat(sys.argv[2] + "T00:00:00+00:00")
inventory = load_inventory([sys.argv[1]], max_bytes=1 << 30, with_json=True)  # as check() loads
engine = create_engine("embedded")
engine.load(load_policy_set())
document = build_input(inventory, now)
start = time.perf_counter()
raw = engine.evaluate(document)
print(json.dumps({"bare": time.perf_counter() - start, "raw": sum(map(len, raw.values()))}))
"""

CHOICES_PER_USE_CASE = 1.545  # what generate.py produces on average

# choices -> (seconds end to end, end-to-end / engine, peak RSS MB); None: no target
TARGETS = {10_000: (3.0, 2.0, None), 100_000: (30.0, None, 2048)}


def _child(script: str, inventory: Path, source: Path | None) -> dict:
    env = dict(os.environ)
    if source is not None:  # measure the governance package of another checkout
        env["PYTHONPATH"] = str(source)
    result = subprocess.run(
        [sys.executable, "-c", script, str(inventory), NOW],
        capture_output=True,
        text=True,
        cwd=source,
        env=env,
    )
    if result.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(inventory: Path, repeat: int, source: Path | None = None) -> dict:
    runs = [_child(E2E, inventory, source) for _ in range(repeat)]
    bare = min(_child(BARE, inventory, source)["bare"] for _ in range(repeat))
    best = min(runs, key=lambda r: r["end_to_end"])
    best["rss_mb"] = max(r["rss_mb"] for r in runs)
    best["bare"] = bare
    best["e2e_runs"] = [round(r["end_to_end"], 2) for r in runs]
    best["ratio"] = best["end_to_end"] / bare if bare else float("nan")
    return best


def verdicts(row: dict) -> str:
    for threshold, (limit_s, limit_ratio, limit_mb) in TARGETS.items():
        if abs(row["choices"] - threshold) > threshold * 0.5:
            continue
        parts = [f"<= {limit_s:g} s {'PASS' if row['end_to_end'] <= limit_s else 'MISS'}"]
        if limit_ratio is not None:
            ok = row["ratio"] <= limit_ratio
            parts.append(f"<= {limit_ratio:g}x engine {'PASS' if ok else 'MISS'}")
        if limit_mb is not None:
            parts.append(f"<= {limit_mb} MB {'PASS' if row['rss_mb'] <= limit_mb else 'MISS'}")
        return "; ".join(parts)
    return "-"


HEADER = (
    f"{'case':>9} {'choices':>8} {'files':>5} {'rej %':>6} {'findings':>9} {'load s':>7} "
    f"{'in e2e':>7} {'rest s':>7} {'e2e s':>7} {'engine s':>9} {'e2e/eng':>8} {'RSS MB':>7}  target"
)


def line(case: str, files: int, row: dict) -> str:
    rest = row["end_to_end"] - row["load"] - row["engine_in_e2e"]
    rejected = 100.0 * row["rejected"] / max(row["choices"], 1)
    return (
        f"{case:>9} {row['choices']:>8,} {files:>5} {rejected:>5.1f}% {row['findings']:>9,} "
        f"{row['load']:>7.2f} {row['engine_in_e2e']:>7.2f} {rest:>7.2f} {row['end_to_end']:>7.2f} "
        f"{row['bare']:>9.2f} {row['ratio']:>8.2f} {row['rss_mb']:>7.0f}  {verdicts(row)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="model choices")
    parser.add_argument(
        "--use-cases-per-file",
        type=int,
        default=1000,
        help="split use cases into files of this many (a team's file); 0 = one file",
    )
    parser.add_argument(
        "--violation-rate",
        type=float,
        default=0.1,
        help="fraction of use cases drawn to break rules in the realistic case (default 0.1)",
    )
    parser.add_argument(
        "--cases", default="worst,realistic", help="which inventories: worst, realistic or both"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per configuration; the fastest is shown"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    parser.add_argument(
        "--source",
        type=Path,
        help="checkout whose governance package is measured (default: the installed one), "
        "e.g. an unpacked `git archive` of an older commit",
    )
    args = parser.parse_args(argv)
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    if not set(cases) <= {"worst", "realistic"}:
        parser.error("--cases takes worst and/or realistic")
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, seed {args.seed}, repeat {args.repeat}, "
        f"realistic = violation rate {args.violation_rate:g}"
        + (f", governance from {args.source}" if args.source else ""),
        flush=True,
    )
    print(HEADER, flush=True)
    rows = []
    for size in (int(s.replace("_", "")) for s in args.sizes.split(",")):
        for case in cases:
            rate = None if case == "worst" else args.violation_rate
            use_cases = max(1, round(size / CHOICES_PER_USE_CASE))
            per_file = args.use_cases_per_file
            files = 1 if per_file <= 0 else max(1, -(-use_cases // per_file))
            with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
                inventory = generate(use_cases, args.seed, files, Path(tmp) / "inv", rate)
                row = measure(inventory, args.repeat, args.source)
            row.update(case=case, files=files, size=size, violation_rate=rate)
            rows.append(row)
            print(line(case, files, row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
