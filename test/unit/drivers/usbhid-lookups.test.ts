// The shared usbhid-ups lookups and conversions (lookups.ts) and the vendor
// conversions, against what NUT 2.8.0 prints for the same HID values
// (expected strings are glibc's printf output for the same C expressions).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STATUS_BITS, beeper_info, date_conversion, divide_by_10_conversion, findInfoval, formatFixed, formatG, hex_conversion,
  kelvin_celsius_conversion, nobattery_info, off_info, online_info, possiblySupportedMessage, scanDate, statusMask,
  stringid_conversion, strtod, test_read_info, vrange_info,
} from '../../../src/drivers/usbhid-ups/lookups.js';
import type { Conversion, LookupEntry, LookupEnv } from '../../../src/drivers/usbhid-ups/subdriver.js';
import { apc_date_conversion } from '../../../src/drivers/usbhid-ups/subdrivers/apc.js';
import { cps_battcharge, cps_battvolt, cps_reset, cps_usb_device_table } from '../../../src/drivers/usbhid-ups/subdrivers/cps.js';
import { belkin_online_conversion, belkin_upstype_conversion, liebert_config_voltage_info, liebert_line_voltage_info, belkin_reset } from '../../../src/drivers/usbhid-ups/subdrivers/belkin.js';
import { powercom_shutdown_info, powercom_startup_info, powercom_stayoff_info, powercom_trim_conversion, powercom_boost_conversion } from '../../../src/drivers/usbhid-ups/subdrivers/powercom.js';
import { delta_ups_type_info } from '../../../src/drivers/usbhid-ups/subdrivers/delta_ups.js';
import { openups_temperature_info } from '../../../src/drivers/usbhid-ups/subdrivers/openups.js';
import {
  eaton_abm_enabled_info, eaton_abm_status_info, eaton_charging_info, eaton_compute_realpower_info, mge_reset,
  nominal_output_voltage_info, pegasus_yes_no_info,
} from '../../../src/drivers/usbhid-ups/subdrivers/mge-lookups.js';
import { tripplite_chemistry } from '../../../src/drivers/usbhid-ups/subdrivers/tripplite.js';
import { ever_format_version, ever_ip_address, ever_messages, ever_reset } from '../../../src/drivers/usbhid-ups/subdrivers/ever.js';

/** a LookupEnv over a plain variable map */
function env(info: Record<string, string> = {}, strings: Record<number, string> = {}, extra: Partial<LookupEnv> = {}): LookupEnv & { logs: string[]; deleted: string[] } {
  const logs: string[] = [];
  const deleted: string[] = [];
  return {
    logs, deleted,
    getString: async (i) => strings[i] ?? null,
    statusGet: () => false,
    getInfo: (n) => info[n],
    delInfo: (n) => { deleted.push(n); },
    log: { info: (m) => logs.push(`info ${m}`), debug: (l, m) => logs.push(`debug${l} ${m}`), notice: (m) => logs.push(`notice ${m}`) },
    ...extra,
  };
}
const conv = (c: unknown): Conversion => c as Conversion;
const fun = async (c: unknown, v: number, e: LookupEnv = env()): Promise<string | null> => conv(c).fun(v, e);

test('formatFixed is printf %.Nf: exact binary value, ties to even, -0 kept', () => {
  const cases: [number, number, string][] = [
    [300 - 273.15, 1, '26.9'], [273 - 273.15, 1, '-0.1'], [273 - 273.15, 0, '-0'], [0.15, 1, '0.1'], [0.25, 1, '0.2'],
    [2.5, 0, '2'], [3.5, 0, '4'], [1.005, 2, '1.00'], [12.345, 2, '12.35'], [0.05, 1, '0.1'], [-0.04, 1, '-0.0'],
    [13.65, 1, '13.7'], [123456789.125, 2, '123456789.12'], [1e21, 1, '1000000000000000000000.0'], [NaN, 1, 'nan'], [-Infinity, 0, '-inf'],
  ];
  for (const [x, d, want] of cases) assert.equal(formatFixed(x, d), want, `${x} %.${d}f`);
});

test('formatG is printf %g', () => {
  for (const [x, want] of [[1e-7, '1e-07'], [1e8, '1e+08'], [0.1, '0.1'], [100000, '100000'], [1234567, '1.23457e+06'], [3.5, '3.5']] as const) {
    assert.equal(formatG(x), want);
  }
});

test('status bits: NUT names in status_bit_t order', () => {
  assert.equal(STATUS_BITS.length, 26);
  assert.equal(statusMask('online'), 1);
  assert.equal(statusMask('off'), 1 << 11);
  assert.equal(statusMask('frange'), 1 << 25);
  assert.equal(statusMask('bogus'), undefined);
});

test('value tables: first matching row, inverted ones, and no match', () => {
  assert.equal(findInfoval(online_info as LookupEntry[], 1), 'online');
  assert.equal(findInfoval(online_info as LookupEntry[], 0), '!online');
  assert.equal(findInfoval(online_info as LookupEntry[], 2), null);
  assert.equal(findInfoval(off_info as LookupEntry[], 0), 'off');
  assert.equal(findInfoval(nobattery_info as LookupEntry[], 0), 'nobattery');
  assert.equal(findInfoval(vrange_info as LookupEntry[], 1), 'vrange');
  assert.equal(findInfoval(test_read_info as LookupEntry[], 6), 'No test initiated');
  assert.equal(findInfoval(beeper_info as LookupEntry[], 3.9), 'muted'); // (long)value
});

test('date_conversion: HID date ⇄ YYYY/MM/DD', async () => {
  assert.equal(await fun(date_conversion, 0x2a21), '2001/01/01');
  assert.equal(await fun(date_conversion, 0), 'not set');
  assert.equal(await fun(date_conversion, (30 << 9) + (12 << 5) + 31), '2010/12/31');
  assert.equal(await fun(date_conversion, -1), '1979/15/31'); // a negative value is before 1980
  assert.equal(date_conversion.nuf!('2001/01/01'), 0x2a21);
  assert.equal(date_conversion.nuf!('2108/01/01'), 0); // year beyond 1980 + 127
  assert.equal(date_conversion.nuf!('2010/13/01'), 0);
});

test('APC dates are hex digits read as decimal, 70..99 being 19xx', async () => {
  assert.equal(await fun(apc_date_conversion, 0x102202), '2002/10/22');
  assert.equal(await fun(apc_date_conversion, 0x092501), '2001/09/25');
  assert.equal(await fun(apc_date_conversion, 0x010170), '1970/01/01');
  assert.equal(await fun(apc_date_conversion, 0), 'not set');
  assert.equal(apc_date_conversion.nuf!('2002/10/22'), 0x102202);
  assert.equal(apc_date_conversion.nuf!('1999/01/31'), 0x013199);
  assert.equal(apc_date_conversion.nuf!('2070/01/01'), 0);
});

test('kelvin_celsius_conversion: Kelvin in 273..373, else already Celsius', async () => {
  assert.equal(await fun(kelvin_celsius_conversion, 300), '26.9');
  assert.equal(await fun(kelvin_celsius_conversion, 273), '-0.1');
  assert.equal(await fun(kelvin_celsius_conversion, 373), '99.9');
  assert.equal(await fun(kelvin_celsius_conversion, 25), '25.0');
  assert.equal(await fun(kelvin_celsius_conversion, 374), '374.0');
});

test('divide_by_10 and hex conversions', async () => {
  assert.equal(await fun(divide_by_10_conversion, 235), '23.5');
  assert.equal(await fun(divide_by_10_conversion, 5), '0.5');
  assert.equal(await fun(hex_conversion, 0x1234), '00001234');
  assert.equal(await fun(hex_conversion, -1), 'ffffffffffffffff');
  assert.equal(await fun(hex_conversion, 0x1ffffffff), '1ffffffff');
});

test('stringid_conversion: the USB string, at most 19 characters, "" when unreadable, none for a bad index', async () => {
  const e = env({}, { 4: 'PbAc', 5: 'a very long battery chemistry name', 6: 'two\n\n' });
  assert.equal(await fun(stringid_conversion, 4, e), 'PbAc');
  assert.equal(await fun(stringid_conversion, 5, e), 'a very long battery');
  assert.equal(await fun(stringid_conversion, 6, e), 'two');
  assert.equal(await fun(stringid_conversion, 9, e), '');
  assert.equal(await fun(stringid_conversion, -1, e), null);
  assert.equal(await fun(stringid_conversion, 256, e), null);
});

test('scanDate and strtod read like sscanf/strtod', () => {
  assert.deepEqual(scanDate('2001/02/03'), [2001, 2, 3]);
  assert.deepEqual(scanDate('20011/02/03'), [2001, undefined, undefined]);
  assert.deepEqual(scanDate(' 99/1/2x'), [99, 1, 2]);
  assert.equal(strtod(' 12.5V'), 12.5);
  assert.equal(strtod('x'), 0);
  assert.equal(strtod(undefined), 0);
});

test('possibly_supported message as NUT prints it', () => {
  assert.equal(possiblySupportedMessage('APC', 0x051d, 0xbeef),
    'This APC device (051d:beef) is not (or perhaps not yet) supported\nby usbhid-ups. Please make sure you have an up-to-date version of NUT. If\n'
    + "this does not fix the problem, try running the driver with the\n'-x productid=beef' option. Please report your results to the NUT user's\n"
    + 'mailing list <nut-upsuser@lists.alioth.debian.org>.\n');
});

test('CyberPower: 0x0501 units scale a battery voltage over 1.4 × nominal by 2/3, once nominal is known', async () => {
  cps_reset();
  const id0501 = cps_usb_device_table.find((i) => i.productId === 0x0501)!;
  id0501.onMatch!({ vendorId: 0x0764, productId: 0x0501, vendor: null, product: null, serial: null, bus: null, device: null, bcdDevice: 0 },
    { getval: () => undefined, log: { info() {}, debug() {} } });
  const noNominal = env();
  assert.equal(await fun(cps_battvolt, 24, noNominal), '24.0'); // not decided yet
  const e = env({ 'battery.voltage.nominal': '12' });
  assert.equal(await fun(cps_battvolt, 20.1, e), '13.4');
  assert.ok(e.logs.includes('info cps_adjust_battery_scale: battery readings will be scaled by 2/3'));
  assert.equal(await fun(cps_battvolt, 13.5, e), '9.0'); // decided once
  cps_reset();
  assert.equal(await fun(cps_battvolt, 20.1, e), '20.1'); // other product ids never scale
  assert.equal(await fun(cps_battcharge, 104), '100');
  assert.equal(await fun(cps_battcharge, 57.5), '58');
});

test('Liebert: 1e-7 exponents are corrected, other small values only noted', async () => {
  belkin_reset();
  const e = env();
  assert.equal(await fun(liebert_line_voltage_info, 1.2e-5, e), '0.0');
  assert.ok(e.logs.includes('notice LineVoltage exponent looks wrong, but not correcting.'));
  assert.equal(await fun(liebert_config_voltage_info, 1e-7, e), '10.0');
  assert.equal(await fun(liebert_line_voltage_info, 2.3e-5, e), '230.0');
  belkin_reset();
  assert.equal(await fun(belkin_online_conversion, 1), '!online');
  assert.equal(await fun(belkin_online_conversion, 2), 'online');
  assert.equal(await fun(belkin_upstype_conversion, 0x12), 'line-interactive');
  assert.equal(await fun(belkin_upstype_conversion, 0x0f), 'online');
});

test('PowerCOM: byte-swapped delay words both ways', async () => {
  assert.equal(await fun(powercom_startup_info, 0x0200), '120'); // 2 minutes, low byte first
  assert.equal(await fun(powercom_shutdown_info, 0x1e01), '90'); // 1 min + 30 s
  assert.equal(powercom_startup_info.nuf!('120'), 0x0200);
  assert.equal(powercom_shutdown_info.nuf!('90'), 0x4000 | 0x1e01);
  assert.equal(powercom_shutdown_info.nuf!('0'), 0x4000 | 0x0100); // 0 would be the longest delay: 1 s
  assert.equal(powercom_stayoff_info.nuf!('20'), 0x8000 | 0x1400);
  assert.equal(powercom_shutdown_info.nuf!('70000'), 0);
  assert.equal(await fun(powercom_stayoff_info, 5), null);
  assert.equal(await fun(powercom_trim_conversion, 0x08), 'trim');
  assert.equal(await fun(powercom_boost_conversion, 0x08), '!boost');
  assert.equal(await fun(powercom_boost_conversion, 0x18), 'boost');
});

test('Delta UPS types, openUPS thermistor', async () => {
  assert.deepEqual(await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((v) => fun(delta_ups_type_info, v))),
    ['online', 'offline', 'line-interactive', 'offline', 'line-interactive', '3-phase', 'split-phase', null]);
  assert.equal(await fun(openups_temperature_info, 0.2), '-40');
  assert.equal(await fun(openups_temperature_info, 10), '125');
  assert.equal(await fun(openups_temperature_info, 0.64), '-35');
  assert.equal(await fun(openups_temperature_info, 0.72), '-32.89'); // (72 - 64) * 5 / (83 - 64) - 35
});

test('MGE: ABM status, charging flags, realpower estimate, nominal voltage classes, Eco only on Pegasus', async () => {
  mge_reset();
  const e = env({ 'ups.load': '50', 'ups.power.nominal': '1000' });
  assert.equal(await fun(eaton_abm_enabled_info, 0, e), null);
  assert.equal(await fun(eaton_abm_status_info, 1, e), null);
  assert.deepEqual(e.deleted, ['battery.charger.status']);
  assert.equal(await fun(eaton_charging_info, 1, e), 'chrg'); // ABM disabled: the plain flag counts
  assert.equal(await fun(eaton_abm_enabled_info, 1, e), null);
  assert.equal(await fun(eaton_abm_status_info, 3, e), 'floating');
  assert.equal(await fun(eaton_charging_info, 1, e), '!chrg');
  assert.equal(await fun(eaton_compute_realpower_info, 0, e), '400'); // 50% of 1000 VA at the float 0.8
  assert.equal(await fun(eaton_compute_realpower_info, 0, env({ 'ups.load': '50', 'ups.power.nominal': '1000', 'output.powerfactor': '0.80' })), '0');
  assert.equal(await fun(nominal_output_voltage_info, 230, e), '230'); // the first value decides the class
  assert.equal(await fun(nominal_output_voltage_info, 208, e), '208'); // line-interactive/online series
  assert.equal(await fun(nominal_output_voltage_info, 120, e), null);
  assert.equal(await fun(pegasus_yes_no_info, 1, e), null);
  assert.deepEqual(conv(nominal_output_voltage_info).values!.map((r) => r.nut), ['200', '208', '220', '230', '240', '100', '110', '120', '127']);
  mge_reset();
});

test('TrippLite chemistry: "unknown" for the AVR550U and OMNI1000LCD', async () => {
  assert.equal(await fun(tripplite_chemistry, 4, env({ 'ups.productid': '1003' }, { 4: 'PbAc' })), 'unknown');
  assert.equal(await fun(tripplite_chemistry, 4, env({ 'ups.productid': '3016' }, { 4: 'PbAc' })), 'PbAc');
});

test('Ever: versions, addresses and messages from whole reports', async () => {
  ever_reset();
  assert.equal(await fun(ever_format_version, 0x1203), 'v1.2b03');
  const reports: Record<number, number[]> = { 211: [211, 10, 0, 0, 1], 230: [230, 192, 168, 1, 2], 75: [75, 0x44, 0x02] };
  const e = env({}, {}, { reportBuffer: (id) => (reports[id] ? Uint8Array.from(reports[id]!) : null) });
  assert.equal(await fun(ever_ip_address, 0, e), '10.0.0.1');
  assert.equal(await fun(ever_ip_address, 0, e), '192.168.1.2');
  assert.equal(await fun(ever_ip_address, 0, e), ''); // no report 231
  assert.equal(await fun(ever_messages, 0, e), 'BOOST CHARGING NEED_REPLACMENT');
  ever_reset();
});
