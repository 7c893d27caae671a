"""CSV files for ``neo4j-admin database import full``: the bulk path into Neo4j.

For corpora too large for transactional loading: load them into the embedded
store, write these files, and import them into an empty Neo4j database::

    neo4j-admin database import full neo4j --overwrite-destination \\
        --array-delimiter='|' \\
        --nodes=actors.csv --nodes=articles.csv --nodes=claims.csv \\
        --relationships=reports.csv --relationships=claim_sources.csv \\
        --relationships=claim_targets.csv --relationships=relations.csv

The files carry the same graph model as :mod:`graph.backends.neo4j`
(article texts are left out); constraints and indexes are created when the
API or CLI first connects.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from graph.backends.cypher import KIND_LABELS
from graph.backends.neo4j_rows import actor_row, claim_row, relation_props
from graph.model import Article, Claim
from graph.store import GraphStore

ARRAY = "|"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


HEADERS: dict[str, Sequence[str]] = {
    "actors.csv": (
        "id:ID(Actor)",
        "name",
        "kind",
        "aliases:string[]",
        "alias_text",
        "country",
        "name_keys:string[]",
        "unresolved:boolean",
        "data",
        ":LABEL",
    ),
    "articles.csv": (
        "id:ID(Article)",
        "title",
        "url",
        "publisher",
        "published:date",
        "kind",
        "data",
        ":LABEL",
    ),
    "claims.csv": (
        "id:ID(Claim)",
        "type",
        "key",
        "source",
        "target",
        "article",
        "confidence:float",
        "modality",
        "date:date",
        "valid_from:date",
        "valid_to:date",
        "quote",
        "data",
        ":LABEL",
    ),
    "reports.csv": (":START_ID(Article)", ":END_ID(Claim)", ":TYPE"),
    "claim_sources.csv": (":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"),
    "claim_targets.csv": (":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"),
    "relations.csv": (
        ":START_ID(Actor)",
        ":END_ID(Actor)",
        ":TYPE",
        "weight:float",
        "polarity:int",
        "symmetric:boolean",
        "n_claims:int",
        "n_articles:int",
        "n_denials:int",
        "first_seen:date",
        "last_seen:date",
        "evidence",
        "evidence_start:int",
        "evidence_end:int",
        "evidence_article",
    ),
}


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ARRAY.join(str(v) for v in value)
    return value


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
            count += 1
    return count


def write_import_files(store: GraphStore, directory: Path) -> dict[str, int]:
    """Write the import files for everything in ``store``; returns rows per file."""
    directory.mkdir(parents=True, exist_ok=True)
    actors = store.actors()
    relations = store.relations()
    claims: dict[str, Claim] = {}
    articles: dict[str, Article] = {}
    for pair in sorted({tuple(sorted((r.source, r.target))) for r in relations}):
        for item in store.evidence(*pair):
            claims[item.claim.id] = item.claim
            articles[item.article.id] = item.article
    vocabulary = store.vocabulary

    def actor_rows():
        for actor in actors:
            r = actor_row(actor)
            yield (
                r["id"],
                r["name"],
                r["kind"],
                r["aliases"],
                r["alias_text"],
                r["country"],
                r["name_keys"],
                r["unresolved"],
                r["data"],
                ["Actor", KIND_LABELS[actor.kind]],
            )

    def article_rows():
        for a in articles.values():
            yield (
                a.id,
                a.title,
                a.url,
                a.publisher,
                _iso(a.published),
                a.kind,
                a.model_dump_json(),
                "Article",
            )

    def claim_rows():
        for claim in claims.values():
            r = claim_row(claim, vocabulary)
            yield (
                r["id"],
                r["type"],
                r["key"],
                r["source"],
                r["target"],
                r["article"],
                r["confidence"],
                r["modality"],
                _iso(r["date"]),
                _iso(r["valid_from"]),
                _iso(r["valid_to"]),
                r["quote"],
                r["data"],
                "Claim",
            )

    def relation_rows():
        for rel in relations:
            p = relation_props(rel)
            yield (
                rel.source,
                rel.target,
                rel.type,
                p["weight"],
                p["polarity"],
                p["symmetric"],
                p["n_claims"],
                p["n_articles"],
                p["n_denials"],
                _iso(p["first_seen"]),
                _iso(p["last_seen"]),
                p["evidence"],
                p["evidence_start"],
                p["evidence_end"],
                p["evidence_article"],
            )

    rows = {
        "actors.csv": actor_rows(),
        "articles.csv": article_rows(),
        "claims.csv": claim_rows(),
        "reports.csv": ((c.article, c.id, "REPORTS") for c in claims.values()),
        "claim_sources.csv": ((c.id, c.source, "SOURCE") for c in claims.values()),
        "claim_targets.csv": ((c.id, c.target, "TARGET") for c in claims.values()),
        "relations.csv": relation_rows(),
    }
    return {name: _write(directory / name, HEADERS[name], rows[name]) for name in HEADERS}
