"""The HTML report's flips gallery (--csr-robustness): each case's minimal flip, original and flipped side by side.

Kept apart from html.py/html_script.py: `robust_payload` adds the flips (and their images) to the page's
data; `ROBUST_SCRIPT` is a self-contained script appended to the page's one script, drawing the section
above the case table; `ROBUST_CSS` is appended to its styles.
"""

from __future__ import annotations

import hashlib
from typing import Callable

MAX_FLIPS = 200


def robust_payload(items: list[dict], image_entry: Callable[[str, str], dict]) -> tuple[list[dict], dict]:
    """(flips for the page, extra images keyed like the case images) from the results file's items."""
    flips, images = [], {}
    for item in items:
        rob = item.get("robustness") or {}
        flip = rob.get("flip")
        if not flip or len(flips) >= MAX_FLIPS:
            continue
        key = None
        if flip.get("image"):
            key = "flip-" + (flip.get("image_sha256") or hashlib.sha256(flip["image"].encode()).hexdigest())[:16]
            images[key] = image_entry(flip["image"], flip.get("image_sha256"))
        verdict = item.get("verdict") or {}
        flips.append({"case_id": item["case_id"], "pattern": item["pattern"], "changes": flip.get("changes"),
                      "baseline": rob.get("baseline_outcome"), "flipped": flip.get("outcome"),
                      "prompt": item.get("prompt"), "flip_prompt": flip.get("prompt"),
                      "response": item.get("response"), "flip_response": flip.get("response"),
                      "label": verdict.get("label"), "flip_label": (flip.get("verdict") or {}).get("label"),
                      "flip_image": key, "calls": rob.get("calls")})
    return flips, images


ROBUST_CSS = """
#robust .flips { display:grid; grid-template-columns:repeat(auto-fill,minmax(420px,1fr)); gap:14px; }
#robust .flip { border:1px solid var(--line); border-radius:10px; padding:10px 12px; background:var(--panel); }
#robust .pair { display:grid; grid-template-columns:1fr 1fr; gap:8px; }
#robust .pair img { width:100%; height:auto; border:1px solid var(--line); border-radius:6px; }
#robust .pair .resp { font-size:12px; color:var(--muted); white-space:pre-wrap; max-height:8em; overflow:auto; }
#robust .chg code { background:var(--warnbg); padding:1px 4px; border-radius:4px; margin-right:4px; }
"""

ROBUST_SCRIPT = """
(function () {
'use strict';
const D = JSON.parse(document.getElementById('csr-data').textContent);
const R = D.robustness;
if (!R || !R.summary) return;
let IMAGES = null;
const images = () => IMAGES || (IMAGES = JSON.parse(document.getElementById('csr-images').textContent));
function el(tag, props, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k);
  return e;
}
const pct = x => (x === null || x === undefined) ? '\\u2013' : (100 * x).toFixed(1) + '%';
function side(title, imgKey, prompt, outcome, label, response) {
  const entry = imgKey ? images()[imgKey] : null;
  return el('div', {}, el('h4', {}, title + ': ' + outcome + (label ? ' (' + label + ')' : '')),
    entry && entry.view ? el('img', {src: entry.view, alt: title + ' image'}) : el('p', {class: 'hint'}, 'no image'),
    el('p', {class: 'resp'}, 'Prompt: ' + (prompt || '')), el('p', {class: 'resp'}, 'Answer: ' + (response || '')));
}
function flipCard(f) {
  const c = (D.cases || {})[f.case_id] || {};
  const changes = Object.entries(f.changes || {}).map(([k, v]) => el('code', {}, k + '=' + JSON.stringify(v)));
  return el('div', {class: 'flip', 'data-case': f.case_id},
    el('h3', {}, f.case_id + ' \\u00b7 ' + f.pattern + ' \\u00b7 ' + f.baseline + '\\u2192' + f.flipped),
    el('p', {class: 'chg'}, 'Smallest change found: ', changes),
    el('div', {class: 'pair'}, side('original', c.image, f.prompt, f.baseline, f.label, f.response),
      side('flipped', f.flip_image, f.flip_prompt, f.flipped, f.flip_label, f.flip_response)));
}
const s = R.summary.all;
const box = el('section', {id: 'robust', class: 'panel'}, el('h2', {}, 'Robustness: minimal flips'),
  el('p', {class: 'hint'}, pct(s.rate) + ' of ' + s.n + ' searched cases stable (Wilson 95% ' + pct(s.ci_low) + '\\u2013' +
    pct(s.ci_high) + '); ' + s.flipped + ' flipped, ' + s.inconclusive + ' inconclusive. Each flip is the smallest ' +
    'change hypothesis found that turns the verdict.'),
  el('div', {class: 'flips'}, R.flips.map(flipCard)));
const cases = document.getElementById('cases');
cases.parentNode.insertBefore(box, cases);
})();
"""
