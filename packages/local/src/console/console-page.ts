/**
 * The local console's page (docs/adr/0019): one self-contained HTML document, vanilla JavaScript
 * and inline SVG charts (no CDN, no library: this machine may have no network), polling the
 * console's JSON API every 2 s. Untrusted text (paths, ids, log lines) goes into the page through
 * DOM text nodes only, never as HTML.
 */

const STYLE = `
:root { --fg: #1d2433; --muted: #667085; --line: #e4e7ec; --bg: #f8f9fb; --ok: #12805c; --warn: #b54708; --bad: #c01048; --accent: #3559e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: baseline; gap: 16px; padding: 12px 20px; background: #101828; color: #fff; position: sticky; top: 0; z-index: 2; }
header h1 { font-size: 16px; margin: 0; }
header nav a { color: #c7d2fe; margin-right: 12px; text-decoration: none; }
header .live { margin-left: auto; color: #98a2b3; font-variant-numeric: tabular-nums; }
header .live.offline { color: #fda29b; }
main { padding: 16px 20px 40px; max-width: 1500px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin-bottom: 16px; }
section h2 { font-size: 14px; margin: 0 0 10px; display: flex; gap: 12px; align-items: center; }
section h2 small { font-weight: normal; color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; align-items: stretch; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 96px; }
.card .label { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 20px; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { color: var(--muted); font-weight: 600; font-size: 11px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.group td { background: #f2f4f7; font-weight: 600; }
tr.idle td { color: #98a2b3; }
.method { font-family: ui-monospace, monospace; font-weight: 600; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.s2 { color: var(--ok); } .s3 { color: var(--accent); } .s4 { color: var(--warn); } .s5 { color: var(--bad); }
.tag { display: inline-block; padding: 0 6px; border-radius: 10px; background: #eef2ff; color: #3538cd; font-size: 11px; margin-right: 4px; }
.tag.gw { background: #fef0c7; color: #93370d; }
.muted { color: var(--muted); }
.toolbar { display: flex; gap: 12px; align-items: center; margin-bottom: 8px; }
input[type=search], input[type=text] { padding: 4px 8px; border: 1px solid #d0d5dd; border-radius: 6px; min-width: 280px; }
a { color: var(--accent); }
.scroll { max-height: 460px; overflow: auto; }
#trace { border-color: var(--accent); }
.log-line { display: grid; grid-template-columns: 190px 90px 60px 1fr; gap: 8px; padding: 3px 0; border-bottom: 1px dashed var(--line); }
.log-line .fields { grid-column: 4; color: var(--muted); white-space: pre-wrap; word-break: break-all; }
.lvl-WARN { color: var(--warn); } .lvl-ERROR, .lvl-CRITICAL { color: var(--bad); }
svg.spark rect.req { fill: #98a2d8; } svg.spark rect.err { fill: var(--bad); }
`;

const SCRIPT = String.raw`
'use strict';
const BASE = document.body.dataset.base;
const STAGE = document.body.dataset.stage;
const API = BASE + '/api';
const POLL_MS = 2000;
const SVG_NS = 'http://www.w3.org/2000/svg';
const byId = (id) => document.getElementById(id);

/** Builds an element; children are nodes or text (never parsed as HTML). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Requests per interval as bars, errors in red over them. */
function sparkline(requests, errors, width, height) {
  width = width || 120; height = height || 22;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  svg.setAttribute('data-total', String(requests.reduce((a, b) => a + b, 0)));
  const max = Math.max(1, ...requests);
  const bar = width / requests.length;
  requests.forEach((count, i) => {
    for (const [value, cls] of [[count, 'req'], [(errors || [])[i] || 0, 'err']]) {
      if (!value) continue;
      const rect = document.createElementNS(SVG_NS, 'rect');
      const barHeight = Math.max(1, (value / max) * height);
      rect.setAttribute('class', cls);
      rect.setAttribute('x', (i * bar).toFixed(2));
      rect.setAttribute('y', (height - barHeight).toFixed(2));
      rect.setAttribute('width', Math.max(0.5, bar - 0.5).toFixed(2));
      rect.setAttribute('height', barHeight.toFixed(2));
      svg.append(rect);
    }
  });
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = 'requests per interval (errors in red), oldest first';
  svg.append(title);
  return svg;
}

const ms = (value) => (value === null || value === undefined ? '–' : value < 10 ? value.toFixed(1) : Math.round(value).toString());
const pct = (ratio) => (ratio === null || ratio === undefined ? '–' : Math.round(ratio * 100) + '%');
const statusClass = (status) => 's' + String(status).charAt(0);
const time = (iso) => new Date(iso).toLocaleTimeString(undefined, { hour12: false }) + '.' + String(new Date(iso).getMilliseconds()).padStart(3, '0');
const requestLink = (id) => h('a', { href: '#request=' + encodeURIComponent(id), 'data-testid': 'request-link', class: 'mono' }, id);

async function getJson(path) {
  const response = await fetch(API + path, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(body.detail || response.statusText), { status: response.status, body });
  return body;
}

function card(label, value, testid) {
  return h('div', { class: 'card', 'data-testid': testid }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}

function renderTotals(metrics) {
  const t = metrics.totals;
  const series = t.series.requests;
  const lastFull = series[series.length - 2] || 0;
  byId('totals').replaceChildren(
    card('requests', t.requests, 'total-requests'),
    card('req/s', (lastFull / metrics.intervalSeconds).toFixed(1), 'total-rate'),
    card('4xx', t.clientErrors, 'total-4xx'),
    card('5xx', t.serverErrors, 'total-5xx'),
    card('p50 ms', ms(t.p50Ms), 'total-p50'),
    card('p99 ms', ms(t.p99Ms), 'total-p99'),
    card('cache hits', pct(t.cacheHitRatio), 'total-cache'),
    card('throttled', t.throttled, 'total-throttled'),
    h('div', { class: 'card' }, h('div', { class: 'label' }, 'last 5 minutes, per ' + metrics.intervalSeconds + ' s'), sparkline(t.series.requests, t.series.errors, 300, 40)),
  );
  byId('since').textContent = 'since ' + time(metrics.startedAt) + ' · stage ' + metrics.stage;
}

function auth(route) {
  const parts = [];
  if (route.auth.apiKey) parts.push(h('span', { class: 'tag' }, 'API key'));
  if (route.auth.authorizer) parts.push(h('span', { class: 'tag' }, 'token'));
  return parts.length ? parts : h('span', { class: 'muted' }, 'none');
}

function renderRoutes(metrics) {
  const onlyActive = byId('only-active').checked;
  const rows = [];
  let stack = null;
  for (const route of metrics.routes) {
    const m = route.metrics;
    if (onlyActive && m.requests === 0) continue;
    if (route.stack !== stack) {
      stack = route.stack;
      rows.push(h('tr', { class: 'group' }, h('td', { colspan: 13 }, route.stack + ' · ' + route.version)));
    }
    rows.push(h('tr', { class: m.requests === 0 ? 'idle' : '', 'data-testid': 'route-row', 'data-route': route.method + ' ' + route.path, 'data-stack': route.stack },
      h('td', { class: 'method' }, route.method),
      h('td', { class: 'mono' }, route.path),
      h('td', {}, auth(route)),
      h('td', { class: 'num' }, route.cacheTtlSeconds ? route.cacheTtlSeconds + ' s' : '–'),
      h('td', { class: 'num mono' }, route.throttle.rateLimit + '/' + route.throttle.burstLimit),
      h('td', { class: 'num', 'data-testid': 'route-requests' }, m.requests),
      h('td', {}, sparkline(m.series.requests, m.series.errors)),
      h('td', { class: 'num' }, ms(m.p50Ms)),
      h('td', { class: 'num' }, ms(m.p99Ms)),
      h('td', { class: 'num s4', 'data-testid': 'route-4xx' }, m.clientErrors || ''),
      h('td', { class: 'num s5', 'data-testid': 'route-5xx' }, m.serverErrors || ''),
      h('td', { class: 'num' }, route.cacheTtlSeconds ? pct(m.cacheHitRatio) : ''),
      h('td', { class: 'num', 'data-testid': 'route-throttled' }, m.throttled || ''),
    ));
  }
  for (const other of metrics.unmatched) {
    const m = other.metrics;
    rows.push(h('tr', { 'data-testid': 'route-row', 'data-route': '(no route) ' + (other.basePath || '') },
      h('td', { class: 'method' }, '*'),
      h('td', { class: 'mono muted' }, (other.basePath || '') + ' (no route)'),
      h('td', {}, ''), h('td', {}, ''), h('td', {}, ''),
      h('td', { class: 'num', 'data-testid': 'route-requests' }, m.requests),
      h('td', {}, sparkline(m.series.requests, m.series.errors)),
      h('td', { class: 'num' }, ms(m.p50Ms)),
      h('td', { class: 'num' }, ms(m.p99Ms)),
      h('td', { class: 'num s4', 'data-testid': 'route-4xx' }, m.clientErrors || ''),
      h('td', { class: 'num s5', 'data-testid': 'route-5xx' }, m.serverErrors || ''),
      h('td', {}, ''),
      h('td', { class: 'num', 'data-testid': 'route-throttled' }, m.throttled || ''),
    ));
  }
  byId('routes-body').replaceChildren(...rows);
}

function requestRow(request) {
  return h('tr', { 'data-testid': 'request-row', 'data-request-id': request.requestId, 'data-correlation-id': request.correlationId },
    h('td', { class: 'mono' }, time(request.time)),
    h('td', { class: 'method' }, request.method),
    h('td', { class: 'mono' }, request.target),
    h('td', { class: 'num ' + statusClass(request.status), 'data-testid': 'request-status' }, request.status),
    h('td', { class: 'num' }, ms(request.durationMs)),
    h('td', {}, request.stack || ''),
    h('td', {}, request.cache ? h('span', { class: 'tag' }, 'cache ' + request.cache) : '', request.gateway ? h('span', { class: 'tag gw' }, 'gateway') : ''),
    h('td', {}, requestLink(request.correlationId)),
  );
}

let latestRequests = [];
function renderRequests() {
  const filter = byId('request-filter').value.trim().toLowerCase();
  const shown = latestRequests.filter((r) => !filter || [r.method, r.target, String(r.status), r.requestId, r.correlationId, r.stack || ''].join(' ').toLowerCase().includes(filter));
  byId('requests-body').replaceChildren(...shown.map(requestRow));
}

function logLine(line) {
  const fields = Object.keys(line.fields).length ? JSON.stringify(line.fields) : '';
  return h('div', { class: 'log-line', 'data-testid': 'log-line', 'data-service': line.service || '' },
    h('span', { class: 'mono muted' }, line.time),
    h('span', {}, line.service || '', line.function ? h('div', { class: 'muted mono' }, line.function.replace((line.service || '') + '-' + STAGE + '-', '')) : ''),
    h('span', { class: 'lvl-' + (line.level || '') }, line.level || ''),
    h('span', { class: 'mono' }, line.message !== null ? line.message : line.text),
    fields ? h('div', { class: 'fields mono' }, fields) : '',
  );
}

async function renderTrace() {
  const match = /^#request=(.+)$/.exec(location.hash);
  const panel = byId('trace');
  if (!match) { panel.hidden = true; return; }
  const id = decodeURIComponent(match[1]);
  panel.hidden = false;
  byId('trace-id').textContent = id;
  try {
    const trace = await getJson('/requests/' + encodeURIComponent(id));
    byId('trace-summary').textContent = trace.requests.length + ' request(s) through the front door · ' + trace.logs.length + ' log line(s) · services: ' + (trace.services.join(', ') || '–');
    byId('trace-requests').replaceChildren(...trace.requests.map(requestRow));
    byId('trace-logs').replaceChildren(...(trace.logs.length ? trace.logs.map(logLine) : [h('div', { class: 'muted' }, 'No log lines kept for this id.')]));
  } catch (error) {
    byId('trace-summary').textContent = error.message;
    byId('trace-requests').replaceChildren();
    byId('trace-logs').replaceChildren();
  }
}

function renderKeys(keys) {
  byId('keys-note').textContent = keys.note || '';
  byId('plans-body').replaceChildren(...keys.plans.map((plan) => h('tr', { 'data-testid': 'plan-row' },
    h('td', {}, plan.name),
    h('td', { class: 'mono' }, plan.id),
    h('td', { class: 'num' }, plan.throttle ? plan.throttle.rateLimit + '/s, burst ' + plan.throttle.burstLimit : '–'),
    h('td', { class: 'num' }, plan.quota ? plan.quota.limit.toLocaleString('en') + ' a ' + plan.quota.period.toLowerCase() : '–'),
    h('td', { class: 'num' }, plan.keys),
  )));
  byId('keys-body').replaceChildren(...keys.keys.map((key) => h('tr', { 'data-testid': 'key-row', 'data-key-name': key.name },
    h('td', {}, key.name),
    h('td', { class: 'mono' }, key.id),
    h('td', { class: 'mono' }, key.value),
    h('td', {}, key.enabled ? 'enabled' : h('span', { class: 's5' }, 'disabled')),
    h('td', {}, key.plan ? key.plan.name : '–'),
    h('td', { class: 'num', 'data-testid': 'key-today' }, key.usage.today),
    h('td', { class: 'num' }, key.usage.quota ? key.usage.remaining.toLocaleString('en') + ' of ' + key.usage.quota.limit.toLocaleString('en') : '–'),
    h('td', {}, sparkline(key.usage.byDay, [], 70, 18)),
  )));
}

let failures = 0;
async function refresh() {
  try {
    const [metrics, requests, keys] = await Promise.all([getJson('/metrics'), getJson('/requests?limit=100'), getJson('/keys')]);
    renderTotals(metrics);
    renderRoutes(metrics);
    latestRequests = requests.requests;
    renderRequests();
    renderKeys(keys);
    if (!byId('trace').hidden) await renderTrace();
    failures = 0;
    byId('live').className = 'live';
    byId('live').textContent = 'updated ' + new Date().toLocaleTimeString(undefined, { hour12: false });
  } catch (error) {
    failures += 1;
    byId('live').className = 'live offline';
    byId('live').textContent = 'platform not answering (' + error.message + ')';
  }
}

byId('only-active').addEventListener('change', () => refresh());
byId('request-filter').addEventListener('input', renderRequests);
byId('follow').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = byId('follow-id').value.trim();
  if (id) location.hash = 'request=' + encodeURIComponent(id);
});
byId('close-trace').addEventListener('click', (event) => { event.preventDefault(); history.replaceState(null, '', location.pathname); renderTrace(); });
window.addEventListener('hashchange', () => { renderTrace(); if (location.hash) byId('trace').scrollIntoView(); });
refresh().then(renderTrace);
setInterval(refresh, POLL_MS);
`;

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The console page, served at `base` (its JSON API is at `<base>/api/...`). */
export const consolePage = (base: string, stage: string): string => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Emporium console</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <style>${STYLE}</style>
</head>
<body data-base="${escapeAttribute(base)}" data-stage="${escapeAttribute(stage)}">
<header>
  <h1>Emporium console</h1>
  <nav><a href="#routes">Routes</a><a href="#requests">Requests</a><a href="#keys">API keys</a><a href="/docs">API docs</a></nav>
  <span id="since" class="muted"></span>
  <span id="live" class="live" data-testid="live">loading…</span>
</header>
<main>
  <section id="overview"><div id="totals" class="cards" data-testid="totals"></div></section>
  <section id="trace" hidden data-testid="trace">
    <h2>Request <code id="trace-id" data-testid="trace-id"></code> <small id="trace-summary" data-testid="trace-summary"></small> <a href="#" id="close-trace" style="margin-left:auto">close</a></h2>
    <table>
      <thead><tr><th>time</th><th>method</th><th>target</th><th class="num">status</th><th class="num">ms</th><th>stack</th><th></th><th>request id</th></tr></thead>
      <tbody id="trace-requests" data-testid="trace-requests"></tbody>
    </table>
    <h2 style="margin-top:12px">Log lines <small>every function's lines with this correlation id, in the order written</small></h2>
    <div id="trace-logs" data-testid="trace-logs"></div>
  </section>
  <section id="routes">
    <h2>Routes <small>every mounted stack; p50/p99 over each route's last 1,024 requests; bars: requests per 5 s over 5 minutes</small>
      <label style="margin-left:auto;font-weight:normal"><input type="checkbox" id="only-active"> only routes with traffic</label></h2>
    <div class="scroll">
    <table data-testid="routes-table">
      <thead><tr><th>method</th><th>path</th><th>auth</th><th class="num">cache TTL</th><th class="num">throttle</th><th class="num">requests</th><th>traffic</th><th class="num">p50 ms</th><th class="num">p99 ms</th><th class="num">4xx</th><th class="num">5xx</th><th class="num">cache hits</th><th class="num">throttled</th></tr></thead>
      <tbody id="routes-body"></tbody>
    </table>
    </div>
  </section>
  <section id="requests">
    <h2>Recent requests <small>newest first; follow a request id to see every service it crossed and their log lines</small></h2>
    <div class="toolbar">
      <input type="search" id="request-filter" placeholder="filter: path, status, id…" data-testid="request-filter">
      <form id="follow"><input type="text" id="follow-id" placeholder="follow a request id (X-Request-Id or X-Amzn-RequestId)" data-testid="follow-id"></form>
    </div>
    <div class="scroll">
    <table data-testid="requests-table">
      <thead><tr><th>time</th><th>method</th><th>target</th><th class="num">status</th><th class="num">ms</th><th>stack</th><th></th><th>request id</th></tr></thead>
      <tbody id="requests-body"></tbody>
    </table>
    </div>
  </section>
  <section id="keys">
    <h2>API keys <small>usage plans, keys (values by their last 4 characters) and requests counted per day</small> <small id="keys-note"></small></h2>
    <table data-testid="plans-table">
      <thead><tr><th>plan</th><th>id</th><th class="num">throttle</th><th class="num">quota</th><th class="num">keys</th></tr></thead>
      <tbody id="plans-body"></tbody>
    </table>
    <table data-testid="keys-table" style="margin-top:12px">
      <thead><tr><th>key</th><th>id</th><th>value</th><th>state</th><th>plan</th><th class="num">today</th><th class="num">quota left</th><th>last 7 days</th></tr></thead>
      <tbody id="keys-body"></tbody>
    </table>
  </section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
