"""The Neo4j Browser style is plain GraSS that Browser can parse, covering every label and type."""

from __future__ import annotations

import re
from pathlib import Path

from graph.backends.cypher import KIND_LABELS
from graph.vocabulary import Vocabulary

STYLE = Path(__file__).resolve().parents[1] / "queries" / "actorgraph.grass"
RULE = re.compile(r"([\w.]+)\s*\{((?:[^{}']|'[^']*')*)\}")  # captions quote braces: '{name}'


def rules() -> dict[str, dict[str, str]]:
    text = STYLE.read_text(encoding="utf-8")
    found = {}
    for selector, body in RULE.findall(text):
        declarations = [d.strip() for d in body.split(";") if d.strip()]
        found[selector] = dict(d.split(":", 1) for d in declarations)
    return found


def test_the_style_is_rules_only_without_comments() -> None:
    text = STYLE.read_text(encoding="utf-8")
    assert "/*" not in text  # Browser's GraSS parser knows no comments
    assert "//" not in text
    assert RULE.sub("", text).strip() == ""  # nothing outside `selector { ... }` rules
    assert next(iter(rules())) == "node"  # the base rule comes first, under its own selector


def test_every_actor_kind_and_relation_type_is_styled() -> None:
    selectors = set(rules())
    assert {f"node.{label}" for label in KIND_LABELS.values()} <= selectors
    assert {f"relationship.{name}" for name in Vocabulary.default().names} <= selectors


def test_actor_captions_have_room_for_long_names() -> None:
    actor = rules()["node.Actor"]
    assert actor["caption"].strip() == "'{name}'"
    assert int(actor["diameter"].strip().removesuffix("px")) >= 80
