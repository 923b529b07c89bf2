// Load: 200 browsers on the live stream and 50 API requests a second, while the
// UPS keeps changing, cost upsd one session (the hub's), every stream gets every
// change, and upsweb's memory stays bounded.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { startWebStack } from '../helpers/web-stack.js';

/** established TCP connections whose local (server) port is `port`, from /proc/net/tcp{,6} */
function upsdSessions(port: number): number {
  let n = 0;
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    for (const line of text.split('\n').slice(1)) {
      const w = line.trim().split(/\s+/);
      if (w.length < 4) continue;
      const local = parseInt(w[1]!.split(':')[1]!, 16);
      if (local === port && w[3] === '01') n++;
    }
  }
  return n;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) / 1024;
}

test('200 live streams + 50 API requests/s: one upsd session, every change delivered, memory bounded', async () => {
  const s = await startWebStack();
  const streams: http.ClientRequest[] = [];
  try {
    const pid = s.web.child.pid!;
    const rss0 = rssMb(pid);
    const seen: number[] = new Array(200).fill(0);
    await Promise.all(Array.from({ length: 200 }, (_, i) => new Promise<void>((resolve, reject) => {
      const req = http.get(`${s.base}/api/v1/stream`, { agent: false }, (res) => {
        assert.equal(res.statusCode, 200);
        res.setEncoding('utf8');
        res.on('data', (d: string) => { seen[i]! += (d.match(/^event: update$/gm) ?? []).length; });
        res.once('data', () => resolve());
      });
      req.on('error', reject);
      streams.push(req);
    })));
    let api = 0;
    let apiErrors = 0;
    const stop = Date.now() + 5000;
    const flips: Promise<void>[] = [];
    let flip = 0;
    const changer = setInterval(() => { s.setStatus('sim', ++flip % 2 ? 'OB DISCHRG' : 'OL CHRG'); }, 1000);
    const PATHS = ['/api/v1/devices', '/api/v1/devices/sim', '/metrics', '/api/v1/devices/sim/vars', '/cgi-bin/nut/upsstats.cgi?json'];
    const t0 = Date.now();
    let sent = 0;
    let maxSessions = 0;
    // 50 requests a second across the API, the metrics and the CGI, caught up if the generator lags
    while (Date.now() < stop || sent < 250) {
      while (sent < Math.min(250, ((Date.now() - t0) / 1000) * 50)) {
        const path = PATHS[sent++ % PATHS.length]!;
        flips.push(fetch(s.base + path).then((r) => { api++; if (!r.ok) apiErrors++; return r.arrayBuffer(); }).then(() => undefined, () => { apiErrors++; }));
      }
      maxSessions = Math.max(maxSessions, upsdSessions(s.upsdPort));
      await new Promise((r) => setTimeout(r, 20));
    }
    clearInterval(changer);
    await Promise.all(flips);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(apiErrors, 0);
    assert.equal(api, 250, 'every API request answered');
    assert.equal(maxSessions, 1, 'upsd saw one session from upsweb, whatever the load');
    const metrics = await (await fetch(`${s.base}/metrics`)).text();
    assert.match(metrics, /^tsnut_web_stream_clients 200$/m);
    // the hub samples at POLLFREQ (two flips inside one poll are one non-change), but whatever it saw, every stream got
    const most = Math.max(...seen);
    assert.ok(most >= 2, `updates seen: ${most} for ${flip} flips`);
    assert.ok(seen.every((n) => n === most), `every stream got all ${most} updates (min ${Math.min(...seen)})`);
    const rss1 = rssMb(pid);
    assert.ok(rss1 < 200 && rss1 - rss0 < 80, `upsweb RSS ${rss0.toFixed(0)} → ${rss1.toFixed(0)} MB`);
    console.log(`# load: ${api} API requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, 200 streams, ${most} updates each, upsd sessions ${maxSessions}, RSS ${rss0.toFixed(0)} → ${rss1.toFixed(0)} MB`);
  } finally {
    for (const r of streams) r.destroy();
    await s.stop();
  }
});
