import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UpsEntry, heartbeat } from '../../../src/server/ups.js';
import { TrackingTable } from '../../../src/server/tracking.js';
import { parseDriverMessage } from '../../../src/sockproto/codec.js';
import { tokenizeLine } from '../../../src/core/tokenizer.js';

const msg = (l: string) => parseDriverMessage(tokenizeLine(l) as string[])!;

test('UpsEntry applies driver lines with NUT state.c rules', () => {
  const u = new UpsEntry('u', 'fake', 'p', undefined);
  u.onConnect(0);
  assert.equal(u.store.get('ups.status')!.value, 'WAIT');
  for (const l of ['SETINFO ups.status "OL"', 'SETINFO UPS.STATUS "ol"', 'SETINFO x "a\\"b"', 'ADDENUM x "a"', 'ADDENUM x "a"', 'ADDRANGE x 90 100', 'ADDRANGE x 90 110', 'ADDRANGE x 1 2', 'SETFLAGS x RW STRING bogus', 'SETAUX x 12abc', 'ADDCMD b.cmd', 'ADDCMD A.cmd', 'ADDCMD a.CMD']) u.apply(msg(l), 1000);
  assert.equal(u.store.get('ups.status')!.value, 'OL', 'case-insensitive equal update is ignored');
  const x = u.store.get('X')!;
  assert.equal(x.value, 'a\\"b');
  assert.deepEqual(x.enums, ['a']);
  assert.deepEqual(x.ranges, [{ min: 90, max: 100 }, { min: 1, max: 2 }], 'min-or-max duplicate quirk');
  assert.equal(x.flags, 3);
  assert.equal(x.aux, 12);
  assert.deepEqual(u.store.listCmds(), ['A.cmd', 'b.cmd']);
  u.apply(msg('DELCMD a.cmd'), 1000);
  u.apply(msg('DELINFO x'), 1000);
  assert.deepEqual(u.store.listCmds(), ['b.cmd']);
  assert.equal(u.store.get('x'), undefined);
  assert.equal(parseDriverMessage(['SETINFO', 'only']), undefined, 'too few words: ignored');
  assert.equal(parseDriverMessage(['WHATEVER']), undefined);
});

test('heartbeat: PING after MAXAGE/3, stale after MAXAGE+1 s of silence or DATASTALE after the dump', () => {
  const u = new UpsEntry('u', 'fake', 'p', undefined);
  assert.deepEqual(heartbeat(u, 0, 15), { ping: false, dead: true }, 'not connected');
  u.onConnect(100000);
  assert.deepEqual(heartbeat(u, 100000, 15), { ping: false, dead: false });
  assert.deepEqual(heartbeat(u, 106000, 15), { ping: true, dead: false });
  u.lastPing = 106000;
  assert.deepEqual(heartbeat(u, 110000, 15), { ping: false, dead: false });
  assert.equal(heartbeat(u, 116000, 15).dead, false, 'one second of grace');
  assert.equal(heartbeat(u, 117000, 15).dead, true);
  u.apply(msg('DUMPDONE'), 117000);
  assert.equal(heartbeat(u, 117000, 15).dead, true, 'dump done without DATAOK');
  u.apply(msg('DATAOK'), 117000);
  assert.equal(heartbeat(u, 117000, 15).dead, false);
  u.apply(msg('DATASTALE'), 118000);
  assert.equal(heartbeat(u, 118000, 15).dead, true);
  u.apply(msg('PID 5'), 200000);
  assert.equal(u.lastHeard, 118000, 'PID lines do not refresh last_heard');
});

test('tracking table: ids, results, case-insensitive lookup, expiry', () => {
  const t = new TrackingTable();
  const id = t.newId();
  assert.match(id, /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  t.add(id, 0);
  assert.equal(t.resultText(id.toLowerCase()), 'PENDING');
  const expect = ['SUCCESS', 'ERR UNKNOWN', 'ERR INVALID-ARGUMENT', 'ERR FAILED', 'ERR INVALID-ARGUMENT', 'ERR UNKNOWN'];
  expect.forEach((e, n) => { t.set(id, n); assert.equal(t.resultText(id), e); });
  assert.equal(t.set('nope', 0), undefined);
  t.cleanup(3600 * 1000, 3600);
  assert.equal(t.size, 1);
  t.cleanup(3601 * 1000 + 1, 3600);
  assert.equal(t.resultText(id), 'ERR UNKNOWN');
});

test('a driver cannot make upsd hold unbounded data', async () => {
  const { MAX_VARS, MAX_ENUMS, MAX_CMDS } = await import('../../../src/server/ups.js');
  const u = new UpsEntry('u', 'fake', 'p', undefined);
  u.onConnect(0);
  for (let i = 0; i < MAX_VARS + 50; i++) u.apply({ type: 'SETINFO', name: `v.${i}`, value: 'x' }, 0);
  assert.equal(u.store.size, MAX_VARS);
  assert.equal(u.overflow, true);
  u.apply({ type: 'SETINFO', name: 'v.1', value: 'updated' }, 0);
  assert.equal(u.store.get('v.1')!.value, 'updated', 'existing variables still update');
  for (let i = 0; i < MAX_ENUMS + 5; i++) u.apply({ type: 'ADDENUM', name: 'v.1', value: `e${i}` }, 0);
  assert.equal(u.store.get('v.1')!.enums.length, MAX_ENUMS);
  for (let i = 0; i < MAX_CMDS + 5; i++) u.apply({ type: 'ADDCMD', cmd: `c.${i}` }, 0);
  assert.equal(u.store.listCmds().length, MAX_CMDS);
});
