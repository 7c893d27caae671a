"""One real-world actor is one node; words that name no actor are no node (issue 21).

On the real samples in tests/data (re3d US State Department, GDELT 1.0) and the
shipped reference gazetteer; names are resolved, never events made up.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.model import Actor
from graph.names import normalise
from ingest.pipeline import load, plan
from loaders.gazetteer import Gazetteer
from loaders.reference import Reference
from loaders.source import Resolver
from tests.loaders.conftest import GAZETTEER

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = Path(__file__).resolve().parent / "samples"
STATE_DEPARTMENT = DATA / "re3d" / "US State Department"
DAILY = DATA / "gdelt" / "events_20160728.tsv"
REFERENCE = Path(__file__).resolve().parents[2] / "loaders" / "reference"


def _resolver(*actors: Actor) -> Resolver:
    return Resolver(Gazetteer(actors))


# --- 1. the reference gazetteer --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("American", "united-states"),
        ("US", "united-states"),
        ("U.S.", "united-states"),
        ("United States of America", "united-states"),
        ("UK", "united-kingdom"),
        ("British", "united-kingdom"),
        ("Iranian", "iran"),
        ("Syrian", "syria"),
        ("Daesh", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("Government of Syria", "syria-government"),
        ("NATO", "nato"),
    ],
)
def test_the_reference_resolves_names_adjectives_and_short_forms(name, expected) -> None:
    resolver = _resolver()
    actor = resolver.actor(name)
    assert actor.id == expected
    assert not actor.unresolved
    assert resolver.decision(name).startswith("alias: reference ")


def test_every_reference_entry_names_its_sources_and_their_licences() -> None:
    data = json.loads((REFERENCE / "actors.json").read_text(encoding="utf-8"))
    sources = data["sources"]
    assert all(s["licence"] for s in sources.values())
    assert all(e["sources"] and set(e["sources"]) <= set(sources) for e in data["actors"])
    assert (
        Reference.default()
        .actor("syria")
        .provenance.startswith(
            f"reference {data['version']}: cameo-countrynames (MIT), countryinfo (CC BY-SA 3.0)"
        )
    )
    notice = (REFERENCE / "NOTICE.md").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 3.0" in notice  # CountryInfo's terms travel with the data
    assert "Copyright (c) 2014 Open Event Data" in notice
    assert "Copyright (c) 2012 Philip A. Schrodt" in notice


def test_the_shipped_name_index_is_current_with_name_normalisation() -> None:
    """The index holds keys computed at build time: a change to normalise() needs a rebuild."""
    data = json.loads((REFERENCE / "actors.json").read_text(encoding="utf-8"))
    stale = [
        (e["id"], n)
        for e in data["actors"]
        for n in (e["name"], *e["aliases"])
        if normalise(n) not in data["index"]
    ]
    assert not stale, "rebuild with: python tools/build_reference.py DICTIONARIES"


def test_the_user_gazetteer_wins_over_the_reference() -> None:
    mine = Actor(id="is-group", name="The Group", aliases=("Daesh",), kind="armed_group")
    usa = Actor(id="usa", name="USA", kind="state", external_ids={"cameo": "USA"})
    syria = Actor(id="syrian-gov", name="Government of Syria", kind="government", country="SYR")
    resolver = _resolver(mine, usa, syria)
    assert resolver.actor("Daesh").id == "is-group"  # the user's alias
    assert resolver.decision("Daesh") == "gazetteer"
    assert resolver.actor("American").id == "usa"  # the reference entry, by its CAMEO code
    assert resolver.actor("Syrian regime").id == "syrian-gov"  # by the entry's name
    assert resolver.actor("ISIS").id == "islamic-state"  # a name the user did not give


# --- 2. member nouns after a known actor --------------------------------------------------


def test_member_nouns_resolve_to_the_actor_or_its_level() -> None:
    resolver = _resolver()
    fighters = resolver.actor("ISIL fighters")
    regime = resolver.actor("Assad\u2019s regime")  # a curly apostrophe, as in the articles
    forces = resolver.actor("Syrian government forces")
    assert fighters.id == "islamic-state"
    assert (regime.id, regime.kind.value, regime.member_of) == (
        "syria-government",
        "government",
        ("syria",),
    )
    assert (forces.id, forces.kind.value, forces.member_of) == (
        "syria-military-forces",
        "armed_forces",
        ("syria",),
    )
    assert resolver.actor("Syria").id == "syria"  # the state stays a level of its own
    assert resolver.decision("ISIL fighters") == (
        "rule: member noun 'fighters' (UAF) after Islamic State"
    )
    assert "CountryInfo" in resolver.decision("Assad\u2019s regime")


def test_a_member_noun_after_an_unknown_name_is_not_guessed() -> None:
    resolver = _resolver()
    actor = resolver.actor("Red Hand fighters")
    assert actor.unresolved
    assert actor.reason == "no gazetteer or reference entry"


# --- 5. annotated documents keep only actors ----------------------------------------------


@pytest.fixture
def re3d(store):
    summary = load(store, plan([GAZETTEER, STATE_DEPARTMENT]))
    return store, summary


def test_re3d_words_that_name_no_actor_make_no_node(re3d) -> None:
    store, _ = re3d
    user = {a.id for a in Gazetteer.from_file(GAZETTEER).actors}
    names = {a.name.lower() for a in store.actors() if a.id not in user}
    # confidence-0 annotations, pronouns, determiner phrases, bare role nouns
    for word in ("hope", "ally", "we", "this terrorist group", "the regime", "the government"):
        assert word not in names
    entities = [
        json.loads(line)
        for line in (STATE_DEPARTMENT / "entities.json").read_text("utf-8-sig").splitlines()
    ]
    zero = {e["value"] for e in entities if e["confidence"] == 0} - {
        e["value"] for e in entities if e["confidence"] > 0
    }
    assert zero
    assert not {n.lower() for n in zero} & names


def test_re3d_actors_that_are_new_take_part_in_a_claim(re3d) -> None:
    store, _ = re3d
    user = {a.id for a in Gazetteer.from_file(GAZETTEER).actors}
    claimed = {x for r in store.relations() for x in (r.source, r.target)}
    new = {a.id for a in store.actors()} - user
    assert new
    assert new <= claimed


def test_re3d_unresolved_actors_say_why_and_claims_record_what_decided(re3d) -> None:
    store, summary = re3d
    unresolved = [a for a in store.actors() if a.unresolved]
    assert unresolved
    assert all(a.reason for a in unresolved)
    isil = store.actor("ISIL")
    (some, *_) = list(store.enemies(isil.id))
    claim = store.evidence(isil.id, some.actor.id)[0].claim
    assert set(claim.attributes["resolution"]) == {"source", "target"}
    decided = summary.resolution
    assert decided["dropped"] > 0
    assert decided["gazetteer"] > 0


def test_reloading_with_the_reference_changes_nothing(re3d) -> None:
    store, _ = re3d
    again = load(store, plan([GAZETTEER, STATE_DEPARTMENT]))
    assert not again.changed


# --- 3. coded sources by code ---------------------------------------------------------------


@pytest.fixture
def gdelt(store):
    summary = load(store, plan([DAILY]))
    return store, summary


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_gdelt_actors_are_countries_and_groups_named_from_the_reference(gdelt) -> None:
    store, summary = gdelt
    names = {a.name for a in store.actors()}
    raw = {c[i] for c in _rows(DAILY) for i in (6, 16)} - {""}
    assert "France" in names
    assert "PARIS" in raw
    assert "PARIS" not in names
    assert not names & {"PRESIDENT", "POLICE", "GOVERNMENT", "WASHINGTON", "AMERICAN"}
    assert store.actor("FRA").id == "france"
    (done,) = summary.inputs
    assert done.skipped["a role, religion or ethnic code with no country or group: no actor"] > 50


def test_gdelt_roles_go_on_the_claim_and_one_article_counts_once(gdelt) -> None:
    store, summary = gdelt
    rows = _rows(DAILY)
    urls = Counter(r[57] for r in rows if len(r) == 58 and r[57])
    assert max(urls.values()) > 1  # several events from one article
    usa = store.actor("USA")
    claims = [i.claim for s in store.allies(usa.id) for i in store.evidence(usa.id, s.actor.id)]
    claims += [i.claim for s in store.enemies(usa.id) for i in store.evidence(usa.id, s.actor.id)]
    assert any("source_role" in c.attributes or "target_role" in c.attributes for c in claims)
    articles = {c.article for c in claims}
    assert len(articles) < len(claims)  # some of those claims come from one article
    (done,) = summary.inputs
    assert done.documents["new"] < len(rows) - sum(done.skipped.values())


def test_evidence_shows_the_source_url(gdelt, tmp_path: Path) -> None:
    store, _ = gdelt
    store_path = tmp_path / "loaders.sqlite"
    usa = store.actor("USA")
    url, other = next(
        (i.article.url, s.actor)
        for s in [*store.enemies(usa.id), *store.allies(usa.id)]
        for i in store.evidence(usa.id, s.actor.id)
        if i.article.url
    )
    result = CliRunner().invoke(
        app, ["evidence", usa.id, other.id, "--store", str(store_path)], terminal_width=400
    )
    assert result.exit_code == 0, result.output
    assert url
    assert url in result.output


# --- 4. cross-source identity -----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Islamic State (Syria)",
        "IS",
        "ISIL",
        "Da\u2019esh",
        "Tanzim Qa\u2019idat al Jihad fi Bilad al Rafidayn",
    ],
)
def test_acled_ucdp_and_article_names_of_one_group_are_one_actor(name) -> None:
    actor = _resolver().actor(name)
    assert actor.id == "islamic-state"
    assert actor.external_ids["ucdp"] == "234"  # UCDP's id and Phoenix's code on one node
    assert actor.external_ids["cameo"] == "IMGMUSISI"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("QSD: Syrian Democratic Forces", "syrian-democratic-forces"),
        ("SDF", "syrian-democratic-forces"),
        ("Military Forces of Syria", "syria-military-forces"),
        ("Police Forces of Iraq", "iraq-police-forces"),
        ("Government of Syria", "syria-government"),
    ],
)
def test_acled_and_ucdp_conventions_map_through_the_reference(name, expected) -> None:
    assert _resolver().actor(name).id == expected


def test_ucdp_government_ids_are_on_the_state_level() -> None:
    assert _resolver().actor("Government of Syria").external_ids == {
        "cameo": "SYRGOV",
        "ucdp": "118",
    }


# --- 7. real-world file variants ------------------------------------------------------------


def test_a_csv_with_an_unnamed_leading_index_column_loads(store, tmp_path: Path) -> None:
    rows = list(csv.reader((SAMPLES / "acled_current.csv").open(encoding="utf-8")))
    for name, header in (("pandas.csv", [""]), ("bare.csv", [])):
        out = tmp_path / name
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header + rows[0])
            writer.writerows([str(i), *r] for i, r in enumerate(rows[1:]))
        summary = load(store, plan([out], "acled"))
        assert summary.rejected == 0
        assert summary.claims > 0


def test_ucdp_type_of_violence_in_words_loads(store, tmp_path: Path) -> None:
    words = {"1": "state-based conflict", "2": "non-state conflict", "3": "one-sided violence"}
    rows = list(csv.DictReader((SAMPLES / "ucdp.csv").open(encoding="utf-8")))
    out = tmp_path / "ged.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**r, "type_of_violence": words[r["type_of_violence"]]} for r in rows)
    as_words = load(store, plan([out], "ucdp"))
    assert as_words.rejected == 0
    assert as_words.claims > 0


def test_rejects_folder_is_created(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        (SAMPLES / "ucdp.csv").read_text(encoding="utf-8") + "999,x,2016,1,Clear,9\n",
        encoding="utf-8",
    )
    folder = tmp_path / "not" / "yet"
    result = CliRunner().invoke(
        app,
        [
            "load",
            str(bad),
            "--format",
            "ucdp",
            "--skip-bad",
            "--rejects",
            str(folder),
            "--store",
            str(tmp_path / "s.sqlite"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (folder / "bad.csv.rejects.jsonl").exists()
