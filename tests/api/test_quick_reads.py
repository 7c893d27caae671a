"""Quick reads (allies, paths, evidence...) answered on the event loop when the store is free
answer as the threadpool would: after another process's write, with that write."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_store
from graph.backends.embedded import EmbeddedStore
from graph.settings import Settings
from tests.api.conftest import client_of
from tests.api.test_articles import DOC, stance_of_kurdish_forces


def test_a_quick_read_answers_with_another_process_write(
    seeded: EmbeddedStore, tmp_path: Path
) -> None:
    with client_of(seeded) as reader:
        assert stance_of_kurdish_forces(reader) < 0
        other = EmbeddedStore(tmp_path / "seeded.sqlite")  # another connection to the file
        try:
            with client_of(other) as writer:
                assert writer.post("/articles", json=DOC).status_code == 201
        finally:
            other.close()
        assert stance_of_kurdish_forces(reader) > 0
        evidence = reader.get(
            "/evidence", params={"source": "PMU", "target": "iraqi-kurdish-forces"}
        ).json()
        assert DOC["article"]["id"] in {item["article"]["id"] for item in evidence}


def test_quick_and_filtered_reads_agree(seeded: EmbeddedStore) -> None:
    with client_of(seeded) as client:
        quick = client.get("/actors/PMU/allies").json()
        filtered = client.get("/actors/PMU/allies", params={"until": "2100-01-01"}).json()
        assert quick == filtered  # the filtered one runs in the threadpool
        pair = {"source": "PMU", "target": quick[0]["actor"]["id"]}
        assert (
            client.get("/paths", params=pair).json()
            == client.get("/paths", params={**pair, "until": "2100-01-01"}).json()
        )


def test_a_store_override_without_the_hold_still_answers(seeded: EmbeddedStore) -> None:
    class Plain:
        """The store's domain methods only, as a test double or another backend has them."""

        def __getattr__(self, name: str) -> object:
            if name == "held_if_ready":
                raise AttributeError(name)
            return getattr(seeded, name)

    app = create_app(Settings(store=":memory:"))
    app.dependency_overrides[get_store] = lambda: Plain()
    with TestClient(app) as client:
        assert client.get("/actors/PMU/allies").status_code == 200
