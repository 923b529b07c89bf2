// The README's main job as a new user runs it: `npm start` in the checkout.
// upsc (the reference's when installed) watches the demo UPS go OB LB and come
// back on line, and the would-be shutdown is logged, not run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { freePort, run, ourBin, waitFor, REF, REPO, haveReference } from '../helpers/ref.js';

test('npm start: OL → OB → OB LB → FSD, the shutdown only logged, then OL again; what to try next is printed', async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_PORT: String(port), DEMO_STEP: '2' };
  delete env.NUT_CONFPATH; delete env.NUT_STATEPATH; delete env.NUT_ALTPIDPATH;
  const p = spawn('npm', ['start', '--silent', '--', '--seconds', '120'], { cwd: REPO, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((r) => p.on('exit', r));
  const seen: string[] = [];
  const upsc = haveReference ? REF.upsc : ourBin('upsc');
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const r = await run(upsc, [`demo@127.0.0.1:${port}`, 'ups.status']);
      const st = r.stdout.trim();
      if (r.code === 0 && st && seen[seen.length - 1] !== st) seen.push(st);
      await new Promise((res) => setTimeout(res, 150));
    }
  })();
  try {
    await waitFor(() => seen.some((s) => /\bOB\b/.test(s) && /\bLB\b/.test(s)), 60000, 100);
    const lbAt = seen.findIndex((s) => /\bOB\b/.test(s) && /\bLB\b/.test(s));
    await waitFor(() => seen.slice(lbAt + 1).some((s) => /^OL\b/.test(s)), 60000, 100);
    // the hints follow the heading after a `tsnut status` call: wait for the last one
    await waitFor(() => /bin\/tsnut drill /.test(out), 20000, 100);
    polling = false;
    await poll;
    const norm = seen.map((s) => s.replace(/ (DISCHRG|CHRG)/, ''));
    // the order a user sees: on line, on battery, low battery (FSD once upsmon set it), on line
    assert.equal(norm[0], 'OL', seen.join(' | '));
    assert.ok(norm.indexOf('OB') > 0, seen.join(' | '));
    assert.ok(norm.indexOf('FSD OB LB') > norm.indexOf('OB'), seen.join(' | '));
    assert.match(norm[norm.length - 1]!, /^OL/);
    assert.match(out, /upsmon decided to shut down; its SHUTDOWNCMD logged: \d\d:\d\d:\d\d SHUTDOWNCMD would run now \(demo: nothing shut down\)/);
    assert.match(out, /upsmon: Executing automatic power-fail shutdown/);
    assert.match(out, new RegExp(`bin/upsc demo@127\\.0\\.0\\.1:${port} `));
    assert.match(out, /bin\/tsnut status/);
    const dir = /sandbox (\/[^\s\x1b]+)/.exec(out)![1]!;
    assert.ok(existsSync(dir));
    process.kill(-p.pid!, 'SIGINT');
    await exited;
    assert.equal(existsSync(dir), false, 'the demo removes its sandbox');
  } finally {
    polling = false;
    try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ }
  }
});
