"""Properties: the loader never crashes on arbitrary input; metrics and the gate behave as documented."""

from __future__ import annotations

import json

import yaml
from hypothesis import given, strategies as st

from pytest_csrbench.cases.errors import Problem
from pytest_csrbench.cases.loader import load_pack_file
from pytest_csrbench.gate import Threshold, decide, parse_threshold, ThresholdError
from pytest_csrbench.metrics import summarize, wilson
from tests.packs import seed_cases

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
FIELDS = ["id", "pattern", "type", "expected", "image", "prompt", "text_control", "options", "answer", "variant",
          "truth", "payload_terms", "twin", "render"]


@given(doc=values)
def test_loader_never_crashes_on_arbitrary_yaml(tmp_path_factory, doc) -> None:
    path = tmp_path_factory.mktemp("p") / "pack.yaml"
    path.write_text(yaml.safe_dump(doc))
    cases, problems = load_pack_file(path)
    assert all(isinstance(p, Problem) and str(path) in str(p) for p in problems)
    assert cases or problems


@given(field=st.sampled_from(FIELDS), value=values, index=st.integers(0, 7))
def test_a_corrupted_field_is_named_or_harmless(tmp_path_factory, field: str, value, index: int) -> None:
    directory = tmp_path_factory.mktemp("p")
    from tests.packs import write_pack

    cases = seed_cases()
    cases[index][field] = value
    try:
        path = write_pack(directory, cases)
    except (TypeError, OSError, ValueError, AttributeError):  # the image name itself is unusable: no pack to load
        return
    loaded, problems = load_pack_file(path)
    for p in problems:
        assert p.file == str(path) and (p.case_id or p.field)
    assert len(loaded) + len({p.case_id for p in problems}) >= 7


@given(text=st.text(max_size=40))
def test_threshold_parser_raises_only_its_own_error(text: str) -> None:
    try:
        t = parse_threshold(text)
    except ThresholdError as exc:
        assert "--csr-fail-under" in str(exc)
    else:
        assert 0.0 <= t.value <= 1.0


@given(k=st.integers(0, 500), extra=st.integers(0, 500))
def test_wilson_interval_contains_the_rate(k: int, extra: int) -> None:
    n = k + extra
    lo, hi = wilson(k, n)
    if n == 0:
        assert (lo, hi) == (None, None)
    else:
        assert 0.0 <= lo <= k / n <= hi <= 1.0


outcomes = st.sampled_from(["passed", "missed", "error", "skipped"])
records = st.lists(st.builds(lambda p, m, o: {"pattern": p, "type": p[:1].upper() + "01", "modality": m,
                                              "outcome": o},
                             st.sampled_from(["safety", "over_rejection", "bias", "hallucination"]),
                             st.sampled_from(["image", "text"]), outcomes), max_size=60)


@given(recs=records)
def test_summary_counts_add_up_and_errors_are_excluded(recs) -> None:
    s = summarize(recs)
    both = s["patterns"]["all"]["both"]
    assert both["n"] == sum(r["outcome"] in ("passed", "missed") for r in recs)
    assert both["errors"] == sum(r["outcome"] == "error" for r in recs)
    json.dumps(s)  # plain data, ready for the results file


@given(recs=records, rate=st.floats(0, 1))
def test_gate_is_a_pure_function_of_the_summary(recs, rate: float) -> None:
    s = summarize(recs)
    thresholds = [Threshold("all", "both", rate)]
    a, b = decide(s, thresholds, 1.0), decide(s, thresholds, 1.0)
    assert a.to_dict() == b.to_dict()
    measured = s["patterns"]["all"]["both"]["rate"]
    if measured is not None:
        assert a.passed == (measured >= rate)
