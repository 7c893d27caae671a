"""CSV files for ``neo4j-admin database import full``: the bulk path into Neo4j.

For corpora too large for transactional loading: load them into the embedded
store, write these files, and import them into an empty Neo4j database (the
server stopped)::

    neo4j-admin database import full neo4j --overwrite-destination \\
        --array-delimiter='|' --multiline-fields=true \\
        --nodes=actors.csv --nodes=articles.csv --nodes=claims.csv --nodes=merges.csv \\
        --relationships=reports.csv --relationships=claim_sources.csv \\
        --relationships=claim_targets.csv --relationships=claim_attributions.csv \\
        --relationships=relations.csv

The files carry the graph model of :mod:`graph.backends.neo4j`, read through
the :class:`~graph.store.GraphStore` protocol: every actor (merged ones too)
with its kind label, the merge log, every holding relation as a relationship
of its type, and the claims behind them (the evidence of every related pair)
with their articles (text included), provenance and attributions. What the
protocol does not expose is left out: relations that do not hold (denied
more than stated) and their claims, articles none of whose claims backs a
holding relation, mentions and article fingerprints (reloading such an
article later rewrites it once, as "updated"). Constraints and indexes are
created when the API or CLI first connects, with the revision node and each related pair's
``TIE`` (it names its relations' element ids, which no import file can know).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from neo4j.spatial import WGS84Point

from graph.backends.cypher import KIND_LABELS
from graph.backends.neo4j_rows import actor_row, claim_row, relation_props
from graph.identity import canonical_ids, canonical_key
from graph.model import Claim
from graph.store import GraphStore

ARRAY = "|"

IMPORT_COMMAND = (
    "neo4j-admin database import full neo4j --overwrite-destination "
    "--array-delimiter='|' --multiline-fields=true "
    "--nodes={d}/actors.csv --nodes={d}/articles.csv --nodes={d}/claims.csv "
    "--nodes={d}/merges.csv "
    "--relationships={d}/reports.csv --relationships={d}/claim_sources.csv "
    "--relationships={d}/claim_targets.csv --relationships={d}/claim_attributions.csv "
    "--relationships={d}/relations.csv"
)
"""The import command for the files in folder ``{d}`` (also in the README)."""


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
        "text",
        "data",
        ":LABEL",
    ),
    "claims.csv": (
        ":ID(Claim)",
        "id",
        "type",
        "key",
        "source",
        "target",
        "article",
        "attributed_to",
        "confidence:float",
        "modality",
        "date:date",
        "valid_from:date",
        "valid_to:date",
        "quote",
        "evidence_start:int",
        "evidence_end:int",
        "mode",
        "certainty",
        "support_type",
        "attributes",
        "place_name",
        "place_admin1",
        "place_admin2",
        "place_country",
        "place_precision",
        "place:point{crs:WGS-84}",
        ":LABEL",
    ),
    "merges.csv": (
        ":ID(Merge)",
        "seq:long",
        "source",
        "target",
        "active:boolean",
        "data",
        ":LABEL",
    ),
    "reports.csv": (":START_ID(Article)", ":END_ID(Claim)", ":TYPE"),
    "claim_sources.csv": (":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"),
    "claim_targets.csv": (":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"),
    "claim_attributions.csv": (":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"),
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


def field(column: str) -> str:
    """The name a row gives the value of a header column: the property, or the import
    field (``ID``, ``LABEL``, ``START_ID``, ``END_ID``, ``TYPE``) for one with no property.

    >>> field("id:ID(Actor)"), field(":LABEL"), field(":START_ID(Claim)"), field("weight:float")
    ('id', 'LABEL', 'START_ID', 'weight')
    """
    name, _, kind = column.partition(":")
    return name or kind.split("(")[0]


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ARRAY.join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, WGS84Point):
        return f"{{longitude:{value.longitude}, latitude:{value.latitude}}}"
    return value


Row = dict[str, object]


def _claim_ref(claim: Claim) -> str:
    """A claim's id among the import's claims: its article's and its own (unique together;
    a space is in neither)."""
    return f"{claim.article} {claim.id}"


def _write(path: Path, header: Sequence[str], rows: Iterable[Row]) -> int:
    """Write ``rows`` under ``header``, each value taken by its column's :func:`field` name."""
    fields = [field(c) for c in header]
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(row[f]) for f in fields])
            count += 1
    return count


def write_import_files(store: GraphStore, directory: Path) -> dict[str, int]:
    """Write the import files for everything in ``store``; returns rows per file."""
    directory.mkdir(parents=True, exist_ok=True)
    vocabulary = store.vocabulary
    actors = store.actors()
    known = {a.id for a in actors}
    merges = store.merges()
    canon = canonical_ids(merges)
    relations = store.relations()
    claims: dict[str, Claim] = {}
    article_ids: set[str] = set()
    for low, high in sorted(
        {(min(r.source, r.target), max(r.source, r.target)) for r in relations}
    ):
        for item in store.evidence(low, high):
            claims[item.claim.id] = item.claim
            article_ids.add(item.article.id)
    ordered = [claims[i] for i in sorted(claims)]

    def actor_rows() -> Iterator[Row]:
        for actor in actors:
            yield {**actor_row(actor), "LABEL": ["Actor", KIND_LABELS[actor.kind]]}

    def article_rows() -> Iterator[Row]:
        for article_id in sorted(article_ids):
            a = store.article(article_id)
            data = a.model_copy(update={"text": None}).model_dump_json()
            yield {**a.model_dump(), "data": data, "LABEL": "Article"}

    def claim_rows() -> Iterator[Row]:
        for claim in ordered:
            row = claim_row(claim, canonical_key(claim, canon, vocabulary))
            yield {**row, "ID": _claim_ref(claim), "LABEL": "Claim"}

    def merge_rows() -> Iterator[Row]:
        for m in merges:
            data = m.model_dump_json()
            named = {"ID": f"merge-{m.seq}", "active": m.active, "data": data, "LABEL": "Merge"}
            yield {**m.model_dump(), **named}

    def relation_rows() -> Iterator[Row]:
        for rel in relations:
            ends = {"START_ID": rel.source, "END_ID": rel.target, "TYPE": rel.type}
            yield {**relation_props(rel), **ends}

    def links(kind: str, pairs: Iterable[tuple[str, str]]) -> Iterator[Row]:
        for start, end in pairs:
            yield {"START_ID": start, "END_ID": end, "TYPE": kind}

    rows: dict[str, Iterable[Row]] = {
        "actors.csv": actor_rows(),
        "articles.csv": article_rows(),
        "claims.csv": claim_rows(),
        "merges.csv": merge_rows(),
        "reports.csv": links("REPORTS", ((c.article, _claim_ref(c)) for c in ordered)),
        "claim_sources.csv": links("SOURCE", ((_claim_ref(c), c.source) for c in ordered)),
        "claim_targets.csv": links("TARGET", ((_claim_ref(c), c.target) for c in ordered)),
        "claim_attributions.csv": links(
            "ATTRIBUTED_TO",
            (
                (_claim_ref(c), c.attributed_to)
                for c in ordered
                if c.attributed_to and c.attributed_to in known
            ),
        ),
        "relations.csv": relation_rows(),
    }
    return {name: _write(directory / name, HEADERS[name], rows[name]) for name in HEADERS}
