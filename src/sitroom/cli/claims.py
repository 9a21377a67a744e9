"""``sitroom claims`` (the reconciled claim sets) and ``sitroom claims show ID`` (one set's timeline)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sitroom.cli.common import ConfigOption, DbOption, JsonOption, console, parse_day, print_json, workspace
from sitroom.model.analysis import ClaimSet, SourcedFigure, figure_text

app = typer.Typer(help="Reconciled claims: who claims which figure, where it was said, how it changed.",
                  no_args_is_help=False)

SinceOption = Annotated[str | None, typer.Option(help="Figures dated on or after (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Figures dated before (YYYY-MM-DD).")]
_MARKS = {"raised": "▲ raised", "lowered": "▼ lowered", "qualified": "≈ qualified"}


def _span(low: float | None, high: float | None) -> str:
    return figure_text("range", None, low, high) if low != high else figure_text("exact", low, None, None)


def _who(f: SourcedFigure) -> str:
    return " < ".join(f.chain) if f.chain else f"({f.outlet or '?'}, own voice)"


@app.callback(invoke_without_command=True)
def claims(
    ctx: typer.Context,
    since: SinceOption = None,
    until: UntilOption = None,
    category: Annotated[str | None, typer.Option(help="Only this category (killed, personnel_deployed...).")] = None,
    subject: Annotated[str | None, typer.Option(help="Only figures about this actor (prk-mil = prk).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many sets (most reported first).")] = 30,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """List claim sets: figures about the same quantity across outlets, with origins, range and conflicts."""
    if ctx.invoked_subcommand:
        return
    with workspace(db, config) as ws:
        sets = ws.claimsets(since=parse_day(since), until=parse_day(until), category=category, subject=subject)
    if json_:
        print_json([s.to_dict(figures=False) for s in sets[:limit]])
        return
    table = Table("claims", "outlets", "origins", "range", "latest", "conservative", "conflict",
                  title=f"{len(sets)} claim sets" + (f" (first {limit})" if len(sets) > limit else ""))
    table.add_column("id", no_wrap=True)
    for s in sets[:limit]:
        latest = f"{s.latest.figure} ({s.latest.date}, {s.latest.origin})" if s.latest else ""
        table.add_row(str(s.n_claims), str(s.n_outlets), f"{s.independent_origins} / {len(s.origins)}",
                      _span(s.range_low, s.range_high) if s.range_low is not None else "", latest,
                      figure_text("exact", s.conservative, None, None) if s.conservative is not None else "",
                      "[red]yes[/red]" if s.has_conflict else "", s.id)
    console.print(table)
    console.print("origins: independent stories / originating sources")


@app.command()
def show(
    claimset_id: Annotated[str, typer.Argument(help="Claim set id, as listed by `sitroom claims`.")],
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Show one claim set: every report in date order with its source, figure, hedges, revisions and evidence."""
    with workspace(db, config) as ws:
        cs = ws.claimset(claimset_id, since=parse_day(since), until=parse_day(until))
    if cs is None:
        console.print(f"[red]no claim set {claimset_id}[/red]")
        raise typer.Exit(1)
    if json_:
        print_json(cs.to_dict())
        return
    _print(cs)


def _print(cs: ClaimSet) -> None:
    console.rule(cs.id)
    console.print(cs.summary)
    if cs.range_low is not None:
        console.print(f"range {_span(cs.range_low, cs.range_high)}; conservative "
                      f"{figure_text('exact', cs.conservative, None, None) if cs.conservative is not None else '-'}"
                      f" ({cs.conservative_basis}); spread {_span(cs.spread_low, cs.spread_high)}")
    for camp, f in cs.latest_by_camp.items():
        console.print(f"latest from {camp}: {f.figure} ({f.date}, {f.origin})")
    marks = {r.after.ref: f"{_MARKS[r.direction]} from {r.before.figure}" for r in cs.revisions}
    table = Table()
    for name, width in (("date", 10), ("outlet / camp", 12), ("source", 12), ("figure", 12), ("hedge", 10),
                        ("revision", 12)):
        table.add_column(name, max_width=width)
    table.add_column("evidence", ratio=1, min_width=28)
    for f in cs.figures:
        copy = " [dim](copy)[/dim]" if f.cluster != f.article_id else ""
        mark = "✗ denial" if f.denial else marks.get(f.ref, "")
        said = f"\n[dim]re {f.claim_date}[/dim]" if f.claim_date and f.claim_date != f.date else ""
        table.add_row(f.date + said, f"{f.outlet or ''}{copy}\n[dim]{f.camp or ''}[/dim]", _who(f), f.figure,
                      f.hedge or "", mark,
                      f"{(f.sentence_text or f.text).strip()}\n[dim]{f.url or f.article_id}[/dim]")
    console.print(table)
    for r in cs.revisions:
        console.print(f"[bold]revision[/bold] {r.summary}")
    for c in cs.conflicts:
        console.print(f"[red]{c.kind}[/red] {c.summary}")
    if cs.related:
        console.print(f"related: {', '.join(cs.related)}")
