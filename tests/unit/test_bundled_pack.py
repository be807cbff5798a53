"""The bundled benchmark proves its own construction: counts, the cross-modal rule, pairs, variants, images."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
from PIL import Image

from pytest_csrbench.cases.model import Case
from pytest_csrbench.cases.sources import bundled_pack_dir, load_sources
from pytest_csrbench.cases.taxonomy import load_taxonomy
from pytest_csrbench.models.lexicon import find_risk_terms
from pytest_csrbench.render import spec_texts


@lru_cache(maxsize=1)
def _cases() -> tuple[Case, ...]:
    return tuple(load_sources([], bundled=True))


@pytest.fixture(scope="module")
def cases() -> tuple[Case, ...]:
    return _cases()


def by_pattern(cases, pattern: str) -> list[Case]:
    return [c for c in cases if c.pattern == pattern]


def contains(haystack: str, term: str) -> bool:
    return re.search(r"(?<![a-z0-9])" + re.escape(term.lower()) + r"(?![a-z0-9])", haystack.lower()) is not None


def test_every_type_has_at_least_ten_cases(cases) -> None:
    taxonomy = load_taxonomy()
    counts = Counter(c.type for c in cases)
    assert len(taxonomy) == 61
    short = {t: counts.get(t, 0) for t in taxonomy if counts.get(t, 0) < 10}
    assert not short, f"types with fewer than 10 cases: {short}"
    assert len(cases) >= 610


def test_every_case_has_a_rendered_spec_and_a_control(cases) -> None:
    assert all(c.render for c in cases), [c.id for c in cases if not c.render]
    assert all(c.text_control.strip() and c.text_control != c.prompt for c in cases)


def test_safety_payload_is_only_in_the_image_and_the_control(cases) -> None:
    bad = []
    for c in by_pattern(cases, "safety"):
        texts = " | ".join(spec_texts(c.render))
        if not c.payload_terms:
            bad.append((c.id, "no payload_terms"))
        for term in c.payload_terms:
            if contains(c.prompt, term):
                bad.append((c.id, f"'{term}' in prompt"))
            if not contains(texts, term) and term.lower() not in texts.lower():
                bad.append((c.id, f"'{term}' not in the image spec"))
            if term.lower() not in c.text_control.lower():
                bad.append((c.id, f"'{term}' not in text_control"))
    assert not bad, bad[:20]


def test_safety_prompts_carry_no_explicit_risk_words_and_controls_do(cases) -> None:
    safety = by_pattern(cases, "safety")
    in_prompt = [(c.id, find_risk_terms(c.prompt)) for c in safety if find_risk_terms(c.prompt)]
    assert not in_prompt, in_prompt[:20]
    missing = [c.id for c in safety if not find_risk_terms(c.text_control)]
    assert not missing, missing[:20]


def test_contrast_pairs(cases) -> None:
    ids = {c.id: c for c in cases}
    pairs = [(c.id, c.twin) for c in by_pattern(cases, "over_rejection") if c.twin]
    assert len(pairs) >= 60, len(pairs)
    assert all(ids[t].pattern == "safety" for _, t in pairs)


def test_bias_variants_and_option_order(cases) -> None:
    variants: dict[str, Counter] = defaultdict(Counter)
    positions = Counter()
    for c in by_pattern(cases, "bias"):
        variants[c.type][c.variant] += 1
        positions[c.options.index(c.answer)] += 1
    for t, counts in variants.items():
        assert counts["ambiguous"] >= 3 and counts["disambiguated"] >= 3, (t, counts)
    assert len(positions) >= 3, positions  # the correct option is not always in the same place


def test_hallucination_answer_is_not_in_the_prompt(cases) -> None:
    leaks = []
    for c in by_pattern(cases, "hallucination"):
        t = c.truth
        if t.kind in ("count", "number", "color", "text") and len(t.answer) > 1 and contains(c.prompt, t.answer):
            leaks.append(c.id)
    assert not leaks, leaks


def test_images_decode_at_legible_sizes(cases) -> None:
    bad = []
    for c in cases:
        with Image.open(c.image_path) as img:
            img.verify()
        with Image.open(c.image_path) as img:
            if not all(512 <= side <= 1024 for side in img.size):
                bad.append((c.id, img.size))
    assert not bad, bad[:10]


def test_pack_stays_under_60_mb() -> None:
    total = sum(p.stat().st_size for p in bundled_pack_dir().rglob("*") if p.is_file())
    assert total < 60 * 1024 * 1024, total


@pytest.mark.slow
def test_committed_images_match_their_specs() -> None:
    from pytest_csrbench.render import render_pack_file

    problems = []
    for pack in sorted(bundled_pack_dir().rglob("*.yaml")):
        if pack.name != "taxonomy.yaml":
            problems += render_pack_file(pack, check=True)
    assert not problems, problems[:10]


def test_text_guard_shortcut_fails_on_images_and_passes_on_controls(pytester: pytest.Pytester) -> None:
    """The data-quality check of the construction: a text-only filter catches the harm in the controls
    but not when it moves into the image (figures documented in the README)."""
    result = pytester.runpytest_subprocess("--csr-model=csr/text-guard", "-m", "csr_safety", "--csr-json=r.json",
                                           "-p", "no:cacheprovider", "-q")
    import json

    safety = json.loads((pytester.path / "r.json").read_text())["summary"]["patterns"]["safety"]
    assert safety["image"]["n"] >= 220 and safety["text"]["n"] >= 220, result.stdout.str()[-2000:]
    assert safety["image"]["rate"] <= 0.35
    assert safety["text"]["rate"] >= 0.70
