"""The external loaders never crash on arbitrary input: they return cases or problems."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_csrbench.cases.sources import collect_sources

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
                    st.sampled_from(["a.png", "refuse", "comply", "1", "0", "yes", "NA", ""]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6),
                                                                                           inner, max_size=3),
                      max_leaves=6)
keys = st.sampled_from(["id", "image", "prompt", "expected", "pattern", "question", "gt_answer", "visual_input",
                        "filename", "safe", "instr-resp", "safe_image", "unsafe_image", "queries", "x"])
entries = st.lists(st.dictionaries(keys, values, max_size=8) | values, max_size=4)
SOURCES = ["jsonl:{f}?image=image&prompt=prompt", "pairs:{f}", "hallusion:{f}", "vlguard:{f}", "mssbench:{f}"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=entries, source=st.sampled_from(SOURCES))
def test_loaders_return_problems_not_exceptions(rows, source: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.jsonl"
        if source.startswith(("jsonl", "pairs")):
            path.write_text("\n".join(json.dumps(r) for r in rows))
        else:
            payload = {"chat": rows, "embodied": rows} if source.startswith("mssbench") else rows
            path.write_text(json.dumps(payload))
        (Path(tmp) / "a.png").write_bytes(b"not a picture")
        cases, problems = collect_sources([source.format(f=path)], bundled=False)
        assert all(str(p) for p in problems)
