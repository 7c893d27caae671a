"""The analyst's tools: ``actors list``, ``actors unresolved`` and ``actors accept``."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cli.common import DebugOpt, JsonOpt, StoreOpt, opened, reading
from cli.options import Common, query_command
from cli.output import Grid, console, emit_json, errors, print_grid, show
from graph.errors import LoadError
from graph.model import ActorKind
from loaders.gazetteer_edit import plan_aliases
from queries.accept import accept as accept_suggestion
from queries.accept import check_acceptable
from queries.roster import ActorFilter, ActorSort, datasets
from queries.roster import list_actors as actor_page
from queries.suggestions import GUESS, unresolved_actors

OffsetOpt = Annotated[int, typer.Option("--offset", help="Actors to skip (0 or more).")]
MinClaimsOpt = Annotated[
    int, typer.Option("--min-claims", help="Leave out actors named by fewer claims (0 or more).")
]


def _shown(offset: int, count: int, total: int) -> str:
    """Which of ``total`` items a page shows, e.g. `` 1-20 of 593``."""
    if count:
        return f" {offset + 1:,}-{offset + count:,} of {total:,}"
    return f" ({total:,} in all, none from {offset + 1:,})" if total else ""


@query_command(filters=False)
def list_actors(
    common: Common,
    unresolved: Annotated[
        bool | None,
        typer.Option(
            "--unresolved/--resolved",
            help="Only the actors no gazetteer matched, or only the others.",
        ),
    ] = None,
    kind: Annotated[
        ActorKind | None, typer.Option("--kind", help="Only actors of this kind.")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", help="Only actors carrying an id from this dataset (acled, ucdp, gdelt...)."
        ),
    ] = None,
    min_claims: MinClaimsOpt = 0,
    sort: Annotated[ActorSort, typer.Option("--sort", help="Order of the list.")] = ActorSort.ID,
    offset: OffsetOpt = 0,
    limit: Annotated[int, typer.Option("--limit", help="Most actors shown (1..1000).")] = 100,
) -> None:
    """The actors, a page at a time, with how many claims name each."""
    where = ActorFilter(unresolved=unresolved, kind=kind, source=source, min_claims=min_claims)
    with reading(common.store) as db:
        page = actor_page(db, where, sort=sort, offset=offset, limit=limit)
        known = datasets(db.actors()) if source and not page.total else None
    grid = Grid(
        f"Actors{_shown(offset, len(page.items), page.total)}",
        ("id", "name", "kind", "claims", "unresolved", "datasets"),
        [
            (
                row.actor.id,
                row.actor.name,
                row.actor.kind.value,
                row.claims,
                "yes" if row.actor.unresolved else "",
                ", ".join(sorted(row.actor.external_ids)),
            )
            for row in page.items
        ],
    )

    def human() -> None:
        print_grid(grid)
        if offset + len(page.items) < page.total:
            console.print(f"[dim]next page: --offset {offset + len(page.items)}[/dim]")
        if known is not None:
            console.print(
                f"No actor carries an id from {escape(repr(source))}; datasets in this store: "
                f"{escape(', '.join(known) or 'none')}.",
                highlight=False,
            )

    answer = {"total": page.total, "offset": offset, "limit": limit, "items": page.items}
    show(common.output, answer, [grid], human=human)


@query_command(filters=False)
def unresolved(
    common: Common,
    limit: Annotated[int, typer.Option("--limit", help="Most actors shown (1..1000).")] = 20,
    offset: OffsetOpt = 0,
    suggestions: Annotated[
        int, typer.Option("--suggestions", help="Most suggestions per actor (0..10).")
    ] = 3,
    min_claims: MinClaimsOpt = 0,
) -> None:
    """Actors no gazetteer entry matched, most claims first, with the actors they may be and why."""
    with reading(common.store) as db:
        page = unresolved_actors(
            db, offset=offset, limit=limit, suggestions=suggestions, min_claims=min_claims
        )
    title = f"Unresolved actors{_shown(offset, len(page.items), page.total)}, most claims first"
    grid = Grid(
        title,
        ("id", "name", "claims", "suggested matches (guesses)"),
        [
            (
                item.actor.id,
                item.actor.name,
                item.claims,
                "\n".join(
                    f"{n}. {s.actor.name} ({s.actor.id}): {s.why}"
                    for n, s in enumerate(item.suggestions, 1)
                )
                or "-",
            )
            for item in page.items
        ],
        wide=frozenset({"suggested matches (guesses)"}),
    )
    flat = Grid(
        title,
        ("id", "name", "claims", "rank", "suggested id", "suggested name", "score", "why"),
        [
            (u.actor.id, u.actor.name, u.claims, n, s.actor.id, s.actor.name, s.score, s.why)
            for u in page.items
            for n, s in enumerate(u.suggestions, 1)
        ],
    )

    def human() -> None:
        print_grid(grid)
        if page.items:
            console.print(
                f"[dim]Note: {GUESS}. Accept one with: actorgraph actors accept ID TARGET "
                "[--gazetteer FILE].[/dim]",
                highlight=False,
            )

    show(common.output, page, [flat], human=human)


def accept(
    actor: Annotated[str, typer.Argument(help="The unresolved actor: id, name or alias.")],
    target: Annotated[str, typer.Argument(help="The actor it is: id, name or alias.")],
    note: Annotated[str, typer.Option("--note", help="Why: kept in the merge log.")] = "",
    gazetteer: Annotated[
        Path | None,
        typer.Option(
            "--gazetteer",
            help="Also add ACTOR's names as aliases of TARGET in this gazetteer file, "
            "so later loads resolve them without the merge.",
        ),
    ] = None,
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Accept that the unresolved ACTOR is TARGET: a logged merge, undone by 'actors unmerge'."""
    with closing(opened(store, must_exist=True)) as db:
        plan = check_acceptable(db, actor, target)
        edit = plan_aliases(gazetteer, plan.target, plan.actor.names) if gazetteer else None
        try:
            done = accept_suggestion(db, plan.actor.id, plan.target.id, note)
        except BaseException:
            if edit is not None:
                edit.discard()
            raise
    if edit is not None:
        try:
            edit.commit()
        except OSError as exc:
            raise LoadError(
                str(gazetteer),
                f"merge #{done.merge.seq} was made but the file could not be replaced: "
                f"{exc.strerror}",
            ) from None
    if json:
        emit_json(
            {
                "merge": done.merge,
                "suggestion": done.suggestion,
                "gazetteer": str(gazetteer) if edit else None,
                "aliases_added": list(edit.added) if edit else [],
            }
        )
        return
    how = "as suggested" if done.suggestion else "by hand: it was not among the suggestions"
    console.print(
        f"{escape(done.actor.name)} ({done.actor.id}) is now {escape(done.target.name)} "
        f"({done.target.id}), "
        f"{how}; merge #{done.merge.seq}. Undo with: actorgraph actors unmerge {done.actor.id}",
        highlight=False,
    )
    if edit is not None and edit.added:
        where = "a new entry" if edit.new_entry else "its entry"
        errors.print(
            f"Added {len(edit.added)} alias{'es' if len(edit.added) > 1 else ''} of "
            f"{done.target.id} to {where} in {escape(str(gazetteer))}: "
            f"{escape(', '.join(map(repr, edit.added)))}. "
            "Loads with that gazetteer resolve them directly.",
            highlight=False,
        )
    elif edit is not None and not edit.taken:
        errors.print(f"{gazetteer} already names {done.target.id} by every name of it.")
    if edit is not None and edit.taken:
        errors.print(
            f"Not added to {escape(str(gazetteer))}, another entry's names there: "
            f"{escape(', '.join(map(repr, edit.taken)))}.",
            highlight=False,
        )
