// upscmd and upsrw: ours vs the reference binaries against the same reference upsd.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { haveReference } from '../helpers/ref.js';
import { startRefEnv, runTable, type RefEnv } from './client-env.js';
import { UPSCMD, UPSRW, x, expandCase, type Case } from './client-tables.js';
const ex = (c: Case): Case => expandCase(c, env.port);

let env: RefEnv;
before(async () => {
  if (!haveReference) return;
  env = await startRefEnv();
});
after(async () => { await env?.stop(); });

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
