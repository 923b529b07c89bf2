// Real devices, approximately: for each nutdrv_qx (Megatec-family protocols) and
// blazer_ser dump in the DDL, a simulator answers Q1/F/I with that dump's values
// and status; the reference and ours, with the dump's own ups.conf options, must
// print the same variables and send the same bytes. (Dumps hold values, not raw
// replies, so the replies are rebuilt; this checks formatting and options on
// realistic numbers.) Skipped when the DDL is not beside the clone.
// All 116 dumps agreed when this was written (TSNUT_DDL_ALL=1).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { DDL_DIR, listDev, parseDev } from '../helpers/ddl.js';
import { dumpRun } from '../sims/driver-run.js';
import { MegatecModel, type MegatecOptions, type MegatecState } from '../sims/megatec.js';

const ddlDir = DDL_DIR;

const PROTOCOL_OPTS: Record<string, MegatecOptions> = {
  Megatec: {}, Mustek: { statusCmd: 'QS' }, Q1: { infoCmd: null, ratings: false }, Hunnox: { infoCmd: 'FW?', ack: 'UPS No Ack' },
};
/** the serial-relevant options a dump was taken with */
const KEEP = new Set(['protocol', 'runtimecal', 'chargetime', 'idleload', 'ondelay', 'offdelay', 'pollfreq', 'norating', 'novendor', 'ignoresab', 'stayoff']);

function caseOf(file: string): { driver: string; model: MegatecOptions; state: Partial<MegatecState>; args: string[] } | undefined {
  const v = parseDev(readFileSync(file, 'latin1'));
  const driver = v.get('driver.name');
  let model: MegatecOptions | undefined;
  if (driver === 'nutdrv_qx') model = PROTOCOL_OPTS[(v.get('driver.version.data') ?? '').split(' ')[0]!];
  else if (driver === 'blazer_ser' || driver === 'blazer_usb') model = {};
  if (!model) return undefined;
  const num = (k: string, d: number) => { const x = parseFloat(v.get(k) ?? ''); return Number.isFinite(x) ? x : d; };
  const status = (v.get('ups.status') ?? 'OL').split(' ');
  const state: Partial<MegatecState> = {
    inV: num('input.voltage', 230), inFaultV: num('input.voltage.fault', num('input.voltage', 230)), outV: num('output.voltage', 230),
    load: Math.round(num('ups.load', 0)), freq: num('input.frequency', num('output.frequency', 50)), battV: num('battery.voltage', 13.5),
    temp: num('ups.temperature', 25), utilFail: status.includes('OB'), battLow: status.includes('LB'),
    boost: status.includes('BOOST') || status.includes('TRIM') || status.includes('BYPASS'), test: status.includes('CAL'),
    shutdown: status.includes('FSD'), standby: (v.get('ups.type') ?? '').startsWith('offline'), beeper: v.get('ups.beeper.status') !== 'disabled',
    ratedV: num('input.voltage.nominal', 230), ratedI: Math.round(num('input.current.nominal', 4)), ratedBattV: num('battery.voltage.nominal', 12),
    ratedF: num('input.frequency.nominal', 50), mfr: v.get('device.mfr') ?? v.get('ups.mfr') ?? '', model: v.get('device.model') ?? v.get('ups.model') ?? '',
    fw: v.get('ups.firmware') ?? '',
  };
  const args: string[] = [];
  for (const [k, val] of v) {
    const p = /^driver\.(parameter|flag)\.(.+)$/.exec(k);
    if (!p || !KEEP.has(p[2]!)) continue;
    if (driver !== 'nutdrv_qx' && (p[2] === 'protocol' || p[2] === 'pollfreq' || p[2] === 'ignoresab' || p[2] === 'stayoff')) continue;
    args.push('-x', p[1] === 'flag' ? p[2]! : `${p[2]}=${val}`);
  }
  return { driver: driver === 'nutdrv_qx' ? 'nutdrv_qx' : 'blazer_ser', model, state, args };
}

const files = ddlDir ? listDev(ddlDir).filter((f) => /__(nutdrv_qx|blazer_ser|blazer_usb)__/.test(f)) : [];
const allCases = files.map((f) => [f, caseOf(f)] as const).filter((c): c is [string, NonNullable<ReturnType<typeof caseOf>>] => c[1] !== undefined);
// every 8th dump by default (~15, ~12 s); all of them (116, ~90 s) with TSNUT_DDL_ALL=1
const cases = process.env.TSNUT_DDL_ALL === '1' ? allCases : allCases.filter((_c, i) => i % 8 === 0);
const skip = !existsSync('/lib/nut/nutdrv_qx') || !existsSync('/usr/bin/socat') ? 'reference or socat missing' : !ddlDir ? 'DDL not found' : false;

test(`DDL-derived Megatec-family devices (${cases.length}): reference and ours agree`, { skip, timeout: 600000 }, async () => {
  assert.ok(cases.length >= 10, `only ${cases.length} DDL cases`);
  for (const [file, c] of cases) {
    const model = () => new MegatecModel(c.model, c.state);
    const [ref, ours] = await Promise.all([dumpRun('ref', c.driver, model, c.args), dumpRun('ours', c.driver, model, c.args)]);
    const name = file.slice((ddlDir ?? '').length + 1);
    assert.deepEqual(ours.vars, ref.vars, `${name}: variables\nref: ${ref.stderr}\nours: ${ours.stderr}`);
    assert.deepEqual(ours.sent, ref.sent, `${name}: bytes`);
    assert.equal(ours.code, ref.code, `${name}: exit code`);
  }
});
