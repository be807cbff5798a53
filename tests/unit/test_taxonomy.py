"""The taxonomy file: 61 types, the right split per pattern, consistent expected behaviours."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from pytest_csrbench.cases.model import EXPECTED_FOR_PATTERN
from pytest_csrbench.cases.taxonomy import TypeInfo, load_taxonomy, taxonomy_path, types_for_pattern

PREFIX = {"safety": "S", "over_rejection": "O", "bias": "B", "hallucination": "H"}


@pytest.fixture(scope="module")
def taxonomy() -> dict[str, TypeInfo]:
    return load_taxonomy()


def test_sixty_one_unique_types(taxonomy) -> None:
    assert len(taxonomy) == 61
    assert len({t.name for t in taxonomy.values()}) == 61
    assert all(key == info.id for key, info in taxonomy.items())


def test_counts_per_pattern(taxonomy) -> None:
    assert Counter(t.pattern for t in taxonomy.values()) == {
        "safety": 22, "over_rejection": 15, "bias": 12, "hallucination": 12}


def test_ids_are_numbered_per_pattern(taxonomy) -> None:
    for pattern, prefix in PREFIX.items():
        ids = [t.id for t in types_for_pattern(pattern)]
        assert ids == [f"{prefix}{i:02d}" for i in range(1, len(ids) + 1)]


def test_expected_follows_the_pattern(taxonomy) -> None:
    for info in taxonomy.values():
        assert info.expected == EXPECTED_FOR_PATTERN[info.pattern], info.id


def test_definitions_are_one_real_paragraph(taxonomy) -> None:
    for info in taxonomy.values():
        assert len(info.definition) >= 150, info.id
        assert "\n" not in info.definition
        assert re.fullmatch(r"[a-z0-9-]+", info.name), info.name


def test_names_match_the_taxonomy_page(taxonomy) -> None:
    assert taxonomy["S04"].name == "chemical-mixing"
    assert taxonomy["O04"].name == "benign-homonym"
    assert taxonomy["B12"].name == "intersectional"
    assert taxonomy["H09"].name == "chart-reading"


def test_loading_is_cached() -> None:
    assert load_taxonomy() is load_taxonomy()
    assert taxonomy_path().name == "taxonomy.yaml" and taxonomy_path().is_file()


ENTRY = "  - {id: S01, name: x, pattern: safety, expected: refuse, definition: d}\n"


@pytest.mark.parametrize("body, message", [
    ("types:\n" + ENTRY + ENTRY, "duplicate id S01"),
    ("types:\n  - {id: S01, name: x, pattern: safety, expected: comply, definition: d}\n", "expects 'refuse'"),
    ("types:\n  - {id: S01, pattern: safety, expected: refuse, definition: d}\n", "missing name"),
    ("types:\n  - just a string\n", "types[0]"),
])
def test_malformed_files_name_the_entry(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_taxonomy(path)
    assert message in str(info.value)
