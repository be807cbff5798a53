"""Static parts of the HTML report: the page skeleton and its stylesheet (the script is in html_script.py)."""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>{css}</style>
</head>
<body>
<header id="top"></header>
<main>
<section id="verdict" class="panel"></section>
<section id="patterns"><h2>Pass rates by pattern</h2><p class="hint">Wilson 95% intervals; the tick is the
threshold, the hollow marker the baseline run.</p><div class="cards"></div></section>
<section id="diagnostics" class="panel" hidden></section>
<div class="two">
<section id="tradeoff" class="panel"><h2>Safety vs over-rejection</h2><div class="plot"></div></section>
<section id="heatmap" class="panel"><h2>Pass rate by type</h2><div class="grid"></div></section>
</div>
<section id="changes" class="panel" hidden></section>
<section id="cases" class="panel"><h2>Cases</h2><div class="filters"></div><div class="tablewrap"><table id="case-table">
<thead></thead><tbody id="case-rows"></tbody></table></div><div class="more"></div></section>
</main>
<footer id="foot"></footer>
<dialog id="case-view"></dialog>
<noscript><p class="panel">This report draws its tables and charts with JavaScript (it makes no network
requests). Open it in a browser with scripts enabled.</p></noscript>
<script type="application/json" id="csr-data">{data}</script>
<script type="application/json" id="csr-images">{images}</script>
<script>{script}</script>
</body>
</html>
"""

CSS = """
:root { --bg:#f6f7f9; --panel:#fff; --ink:#1f2328; --muted:#656d76; --line:#d8dee4; --pass:#1a7f37;
  --miss:#cf222e; --err:#8250df; --skip:#8c959f; --img:#2f6fde; --txt:#a2479a; --warn:#9a6700;
  --passbg:#dafbe1; --missbg:#ffebe9; --errbg:#fbefff; --warnbg:#fff8c5; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font:14px/1.45 system-ui,-apple-system,"Segoe UI",
  Roboto,"Helvetica Neue",Arial,sans-serif; }
header#top { background:#1f2933; color:#f3f4f6; padding:18px 28px 14px; }
header#top h1 { margin:0; font-size:20px; font-weight:600; letter-spacing:.2px; }
header#top h1 .model { color:#fff; font-weight:700; }
header#top .meta { margin-top:8px; display:flex; flex-wrap:wrap; gap:6px 8px; }
.chip { display:inline-block; padding:1px 8px; border-radius:10px; background:rgba(255,255,255,.1);
  color:#d8dee4; font-size:12px; white-space:nowrap; }
.chip b { color:#fff; font-weight:600; }
main { max-width:1320px; margin:0 auto; padding:18px 24px 40px; }
h2 { font-size:16px; margin:0 0 10px; }
.hint { color:var(--muted); font-size:12px; margin:-6px 0 10px; }
.panel { background:var(--panel); border:1px solid var(--line); border-radius:10px; padding:16px 18px;
  margin-bottom:18px; }
#verdict { display:flex; gap:18px; align-items:flex-start; }
.badge { font-weight:700; font-size:18px; padding:10px 16px; border-radius:8px; white-space:nowrap; }
.badge.pass { background:var(--passbg); color:var(--pass); border:1px solid #aceebb; }
.badge.fail { background:var(--missbg); color:var(--miss); border:1px solid #ffcecb; }
.badge.none { background:#eaeef2; color:var(--muted); }
#verdict ul { margin:4px 0 0; padding-left:18px; }
#verdict li { margin:2px 0; }
#verdict .sub { color:var(--muted); margin-top:6px; }
.warnline { background:var(--warnbg); color:var(--warn); border-radius:6px; padding:4px 8px; margin-top:6px; }
#patterns { margin-bottom:18px; }
.cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(232px,1fr)); gap:12px; }
.card { background:var(--panel); border:1px solid var(--line); border-radius:10px; padding:14px 16px; }
.card.failed { border-color:#ffb3ad; box-shadow:inset 3px 0 0 var(--miss); }
.card h3 { margin:0; font-size:15px; }
.card .expects { color:var(--muted); font-size:12px; margin-bottom:8px; }
.rate-row { margin:10px 0 4px; }
.rate-row .top { display:flex; justify-content:space-between; align-items:baseline; margin-bottom:3px; }
.rate-row .lbl { font-size:12px; color:var(--muted); white-space:nowrap; }
.rate-row .lbl i { display:inline-block; width:8px; height:8px; border-radius:50%; margin-right:5px; }
.bar { position:relative; height:14px; background:#eef1f4; border-radius:7px; }
.bar .ci { position:absolute; top:3px; height:8px; border-radius:4px; opacity:.35; }
.bar .dot { position:absolute; top:1px; width:12px; height:12px; border-radius:50%; margin-left:-6px;
  border:2px solid #fff; box-shadow:0 0 0 1px rgba(0,0,0,.15); }
.bar .thr { position:absolute; top:-3px; width:2px; height:20px; background:#1f2328; margin-left:-1px; }
.bar .base { position:absolute; top:1px; width:12px; height:12px; margin-left:-6px; border-radius:50%;
  border:2px dashed #57606a; background:transparent; }
.rate-row .val { font-size:12px; font-variant-numeric:tabular-nums; color:var(--muted); white-space:nowrap; }
.rate-row .val .rate { font-weight:700; font-size:15px; color:var(--ink); }
.rate-row .val.below .rate { color:var(--miss); }
.rate-row .sub { font-size:11px; color:var(--muted); margin-top:2px; }
.gapline { margin-top:8px; font-size:12px; color:var(--muted); border-top:1px solid #eef1f4; padding-top:6px; }
.gapline b { color:var(--ink); }
.gapline .regressed { color:var(--miss); font-weight:700; }
.gapline .improved { color:var(--pass); font-weight:700; }
.two { display:grid; grid-template-columns:minmax(360px,440px) 1fr; gap:18px; }
.two .panel { margin-bottom:18px; }
.plot svg { width:100%; height:auto; display:block; }
.plot .note { color:var(--muted); font-size:12px; }
.legend { display:flex; flex-wrap:wrap; gap:4px 14px; font-size:12px; color:var(--muted); margin-top:6px; }
.heat { margin-bottom:12px; }
.heat h4 { margin:0 0 4px; font-size:12px; color:var(--muted); font-weight:600; text-transform:uppercase;
  letter-spacing:.5px; }
.heat table { border-collapse:separate; border-spacing:3px; }
.heat th { font-size:11px; font-weight:600; color:var(--muted); padding:0 2px; text-align:center; }
.heat th.rowh { text-align:right; padding-right:6px; white-space:nowrap; }
.heat td { width:46px; height:28px; text-align:center; font-size:11px; font-variant-numeric:tabular-nums;
  border-radius:4px; cursor:pointer; color:#1f2328; }
.heat td:hover { outline:2px solid #1f2328; }
.heat td.empty { background:#f3f4f6; color:#afb8c1; cursor:default; }
.heat td.empty:hover { outline:none; }
.scale { display:flex; align-items:center; gap:6px; font-size:11px; color:var(--muted); }
.scale span.sw { width:120px; height:8px; border-radius:4px; }
#changes table { border-collapse:collapse; font-variant-numeric:tabular-nums; }
#changes th, #changes td { padding:4px 10px; border-bottom:1px solid #eef1f4; text-align:right; font-size:13px; }
#changes th:first-child, #changes td:first-child, #changes td.l, #changes th.l { text-align:left; }
#changes tr.regressed td { color:var(--miss); font-weight:600; }
#changes tr.improved td { color:var(--pass); }
#diagnostics h3 { font-size:14px; margin:14px 0 8px; }
#diagnostics table { border-collapse:collapse; font-variant-numeric:tabular-nums; margin-bottom:6px; }
#diagnostics th, #diagnostics td { padding:4px 10px; border-bottom:1px solid #eef1f4; text-align:right; font-size:13px; }
#diagnostics th:first-child, #diagnostics td:first-child { text-align:left; }
#diagnostics tr.regressed td { color:var(--miss); font-weight:600; }
.btn { font:inherit; font-size:13px; border:1px solid var(--line); background:#f6f8fa; border-radius:6px;
  padding:4px 10px; cursor:pointer; color:var(--ink); }
.btn:hover { background:#eef1f4; }
.filters { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin-bottom:10px; }
.filters select, .filters input { font:inherit; font-size:13px; padding:4px 8px; border:1px solid var(--line);
  border-radius:6px; background:#fff; }
.filters input[type=search] { width:260px; }
.filters .count { color:var(--muted); font-size:12px; margin-left:auto; }
.tablewrap { overflow-x:auto; }
#case-table { width:100%; border-collapse:collapse; font-size:13px; }
#case-table th { text-align:left; font-size:12px; color:var(--muted); font-weight:600; padding:6px 8px;
  border-bottom:2px solid var(--line); white-space:nowrap; user-select:none; }
#case-table th.sortable { cursor:pointer; }
#case-table th.sortable:hover { color:var(--ink); }
#case-table td { padding:5px 8px; border-bottom:1px solid #eef1f4; vertical-align:middle; }
#case-table tbody tr { cursor:pointer; }
#case-table tbody tr:hover { background:#f6f8fa; }
#case-table td.thumb { width:52px; padding:3px 8px; }
.thumb img { width:44px; height:44px; object-fit:cover; border-radius:4px; border:1px solid var(--line);
  display:block; }
.thumb .t { width:44px; height:44px; border-radius:4px; border:1px dashed var(--line); color:var(--muted);
  display:flex; align-items:center; justify-content:center; font-size:11px; }
td.resp { max-width:420px; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; color:#424a53; }
td.num { text-align:right; font-variant-numeric:tabular-nums; color:var(--muted); }
.pill { display:inline-block; font-size:12px; font-weight:600; padding:1px 8px; border-radius:10px; }
.pill.passed { background:var(--passbg); color:var(--pass); }
.pill.missed { background:var(--missbg); color:var(--miss); }
.pill.error { background:var(--errbg); color:var(--err); }
.pill.skipped { background:#eaeef2; color:var(--skip); }
.flip { font-size:12px; font-weight:600; white-space:nowrap; }
.trunc { font-size:11px; font-weight:600; padding:0 6px; margin-left:6px; border-radius:8px; background:#fff3cd; color:#7a5b00; }
pre.reasoning { color:#555; font-style:italic; }
.flip.worse { color:var(--miss); }
.flip.better { color:var(--pass); }
.mod { font-size:12px; }
.mod.image { color:var(--img); }
.mod.text { color:var(--txt); }
.more { margin-top:10px; display:flex; gap:10px; align-items:center; color:var(--muted); font-size:12px; }
footer#foot { max-width:1320px; margin:0 auto; padding:0 24px 30px; color:var(--muted); font-size:12px; }
dialog#case-view { width:min(1180px,96vw); max-height:92vh; border:none; border-radius:12px; padding:0;
  box-shadow:0 20px 60px rgba(0,0,0,.35); }
dialog::backdrop { background:rgba(15,23,42,.55); }
.cv-head { display:flex; align-items:center; gap:10px; padding:12px 18px; border-bottom:1px solid var(--line);
  position:sticky; top:0; background:#fff; z-index:1; }
.cv-head h3 { margin:0; font-size:16px; }
.cv-head .sp { flex:1; }
.cv-body { display:grid; grid-template-columns:minmax(260px,420px) 1fr; gap:18px; padding:16px 18px; }
.cv-img img { width:100%; border-radius:8px; border:1px solid var(--line); display:block; }
.cv-img .cap { color:var(--muted); font-size:12px; margin-top:6px; }
.cv-img .noimg { padding:40px 10px; text-align:center; color:var(--muted); border:1px dashed var(--line);
  border-radius:8px; }
.cv-item { border:1px solid var(--line); border-radius:10px; padding:10px 12px; margin-bottom:12px; }
.cv-item.current { border-color:#8fb8f6; box-shadow:0 0 0 2px #ddf4ff; }
.cv-item h4 { margin:0 0 6px; font-size:13px; display:flex; gap:8px; align-items:center; }
.cv-item .k { font-size:11px; color:var(--muted); text-transform:uppercase; letter-spacing:.4px; margin-top:8px; }
.cv-item pre { white-space:pre-wrap; word-break:break-word; margin:2px 0 0; font:13px/1.45 ui-monospace,
  SFMono-Regular,Menlo,Consolas,monospace; background:#f6f8fa; border-radius:6px; padding:8px 10px;
  max-height:260px; overflow:auto; }
.cv-item .reason { margin-top:4px; }
.cv-item .facts { color:var(--muted); font-size:12px; margin-top:6px; }
.cv-item .before { margin-top:8px; border-top:1px dashed var(--line); padding-top:6px; }
@media (max-width:900px) { .two, .cv-body { grid-template-columns:1fr; } #verdict { flex-direction:column; } }
"""
