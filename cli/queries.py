"""Query commands: allies, enemies, path, neighbourhood, evidence, search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.markup import escape

from api.actor_refs import find_actor
from cli.common import friendly_errors, reading
from cli.options import ActorArg, Common, SourceArg, TargetArg, bounded, query_command
from cli.output import SIGNS, Grid, console, one_line, plural, print_grid, show
from cli.rollup import RollUpOpt, say_rolled_up
from graph.model import Relation
from graph.store import Stance
from queries.rollup import rolled_up


def _arrow(relation: Relation, other: str) -> str:
    """Who does what to whom, seen from the queried actor: -> it acts, <- it is acted on."""
    if relation.symmetric:
        return "<->"
    return "<-" if relation.source == other else "->"


def _stance_rows(stances: list[Stance]) -> list[tuple]:
    rows = []
    for s in stances:
        best = max(s.relations, key=lambda r: r.weight)
        first = min((r.first_seen for r in s.relations if r.first_seen), default=None)
        last = max((r.last_seen for r in s.relations if r.last_seen), default=None)
        rows.append(
            (
                s.actor.name,
                "\n".join(
                    f"{_arrow(r, s.actor.id)} {r.type} {r.weight:.2f}"
                    for r in sorted(s.relations, key=lambda r: -r.weight)
                ),
                f"{s.stance:+.2f}",
                max(r.n_articles for r in s.relations),
                first,
                last,
                one_line(best.evidence.quote if best.evidence else ""),
            )
        )
    return rows


STANCE_COLUMNS = ("actor", "relations (weight)", "stance", "articles", "first", "last", "evidence")


def _stances(kind: str, actor: str, common: Common, roll_up: bool) -> None:
    """The one body of ``allies`` and ``enemies``."""
    with reading(common.store) as db:
        asked = who = find_actor(db, actor)
        flt = common.filters(db)
        if roll_up:
            view = rolled_up(db, flt, ties_of=who.id)
            who = db.actor(view.top(who.id))
            found = view.allies(who.id) if kind == "allies" else view.enemies(who.id)
        else:
            found = db.allies(who.id, flt) if kind == "allies" else db.enemies(who.id, flt)
    grid = Grid(
        f"{kind.capitalize()} of {who.name}",
        STANCE_COLUMNS,
        _stance_rows(found),
        wide=frozenset({"evidence"}),
    )

    def human() -> None:
        print_grid(grid)
        if found:
            console.print(
                f"[dim]-> {escape(who.name)} acts on the actor, <- the actor acts on "
                f"{escape(who.name)}, "
                "<-> both ways; stance is the net signed weight of all their relations.[/dim]",
                highlight=False,
            )
        if roll_up:
            say_rolled_up(view, asked)

    show(common.output, {"actor": who, kind: found}, [grid], human=human)


@query_command()
def allies(actor: ActorArg, common: Common, roll_up: RollUpOpt = False) -> None:
    """Actors standing with ACTOR, strongest first, with evidence."""
    _stances("allies", actor, common, roll_up)


@query_command()
def enemies(actor: ActorArg, common: Common, roll_up: RollUpOpt = False) -> None:
    """Actors standing against ACTOR, most hostile first, with evidence."""
    _stances("enemies", actor, common, roll_up)


@query_command(timeout=True)
def path(
    source: SourceArg,
    target: TargetArg,
    common: Common,
    positive_only: Annotated[
        bool, typer.Option("--positive-only", help="Cooperative steps only.")
    ] = False,
    max_hops: Annotated[int, bounded("--max-hops", "max_hops", "Longest path in steps.")] = 4,
    k: Annotated[int, bounded("--k", "k", "How many shortest paths.")] = 1,
    roll_up: RollUpOpt = False,
) -> None:
    """Shortest signed paths from SOURCE to TARGET."""
    with reading(common.store, common.timeout) as db:
        a, b = find_actor(db, source), find_actor(db, target)
        view = rolled_up(db, common.filters(db)) if roll_up else None
        if view is not None:
            found = view.paths(a.id, b.id, max_hops=max_hops, k=k, positive_only=positive_only)
        else:
            found = db.paths(
                a.id,
                b.id,
                max_hops=max_hops,
                k=k,
                positive_only=positive_only,
                filters=common.filters(db),
            )
        named = {a.id, b.id}
        for p in found:
            named.update(p.actors)
            named.update(i for s in p.steps for r in s.relations for i in (r.source, r.target))
        names = {i: x.name for i, x in db.actors_by_id(named).items()}

    def said(relations: Sequence[Relation]) -> str:
        return "; ".join(
            f"{names[r.source]} {r.type} {names[r.target]} ({r.weight:.2f})" for r in relations
        )

    def human() -> None:
        if view is not None:
            say_rolled_up(view, a, b)
        if not found:
            kind = "cooperative path" if positive_only else "path"
            console.print(
                f"No {kind} from {escape(a.name)} to {escape(b.name)} within "
                f"{plural(max_hops, 'hop')}.",
                highlight=False,
            )
        for n, p in enumerate(found, 1):
            sign = {1: "positive (+)", -1: "negative (-)", 0: "neutral (0)"}[p.sign]
            console.print(f"[bold]Path {n}[/bold]: {plural(p.hops, 'hop')}, sign {sign}")
            for step in p.steps:
                mark = {1: "[green]+[/green]", -1: "[red]-[/red]", 0: "0"}[step.sign]
                console.print(
                    f"  ({mark}) {escape(names[step.source])} -> {escape(names[step.target])}: "
                    f"{escape(said(step.relations))}",
                    highlight=False,
                )

    rows = [
        (n, p.sign, i, names[s.source], names[s.target], SIGNS[s.sign], said(s.relations))
        for n, p in enumerate(found, 1)
        for i, s in enumerate(p.steps, 1)
    ]
    columns = ("path", "path sign", "step", "from", "to", "step sign", "relations")
    show(
        common.output, found, [Grid(f"Paths from {a.name} to {b.name}", columns, rows)], human=human
    )


@query_command(timeout=True)
def neighbourhood(
    actor: ActorArg,
    common: Common,
    depth: Annotated[int, bounded("--depth", "depth", "Hops from ACTOR.")] = 1,
    limit: Annotated[int, bounded("--limit", "limit", "Most actors.")] = 100,
    max_relations: Annotated[
        int, bounded("--max-relations", "max_relations", "Most relations shown.")
    ] = 500,
    roll_up: RollUpOpt = False,
) -> None:
    """Actors within DEPTH hops of ACTOR and the relations among them."""
    with reading(common.store, common.timeout) as db:
        asked = who = find_actor(db, actor)
        view = rolled_up(db, common.filters(db)) if roll_up else None
        if view is not None:
            sub = view.neighbourhood(who.id, depth, limit, max_relations)
            who = db.actor(sub.center)
        else:
            sub = db.neighbourhood(who.id, depth, common.filters(db), limit, max_relations)
    names = {n.id: n.name for n in sub.nodes}
    shown = len(sub.relations)
    title = (
        f"Within {plural(depth, 'hop')} of {who.name}"
        + (" (actor limit reached)" if sub.truncated else "")
        + (f" ({shown} of {sub.total_relations} relations)" if shown < sub.total_relations else "")
    )
    rows = [
        (
            names[r.source],
            r.type,
            names[r.target],
            f"{r.weight:.2f}",
            r.n_articles,
            r.first_seen,
            r.last_seen,
        )
        for r in sub.relations
    ]
    columns = ("source", "relation", "target", "weight", "articles", "first", "last")
    grid = Grid(title, columns, rows)

    def human() -> None:
        print_grid(grid)
        if view is not None:
            say_rolled_up(view, asked)

    show(common.output, sub, [grid], human=human)


@query_command()
def evidence(
    source: SourceArg,
    target: TargetArg,
    common: Common,
    offset: Annotated[int, bounded("--offset", "offset", "Claims to skip.")] = 0,
    limit: Annotated[int, bounded("--limit", "limit", "Most claims shown.")] = 100,
) -> None:
    """The claims between SOURCE and TARGET, oldest first: quotes, articles, dates."""
    with reading(common.store) as db:
        a, b = find_actor(db, source), find_actor(db, target)
        page = db.evidence_page(a.id, b.id, common.filters(db), offset=offset, limit=limit)
        items = page.items
        said_by = {i.claim.attributed_to for i in items if i.claim.attributed_to}
        ends = {x for i in items for x in (i.claim.source, i.claim.target)}
        names = {x: db.actor(x).name for x in said_by | ends | {a.id, b.id}}

    def human() -> None:
        shown = ""
        if len(items) < page.total:
            part = (
                f"{offset + 1}-{offset + len(items)} shown" if items else f"none from {offset + 1}"
            )
            shown = f", {part} (--offset, --limit for others)"
        console.print(
            f"[bold]Evidence between {escape(a.name)} and {escape(b.name)}[/bold]: "
            f"{plural(page.total, 'claim')}{shown}",
            highlight=False,
        )
        for i in items:
            c = i.claim
            said = (
                f"said by {names[c.attributed_to]}"
                if c.attributed_to
                else f"in {i.article.publisher or 'the article'}'s own reporting"
            )
            ends = f"{names[c.source]} {c.type} {names[c.target]}"
            console.print(
                f"\n{c.date or 'undated'}  [bold]{escape(ends)}[/bold]"
                f"\n  {c.modality.value}, confidence {c.confidence:g}, {escape(said)}",
                highlight=False,
            )
            if c.evidence:
                console.print(f'  "{escape(one_line(c.evidence.quote))}"', highlight=False)
            if c.place:
                console.print(f"  at {escape(c.place.label)}", highlight=False)
            published = i.article.published or "undated"
            source = ", ".join(x for x in (i.article.publisher, i.article.title) if x)
            console.print(
                f"  [dim]{escape(source)}, {published} ({i.article.id})[/dim]", highlight=False
            )
            if i.article.url and i.article.url != i.article.title:
                console.print(
                    f"  [dim]{escape(i.article.url)}[/dim]", highlight=False, soft_wrap=True
                )

    columns = (
        "date", "source", "type", "target", "modality", "confidence", "said by", "quote",
        "article", "publisher", "title", "published", "url", "place",
    )  # fmt: skip
    rows = [
        (
            i.claim.date,
            names[i.claim.source],
            i.claim.type,
            names[i.claim.target],
            i.claim.modality.value,
            i.claim.confidence,
            names.get(i.claim.attributed_to or "", ""),
            one_line(i.claim.evidence.quote if i.claim.evidence else ""),
            i.article.id,
            i.article.publisher,
            i.article.title,
            i.article.published,
            i.article.url,
            i.claim.place.label if i.claim.place else "",
        )
        for i in items
    ]
    grid = Grid(f"Evidence between {a.name} and {b.name}", columns, rows)
    show(common.output, items, [grid], human=human)


@query_command(filters=False)
def search(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="A name or alias, any spelling.")],
    common: Common,
    limit: Annotated[int, bounded("--limit", "limit", "Most matches.")] = 10,
) -> None:
    """Actors whose names or aliases match QUERY, closest first (close matches only)."""
    with reading(common.store) as db:
        found = db.search_actors(query, limit)
    rows = [(m.actor.id, m.actor.name, m.actor.kind.value, m.matched, m.score) for m in found]
    columns = ("id", "name", "kind", "matched", "score")
    show(common.output, found, [Grid(f"Actors matching {query!r}", columns, rows)])


def register(app: typer.Typer) -> None:
    """Add the query commands to ``app``."""
    for command in (allies, enemies, path, neighbourhood, evidence, search):
        app.command()(friendly_errors(command))
