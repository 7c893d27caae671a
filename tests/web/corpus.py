"""A generated corpus of fictional actors, big enough for a 100-actor neighbourhood.

Four blocs of fictional actors: ties inside a bloc are mostly allied, across
blocs mostly hostile; a few hubs take part in many articles. Written as
native-format JSON documents for ``actorgraph load`` (the format of
``POST /articles``). Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

KINDS = ("state", "armed_forces", "armed_group", "militia", "political_party", "person")
SYLLABLES = ("vel", "mar", "ost", "ka", "dran", "iv", "sol", "ter", "qu", "ban", "zor", "nad")
ALLIED = ("ALLIED_WITH", "COOPERATES_WITH", "SUPPORTS")
HOSTILE = ("OPPOSES", "ATTACKS", "FIGHTS", "THREATENS")
BLOCS = 4
HUB = "Velmar Front"


def actor_names(n: int, rng: random.Random) -> list[str]:
    """``n`` distinct made-up names, the hub first."""
    names, seen = [HUB], {HUB}
    while len(names) < n:
        root = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()
        name = f"{root} {rng.choice(('Front', 'Brigades', 'Movement', 'Council', 'Guard'))}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def write_corpus(folder: Path, n_actors: int = 130, n_articles: int = 160, seed: int = 7) -> str:
    """Write the corpus into ``folder``; return the id of its best-connected actor."""
    rng = random.Random(seed)
    names = actor_names(n_actors, rng)
    bloc = {name: i % BLOCS for i, name in enumerate(names)}
    hubs = names[:6]
    folder.mkdir(parents=True, exist_ok=True)
    for a in range(n_articles):
        published = date(2014, 1, 1) + timedelta(days=rng.randrange(6 * 365))
        sentences, mentions, claims, cast = [], [], [], set()
        offset = 0
        for _ in range(rng.randint(3, 6)):
            source = rng.choice(hubs) if rng.random() < 0.4 else rng.choice(names)
            # most reported ties are inside a bloc (allied), the rest across blocs (hostile)
            inside = rng.random() < 0.7
            target = rng.choice(
                [n for n in names if n != source and (bloc[n] == bloc[source]) == inside]
            )
            kind = rng.choice(ALLIED if inside == (rng.random() < 0.9) else HOSTILE)
            sentence = f"{source} and {target} were reported in a {kind.lower()} event."
            mentions += [
                {"actor": slug(source), "start": offset, "end": offset + len(source),
                 "text": source},
                {"actor": slug(target), "start": offset + len(source) + 5,
                 "end": offset + len(source) + 5 + len(target), "text": target},
            ]  # fmt: skip
            claims.append(
                {
                    "source": slug(source),
                    "target": slug(target),
                    "type": kind,
                    "confidence": round(rng.uniform(0.3, 1.0), 2),
                    "modality": "asserted",
                    "date": (published - timedelta(days=rng.randrange(5))).isoformat(),
                    "evidence": {"quote": sentence, "start": offset, "end": offset + len(sentence)},
                }
            )
            cast |= {source, target}
            sentences.append(sentence)
            offset += len(sentence) + 1
        document = {
            "article": {
                "id": f"web-corpus-{a:04d}",
                "title": f"Generated report {a}",
                "publisher": "Generated Wire",
                "published": published.isoformat(),
                "text": " ".join(sentences),
            },
            "actors": [
                {"id": slug(n), "name": n, "kind": KINDS[names.index(n) % len(KINDS)]}
                for n in sorted(cast)
            ],
            "mentions": mentions,
            "claims": claims,
        }
        (folder / f"web-corpus-{a:04d}.json").write_text(json.dumps(document), encoding="utf-8")
    return slug(HUB)
