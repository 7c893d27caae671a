"""``actorgraph actors ...``: list the actors, the ones no gazetteer knew, and fix identity."""

from __future__ import annotations

from contextlib import closing
from typing import Annotated

import typer
from rich.markup import escape

from api.actor_refs import find_actor
from cli.actor_tools import accept, list_actors, unresolved
from cli.common import DebugOpt, JsonOpt, StoreOpt, friendly_errors, opened
from cli.output import console, emit_json, table

app = typer.Typer(
    help="List actors; unresolved ones with suggestions; accept, merge and unmerge "
    "(logged, reversible)."
)
ActorArg = Annotated[str, typer.Argument(help="Actor id, name or alias.")]
app.command("list")(friendly_errors(list_actors))
app.command()(friendly_errors(unresolved))
app.command()(friendly_errors(accept))


@app.command()
@friendly_errors
def merge(
    source: ActorArg,
    target: ActorArg,
    note: Annotated[str, typer.Option("--note", help="Why: kept in the merge log.")] = "",
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Make SOURCE the same actor as TARGET: its claims and names follow; undo with unmerge."""
    with closing(opened(store)) as db:
        a, b = find_actor(db, source), find_actor(db, target)
        done = db.merge_actors(a.id, b.id, note)
    if json:
        emit_json(done)
        return
    console.print(
        f"Merged {escape(a.name)} ({a.id}) into {escape(b.name)} ({done.target}); "
        f"merge #{done.seq}."
    )


@app.command()
@friendly_errors
def unmerge(
    source: Annotated[str, typer.Argument(help="The id of the actor merged away.")],
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Undo the merge of SOURCE: its claims and names are its own again."""
    with closing(opened(store)) as db:
        done = db.unmerge(source)
    if json:
        emit_json(done)
        return
    console.print(f"Unmerged {done.source} from {done.target} (merge #{done.seq}).")


@app.command()
@friendly_errors
def merges(store: StoreOpt = None, json: JsonOpt = False, debug: DebugOpt = False) -> None:
    """The merge log, oldest first, undone merges included."""
    with closing(opened(store)) as db:
        log = db.merges()
    if json:
        emit_json(log)
        return
    table(
        "Merges",
        ("#", "source", "target", "at", "note", "undone"),
        [
            (
                m.seq,
                m.source,
                m.target,
                m.at.isoformat(timespec="seconds"),
                m.note,
                m.undone_at.isoformat(timespec="seconds") if m.undone_at else "",
            )
            for m in log
        ],
    )


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="actors")
