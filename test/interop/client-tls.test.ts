// STARTTLS: the library against the reference upsd (Debian's 2.8.0 is an NSS
// build: CERTFILE is "invalid directive", it needs CERTPATH = an NSS cert DB
// made with certutil from libnss3-tools) and against a node:tls fake server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveReference } from '../helpers/ref.js';
import { startRefEnv, runTable, type RefEnv } from './client-env.js';
import { NutClient, NutClientError } from '../../src/client/index.js';

function have(cmd: string): boolean {
  try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }); return true; } catch { return false; }
}
const haveCertutil = have('certutil');
const haveOpenssl = have('openssl');

let dir: string;
let env: RefEnv | undefined;
let nssCa = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsnut-tls-'));
  if (haveReference && haveCertutil) {
    const db = join(dir, 'nssdb');
    execFileSync('mkdir', ['-p', db]);
    execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    writeFileSync(join(dir, 'noise'), Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + Date.now()) & 255)));
    execFileSync('certutil', ['-S', '-s', 'CN=localhost', '-n', 'upsd', '-x', '-t', 'CT,C,C', '-d', `sql:${db}`, '-z', join(dir, 'noise'),
      '--extSAN', 'dns:localhost,ip:127.0.0.1,ip:::1', '-v', '12', '-k', 'rsa', '-g', '2048'], { stdio: 'ignore' });
    nssCa = execFileSync('certutil', ['-L', '-d', `sql:${db}`, '-n', 'upsd', '-a']).toString();
    env = await startRefEnv({ upsdConf: `CERTPATH ${db}\nCERTIDENT upsd ""\n` });
  }
});
after(async () => { await env?.stop(); rmSync(dir, { recursive: true, force: true }); });

test('STARTTLS with the reference (NSS) upsd: verify, wrong CA, wrong name, plaintext fallback', { skip: !haveReference || !haveCertutil }, async () => {
  const port = env!.port;
  const c = await NutClient.connect({ host: '127.0.0.1', port, tls: 'require', tlsOptions: { verify: true, ca: nssCa } });
  assert.equal(c.secure, true);
  const [status, list] = await Promise.all([c.getVar('upsa', 'ups.status'), c.listUps()]);
  assert.equal(status, 'OL CHRG');
  assert.deepEqual(list.map((u) => u.name), ['upsa', 'upsb']);
  assert.equal(await c.startTls(), true); // already secure: no-op
  await c.close();
  // by name, v6 literal
  const c6 = await NutClient.connect({ host: '::1', port, tls: 'require', tlsOptions: { verify: true, ca: nssCa } }).catch((e) => e);
  if (c6 instanceof NutClient) { assert.equal(c6.secure, true); await c6.close(); }
  await assert.rejects(NutClient.connect({ host: '127.0.0.1', port, tls: 'require', tlsOptions: { verify: true } }),
    (e) => e instanceof NutClientError && e.code === 'SSLERR' && /self-signed/.test(e.message));
  await assert.rejects(NutClient.connect({ host: '127.0.0.1', port, tls: 'require', tlsOptions: { verify: true, ca: nssCa, servername: 'wrong.example' } }),
    (e) => e instanceof NutClientError && e.code === 'SSLERR');
  // no verification requested: encrypted anyway (NUT's default)
  const t = await NutClient.connect({ host: '127.0.0.1', port, tls: 'try' });
  assert.equal(t.secure, true);
  await t.close();
});

test('upsc against a STARTTLS-enabled reference upsd: same output as the reference upsc', { skip: !haveReference || !haveCertutil }, async () => {
  const H = `127.0.0.1:${env!.port}`;
  const cases = [['-L', H], [`upsa@${H}`], [`upsa@${H}`, 'ups.status'], [`nope@${H}`]].map((args) => ({ args }));
  const res = await runTable('upsc', cases, env!.sb.env, 2);
  res.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, cases[i]!.args.join(' ')));
});

test('upslog against a STARTTLS-enabled reference upsd: same stdout/stderr as the reference upslog', { skip: !haveReference || !haveCertutil }, async () => {
  const { start, REF, ourBin, waitFor } = await import('../helpers/ref.js');
  const got: Record<string, { out: string; err: string; log: string }> = {};
  for (const [who, bin] of [['ref', REF.upslog], ['ours', ourBin('upslog')]] as const) {
    const log = join(dir, `tls-${who}.log`);
    const p = start(bin, ['-s', `upsa@127.0.0.1:${env!.port}`, '-l', log, '-i', '1', '-F', '-u', 'root', '-p', join(dir, `tls-${who}.pid`), '-f', '%VAR ups.status%'], { env: env!.sb.env });
    await waitFor(() => { try { return readFileSync(log, 'utf8').length > 0; } catch { return false; } }, 20000, 50);
    p.child.kill('SIGTERM');
    await p.exited;
    got[who] = { out: p.stdout().replace(log, 'LOG'), err: p.stderr().replace(/^Init SSL without certificate database\n/gm, ''), log: readFileSync(log, 'utf8').split('\n')[0]! };
  }
  assert.deepEqual(got.ours, got.ref);
  assert.match(got.ours!.err, /Connected to NUT server 127\.0\.0\.1 in SSL/);
});

test('STARTTLS against a node:tls fake server (OpenSSL side)', { skip: !haveOpenssl }, async () => {
  const key = join(dir, 'key.pem'), cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  const ctx = { key: readFileSync(key), cert: readFileSync(cert) };
  const seen: string[] = [];
  const server = net.createServer((raw) => {
    raw.on('error', () => {});
    raw.once('data', (d) => {
      seen.push(d.toString().trim());
      raw.write('OK STARTTLS\n');
      const s = new tls.TLSSocket(raw, { isServer: true, ...ctx });
      s.on('error', () => {});
      let buf = '';
      s.on('data', (x) => {
        buf += x.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl); buf = buf.slice(nl + 1);
          seen.push('tls:' + line);
          if (line === 'GET VAR u ups.status') s.write('VAR u ups.status "OB LB"\n');
          else if (line === 'LOGOUT') s.end('OK Goodbye\n');
          else s.write('ERR UNKNOWN-COMMAND\n');
        }
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port, tls: 'require', tlsOptions: { verify: true, ca: ctx.cert } });
    assert.equal(c.secure, true);
    assert.equal(await c.getVar('u', 'ups.status'), 'OB LB');
    assert.equal(await c.logout(), 'OK Goodbye');
    assert.deepEqual(seen.slice(0, 3), ['STARTTLS', 'tls:GET VAR u ups.status', 'tls:LOGOUT']);
    await assert.rejects(NutClient.connect({ host: '127.0.0.1', port, tls: 'require', tlsOptions: { verify: true } }),
      (e) => e instanceof NutClientError && e.code === 'SSLERR');
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
