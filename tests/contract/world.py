"""A fictional world whose answers can be worked out by hand (no real actors)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from graph.model import Actor, AnnotatedArticle, Article, Claim, Evidence, stable_id

ACTORS = (
    Actor(id="alpha-front", name="Alpha Front", kind="armed_group", aliases=("AF", "Jabhat Alfa")),
    Actor(id="beta-militia", name="Beta Militia", kind="militia", aliases=("Beta Mobilisation",)),
    Actor(id="gamma-state", name="Gamma", kind="state"),
    Actor(id="delta-party", name="Delta Party", kind="political_party"),
    Actor(id="epsilon-person", name="Epsilon Person", kind="person"),
    Actor(id="zeta-brigade", name="Zeta Brigade", kind="militia", member_of=("beta-militia",)),
)

Row = tuple  # (source, type, target, confidence, modality) or with an attributed_to


def article(article_id: str, day: date | None, rows: Sequence[Row]) -> AnnotatedArticle:
    """An article whose text states each row, one sentence per claim."""
    sentences, claims = [], []
    offset = 0
    for source, kind, target, confidence, modality in rows:
        sentence = f"{source} {kind.lower().replace('_', ' ')} {target}."
        claims.append(
            Claim(
                id=stable_id(article_id, source, kind, target, modality, prefix="c-"),
                article=article_id,
                source=source,
                target=target,
                type=kind,
                confidence=confidence,
                modality=modality,
                date=day,
                evidence=Evidence(quote=sentence, start=offset, end=offset + len(sentence)),
            )
        )
        sentences.append(sentence)
        offset += len(sentence) + 1
    text = " ".join(sentences)
    return AnnotatedArticle(
        article=Article(
            id=article_id,
            title=f"Report {article_id}",
            published=day,
            text=text,
            publisher="Fictional Wire",
        ),
        claims=tuple(claims),
    )


A1 = article(
    "a1",
    date(2016, 3, 1),
    [
        ("gamma-state", "SUPPORTS", "beta-militia", 0.9, "asserted"),
        ("alpha-front", "ALLIED_WITH", "beta-militia", 0.8, "asserted"),
        ("alpha-front", "FIGHTS", "delta-party", 0.7, "asserted"),
        ("epsilon-person", "LEADS", "alpha-front", 1.0, "asserted"),
    ],
)
A2 = article(
    "a2",
    date(2017, 5, 1),
    [
        ("alpha-front", "FIGHTS", "beta-militia", 0.9, "asserted"),
        ("beta-militia", "OPPOSES", "delta-party", 0.6, "alleged"),
    ],
)
A3 = article(
    "a3",
    date(2016, 6, 1),
    [
        ("beta-militia", "ALLIED_WITH", "alpha-front", 0.5, "denied"),
    ],
)
WORLD = (A1, A2, A3)

EXTRA = article(
    "a9", date(2018, 1, 1), [("gamma-state", "SUPPORTS", "zeta-brigade", 0.9, "asserted")]
)
"""An article beyond the world's three: gamma-state supports zeta-brigade."""

TRIADS = article(
    "t1",
    date(2019, 1, 1),
    [
        ("alpha-front", "ALLIED_WITH", "beta-militia", 0.9, "asserted"),
        ("alpha-front", "ALLIED_WITH", "gamma-state", 0.9, "asserted"),
        ("beta-militia", "FIGHTS", "gamma-state", 0.9, "asserted"),
        ("delta-party", "ALLIED_WITH", "epsilon-person", 0.5, "asserted"),
        ("delta-party", "ALLIED_WITH", "zeta-brigade", 0.5, "asserted"),
        ("epsilon-person", "FIGHTS", "zeta-brigade", 0.5, "asserted"),
    ],
)
"""Two unbalanced triads (two allies of one actor fighting each other), the first heavier."""
