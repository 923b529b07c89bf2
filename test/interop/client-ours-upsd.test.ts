// The same argument tables, our clients and the reference clients, against
// OUR upsd (bin/upsd) serving the reference dummy-ups drivers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { haveReference, ourBin, REPO } from '../helpers/ref.js';
import { startRefEnv, runTable, type RefEnv } from './client-env.js';
import { SAME, UPSCMD, UPSRW, expandCase } from './client-tables.js';
import { NutClient } from '../../src/client/index.js';

const haveOurUpsd = existsSync(ourBin('upsd')) && existsSync(join(REPO, 'dist/src/cli/upsd.js'));
let env: RefEnv;
let mon: NutClient | undefined;
before(async () => {
  if (!haveReference || !haveOurUpsd) return;
  env = await startRefEnv({ upsd: ourBin('upsd') });
  mon = await NutClient.connect({ host: '127.0.0.1', port: env.port });
  await mon.authenticate('mon', 'pw');
  await mon.login('upsa');
});
after(async () => { await mon?.close(); await env?.stop(); });

const opts = { skip: !haveReference || !haveOurUpsd };

test('against our upsd: upsc table, ours = reference', opts, async () => {
  const cases = SAME.map((a) => expandCase({ args: a }, env.port));
  const res = await runTable('upsc', cases, env.sb.env);
  res.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, `upsc ${cases[i]!.args.join(' ')}`));
});

test('against our upsd: upscmd and upsrw tables, ours = reference', opts, async () => {
  const c1 = UPSCMD.map((c) => expandCase(c, env.port));
  const r1 = await runTable('upscmd', c1, env.sb.env, 3);
  r1.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, `upscmd ${JSON.stringify(c1[i])}`));
  const c2 = UPSRW.map((c) => expandCase(c, env.port));
  const r2 = await runTable('upsrw', c2, env.sb.env, 1);
  r2.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, `upsrw ${JSON.stringify(c2[i])}`));
});
