// The pure cores of blazer_ser, apcsmart and genericups, in process: a fake
// driver context and the simulators' device models behind fake links.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlazerCore } from '../../../src/drivers/blazer/core.js';
import { ApcCore, STAT_HANDLED as APC_OK } from '../../../src/drivers/apcsmart/core.js';
import { ApcIo } from '../../../src/drivers/apcsmart/io.js';
import { convertData, F_HOURS, F_MINUTES, F_REASON } from '../../../src/drivers/apcsmart/tabs.js';
import { InputBuffer, type SerialLink } from '../../../src/driver/transports/serial.js';
import { statusOf, parseInputSignals, parseOutputSignals, GenericCore } from '../../../src/drivers/genericups/core.js';
import { UPSTAB } from '../../../src/drivers/genericups/table.js';
import { TIOCM_CD, TIOCM_CTS, TIOCM_DTR, TIOCM_RNG, TIOCM_RTS, type ModemLines } from '../../../src/driver/transports/modem-lines.js';
import { MegatecModel } from '../../sims/megatec.js';
import { ApcSmartModel } from '../../sims/apcsmart.js';
import { FakeHost, FatalError, modelIo } from './qx-fakehost.js';

test('blazer core: detection, values, commands', async () => {
  const host = new FakeHost();
  const sent: string[] = [];
  const b = new BlazerCore(host, modelIo(new MegatecModel({ statusCmd: 'QS' }), sent));
  b.initups();
  await b.initinfo();
  await b.updateinfo();
  assert.deepEqual(sent.slice(0, 7), ['Q1', 'Q1', 'Q1', 'QS', 'F', 'I', 'QS']);
  assert.equal(host.getInfo('ups.status'), 'OL');
  assert.equal(host.getInfo('ups.mfr'), 'TSNUTSIM');
  assert.equal(host.getInfo('battery.charge'), '100');
  sent.length = 0;
  assert.equal(await b.instcmd('shutdown.return'), 0);
  assert.equal(await b.instcmd('test.battery.start', '5'), 0);
  assert.equal(await b.instcmd('test.battery.start', '100'), 3);
  assert.equal(await b.instcmd('nope'), 1);
  assert.deepEqual(sent, ['S.5R0003', 'T05']);
  assert.throws(() => new BlazerCore(new FakeHost({ offdelay: '5' }), modelIo(new MegatecModel(), [])).initups(), FatalError);
});

/** a SerialLink whose far end is an APC model, answering in process */
function apcLink(model: ApcSmartModel, sent: string[]): SerialLink {
  const input = new InputBuffer();
  return {
    path: 'fake',
    async write(d) {
      for (const ch of String(d)) {
        sent.push(ch);
        const r = await model.handle(ch);
        if (r) setImmediate(() => input.push(r));
      }
    },
    readLine: (ms, ends) => input.readLine(ms, ends),
    readSome: (ms) => input.readSome(ms),
    async flushInput() { input.clear(); },
    async setLines() { /* none */ },
    async getLines() { return { cts: false, dsr: false, dcd: false }; },
    async close() { /* none */ },
  };
}

test('apcsmart core: discovery, enums, SET by stepping, status from alerts', async () => {
  const fake = new FakeHost();
  const host = Object.assign(fake, { isStale: (): boolean => fake.stale });
  const model = new ApcSmartModel();
  const sent: string[] = [];
  const apc = new ApcCore(host, new ApcIo(apcLink(model, sent), host.log), 'fake');
  await apc.initinfo();
  await apc.updateinfo();
  assert.equal(host.getInfo('ups.status'), 'OL');
  assert.equal(host.getInfo('ups.model'), 'Smart-UPS SIM 1500');
  assert.equal(host.getInfo('battery.runtime'), '3180');
  assert.equal(host.getInfo('input.transfer.reason'), 'no transfers yet since turnon');
  assert.deepEqual(host.getEnums('input.transfer.high'), ['253', '264', '271', '280']);
  assert.equal(await apc.setvar('input.transfer.high', '271'), APC_OK);
  assert.equal(host.getInfo('input.transfer.high'), '271');
  assert.equal(await apc.setvar('ups.id', 'ROOM2'), APC_OK);
  assert.equal(host.getInfo('ups.id'), 'ROOM2');
  assert.equal(await apc.setvar('ups.id', 'WAY-TOO-LONG'), 3);
  assert.equal(await apc.setvar('battery.charge', '50'), 1);
  model.st.ob = true;
  await apc.updateinfo();
  assert.equal(host.getInfo('ups.status'), 'OB');
  assert.equal(host.getInfo('input.transfer.reason'), 'low utility voltage');
  assert.equal(convertData(F_HOURS, '336'), '1209600');
  assert.equal(convertData(F_MINUTES, '0053:'), '3180');
  assert.equal(convertData(F_REASON, 'S'), 'simulated power failure or UPS test');
});

test('genericups: every cable type decodes its lines; overrides parse like the reference', () => {
  // type 4 ("Generic RUPS"): OL = CTS on, LB = DCD off
  const t4 = UPSTAB[4]!;
  assert.deepEqual(statusOf(t4, 0), ['LB', 'OB']);
  assert.deepEqual(statusOf(t4, TIOCM_CTS), ['LB', 'OL']);
  assert.deepEqual(statusOf(t4, TIOCM_CD | TIOCM_CTS), ['OL']);
  // type 1 (APC 940-0095A): OL = RNG off, LB = DCD on
  assert.deepEqual(statusOf(UPSTAB[1]!, TIOCM_RNG | TIOCM_CD), ['LB', 'OB']);
  assert.equal(UPSTAB.length, 24);
  const h = new FakeHost();
  assert.equal(parseOutputSignals(h, 'DTR RTS', 0), TIOCM_DTR | TIOCM_RTS);
  assert.equal(parseOutputSignals(h, '-DTR RTS', 0), TIOCM_RTS);
  assert.deepEqual(parseInputSignals(h, '-CTS DCD', 0, 0), [TIOCM_CTS | TIOCM_CD, TIOCM_CD]);
  assert.throws(() => parseInputSignals(h, 'RTS', 0, 0), FatalError);
  assert.throws(() => parseOutputSignals(h, 'CTS', 0), FatalError);
});

test('genericups core: cable power at init, status per poll, shutdown lines, ioctl failure → stale', async () => {
  const host = new FakeHost({ upstype: '2' });
  const set: number[] = [];
  let inputs = TIOCM_CTS;
  let fail = false;
  const lines: ModemLines = {
    path: 'fake',
    get() { if (fail) throw new Error('ioctl TIOCMGET: Input/output error'); return inputs; },
    set(b) { set.push(b); },
    sendBreak() { set.push(-2); },
    noHangupOnClose() { /* ok */ },
    close() { /* ok */ },
  };
  const g = new GenericCore(host);
  g.setUpsType();
  g.initLines(lines);
  g.initinfo();
  g.updateinfo(lines);
  assert.equal(host.getInfo('ups.status'), 'OB'); // type 2: online = CTS off
  inputs = TIOCM_CD;
  g.updateinfo(lines);
  assert.equal(host.getInfo('ups.status'), 'LB OL');
  fail = true;
  g.updateinfo(lines);
  assert.equal(host.stale, true);
  await g.shutdown(lines);
  assert.deepEqual(set, [TIOCM_RTS, TIOCM_DTR | TIOCM_RTS]);
  assert.throws(() => new GenericCore(new FakeHost()).setUpsType(), FatalError);
});
