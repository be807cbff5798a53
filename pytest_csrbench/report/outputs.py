"""What the run writes at the end: the results JSON, the HTML report, the baseline (all from one dict).

A function of the `RunResult`; returns what it wrote, which `finish()` stores on the result (`written`).
A new output file goes here, next to its option in options.py.
"""

from __future__ import annotations

from typing import Optional

from ..results import RunResult, Written, results_dict, write_json


def write_outputs(result: RunResult, items: Optional[list[dict]] = None) -> Written:
    """`items`: the records as dicts, when the caller has them already (saves converting them again)."""
    s = result.settings
    ran = result.ran
    html_path = getattr(s, "html_path", None) if ran else None
    update = ran and getattr(s, "update_baseline", False)
    if s.json_path is None and html_path is None and not update:
        return Written()
    data = results_dict(result, items)
    if s.json_path is not None:
        write_json(data, s.json_path)
    if html_path is not None:
        from .html import write_html

        write_html(data, html_path)
    baseline = None
    if update:
        from .baseline import write_baseline

        baseline = write_baseline(result, data)
    return Written(json_path=s.json_path, html_path=html_path, baseline_path=baseline)
