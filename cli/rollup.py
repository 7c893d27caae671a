"""The ``--roll-up`` option of the relation commands, and what they say about it."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.output import console
from graph.model import Actor
from queries.rollup import RolledUp

RollUpOpt = Annotated[
    bool,
    typer.Option(
        "--roll-up",
        help="Answer between top-level actors: each actor counts as its umbrella (MEMBER_OF).",
    ),
]


def say_rolled_up(view: RolledUp, *asked: Actor) -> None:
    """Which actors asked about count as their umbrella; what could not be rolled up."""
    names = {a.id: a.name for a in view.actors}
    for actor in asked:
        top = view.top(actor.id)
        if top != actor.id:
            console.print(
                f"[dim]rolled up: {actor.name} counts as {names.get(top, top)}.[/dim]",
                highlight=False,
            )
    if view.umbrellas.ambiguous:
        console.print(
            f"[dim]not rolled up (umbrellas under different tops): "
            f"{', '.join(sorted(view.umbrellas.ambiguous))}.[/dim]",
            highlight=False,
        )
    for cycle in view.umbrellas.cycles:
        console.print(f"[dim]membership cycle ignored: {' / '.join(cycle)}.[/dim]", highlight=False)
