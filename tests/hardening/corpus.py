"""Small fictional corpora for the concurrency and crash tests (no real actors)."""

from __future__ import annotations

import json
import random
from pathlib import Path

TYPES = ("ALLIED_WITH", "COOPERATES_WITH", "SUPPORTS", "OPPOSES", "FIGHTS", "THREATENS")
ACTORS = [
    {"id": f"unit-{n}", "name": f"Fictional Unit {n}", "kind": "armed_group"} for n in range(8)
]


def documents(count: int, seed: int = 7) -> list[dict]:
    """``count`` native-format documents, each carrying its actors, three claims each."""
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        sentences, claims = [], []
        for _ in range(3):
            a, b = rng.sample(ACTORS, 2)
            kind = rng.choice(TYPES)
            sentence = f"{a['name']} {kind.lower()} {b['name']} ({n}-{len(claims)})."
            sentences.append(sentence)
            claims.append(
                {
                    "source": a["id"],
                    "target": b["id"],
                    "type": kind,
                    "confidence": round(rng.uniform(0.3, 1.0), 2),
                    "evidence": sentence,
                }
            )
        docs.append(
            {
                "article": {
                    "id": f"wire-{n:04d}",
                    "title": f"Dispatch {n}",
                    "published": f"201{n % 8}-0{1 + n % 9}-1{n % 10}",
                    "text": " ".join(sentences),
                },
                "actors": ACTORS,
                "claims": claims,
            }
        )
    return docs


def write_documents(folder: Path, count: int) -> list[Path]:
    """``count`` one-article native files in ``folder`` (see :func:`documents`), in name order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in documents(count):
        path = folder / f"{doc['article']['id']}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(path)
    return paths
