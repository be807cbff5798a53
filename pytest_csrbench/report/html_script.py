"""The HTML report's script: plain JavaScript, no framework. Every text goes in with textContent (via el())."""

SCRIPT = r"""
(function () {
'use strict';
const D = JSON.parse(document.getElementById('csr-data').textContent);
D.items.forEach((item, n) => { item._idx = n; });
let IMAGES = null;
const images = () => IMAGES || (IMAGES = JSON.parse(document.getElementById('csr-images').textContent));
const SVGNS = 'http://www.w3.org/2000/svg';
const PATTERNS = ['safety', 'over_rejection', 'bias', 'hallucination'];
const NAMES = {safety: 'Safety', over_rejection: 'Over-rejection', bias: 'Bias', hallucination: 'Hallucination',
  all: 'All patterns'};
const EXPECTS = {safety: 'expects a refusal of the harmful request', over_rejection: 'expects a helpful answer',
  bias: 'expects the unbiased option', hallucination: 'expects an answer grounded in the image',
  all: 'every item'};
const MOD = {image: 'image+text', text: 'text-only', prompt: 'prompt only'};
const PAGE = 200;

function el(tag, props, ...kids) {
  const e = document.createElement(tag);
  setProps(e, props);
  for (const k of kids.flat(3)) if (k !== null && k !== undefined && k !== false) e.append(k instanceof Node ? k : String(k));
  return e;
}
function setProps(e, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.setAttribute('class', v);
    else if (k === 'text') e.textContent = v;
    else if (k === 'style') Object.assign(e.style, v);
    else if (k === 'data') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
}
function svg(tag, props, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  setProps(e, props);
  for (const k of kids.flat(2)) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}
const pct = x => (x === null || x === undefined) ? '–' : (100 * x).toFixed(1) + '%';
const pts = x => (x === null || x === undefined) ? '–' : (x >= 0 ? '+' : '−') + Math.abs(100 * x).toFixed(1) + ' pts';
const pval = p => (p === null || p === undefined) ? '–' : (p < 0.0001 ? '<0.0001' : p.toFixed(4));
const num = n => Number(n || 0).toLocaleString('en-US');

function heatColour(r) {
  if (r === null || r === undefined) return '#f3f4f6';
  const stops = [[0, [244, 166, 166]], [0.5, [253, 230, 138]], [1, [167, 227, 181]]];
  const [a, b] = r <= 0.5 ? [stops[0], stops[1]] : [stops[1], stops[2]];
  const t = (r - a[0]) / (b[0] - a[0]);
  const c = a[1].map((v, i) => Math.round(v + t * (b[1][i] - v)));
  return 'rgb(' + c.join(',') + ')';
}

// ----- header, verdict, footer
function header() {
  const m = D.manifest;
  const chip = (k, v) => v === null || v === undefined || v === '' ? null : el('span', {class: 'chip'}, k + ' ', el('b', {}, String(v)));
  const totals = (D.summary && D.summary.totals) || {};
  const dur = m.started_at && m.finished_at ? ((Date.parse(m.finished_at) - Date.parse(m.started_at)) / 1000).toFixed(1) + ' s' : null;
  document.getElementById('top').append(
    el('h1', {}, 'csrbench report · ', el('span', {class: 'model'}, m.model || '?')),
    el('div', {class: 'meta'}, chip('judge', m.judge), chip('items', num(totals.items)), chip('errors', totals.errors),
      chip('dataset', m.dataset_hash), chip('temperature', m.temperature), chip('seed', m.seed),
      chip('started', (m.started_at || '').slice(0, 19).replace('T', ' ')), chip('took', dur),
      totals.cost_usd ? chip('cost', '$' + totals.cost_usd.toFixed(4)) : (totals.cost_usd === null ? chip('cost', 'unknown') : null),
      chip('truncated', ((D.summary || {}).answers || {}).truncated || null), chip('reasoning only', ((D.summary || {}).answers || {}).reasoning_only || null),
      chip('provider model', (m.provider_models || []).join(', ')), chip('commit', (m.git_commit || '').slice(0, 10))));
  const foot = ['pytest-csrbench ' + (m.plugin_version || '?'), 'judge ' + (m.judge_version || '?'),
    m.litellm_version ? 'litellm ' + m.litellm_version : null, m.python ? 'Python ' + m.python : null,
    D.source ? 'from ' + D.source : null].filter(Boolean).join(' · ');
  document.getElementById('foot').append(el('p', {}, foot));
}

function verdict() {
  const g = D.gate || {}, box = document.getElementById('verdict');
  const cls = g.passed === true ? 'pass' : g.passed === false ? 'fail' : 'none';
  const word = g.passed === true ? 'Gate PASSED' : g.passed === false ? 'Gate FAILED' : 'Gate not evaluated';
  const checks = g.checks || [];
  const body = el('div', {}, el('div', {}, g.passed === false
    ? (g.reasons || []).length + ' of ' + checks.length + ' checks failed:'
    : checks.length + ' checks' + (g.passed ? ', all met' : '')));
  if (g.passed === false) body.append(el('ul', {id: 'gate-reasons'}, (g.reasons || []).map(r => el('li', {}, r))));
  const b = D.baseline;
  if (b && !b.error) {
    const bm = b.base_manifest || {};
    body.append(el('div', {class: 'sub'}, 'Compared with baseline ' + (b.path || '') + ' (' + (bm.model || '?') + ', ' +
      (bm.started_at || '').slice(0, 16).replace('T', ' ') + '): ' + num(b.paired_items) + ' paired items, ' +
      b.flips.length + ' flipped' + (b.accepted ? ' · accepted as the new baseline' : '')));
    for (const w of b.mismatches || []) body.append(el('div', {class: 'warnline'}, 'Not like for like: ' + w));
  } else if (b && b.error) body.append(el('div', {class: 'warnline'}, b.error));
  if (D.manifest.complete === false) body.append(el('div', {class: 'warnline'}, 'Incomplete run: expected ' +
    D.manifest.expected_items + ' results, got ' + D.items.length));
  box.append(el('div', {class: 'badge ' + cls, id: 'gate-verdict'}, word), body);
}

// ----- pattern cards
function threshold(pattern, modality) {
  const t = (D.thresholds || []).find(t => t.kind === 'fail_under' && t.pattern === pattern && t.modality === modality);
  return t ? t.value : null;
}
function rateRow(pattern, modality, cell, base) {
  const colour = modality === 'image' ? 'var(--img)' : 'var(--txt)';
  const thr = threshold(pattern, modality);
  const bar = el('div', {class: 'bar'});
  if (cell.rate !== null && cell.rate !== undefined) {
    bar.append(el('div', {class: 'ci', style: {left: 100 * cell.ci_low + '%', width: 100 * (cell.ci_high - cell.ci_low) + '%', background: colour}}));
    if (base !== null && base !== undefined) bar.append(el('div', {class: 'base', title: 'baseline ' + pct(base), style: {left: 100 * base + '%'}}));
    bar.append(el('div', {class: 'dot', style: {left: 100 * cell.rate + '%', background: colour}}));
  }
  if (thr !== null) bar.append(el('div', {class: 'thr', title: 'threshold ' + pct(thr), style: {left: 100 * thr + '%'}}));
  const below = thr !== null && cell.rate !== null && cell.rate < thr;
  const val = el('span', {class: 'val' + (below ? ' below' : ''), data: {modality: modality}},
    el('span', {class: 'rate'}, pct(cell.rate)));
  const ci = cell.rate === null ? '' : '95% CI ' + (100 * cell.ci_low).toFixed(1) + '–' + pct(cell.ci_high) + ' · ';
  const sub = cell.rate === null ? 'no judged items' : ci + cell.passed + '/' + cell.n + ' passed' +
    (cell.errors ? ' · ' + cell.errors + ' errors' : '') + (thr !== null ? ' · min ' + pct(thr) : '');
  return el('div', {class: 'rate-row'}, el('div', {class: 'top'}, el('span', {class: 'lbl'}, el('i', {style: {background: colour}}), MOD[modality]), val),
    bar, el('div', {class: 'sub'}, sub));
}
function patternCards() {
  const box = document.querySelector('#patterns .cards');
  const groups = (D.summary && D.summary.patterns) || {};
  const failed = new Set((D.gate.checks || []).filter(c => !c.ok).map(c => c.what.split(' ')[0]));
  for (const p of [...PATTERNS, 'all']) {
    const g = groups[p];
    if (!g) continue;
    const cmp = D.baseline && D.baseline.patterns ? D.baseline.patterns[p] : null;
    const regressed = cmp && cmp.regressed && !D.baseline.accepted;
    const card = el('div', {class: 'card' + (failed.has(p) || regressed ? ' failed' : ''), data: {pattern: p}},
      el('h3', {}, NAMES[p]), el('div', {class: 'expects'}, EXPECTS[p] + ' · ' + num(g.image.n + g.text.n) + ' judged items'),
      rateRow(p, 'image', g.image, cmp ? cmp.image.base_rate : null),
      rateRow(p, 'text', g.text, cmp ? cmp.text.base_rate : null));
    const gap = el('div', {class: 'gapline'}, 'Modality gap (text − image): ', el('b', {class: 'gap'}, pts(g.gap)));
    if (cmp) {
      const c = cmp[cmp.gate_modality];
      gap.append(el('div', {class: 'vsbase'}, 'vs baseline: ', el('b', {}, pts(c.delta)), ' (p = ' + pval(c.p_value) + ', ' +
        c.passed_to_missed + ' passed→missed, ' + c.missed_to_passed + ' missed→passed) ',
        regressed ? el('span', {class: 'regressed'}, 'REGRESSED') : c.better ? el('span', {class: 'improved'}, 'improved') : null));
    }
    card.append(gap);
    box.append(card);
  }
}

// ----- pairs, prompt-only items, cues (summary.pairs, .language_dominance, .cues)
function diagnostics() {
  const s = D.summary || {}, pairs = s.pairs || {}, ld = s.language_dominance || {}, cues = s.cues || {};
  const groups = s.patterns || {};
  const prompt = PATTERNS.filter(p => groups[p] && groups[p].prompt && groups[p].prompt.n);
  if (!Object.keys(pairs).length && !prompt.length && !Object.keys(cues).length) return;
  const box = document.getElementById('diagnostics');
  box.hidden = false;
  box.append(el('h2', {}, 'Minimal pairs, language dominance and cues'));
  const ci = c => c.rate === null || c.rate === undefined ? '' : ' [' + pct(c.ci_low) + '–' + pct(c.ci_high) + ']';
  if (Object.keys(pairs).length) {
    const check = g => (D.gate.checks || []).find(c => c.what === 'pair accuracy (' + (g === 'all' ? 'all pairs' : g) + ')');
    box.append(el('h3', {}, 'Pair accuracy'), el('p', {class: 'hint'}, 'A case and its twin share the prompt and differ ' +
      'in the image; a pair counts when both image+text items passed. A text-only reader gets at most one of the two right.'),
      el('table', {id: 'pairs-table'}, el('tr', {}, ['Pairs', 'Both passed', 'Rate', '95% CI', 'Threshold'].map(h => el('th', {}, h))),
        Object.entries(pairs).map(([g, c]) => { const k = check(g);
          return el('tr', {class: k && !k.ok ? 'regressed' : '', data: {group: g}}, el('td', {}, g === 'all' ? 'all pairs' : NAMES[g] || g),
            el('td', {}, c.both + ' / ' + c.n), el('td', {}, pct(c.rate)), el('td', {}, ci(c).trim()),
            el('td', {}, k ? k.required + (k.ok ? '' : ' FAILED') : '–')); })));
  }
  if (prompt.length) {
    box.append(el('h3', {}, 'Prompt only (language dominance)'), el('p', {class: 'hint'}, 'The prompt sent alone, with no ' +
      'image and no description (not gated). Dominance: of the image+text refusals, the share the prompt alone already triggers.'),
      el('table', {id: 'prompt-table'}, el('tr', {}, ['Pattern', 'Prompt-only pass rate', 'Image+text refusals', 'Also refused on the prompt alone', 'Share'].map(h => el('th', {}, h))),
        prompt.map(p => { const c = groups[p].prompt, d = ld[p] || {};
          return el('tr', {data: {pattern: p}}, el('td', {}, NAMES[p]), el('td', {}, pct(c.rate) + ' (' + c.passed + '/' + c.n + ')'),
            el('td', {}, num(d.n_refused_image)), el('td', {}, num(d.also_refused_prompt)), el('td', {}, pct(d.share) + ci(Object.assign({rate: d.share}, d)))); })));
  }
  if (Object.keys(cues).length) {
    const rows = [];
    for (const [p, byCue] of Object.entries(cues)) for (const [cue, cells] of Object.entries(byCue)) {
      const cell = m => cells[m] && cells[m].n ? pct(cells[m].rate) + ' (' + cells[m].passed + '/' + cells[m].n + ')' : '–';
      rows.push(el('tr', {data: {pattern: p, cue: cue}}, el('td', {}, NAMES[p] || p), el('td', {}, cue), el('td', {}, cell('image')), el('td', {}, cell('text'))));
    }
    box.append(el('h3', {}, 'Pass rate by cue'), el('p', {class: 'hint'}, 'Where the decisive element is: words drawn in ' +
      'the image (text), a drawn object or scene with no decisive words (depicted), or both (mixed).'),
      el('table', {id: 'cues-table'}, el('tr', {}, ['Pattern', 'Cue', 'Image+text', 'Text-only'].map(h => el('th', {}, h))), rows));
  }
}

// ----- trade-off plot
function tradeoff() {
  const box = document.querySelector('#tradeoff .plot');
  const g = (D.summary && D.summary.patterns) || {};
  if (!g.safety || !g.over_rejection) {
    box.append(el('p', {class: 'note'}, 'Needs both safety and over-rejection items.'));
    return;
  }
  const W = 420, H = 400, L = 52, R = 14, T = 14, B = 46, pw = W - L - R, ph = H - T - B;
  const X = x => L + x * pw, Y = y => T + (1 - y) * ph;
  const s = svg('svg', {viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'safety vs over-rejection'});
  // the region that meets the run's own image+text thresholds (not a fixed 80/80 box)
  const need = p => ((D.thresholds || []).find(t => t.kind === 'fail_under' && t.pattern === p && t.modality === 'image') || {value: 0}).value;
  const tx = need('over_rejection'), ty = need('safety');
  s.append(svg('rect', {x: X(tx), y: Y(1), width: X(1) - X(tx), height: Y(ty) - Y(1), fill: '#dafbe1', opacity: 0.6, class: 'pass-region',
    'data-x': tx, 'data-y': ty}, svg('title', {}, 'passes the gate: safety ≥ ' + pct(ty) + ', over-rejection ≥ ' + pct(tx))));
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    s.append(svg('line', {x1: X(t), x2: X(t), y1: Y(0), y2: Y(1), stroke: '#eaeef2'}),
      svg('line', {x1: X(0), x2: X(1), y1: Y(t), y2: Y(t), stroke: '#eaeef2'}),
      svg('text', {x: X(t), y: Y(0) + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#656d76'}, Math.round(100 * t) + '%'),
      svg('text', {x: X(0) - 6, y: Y(t) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#656d76'}, Math.round(100 * t) + '%'));
  }
  s.append(svg('rect', {x: X(0), y: Y(1), width: pw, height: ph, fill: 'none', stroke: '#d0d7de'}),
    svg('text', {x: X(0.5), y: H - 6, 'text-anchor': 'middle', 'font-size': 12, fill: '#1f2328'}, 'over-rejection pass rate (answers benign requests) →'),
    svg('text', {x: 14, y: Y(0.5), 'text-anchor': 'middle', 'font-size': 12, fill: '#1f2328', transform: 'rotate(-90 14 ' + Y(0.5) + ')'}, 'safety pass rate (refuses harmful) →'),
    svg('text', {x: X(0.98), y: Y(0.97), 'text-anchor': 'end', 'font-size': 11, fill: '#1a7f37'}, 'gate passes'));
  const placed = [];
  const label = (x, y, text, colour) => {
    const w = 6.3 * text.length + 4, right = x > 0.7;
    let ty = Y(y) + (y > 0.93 ? 15 : -8);
    const left = () => right ? X(x) - 9 - w : X(x) + 9;
    const hit = () => placed.some(b => left() < b.x + b.w && b.x < left() + w && ty - 11 < b.y && b.y - 11 < ty);
    for (let n = 0; hit() && n < 12; n++) ty += (Y(y) > H / 2 ? -13 : 13);
    placed.push({x: left(), y: ty, w: w});
    return svg('text', {x: X(x) + (right ? -9 : 9), y: ty, 'text-anchor': right ? 'end' : 'start', 'font-size': 11,
      'font-weight': colour === '#2f6fde' ? 700 : 400, fill: colour}, text);
  };
  const ref = D.reference || {};
  for (const [name, p] of Object.entries(ref)) {
    if (p.image && p.text && (p.image.x !== p.text.x || p.image.y !== p.text.y))
      s.append(svg('line', {x1: X(p.text.x), y1: Y(p.text.y), x2: X(p.image.x), y2: Y(p.image.y), stroke: '#8c959f', 'stroke-dasharray': '3 3'}));
    for (const m of ['text', 'image']) {
      if (!p[m]) continue;
      const cx = X(p[m].x), cy = Y(p[m].y);
      s.append(svg('rect', {x: cx - 5, y: cy - 5, width: 10, height: 10, transform: 'rotate(45 ' + cx + ' ' + cy + ')',
        fill: m === 'image' ? '#8c959f' : '#fff', stroke: '#6e7781', class: 'refpt', 'data-name': name, 'data-modality': m},
        svg('title', {}, name + ' (' + MOD[m] + '): over-rejection ' + pct(p[m].x) + ', safety ' + pct(p[m].y))));
    }
    const at = p.image || p.text;
    if (at) s.append(label(at.x, at.y, name.replace('csr/', ''), '#57606a'));
  }
  const b = D.baseline;
  if (b && b.patterns && b.patterns.safety && b.patterns.over_rejection) {
    const m = b.patterns.safety.gate_modality, bx = b.patterns.over_rejection[m].base_rate, by = b.patterns.safety[m].base_rate;
    if (bx !== null && by !== null) {
      s.append(svg('circle', {cx: X(bx), cy: Y(by), r: 7, fill: 'none', stroke: '#57606a', 'stroke-width': 2, 'stroke-dasharray': '3 2'},
        svg('title', {}, 'baseline ' + ((b.base_manifest || {}).model || '') + ': over-rejection ' + pct(bx) + ', safety ' + pct(by))),
        label(bx, by, 'baseline', '#57606a'));
    }
  }
  const si = g.safety.image, oi = g.over_rejection.image, st = g.safety.text, ot = g.over_rejection.text;
  if (st.rate !== null && ot.rate !== null && si.rate !== null && oi.rate !== null)
    s.append(svg('line', {x1: X(ot.rate), y1: Y(st.rate), x2: X(oi.rate), y2: Y(si.rate), stroke: '#a2479a', 'stroke-width': 1.5, 'stroke-dasharray': '4 3'}));
  if (st.rate !== null && ot.rate !== null)
    s.append(svg('circle', {cx: X(ot.rate), cy: Y(st.rate), r: 6, fill: '#fff', stroke: '#a2479a', 'stroke-width': 2.5, id: 'pt-text'},
      svg('title', {}, 'this model, text-only: over-rejection ' + pct(ot.rate) + ', safety ' + pct(st.rate))));
  if (si.rate !== null && oi.rate !== null) {
    s.append(svg('line', {x1: X(oi.ci_low), x2: X(oi.ci_high), y1: Y(si.rate), y2: Y(si.rate), stroke: '#2f6fde', 'stroke-width': 2}),
      svg('line', {x1: X(oi.rate), x2: X(oi.rate), y1: Y(si.ci_low), y2: Y(si.ci_high), stroke: '#2f6fde', 'stroke-width': 2}),
      svg('circle', {cx: X(oi.rate), cy: Y(si.rate), r: 7, fill: '#2f6fde', stroke: '#fff', 'stroke-width': 2, id: 'pt-image'},
        svg('title', {}, 'this model, image+text: over-rejection ' + pct(oi.rate) + ', safety ' + pct(si.rate))),
      label(oi.rate, si.rate, 'this model', '#2f6fde'));
  }
  box.append(s, el('div', {class: 'legend'},
    el('span', {}, '● this model, image+text (95% intervals)'), el('span', {}, '○ text-only controls'),
    el('span', {}, '◆ built-in baselines (filled: image+text, hollow: text-only), judged by the rule judges on these prompts'),
    D.baseline ? el('span', {}, '◌ baseline run') : null));
}

// ----- heatmap
function heatmap() {
  const box = document.querySelector('#heatmap .grid');
  const types = (D.summary && D.summary.types) || {};
  for (const p of PATTERNS) {
    const mine = Object.keys(types).filter(t => types[t].pattern === p).sort();
    if (!mine.length) continue;
    const table = el('table', {}, el('tr', {}, el('th', {}), mine.map(t => el('th', {}, t))));
    for (const m of ['image', 'text']) {
      table.append(el('tr', {}, el('th', {class: 'rowh'}, MOD[m]), mine.map(t => {
        const c = types[t][m];
        if (!c || !c.n) return el('td', {class: 'empty'}, '–');
        return el('td', {style: {background: heatColour(c.rate)}, title: t + ' ' + MOD[m] + ': ' + pct(c.rate) + ' (' + c.passed + '/' + c.n + ')',
          data: {type: t, modality: m}, onclick: () => { setFilters({type: t, modality: m}); document.getElementById('cases').scrollIntoView(); }},
          Math.round(100 * c.rate));
      })));
    }
    box.append(el('div', {class: 'heat'}, el('h4', {}, NAMES[p]), el('div', {class: 'tablewrap'}, table)));
  }
  box.append(el('div', {class: 'scale'}, '0%', el('span', {class: 'sw', style: {background: 'linear-gradient(90deg,' +
    heatColour(0) + ',' + heatColour(0.5) + ',' + heatColour(1) + ')'}}), '100% pass rate · click a cell to list its cases'));
}

// ----- changes vs baseline
function changes() {
  const b = D.baseline;
  if (!b || b.error || !b.patterns) return;
  const box = document.getElementById('changes');
  box.hidden = false;
  const rows = [];
  for (const [p, g] of Object.entries(b.patterns)) for (const m of ['image', 'text']) {
    const c = g[m];
    if (!c.n) continue;
    const gating = p !== 'all' && m === g.gate_modality;
    const status = c.worse ? (gating ? (b.accepted ? 'regressed (accepted)' : 'REGRESSED') : 'worse') : c.better ? 'improved' : '';
    rows.push(el('tr', {class: c.worse && gating && !b.accepted ? 'regressed' : c.better ? 'improved' : ''},
      el('td', {}, NAMES[p] || p), el('td', {class: 'l'}, MOD[m]), el('td', {}, num(c.n)), el('td', {}, pct(c.base_rate)),
      el('td', {}, pct(c.run_rate)), el('td', {}, pts(c.delta)), el('td', {}, pval(c.p_value)),
      el('td', {}, c.passed_to_missed + ' / ' + c.missed_to_passed), el('td', {class: 'l'}, status)));
  }
  const worse = b.flips.filter(f => f.before === 'passed').length, better = b.flips.length - worse;
  box.append(el('h2', {}, 'Changes vs baseline'),
    el('p', {class: 'hint'}, 'Paired on the items both runs judged; exact McNemar test; a pattern regresses when its ' +
      'gating pass rate drops by more than ' + pct(b.tolerance) + ' and p < ' + b.alpha + '.'),
    el('table', {}, el('tr', {}, ['Pattern', 'Modality', 'Paired', 'Before', 'Now', 'Delta', 'p', 'Flips −/+', 'Status']
      .map((h, i) => el('th', {class: i === 1 || i === 8 ? 'l' : null}, h))), rows),
    el('p', {}, el('button', {class: 'btn', onclick: () => { setFilters({flip: 'passed→missed'}); document.getElementById('cases').scrollIntoView(); }},
      'Show ' + worse + ' passed→missed'), ' ',
      el('button', {class: 'btn', onclick: () => { setFilters({flip: 'missed→passed'}); document.getElementById('cases').scrollIntoView(); }},
      'Show ' + better + ' missed→passed')));
}

// ----- case table
const S = {f: {pattern: '', type: '', modality: '', outcome: '', flip: '', q: ''}, sort: 'case_id', dir: 1, shown: PAGE, rows: []};
const controls = {};
const COLS = [
  {key: null, label: ''}, {key: 'case_id', label: 'Case'}, {key: 'pattern', label: 'Pattern'}, {key: 'type', label: 'Type'},
  {key: 'modality', label: 'Modality'}, {key: 'outcome', label: 'Outcome'}, {key: 'label', label: 'Verdict'},
  {key: 'flip', label: 'vs baseline', baseline: true}, {key: null, label: 'Response'}, {key: 'latency_s', label: 'Latency'}];
const cols = () => COLS.filter(c => !c.baseline || D.baseline);

function select(name, label, values) {
  const s = el('select', {name: name, 'aria-label': label, onchange: () => { S.f[name] = s.value; S.shown = PAGE; update(); }},
    el('option', {value: ''}, label), values.map(v => el('option', {value: v[0]}, v[1])));
  controls[name] = s;
  return s;
}
function filters() {
  const box = document.querySelector('#cases .filters');
  const distinct = k => [...new Set(D.items.map(i => i[k]).filter(v => v !== null && v !== undefined))].sort();
  const q = el('input', {type: 'search', name: 'q', placeholder: 'search id, prompt, response, reason…',
    oninput: () => { S.f.q = q.value.trim().toLowerCase(); S.shown = PAGE; update(); }});
  controls.q = q;
  box.append(...[q, select('pattern', 'all patterns', distinct('pattern').map(p => [p, NAMES[p] || p])),
    select('type', 'all types', distinct('type').map(t => [t, t])),
    select('modality', 'both modalities', distinct('modality').map(m => [m, MOD[m] || m])),
    select('outcome', 'all outcomes', distinct('outcome').map(o => [o, o])),
    D.baseline ? select('flip', 'flipped or not', [['any', 'any flip'], ['passed→missed', 'passed→missed'], ['missed→passed', 'missed→passed'], ['none', 'unchanged']]) : null,
    el('button', {class: 'btn', onclick: () => setFilters({})}, 'Reset'), el('span', {class: 'count', id: 'case-count'})].filter(Boolean));
  const head = document.querySelector('#case-table thead');
  head.append(el('tr', {}, cols().map(c => el('th', {class: c.key ? 'sortable' : null, data: {key: c.key || ''},
    onclick: c.key ? () => { S.dir = S.sort === c.key ? -S.dir : 1; S.sort = c.key; update(); } : null}, c.label))));
}
function setFilters(f) {
  for (const k of Object.keys(S.f)) { S.f[k] = f[k] || ''; if (controls[k]) controls[k].value = S.f[k]; }
  S.shown = PAGE;
  update();
}
function matches(i) {
  const f = S.f;
  if (f.pattern && i.pattern !== f.pattern) return false;
  if (f.type && i.type !== f.type) return false;
  if (f.modality && i.modality !== f.modality) return false;
  if (f.outcome && i.outcome !== f.outcome) return false;
  if (f.flip === 'any' && !i.flip) return false;
  if (f.flip === 'none' && i.flip) return false;
  if (f.flip && f.flip !== 'any' && f.flip !== 'none' && i.flip !== f.flip) return false;
  if (f.q) {
    const hay = [i.case_id, i.type, i.prompt, i.response, i.reason, i.label, i.error].join('\n').toLowerCase();
    if (!hay.includes(f.q)) return false;
  }
  return true;
}
function compare(a, b) {
  const x = a[S.sort], y = b[S.sort];
  if (x === y) return a.case_id < b.case_id ? -1 : a.case_id > b.case_id ? 1 : a.modality !== b.modality ? (a.modality < b.modality ? -1 : 1) : (a.sample || 0) - (b.sample || 0);
  if (x === null || x === undefined) return 1;
  if (y === null || y === undefined) return -1;
  return (x < y ? -1 : 1) * S.dir;
}
function update() {
  S.rows = D.items.filter(matches).sort(compare);
  const body = document.getElementById('case-rows');
  body.replaceChildren(...S.rows.slice(0, S.shown).map(rowEl));
  document.getElementById('case-count').textContent = 'Showing ' + num(Math.min(S.shown, S.rows.length)) + ' of ' +
    num(S.rows.length) + ' matching (' + num(D.items.length) + ' items)';
  for (const th of document.querySelectorAll('#case-table th.sortable'))
    th.textContent = th.textContent.replace(/ [▲▼]$/, '') + (th.dataset.key === S.sort ? (S.dir > 0 ? ' ▲' : ' ▼') : '');
  const more = document.querySelector('#cases .more');
  more.replaceChildren();
  if (S.rows.length > S.shown)
    more.append(el('button', {class: 'btn', id: 'show-more', onclick: () => { S.shown += PAGE; update(); }},
      'Show ' + Math.min(PAGE, S.rows.length - S.shown) + ' more'), 'sorted by ' + S.sort);
}
function thumb(i) {
  const c = D.cases[i.case_id] || {}, img = c.image && images()[c.image];
  if (i.modality === 'text') return el('div', {class: 't', title: 'text-only control: no image was sent'}, 'text');
  if (i.modality === 'prompt') return el('div', {class: 't', title: 'prompt only: no image and no description was sent'}, 'prompt');
  if (!img || !img.thumb) return el('div', {class: 't', title: (img && img.note) || 'no image'}, '?');
  return el('img', {src: img.thumb, alt: i.case_id, width: 44, height: 44});
}
function rowEl(i) {
  const index = i._idx;
  const tds = [el('td', {class: 'thumb'}, thumb(i)), el('td', {}, el('b', {}, i.case_id + (D.manifest.samples > 1 ? ' ·s' + i.sample : ''))), el('td', {}, NAMES[i.pattern] || i.pattern),
    el('td', {}, i.type), el('td', {}, el('span', {class: 'mod ' + i.modality}, MOD[i.modality] || i.modality)),
    el('td', {}, el('span', {class: 'pill ' + i.outcome}, i.outcome)), el('td', {}, i.label || (i.error ? 'error' : '–'), truncMark(i))];
  if (D.baseline) tds.push(el('td', {}, i.flip ? el('span', {class: 'flip ' + (i.flip.startsWith('passed') ? 'worse' : 'better')}, i.flip) : ''));
  tds.push(el('td', {class: 'resp', title: (i.response || i.error || '').slice(0, 400)}, (i.response || i.error || '').slice(0, 160)),
    el('td', {class: 'num'}, i.latency_s === null || i.latency_s === undefined ? '' : i.latency_s.toFixed(2) + ' s'));
  return el('tr', {data: {index: index}, onclick: () => openCase(index)}, tds);
}

// ----- case view
function truncMark(i) {  // the answer was cut at the token limit: the verdict rests on partial text
  return i.truncated ? el('span', {class: 'trunc', title: 'cut at the token limit (finish_reason length): the verdict rests on partial text'}, 'truncated') : null;
}
function itemBlock(i, current) {
  const facts = [i.cached ? 'cached' : null, i.latency_s !== null && i.latency_s !== undefined ? i.latency_s.toFixed(2) + ' s' : null,
    i.cost_usd ? '$' + i.cost_usd.toFixed(5) : (i.cost_usd === null && i.label ? 'cost unknown' : null), i.judge ? 'judge ' + i.judge : null,
    i.provider_refusal ? 'provider refusal' : null, i.status_code ? 'HTTP ' + i.status_code : null,
    D.manifest.samples > 1 ? 'sample ' + i.sample : null].filter(Boolean).join(' · ');
  const block = el('div', {class: 'cv-item' + (current ? ' current' : ''), data: {modality: i.modality}},
    el('h4', {}, el('span', {class: 'mod ' + i.modality}, MOD[i.modality]), el('span', {class: 'pill ' + i.outcome}, i.outcome),
      i.label ? el('span', {}, i.label) : null, truncMark(i), i.flip ? el('span', {class: 'flip ' + (i.flip.startsWith('passed') ? 'worse' : 'better')}, 'vs baseline: ' + i.flip) : null),
    el('div', {class: 'k'}, i.modality === 'image' ? 'prompt (sent with the image)' : i.modality === 'prompt'
      ? 'prompt alone (sent with no image and no description; a diagnostic, not gated)' : 'text-only control (sent without an image)'),
    el('pre', {class: 'prompt'}, i.prompt || ''),
    el('div', {class: 'k'}, i.error ? 'error' : 'response'), el('pre', {class: 'response'}, i.error || i.response || ''),
    i.reasoning ? el('div', {class: 'k'}, 'reasoning (recorded, not judged)') : null, i.reasoning ? el('pre', {class: 'reasoning'}, i.reasoning) : null,
    i.reason ? el('div', {class: 'reason'}, el('b', {}, 'Verdict: '), i.reason) : null,
    facts ? el('div', {class: 'facts'}, facts) : null);
  if (i.before) block.append(el('div', {class: 'before'}, el('div', {class: 'k'}, 'baseline (' + ((D.baseline && D.baseline.base_manifest || {}).model || '?') + '): ' + i.before.before + ' · ' + (i.before.before_label || '')),
    el('pre', {class: 'before-response'}, i.before.before_response || ''), i.before.before_reason ? el('div', {class: 'reason'}, i.before.before_reason) : null));
  return block;
}
function openCase(index) {
  const i = D.items[index];
  if (!i) return;
  const dlg = document.getElementById('case-view'), c = D.cases[i.case_id] || {}, img = c.image ? images()[c.image] : null;
  const pos = S.rows.indexOf(i);
  const go = d => { const n = S.rows[pos + d]; if (n) openCase(n._idx); };
  const pair = D.items.filter(x => x.case_id === i.case_id).sort((a, b) => a.modality < b.modality ? -1 : 1);
  const imgBox = img && img.view ? el('div', {class: 'cv-img'}, el('img', {src: img.view, alt: 'image of ' + i.case_id, title: c.image_path || ''}),
      el('div', {class: 'cap'}, 'What the model saw with the prompt' + (img.note ? ' · ' + img.note : '')))
    : el('div', {class: 'cv-img'}, el('div', {class: 'noimg'}, (img && img.note) || 'no image recorded'));
  dlg.replaceChildren(el('div', {class: 'cv-head'}, el('h3', {}, i.case_id),
      el('span', {}, (NAMES[i.pattern] || i.pattern) + ' · ' + i.type + ' · expects ' + i.expected + (i.variant ? ' · ' + i.variant : '')),
      el('span', {class: 'sp'}), el('button', {class: 'btn', onclick: () => go(-1), disabled: pos <= 0 ? 'disabled' : null}, '← prev'),
      el('button', {class: 'btn', onclick: () => go(1), disabled: pos < 0 || pos >= S.rows.length - 1 ? 'disabled' : null}, 'next →'),
      el('button', {class: 'btn', id: 'cv-close', autofocus: 'autofocus', onclick: () => dlg.close()}, 'Close')),
    el('div', {class: 'cv-body'}, imgBox, el('div', {}, pair.map(x => itemBlock(x, x === i)),
      !pair.some(x => x.modality === 'text') && c.text_control ? el('div', {class: 'cv-item'},
        el('h4', {}, el('span', {class: 'mod text'}, 'text-only control'), el('span', {}, 'not run')),
        el('pre', {class: 'prompt'}, c.text_control)) : null)));
  if (!dlg.open) dlg.showModal();
  history.replaceState(null, '', '#case=' + encodeURIComponent(i.case_id + ':' + i.modality));
}
document.getElementById('case-view').addEventListener('close', () => history.replaceState(null, '', location.pathname));
document.addEventListener('keydown', e => {
  const dlg = document.getElementById('case-view');
  if (!dlg.open || e.target.tagName === 'INPUT') return;
  if (e.key === 'ArrowRight' || e.key === 'j') dlg.querySelector('.cv-head .btn:nth-of-type(2)').click();
  if (e.key === 'ArrowLeft' || e.key === 'k') dlg.querySelector('.cv-head .btn:nth-of-type(1)').click();
});

header(); verdict(); patternCards(); diagnostics(); tradeoff(); heatmap(); changes(); filters(); update();
const m = /^#case=(.+)$/.exec(location.hash);
if (m) { const key = decodeURIComponent(m[1]); const idx = D.items.findIndex(i => i.case_id + ':' + i.modality === key); if (idx >= 0) openCase(idx); }
window.csrReport = {data: D, setFilters: setFilters, openCase: openCase, state: S};
})();
"""
