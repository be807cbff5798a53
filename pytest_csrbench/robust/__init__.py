"""Robustness search (`--csr-robustness N`): the smallest change to a case that flips the model's verdict.

strategies.py (what may change), imageops.py (pixel-level changes), search.py (hypothesis drives one
case's search), pool.py (cases' searches in parallel threads feeding the run's runner), summary.py
(pure aggregation and record merging), bench.py (the collected test `test_robust[<case id>]`),
hooks.py (collection and status letters).
"""
