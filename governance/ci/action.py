"""The GitHub Action's check step: `python -m governance.ci.action`, configured by environment.

action.yml passes its inputs as INPUT_* variables (composite actions do not do that by
themselves) and the pull request's base commit as PR_BASE_SHA. This step:

1. picks the base: the `base-ref` input, else the pull request's base commit; `none` or no
   pull request means no comparison (the `baseline` input then applies, if given). A base
   commit missing from a shallow checkout is fetched (`git fetch --depth=1 origin SHA`);
2. runs `governance check` (which reads governance.toml: inventories, policies, data, rule
   overrides, fail-on; an input given here wins) with `-o github` on stdout (annotations in
   the log and the diff),
   Markdown for the step summary, JSON for the verdict, and the requested `formats` as files
   in `output-dir`;
3. appends the Markdown to $GITHUB_STEP_SUMMARY (or the error, when the check could not run),
   writes the outputs (verdict, exit-code, report-dir and a path per format) to $GITHUB_OUTPUT,
   and exits with the check's exit code, so the step fails exactly when the check does.

It runs the same way on a laptop: tests/test_action.py runs it against a temp repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from governance.config import find_config, load_config
from governance.errors import GovernanceError
from governance.output_safety import fenced, log_text, plain_line, visible, workflow_data
from governance.report import registry

STDOUT_FORMAT = "github"  # the annotations this step prints; never a file in output-dir
VERDICT_ORDER = ("rejected", "approved-with-conditions", "approved")


def _words(value: str) -> list[str]:
    return shlex.split(value or "")


def _flag(value: str) -> bool:
    return (value or "").strip().lower() in ("true", "yes", "1", "on")


def _log(message: str) -> None:
    """A line for the job log; its paths and refs come from inputs and may hold anything."""
    print(plain_line(message), file=sys.stderr, flush=True)


def _base_ref(env: dict) -> str:
    given = (env.get("INPUT_BASE_REF") or "").strip()
    if given.lower() == "none":
        return ""
    return given or (env.get("PR_BASE_SHA") or "").strip()


def _ensure_commit(ref: str, cwd: Path) -> None:
    """Fetch the base commit when a shallow checkout lacks it (best effort: `check` reports
    a missing commit itself, with the command to run)."""
    present = subprocess.run(
        ["git", "cat-file", "-e", f"{ref}^{{commit}}"], cwd=cwd, capture_output=True, check=False
    )
    if present.returncode == 0:
        return
    _log(f"fetching the base commit {ref}")
    subprocess.run(["git", "fetch", "--no-tags", "--depth=1", "origin", ref], cwd=cwd, check=False)


def _configured(cwd: Path) -> bool:
    """Whether governance.toml (found as check finds it) names the inventories; a file that
    does not read is left for check to report."""
    found = find_config(cwd)
    if found is None:
        return False
    try:
        return bool(load_config(found).paths)
    except GovernanceError:
        return True


def _arguments(env: dict, base: str, files: dict[str, Path], cwd: Path) -> list[str]:
    paths = _words(env.get("INPUT_PATHS", ""))
    args = ["check", *(paths or ([] if _configured(cwd) else ["."]))]
    if (env.get("INPUT_FAIL_ON") or "").strip():
        args += ["--fail-on", env["INPUT_FAIL_ON"].strip()]
    for directory in _words(env.get("INPUT_POLICY", "")):
        args += ["--policy", directory]
    for data in _words(env.get("INPUT_DATA", "")):
        args += ["--data", data]
    if base:
        args += ["--base", base]
    elif (env.get("INPUT_BASELINE") or "").strip():
        args += ["--baseline", env["INPUT_BASELINE"].strip()]
    if _flag(env.get("INPUT_DISCOVER", "")):
        args.append("--discover")
    if (env.get("INPUT_NOW") or "").strip():
        args += ["--now", env["INPUT_NOW"].strip()]
    args += ["-o", STDOUT_FORMAT]
    for name, path in files.items():
        args += ["-o", f"{name}={path}"]
    return args


def _file_name(format_name: str) -> str:
    return f"report.{registry.get(format_name).extension}"


def _verdict(path: Path) -> str:
    try:
        document = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return ""
    if "inventories" in document:  # --discover: the worst of the inventories
        verdicts = [i["report"]["verdict"] for i in document["inventories"]]
        return min(verdicts, key=VERDICT_ORDER.index) if verdicts else ""
    return document.get("verdict", "")


def output_entry(name: str, value: str) -> str:
    """One $GITHUB_OUTPUT entry: `name=value`, or the delimiter form when the value spans
    lines, so a line break in a path cannot set another output."""
    if "\n" not in value and "\r" not in value:
        return f"{name}={value}\n"
    delimiter = "ghadelimiter_" + hashlib.sha256(value.encode()).hexdigest()
    return f"{name}<<{delimiter}\n{value}\n{delimiter}\n"


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def run(env: dict, cwd: Path) -> int:
    formats = _words((env.get("INPUT_FORMATS") or "").replace(",", " "))
    if _flag(env.get("INPUT_UPLOAD_SARIF", "")) and "sarif" not in formats:
        formats.append("sarif")
    unknown = [f for f in formats if f not in registry.names() or f == STDOUT_FORMAT]
    if unknown:
        message = workflow_data(visible(f"unknown formats: {', '.join(unknown)}"))
        print(f"::error title=model-governance::{message}", file=sys.stderr, flush=True)
        return 2
    workspace = Path(env.get("GITHUB_WORKSPACE") or cwd)
    output_dir = Path(
        env.get("INPUT_OUTPUT_DIR")
        or Path(env.get("RUNNER_TEMP") or workspace) / "model-governance"
    )
    if not output_dir.is_absolute():
        output_dir = workspace / output_dir
    output_dir.mkdir(parents=True, exist_ok=True)
    files = {name: output_dir / _file_name(name) for name in ("markdown", "json", *formats)}
    for stale in files.values():  # a report from an earlier run must not be taken for this one
        stale.unlink(missing_ok=True)

    base = _base_ref(env)
    if base:
        _ensure_commit(base, cwd)
    args = _arguments(env, base, files, cwd)
    _log("governance " + shlex.join(args))
    result = subprocess.run(
        [sys.executable, "-m", "governance", *args],
        cwd=cwd,
        stdout=sys.stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    sys.stderr.write(log_text(result.stderr))  # shown as the check printed it, kept inert
    code = result.returncode

    if code in (0, 1) and files["markdown"].exists():
        _append(env.get("GITHUB_STEP_SUMMARY"), files["markdown"].read_text("utf-8") + "\n")
    else:
        problems = result.stderr.strip() or f"exit code {code}"
        _append(
            env.get("GITHUB_STEP_SUMMARY"),
            f"**model-governance could not check the inventory** (exit code {code}):\n\n"
            + fenced(problems),
        )
    outputs = {"verdict": _verdict(files["json"]), "exit-code": str(code)}
    outputs["report-dir"] = str(output_dir)
    for name, path in files.items():
        outputs[name] = str(path) if path.exists() else ""
    _append(env.get("GITHUB_OUTPUT"), "".join(output_entry(k, v) for k, v in outputs.items()))
    return code


def main() -> None:
    sys.exit(run(dict(os.environ), Path.cwd()))


if __name__ == "__main__":
    main()
