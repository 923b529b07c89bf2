// upsmon over STARTTLS with certificate verification (FORCESSL 1, CERTVERIFY 1,
// CERTPATH = CA file), against our upsd configured with CERTFILE.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haveDummy, startServer, monHost, startMon, eventLog } from './drill.js';
import { ourBin, waitFor } from '../helpers/ref.js';

function haveOpenssl(): boolean {
  try { execFileSync('sh', ['-c', 'command -v openssl'], { stdio: 'ignore' }); return true; } catch { return false; }
}

function selfSigned(dir: string, name: string): string {
  const key = join(dir, `${name}.key`);
  const crt = join(dir, `${name}.crt`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const both = join(dir, `${name}.pem`);
  writeFileSync(both, readFileSync(crt, 'utf8') + readFileSync(key, 'utf8'));
  return both;
}

test('upsmon with FORCESSL/CERTVERIFY: trusted CA works, wrong CA is a comm failure', { skip: !haveDummy || !haveOpenssl() || !existsSync(ourBin('upsd')) }, async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const certs = mkdtempSync(join(tmpdir(), 'tsnut-montls-'));
  const server = selfSigned(certs, 'upsd');
  const other = selfSigned(certs, 'other');
  const srv = await startServer([['OL', 2], ['OB LB', 3600]], { upsd: 'ours', upsdConf: `CERTFILE ${server}\n` });
  const ev = eventLog(srv.sb);
  const good = monHost(srv.sb, 'good', { port: srv.port, primary: true, events: ev, extra: `FORCESSL 1\nCERTVERIFY 1\nCERTPATH ${join(certs, 'upsd.crt')}` });
  const bad = monHost(srv.sb, 'bad', { port: srv.port, primary: false, events: ev, extra: `FORCESSL 1\nCERTVERIFY 1\nCERTPATH ${join(certs, 'other.crt')}` });
  try {
    startMon(bad, 'ours');
    startMon(good, 'ours');
    await waitFor(() => good.shutdowns().includes('good SHUTDOWN'), 30000, 100);
    assert.deepEqual(good.notes().map((n) => n.type).slice(0, 2), ['ONBATT', 'LOWBATT']);
    await waitFor(() => bad.notes().some((n) => n.type === 'COMMBAD'), 10000, 100);
    assert.match(bad.proc!.stderr(), /UPS \[ups1@127\.0\.0\.1:\d+\]: connect failed: SSL error/);
    assert.ok(!bad.notes().some((n) => n.type === 'ONBATT'));
    void other;
  } finally {
    await good.proc?.kill();
    await bad.proc?.kill();
    await srv.stop();
    rmSync(certs, { recursive: true, force: true });
  }
});
