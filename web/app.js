// upsweb dashboard: plain browser JavaScript, no build step. Data from
// /api/v1 (JSON) and /api/v1/stream (Server-Sent Events); charts with uPlot.
'use strict';
(() => {
  const $ = (s, el = document) => el.querySelector(s);
  const h = (tag, attrs = {}, ...kids) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') el.textContent = v; else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const k of kids) if (k !== null && k !== undefined) el.append(k);
    return el;
  };
  const devices = new Map();
  let csrf = null;
  let user = null;

  const FIELDS = [
    ['Charge', (v) => v['battery.charge'] && `${v['battery.charge']} %`, 'battery.charge'],
    ['Runtime', (v) => v['battery.runtime'] && runtime(v['battery.runtime']), 'battery.runtime'],
    ['Load', (v) => v['ups.load'] && `${v['ups.load']} %`, 'ups.load'],
    ['Input voltage', (v) => v['input.voltage'] && `${v['input.voltage']} V`, 'input.voltage'],
    ['Input frequency', (v) => v['input.frequency'] && `${v['input.frequency']} Hz`, 'input.frequency'],
    ['Output voltage', (v) => v['output.voltage'] && `${v['output.voltage']} V`, 'output.voltage'],
    ['Output frequency', (v) => v['output.frequency'] && `${v['output.frequency']} Hz`, 'output.frequency'],
    ['Temperature', (v) => (v['ups.temperature'] ?? v['battery.temperature']) && `${v['ups.temperature'] ?? v['battery.temperature']} °C`, 'ups.temperature'],
    ['Alarms', (v) => v['ups.alarm'] || 'None', 'ups.alarm'],
    ['Battery date', (v) => v['battery.mfr.date'] ?? v['battery.date'], 'battery.date'],
    ['Model', (v) => [v['device.mfr'] ?? v['ups.mfr'], v['device.model'] ?? v['ups.model']].filter(Boolean).join(' '), 'device.model'],
  ];

  function runtime(s) {
    const n = Number(s);
    if (!Number.isFinite(n)) return s;
    const hh = Math.floor(n / 3600), mm = Math.floor((n % 3600) / 60), ss = Math.floor(n % 60);
    return hh ? `${hh} h ${mm} min` : mm ? `${mm} min ${ss} s` : `${ss} s`;
  }
  const say = (msg) => { const a = $('#announce'); a.textContent = ''; setTimeout(() => { a.textContent = msg; }, 50); };
  const cardId = (id) => 'ups-' + id.replace(/[^A-Za-z0-9_-]/g, '_');

  async function api(path, opts = {}) {
    const headers = { Accept: 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (csrf && opts.method === 'POST') headers['X-CSRF-Token'] = csrf;
    const r = await fetch(path, { method: opts.method ?? 'GET', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), credentials: 'same-origin' });
    const j = await r.json().catch(() => ({ error: 'BAD-REPLY', message: `HTTP ${r.status}` }));
    if (!r.ok) throw Object.assign(new Error(j.message ?? `HTTP ${r.status}`), { code: j.error, status: r.status });
    return j;
  }

  // ---- devices ----------------------------------------------------------
  function render(d) {
    let card = document.getElementById(cardId(d.id));
    if (!card) {
      card = h('article', { class: 'ups', id: cardId(d.id), 'aria-labelledby': cardId(d.id) + '-h', 'data-ups': d.id });
      $('#devices').append(card);
      const opt = h('option', { value: d.id, text: d.description || d.id });
      $('#hist-ups').append(opt);
    }
    const v = d.vars;
    const head = h('h2', { id: cardId(d.id) + '-h' }, h('span', {}, d.description || d.name, ' ', h('span', { class: 'id', text: d.id })),
      h('span', { class: `status sev${d.status.severity}`, 'data-field': 'status', text: d.status.words }));
    const dl = h('dl');
    for (const [label, f, key] of FIELDS) {
      const val = d.readable ? f(v) : undefined;
      if (val === undefined || val === '') continue;
      dl.append(h('dt', { text: label }), h('dd', { 'data-var': key, text: val }));
    }
    dl.append(h('dt', { text: 'Updated' }), h('dd', { text: d.updated ? new Date(d.updated).toLocaleTimeString() : 'never' }));
    const err = d.error ? h('p', { class: 'error', role: 'alert', text: `Cannot read this UPS: ${d.error}` }) : null;
    const rows = Object.entries(v).map(([k, val]) => h('tr', {}, h('th', { scope: 'row', text: k }), h('td', { 'data-var': k, text: val })));
    const all = h('details', { 'data-keep': 'all' }, h('summary', { text: `All variables (${rows.length})` }),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Variable' }), h('th', { scope: 'col', text: 'Value' }))), h('tbody', {}, ...rows)));
    const open = card.querySelector('details[data-keep="all"]')?.open;
    if (open) all.open = true;
    let actions = card.querySelector('.actions');
    if (!actions) actions = h('div', { class: 'actions' });
    card.replaceChildren(head, err ?? '', dl, all, actions);
    renderActions(d, actions);
  }

  // commands and writable variables with their descriptions and choices, fetched once per UPS
  const details = new Map();
  async function detailsOf(d) {
    if (!details.has(d.id)) {
      const base = `/api/v1/devices/${encodeURIComponent(d.id)}`;
      details.set(d.id, Promise.all([api(`${base}/commands`).catch(() => []), api(`${base}/rwvars`).catch(() => [])]));
    }
    return details.get(d.id);
  }

  function renderActions(d, box) {
    if (!user || !d.readable) { box.replaceChildren(); box.dataset.user = ''; return; }
    if (box.dataset.user === user && box.dataset.cmds === d.commands.join(' ') && box.dataset.rw === d.rwvars.join(' ')) return;
    box.dataset.user = user; box.dataset.cmds = d.commands.join(' '); box.dataset.rw = d.rwvars.join(' ');
    const result = h('p', { class: 'result', role: 'status' });
    const report = (ok, text) => { result.textContent = text; result.className = ok ? 'result' : 'result error'; say(text); };
    const kids = [];
    if (d.commands.length) {
      const sel = h('select', { name: 'command', id: cardId(d.id) + '-cmd' }, ...d.commands.map((c) => h('option', { value: c, text: c })));
      const f = h('form', { class: 'cmd', 'aria-label': `Instant command for ${d.name}` },
        h('label', {}, 'Command', sel), h('label', {}, 'Value (optional)', h('input', { name: 'value', maxlength: 256 })), h('button', { type: 'submit', text: 'Issue command' }));
      f.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const cmd = sel.value, value = f.elements.value.value;
        result.textContent = `Sending ${cmd}…`;
        try {
          const r = await api(`/api/v1/devices/${encodeURIComponent(d.id)}/command/${encodeURIComponent(cmd)}`, { method: 'POST', body: value ? { value } : {} });
          report(true, `${cmd}: accepted by upsd (${r.result ?? r.reply})`);
        } catch (e) { report(false, `${cmd}: refused — ${e.message}`); }
      });
      kids.push(f);
    }
    const settings = h('div', { class: 'settings' });
    kids.push(settings);
    box.replaceChildren(h('h3', { text: 'Control', class: 'visually-hidden' }), ...kids, result);
    void detailsOf(d).then(([cmds, rws]) => {
      // command names get their upsd descriptions
      for (const o of box.querySelectorAll('form.cmd option')) {
        const c = cmds.find((x) => x.name === o.value);
        if (c) o.textContent = `${c.description} (${c.name})`;
      }
      if (!rws.length) return;
      const rows = rws.map((v) => {
        const id = `${cardId(d.id)}-rw-${v.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
        let input;
        if (v.type === 'ENUM' && v.enum) input = h('select', { id, name: 'value' }, ...v.enum.map((x) => h('option', { value: x, text: x, selected: x === v.value })));
        else if (v.type === 'RANGE' && v.range?.length) input = h('input', { id, name: 'value', type: 'number', min: v.range[0].min, max: v.range[v.range.length - 1].max, value: v.value });
        else input = h('input', { id, name: 'value', value: v.value, maxlength: v.maxLength ?? 256, size: Math.min(v.maxLength ?? 20, 24) });
        const f = h('form', { class: 'setvar', 'data-var': v.name }, h('label', { for: id, text: `${v.description} (${v.name})` }), input, h('button', { type: 'submit', text: 'Set' }));
        f.addEventListener('submit', async (ev) => {
          ev.preventDefault();
          try {
            const r = await api(`/api/v1/devices/${encodeURIComponent(d.id)}/var/${encodeURIComponent(v.name)}`, { method: 'POST', body: { value: input.value } });
            report(true, `${v.name} set to ${input.value}: ${r.reply}`);
          } catch (e) { report(false, `${v.name}: refused — ${e.message}`); }
        });
        return f;
      });
      settings.replaceChildren(h('details', {}, h('summary', { text: `Settings (${rows.length})` }), ...rows));
    });
  }

  function update(u) {
    const d = devices.get(u.id);
    if (!d) return;
    const wasStatus = d.status.words;
    for (const [k, v] of Object.entries(u.vars)) { if (v === null) delete d.vars[k]; else d.vars[k] = v; }
    Object.assign(d, { status: u.status, readable: u.readable, error: u.error, updated: u.updated });
    render(d);
    if (wasStatus !== d.status.words) {
      say(`${d.description || d.name}: ${d.status.words}`);
      document.title = `${[...devices.values()].some((x) => x.status.severity === 2) ? '⚠ ' : ''}UPS dashboard`;
    }
  }

  // ---- events -------------------------------------------------------------
  function addEvent(e, top = true) {
    const tr = h('tr', { 'data-type': e.type }, h('td', {}, h('time', { datetime: e.time, text: new Date(e.time).toLocaleString() })), h('td', { text: e.ups }), h('td', { text: e.message }));
    const list = $('#event-list');
    if (top) list.prepend(tr); else list.append(tr);
    while (list.children.length > 200) list.lastChild.remove();
  }

  // ---- history --------------------------------------------------------------
  let range = '24h';
  const charts = [];
  const SERIES = [['charge', 'Battery charge', '%'], ['runtime', 'Runtime', 's'], ['load', 'Load', '%'], ['input_voltage', 'Input voltage', 'V']];
  async function loadHistory() {
    const id = $('#hist-ups').value;
    if (!id || typeof uPlot === 'undefined') return;
    let hst;
    try { hst = await api(`/api/v1/devices/${encodeURIComponent(id)}/history?range=${range}`); } catch { return; }
    for (const c of charts.splice(0)) c.destroy();
    const box = $('#charts');
    box.replaceChildren();
    $('#hist-empty').hidden = hst.ts.length > 0;
    if (hst.ts.length === 0) return;
    for (const [key, label, unit] of SERIES) {
      if (hst.series[key].every((x) => x === null)) continue;
      const fig = h('figure', { class: 'chart', 'data-series': key }, h('h3', { text: `${label} (${unit})` }));
      box.append(fig);
      // the grid cell's own width, so charts never push the page wider than the screen
      const width = Math.max(240, Math.min(fig.clientWidth || 600, 640) - 4);
      const opts = { width, height: 180, legend: { show: true }, series: [{}, { label: `${label} (${unit})`, stroke: getComputedStyle(document.body).getPropertyValue('--accent').trim() || '#0b57d0', width: 2, spanGaps: false }],
        axes: [{ stroke: getComputedStyle(document.body).color }, { stroke: getComputedStyle(document.body).color }] };
      charts.push(new uPlot(opts, [hst.ts, hst.series[key]], fig));
      fig.setAttribute('aria-label', `${label}: ${hst.ts.length} readings over ${range}`);
      fig.setAttribute('role', 'img');
    }
  }
  $('#hist-range').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-range]');
    if (!b) return;
    range = b.dataset.range;
    for (const x of $('#hist-range').querySelectorAll('button')) x.setAttribute('aria-pressed', String(x === b));
    void loadHistory();
  });
  $('#hist-ups').addEventListener('change', () => void loadHistory());

  // ---- login ----------------------------------------------------------------
  function setUser(s) {
    user = s?.user ?? null; csrf = s?.csrf ?? null;
    $('#login').hidden = !!user; $('#who').hidden = !user;
    $('#who-name').textContent = user ? `Logged in as ${user}` : '';
    for (const d of devices.values()) render(d);
  }
  $('#login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      setUser(await api('/api/v1/login', { method: 'POST', body: { username: f.username.value, password: f.password.value } }));
      f.reset();
      say(`Logged in as ${user}`);
    } catch (err) { say(`Login failed: ${err.message}`); alertBox(`Login failed: ${err.message}`); }
  });
  $('#logout').addEventListener('click', async () => { try { await api('/api/v1/logout', { method: 'POST' }); } catch { /* gone anyway */ } setUser(null); say('Logged out'); });
  function alertBox(msg) { const c = $('#conn'); c.textContent = msg; c.classList.add('down'); }

  // ---- live stream ------------------------------------------------------------
  function connect() {
    const es = new EventSource('/api/v1/stream');
    es.addEventListener('devices', (m) => {
      const list = JSON.parse(m.data);
      for (const d of list) { devices.set(d.id, d); render(d); }
      const c = $('#conn'); c.textContent = 'Live'; c.classList.remove('down');
      if (!charts.length) void loadHistory();
    });
    es.addEventListener('update', (m) => update(JSON.parse(m.data)));
    es.addEventListener('event', (m) => { const e = JSON.parse(m.data); addEvent(e); say(`${e.ups}: ${e.message}`); });
    es.onerror = () => { const c = $('#conn'); c.textContent = 'Connection to the server lost; retrying…'; c.classList.add('down'); };
  }
  api('/api/v1/session').then(setUser, () => setUser(null));
  api('/api/v1/events?limit=50').then((l) => { for (const e of l) addEvent(e, false); }, () => {});
  connect();
})();
