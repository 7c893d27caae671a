"""The actorgraph benchmark: a synthetic corpus, a fixed workload, a floor and a peer.

Run ``python -m bench --size 10k`` (or ``--quick``); it prints one JSON document
and writes it to ``bench/results/<size>.json``. See ``docs/performance.md``.
"""
