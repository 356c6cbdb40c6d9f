"""The `governance` command line: a thin layer over the library.

Exit codes: 0 ok, 1 violations at or above --fail-on, 2 invalid input or usage, 3 engine or
internal failure. Errors are single lines; a traceback only with GOVERNANCE_DEBUG=1.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

import click

from governance import __version__
from governance.engine import ENGINE_NAMES
from governance.engine.opa import OpaSettings
from governance.errors import EXIT_ENGINE, EXIT_INPUT, GovernanceError, InputInvalid, UsageError
from governance.evaluation.check import check as run_check
from governance.evaluation.report import FAIL_ON
from governance.inventory import load_inventory
from governance.inventory.schema import inventory_schema_text
from governance.inventory.yamlfile import DEFAULT_MAX_BYTES
from governance.policy.bundle import build_bundle
from governance.policy.diff import decision_changes, load_side, rule_changes
from governance.policy.docs import catalogue_json, catalogue_rules, rule_catalogue
from governance.policy.explain import explain
from governance.policy.junit import junit_xml
from governance.policy.lint import lint
from governance.policy.scaffold import scaffold
from governance.policy.testing import run_tests_with_coverage
from governance.report import text as text_report
from governance.report.atomic import write_atomically
from governance.starter import write_starter

ISO_HELP = "Evaluation clock, ISO-8601 (e.g. 2026-11-24 or 2026-11-24T12:00:00Z); default now."

max_file_size_option = click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest YAML file accepted, in bytes.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="governance")
def cli() -> None:
    """Decide whether an organization's choices of AI models are allowed."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@max_file_size_option
def validate(paths: tuple[Path, ...], max_file_size: int) -> None:
    """Validate inventory files or directories against the schema and cross-references."""
    inventory = load_inventory(list(paths), max_bytes=max_file_size)
    click.echo(f"{inventory.summary()} — valid")


def parse_now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--now {value!r} is not an ISO-8601 date or time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--policy",
    "policy_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Directory (or file) of your own Rego policies; repeatable.",
)
@click.option(
    "--data",
    "data_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="YAML or JSON file merged into the policy data; repeatable.",
)
@click.option("--no-builtin", is_flag=True, help="Do not use the built-in policy library.")
@click.option(
    "--bundle",
    "bundle_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Evaluate the policies and data of an OPA bundle (governance bundle build).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINE_NAMES),
    default="embedded",
    show_default=True,
    help="embedded: regorus in process; opa: a running OPA server.",
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
    "--opa-timeout", type=float, default=10.0, show_default=True, help="Seconds per OPA request."
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
@max_file_size_option
def check(
    paths,
    policy_dirs,
    data_files,
    no_builtin,
    bundle_path,
    engine,
    fail_on,
    now_text,
    colour,
    opa_url,
    opa_token_env,
    opa_timeout,
    opa_retries,
    opa_ca_bundle,
    opa_preloaded,
    max_file_size,
) -> None:
    """Check every model choice in the inventory against policy and report decisions."""
    opa = OpaSettings(
        url=opa_url,
        token=os.environ.get(opa_token_env) or None,
        timeout=opa_timeout,
        retries=opa_retries,
        ca_bundle=opa_ca_bundle,
        preloaded=opa_preloaded,
    )
    report = run_check(
        list(paths),
        policy_dirs=list(policy_dirs),
        data_files=list(data_files),
        builtin=not no_builtin,
        engine=engine,
        now=parse_now(now_text),
        opa=opa,
        max_file_size=max_file_size,
        bundle=bundle_path,
    )
    use_colour = sys.stdout.isatty() if colour is None else colour
    chunk: list[str] = []
    for line in text_report.lines(report, colour=use_colour):
        chunk.append(line)
        if len(chunk) >= 2000:  # stream large reports in chunks: bounded memory, few writes
            click.echo("\n".join(chunk))
            chunk = []
    if chunk:
        click.echo("\n".join(chunk))
    raise SystemExit(report.exit_code(fail_on))


@cli.group()
def policy() -> None:
    """Author and test Rego policies."""


@policy.command("test")
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-builtin", is_flag=True, help="Only the given directories' tests.")
@click.option("-v", "--verbose", is_flag=True, help="List passing tests too.")
@click.option("--coverage", is_flag=True, help="Print per-file line coverage of the policies.")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PCT",
    help="With --coverage: exit 1 when total coverage is below PCT.",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="junit=PATH",
    help="Also write the results as JUnit XML (atomically).",
)
def policy_test(directories, no_builtin, verbose, coverage, fail_under, outputs) -> None:
    """Run Rego unit tests (test_* rules in *_test.rego) with the embedded engine."""
    targets = []
    for output in outputs:
        kind, _, path = output.partition("=")
        if kind != "junit" or not path:
            raise UsageError(f"-o {output!r}: policy test writes junit=PATH only")
        targets.append(Path(path))
    results, files = run_tests_with_coverage(
        list(directories), builtin=not no_builtin, coverage=coverage or fail_under is not None
    )
    for target in targets:
        write_atomically(target, junit_xml(results))
    failed = [r for r in results if not r.passed]
    for result in results:
        if result.passed and not verbose:
            continue
        status = "PASS" if result.passed else "FAIL"
        click.echo(f"{result.path}:{result.line}: {status}: {result.name}")
        if not result.passed:
            for line in result.output:
                click.echo(f"    {line}")
            if result.error:
                click.echo(f"    error: {result.error}")
    below = False
    if files:
        covered, total = sum(f.covered for f in files), sum(f.total for f in files)
        percent = 100.0 * covered / total if total else 100.0
        click.echo("coverage:")
        for entry in files:
            click.echo(
                f"  {entry.path}: {entry.percent:.1f}% ({entry.covered}/{entry.total} lines)"
            )
        click.echo(f"  total: {percent:.1f}% ({covered}/{total} lines)")
        below = fail_under is not None and percent < fail_under
        if below:
            click.echo(f"coverage {percent:.1f}% is below --fail-under {fail_under:g}")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    raise SystemExit(1 if failed or below else 0)


@policy.command("doc")
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here (atomically) instead of stdout; a .json name writes JSON.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default=None,
    help="Default: from the output's suffix, else markdown.",
)
def policy_doc(directories, output: Path | None, fmt: str | None) -> None:
    """The rule catalogue (id, title, severity, controls, remediation) from METADATA."""
    rules = catalogue_rules(list(directories))
    fmt = fmt or ("json" if output is not None and output.suffix == ".json" else "markdown")
    text = catalogue_json(rules) if fmt == "json" else rule_catalogue(rules)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
        click.echo(f"wrote {output}")


@policy.command("check")
@click.argument("directories", nargs=-1, required=True, type=click.Path(path_type=Path))
def policy_check(directories: tuple[Path, ...]) -> None:
    """Compile and lint your policies: METADATA, ids, severities, fields, builtins."""
    problems = lint(list(directories))
    for problem in problems:
        click.echo(problem.format())
    errors = sum(p.severity == "error" for p in problems)
    click.echo(
        f"{errors} error{'s' if errors != 1 else ''}, {len(problems) - errors} warning"
        f"{'s' if len(problems) - errors != 1 else ''}"
    )
    raise SystemExit(1 if errors else 0)


@policy.command("diff")
@click.argument("old", type=click.Path(path_type=Path, exists=True))
@click.argument("new", type=click.Path(path_type=Path, exists=True))
@click.option(
    "--inventory",
    "inventories",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Also list the model choices whose decision or findings change.",
)
@click.option("--now", "now_text", metavar="ISO-8601", help=ISO_HELP)
def policy_diff(old: Path, new: Path, inventories, now_text) -> None:
    """Rules added, removed or changed between two policy directories or bundles."""
    before, after = load_side(old), load_side(new)
    changes = rule_changes(before.rules, after.rules)
    for change in changes:
        click.echo(change.format())
    if not changes:
        click.echo("no rule changes")
    if inventories:
        now = parse_now(now_text) or dt.datetime.now(dt.timezone.utc)
        affected = decision_changes(list(inventories), before, after, now)
        click.echo(f"{len(affected)} model choice(s) with a changed decision or findings:")
        for line in affected:
            click.echo(f"  {line}")


@policy.command("new")
@click.argument("name")
@click.option("--area", required=True, help="Rule id area, e.g. EXP for GOV-EXP-001.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("policies"),
    show_default=True,
    help="Where to write the files.",
)
def policy_new(name: str, area: str, directory: Path) -> None:
    """Scaffold a rule with METADATA and a test file that passes at once."""
    for written in scaffold(name, area, directory):
        click.echo(f"wrote {written}")


@cli.command("explain")
@click.argument("rule_id")
def explain_rule(rule_id: str) -> None:
    """A rule's documentation, controls, remediation and an example that triggers it."""
    click.echo(explain(rule_id), nl=False)


@cli.group()
def bundle() -> None:
    """OPA bundles of the policy set, for OPA servers and reproducible checks."""


@bundle.command("build")
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option(
    "--revision",
    default="unversioned",
    show_default=True,
    help="Revision recorded in the manifest (e.g. a git tag).",
)
@click.option("--data", "data_files", multiple=True, type=click.Path(path_type=Path))
@click.option("--no-builtin", is_flag=True, help="Leave out the built-in rules.")
def bundle_build(directories, output, revision, data_files, no_builtin) -> None:
    """Build a byte-for-byte reproducible OPA bundle (.tar.gz) and print its SHA-256."""
    built = build_bundle(list(directories), list(data_files), output, revision, not no_builtin)
    click.echo(f"wrote {built.path} (revision {built.revision}, sha256 {built.sha256})")


@cli.command()
def schema() -> None:
    """Print the inventory JSON Schema (draft 2020-12)."""
    click.echo(inventory_schema_text(), nl=False)


@cli.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path, file_okay=False))
def init(directory: Path) -> None:
    """Write a commented starter inventory into DIRECTORY; never overwrites a file."""
    for written in write_starter(directory):
        click.echo(f"wrote {written}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: maps every failure to its exit code and a one-line message."""
    try:
        cli.main(args=argv, prog_name="governance", standalone_mode=False)
    except InputInvalid as exc:
        for problem in exc.problems:
            click.echo(problem.format(), err=True)
        sys.exit(exc.exit_code)
    except GovernanceError as exc:
        click.echo(f"governance: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("governance: aborted", err=True)
        sys.exit(EXIT_INPUT)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INPUT)
    except SystemExit:
        raise
    except BaseException as exc:  # includes pyo3 PanicException, which is a BaseException
        if isinstance(exc, KeyboardInterrupt):
            sys.exit(130)
        if os.environ.get("GOVERNANCE_DEBUG"):
            traceback.print_exc()
        first_line = (str(exc).strip().splitlines() or [""])[0]
        click.echo(
            f"governance: internal error: {type(exc).__name__}: {first_line} "
            "(set GOVERNANCE_DEBUG=1 for a traceback and please report it)",
            err=True,
        )
        sys.exit(EXIT_ENGINE)
    sys.exit(0)


if __name__ == "__main__":  # pragma: no cover
    main()
