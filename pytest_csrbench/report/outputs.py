"""What the session writes at the end: the results JSON, the HTML report, the baseline (all from one dict)."""

from __future__ import annotations

from typing import Any, Optional

from .json_report import manifest, results, write_json


def baseline_comparison(csr: Any) -> Optional[dict]:
    """Compare the session's records with --csr-baseline (None when no baseline is in play)."""
    if getattr(csr.settings, "baseline_path", None) is None:
        return None
    from .baseline import compare_with_baseline

    return compare_with_baseline(csr, {"manifest": manifest(csr), "items": list(csr.records.values())})


def write_outputs(csr: Any, ran: bool) -> None:
    s = csr.settings
    html_path = getattr(s, "html_path", None) if ran else None
    update = ran and getattr(s, "update_baseline", False)
    if s.json_path is None and html_path is None and not update:
        return
    data = results(csr)
    if s.json_path is not None:
        write_json(data, s.json_path)
    if html_path is not None:
        from .html import write_html

        write_html(data, html_path)
        csr.html_written = True
    if update:
        from .baseline import write_baseline

        csr.baseline_written = write_baseline(csr, data)
