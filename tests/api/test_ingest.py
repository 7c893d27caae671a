"""POST /ingest: any input format uploaded; a bad record answers 422 and changes nothing."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from graph.backends.embedded import EmbeddedStore
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "loaders" / "samples"
RE3D = DATA / "re3d" / "US State Department"


def _files(*paths: Path) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (p.name, p.read_bytes())) for p in paths]


def test_an_event_export_is_detected_and_loaded(client: TestClient, seeded: EmbeddedStore) -> None:
    before = seeded.stats().articles
    response = client.post("/ingest", files=_files(SAMPLES / "ucdp.csv"))
    assert response.status_code == 200, response.text
    (done,) = response.json()["inputs"]
    assert (done["path"], done["format"], done["documents"]["new"]) == ("ucdp.csv", "ucdp", 2)
    assert seeded.stats().articles == before + 2
    again = client.post("/ingest", files=_files(SAMPLES / "ucdp.csv"))
    assert again.json()["changed"] is False


def test_a_re3d_folder_uploaded_as_its_three_files(
    client: TestClient, seeded: EmbeddedStore
) -> None:
    names = ("documents.json", "entities.json", "relations.json")
    response = client.post("/ingest", files=_files(*(RE3D / n for n in names)))
    assert response.status_code == 200, response.text
    (done,) = response.json()["inputs"]
    assert done["format"] == "re3d"
    assert done["rejected"] == 0
    assert seeded.actor("Popular Mobilization Forces").id == "popular-mobilisation-forces"
    # how the names were decided, and the annotations that named no actor
    assert done["resolution"]["gazetteer"] > 0
    assert done["resolution"]["dropped"] > 0
    assert response.json()["resolution"] == done["resolution"]


def test_a_bad_record_changes_nothing(client: TestClient, seeded: EmbeddedStore) -> None:
    before = (seeded.stats(), seeded.relations())
    good = SAMPLES / "ucdp.csv"
    bad = (SAMPLES / "acled_current.csv").read_bytes().replace(b"8-May-20", b"yesterday")
    response = client.post(
        "/ingest",
        files=[("files", (good.name, good.read_bytes())), ("files", ("acled.csv", bad))],
    )
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_input"
    assert body["detail"].startswith("acled.csv: record line 3: field event_date: expected a date")
    assert "actorgraph-ingest" not in body["detail"]
    assert (seeded.stats(), seeded.relations()) == before


def test_skip_bad_loads_the_rest_and_answers_the_rejects(
    client: TestClient, seeded: EmbeddedStore
) -> None:
    before = seeded.stats().articles
    bad = (SAMPLES / "acled_current.csv").read_bytes().replace(b"8-May-20", b"yesterday")
    response = client.post(
        "/ingest", params={"skip_bad": True}, files=[("files", ("acled.csv", bad))]
    )
    assert response.status_code == 200, response.text
    (done,) = response.json()["inputs"]
    assert done["rejected"] == 1
    (reject,) = done["rejects"]
    assert (reject["record"], reject["field"]) == ("line 3", "event_date")
    assert "expected a date" in reject["reason"]
    assert "rejects_file" not in done
    assert seeded.stats().articles == before + done["documents"]["new"] > before


def test_a_forced_format_that_does_not_fit(client: TestClient) -> None:
    response = client.post(
        "/ingest", params={"format": "gdelt"}, files=_files(SAMPLES / "ucdp.csv")
    )
    assert response.status_code == 422
    assert "not a GDELT export" in response.json()["detail"]


def test_writing_needs_the_token(client: TestClient) -> None:
    response = client.post(
        "/ingest", files=_files(SAMPLES / "ucdp.csv"), headers={"Authorization": "Bearer wrong"}
    )
    assert response.status_code == 401


def test_a_malformed_upload_answers_400_and_changes_nothing(
    client: TestClient, seeded: EmbeddedStore
) -> None:
    before = seeded.stats()
    body = b"--b\r\nContent-[Disposition: form-data\r\n\r\nx\r\n--b--\r\n"
    response = client.post(
        "/ingest", content=body, headers={"Content-Type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
    assert seeded.stats() == before
    documented = client.get("/openapi.json").json()["paths"]["/ingest"]["post"]["responses"]
    assert "400" in documented
