"""Analysis commands: timeline, blocs, balance, infer, brokers, support."""

from __future__ import annotations

from typing import Annotated

import typer

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
    filters_of,
    friendly_errors,
    reading,
)
from cli.output import console, emit_json, short, table
from graph.traversal.stance_graph import store_stance_graph
from queries.balance import balance as balance_of
from queries.blocs import blocs as blocs_of
from queries.brokers import brokers_with_blocs, support_chains
from queries.inference import infer as infer_from
from queries.timeline import timeline as timeline_of

ActorArg = Annotated[str, typer.Argument(help="Actor id, name or alias.")]


def timeline(
    source: ActorArg,
    target: ActorArg,
    period: Annotated[str, typer.Option("--period", help="month, quarter or year")] = "year",
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
    """The relation between SOURCE and TARGET over time, and when it flipped."""
    if period not in ("month", "quarter", "year"):
        raise typer.BadParameter("expected month, quarter or year", param_hint="--period")
    with reading(store, timeout) as db:
        a, b = db.actor(source), db.actor(target)
        flt = filters_of(as_of, since, until, type, min_confidence, db)
        result = timeline_of(db.evidence(a.id, b.id, flt), a.id, b.id, db.vocabulary, period)  # type: ignore[arg-type]
    if json:
        emit_json(result)
        return
    table(
        f"{a.name} and {b.name}, by {period}",
        ("period", "net", "sign", "claims"),
        [
            (p.period, f"{p.net:+.2f}", {1: "+", -1: "-", 0: "0"}[p.sign], p.claims)
            for p in result.periods
        ],
    )
    for flip in result.flips:
        console.print(f"flipped in {flip.period}: {flip.before:+d} -> {flip.after:+d}")


def blocs(
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
    """Coalitions of the signed graph and the ties that violate them."""
    with reading(store, timeout) as db:
        flt = filters_of(as_of, since, until, type, min_confidence, db)
        result = blocs_of(store_stance_graph(db, flt))
        names = {a.id: a.name for a in db.actors()}
    if json:
        emit_json(result)
        return
    table(
        "Blocs",
        ("bloc", "actors"),
        [(n, ", ".join(names[a] for a in bloc)) for n, bloc in enumerate(result.blocs)],
    )
    table(
        f"Frustrated ties (total {result.frustration:.2f})",
        ("between", "sign", "stance"),
        [(f"{names[t.source]} / {names[t.target]}", t.sign, t.stance) for t in result.frustrated],
    )


def balance(
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type: TypeOpt = None,
    min_confidence: ConfOpt = 0.0,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="Most unbalanced triads, best evidenced first.")
    ] = 20,
    timeout: TimeoutOpt = None,
) -> None:
    """Signed triad census, unbalanced triads and the balance index."""
    with reading(store, timeout) as db:
        result = balance_of(
            store_stance_graph(db, filters_of(as_of, since, until, type, min_confidence, db)),
            limit=limit,
        )
    if json:
        emit_json(result)
        return
    index = "n/a (no triangles)" if result.balance_index is None else f"{result.balance_index:.2f}"
    console.print(f"triangles: {result.triangles}, balance index: {index}")
    table("Census", tuple(result.census), [tuple(result.census.values())])
    n_unbalanced = result.census["++-"] + result.census["---"]
    table(
        f"Unbalanced triads ({len(result.unbalanced)} of {n_unbalanced})",
        ("actors", "signs", "evidence"),
        [(", ".join(t.actors), t.signs, t.evidence) for t in result.unbalanced],
    )


def infer(
    actor: ActorArg,
    max_length: Annotated[int, typer.Option("--max-length", help="Longest path (2..4).")] = 2,
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
    """Stances of ACTOR suggested by paths: inferred, never observed."""
    with reading(store, timeout) as db:
        who = db.actor(actor)
        flt = filters_of(as_of, since, until, type, min_confidence, db)
        found = infer_from(store_stance_graph(db, flt), who.id, max_length)
    if json:
        emit_json(found)
        return
    table(
        f"Inferred stances of {who.name} (not observed)",
        ("actor", "sign", "confidence", "rule", "path"),
        [(i.actor, i.sign, i.confidence, i.rule, short(" -> ".join(i.path))) for i in found],
    )


def brokers(
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
    """Actors bridging others on the cooperative graph."""
    with reading(store, timeout) as db:
        found = brokers_with_blocs(
            store_stance_graph(db, filters_of(as_of, since, until, type, min_confidence, db))
        )
    if json:
        emit_json(found)
        return
    table(
        "Brokers",
        ("actor", "betweenness", "blocs tied into"),
        [(b.actor, b.betweenness, ", ".join(map(str, b.bridges))) for b in found],
    )


def support(
    min_length: Annotated[
        int, typer.Option("--min-length", help="Fewest steps a chain needs (1 lists every backer).")
    ] = 2,
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_confidence: ConfOpt = 0.0,
    timeout: TimeoutOpt = None,
) -> None:
    """The external support network: chains of backing (state -> militia -> ally)."""
    with reading(store, timeout) as db:
        G = store_stance_graph(db, filters_of(as_of, since, until, None, min_confidence, db))
        found = support_chains(G, min_length=min_length)
    if json:
        emit_json(found)
        return
    table(
        "Support chains",
        ("chain", "steps", "evidence of the first step"),
        [
            (
                " -> ".join(c.actors),
                len(c.relations),
                short(c.relations[0].evidence.quote if c.relations[0].evidence else None),
            )
            for c in found
        ],
    )


def register(app: typer.Typer) -> None:
    """Add the analysis commands to ``app``."""
    for command in (timeline, blocs, balance, infer, brokers, support):
        app.command()(friendly_errors(command))
