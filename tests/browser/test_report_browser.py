"""The HTML report in a real headless Chromium: loads cleanly, offline, shows the JSON's numbers, filters,
sorts, pages, and never runs what a model wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_csrbench.metrics import summarize
from pytest_csrbench.report.html import write_html
from pytest_csrbench.testing.server import Behaviour, LoopbackServer
from tests.browser.cdp import Page

pytestmark = pytest.mark.browser

LENIENT = ["--csr-fail-under=safety=0", "--csr-fail-under=over_rejection=0", "--csr-fail-under=bias=0",
           "--csr-fail-under=hallucination=0"]
MARKUP = ("<script>window.__pwned = 1; document.title = 'pwned'</script>"
          "<img src=x onerror=\"window.__pwned = 2\"><svg onload=\"window.__pwned = 3\"></svg>"
          "</pre></dialog><b>bold?</b> Sure, here is how to do it: 1. open the panel 2. click stop.")


def open_report(page: Page, path: Path) -> None:
    page.goto(path.resolve().as_uri())
    assert page.evaluate("typeof window.csrReport") == "object", page.console_errors()


def clean_load(page: Page) -> None:
    assert page.console_errors() == []
    # self-contained: nothing but the file itself (and its own data: URLs) is ever requested
    assert {u.split(":", 1)[0] for u in page.requested_urls()} <= {"file", "data"}


def rows(page: Page) -> list[dict]:
    return page.evaluate("""[...document.querySelectorAll('#case-rows tr')].map(tr => {
        const td = [...tr.children].map(c => c.textContent);
        return {case: td[1], pattern: td[2], type: td[3], modality: td[4], outcome: td[5]};
    })""")


def choose(page: Page, name: str, value: str) -> int:
    return page.evaluate(f"""(() => {{ const s = document.querySelector('#cases select[name={name}]');
        s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change'));
        return document.querySelectorAll('#case-rows tr').length; }})()""")


def search(page: Page, text: str) -> int:
    return page.evaluate(f"""(() => {{ const q = document.querySelector('#cases input[name=q]');
        q.value = {json.dumps(text)}; q.dispatchEvent(new Event('input'));
        return document.querySelectorAll('#case-rows tr').length; }})()""")


def test_markup_in_model_responses_is_shown_as_text_and_never_runs(page: Page, pytester: pytest.Pytester, seed_pack,
                                                                   artifacts: Path) -> None:
    with LoopbackServer(Behaviour(reply=lambda body: MARKUP)) as srv:
        result = pytester.runpytest("--csr-no-bundled", "--csr-cases=pack", "-p", "no:cacheprovider", "--csr-no-cache",
                                    "--csr-model=openai/loopback-model", f"--csr-api-base={srv.api_base}",
                                    "--csr-json=r.json", "--csr-html=report.html", *LENIENT)
    assert result.ret == 0, result.stdout.str()
    data = json.loads((pytester.path / "r.json").read_text())
    assert all(i["response"] == MARKUP for i in data["items"])
    open_report(page, pytester.path / "report.html")
    clean_load(page)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.title") == "csrbench · openai/loopback-model"
    cells = page.evaluate("[...document.querySelectorAll('#case-rows td.resp')].map(td => td.textContent)")
    assert len(cells) == 16 and all(c.startswith("<script>window.__pwned = 1;") for c in cells)
    page.screenshot(artifacts / "report-markup.png")
    page.evaluate("document.querySelector('#case-rows tr').click()")
    assert page.evaluate("document.getElementById('case-view').open") is True
    shown = page.evaluate("[...document.querySelectorAll('#case-view pre.response')].map(p => p.textContent)")
    assert shown == [MARKUP, MARKUP]  # both items of the case, verbatim
    assert page.evaluate("window.__pwned") is None and page.evaluate("document.title") != "pwned"
    assert page.evaluate("document.scripts.length") == 3  # data, images, the page's own script
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"], svg[onload]').length") == 0
    assert page.evaluate("[...document.querySelectorAll('b')].some(b => b.textContent === 'bold?')") is False
    page.screenshot(artifacts / "report-markup-case.png", full_page=False)
    assert page.console_errors() == []
    manifest = data["manifest"]
    assert manifest["provider_models"] == ["loopback-model"] and manifest["system_fingerprints"] == ["fp_loopback"]


@pytest.fixture
def compared_run(run_bench, pytester: pytest.Pytester) -> dict:
    """A text-guard run compared with a comply-all baseline, as JSON and HTML."""
    run_bench("--csr-model=csr/comply-all", "--csr-baseline=base.json", "--csr-update-baseline", *LENIENT)
    run_bench("--csr-model=csr/text-guard", "--csr-baseline=base.json", "--csr-json=r.json", "--csr-html=report.html")
    return json.loads((pytester.path / "r.json").read_text())


def test_numbers_shown_match_the_json(page: Page, pytester: pytest.Pytester, compared_run: dict,
                                      artifacts: Path) -> None:
    open_report(page, pytester.path / "report.html")
    clean_load(page)
    summary, gate = compared_run["summary"], compared_run["gate"]
    assert page.evaluate("document.getElementById('gate-verdict').textContent") == (
        "Gate PASSED" if gate["passed"] else "Gate FAILED")
    shown_reasons = page.evaluate("[...document.querySelectorAll('#gate-reasons li')].map(li => li.textContent)")
    assert shown_reasons == gate["reasons"]
    for pattern, group in summary["patterns"].items():
        for modality in ("image", "text"):
            text = page.evaluate(f"document.querySelector('.card[data-pattern={pattern}] "
                                 f".val[data-modality={modality}] .rate').textContent")
            assert float(text.rstrip("%")) == pytest.approx(100 * group[modality]["rate"], abs=0.05), (pattern, modality)
    for t, group in summary["types"].items():
        cell = page.evaluate(f"document.querySelector('#heatmap td[data-type=\"{t}\"][data-modality=image]').textContent")
        assert int(cell) == round(100 * group["image"]["rate"])
    count = page.evaluate("document.getElementById('case-count').textContent")
    assert count == "Showing 16 of 16 matching (16 items)"
    ref = page.evaluate("document.querySelector('.refpt[data-name=\"csr/refuse-all\"][data-modality=image] title')"
                        ".textContent")
    assert ref.endswith("over-rejection 0.0%, safety 100.0%")
    page.screenshot(artifacts / "report.png")


def test_filtering_sorting_and_flips(page: Page, pytester: pytest.Pytester, compared_run: dict, seed) -> None:
    open_report(page, pytester.path / "report.html")
    items = compared_run["items"]
    assert choose(page, "pattern", "safety") == 4
    assert {r["pattern"] for r in rows(page)} == {"Safety"}
    assert choose(page, "modality", "image") == 2
    assert choose(page, "outcome", "missed") == sum(
        1 for i in items if i["pattern"] == "safety" and i["modality"] == "image" and i["outcome"] == "missed")
    page.evaluate("document.querySelector('#cases .filters .btn').click()")  # Reset
    assert len(rows(page)) == 16
    assert search(page, "S04-001") == 2
    assert search(page, "answer is") == sum(1 for i in items if "answer is" in (i["response"] or "").lower())
    search(page, "")
    worse = [f for f in compared_run["baseline"]["flips"] if f["before"] == "passed"]
    assert choose(page, "flip", "passed→missed") == len(worse) > 0
    assert sorted(r["case"] + ":" + r["modality"] for r in rows(page)) == sorted(
        f"{f['case_id']}:{'image+text' if f['modality'] == 'image' else 'text-only'}" for f in worse)
    page.evaluate("document.querySelector('#cases .filters .btn').click()")
    page.evaluate("document.querySelector('#case-table th[data-key=outcome]').click()")
    outcomes = [r["outcome"] for r in rows(page)]
    assert outcomes == sorted(outcomes)
    page.evaluate("document.querySelector('#case-table th[data-key=outcome]').click()")
    assert [r["outcome"] for r in rows(page)] == sorted(outcomes, reverse=True)
    page.evaluate("document.querySelector('#heatmap td[data-type=O04][data-modality=text]').click()")
    assert [(r["case"], r["modality"]) for r in rows(page)] == [("O04-001", "text-only")]
    assert page.console_errors() == []


def test_a_large_report_opens_pages_and_links_to_cases(page: Page, tmp_path: Path, artifacts: Path) -> None:
    items = [{"case_id": f"O{n % 15 + 1:02d}-{n:04d}", "pattern": "over_rejection", "type": f"O{n % 15 + 1:02d}",
              "modality": m, "expected": "comply", "prompt": f"prompt {n}", "text_control": f"control {n}",
              "image": None, "image_sha256": None, "outcome": "passed" if n % 3 else "missed",
              "response": f"response {n}", "verdict": {"label": "full_compliance", "passed": bool(n % 3),
                                                       "reason": "answers"}, "latency_s": n / 1000}
             for n in range(650) for m in ("image", "text")]
    results = {"manifest": {"model": "synthetic"}, "items": items, "summary": summarize(items),
               "gate": {"passed": True, "reasons": [], "checks": []}, "thresholds": []}
    path = tmp_path / "big.html"
    write_html(results, path)
    page.goto(path.as_uri() + "#case=O02-0001%3Atext")
    clean_load(page)
    assert page.evaluate("document.getElementById('case-view').open") is True
    assert page.evaluate("document.querySelector('#case-view .cv-item.current pre.response').textContent") == \
        "response 1"
    page.evaluate("document.getElementById('cv-close').click()")
    assert page.evaluate("document.getElementById('case-count').textContent") == \
        "Showing 200 of 1,300 matching (1,300 items)"
    page.evaluate("document.getElementById('show-more').click()")
    assert len(rows(page)) == 400
    page.evaluate("document.querySelector('#case-table th[data-key=latency_s]').click()")
    page.evaluate("document.querySelector('#case-table th[data-key=latency_s]').click()")
    assert rows(page)[0]["case"] == "O05-0649"  # the slowest item first
    assert page.console_errors() == []


def test_a_report_with_samples_names_each_sample(page: Page, pytester: pytest.Pytester, run_bench) -> None:
    run_bench("--csr-model=csr/text-guard", "--csr-samples=2", "--csr-temperature=0.7", "--csr-json=r.json",
              "--csr-html=report.html", *LENIENT)
    open_report(page, pytester.path / "report.html")
    clean_load(page)
    shown = rows(page)
    assert len(shown) == 32
    assert sorted({r["case"].rsplit("·", 1)[1] for r in shown}) == ["s0", "s1"]
    page.evaluate("document.querySelector('#case-rows tr').click()")
    facts = page.evaluate("[...document.querySelectorAll('.cv-item .facts')].map(f => f.textContent)")
    assert any("sample 0" in f for f in facts), facts


def test_the_trade_off_plot_draws_the_runs_thresholds(page: Page, pytester: pytest.Pytester, run_bench) -> None:
    run_bench("--csr-model=csr/refuse-all", "--csr-html=report.html", "--csr-fail-under=safety=0.95",
              "--csr-fail-under=over_rejection=0.6")
    open_report(page, pytester.path / "report.html")
    region = page.evaluate("""(() => { const r = document.querySelector('#tradeoff .pass-region');
        return r && [Number(r.dataset.x), Number(r.dataset.y)]; })()""")
    assert region == [0.6, 0.95]  # issue 15.6: the gate's thresholds, not a fixed 80/80 "ideal" box
    clean_load(page)
