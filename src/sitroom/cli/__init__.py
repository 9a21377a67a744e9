"""The ``sitroom`` command: a thin typer shell over :class:`sitroom.Workspace`. Logging is configured here only."""

from __future__ import annotations

import logging

import typer

from sitroom import __version__
from sitroom.cli import analysis, articles, config, demo, enrich, ingest
from sitroom.cli import brief, claims

app = typer.Typer(name="sitroom", help="Sourced situation pictures from conflict reporting.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)

app.command()(ingest.ingest)
app.command()(ingest.sources)
app.command()(articles.articles)
app.command()(articles.show)
app.command()(articles.stats)
app.command()(articles.runs)
app.command()(enrich.enrich)
app.command()(enrich.extract)
app.command()(config.config)
app.command()(demo.demo)
app.command()(analysis.relations)
app.command()(analysis.involvement)
app.command()(analysis.escalation)
app.command()(analysis.alerts)
app.add_typer(analysis.export_app, name="export")
app.add_typer(claims.app, name="claims")
app.command()(brief.brief)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sitroom {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details to stderr."),
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def main() -> None:
    app()
