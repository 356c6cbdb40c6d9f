"""The `governance` command line: a thin layer over the library, one module per command group.

Exit codes: 0 ok, 1 violations at or above --fail-on, 2 invalid input or usage, 3 engine or
internal failure. Errors are single lines; a traceback only with GOVERNANCE_DEBUG=1.
"""

from __future__ import annotations

import gc
import io
import os
import sys
import traceback

import click

from governance.cli import baseline, bundle, check, interop, inventory, policy, report, suggest
from governance.errors import EXIT_ENGINE, EXIT_INPUT, GovernanceError, InputInvalid
from governance.output_safety import log_text, plain_line
from governance.process import exit_now, exit_without_teardown
from governance.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="governance")
def cli() -> None:
    """Decide whether an organization's choices of AI models are allowed."""


for command in (
    inventory.validate,
    inventory.schema,
    inventory.init,
    check.check,
    suggest.suggest,
    policy.policy,
    policy.explain_rule,
    bundle.bundle,
    baseline.baseline,
    report.report,
    report.verify_command,
    interop.import_group,
    interop.export_group,
):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: maps every failure to its exit code and a one-line message."""
    try:
        cli.main(args=argv, prog_name="governance", standalone_mode=False)
    except InputInvalid as exc:
        for problem in exc.problems:
            click.echo(problem.format(), err=True)
        sys.exit(exc.exit_code)
    except GovernanceError as exc:
        click.echo(plain_line(f"governance: error: {exc}"), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("governance: aborted", err=True)
        sys.exit(EXIT_INPUT)
    except click.ClickException as exc:
        shown = io.StringIO()  # click quotes arguments as given: a file name may hold anything
        exc.show(file=shown)
        click.echo(log_text(shown.getvalue()), err=True, nl=False)
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
            plain_line(
                f"governance: internal error: {type(exc).__name__}: {first_line} "
                "(set GOVERNANCE_DEBUG=1 for a traceback and please report it)"
            ),
            err=True,
        )
        sys.exit(EXIT_ENGINE)
    sys.exit(0)


def run() -> None:
    """The `governance` executable: main() in a process that exits when it is done.

    Such a run keeps what it loads until it exits, so Python's cyclic collector would only
    walk those objects again and again and free nothing: at 10k choices its first pass after
    the library's own pause took ~0.15 s. Freeing them at the end is skipped too (see
    governance.process). main() itself does neither, for callers that go on running.
    """
    gc.disable()
    exit_without_teardown()
    try:
        main()
    except SystemExit as exc:  # main() always ends with one
        exit_now(exc.code)
