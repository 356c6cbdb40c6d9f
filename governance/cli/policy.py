"""Policy authoring commands: policy test/doc/check/diff/new and explain."""

from __future__ import annotations

from pathlib import Path

import click

from governance.atomic import write_atomically
from governance.authoring.diff import decision_changes, load_side, rule_changes
from governance.authoring.docs import catalogue_json, catalogue_rules, rule_catalogue
from governance.authoring.explain import explain
from governance.authoring.junit import junit_xml
from governance.authoring.lint import lint
from governance.authoring.scaffold import scaffold
from governance.authoring.testing import run_tests_with_coverage
from governance.cli.options import ISO_HELP, config_options, parse_now
from governance.clock import utc_now
from governance.errors import UsageError
from governance.output_safety import log_text, plain_line


@click.group()
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
@click.option(
    "--engine",
    type=click.Choice(["embedded", "opa-inprocess"]),
    default="embedded",
    show_default=True,
    help="embedded: regorus; opa-inprocess: real OPA in this process (all tests in one query).",
)
@config_options
def policy_test(
    directories, no_builtin, verbose, coverage, fail_under, outputs, engine, config
) -> None:
    """Run Rego unit tests (test_* rules in *_test.rego) on the embedded engine or real OPA.

    DIRECTORIES default to `policy` in governance.toml."""
    directories = configured_policies(directories, config)
    targets = []
    for output in outputs:
        kind, _, path = output.partition("=")
        if kind != "junit" or not path:
            raise UsageError(f"-o {output!r}: policy test writes junit=PATH only")
        targets.append(Path(path))
    results, files = run_tests_with_coverage(
        list(directories),
        builtin=not no_builtin,
        coverage=coverage or fail_under is not None,
        engine=engine,
    )
    for target in targets:
        write_atomically(target, junit_xml(results))
    failed = [r for r in results if not r.passed]
    for result in results:
        if result.passed and not verbose:
            continue
        status = "PASS" if result.passed else "FAIL"
        click.echo(plain_line(f"{result.path}:{result.line}: {status}: {result.name}"))
        if not result.passed:
            for line in result.output:
                click.echo(plain_line(f"    {line}"))
            if result.error:
                click.echo(plain_line(f"    error: {result.error}"))
    below = False
    if files:
        covered, total = sum(f.covered for f in files), sum(f.total for f in files)
        percent = 100.0 * covered / total if total else 100.0
        click.echo("coverage:")
        for entry in files:
            click.echo(
                plain_line(
                    f"  {entry.path}: {entry.percent:.1f}% ({entry.covered}/{entry.total} lines)"
                )
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
@config_options
def policy_doc(directories, output: Path | None, fmt: str | None, config) -> None:
    """The rule catalogue (id, title, severity, controls, remediation) from METADATA.

    DIRECTORIES default to `policy` in governance.toml."""
    rules = catalogue_rules(configured_policies(directories, config))
    fmt = fmt or ("json" if output is not None and output.suffix == ".json" else "markdown")
    text = catalogue_json(rules) if fmt == "json" else rule_catalogue(rules)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
        click.echo(f"wrote {output}")


@policy.command("check")
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@config_options
def policy_check(directories: tuple[Path, ...], config) -> None:
    """Compile and lint your policies: METADATA, ids, severities, fields, builtins.

    DIRECTORIES default to `policy` in governance.toml."""
    configured = configured_policies(directories, config)
    if not configured:
        raise UsageError(
            "policy check: no DIRECTORIES given and none configured: give them or set "
            'policy = ["policies/"] in governance.toml'
        )
    problems = lint(configured)
    for problem in problems:
        click.echo(plain_line(problem.format()))
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
@config_options
def policy_diff(old: Path, new: Path, inventories, now_text, config) -> None:
    """Rules added, removed or changed between two policy directories or bundles.

    Directories are read with the `data` files of governance.toml, as check reads them."""
    data = list(config.data) if config is not None else []
    before, after = load_side(old, data), load_side(new, data)
    changes = rule_changes(before.rules, after.rules)
    for change in changes:
        click.echo(plain_line(change.format()))
    if not changes:
        click.echo("no rule changes")
    if inventories:
        now = parse_now(now_text) or utc_now()
        affected = decision_changes(list(inventories), before, after, now)
        click.echo(f"{len(affected)} model choice(s) with a changed decision or findings:")
        for line in affected:
            click.echo(plain_line(f"  {line}"))


@policy.command("new")
@click.argument("name")
@click.option("--area", required=True, help="Rule id area, e.g. EXP for GOV-EXP-001.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where to write the files; default: the first `policy` directory of "
    "governance.toml, else policies/.",
)
@config_options
def policy_new(name: str, area: str, directory: Path | None, config) -> None:
    """Scaffold a rule with METADATA and a test file that passes at once."""
    if directory is None:
        configured = config.policy if config is not None else ()
        directory = configured[0] if configured else Path("policies")
        if config is None:
            click.echo(
                f"note: no governance.toml: check uses {directory}/ only with --policy "
                f'{directory} (or policy = ["{directory}"] in governance.toml)',
                err=True,
            )
    for written in scaffold(name, area, directory):
        click.echo(f"wrote {written}")


@click.command("explain")
@click.argument("rule_id")
@click.option(
    "--policy",
    "policy_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Directory of your own Rego policies; default: `policy` in governance.toml.",
)
@config_options
def explain_rule(rule_id: str, policy_dirs, config) -> None:
    """A rule's documentation, controls, remediation and an example that triggers it;
    the organization's own rules (and overrides) included."""
    overrides = config.rules if config is not None else ()
    text = explain(rule_id, configured_policies(policy_dirs, config), overrides)
    click.echo(log_text(text), nl=False)  # descriptions and justifications are not ours


def configured_policies(directories, config) -> list[Path]:
    """Policy directories as given, else the configuration's ``policy``."""
    if directories:
        return list(directories)
    return list(config.policy) if config is not None else []
