"""The gazetteer: names resolve to one actor, and a bad gazetteer is refused whole."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.backends.embedded import EmbeddedStore
from graph.errors import AmbiguousActor, LoadError
from graph.model import Actor
from graph.names import normalise
from loaders.gazetteer import Gazetteer, StoredActors, read_gazetteer

SEED_GAZETTEER = Path(__file__).resolve().parents[2] / "seeds" / "actors.yaml"


@pytest.fixture(scope="module")
def seeds() -> Gazetteer:
    return Gazetteer.from_file(SEED_GAZETTEER)


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Hashd al-Shaabi", "popular-mobilisation-forces"),
        ("PMU", "popular-mobilisation-forces"),
        ("popular mobilisation units", "popular-mobilisation-forces"),
        ("Popular Mobilization Forces", "popular-mobilisation-forces"),
        ("Daesh", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("ISIS", "islamic-state"),
        ("the Islamic State", "islamic-state"),
        ("Syrian regime army", "syrian-arab-army"),
        ("Assad regime", "syrian-government"),
        ("Hizballah", "hezbollah"),
        ("Badr Organization", "badr-organisation"),
    ],
)
def test_aliases_and_spellings_resolve(seeds: Gazetteer, name: str, actor: str) -> None:
    assert seeds.resolve(name).id == actor


def test_no_two_actors_share_a_name(seeds: Gazetteer) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in seeds.actors:
        for name in (actor.id.replace("-", " "), *actor.names):
            owners[normalise(name)].add(actor.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_unknown_names_are_not_guessed(seeds: Gazetteer) -> None:
    assert seeds.resolve("Islamic Front") is None
    created = seeds.resolve_or_create("Islamic Front", kind="armed_group")
    assert created.unresolved
    assert created.id == "islamic-front"


def test_a_shared_name_is_ambiguous() -> None:
    g = Gazetteer([Actor(id="a", name="The Front"), Actor(id="b", name="Front")])
    with pytest.raises(AmbiguousActor):
        g.resolve("front")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "actors:\n  - {id: a, name: A}\n  - {id: a, name: B}\n")
    with pytest.raises(LoadError, match=r"record actors\[1\]: field id: duplicate id"):
        read_gazetteer(path)


def test_bad_kind_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "actors:\n  - {id: a, name: A, kind: warlord}\n")
    with pytest.raises(LoadError, match=r"actors\[0\]: field kind"):
        read_gazetteer(path)


def test_unknown_umbrella_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "actors:\n  - {id: a, name: A, member_of: [b]}\n")
    with pytest.raises(LoadError, match="umbrella actor 'b'"):
        read_gazetteer(path)


def test_not_a_gazetteer(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="'actors' list"):
        read_gazetteer(write(tmp_path, "- just a list\n"))


NAMES = ["Free Army", "Free Front", "Army", "Front", "FA", "Lions", "Lions of Sham"]


@st.composite
def actors_named(draw: st.DrawFn, prefix: str) -> list[Actor]:
    """Up to four actors whose ids may repeat across layers and whose names may collide."""
    ids = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=4, unique=True))
    return [
        Actor(
            id=f"{prefix if draw(st.booleans()) else 'x'}-{i}",
            name=draw(st.sampled_from(NAMES)),
            aliases=tuple(draw(st.lists(st.sampled_from(NAMES), max_size=2))),
        )
        for i in ids
    ]


def _answer(g: Gazetteer, name: str) -> object:
    """What resolving ``name`` gives: an actor, nothing, or the actors it is ambiguous between."""
    try:
        found = g.resolve(name)
    except AmbiguousActor as exc:
        return ("ambiguous", exc.candidates)
    return found and found.model_dump()


@settings(max_examples=300, deadline=None)
@given(actors_named("base"), actors_named("mid"), actors_named("top"))
def test_a_layer_answers_as_the_gazetteer_with_the_actors_added(
    base: list[Actor], mid: list[Actor], top: list[Actor]
) -> None:
    # what reading a document against a store's gazetteer did before layers: copy, then add
    below = Gazetteer(base)
    layered = below.layer(mid).layer(top)
    flat = Gazetteer([*base, *mid, *top])

    assert [a.model_dump() for a in layered.actors] == [a.model_dump() for a in flat.actors]
    assert len(layered) == len(flat)
    for name in [*NAMES, "x-a", "base-b", "mid-c", "top-d", "nobody"]:
        assert _answer(layered, name) == _answer(flat, name), name
        assert (name in layered) == (name in flat)
    created = layered.resolve_or_create("Lions of Damascus")
    assert created.id == flat.resolve_or_create("Lions of Damascus").id
    assert created.id not in below  # what a layer adds stays in it


@settings(max_examples=200, deadline=None)
@given(actors_named("base"), actors_named("top"))
def test_a_store_read_name_by_name_answers_as_a_gazetteer_of_all_its_actors(
    base: list[Actor], top: list[Actor]
) -> None:
    # POST /articles reads a document against the store this way, not by indexing every actor
    store = EmbeddedStore(":memory:")
    try:
        store.upsert_actors(base)
        stored = Gazetteer.over(StoredActors(store), top)
        flat = Gazetteer(store.actors()).layer(top)  # every actor indexed, as the route did
        assert stored.actors == flat.actors
        assert len(stored) == len(flat)
        for name in [*NAMES, "x-a", "base-b", "top-d", "nobody"]:
            assert _answer(stored, name) == _answer(flat, name), name
            assert (name in stored) == (name in flat)
            assert stored.suggest(name) == flat.suggest(name)
    finally:
        store.close()
