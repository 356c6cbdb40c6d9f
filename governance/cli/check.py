"""`governance check`: evaluate an inventory and write its reports."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

import click

from governance.cli.options import (
    ISO_HELP,
    InputPath,
    checked_opa_url,
    finite_seconds,
    max_file_size_option,
    output_option,
    parse_now,
    policy_source_options,
)
from governance.engine import ENGINE_NAMES
from governance.engine.opa import OpaSettings
from governance.errors import UsageError
from governance.evaluation.baseline import apply_baseline, load_baseline
from governance.evaluation.check import check as run_check
from governance.evaluation.report import FAIL_ON, Report
from governance.inventory.discover import discover_inventories
from governance.output_safety import plain_line
from governance.paths import display_path
from governance.report.formats import RenderContext, github_link_base
from governance.report.outputs import OutputTarget, parse_outputs, write_outputs
from governance.report.sections import check_targets, write_sections
from governance.vcs.base import check_against_base, removed_inventories
from governance.worktree import toplevel


@click.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@policy_source_options
@click.option(
    "--engine",
    type=click.Choice(ENGINE_NAMES),
    default="embedded",
    show_default=True,
    help="embedded: regorus in process; opa: a running OPA server; opa-inprocess: real OPA "
    "in this process (pip install --ignore-requires-python 'opa-golib-python-bindings==0.4.4').",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Lowest open finding severity that makes the exit code 1.",
)
@click.option("--now", "now_text", metavar="ISO-8601", help=ISO_HELP)
@click.option("--color/--no-color", "colour", default=None, help="Colour (default: on a TTY).")
@click.option(
    "--opa-url",
    default="http://localhost:8181",
    show_default=True,
    callback=checked_opa_url,
    help="OPA server for --engine opa.",
)
@click.option(
    "--opa-token-env",
    default="OPA_TOKEN",
    show_default=True,
    metavar="VAR",
    help="Environment variable holding the OPA bearer token (if set).",
)
@click.option(
    "--opa-timeout",
    type=click.FloatRange(min=0, min_open=True),
    callback=finite_seconds,
    default=10.0,
    show_default=True,
    help="Deadline in seconds for each whole OPA request (connect, send, receive).",
)
@click.option(
    "--opa-retries",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="Retries for failed OPA connections.",
)
@click.option(
    "--opa-ca-bundle",
    type=click.Path(exists=True, dir_okay=False),
    help="CA bundle to verify the OPA server's TLS certificate.",
)
@click.option(
    "--opa-preloaded",
    is_flag=True,
    help="The OPA server already has the policies (from a bundle): push nothing.",
)
@click.option(
    "--base",
    "base_ref",
    metavar="GIT_REF",
    help="Compare with the inputs as they are at this git branch, tag or commit: choices are "
    "added/changed/removed/unchanged, findings new/resolved/unchanged; only new ones gate.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Findings recorded in this file (governance baseline create) are reported as "
    "baselined and do not gate; entries that no longer occur are listed.",
)
@click.option(
    "--discover",
    is_flag=True,
    help="PATHS are directories to search: check every inventory under them (each directory "
    "holding 'apiVersion: governance/v1' with an organization), one section per inventory.",
)
@click.option(
    "--no-suggestions",
    is_flag=True,
    help="Do not list allowed alternatives for rejected choices (saves one engine pass).",
)
@max_file_size_option
@output_option
def check(
    paths,
    fail_on,
    colour,
    base_ref,
    baseline_file,
    discover,
    outputs,
    **options,  # the evaluation options, read by settings_of (shared with baseline create)
) -> None:
    """Check every model choice in the inventory against policy and report decisions.

    \b
    Formats (-o, repeatable; one may go to stdout, the others to files):
      text, json, sarif, junit, markdown, github, html
    e.g. -o text -o sarif=results.sarif -o junit=junit.xml -o markdown=summary.md
    """
    targets = parse_outputs(outputs)
    settings = settings_of(**options)
    if base_ref is not None and baseline_file is not None:
        raise UsageError(
            "--base and --baseline compare with different things: use --base in pull "
            "requests and --baseline on the default branch"
        )
    if discover:
        check_targets(targets)
    baseline = load_baseline(baseline_file) if baseline_file is not None else None
    if not discover:
        report = compared(list(paths), settings, base_ref, baseline, baseline_file)
        emit(report, targets, colour)
        raise SystemExit(report.exit_code(fail_on))
    inventories = discover_inventories(list(paths))
    sections = [
        (found.name, compared(found.paths, settings, base_ref, baseline, baseline_file, found.name))
        for found in inventories
    ]
    if base_ref is not None:  # and those this change deletes: their choices are removed
        kept = [found.root for found in inventories]
        gone = removed_inventories(list(paths), base_ref, kept, **settings)
        if gone:  # in path order, as discovery sorts them
            sections = sorted(sections + gone, key=lambda section: Path(section[0]).parts)
    emit_sections(sections, targets, colour)
    raise SystemExit(max(report.exit_code(fail_on) for _, report in sections))


def settings_of(
    policy_dirs,
    data_files,
    no_builtin,
    bundle_path,
    engine,
    now_text,
    opa_url,
    opa_token_env,
    opa_timeout,
    opa_retries,
    opa_ca_bundle,
    opa_preloaded,
    max_file_size,
    no_suggestions=True,
) -> dict:
    """The evaluation options as keyword arguments of evaluation.check (shared with
    `baseline create`, which reuses these options)."""
    opa = OpaSettings(
        url=opa_url,
        token=os.environ.get(opa_token_env) or None,
        timeout=opa_timeout,
        retries=opa_retries,
        ca_bundle=opa_ca_bundle,
        preloaded=opa_preloaded,
    )
    return dict(
        policy_dirs=list(policy_dirs),
        data_files=list(data_files),
        builtin=not no_builtin,
        engine=engine,
        now=parse_now(now_text),
        opa=opa,
        max_file_size=max_file_size,
        bundle=bundle_path,
        suggestions=not no_suggestions,
    )


def compared(paths, settings, base_ref, baseline, baseline_file, inventory=None) -> Report:
    """Evaluate ``paths``, classified against the git base or the baseline when given."""
    if base_ref is not None:
        return check_against_base(paths, base_ref, **settings)
    report = run_check(paths, **settings)
    if baseline is None:
        return report
    return apply_baseline(report, baseline, display_path(baseline_file), inventory)


def _terminal(targets: list[OutputTarget], colour: bool | None):
    """(render context, stdout) for writing reports; a usage error when a format should go to
    stdout and the process was started without one (``governance check … >&-``)."""
    stdout: TextIO | None = sys.stdout  # None when the process has no standard output
    if stdout is None and any(target.path is None for target in targets):
        raise UsageError(
            "standard output is closed: write the reports to files with -o FORMAT=PATH"
        )
    context = RenderContext(
        colour=colour if colour is not None else stdout is not None and stdout.isatty(),
        repo_root=toplevel(),
        link_base=github_link_base(),
    )
    return context, stdout


def emit_sections(sections, targets: list[OutputTarget], colour: bool | None) -> None:
    """Write every requested format, one section per inventory (check --discover)."""
    for path in write_sections(sections, targets, *_terminal(targets, colour)):
        click.echo(plain_line(f"wrote {path}"), err=True)


def emit(report: Report, targets: list[OutputTarget], colour: bool | None) -> None:
    """Write every requested format; say on stderr which files were written."""
    for path in write_outputs(report, targets, *_terminal(targets, colour)):
        click.echo(plain_line(f"wrote {path}"), err=True)
