// Ever (NUT 2.8.0 ever-hid.c, "Ever HID 0.1"). Several items decode whole
// vendor reports (network settings, work mode, messages, alarms).

import type { Conversion, HidInfo, HidSubdriver, LookupEnv, UsbId } from '../subdriver.js';
import {
  HU_FLAG_ABSENT, HU_FLAG_QUICK_POLL, HU_TYPE_CMD, ST_FLAG_NUMBER, ST_FLAG_RW, ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, awaitingpower_info, boost_info, charging_info, commfault_info, discharging_info,
  kelvin_celsius_conversion, lowbatt_info, nobattery_info, online_info, overheat_info, overload_info,
  replacebatt_info, shutdownimm_info, toLong, trim_info, yes_no_info,
} from '../lookups.js';
import { claimWith, info, usbDevice } from './common.js';

export const EVER_VENDORID = 0x2e51;
export const STMICRO_VENDORID = 0x0483;

export const ever_usb_device_table: readonly UsbId[] = [
  usbDevice(STMICRO_VENDORID, 0xa113),
  usbDevice(EVER_VENDORID, 0xffff),
  usbDevice(EVER_VENDORID, 0x0000),
];

/** the last bytes of a report; an absent report reads as empty */
const report = (env: LookupEnv, id: number): Uint8Array => env.reportBuffer?.(id) ?? new Uint8Array(0);
/** (unsigned int)value */
const u32 = (value: number): number => Number(BigInt.asUintN(32, toLong(value)));

const hard_rev = ['0', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'];

/** hardware revision "rev.<letter>v<NN>" (a 10-byte buffer) */
export const ever_format_hardware: Conversion = {
  fun(value) {
    const v = u32(value);
    // NUT indexes past its letter table for a high byte over 26; shown as "?" here
    const letter = hard_rev[(v & 0xff00) >> 8] ?? '?';
    return `rev.${letter}v${String(v & 0xff).padStart(2, '0')}`.slice(0, 9);
  },
};

/** firmware "v<X>.<X>b<NN>" (a 10-byte buffer) */
export const ever_format_version: Conversion = {
  fun(value) {
    const v = u32(value);
    const build = Number(toLong(value)) & 0xff;
    return `v${((v & 0xf000) >> 12).toString(16).toUpperCase()}.${((v & 0xf00) >> 8).toString(16).toUpperCase()}b${String(build).padStart(2, '0')}`.slice(0, 9);
  },
};

/** report 210 as a MAC address */
export const ever_mac_address: Conversion = {
  fun(_value, env) {
    const buf = report(env, 210);
    return Array.from(buf.subarray(1), (b) => b.toString(16).padStart(2, '0')).join(':').slice(0, 99);
  },
};

/**
 * Four rows share this lookup: each call takes the next of reports 211
 * (notification destination), 230 (address), 231 (mask), 232 (gateway).
 */
const ipReports = [211, 230, 231, 232];
const counters = { ip: 0, packets: 0 };

/** Back to the state at start (tests). */
export function ever_reset(): void {
  counters.ip = 0;
  counters.packets = 0;
}

export const ever_ip_address: Conversion = {
  fun(_value, env) {
    const buf = report(env, ipReports[counters.ip]!);
    counters.ip = (counters.ip + 1) % 4;
    return Array.from(buf.subarray(1), String).join('.').slice(0, 99);
  },
};

/** likewise reports 215-218: 32-bit little-endian packet counters */
export const ever_packets: Conversion = {
  fun(_value, env) {
    const buf = report(env, 215 + counters.packets);
    counters.packets = (counters.packets + 1) % 4;
    if (buf.length < 5) return '';
    return String((buf[1]! | (buf[2]! << 8) | (buf[3]! << 16) | (buf[4]! << 24)) | 0);
  },
};

const workmodes: Record<number, string> = { 2: 'STOP', 4: 'ONLINE', 8: 'ONBATTERY', 16: 'WATCH', 32: 'WAITING', 64: 'EMERGENCY' };

/** report 74's first byte */
const workmode = (env: LookupEnv): number => report(env, 74)[1] ?? 0;

export const ever_workmode: Conversion = {
  fun: (_value, env) => workmodes[workmode(env)] ?? 'UNKNOWN',
};

/** the set bits of a 16-bit little-endian word as space-separated names, cut to the buffer */
function flagWords(buf: Uint8Array, names: readonly [number, string][], size: number): string {
  const word = (buf[1] ?? 0) | ((buf[2] ?? 0) << 8);
  return names.filter(([mask]) => (word & mask) !== 0).map(([, name]) => name).join(' ').slice(0, size - 1);
}

/** report 75 (overload and low battery are left out: ups.status has them) */
export const ever_messages: Conversion = {
  fun: (_value, env) => flagWords(report(env, 75), [
    [0x04, 'BOOST'], [0x08, 'BUCK'], [0x10, 'BOOST_BLOCKED'], [0x20, 'BUCK_BLOCKED'], [0x40, 'CHARGING'],
    [0x80, 'FAN_ON'], [0x100, 'EPO_BLOCKED'], [0x200, 'NEED_REPLACMENT'], [0xc00, 'OVERHEAT'],
    [0x1000, 'WAITING_FOR_MIN_CHARGE'], [0x2000, 'MAINS_OUT_OF_RANGE'],
  ], 200),
};

/** report 76 */
export const ever_alarms: Conversion = {
  fun: (_value, env) => flagWords(report(env, 76), [
    [0x01, 'OVERLOAD'], [0x02, 'SHORT-CIRCUIT'], [0x0c, 'OVERHEAT'], [0x10, 'EPO'], [0x20, 'INERNAL_ERROR'],
    [0x40, 'REVERSE_POWER_SUPPLY'], [0x80, 'NO_INETERNAL_COMM'], [0x100, 'CRITICAL_BATT_VOLTAGE'],
  ], 200),
};

/** off unless the work mode is online or on battery */
export const ever_on_off_info: Conversion = {
  fun: (_value, env) => (workmode(env) !== 0x04 && workmode(env) !== 0x08 ? 'off' : '!off'),
};

export const ever_usage_lkp: UsageTable = [
  { usage: 0x00000000, name: 'EVER1' },
  { usage: 0xff000000, name: 'EVER2' },
  { usage: 0xff000001, name: 'EVER3' },
  { usage: 0xff000002, name: 'EVER4' },
  { usage: 0xff000003, name: 'EVER5' },
  { usage: 0xff000004, name: 'EVER6' },
  { usage: 0xff000005, name: 'EVER7' },
  { usage: 0xff000006, name: 'EVER8' },
  { usage: 0xff000007, name: 'EVER9' },
  { usage: 0xff000008, name: 'EVER10' },
  { usage: 0xff000009, name: 'EVER11' },
  { usage: 0xff000010, name: 'EVER12' },
  { usage: 0xff000011, name: 'EVER13' },
  { usage: 0xff000012, name: 'EVER14' },
  { usage: 0xff000013, name: 'EVER15' },
  { usage: 0xff000014, name: 'EVER16' },
  { usage: 0xff000015, name: 'EVER17' },
  { usage: 0xff000016, name: 'EVER18' },
  { usage: 0xff000017, name: 'EVER19' },
  { usage: 0xff000018, name: 'EVER20' },
  { usage: 0xff000019, name: 'EVER21' },
  { usage: 0xff00001a, name: 'EVER22' },
  { usage: 0xff00001b, name: 'EVER23' },
  { usage: 0xff00001c, name: 'EVER24' },
  { usage: 0xff00001d, name: 'EVER25' },
  { usage: 0xff00001e, name: 'EVER26' },
  { usage: 0xff00001f, name: 'EVER27' },
  { usage: 0xff000020, name: 'EVER28' },
  { usage: 0xff000021, name: 'EVER29' },
  { usage: 0xff000022, name: 'EVER30' },
  { usage: 0xff000023, name: 'EVER31' },
  { usage: 0xff000030, name: 'EVER32' },
  { usage: 0xff000031, name: 'EVER33' },
  { usage: 0xff000032, name: 'EVER34' },
  { usage: 0xff000033, name: 'EVER35' },
  { usage: 0xff000034, name: 'EVER36' },
  { usage: 0xff000035, name: 'EVER37' },
  { usage: 0xff000036, name: 'EVER38' },
  { usage: 0xff000037, name: 'EVER39' },
  { usage: 0xff000038, name: 'EVER40' },
  { usage: 0xff000039, name: 'EVER41' },
  { usage: 0xff000040, name: 'EVER42' },
  { usage: 0xff000041, name: 'EVER43' },
  { usage: 0xff000042, name: 'EVER44' },
  { usage: 0xff000043, name: 'EVER45' },
  { usage: 0xff000044, name: 'EVER46' },
  { usage: 0xff000045, name: 'EVER47' },
  { usage: 0xff000046, name: 'EVER48' },
  { usage: 0xff000050, name: 'EVER49' },
  { usage: 0xff000051, name: 'EVER50' },
  { usage: 0xff000052, name: 'EVER51' },
  { usage: 0xff000053, name: 'EVER52' },
  { usage: 0xff000054, name: 'EVER53' },
  { usage: 0xff000060, name: 'EVER54' },
  { usage: 0xff000061, name: 'EVER55' },
  { usage: 0xff000062, name: 'EVER56' },
  { usage: 0xff000063, name: 'EVER57' },
  { usage: 0xff000064, name: 'EVER58' },
  { usage: 0xff000066, name: 'EVER59' },
  { usage: 0xff000067, name: 'EVER60' },
  { usage: 0xff000068, name: 'EVER61' },
  { usage: 0xff000069, name: 'EVER62' },
  { usage: 0xff00006a, name: 'EVER63' },
  { usage: 0xff00006b, name: 'EVER64' },
  { usage: 0xff00006c, name: 'EVER65' },
  { usage: 0xff00006d, name: 'EVER66' },
  { usage: 0xff00006e, name: 'EVER67' },
  { usage: 0xff00006f, name: 'EVER68' },
  { usage: 0xff000070, name: 'EVER69' },
  { usage: 0xff000071, name: 'EVER70' },
  { usage: 0xff000072, name: 'EVER71' },
  { usage: 0xff000073, name: 'EVER72' },
  { usage: 0xff000074, name: 'EVER73' },
  { usage: 0xff000075, name: 'EVER74' },
  { usage: 0xff000076, name: 'EVER75' },
  { usage: 0xff000077, name: 'EVER76' },
  { usage: 0xff000078, name: 'EVER77' },
  { usage: 0xff000079, name: 'EVER78' },
  { usage: 0xff00007a, name: 'EVER79' },
  { usage: 0xff00007b, name: 'EVER80' },
  { usage: 0xff00007c, name: 'EVER81' },
  { usage: 0xff00007d, name: 'EVER82' },
  { usage: 0xff00007e, name: 'EVER83' },
  { usage: 0xff00007f, name: 'EVER84' },
  { usage: 0xff000080, name: 'EVER85' },
  { usage: 0xff000081, name: 'EVER86' },
  { usage: 0xff000082, name: 'EVER87' },
  { usage: 0xff000083, name: 'EVER88' },
  { usage: 0xff000084, name: 'EVER89' },
  { usage: 0xff000085, name: 'EVER90' },
  { usage: 0xff000086, name: 'EVER91' },
  { usage: 0xff000087, name: 'EVER92' },
  { usage: 0xff000088, name: 'EVER93' },
  { usage: 0xff000089, name: 'EVER94' },
  { usage: 0xff00008a, name: 'EVER95' },
  { usage: 0xff00008b, name: 'EVER96' },
  { usage: 0xff000090, name: 'EVER97' },
  { usage: 0xff000091, name: 'EVER98' },
  { usage: 0xff000092, name: 'EVER99' },
  { usage: 0xff000093, name: 'EVER100' },
  { usage: 0xff000094, name: 'EVER101' },
  { usage: 0xff000095, name: 'EVER102' },
  { usage: 0xff000096, name: 'EVER103' },
  { usage: 0xff000097, name: 'EVER104' },
];

export const ever_hid2nut: readonly HidInfo[] = [
  info('experimental.battery.batteryid', 0, 0, 'UPS.BatterySystem.Battery.BatteryID', '%.0f', 0),
  info('experimental.battery.systemid', 0, 0, 'UPS.BatterySystem.BatterySystemID', '%.0f', 0),
  info('experimental.battery.chargerid', 0, 0, 'UPS.BatterySystem.Charger.ChargerID', '%.0f', 0),
  info('experimental.battery.input_flowid', 0, 0, 'UPS.BatterySystem.Input.FlowID', '%.0f', 0),
  info('experimental.battery.input_id', 0, 0, 'UPS.BatterySystem.Input.InputID', '%.0f', 0),
  info('experimental.battery.output_flowid', 0, 0, 'UPS.BatterySystem.Output.FlowID', '%.0f', 0),
  info('experimental.battery.output_id', 0, 0, 'UPS.BatterySystem.Output.OutputID', '%.0f', 0),
  info('experimental.id.firmware_version_inverter', 0, 0, 'UPS.EVER1.EVER13', '%s', 0, ever_format_version),
  info('experimental.id.firmware_version_interfaces', 0, 0, 'UPS.EVER1.EVER14', '%s', 0, ever_format_version),
  info('experimental.id.hardware_version', 0, 0, 'UPS.EVER1.EVER15', '%s', 0, ever_format_hardware),
  info('experimental.id.protocol_version_inverter', 0, 0, 'UPS.EVER1.EVER16', '%s', 0, ever_format_version),
  info('experimental.id.protocol_version_interfaces', 0, 0, 'UPS.EVER1.EVER17', '%s', 0, ever_format_version),
  info('ups.temperature', 0, 0, 'UPS.EVER1.EVER42', '%s', 0, kelvin_celsius_conversion),
  info('battery.temperature', 0, 0, 'UPS.EVER1.EVER43', '%s', 0, kelvin_celsius_conversion),
  info('powerfactor', 0, 0, 'UPS.EVER1.EVER44', '%.0f', 0),
  info('experimental.control.ups_on', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.EVER1.EVER45.EVER46', '%.0f', 0),
  info('experimental.control.clear_fault', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.EVER1.EVER45.EVER47', '%.0f', 0),
  info('experimental.control.clear_battery_fault', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.EVER1.EVER45.EVER48', '%.0f', 0),
  info('experimental.control.epo_blocked', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.EVER1.EVER49.EVER50', '%.0f', 0),
  info('experimental.control.green_mode', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.EVER1.EVER49.EVER51', '%.0f', 0),
  info('experimental.control.button_sound', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.EVER1.EVER49.EVER52', '%.0f', 0),
  info('experimental.control.audible_alarm', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.EVER1.EVER49.EVER53', '%.0f', 0),
  info('output.voltage', ST_FLAG_RW | ST_FLAG_STRING, 3, 'UPS.EVER1.EVER54', '%.0f', 0),
  info('experimental.config.overload_clearance_threshold', ST_FLAG_RW | ST_FLAG_STRING, 2, 'UPS.EVER1.EVER59', '%.0f', 0),
  info('experimental.config.stb_charge', ST_FLAG_RW | ST_FLAG_STRING, 2, 'UPS.EVER1.EVER60', '%.0f', 0),
  info('battery.packs.external', ST_FLAG_RW | ST_FLAG_STRING, 1, 'UPS.EVER1.EVER61', '%.0f', 0),
  info('experimental.statistics.mains_loss_counter', 0, 0, 'UPS.EVER1.EVER62', '%.0f', 0),
  info('experimental.statistics.lowering_AVR_trigger_counter', 0, 0, 'UPS.EVER1.EVER63', '%.0f', 0),
  info('experimental.statistics.rising_AVR_trigger_counter', 0, 0, 'UPS.EVER1.EVER64', '%.0f', 0),
  info('experimental.statistics.overload_counter', 0, 0, 'UPS.EVER1.EVER65', '%.0f', 0),
  info('experimental.statistics.short_circuit_counter', 0, 0, 'UPS.EVER1.EVER66', '%.0f', 0),
  info('experimental.statistics.discharge_counter', 0, 0, 'UPS.EVER1.EVER67', '%.0f', 0),
  info('experimental.statistics.overheat_counter', 0, 0, 'UPS.EVER1.EVER68', '%.0f', 0),
  info('experimental.statistics.mains_operation_time', 0, 0, 'UPS.EVER1.EVER69', '%.0f', 0),
  info('experimental.statistics.autonomous_operation_time', 0, 0, 'UPS.EVER1.EVER70', '%.0f', 0),
  info('experimental.statistics.overload_operation_time', 0, 0, 'UPS.EVER1.EVER71', '%.0f', 0),
  info('experimental.networkcard.mac_address', 0, 0, 'UPS.EVER1.EVER72', '%s', 0, ever_mac_address),
  info('experimental.networkcard.notification_destination_ip', 0, 0, 'UPS.EVER1.EVER73', '%s', 0, ever_ip_address),
  info('experimental.networkcard.send_packets', 0, 0, 'UPS.EVER1.EVER77', '%s', 0, ever_packets),
  info('experimental.networkcard.received_packets', 0, 0, 'UPS.EVER1.EVER78', '%s', 0, ever_packets),
  info('experimental.networkcard.send_packets_err', 0, 0, 'UPS.EVER1.EVER79', '%s', 0, ever_packets),
  info('experimental.networkcard.received_packets_err', 0, 0, 'UPS.EVER1.EVER80', '%s', 0, ever_packets),
  info('experimental.networkcard.config_dhcp_enabled', 0, 0, 'UPS.EVER1.EVER85.EVER86', '%.0f', 0),
  info('experimental.networkcard.config_ethernet_enabled', 0, 0, 'UPS.EVER1.EVER85.EVER87', '%.0f', 0),
  info('experimental.networkcard.config_http_enabled', 0, 0, 'UPS.EVER1.EVER85.EVER88', '%.0f', 0),
  info('experimental.networkcard.config_snmp_enabled', 0, 0, 'UPS.EVER1.EVER85.EVER89', '%.0f', 0),
  info('experimental.networkcard.config_snmp_trap_enabled', 0, 0, 'UPS.EVER1.EVER85.EVER90', '%.0f', 0),
  info('experimental.networkcard.config_readonly', 0, 0, 'UPS.EVER1.EVER85.EVER91', '%.0f', 0),
  info('experimental.networkcard.config_restart_eth', 0, 0, 'UPS.EVER1.EVER85.EVER96', '%.0f', 0),
  info('experimental.networkcard.ip_address', 0, 0, 'UPS.EVER1.EVER93', '%s', 0, ever_ip_address),
  info('experimental.networkcard.network_mask', 0, 0, 'UPS.EVER1.EVER94', '%s', 0, ever_ip_address),
  info('experimental.networkcard.default_gateway', 0, 0, 'UPS.EVER1.EVER95', '%s', 0, ever_ip_address),
  info('ups.realpower.nominal', 0, 0, 'UPS.Flow.ConfigActivePower', '%.0f', 0),
  info('ups.power.nominal', 0, 0, 'UPS.Flow.ConfigApparentPower', '%.0f', 0),
  info('output.frequency.nominal', 0, 0, 'UPS.Flow.ConfigFrequency', '%.0f', 0),
  info('output.voltage.nominal', 0, 0, 'UPS.Flow.ConfigVoltage', '%.0f', 0),
  info('experimental.ups.flow_id', 0, 0, 'UPS.Flow.FlowID', '%.0f', 0),
  info('outlet.1.id', 0, 0, 'UPS.OutletSystem.Outlet.OutletID', '%.0f', 0),
  info('experimental.outlet.1.present', 0, 0, 'UPS.OutletSystem.Outlet.PresentStatus.Present', '%.0f', 0, yes_no_info),
  info('outlet.1.switchable', 0, 0, 'UPS.OutletSystem.Outlet.PresentStatus.Switchable', '%.0f', 0, yes_no_info),
  info('outlet.1.status', 0, 0, 'UPS.OutletSystem.Outlet.PresentStatus.SwitchOn/Off', '%.0f', 0),
  info('experimental.outlet.1.undefined', 0, 0, 'UPS.OutletSystem.Outlet.PresentStatus.Undefined', '%.0f', 0),
  info('experimental.outlet.1.system_id', 0, 0, 'UPS.OutletSystem.OutletSystemID', '%.0f', 0),
  info('experimental.outlet.1.switch_off_control', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.OutletSystem.Outlet.SwitchOffControl', '%.0f', 0),
  info('experimental.outlet.1.switch_on_control', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.OutletSystem.Outlet.SwitchOnControl', '%.0f', 0),
  info('experimental.powerconverter.input_flow_id', 0, 0, 'UPS.PowerConverter.Input.FlowID', '%.0f', 0),
  info('input.frequency', 0, 0, 'UPS.PowerConverter.Input.Frequency', '%.0f', 0),
  info('experimental.powerconverter.input_id', 0, 0, 'UPS.PowerConverter.Input.InputID', '%.0f', 0),
  info('input.voltage', 0, 0, 'UPS.PowerConverter.Input.Voltage', '%.0f', 0),
  info('ups.realpower', 0, 0, 'UPS.PowerConverter.Output.ActivePower', '%.0f', 0),
  info('ups.power', 0, 0, 'UPS.PowerConverter.Output.ApparentPower', '%.0f', 0),
  info('output.current', 0, 0, 'UPS.PowerConverter.Output.Current', '%.0f', 0),
  info('experimental.powerconverter.output_flowid', 0, 0, 'UPS.PowerConverter.Output.FlowID', '%.0f', 0),
  info('output.frequency', 0, 0, 'UPS.PowerConverter.Output.Frequency', '%.0f', 0),
  info('experimental.powerconverter.output_id', 0, 0, 'UPS.PowerConverter.Output.OutputID', '%.0f', 0),
  info('ups.load', 0, 0, 'UPS.PowerConverter.Output.PercentLoad', '%.0f', 0),
  info('output.voltage', 0, 0, 'UPS.PowerConverter.Output.Voltage', '%.0f', 0),
  info('experimental.powerconverter.powerconverterid', 0, 0, 'UPS.PowerConverter.PowerConverterID', '%.0f', 0),
  info('experimental.powersummary.capacity_granularity_1', 0, 0, 'UPS.PowerSummary.CapacityGranularity1', '%.0f', 0),
  info('experimental.powersummary.capacity_granularity_2', 0, 0, 'UPS.PowerSummary.CapacityGranularity2', '%.0f', 0),
  info('experimental.powersummary.capacity_mode', 0, 0, 'UPS.PowerSummary.CapacityMode', '%.0f', 0),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('battery.capacity', 0, 0, 'UPS.PowerSummary.DesignCapacity', '%.0f', 0),
  info('experimental.powersummary.flow_id', 0, 0, 'UPS.PowerSummary.FlowID', '%.0f', 0),
  info('battery.capacity', 0, 0, 'UPS.PowerSummary.FullChargeCapacity', '%.0f', 0),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%.0f', 0),
  info('ups.load', 0, 0, 'UPS.PowerSummary.PercentLoad', '%.0f', 0),
  info('experimental.powersummary.rechargeable', 0, 0, 'UPS.PowerSummary.Rechargeable', '%.0f', 0),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.runtime.low', ST_FLAG_RW | ST_FLAG_NUMBER, 0, 'UPS.PowerSummary.RemainingTimeLimit', '%.0f', 0),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%.0f', 0),
  info('ups.timer.shutdown', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.AwaitingPower', null, HU_FLAG_QUICK_POLL, awaitingpower_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BatteryPresent', null, 0, nobattery_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.CommunicationLost', null, 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Overload', null, HU_FLAG_QUICK_POLL, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.OverTemperature', null, 0, overheat_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, 0, shutdownimm_info),
  info('BOOL', 0, 0, 'UPS.EVER1.EVER18.EVER19', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.EVER1.EVER18.EVER20', null, 0, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.EVER1.EVER18.EVER21', null, 0, boost_info),
  info('BOOL', 0, 0, 'UPS.EVER1.EVER18.EVER22', null, 0, trim_info),
  info('BOOL', 0, 0, 'UPS.EVER1.EVER18.EVER25', null, 0, charging_info),
  info('BOOL', 0, 0, 'UPS.EVER1.EVER18.EVER28', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.EVER1.EVER32.EVER33', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.EVER1.EVER32.EVER40', '%.0f', 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.EVER1.EVER97.EVER102', '%s', 0, ever_on_off_info),
  info('experimental.status.workmode', 0, 0, 'UPS.EVER1.EVER97.EVER98', '%s', 0, ever_workmode),
  info('experimental.status.messages', 0, 0, 'UPS.EVER1.EVER18.EVER28', null, 0, ever_messages),
  info('experimental.status.alarms', 0, 0, 'UPS.EVER1.EVER32.EVER33', null, 0, ever_alarms),
  info('load.off.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('shutdown.return', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
];

export const ever_subdriver: HidSubdriver = {
  name: 'Ever HID 0.1',
  ids: ever_usb_device_table,
  claim: claimWith(ever_usb_device_table, 'Ever'),
  usageTables: [ever_usage_lkp],
  hid2nut: ever_hid2nut,
  formatModel: (dev) => dev.product,
  formatMfr: (dev) => dev.vendor ?? 'Ever',
  formatSerial: (dev) => dev.serial,
};
