"""Nodes, edges and claims as CSV and Parquet under the API's filters; ETags and 304s."""

from __future__ import annotations

import csv
import io

import pyarrow.parquet as pq
import yaml
from fastapi.testclient import TestClient

from api.etag import strong_etag
from api.routes.export import Format
from graph.vocabulary import load_vocabulary
from queries.export import ExportFormat
from queries.tables import COLUMNS, Table
from tests.conftest import SEEDS

SEED_CLAIMS = yaml.safe_load((SEEDS / "000_dbaca485cba48593.yaml").read_text())["claims"]
POLARITY = {t.name: t.polarity for t in load_vocabulary(None)}


def _csv(client: TestClient, **params: object) -> list[dict[str, str]]:
    response = client.get("/export", params={"format": "csv", **params})
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text)))


def _quote(claim: dict) -> str:
    evidence = claim["evidence"]
    return " ".join(str(evidence["quote"] if isinstance(evidence, dict) else evidence).split())


def test_claims_table_carries_every_claim_with_its_evidence(client: TestClient) -> None:
    rows = _csv(client, table="claims")
    assert len(rows) == len(SEED_CLAIMS)
    assert {" ".join(r["quote"].split()) for r in rows} == {_quote(c) for c in SEED_CLAIMS}
    row = next(r for r in rows if "coordinating closely" in r["quote"])
    assert row["source"] == "popular-mobilisation-forces"
    assert row["relation"] == "COOPERATES_WITH"
    assert row["polarity"] == "1"
    assert row["date"] == "2016-02-24"
    assert row["article_title"].startswith("Popular Mobilisation 'coordinating with Assad'")


def test_claims_follow_the_filters_like_the_other_tables(client: TestClient) -> None:
    hostile = _csv(client, table="claims", polarity=-1)
    assert len(hostile) == sum(POLARITY[c["type"]] == -1 for c in SEED_CLAIMS)
    assert {r["polarity"] for r in hostile} == {"-1"}
    strong = _csv(client, table="claims", min_confidence=0.8)
    assert len(strong) == sum(c.get("confidence", 1.0) >= 0.8 for c in SEED_CLAIMS)
    edges = _csv(client, table="edges", min_confidence=0.8)
    # the claims are those of the exported relations (symmetric ones in either direction)
    assert {(frozenset((r["source"], r["target"])), r["relation"]) for r in edges} == {
        (frozenset((r["source"], r["target"])), r["relation"]) for r in strong
    }
    assert _csv(client, table="claims", until="2016-01-01") == []


def test_parquet_tables_hold_what_the_csv_tables_hold(client: TestClient) -> None:
    for table in ("nodes", "edges", "claims"):
        response = client.get("/export", params={"format": "parquet", "table": table})
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/vnd.apache.parquet"
        assert f'filename="actorgraph-{table}.parquet"' in response.headers["content-disposition"]
        frame = pq.read_table(io.BytesIO(response.content))
        rows = _csv(client, table=table)
        assert frame.num_rows == len(rows)
        assert frame.column_names == list(rows[0])
        assert sorted(frame.column("source" if table != "nodes" else "id").to_pylist()) == sorted(
            r["source" if table != "nodes" else "id"] for r in rows
        )
    edges = pq.read_table(io.BytesIO(client.get("/export?format=parquet&table=edges").content))
    assert str(edges.schema.field("first_seen").type) == "date32[day]"
    assert str(edges.schema.field("weight").type) == "double"
    # an empty answer keeps its typed columns
    empty = client.get(
        "/export", params={"format": "parquet", "table": "claims", "until": "2000-01-01"}
    )
    frame = pq.read_table(io.BytesIO(empty.content))
    assert frame.num_rows == 0
    assert "quote" in frame.column_names


def test_every_graph_format_and_table_is_offered() -> None:
    assert {f.value for f in ExportFormat} | {"parquet"} == {f.value for f in Format}
    assert [t.value for t in Table] == list(COLUMNS)


def test_table_and_format_must_fit(client: TestClient) -> None:
    assert client.get("/export", params={"format": "parquet"}).status_code == 422
    assert "table=nodes" in client.get("/export", params={"format": "parquet"}).json()["detail"]
    assert client.get("/export", params={"format": "gexf", "table": "claims"}).status_code == 422
    assert client.get("/export", params={"format": "csv", "table": "people"}).status_code == 422


def test_an_unchanged_answer_is_not_sent_twice(client: TestClient) -> None:
    first = client.get("/actors/PMU/allies")
    etag = first.headers["ETag"]
    assert etag.startswith('"')
    assert not etag.startswith("W/")
    again = client.get("/actors/PMU/allies", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    assert again.headers["X-Total-Count"] == first.headers["X-Total-Count"]
    # another answer has another tag, and a stale tag gets the whole answer
    other = client.get("/actors/PMU/enemies")
    assert other.headers["ETag"] != etag
    stale = client.get("/actors/PMU/enemies", headers={"If-None-Match": etag})
    assert stale.status_code == 200
    assert stale.json() == other.json()
    exported = client.get("/export", params={"format": "csv", "table": "claims"})
    assert client.get(
        "/export", params={"format": "csv", "table": "claims"},
        headers={"If-None-Match": exported.headers["ETag"]},
    ).status_code == 304  # fmt: skip


def test_errors_and_writes_carry_no_etag(client: TestClient) -> None:
    assert "ETag" not in client.get("/actors/nobody-at-all").headers
    assert "ETag" not in client.delete("/articles/nothing-here").headers


def test_a_file_keeps_its_own_tag_and_is_not_sent_twice(client: TestClient) -> None:
    first = client.get("/static/explorer.js")
    etag = first.headers["ETag"]
    assert etag != strong_etag(first.content)  # Starlette's tag of the file, not a digest
    again = client.get("/static/explorer.js", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
