"""Reproducibility facts for the results manifest: library and judge versions, git commit, provider models.

Every function fails quietly (returns None): a manifest field that cannot be known is left empty, it
never breaks a run. litellm's version comes from package metadata, so litellm is not imported.
"""

from __future__ import annotations

import hashlib
import subprocess
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable, Optional

JUDGES_DIR = Path(__file__).resolve().parent / "judges"


def package_version(name: str) -> Optional[str]:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def judge_version() -> str:
    """The judges' declared version if they have one, else plugin version + hash of the judge sources.

    The hash changes whenever a rule, cue table or vocabulary changes, which is what a baseline needs
    to know ("were these verdicts made by the same judge?")."""
    from . import __version__

    try:
        from . import judges

        declared = getattr(judges, "JUDGE_VERSION", None)
    except Exception:  # pragma: no cover - a broken judge package fails the run elsewhere
        declared = None
    if declared:
        return str(declared)
    h = hashlib.sha256()
    for path in sorted(JUDGES_DIR.rglob("*.py")):
        h.update(path.relative_to(JUDGES_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return f"{__version__}+rules.{h.hexdigest()[:10]}"


def git_commit(root: Path) -> Optional[str]:
    """`git rev-parse HEAD` in root, or None outside a repository, without git, or on any failure."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=str(root), capture_output=True, text=True,
                             timeout=5, check=False)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    sha = out.stdout.strip()
    if out.returncode != 0 or len(sha) < 7 or any(c not in "0123456789abcdef" for c in sha):
        return None
    return sha


def git_dirty(root: Path) -> Optional[bool]:
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=str(root),
                             capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return bool(out.stdout.strip()) if out.returncode == 0 else None


def provider_info(records: Iterable[dict]) -> dict[str, list[str]]:
    """Distinct provider-returned model names and system fingerprints seen in the items' response_info."""
    models: set[str] = set()
    fingerprints: set[str] = set()
    for rec in records:
        info = rec.get("response_info") or {}
        if info.get("provider_model"):
            models.add(str(info["provider_model"]))
        if info.get("system_fingerprint"):
            fingerprints.add(str(info["system_fingerprint"]))
    return {"provider_models": sorted(models), "system_fingerprints": sorted(fingerprints)}


def provenance(root: Path, records: Iterable[dict]) -> dict:
    """The manifest additions for one run (`root`: pytest's rootdir)."""
    commit = git_commit(root)
    return {
        "litellm_version": package_version("litellm"),
        "pytest_version": package_version("pytest"),
        "judge_version": judge_version(),
        "git_commit": commit,
        "git_dirty": git_dirty(root) if commit else None,
        **provider_info(records),
    }
