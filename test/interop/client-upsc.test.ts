// upsc: ours vs the reference /usr/bin/upsc against the same reference upsd.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { haveReference } from '../helpers/ref.js';
import { startRefEnv, runBoth, runTable, type RefEnv } from './client-env.js';
import { SAME, expandCase } from './client-tables.js';
import { NutClient } from '../../src/client/index.js';

let env: RefEnv;
let H: string;
let mon: NutClient | undefined;

before(async () => {
  if (!haveReference) return;
  env = await startRefEnv();
  H = `127.0.0.1:${env.port}`;
  // one logged-in client so that -c has something to list
  mon = await NutClient.connect({ host: '127.0.0.1', port: env.port });
  await mon.authenticate('mon', 'pw');
  await mon.login('upsa');
});
after(async () => { await mon?.close(); await env?.stop(); });



const expand = (a: string[]) => expandCase({ args: a }, env.port).args;

test('upsc: same stdout, stderr and exit code as the reference for every form', { skip: !haveReference }, async () => {
  const cases = SAME.map((a) => ({ args: expand(a) }));
  const res = await runTable('upsc', cases, env.sb.env);
  res.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, `upsc ${cases[i]!.args.join(' ')}`));
});

test('upsc: deliberate differences', { skip: !haveReference }, async () => {
  // -V: the reference names itself "upscmd" (copy-paste slip in upsc.c)
  let r = await runBoth('upsc', ['-V'], env.sb.env);
  assert.equal(r.ref.stderr, 'Network UPS Tools upscmd 2.8.0\n');
  assert.equal(r.ours.stderr, 'Network UPS Tools upsc 2.8.0\n');
  assert.equal(r.ours.code, 0);
  // "@" / "ups@:" crash the reference (strdup(NULL)); we report a bad definition
  for (const bad of ['@', 'ups@:', 'ups@[]']) {
    r = await runBoth('upsc', [bad], env.sb.env);
    assert.equal(r.ref.code, null, `reference crashes on ${bad}`);
    assert.equal(r.ours.code, 1);
    assert.match(r.ours.stderr, /\nError: invalid UPS definition\.\nRequired format: upsname\[@hostname\[:port\]\]\n$/);
  }
});

test('upsc -j: JSON as NUT 2.8.5 (the 2.8.0 reference has no -j)', { skip: !haveReference }, async () => {
  const { run, ourBin } = await import('../helpers/ref.js');
  const j = (args: string[]) => run(ourBin('upsc'), ['-j', ...expand(args)], { env: env.sb.env });
  let r = await j(['-l', '@H']);
  assert.equal(r.stdout, '[\n  "upsa",\n  "upsb"\n]\n');
  r = await j(['-L', '@H']);
  assert.equal(r.stdout, '{\n  "upsa": "Test \\"quoted\\" UPS",\n  "upsb": "Description unavailable"\n}\n');
  r = await j(['upsa@@H', 'ups.status']);
  assert.equal(r.stdout, '"OL CHRG"\n');
  r = await j(['upsb@@H']);
  const obj = JSON.parse(r.stdout);
  assert.equal(obj['ups.status'], 'OB DISCHRG');
  assert.equal(r.stdout.split('\n')[0], '{');
  r = await j(['-c', 'upsb@@H']);
  assert.equal(r.stdout, '[\n\n]\n');
  r = await j(['-c', 'upsa@@H']);
  assert.deepEqual(JSON.parse(r.stdout), ['127.0.0.1']);
  r = await j(['nope@@H']);
  assert.equal(r.stdout, '{\n  "error": "Unknown UPS"\n}\n');
  assert.equal(r.stderr, 'Error: Unknown UPS\n');
  assert.equal(r.code, 1);
  r = await j(['nope@@H', 'ups.status']);
  assert.equal(r.stdout, '{"error": "Unknown UPS"}\n');
  assert.equal(r.code, 1);
  r = await j(['upsa@127.0.0.1:1']);
  assert.equal(r.stdout, '{"error": "Connection failure: Connection refused"}\n');
});
