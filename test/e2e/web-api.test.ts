// upsweb as a program against our upsd over scripted drivers: the JSON API checked
// against its own OpenAPI document, values equal to upsc's, the live stream, the
// Prometheus endpoints parsed with a text-format parser, logins, commands and
// settings reaching the driver (and refused by upsd for a user without the right).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { run, ourBin, REF, haveReference, waitFor } from '../helpers/ref.js';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';
import { checkSchema, responseSchema } from '../helpers/openapi-check.js';

const require = createRequire(import.meta.url);
const parseProm = require('parse-prometheus-text-format') as (t: string) => { name: string; help: string; type: string; metrics: { value: string; labels?: Record<string, string> }[] }[];

let s: WebStack;
let doc: Record<string, unknown>;
before(async () => {
  s = await startWebStack();
  doc = await (await fetch(`${s.base}/api/openapi.json`)).json() as Record<string, unknown>;
});
after(async () => { await s?.stop(); });

async function upsc(id: string): Promise<Record<string, string>> {
  const r = await run(haveReference ? REF.upsc : ourBin('upsc'), [id]);
  assert.equal(r.code, 0, r.stderr);
  return Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
}

async function call(method: string, path: string, docPath: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const r = await fetch(`${s.base}${path}`, {
    method, headers: { ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const body = await r.json();
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
  const problems = checkSchema(doc, responseSchema(doc, docPath, method, r.status), body);
  assert.deepEqual(problems, [], `${method} ${path} → ${r.status} matches the OpenAPI document`);
  return { status: r.status, body, headers: r.headers };
}

test('devices: every hosts.conf UPS, values equal to upsc, documented shape', async () => {
  const id = s.ids[0]!;
  const list = await call('GET', '/api/v1/devices', '/api/v1/devices');
  assert.equal(list.status, 200);
  assert.equal(list.body.length, 1);
  const d = list.body[0];
  assert.equal(d.id, id);
  assert.equal(d.description, 'UPS sim in the test rack');
  assert.deepEqual(d.vars, await upsc(id), 'the same variables and values as upsc');
  assert.deepEqual(d.status, { raw: 'OL CHRG', tokens: ['OL', 'CHRG'], words: 'Online, Charging', severity: 0 });
  assert.deepEqual(d.commands, ['beeper.toggle', 'load.off', 'test.battery.start.quick']);
  const one = await call('GET', `/api/v1/devices/${encodeURIComponent(id)}`, '/api/v1/devices/{id}');
  assert.deepEqual(one.body.vars, d.vars);
  const byName = await call('GET', '/api/v1/devices/sim/var/battery.charge', '/api/v1/devices/{id}/var/{name}');
  assert.deepEqual(byName.body, { name: 'battery.charge', value: '87' });
  const vars = await call('GET', '/api/v1/devices/sim/vars', '/api/v1/devices/{id}/vars');
  assert.deepEqual(vars.body, d.vars);
  const desc = await call('GET', '/api/v1/devices/sim/var/battery.charge/description', '/api/v1/devices/{id}/var/{name}/description');
  const ref = await run(haveReference ? REF.upsrw : ourBin('upsrw'), ['-l', id]).catch(() => undefined);
  assert.equal(typeof desc.body.description, 'string');
  assert.ok(ref);
  // the first reading is recorded at once, then every HISTORY_INTERVAL
  const hist = await call('GET', '/api/v1/devices/sim/history?range=24h', '/api/v1/devices/{id}/history');
  assert.ok(hist.body.ts.length >= 1);
  assert.equal(hist.body.series.charge.at(-1), 87);
  assert.equal(hist.body.series.input_voltage.at(-1), 230.4);
  const week = await call('GET', '/api/v1/devices/sim/history?range=7d', '/api/v1/devices/{id}/history');
  assert.equal(week.body.ts.at(-1) % 900, 0, '7 days: 15-minute buckets');
  const info = await call('GET', '/api/v1/info', '/api/v1/info');
  assert.equal(info.body.devices, 1);
});

test('commands and writable variables with descriptions, types and choices', async () => {
  const c = await call('GET', '/api/v1/devices/sim/commands', '/api/v1/devices/{id}/commands');
  assert.deepEqual(c.body.map((x: { name: string }) => x.name), ['beeper.toggle', 'load.off', 'test.battery.start.quick']);
  const rw = await call('GET', '/api/v1/devices/sim/rwvars', '/api/v1/devices/{id}/rwvars');
  const byName = Object.fromEntries(rw.body.map((v: { name: string }) => [v.name, v]));
  assert.deepEqual(byName['input.sensitivity'].enum, ['normal', 'low']);
  assert.equal(byName['input.sensitivity'].type, 'ENUM');
  assert.equal(byName['ups.id'].type, 'STRING');
  assert.equal(byName['ups.id'].maxLength, 16);
  assert.equal(byName['ups.id'].value, 'rack 4');
});

test('bad input: unknown UPS, bad escapes, unknown paths, big bodies get a clear JSON error', async () => {
  const u = await call('GET', '/api/v1/devices/nope', '/api/v1/devices/{id}');
  assert.equal(u.status, 404);
  assert.deepEqual(u.body, { error: 'UNKNOWN-UPS', message: 'no UPS "nope" in hosts.conf' });
  const v = await call('GET', '/api/v1/devices/sim/var/no.such', '/api/v1/devices/{id}/var/{name}');
  assert.equal(v.status, 404);
  const bad = await fetch(`${s.base}/api/v1/devices/%zz`);
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error, 'BAD-REQUEST');
  const big = await fetch(`${s.base}/api/v1/login`, { method: 'POST', body: 'x'.repeat(100000), headers: { 'Content-Type': 'application/json' } });
  assert.equal(big.status, 413);
  const r = await fetch(`${s.base}/api/v1/devices/sim/history?range=1y`);
  assert.equal(r.status, 400);
  const p = await fetch(`${s.base}/nothing/here`);
  assert.equal(p.status, 404);
});

test('Prometheus: nut_exporter names, parsed by a text-format parser, values equal to upsc', async () => {
  const id = s.ids[0]!;
  const ref = await upsc(id);
  const r = await fetch(`${s.base}/metrics`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
  const text = await r.text();
  const fams = new Map(parseProm(text).map((f) => [f.name, f]));
  const num = (n: string) => fams.get(n)!.metrics.find((m) => m.labels?.ups === 'sim')!.value;
  assert.equal(num('network_ups_tools_battery_charge'), ref['battery.charge']);
  assert.equal(Number(num('network_ups_tools_input_voltage')), Number(ref['input.voltage']));
  assert.equal(Number(num('network_ups_tools_battery_runtime')), Number(ref['battery.runtime']));
  assert.equal(num('network_ups_tools_ups_beeper_status'), '1', 'enabled → 1 as nut_exporter');
  assert.equal(fams.get('network_ups_tools_ups_id'), undefined, 'text values are not metrics');
  const st = fams.get('network_ups_tools_ups_status')!;
  const flag = (f: string) => st.metrics.find((m) => m.labels?.flag === f)?.value;
  assert.equal(flag('OL'), '1');
  assert.equal(flag('CHRG'), '1');
  assert.equal(flag('OB'), '0');
  assert.equal(flag('FSD'), '0');
  assert.match(st.help, /\(ups\.status\)$/);
  const info = fams.get('network_ups_tools_device_info')!.metrics[0]!;
  assert.deepEqual(info.labels, { ups: 'sim', model: 'Sim 1500', mfr: 'Simul', serial: 'SN-42', type: 'ups', description: '', contact: '', location: '', part: '', macaddr: '' });
  assert.equal(fams.get('tsnut_web_ups_readable')!.metrics[0]!.value, '1');
  // every metric name is the documented mapping of a variable, or a documented extra
  for (const name of fams.keys()) {
    if (name.startsWith('tsnut_web_') || name === 'network_ups_tools_device_info') continue;
    assert.ok(Object.keys(ref).some((v) => `network_ups_tools_${v.replace(/[.-]/g, '_')}` === name), `${name} maps a variable`);
  }
  // nut_exporter's own form: one UPS, its default variables, no ups label
  const one = parseProm(await (await fetch(`${s.base}/ups_metrics?ups=sim`)).text());
  assert.deepEqual(one.map((f) => f.name).sort(), ['network_ups_tools_battery_charge', 'network_ups_tools_battery_voltage', 'network_ups_tools_battery_voltage_nominal',
    'network_ups_tools_device_info', 'network_ups_tools_input_voltage', 'network_ups_tools_input_voltage_nominal', 'network_ups_tools_ups_load', 'network_ups_tools_ups_status']);
  assert.equal(one.find((f) => f.name === 'network_ups_tools_ups_load')!.metrics[0]!.labels, undefined);
  const custom = parseProm(await (await fetch(`${s.base}/ups_metrics?ups=sim&variables=ups.status&statuses=OL,OB`)).text());
  assert.deepEqual(custom.find((f) => f.name === 'network_ups_tools_ups_status')!.metrics.map((m) => [m.labels!.flag, m.value]), [['OL', '1'], ['CHRG', '1'], ['OB', '0']]);
  assert.equal((await fetch(`${s.base}/ups_metrics?ups=other`)).status, 404);
});

test('login, CSRF, commands and settings reach the driver; upsd refuses a user without the right', async () => {
  const drv = s.drivers.get('sim')!;
  const noAuth = await call('POST', '/api/v1/devices/sim/command/beeper.toggle', '/api/v1/devices/{id}/command/{name}', { body: {} });
  assert.equal(noAuth.status, 401);
  const login = await call('POST', '/api/v1/login', '/api/v1/login', { body: { username: 'admin', password: 'secret' } });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie')!;
  assert.match(cookie, /^tsnut_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/);
  const jar = cookie.split(';')[0]!;
  assert.ok(!JSON.stringify(login.body).includes('secret'), 'the password never goes back to the browser');
  const noCsrf = await call('POST', '/api/v1/devices/sim/command/beeper.toggle', '/api/v1/devices/{id}/command/{name}', { body: {}, headers: { Cookie: jar } });
  assert.equal(noCsrf.status, 401);
  assert.equal(noCsrf.body.error, 'LOGIN-REQUIRED');
  const cross = await call('POST', '/api/v1/devices/sim/command/beeper.toggle', '/api/v1/devices/{id}/command/{name}', { body: {}, headers: { Cookie: jar, 'X-CSRF-Token': login.body.csrf, Origin: 'http://evil.example' } });
  assert.equal(cross.status, 401);
  assert.ok(!drv.received.some((l) => l.startsWith('INSTCMD beeper.toggle')), 'nothing reached the driver');
  const ok = await call('POST', '/api/v1/devices/sim/command/test.battery.start.quick', '/api/v1/devices/{id}/command/{name}', { body: {}, headers: { Cookie: jar, 'X-CSRF-Token': login.body.csrf } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.match(ok.body.reply, /^OK/);
  await waitFor(() => drv.received.some((l) => l.startsWith('INSTCMD test.battery.start.quick')), 5000, 20);
  const set = await call('POST', '/api/v1/devices/sim/var/ups.id', '/api/v1/devices/{id}/var/{name}', { body: { value: 'rack 5' }, headers: { Cookie: jar, 'X-CSRF-Token': login.body.csrf } });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  await waitFor(() => drv.received.some((l) => /^SET ups\.id "?rack 5"?/.test(l)), 5000, 20);
  const inject = await call('POST', '/api/v1/devices/sim/var/ups.id', '/api/v1/devices/{id}/var/{name}', { body: { value: 'x"\nINSTCMD sim load.off' }, headers: { Cookie: jar, 'X-CSRF-Token': login.body.csrf } });
  assert.equal(inject.status, 400, 'no second line smuggled to upsd');
  assert.ok(!drv.received.some((l) => l.startsWith('INSTCMD load.off')));
  const sess = await call('GET', '/api/v1/session', '/api/v1/session', { headers: { Cookie: jar } });
  assert.equal(sess.body.user, 'admin');
  // a user without instcmds: upsd says no, the API says why
  const v = await call('POST', '/api/v1/login', '/api/v1/login', { body: { username: 'viewer', password: 'look' } });
  const vjar = v.headers.get('set-cookie')!.split(';')[0]!;
  const before = drv.received.length;
  const denied = await call('POST', '/api/v1/devices/sim/command/load.off', '/api/v1/devices/{id}/command/{name}', { body: {}, headers: { Cookie: vjar, 'X-CSRF-Token': v.body.csrf } });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error, 'ACCESS-DENIED');
  assert.equal(drv.received.slice(before).filter((l) => l.startsWith('INSTCMD')).length, 0);
  const out = await call('POST', '/api/v1/logout', '/api/v1/logout', { headers: { Cookie: vjar, 'X-CSRF-Token': v.body.csrf } });
  assert.equal(out.status, 200);
  assert.equal((await call('GET', '/api/v1/session', '/api/v1/session', { headers: { Cookie: vjar } })).status, 401);
  // the commands are in the event list
  const ev = await call('GET', '/api/v1/events?limit=20', '/api/v1/events');
  assert.ok(ev.body.some((e: { type: string; message: string }) => e.type === 'command' && /admin issued test\.battery\.start\.quick/.test(e.message)));
  assert.ok(ev.body.some((e: { type: string; message: string }) => e.type === 'command' && /viewer issued load\.off: refused \(ACCESS-DENIED\)/.test(e.message)));
  assert.ok(!s.web.stderr().includes('secret') && !s.web.stderr().includes('look'), 'no password in the log');
  // logins are rate-limited per address, 5 a minute: 3 were used above (one by the oversized body)
  const codes: number[] = [];
  for (let i = 0; i < 4; i++) codes.push((await call('POST', '/api/v1/login', '/api/v1/login', { body: { username: 'x', password: 'y' } })).status);
  assert.deepEqual(codes, [200, 200, 429, 429]);
});

test('live stream: a status change in the driver reaches the stream within a second, with its event', async () => {
  const ac = new AbortController();
  const r = await fetch(`${s.base}/api/v1/stream`, { signal: ac.signal });
  assert.match(r.headers.get('content-type')!, /^text\/event-stream/);
  const reader = r.body!.getReader();
  let buf = '';
  const events: { event: string; data: any }[] = [];
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buf += Buffer.from(value!).toString();
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
      }
    }
  })();
  await waitFor(() => events.some((e) => e.event === 'devices'), 5000, 10);
  assert.equal(events[0]!.data[0].vars['ups.status'], 'OL CHRG');
  try {
    const t0 = Date.now();
    s.setStatus('sim', 'OB DISCHRG');
    await waitFor(() => events.some((e) => e.event === 'update' && e.data.vars['ups.status'] === 'OB DISCHRG'), 3000, 5);
    const took = Date.now() - t0;
    assert.ok(took <= 1300, `change on the stream after ${took} ms (POLLFREQ 1)`);
    const up = events.find((e) => e.event === 'update')!.data;
    assert.deepEqual(up.status, { raw: 'OB DISCHRG', tokens: ['OB', 'DISCHRG'], words: 'On battery, Discharging', severity: 2 });
    await waitFor(() => events.some((e) => e.event === 'event' && /Power failure: on battery/.test(e.data.message)), 3000, 10);
    const ev = await call('GET', '/api/v1/events?ups=sim', '/api/v1/events');
    assert.equal(ev.body[0].type, 'status');
    assert.match(ev.body[0].message, /^Power failure: on battery \(status OB DISCHRG, was OL CHRG\)$/);
  } finally {
    s.setStatus('sim', 'OL CHRG');
    ac.abort();
    await pump;
  }
});

test('a dead upsd is a clear per-UPS error, not a crash; the server stays up', async () => {
  await s.upsd.kill();
  await waitFor(async () => {
    const d = await (await fetch(`${s.base}/api/v1/devices/sim`)).json() as { readable: boolean; error: string };
    return !d.readable && /Connection failure/.test(d.error);
  }, 10000, 100);
  const d = await call('GET', '/api/v1/devices/sim', '/api/v1/devices/{id}');
  assert.equal(d.body.status.words, 'Unavailable');
  const m = parseProm(await (await fetch(`${s.base}/metrics`)).text());
  assert.equal(m.find((f) => f.name === 'tsnut_web_ups_readable')!.metrics[0]!.value, '0');
  const c = await call('GET', '/api/v1/devices/sim/commands', '/api/v1/devices/{id}/commands');
  assert.equal(c.status, 502);
  assert.equal((await fetch(`${s.base}/`)).status, 200);
});
