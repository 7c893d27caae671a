"""Aliases added to a user's gazetteer file: where they belong, the rest as the user wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.model import Actor
from loaders.gazetteer import read_gazetteer
from loaders.gazetteer_edit import plan_aliases

ARMY = Actor(id="army", name="Army", kind="armed_forces")


def _edited(tmp_path: Path, text: str, actor: Actor, names: list[str]) -> tuple[str, tuple]:
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    edit = plan_aliases(path, actor, names)
    edit.commit()
    return path.read_text(encoding="utf-8"), edit.added


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "actors:\n  - id: army\n    name: Army\n    aliases: [Troops]\n",
            'actors:\n  - id: army\n    name: Army\n    aliases: [Troops, "Assad\u2019s army"]\n',
        ),
        (
            "actors:\n  - id: army\n    name: Army\n    aliases: []\n",
            'actors:\n  - id: army\n    name: Army\n    aliases: ["Assad\u2019s army"]\n',
        ),
        (
            "actors:\n- id: army\n  aliases:\n  - Troops\n  name: Army\n",
            'actors:\n- id: army\n  aliases:\n  - Troops\n  - "Assad\u2019s army"\n  name: Army\n',
        ),
        (
            "actors:\n  - {id: army, name: Army}  # ours\n",
            'actors:\n  - {id: army, name: Army, aliases: ["Assad\u2019s army"]}  # ours\n',
        ),
        (
            "# top\nactors:\n  - id: army   # the army\n    name: Army\n",
            '# top\nactors:\n  - id: army   # the army\n    aliases: ["Assad\u2019s army"]\n'
            "    name: Army\n",
        ),
    ],
)
def test_the_alias_goes_into_the_entry_as_written(tmp_path: Path, before: str, after: str) -> None:
    text, added = _edited(tmp_path, before, ARMY, ["Assad\u2019s army", "ARMY", "the army"])
    assert added == ("Assad\u2019s army",)
    assert text == after
    (army,) = read_gazetteer(tmp_path / "g.yaml")
    assert army.aliases[-1] == "Assad\u2019s army"


def test_a_target_the_file_lacks_gets_an_entry_copied_from_the_store(tmp_path: Path) -> None:
    stored = Actor(
        id="gamma", name="Gamma", kind="state", country="GMA", external_ids={"ucdp": "7"}
    )
    text, added = _edited(tmp_path, "actors:\n  - id: army\n    name: Army\n", stored, ["Gama"])
    assert added == ("Gama",)
    assert text.endswith(
        '  - id: "gamma"\n    name: "Gamma"\n    kind: "state"\n    aliases: ["Gama"]\n'
        '    country: "GMA"\n    external_ids: {"ucdp": "7"}\n'
    )
    assert read_gazetteer(tmp_path / "g.yaml")[1] == stored.model_copy(
        update={"aliases": ("Gama",)}
    )


def test_names_already_known_change_nothing(tmp_path: Path) -> None:
    before = "actors:\n  - id: army\n    name: Army\n    aliases: [Armed Forces]\n"
    text, added = _edited(tmp_path, before, ARMY, ["the armed forces", "ARMY"])
    assert (text, added) == (before, ())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("actors:\n  - id: army\n    name: Army\n    aliases: Troops\n", "aliases"),
        ("actors: [{id: navy, name: Navy}]\n", "not a block list"),
        ("actors:\n  - id: navy\n    name: Navy\nversion: 2\n", "'actors' is not its last key"),
        ("actors:\n  - id: navy\n    name Navy\n", "cannot read gazetteer"),
    ],
)
def test_a_file_it_cannot_edit_safely_is_left_alone(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match=message) as caught:
        plan_aliases(path, ARMY, ["Troops"])
    assert str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["g.yaml"]


def test_a_name_another_entry_answers_to_is_not_added(tmp_path: Path) -> None:
    before = (
        "actors:\n  - id: army\n    name: Army\n"
        "  - id: navy\n    name: Navy\n    aliases: [Fleet]\n"
    )
    path = tmp_path / "g.yaml"
    path.write_text(before, encoding="utf-8")
    edit = plan_aliases(path, ARMY, ["the fleet", "Land Forces", "Navy"])
    edit.commit()
    assert (edit.added, edit.taken) == (("Land Forces",), ("the fleet", "Navy"))
    assert [a.aliases for a in read_gazetteer(path)] == [("Land Forces",), ("Fleet",)]
