// The MIB tables (src/drivers/snmp-ups/mibs): the same mappings, in the same
// order, as the reference snmp-ups; rows that make sense; the conversions give
// what NUT 2.8.0 gives (values printed by glibc's strptime/strftime and C's
// integer arithmetic, as the reference runs them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mib2nut } from '../../../src/drivers/snmp-ups/mibs/index.js';
import * as M from '../../../src/drivers/snmp-ups/mib.js';
import {
  eaton_sensor_temperature_unit_fun,
  marlin_device_count_fun,
  su_temperature_read_fun,
  su_usdate_to_isodate_info_fun,
} from '../../../src/drivers/snmp-ups/mibs/snmp-ups-helpers.js';
import { sandbox } from '../../helpers/ref.js';

const REF_SNMP = '/lib/nut/snmp-ups';

/** snmp-ups.c's `mibs=--list` line for one mapping */
function listLine(i: number, m: M.Mib2Nut): string {
  const s = (v: string | null) => v ?? '<NULL>';
  return ` ${String(i + 1).padStart(4)} \t${s(m.name).padEnd(23)}\t${s(m.version).padStart(7)}\t${s(m.sysOid).padEnd(31)}\t${s(m.oidAutoCheck)}`;
}

test('mibs=--list of the reference: same mappings, order, versions, sysOIDs and auto-check OIDs', { skip: !existsSync(REF_SNMP) }, () => {
  const sb = sandbox('tsnut-mibs-');
  try {
    sb.write('ups.conf', '[x]\n\tdriver = snmp-ups\n\tport = 127.0.0.1\n');
    const r = spawnSync(REF_SNMP, ['-a', 'x', '-u', 'root', '-x', 'mibs=--list'], { env: sb.env, encoding: 'utf8', timeout: 10000 });
    const theirs = r.stdout.split('\n').filter((l) => /^ +\d+ \t/.test(l));
    assert.equal(theirs.length, 30);
    assert.deepEqual(mib2nut.map((m, i) => listLine(i, m)), theirs);
  } finally {
    sb.cleanup();
  }
});

test('the mibs= names are those of 2.8.0', () => {
  assert.deepEqual([...new Set(mib2nut.map((m) => m.name))].sort(), [
    'aphel_genesisII', 'aphel_revelation', 'apc_ats', 'apc_pdu', 'apcc', 'baytech', 'bestpower', 'cpqpower',
    'cyberpower', 'delta_ups', 'eaton_ats16_nm2', 'eaton_ats16_nmc', 'eaton_ats30', 'eaton_epdu',
    'emerson_avocent_pdu', 'hpe_epdu', 'huawei', 'ietf', 'mge', 'netvision', 'pulizzi_switched1',
    'pulizzi_switched2', 'pw', 'pxgx_ups', 'raritan', 'raritan-px2', 'tripplite', 'xppc',
  ].sort());
});

const TEMPLATE = M.SU_OUTLET | M.SU_OUTLET_GROUP | M.SU_AMBIENT_TEMPLATE;
const DAISY_INDEX = M.SU_TYPE_DAISY_1 | M.SU_TYPE_DAISY_2;
const STATUS = (M.SU_STATUS_PWR | M.SU_STATUS_BATT | M.SU_STATUS_CAL | M.SU_STATUS_RB) >>> 0;
const count = (s: string | null, x = '%i') => (s ?? '').split(x).length - 1;

for (const table of new Set(mib2nut.map((m) => m.info))) {
  const owners = mib2nut.filter((m) => m.info === table).map((m) => m.name).join('/');
  test(`table of ${owners}: rows are coherent`, () => {
    assert.ok(table.length > 0);
    const daisychain = table.some((r) => r.name === 'device.count');
    for (const r of table) {
      const where = `${owners} ${r.name} ${r.oid}`;
      assert.match(r.name, /^[a-z0-9][a-z0-9.%_-]*[a-z0-9]$/i, where);
      assert.ok(Number.isInteger(r.suFlags) && r.suFlags >= 0 && r.suFlags <= 0xffffffff, where);
      assert.equal(r.flags & ~(M.ST_FLAG_RW | M.ST_FLAG_STRING), 0, where);
      if (r.oid !== null) assert.match(r.oid, /^\.?\d+(\.(\d+|%i))+$/, where);
      else assert.ok(r.dfl !== null || (r.suFlags & M.SU_TYPE_CMD) !== 0, `${where}: neither OID nor default`);
      // %i in a name only on outlet, outlet group and ambient templates
      if (count(r.name) > 0) assert.ok(r.suFlags & TEMPLATE, `${where}: %i in a name without a template flag`);
      assert.ok(count(r.name) <= 1, where);
      // two %i in an OID: one is the daisychain index, and which one is said
      if (count(r.oid) === 2) assert.ok(r.suFlags & DAISY_INDEX, `${where}: two %i without SU_TYPE_DAISY_n`);
      assert.ok(count(r.oid) <= 2, where);
      // an OID-only template is a daisychain member's row
      if (count(r.oid) > 0 && count(r.name) === 0 && !(r.suFlags & TEMPLATE)) assert.ok(daisychain, `${where}: device template without device.count`);
      // a status is always looked up (2.8.0 also flags ups.type and battery.charger.status so)
      if (r.name === 'ups.status') assert.ok(r.lookup && (r.suFlags & STATUS || Array.isArray(r.lookup)), where);
      if (r.suFlags & M.SU_TYPE_CMD) {
        assert.equal(r.flags & M.ST_FLAG_RW, 0, `${where}: a command is not RW`);
        assert.match(r.name, /^[a-z%.0-9]+$/, where);
      }
      if (r.flags & M.ST_FLAG_STRING) assert.ok(Number.isInteger(r.len) && r.len > 0, `${where}: string length`);
      // a command's len may be its value (powerware's shutdown.return sends 0)
      else if (r.suFlags & M.SU_TYPE_CMD) assert.ok(r.len >= 0 && Number.isFinite(r.len), `${where}: command value`);
      else assert.ok(r.len > 0 && Number.isFinite(r.len), `${where}: multiplier`);
      if (Array.isArray(r.lookup)) {
        for (const e of r.lookup as readonly M.OidLookupEntry[]) assert.ok(Number.isInteger(e.oid) && typeof e.nut === 'string', where);
      }
    }
  });
}

test('mib2nut entries: sysOID and OIDs dotted numeric, status OID in the table', () => {
  for (const m of mib2nut) {
    for (const o of [m.sysOid, m.oidAutoCheck, m.oidPwrStatus]) if (o !== null) assert.match(o, /^\.?\d+(\.\d+)+$/, m.name);
    if (m.oidPwrStatus) assert.ok(m.info.some((r) => r.oid === m.oidPwrStatus), m.name);
    for (const a of m.alarms ?? []) assert.match(a.oid, /^\.?\d+(\.\d+)+$/, m.name);
  }
});

test('su_usdate_to_isodate_info_fun: as glibc strptime("%m/%d/%Y") + strftime("%F") on a zeroed tm', () => {
  // left: SNMP text; right: what the reference publishes (printed by glibc)
  const cases: [string, string][] = [
    ['01/15/2019', '2019-01-15'], ['1/5/2019', '2019-01-05'], ['12/25', '1900-12-25'], ['garbage', '1900-01-00'],
    ['', '1900-01-00'], [' 3/ 4/ 99', '99-03-04'], ['13/01/2019', '1900-01-00'], ['02/30/2019', '2019-02-30'],
    ['01/15/20191', '2019-01-15'], ['2019-01-15', '1900-02-00'], ['00/01/2019', '1900-01-00'], ['1/1/0', '0-01-01'],
    ['1/1/12345', '1234-01-01'], ['01/15/2019 x', '2019-01-15'], ['7/4/1776', '1776-07-04'], ['1/32/2000', '1900-01-00'],
  ];
  for (const [i, o] of cases) assert.equal(su_usdate_to_isodate_info_fun(i), o, i);
  // a number handed over by mistake is read as its bytes, as C does
  assert.equal(su_usdate_to_isodate_info_fun(0x2f31), '1900-01-00');
});

test('temperature: the unit lookup sets the device state, the reading follows it (C integer arithmetic)', () => {
  const st = M.newMibState();
  assert.equal(su_temperature_read_fun(215, st), '');
  // raw → [kelvin, celsius, fahrenheit] as the reference computes them
  const cases: [number, string, string, string][] = [
    [0, '-273', '0', '-17'], [9, '-273', '0', '-17'], [-5, '-273', '0', '-17'], [215, '-252', '21', '-6'],
    [-215, '-294', '-21', '-29'], [2981, '24', '298', '147'], [2731, '0', '273', '133'], [985, '-175', '98', '36'],
    [-400, '-313', '-40', '-40'],
  ];
  for (const [raw, k, c, f] of cases) {
    for (const [unit, want] of [[0, k], [1, c], [2, f]] as const) {
      assert.equal(eaton_sensor_temperature_unit_fun(unit, st), 'celsius');
      assert.equal(su_temperature_read_fun(raw, st), want, `${raw} in unit ${unit}`);
    }
  }
  eaton_sensor_temperature_unit_fun(7, st);
  assert.equal(st.temperatureUnit, M.TEMPERATURE_UNKNOWN);
  // two devices do not share their unit
  const a = M.newMibState();
  const b = M.newMibState();
  eaton_sensor_temperature_unit_fun(1, a);
  eaton_sensor_temperature_unit_fun(2, b);
  assert.deepEqual([su_temperature_read_fun(500, a), su_temperature_read_fun(500, b)], ['50', '10']);
});

test('marlin_device_count_fun counts the units of unitsPresent', () => {
  for (const [s, n] of [['', 0], ['0', 1], ['0,3,4,5', 4], ['0,1,', 2], [',', 1], ['0,,2', 3]] as const) {
    assert.equal(marlin_device_count_fun(s), n, s);
  }
});
