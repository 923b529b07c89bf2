// upsweb as a program: background start with a PID file and -c stop, clear exits on
// a missing hosts.conf, bad upsweb.conf lines named, -h, and HTTPS with CERTFILE
// (Secure session cookie).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { sandbox, freePort, run, ourBin, waitFor, waitForPort } from '../helpers/ref.js';
import { startWebStack } from '../helpers/web-stack.js';

test('upsweb -h, missing hosts.conf, bad upsweb.conf lines', async () => {
  const h = await run(process.execPath, [ourBin('upsweb'), '-h']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /usage: upsweb \[OPTIONS\]/);
  const box = sandbox('tsnut-webcli-');
  try {
    const port = await freePort();
    box.write('upsweb.conf', `LISTEN 127.0.0.1 ${port}\nPOLLFREQ zero\n`);
    const r = await run(process.execPath, [ourBin('upsweb'), '-F', '-u', 'root'], { env: box.env, timeoutMs: 20000 });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`Can't open ${box.conf}/hosts\\.conf \\(the UPSes to show\\): No such file or directory`));
    assert.match(r.stderr, /upsweb\.conf:2: POLLFREQ needs a number of seconds from 0\.2 to 3600, got "zero"/);
    const n = await run(process.execPath, [ourBin('upsweb'), '-c', 'stop'], { env: box.env });
    assert.equal(n.code, 1);
    assert.match(n.stderr, /upsweb\.pid: No such file or directory/);
  } finally { box.cleanup(); }
});

test('background start writes the PID file; -c stop ends it', async () => {
  const s = await startWebStack({ noWeb: true });
  try {
    const r = await run(process.execPath, [ourBin('upsweb'), '-u', 'root'], { env: s.box.env, timeoutMs: 60000 });
    assert.equal(r.code, 0, r.stderr);
    const pidFile = join(s.box.state, 'upsweb.pid');
    await waitFor(() => existsSync(pidFile), 30000, 50);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitForPort(s.webPort, '127.0.0.1', 30000);
    assert.equal((await fetch(`${s.base}/api/v1/info`)).status, 200);
    const st = await run(process.execPath, [ourBin('upsweb'), '-c', 'stop'], { env: s.box.env });
    assert.equal(st.code, 0);
    await waitFor(() => { try { process.kill(pid, 0); return false; } catch { return true; } }, 10000, 50);
    assert.equal(existsSync(pidFile), false);
  } finally { await s.stop(); }
});

test('HTTPS with CERTFILE: pages over TLS, the session cookie marked Secure', async () => {
  const s = await startWebStack({ noWeb: true });
  try {
    const pem = join(s.box.conf, 'upsweb.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', pem + '.key', '-out', pem + '.crt', '-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    s.box.write('upsweb.pem', readFileSync(pem + '.crt', 'utf8') + readFileSync(pem + '.key', 'utf8'));
    s.box.write('upsweb.conf', `LISTEN 127.0.0.1 ${s.webPort}\nPOLLFREQ 1\nCERTFILE ${pem}\n`);
    const get = (path: string, method = 'GET', body?: string) => new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((res, rej) => {
      const req = https.request({ host: '127.0.0.1', port: s.webPort, path, method, rejectUnauthorized: false, headers: body ? { 'Content-Type': 'application/json' } : {} }, (r) => {
        let b = '';
        r.on('data', (d) => { b += d; });
        r.on('end', () => res({ status: r.statusCode!, headers: r.headers, body: b }));
      });
      req.on('error', rej);
      req.end(body);
    });
    const { start } = await import('../helpers/ref.js');
    s.web = start(process.execPath, [ourBin('upsweb'), '-F', '-u', 'root'], { env: s.box.env });
    await waitForPort(s.webPort, '127.0.0.1', 30000).catch((e) => { throw new Error(`${(e as Error).message}: ${s.web.stderr()}`); });
    await waitFor(async () => (await get('/api/v1/devices/sim').catch(() => ({ status: 0, body: '' }))).body.includes('"readable":true'), 30000, 100);
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>UPS dashboard<\/title>/);
    const login = await get('/api/v1/login', 'POST', JSON.stringify({ username: 'admin', password: 'secret' }));
    assert.match(String((login.headers['set-cookie'] as string[])[0]), /; HttpOnly; SameSite=Strict; Secure$/);
  } finally { await s.stop(); }
});
