"""The gazetteer: names resolve to one actor, and a bad gazetteer is refused whole."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from graph.errors import AmbiguousActor, LoadError
from graph.model import Actor
from graph.names import normalise
from loaders.gazetteer import Gazetteer, read_gazetteer

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
