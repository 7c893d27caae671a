"""Query commands: allies, enemies, path, neighbourhood, evidence, search."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from cli.common import (
    AsOfOpt,
    ConfOpt,
    DebugOpt,
    JsonOpt,
    SinceOpt,
    StoreOpt,
    TimeoutOpt,
    TypeOpt,
    UntilOpt,
    bounded,
    filters_of,
    friendly_errors,
    reading,
)
from cli.output import console, emit_json, plural, short, table
from graph.model import Relation
from graph.store import Stance

ActorArg = Annotated[str, typer.Argument(help="Actor id, name or alias.")]


def _arrow(relation: Relation, other: str) -> str:
    """Who does what to whom, seen from the queried actor: -> it acts, <- it is acted on."""
    if relation.symmetric:
        return "<->"
    return "<-" if relation.source == other else "->"


def _stance_rows(stances: list[Stance]) -> list[tuple]:
    rows = []
    for s in stances:
        best = max(s.relations, key=lambda r: r.weight)
        rows.append(
            (
                s.actor.name,
                "\n".join(
                    f"{_arrow(r, s.actor.id)} {r.type} {r.weight:.2f}"
                    for r in sorted(s.relations, key=lambda r: -r.weight)
                ),
                f"{s.stance:+.2f}",
                max(r.n_articles for r in s.relations),
                min((r.first_seen for r in s.relations if r.first_seen), default=""),
                max((r.last_seen for r in s.relations if r.last_seen), default=""),
                short(best.evidence.quote if best.evidence else ""),
            )
        )
    return rows


def _stances(kind: str, actor: str, store: str | None, json: bool, *filters: object) -> None:
    with reading(store) as db:
        who = db.actor(actor)
        flt = filters_of(*filters, store=db)  # type: ignore[arg-type]
        found = db.allies(who.id, flt) if kind == "allies" else db.enemies(who.id, flt)
    if json:
        emit_json({"actor": who, kind: found})
        return
    table(
        f"{kind.capitalize()} of {who.name}",
        ("actor", "relations (weight)", "stance", "articles", "first", "last", "evidence"),
        _stance_rows(found),
    )
    if found:
        console.print(
            f"[dim]-> {escape(who.name)} acts on the actor, <- the actor acts on "
            f"{escape(who.name)}, "
            "<-> both ways; stance is the net signed weight of all their relations.[/dim]"
        )


def allies(
    actor: Annotated[str, typer.Argument(help="Actor id, name or alias.")],
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type: TypeOpt = None,
    min_confidence: ConfOpt = 0.0,
) -> None:
    """Actors standing with ACTOR, strongest first, with evidence."""
    _stances(
        "allies",
        actor,
        store,
        json,
        as_of,
        since,
        until,
        type,
        min_confidence,
    )


def enemies(
    actor: Annotated[str, typer.Argument(help="Actor id, name or alias.")],
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type: TypeOpt = None,
    min_confidence: ConfOpt = 0.0,
) -> None:
    """Actors standing against ACTOR, most hostile first, with evidence."""
    _stances(
        "enemies",
        actor,
        store,
        json,
        as_of,
        since,
        until,
        type,
        min_confidence,
    )


def path(
    source: ActorArg,
    target: ActorArg,
    positive_only: Annotated[
        bool, typer.Option("--positive-only", help="Cooperative steps only.")
    ] = False,
    max_hops: Annotated[int, bounded("--max-hops", "max_hops", "Longest path")] = 4,
    k: Annotated[int, bounded("--k", "k", "How many shortest paths")] = 1,
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type: TypeOpt = None,
    min_confidence: ConfOpt = 0.0,
    timeout: TimeoutOpt = None,
) -> None:
    """Shortest signed paths from SOURCE to TARGET."""
    with reading(store, timeout) as db:
        a, b = db.actor(source), db.actor(target)
        flt = filters_of(as_of, since, until, type, min_confidence, db)
        found = db.paths(
            a.id, b.id, max_hops=max_hops, k=k, positive_only=positive_only, filters=flt
        )
        names = {x.id: escape(x.name) for x in db.actors()}
    if json:
        emit_json(found)
        return
    if not found:
        kind = "cooperative path" if positive_only else "path"
        console.print(
            f"No {kind} from {escape(a.name)} to {escape(b.name)} within {plural(max_hops, 'hop')}."
        )
    for n, p in enumerate(found, 1):
        sign = {1: "positive (+)", -1: "negative (-)", 0: "neutral (0)"}[p.sign]
        console.print(f"[bold]Path {n}[/bold]: {plural(p.hops, 'hop')}, sign {sign}")
        for step in p.steps:
            mark = {1: "[green]+[/green]", -1: "[red]-[/red]", 0: "0"}[step.sign]
            said = "; ".join(
                f"{names[r.source]} {r.type} {names[r.target]} ({r.weight:.2f})"
                for r in step.relations
            )
            console.print(
                f"  ({mark}) {names[step.source]} -> {names[step.target]}: {said}",
                highlight=False,
            )


def neighbourhood(
    actor: ActorArg,
    depth: Annotated[int, bounded("--depth", "depth", "Hops")] = 1,
    limit: Annotated[int, bounded("--limit", "limit", "Most actors")] = 100,
    max_relations: Annotated[
        int, bounded("--max-relations", "max_relations", "Most relations shown")
    ] = 500,
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type: TypeOpt = None,
    min_confidence: ConfOpt = 0.0,
    timeout: TimeoutOpt = None,
) -> None:
    """Actors within DEPTH hops of ACTOR and the relations among them."""
    with reading(store, timeout) as db:
        who = db.actor(actor)
        flt = filters_of(as_of, since, until, type, min_confidence, db)
        sub = db.neighbourhood(who.id, depth, flt, limit, max_relations)
    if json:
        emit_json(sub)
        return
    names = {n.id: n.name for n in sub.nodes}
    shown = len(sub.relations)
    table(
        f"Within {depth} hop(s) of {who.name}"
        + (" (actor limit reached)" if sub.truncated else "")
        + (f" ({shown} of {sub.total_relations} relations)" if shown < sub.total_relations else ""),
        ("source", "relation", "target", "weight", "articles", "first", "last"),
        [
            (
                names[r.source],
                r.type,
                names[r.target],
                f"{r.weight:.2f}",
                r.n_articles,
                r.first_seen or "",
                r.last_seen or "",
            )
            for r in sub.relations
        ],
    )


def evidence(
    source: ActorArg,
    target: ActorArg,
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type: TypeOpt = None,
    min_confidence: ConfOpt = 0.0,
    offset: Annotated[int, bounded("--offset", "offset", "Claims to skip")] = 0,
    limit: Annotated[int, bounded("--limit", "limit", "Most claims shown")] = 100,
) -> None:
    """The claims between SOURCE and TARGET, oldest first: quotes, articles, dates."""
    with reading(store) as db:
        a, b = db.actor(source), db.actor(target)
        flt = filters_of(as_of, since, until, type, min_confidence, db)
        page = db.evidence_page(a.id, b.id, flt, offset=offset, limit=limit)
        items = page.items
        said_by = {i.claim.attributed_to for i in items if i.claim.attributed_to}
        ends = {x for i in items for x in (i.claim.source, i.claim.target)}
        names = {x: escape(db.actor(x).name) for x in said_by | ends | {a.id, b.id}}
    if json:
        emit_json(items)
        return
    shown = ""
    if len(items) < page.total:
        part = f"{offset + 1}-{offset + len(items)} shown" if items else f"none from {offset + 1}"
        shown = f", {part} (--offset, --limit for others)"
    console.print(
        f"[bold]Evidence between {names[a.id]} and {names[b.id]}[/bold]: "
        f"{plural(page.total, 'claim')}{shown}",
        highlight=False,
    )
    for i in items:
        c = i.claim
        said = (
            f"said by {names[c.attributed_to]}"
            if c.attributed_to
            else f"in {escape(i.article.publisher or 'the article')}'s own reporting"
        )
        console.print(
            f"\n{c.date or 'undated'}  [bold]{names[c.source]} {c.type} {names[c.target]}[/bold]"
            f"\n  {c.modality.value}, confidence {c.confidence:g}, {said}",
            highlight=False,
        )
        if c.evidence:
            console.print(f'  "{escape(" ".join(c.evidence.quote.split()))}"', highlight=False)
        published = i.article.published or "undated"
        source = ", ".join(x for x in (i.article.publisher, i.article.title) if x)
        console.print(
            f"  [dim]{escape(source)}, {published} ({i.article.id})[/dim]", highlight=False
        )


def search(
    query: Annotated[str, typer.Argument(help="A name or alias, any spelling.")],
    limit: Annotated[int, bounded("--limit", "limit", "Most matches")] = 10,
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Actors whose names or aliases match QUERY."""
    with reading(store) as db:
        found = db.search_actors(query, limit)
    if json:
        emit_json(found)
        return
    table(
        f"Actors matching {query!r}",
        ("id", "name", "kind", "matched", "score"),
        [(m.actor.id, m.actor.name, m.actor.kind.value, m.matched, m.score) for m in found],
    )


def register(app: typer.Typer) -> None:
    """Add the query commands to ``app``."""
    for command in (allies, enemies, path, neighbourhood, evidence, search):
        app.command()(friendly_errors(command))
