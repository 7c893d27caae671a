"""Analysis and export routes, with the common filters."""

from __future__ import annotations

import csv
import io

import networkx as nx
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_store
from graph.backends.embedded import EmbeddedStore
from graph.settings import Settings
from tests.contract.world import ACTORS, TRIADS


def test_blocs_route(client: TestClient) -> None:
    body = client.get("/blocs").json()
    member = body["membership"]
    assert member["alliance-of-iraqi-forces"] != member["popular-mobilisation-forces"]
    assert client.get("/blocs", params={"until": "2015-01-01"}).json()["blocs"] == []


def test_timeline_balance_inferred_brokers(client: TestClient) -> None:
    line = client.get("/timeline", params={"source": "PMU", "target": "Syrian army"}).json()
    assert [p["sign"] for p in line["periods"]] == [1]
    assert client.get("/balance").json()["triangles"] == 0
    inferred = client.get("/actors/Alliance of Iraqi Forces/inferred").json()
    assert all(i["inferred"] for i in inferred)
    assert {"actor": "syrian-arab-army", "sign": -1}.items() <= next(
        i for i in inferred if i["actor"] == "syrian-arab-army"
    ).items()
    assert client.get("/actors/AIF/inferred", params={"max_length": 9}).status_code == 422
    assert client.get("/brokers").json()[0]["actor"] == "popular-mobilisation-forces"
    assert client.get("/support-network").json() == []


def test_export_route_formats(client: TestClient) -> None:
    response = client.get("/export", params={"format": "graphml"})
    assert response.headers["content-type"].startswith("application/xml")
    assert "actorgraph.graphml" in response.headers["content-disposition"]
    G = nx.read_graphml(io.BytesIO(response.content))
    assert G.number_of_edges() == 13
    hostile = client.get("/export", params={"format": "node-link", "polarity": -1}).json()
    assert {e["polarity"] for e in hostile["links"]} == {-1}
    assert client.get("/export", params={"format": "pdf"}).status_code == 422


def test_csv_export_one_table_at_a_time(client: TestClient) -> None:
    edges = client.get("/export", params={"format": "csv", "table": "edges"})
    assert edges.headers["content-type"].startswith("text/csv")
    assert 'filename="actorgraph-edges.csv"' in edges.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(edges.text)))
    assert len(rows) == 13
    assert rows[0].keys() >= {"source", "target", "relation", "weight"}
    nodes = client.get("/export", params={"format": "csv", "table": "nodes"}).text
    assert nodes.startswith("id,label,kind,country,bloc")
    assert client.get("/export", params={"format": "gexf", "table": "nodes"}).status_code == 422


def test_balance_pages_the_unbalanced_triads_and_counts_them_all() -> None:
    store = EmbeddedStore(":memory:")
    store.upsert_actors(ACTORS)
    store.upsert_article(TRIADS)
    app = create_app(Settings(store=":memory:"))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as client:
        first = client.get("/balance", params={"limit": 1})
        second = client.get("/balance", params={"offset": 1, "limit": 1}).json()
    assert first.headers["X-Total-Count"] == "2"
    assert first.json()["census"] == {"+++": 0, "++-": 2, "+--": 0, "---": 0}
    assert [t["actors"] for t in first.json()["unbalanced"]] == [
        ["alpha-front", "beta-militia", "gamma-state"]
    ]
    assert [t["actors"] for t in second["unbalanced"]] == [
        ["delta-party", "epsilon-person", "zeta-brigade"]
    ]
