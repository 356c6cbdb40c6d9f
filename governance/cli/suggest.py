"""`governance suggest`: the other (model, deployment) pairs ranked for a choice or use case."""

from __future__ import annotations

from pathlib import Path

import click

from governance.atomic import write_atomically
from governance.cli.options import (
    config_options,
    engine_options,
    evaluation_settings,
    max_file_size_option,
    policy_source_options,
)
from governance.errors import UsageError
from governance.evaluation.suggest import suggest as run_suggest
from governance.report.suggestion import FORMATS, render


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--use-case",
    "use_case",
    metavar="ID",
    help="Rank candidates as this use case's primary choice instead of replacing a choice.",
)
@click.option(
    "--draft",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A file holding a use case that is not in the inventory yet (apiVersion and "
    "use_cases; model_choices may be left out): rank candidates as its primary choice.",
)
@click.option(
    "--catalog",
    is_flag=True,
    help="Also try built-in catalogue models the inventory lacks, each on a hypothetical "
    "self-hosted deployment; the output says what to add.",
)
@policy_source_options
@engine_options
@max_file_size_option
@click.option(
    "-o",
    "--output",
    "output",
    default="text",
    metavar="FORMAT[=PATH]",
    help="text (a table), json or markdown; to stdout, or to PATH. Default: text.",
)
@config_options
def suggest(paths, use_case, draft, catalog, output, config, **options) -> None:
    """Rank every other (model, deployment) pair in place of CHOICE (use-case/model/deployment,
    the last PATH argument) or, with --use-case, as that use case's primary choice.

    \b
    Decisions come from the same policies and engine as check, in one evaluation.
    e.g. governance suggest inv/ support-bot/gpt-4o/openai-api -o markdown
         governance suggest inv/ --use-case support-bot --catalog
         governance suggest inv/ --draft new-use-case.yaml
    """
    fmt, sep, path = output.partition("=")
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise UsageError(f"-o {output!r}: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if sep and not path:
        raise UsageError(f"-o {output!r}: give a path after '=' or leave out '=' for stdout")
    paths = list(paths)
    choice = None
    if use_case is None and draft is None:
        if len(paths) < 2:
            raise UsageError("name the model choice after the inventory: PATH... CHOICE")
        choice = str(paths.pop())
    settings = evaluation_settings(config, options)  # the policies of governance.toml too
    suggestion = run_suggest(
        paths, settings, choice=choice, use_case=use_case, catalog=catalog, draft=draft
    )
    rendered = render(suggestion, fmt)
    if path:
        write_atomically(Path(path), rendered)
        click.echo(f"wrote {path}", err=True)
    else:
        click.echo(rendered, nl=False)
