// Garbage from a Voltronic unit: replies mutated at random (bytes flipped, cut short, padded,
// fields swapped, odd protocol ids and capability letters), with random ups.conf settings and
// random commands. The driver core may refuse anything, but must never throw (only its
// deliberate fatal exits), never publish an over-long value, and always finish its polls.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QxEngine } from '../../../src/drivers/nutdrv_qx/engine.js';
import { SUBDRIVERS } from '../../../src/drivers/nutdrv_qx/index.js';
import { VOLTRONIC_REPLIES, VoltronicModel } from '../../sims/voltronic.js';
import { FakeHost, FatalError, modelIo } from './qx-fakehost.js';

/** mulberry32: a small deterministic PRNG, so a failure names its seed */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = '0123456789 .-#(ABCDEFPSYLTXaepbojrsgcdflnqwvD\x00\x7f\xff';

function mutate(r: () => number, s: string): string {
  const pick = (t: string): string => t[Math.floor(r() * t.length)]!;
  let out = s;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (out.length + 1));
    switch (Math.floor(r() * 7)) {
      case 0: out = out.slice(0, at) + pick(ALPHABET) + out.slice(at + 1); break; // replace
      case 1: out = out.slice(0, at); break; // cut short
      case 2: out = out.slice(0, at) + pick(ALPHABET).repeat(Math.floor(r() * 80)) + out.slice(at); break; // pad
      case 3: out = out.split(' ').reverse().join(' '); break; // fields swapped
      case 4: out = ''; break; // silence
      case 5: out = `(${Array.from({ length: Math.floor(r() * 6) }, () => pick(ALPHABET)).join('')}`; break; // a few random bytes
      default: out = out.replace(/\d/g, () => pick('0123456789')); // other numbers
    }
  }
  return out;
}

const PROTOCOLS = ['00', '01', '02', '03', '08', '09', '10', '13', '14', '31', '99', '30', '5', '3X', ''];
const OPTIONS: [string, string[]][] = [
  ['bypass_alarm', ['enabled', 'disabled', 'x']], ['alarm_control', ['enabled', 'disabled']], ['eco_mode', ['enabled', 'disabled']],
  ['max_bypass_volt', ['230', '264', '999', 'x']], ['min_bypass_freq', ['40', '46.0', '']], ['battery_number', ['1', '3', '12']],
  ['work_range_type', ['UPS', 'Appliance', 'x']], ['output_phase_angle', ['000', '120', '90']], ['ondelay', ['0', '130']],
  ['offdelay', ['30', '45', '6000']], ['runtimecal', ['240,100,720,50']],
];
const FLAGS = ['reset_to_default', 'testing', 'stayoff'];
const REQUESTS: [string, string | undefined][] = [
  ['test.battery.start', '120'], ['test.battery.start', '5'], ['test.battery.start', 'x'], ['test.battery.start', undefined],
  ['shutdown.return', undefined], ['shutdown.stayoff', undefined], ['beeper.toggle', undefined], ['beeper.disable', undefined],
  ['bypass.start', undefined], ['outlet.1.load.off', undefined], ['load.on', undefined],
];
const SETS: [string, string][] = [
  ['ups.start.auto', 'yes'], ['ups.start.auto', 'maybe'], ['battery.type', 'AGM'], ['input.transfer.high', '250'],
  ['input.frequency.low', '47.0'], ['battery.packs', '4'], ['battery.voltage.low', '24'], ['outlet.2.delay.shutdown', '120'],
  ['ups.delay.shutdown', '45'], ['ups.delay.start', 'x'],
];

async function run(seed: number): Promise<void> {
  const r = prng(seed);
  const over: Record<string, string> = {};
  for (const [k, v] of Object.entries(VOLTRONIC_REPLIES)) if (r() < 0.5) over[k] = mutate(r, v);
  over.QPI = `(PI${PROTOCOLS[Math.floor(r() * PROTOCOLS.length)]}`;
  for (const k of ['Q3PV', 'Q3OV', 'Q3YV', 'Q3PC', 'Q3OC', 'Q3LD', 'QSK1', 'QSKT1', 'QBYV', 'QBYF', 'QPAR', 'RE0', 'F', 'I']) {
    if (r() < 0.4) over[k] = mutate(r, '(123.4 456.4 789.4 012.4 323.4 223.4');
  }
  const opts: Record<string, string | true> = { protocol: 'voltronic' };
  for (const [k, vals] of OPTIONS) if (r() < 0.3) opts[k] = vals[Math.floor(r() * vals.length)]!;
  for (const f of FLAGS) if (r() < 0.2) opts[f] = true;
  const model = new VoltronicModel(over);
  const host = new FakeHost(opts);
  let now = 1000;
  const q = new QxEngine(host, modelIo(model, []), SUBDRIVERS, () => now);
  try {
    if (!(await q.matchSubdriver())) return;
    await q.initinfo();
    for (let i = 0; i < 3; i++) {
      // the unit changes its mind between polls
      for (const k of ['QGS', 'QMOD', 'QWS', 'QFLAG', 'QBV']) if (r() < 0.5) model.replies[k] = mutate(r, VOLTRONIC_REPLIES[k]!);
      now += 40;
      await q.updateinfo();
      const [cmd, extra] = REQUESTS[Math.floor(r() * REQUESTS.length)]!;
      await q.instcmd(cmd, extra);
      const [name, value] = SETS[Math.floor(r() * SETS.length)]!;
      await q.setvar(name, value);
    }
    if (r() < 0.3) await q.shutdown();
  } catch (e) {
    if (!(e instanceof FatalError)) throw new Error(`seed ${seed}: ${(e as Error).stack}`);
  }
  for (const v of host.store.list()) assert.ok(v.value.length <= 255, `seed ${seed}: ${v.name} is ${v.value.length} long`);
}

test('Voltronic core: 1500 units answering garbage never throw or publish over-long values', async () => {
  for (let seed = 1; seed <= 1500; seed++) await run(seed);
});
