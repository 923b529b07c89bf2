import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QxEngine, STAT_HANDLED, STAT_INVALID, STAT_UNKNOWN } from '../../../src/drivers/nutdrv_qx/engine.js';
import { SUBDRIVERS } from '../../../src/drivers/nutdrv_qx/index.js';
import { cformat, fixed } from '../../../src/drivers/nutdrv_qx/item.js';
import { MegatecModel, EchoModel } from '../../sims/megatec.js';
import { FakeHost, FatalError, modelIo } from './qx-fakehost.js';

async function boot(model = new MegatecModel(), opts: Record<string, string | true> = {}) {
  const host = new FakeHost(opts);
  const sent: string[] = [];
  const q = new QxEngine(host, modelIo(model, sent), SUBDRIVERS, () => 1000);
  const ok = await q.matchSubdriver();
  if (ok) { q.subdriver!.initups?.(q); await q.initinfo(); await q.updateinfo(); }
  return { host, sent, q, ok, model };
}

test('printf subset: C rounding and padding', () => {
  assert.equal(fixed(2.5, 0), '2');
  assert.equal(fixed(3.5, 0), '4');
  assert.equal(fixed(13.5, 2), '13.50');
  assert.equal(cformat('%.1f', 230), '230.0');
  assert.equal(cformat('T%02d\r', 4), 'T04\r');
  assert.equal(cformat('S%sR0000\r', '.5'), 'S.5R0000\r');
  assert.equal(cformat('%04ld', 3), '0003');
});

test('probe order of a device that understands nothing (reference sequence)', async () => {
  const { ok, sent } = await boot(new EchoModel() as never);
  assert.equal(ok, false);
  // as recorded from /lib/nut/nutdrv_qx 2.8.0 against the same echoing device
  const expected = [...Array(3).fill('QGS'), ...Array(6).fill('M'), ...Array(3).fill('QS'), ...Array(3).fill('D'), ...Array(21).fill('Q1')];
  assert.deepEqual(sent, expected);
});

test('megatec device: probe, init walk and values as the reference prints them', async () => {
  const { ok, sent, host } = await boot();
  assert.ok(ok);
  assert.deepEqual(sent, ['QGS', 'QGS', 'QGS', 'M', 'M', 'M', 'M', 'M', 'M', 'QS', 'QS', 'QS', 'D', 'D', 'D',
    'Q1', 'ID', 'Q1', 'ID', 'Q1', 'ID', 'Q1', 'QPI', 'Q1', 'QPI', 'Q1', 'QPI', 'Q1', 'I', 'Q1', 'F', 'I', 'Q1']);
  assert.deepEqual(host.dump(), [
    'battery.charge: 100', 'battery.voltage: 13.50', 'battery.voltage.high: 13.00', 'battery.voltage.low: 10.40',
    'battery.voltage.nominal: 12.0', 'device.mfr: TSNUTSIM', 'device.model: Q1-SIM', 'input.current.nominal: 4.0',
    'input.frequency: 50.0', 'input.frequency.nominal: 50', 'input.voltage: 230.0', 'input.voltage.fault: 230.0',
    'input.voltage.nominal: 230', 'output.voltage: 230.0', 'ups.beeper.status: enabled', 'ups.delay.shutdown: 30',
    'ups.delay.start: 180', 'ups.firmware: V1.0', 'ups.load: 15', 'ups.status: OL', 'ups.temperature: 25.0', 'ups.type: online',
  ]);
  assert.deepEqual([...host.cmds].sort(), ['beeper.toggle', 'load.off', 'load.on', 'shutdown.return', 'shutdown.stayoff',
    'shutdown.stop', 'test.battery.start', 'test.battery.start.deep', 'test.battery.start.quick', 'test.battery.stop']);
  assert.equal(host.stale, false);
});

test('instant commands send the reference bytes', async () => {
  const { q, sent } = await boot();
  sent.length = 0;
  assert.equal(await q.instcmd('test.battery.start', '240'), STAT_HANDLED);
  assert.equal(await q.instcmd('test.battery.start'), STAT_HANDLED);
  assert.equal(await q.instcmd('shutdown.return'), STAT_HANDLED);
  assert.equal(await q.instcmd('shutdown.stayoff'), STAT_HANDLED);
  assert.equal(await q.instcmd('beeper.toggle'), STAT_HANDLED);
  assert.equal(await q.instcmd('test.battery.start', '30'), 3);
  assert.equal(await q.instcmd('no.such.cmd'), STAT_INVALID);
  assert.deepEqual(sent, ['T04', 'T10', 'S.5R0003', 'S.5R0000', 'Q']);
});

test('ups.delay.* setvar: range check and rounding; shutdown command follows', async () => {
  const { q, sent, host } = await boot();
  assert.equal(await q.setvar('ups.delay.shutdown', '130'), STAT_HANDLED);
  assert.equal(host.getInfo('ups.delay.shutdown'), '120');
  assert.equal(await q.setvar('ups.delay.start', '0'), STAT_HANDLED);
  assert.equal(await q.setvar('ups.delay.shutdown', '5'), STAT_UNKNOWN);
  assert.equal(await q.setvar('ups.delay.shutdown', 'abc'), STAT_UNKNOWN);
  assert.equal(await q.setvar('ups.nothing', '1'), STAT_UNKNOWN);
  sent.length = 0;
  await q.instcmd('shutdown.return');
  assert.deepEqual(sent, ['S02']);
});

test('status bits: on battery, low battery, test running, boost', async () => {
  const model = new MegatecModel({}, { utilFail: true, battLow: true, test: true, boost: true, outV: 240, inV: 210 });
  const { host } = await boot(model);
  assert.equal(host.getInfo('ups.status'), 'OB LB BOOST CAL');
});

test('runtimecal guesstimation publishes battery.runtime', async () => {
  const { host } = await boot(new MegatecModel(), { runtimecal: '240,100,720,50' });
  assert.equal(host.getInfo('battery.charge'), '100');
  assert.equal(host.getInfo('battery.runtime'), undefined); // only on full updates
  await assert.rejects(boot(new MegatecModel(), { runtimecal: '240,100' }), FatalError);
});

test('protocol= skips autodetection; norating/novendor skip F and I', async () => {
  const { sent, host } = await boot(new MegatecModel(), { protocol: 'megatec', norating: true, novendor: true });
  assert.deepEqual(sent, ['Q1', 'Q1', 'Q1']);
  assert.equal(host.getInfo('input.voltage.nominal'), undefined);
  const r = await boot(new MegatecModel({ statusCmd: 'QS' }), { protocol: 'mustek' });
  assert.equal(r.host.getInfo('driver.version.data'), 'Mustek 0.07');
});

test('lost device: three retries, then stale; recovery', async () => {
  const { q, host, model } = await boot();
  model.fault = 'silent';
  for (let i = 0; i < 4; i++) { await q.updateinfo(); assert.equal(host.stale, false); }
  await q.updateinfo();
  assert.equal(host.stale, true);
  model.fault = 'garbage';
  await q.updateinfo();
  assert.equal(host.stale, true);
  model.fault = 'none';
  await q.updateinfo();
  assert.equal(host.stale, false);
  assert.ok(host.logs.includes('Communications with the UPS re-established'));
});
