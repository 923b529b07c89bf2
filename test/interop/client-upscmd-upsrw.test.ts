// upscmd and upsrw: ours vs the reference binaries against the same reference upsd.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { haveReference } from '../helpers/ref.js';
import { startRefEnv, runTable, type RefEnv } from './client-env.js';

let env: RefEnv;
let U: string;
before(async () => {
  if (!haveReference) return;
  env = await startRefEnv();
  U = `upsa@127.0.0.1:${env.port}`;
});
after(async () => { await env?.stop(); });

type Case = { args: string[]; input?: string };
const x = (args: string[], input?: string): Case => ({ args, input });
const ex = (c: Case): Case => ({ ...c, args: c.args.map((a) => a.replace('@U', U).replace('@P', String(env.port))) });

const UPSCMD: Case[] = [
  x([]), x(['-h']), x(['-V']), x(['-x']), x(['-l']), x(['@U']),
  x(['-l', '@U']), x(['-l', 'nope@127.0.0.1:@P']), x(['-l', 'upsa@127.0.0.1:1']), x(['-l', 'ups@']),
  x(['@U', 'nodot']), x(['-u', 'admin', '-p', 'secret', '@U', 'nodot']),
  x(['-u', 'admin', '-p', 'secret', '@U', 'load.off']),
  x(['-u', 'admin', '-p', 'secret', '@U', 'load.off', '10']),
  x(['-u', 'admin', '-p', 'secret', '@U', 'nope.cmd']),
  x(['-u', 'admin', '-p', 'wrong', '@U', 'load.off']),
  x(['-u', 'nobody', '-p', 'nopw', '@U', 'load.off']),
  x(['-u', 'admin', '-p', 'secret', 'nope@127.0.0.1:@P', 'load.off']),
  x(['-u', 'admin', '-p', 'secret', '-t', '0', '-w', '@U', 'load.off']),
  x(['-t', 'abc', '@U', 'load.off']), x(['-t', '-1', '@U', 'load.off']), x(['-t', '99999999999', '@U', 'load.off']),
  x(['-t', ' 5', '-l', '@U']), x(['-t', '', '-l', '@U']),
  x(['-u', 'admin', '@U', 'load.off'], 'secret\n'),
  x(['@U', 'load.off'], 'admin\nsecret\n'),
  x(['@U', 'load.off'], ''),
  x(['-p', 'secret', '@U', 'load.off'], '\n'),
  x(['ups@', 'load.off']), x(['upsa@127.0.0.1:1', 'load.off']),
];

const UPSRW: Case[] = [
  x([]), x(['-h']), x(['-V']), x(['-x']),
  x(['@U']), x(['-l', '@U']), x(['-s', 'ups.id', '-l', '@U']), x(['upsb@127.0.0.1:@P']),
  x(['nope@127.0.0.1:@P']), x(['upsa@127.0.0.1:1']), x(['ups@']),
  x(['-s', 'ups.id=fromtest', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.id=with space "q" #x', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.id=12345678901234567', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.foo=1', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'nodot=1', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.id=z', '-u', 'nobody', '-p', 'nopw', '@U']),
  x(['-s', 'ups.id=z', '-u', 'admin', '-p', 'wrong', '@U']),
  x(['-s', 'ups.id=z', '-u', 'admin', '-p', 'secret', 'nope@127.0.0.1:@P']),
  x(['-s', 'ups.id=tracked', '-w', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.id=z', '-t', 'abc', '@U']),
  x(['-s', 'ups.id', '-u', 'admin', '-p', 'secret', '@U'], 'prompted\n'),
  x(['-s', 'ups.id=z', '@U'], 'admin\nsecret\n'),
  x(['-s', 'ups.id=z', '@U'], ''),
];

test('upscmd: same stdout, stderr and exit code as the reference', { skip: !haveReference }, async () => {
  const cases = UPSCMD.map(ex);
  const res = await runTable('upscmd', cases, env.sb.env, 3);
  res.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, `upscmd ${JSON.stringify(cases[i])}`));
});

test('upsrw: same stdout, stderr and exit code as the reference', { skip: !haveReference }, async () => {
  const cases = UPSRW.map(ex);
  // sequential: some cases change ups.id and the listing shows it
  const res = await runTable('upsrw', cases, env.sb.env, 1);
  res.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, `upsrw ${JSON.stringify(cases[i])}`));
});

test('deliberate differences: credentials with blanks work, failed tracked commands exit 1', { skip: !haveReference }, async () => {
  // the reference sends `PASSWORD two words` (2 args → refused), so the command is denied
  let [p] = await runTable('upscmd', [ex(x(['-u', 'spacey', '-p', 'two words', '@U', 'load.off']))], env.sb.env);
  assert.deepEqual(p!.ref, { code: 1, stdout: '', stderr: 'Unexpected response from upsd: ERR PASSWORD-REQUIRED\n' });
  assert.deepEqual(p!.ours, { code: 0, stdout: '', stderr: 'OK\n' });
  [p] = await runTable('upsrw', [ex(x(['-s', 'ups.id=sp', '-u', 'spacey', '-p', 'two words', '@U']))], env.sb.env);
  assert.equal(p!.ref.code, 1);
  assert.deepEqual(p!.ours, { code: 0, stdout: '', stderr: 'OK\n' });
  // dummy-ups answers every instant command with "unknown" → ERR UNKNOWN: the reference still exits 0
  [p] = await runTable('upscmd', [ex(x(['-u', 'admin', '-p', 'secret', '-w', '@U', 'load.off']))], env.sb.env);
  assert.deepEqual(p!.ref, { code: 0, stdout: '', stderr: 'ERR UNKNOWN\n' });
  assert.deepEqual(p!.ours, { code: 1, stdout: '', stderr: 'ERR UNKNOWN\n' });
});
