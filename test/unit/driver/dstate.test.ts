import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DState } from '../../../src/driver/dstate.js';
import { formatDumpAll } from '../../../src/sockproto/codec.js';
import { FLAG_IMMUTABLE, FLAG_RW, FLAG_STRING } from '../../../src/state/store.js';
import { getopt } from '../../../src/core/getopt.js';

function mk() {
  const lines: string[] = [];
  const d = new DState((l) => lines.push(l));
  return { d, lines };
}

test('dstate: broadcasts only changes, escapes live values, range adds NUMBER', () => {
  const { d, lines } = mk();
  d.setInfo('ups.id', 'x"y#');
  d.setInfo('UPS.ID', 'X"Y#'); // case-insensitive equal: no change
  d.setFlags('ups.id', FLAG_RW | FLAG_STRING);
  d.setFlags('ups.id', ['RW', 'STRING']);
  d.setAux('ups.id', 16);
  d.addEnum('ups.id', 'a');
  d.addEnum('ups.id', 'a');
  d.addRange('ups.id', 1, 2);
  d.addCmd('load.off');
  d.dataOk();
  d.dataOk();
  d.delInfo('ups.id');
  d.delInfo('ups.id');
  assert.deepEqual(lines, [
    'SETINFO ups.id "x\\"y\\#"\n', 'SETFLAGS ups.id RW STRING\n', 'SETAUX ups.id 16\n', 'ADDENUM ups.id "a"\n',
    'ADDRANGE ups.id 1 2\n', 'SETFLAGS ups.id RW STRING NUMBER\n', 'ADDCMD load.off\n', 'DATAOK\n', 'DELINFO ups.id\n',
  ]);
});

test('dstate: override (IMMUTABLE) shows as a bare SETFLAGS in DUMPALL and blocks updates', () => {
  const { d } = mk();
  d.setInfo('ups.mfr', 'OVR');
  d.setFlags('ups.mfr', FLAG_IMMUTABLE);
  assert.equal(d.setInfo('ups.mfr', 'other'), false);
  assert.equal(d.delInfo('ups.mfr'), false);
  assert.equal(formatDumpAll(d.store, d.stale), 'DATASTALE\nSETINFO ups.mfr "OVR"\nSETFLAGS ups.mfr\nDUMPDONE\n');
});

test('dstate: 2.8.0 status and alarm helpers', () => {
  const { d } = mk();
  d.statusInit(); d.statusSet('OL'); d.statusSet('OL'); d.statusSet('CHRG'); d.statusCommit();
  assert.equal(d.getInfo('ups.status'), 'OL OL CHRG');
  d.alarmInit(); d.alarmSet('Fan failure'); d.alarmCommit(); d.statusCommit();
  assert.equal(d.getInfo('ups.alarm'), 'Fan failure');
  assert.equal(d.getInfo('ups.status'), 'ALARM OL OL CHRG');
  d.alarmInit(); d.alarmCommit(); d.statusInit(); d.statusCommit();
  assert.equal(d.getInfo('ups.alarm'), undefined);
  assert.equal(d.getInfo('ups.status'), '');
  // ignorelb: LB from the device dropped, synthesized from charge < low
  d.setInfo('driver.flag.ignorelb', 'enabled');
  d.setInfo('battery.charge', '10'); d.setInfo('battery.charge.low', '20');
  d.statusInit(); d.statusSet('OB'); d.statusSet('LB'); d.statusCommit();
  assert.equal(d.getInfo('ups.status'), 'OB LB');
  d.setInfo('battery.charge', '30');
  d.statusInit(); d.statusSet('OB'); d.statusSet('LB'); d.statusCommit();
  assert.equal(d.getInfo('ups.status'), 'OB');
});

test('dstate: dump format and 255-char values', () => {
  const { d } = mk();
  d.setInfo('b', 'x'.repeat(300));
  d.setInfo('A', 'q"');
  assert.equal(d.dump(), `A: q\\"\nb: ${'x'.repeat(255)}\n`);
});

test('getopt: clustered flags, attached args, + stops at non-option, errors', () => {
  const spec = '+a:s:kFBDd:hx:Lqr:u:g:Vi:c:';
  assert.deepEqual(getopt(['-DDd1', '-x', 'port=a', '-xmode=b', 'rest', '-k'], spec), {
    opts: [{ opt: 'D' }, { opt: 'D' }, { opt: 'd', arg: '1' }, { opt: 'x', arg: 'port=a' }, { opt: 'x', arg: 'mode=b' }],
    rest: ['rest', '-k'],
  });
  assert.equal(getopt(['-Z'], spec).error?.message, "invalid option -- 'Z'");
  assert.equal(getopt(['-a'], spec).error?.message, "option requires an argument -- 'a'");
  assert.deepEqual(getopt(['--', '-k'], spec).rest, ['-k']);
});
