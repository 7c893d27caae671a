"""Analysis commands: timeline, blocs, balance, infer, brokers, support."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from api.actor_refs import find_actor
from cli.common import friendly_errors, reading
from cli.options import ActorArg, Common, SourceArg, TargetArg, bounded, query_command
from cli.output import SIGNS, Grid, console, one_line, print_grid, show
from cli.rollup import RollUpOpt, say_rolled_up
from graph.traversal.stance_graph import store_stance_graph
from queries.balance import balance as balance_of
from queries.blocs import blocs as blocs_of
from queries.brokers import brokers_with_blocs, support_chains
from queries.inference import infer as infer_from
from queries.rollup import rolled_up
from queries.timeline import timeline as timeline_of


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@query_command(timeout=True)
def timeline(
    source: SourceArg,
    target: TargetArg,
    common: Common,
    period: Annotated[
        Period, typer.Option("--period", metavar="month|quarter|year", help="Length of a period.")
    ] = Period.YEAR,
) -> None:
    """The relation between SOURCE and TARGET over time, and when it flipped."""
    with reading(common.store, common.timeout) as db:
        a, b = find_actor(db, source), find_actor(db, target)
        claims = db.evidence(a.id, b.id, common.filters(db))
        result = timeline_of(claims, a.id, b.id, db.vocabulary, period.value)
    periods = Grid(
        f"{a.name} and {b.name}, by {period.value}",
        ("period", "net", "sign", "claims"),
        [(p.period, f"{p.net:+.2f}", SIGNS[p.sign], p.claims) for p in result.periods],
    )
    flips = Grid(
        "Flips",
        ("period", "before", "after"),
        [(f.period, f"{f.before:+d}", f"{f.after:+d}") for f in result.flips],
    )

    def human() -> None:
        print_grid(periods)
        for flip in result.flips:
            console.print(f"flipped in {flip.period}: {flip.before:+d} -> {flip.after:+d}")

    show(common.output, result, [periods, flips], human=human)


@query_command(timeout=True)
def blocs(common: Common, roll_up: RollUpOpt = False) -> None:
    """Coalitions of the signed graph and the ties that violate them."""
    with reading(common.store, common.timeout) as db:
        view = rolled_up(db, common.filters(db)) if roll_up else None
        result = view.blocs() if view else blocs_of(store_stance_graph(db, common.filters(db)))
        names = {a.id: a.name for a in db.actors()}
    grids = [
        Grid(
            "Blocs",
            ("bloc", "actors"),
            [(n, ", ".join(names[a] for a in bloc)) for n, bloc in enumerate(result.blocs)],
            wide=frozenset({"actors"}),
        ),
        Grid(
            f"Frustrated ties (total {result.frustration:.2f})",
            ("between", "sign", "stance"),
            [
                (f"{names[t.source]} / {names[t.target]}", t.sign, t.stance)
                for t in result.frustrated
            ],
        ),
    ]

    def human() -> None:
        for grid in grids:
            print_grid(grid)
        if view is not None:
            say_rolled_up(view)

    show(common.output, result, grids, human=human)


@query_command(timeout=True)
def balance(
    common: Common,
    limit: Annotated[
        int,
        bounded("--limit", "limit", "Most unbalanced triads, best evidenced first."),
    ] = 20,
) -> None:
    """Signed triad census, unbalanced triads and the balance index."""
    with reading(common.store, common.timeout) as db:
        result = balance_of(store_stance_graph(db, common.filters(db)), limit=limit)
    index = "n/a (no triangles)" if result.balance_index is None else f"{result.balance_index:.2f}"
    n_unbalanced = result.census["++-"] + result.census["---"]
    census = Grid("Census", tuple(result.census), [tuple(result.census.values())])
    unbalanced = Grid(
        f"Unbalanced triads ({len(result.unbalanced)} of {n_unbalanced})",
        ("actors", "signs", "evidence"),
        [(", ".join(t.actors), t.signs, t.evidence) for t in result.unbalanced],
    )

    def human() -> None:
        console.print(f"triangles: {result.triangles}, balance index: {index}")
        print_grid(census)
        print_grid(unbalanced)

    show(common.output, result, [census, unbalanced], human=human)


@query_command(timeout=True)
def infer(
    actor: ActorArg,
    common: Common,
    max_length: Annotated[int, bounded("--max-length", "max_length", "Longest path in steps.")] = 2,
) -> None:
    """Stances of ACTOR suggested by paths: inferred, never observed."""
    with reading(common.store, common.timeout) as db:
        who = find_actor(db, actor)
        found = infer_from(store_stance_graph(db, common.filters(db)), who.id, max_length)
    grid = Grid(
        f"Inferred stances of {who.name} (not observed)",
        ("actor", "sign", "confidence", "rule", "path"),
        [(i.actor, i.sign, i.confidence, i.rule, " -> ".join(i.path)) for i in found],
        wide=frozenset({"path"}),
    )
    show(common.output, found, [grid])


@query_command(timeout=True)
def brokers(common: Common) -> None:
    """Actors bridging others on the cooperative graph."""
    with reading(common.store, common.timeout) as db:
        found = brokers_with_blocs(store_stance_graph(db, common.filters(db)))
    grid = Grid(
        "Brokers",
        ("actor", "betweenness", "blocs tied into"),
        [(b.actor, b.betweenness, ", ".join(map(str, b.bridges))) for b in found],
    )
    show(common.output, found, [grid])


@query_command(timeout=True, types=False)
def support(
    common: Common,
    min_length: Annotated[
        int,
        typer.Option(
            "--min-length",
            min=1,
            max=4,
            metavar="1..4",
            help="Fewest steps a chain needs (1 lists every backer).",
        ),
    ] = 2,
) -> None:
    """The external support network: chains of backing (state -> militia -> ally)."""
    with reading(common.store, common.timeout) as db:
        found = support_chains(store_stance_graph(db, common.filters(db)), min_length=min_length)
    grid = Grid(
        "Support chains",
        ("chain", "steps", "evidence of the first step"),
        [
            (
                " -> ".join(c.actors),
                len(c.relations),
                one_line(c.relations[0].evidence.quote if c.relations[0].evidence else None),
            )
            for c in found
        ],
        wide=frozenset({"evidence of the first step"}),
    )
    show(common.output, found, [grid])


def register(app: typer.Typer) -> None:
    """Add the analysis commands to ``app``."""
    for command in (timeline, blocs, balance, infer, brokers, support):
        app.command()(friendly_errors(command))
