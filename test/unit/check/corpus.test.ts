// tsnut check against the corpus in test/fixtures/check: a valid base
// configuration and one directory per mistake (the files that differ from
// the base, `<file>.absent` for a file removed, and expect.json with the
// diagnostics and exit code). Every error and warning found must be an
// expected one, and each expected one must be found at its line:column.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync, mkdtempSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { checkConfigSet } from '../../../src/check/check.js';
import { exitCode, formatFinding, FILES, type ConfigSet, type FileName, type HostProbe } from '../../../src/check/types.js';
import { hostedDriverNames } from '../../../src/stack/registry.js';
import { REPO, run, ourBin } from '../../helpers/ref.js';

const ROOT = join(REPO, 'test', 'fixtures', 'check');

interface Expect { exit: number; expect: Array<{ file: string; line?: number; col?: number; level: string; code: string; text: string }>; host?: { inaccessible?: string[]; modes?: Record<string, number> } }

/** The machine the corpus is written for. */
function fakeHost(h: Expect['host'] = {}, extra: string[] = []): HostProbe {
  const files = new Set(['/sbin/shutdown', '/usr/sbin/upssched', '/usr/bin/upssched-cmd', '/dev/ttyS0', '/etc', '/run/nut', '/bin/sh', '/lib/nut/usbhid-ups', ...extra]);
  return {
    exists: (p) => files.has(p),
    executable: (p) => files.has(p) && !p.startsWith('/dev/'),
    mode: (p) => h.modes?.[p.split('/').pop()!] ?? 0o640,
    hasAddress: (a) => ['127.0.0.1', '::1', '192.168.1.10'].includes(a),
    userExists: (u) => ['root', 'nut'].includes(u),
    accessible: (p) => files.has(p) && !(h.inaccessible ?? []).includes(p),
    driverExists: (n, dp) => hostedDriverNames().includes(n) || files.has(`${dp}/${n}`),
    which: (c) => (c.includes('/') ? (files.has(c) ? c : undefined) : ['shutdown', 'upssched'].includes(c) ? `/sbin/${c}` : undefined),
  };
}

function load(dir: string, over?: string): ConfigSet {
  const set: ConfigSet = { dir: '/etc/nut', files: {} };
  for (const f of FILES) {
    const o = over ? join(over, f) : undefined;
    if (o && existsSync(`${o}.absent`)) continue;
    const p = o && existsSync(o) ? o : join(dir, f);
    if (existsSync(p)) set.files[f as FileName] = readFileSync(p, 'latin1');
  }
  return set;
}

const cases = readdirSync(ROOT).filter((d) => d !== 'base').sort();

test('the corpus has at least 40 mistakes and touches every file', () => {
  assert.ok(cases.length >= 40, String(cases.length));
  const files = new Set(cases.flatMap((c) => (JSON.parse(readFileSync(join(ROOT, c, 'expect.json'), 'utf8')) as Expect).expect.map((e) => e.file)));
  for (const f of FILES) assert.ok(files.has(f), f);
});

test('the base configuration is clean (exit 0)', () => {
  const fs = checkConfigSet(load(join(ROOT, 'base')), fakeHost());
  assert.deepEqual(fs.filter((f) => f.level !== 'info').map(formatFinding), []);
  assert.equal(exitCode(fs), 0);
});

for (const c of cases) {
  test(`check corpus: ${c}`, () => {
    const exp = JSON.parse(readFileSync(join(ROOT, c, 'expect.json'), 'utf8')) as Expect;
    const fs = checkConfigSet(load(join(ROOT, 'base'), join(ROOT, c)), fakeHost(exp.host));
    const shown = fs.map(formatFinding).join('\n');
    for (const e of exp.expect) {
      const hit = fs.find((f) => f.file === e.file && f.level === e.level && f.code === e.code && f.line === e.line && (e.line === undefined || f.col === e.col) && f.message.includes(e.text));
      assert.ok(hit, `expected ${e.file}:${e.line ?? ''}:${e.col ?? ''}: ${e.level}: …${e.text}… [${e.code}]\ngot:\n${shown}`);
    }
    const serious = fs.filter((f) => f.level !== 'info');
    assert.equal(serious.length, exp.expect.length, `unexpected findings:\n${shown}`);
    assert.equal(exitCode(fs), exp.exit);
    // never a password in a message
    for (const f of fs) for (const pw of ['s3cret', 'r3mote', 'adm ']) assert.ok(!f.message.includes(pw) || c === 'users-outside-section', f.message);
  });
}

const MIRROR = '/work/.mirror/networkupstools+nut/repo';
test("NUT's own sample configuration files pass", { skip: !existsSync(MIRROR) }, () => {
  const set: ConfigSet = { dir: '/etc/nut', files: {} };
  const subst = (t: string) => t.replace(/@BINDIR@/g, '/usr/bin').replace(/@RUN_AS_USER@/g, 'nut').replace(/@[A-Z_]+@/g, '/run/nut');
  for (const f of FILES) {
    for (const name of [`conf/${f}.sample`, `conf/${f}.sample.in`]) {
      try { set.files[f] = subst(execFileSync('git', ['-C', MIRROR, 'show', `v2.8.0:${name}`], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'] })); break; } catch { /* next */ }
    }
  }
  assert.equal(Object.keys(set.files).length, FILES.length);
  const fs = checkConfigSet(set, fakeHost({}, ['/usr/bin/upssched-cmd']));
  assert.deepEqual(fs.filter((f) => f.level !== 'info').map(formatFinding), []);
  assert.equal(exitCode(fs), 0);
});

test('tsnut check on a directory: file:line:column lines, exit 2, and --json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-check-'));
  try {
    writeFileSync(join(dir, 'upsd.conf'), 'LISTEN 127.0.0.1 3493\nMAXAEG 15\n');
    writeFileSync(join(dir, 'ups.conf'), `[u]\n driver = dummy-ups\n port = ${join(dir, 'u.dev')}\n`);
    writeFileSync(join(dir, 'upsd.users'), '[m]\n password = p\n upsmon primary\n');
    chmodSync(join(dir, 'upsd.users'), 0o600);
    const r = await run(process.execPath, [ourBin('tsnut'), 'check', dir]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, [
      "upsd.conf:2:1: error: unknown directive 'MAXAEG' in upsd.conf (did you mean MAXAGE?) [unknown-directive]",
      `${dir}: checked ups.conf, upsd.conf, upsd.users: 1 error(s), 0 warning(s)`, '',
    ].join('\n'));
    const j = await run(process.execPath, [ourBin('tsnut'), 'check', '-j', dir]);
    assert.equal(j.code, 2);
    const o = JSON.parse(j.stdout);
    assert.equal(o.exit, 2);
    assert.deepEqual(o.findings, [{ file: 'upsd.conf', line: 2, col: 1, level: 'error', code: 'unknown-directive', message: "unknown directive 'MAXAEG' in upsd.conf (did you mean MAXAGE?)" }]);
    writeFileSync(join(dir, 'upsd.conf'), 'LISTEN 127.0.0.1 3493\nMAXAGE 15\n');
    const ok = await run(process.execPath, [ourBin('tsnut'), 'check', dir]);
    assert.equal(ok.code, 0, ok.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
