// Many SNMP devices in one tsnut process: N snmp-ups drivers (N = 200, or
// TSNUT_SNMP_MANY) on one event loop, each polling its own simulated agent,
// all on schedule: every device polled every pollinterval, no gap over
// pollinterval + 1 s, and each visible through upsd. (pollfreq = 0: snmp-ups
// then walks at every pollinterval; its whole-second lastpoll test would
// otherwise skip every other tick.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { sandbox, freePort, start, run, ourBin, waitFor, waitForPort, REF, haveReference } from '../helpers/ref.js';
import { MiniAgent } from '../sims/snmp/mini-agent.js';
import { buildWalk } from '../sims/snmp/build-walk.js';
import { ietf } from '../../src/drivers/snmp-ups/mibs/ietf.js';

const N = Number(process.env.TSNUT_SNMP_MANY ?? 200);
const POLL = 2;
const CHARGE_OID = '1.3.6.1.2.1.33.1.2.4.0';

test(`tsnut single process: ${N} snmp-ups devices polled on schedule`, { timeout: 240000 }, async () => {
  const agents: MiniAgent[] = [];
  for (let i = 0; i < N; i++) {
    const w = buildWalk(ietf, new Map(Object.entries({ 'ups.mfr': 'Many', 'ups.model': `Unit ${i}`, 'ups.status': i % 7 ? 'OL' : 'OB', 'battery.charge': String(50 + (i % 50)) })));
    w.set('1.3.6.1.2.1.1.2.0', 'objectid', '1.3.6.1.2.1.33');
    agents.push(await MiniAgent.start(w));
  }
  const box = sandbox('tsnut-snmpmany-');
  const port = await freePort();
  box.write('ups.conf', agents.map((a, i) => `[u${i}]\n  driver = snmp-ups\n  port = 127.0.0.1:${a.port}\n  mibs = ietf\n  snmp_version = v2c\n  pollfreq = 0\n  pollinterval = ${POLL}\n`).join(''));
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
  box.write('upsd.users', '');
  const p = start(process.execPath, [ourBin('tsnut')], { env: box.env });
  try {
    await waitForPort(port, '127.0.0.1', 60000);
    await waitFor(() => readdirSync(box.state).filter((f) => f.startsWith('snmp-ups-')).length === N, 120000, 200);
    // let every driver finish its first polls, then watch one window
    await new Promise((r) => setTimeout(r, 3000));
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 12000));
    const t1 = Date.now();
    let worstGap = 0;
    let fewest = Infinity;
    for (const a of agents) {
      const hits = (a.hits.get(CHARGE_OID) ?? []).filter((t) => t >= t0 && t <= t1);
      fewest = Math.min(fewest, hits.length);
      for (let i = 1; i < hits.length; i++) worstGap = Math.max(worstGap, hits[i]! - hits[i - 1]!);
    }
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.child.pid}/status`, 'utf8'))?.[1] ?? 0);
    process.stderr.write(`# ${N} devices: fewest polls in 12 s ${fewest}, worst gap ${worstGap} ms, tsnut RSS ${Math.round(rss / 1024)} MiB\n`);
    assert.ok(fewest >= 12 / POLL - 1, `a device was polled only ${fewest} times in 12 s`);
    assert.ok(worstGap <= (POLL + 1) * 1000, `a device waited ${worstGap} ms between polls`);
    if (haveReference) {
      for (const i of [0, 7, N - 1]) {
        const r = await run(REF.upsc, [`u${i}@127.0.0.1:${port}`, 'battery.charge']);
        assert.equal(r.stdout, `${50 + (i % 50)}\n`);
      }
      assert.equal((await run(REF.upsc, [`u7@127.0.0.1:${port}`, 'ups.status'])).stdout, 'OB\n');
    }
  } finally {
    await p.kill();
    box.cleanup();
    for (const a of agents) a.close();
  }
  assert.equal(existsSync(box.state) && readdirSync(box.state).some((f) => f.startsWith('snmp-ups-')), false);
});
