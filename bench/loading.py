"""Loading the corpus into a store as ``actorgraph load`` writes an input, timing only the store."""

from __future__ import annotations

import time
from contextlib import ExitStack
from typing import Any

from bench import corpus
from graph.model import Actor
from graph.store import GraphStore
from ingest.pipeline import BATCH

EVIDENCE_PAIR_EVERY = 97
"""Every this many claims, the claim's pair joins the evidence queries of the workload."""


def load_corpus(
    store: GraphStore, articles: int, actors: list[Actor]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Load ``articles`` generated articles about ``actors`` into ``store``.

    As ``actorgraph load`` writes an input: in batches of
    :data:`ingest.pipeline.BATCH`, in one bulk load. Only the store's work is
    timed (its calls, and the end of the bulk load), not making the documents.
    Returns the figures and the pairs drawn for the workload's evidence queries.
    """
    in_store = build = 0.0
    claims = loaded = 0
    pairs: list[tuple[str, str]] = []
    t_all = time.perf_counter()
    with ExitStack() as bulk:
        t0 = time.perf_counter()
        store.upsert_actors(actors)
        bulk.enter_context(store.bulk_load())
        in_store += time.perf_counter() - t0
        batch: list = []
        for raw in corpus.iter_raw(articles, actors):
            t0 = time.perf_counter()
            doc = corpus.to_annotated(raw)
            build += time.perf_counter() - t0
            batch.append(doc)
            loaded += 1
            for c in doc.claims:
                claims += 1
                if claims % EVIDENCE_PAIR_EVERY == 0:
                    pairs.append((c.source, c.target))
            if len(batch) == BATCH:
                in_store += _timed_upsert(store, batch)
                batch = []
        if batch:
            in_store += _timed_upsert(store, batch)
        t0 = time.perf_counter()
        bulk.close()  # the end of the bulk load: tallies, key index, commit
        bulk_end = time.perf_counter() - t0
        in_store += bulk_end
    figures = {
        "articles": loaded,
        "claims": claims,
        "store_seconds": in_store,
        "bulk_end_seconds": bulk_end,
        "model_build_seconds": build,
        "wall_seconds": time.perf_counter() - t_all,
        "claims_per_s": claims / in_store,
        "articles_per_s": loaded / in_store,
    }
    return figures, pairs


def _timed_upsert(store: GraphStore, batch: list) -> float:
    t0 = time.perf_counter()
    store.upsert_articles(batch)
    return time.perf_counter() - t0
