// APC Smart protocol tables (NUT 2.8.0 drivers/apcsmart_tabs.c, "version 3.1"):
// which command character reads which variable, the instant commands, and the
// command sets of old firmware that cannot list them ('a').

export const APC_PRESENT = 0x1;
export const APC_NASTY = 0x2;
export const APC_REPEAT = 0x4;
export const APC_POLL = 0x100;
export const APC_RW = 0x200;
export const APC_ENUM = 0x400;
export const APC_STRING = 0x800;
export const APC_MULTI = 0x1000;
export const APC_PACK = 0x2000;
export const APC_PACK_MAX = 4;

export const F_MASK = 0xff000000;
export const F_LEAVE = 0;
export const F_PERCENT = 0x01000000;
export const F_VOLT = 0x02000000;
export const F_AMP = 0x03000000;
export const F_CELSIUS = 0x04000000;
export const F_HEX = 0x05000000;
export const F_DEC = 0x06000000;
export const F_SECONDS = 0x07000000;
export const F_MINUTES = 0x08000000;
export const F_HOURS = 0x09000000;
export const F_REASON = 0x0a000000;

export const CMD_OFF = 'Z';
export const CMD_ON = '\x0e';
export const CMD_FPTEST = 'A';
export const CMD_SIMPWF = 'U';
export const CMD_BTESTTOGGLE = 'W';
export const CMD_GRACEDOWN = '@';
export const CMD_SOFTDOWN = 'S';
export const CMD_SHUTDOWN = 'K';
export const CMD_CALTOGGLE = 'D';
export const CMD_BYPTOGGLE = '^';

export const APC_STATUS = 'Q';
export const APC_GOSMART = 'Y';
export const APC_GODUMB = 'R';
export const APC_CMDSET = 'a';
export const APC_CMDSET_FMT = /^[0-9]\.[^.]*\.[^.]+(\.[^.]+)?$/;
export const APC_CAPS = '\x1a';
export const APC_NEXTVAL = '-';
export const APC_FW_OLD = 'V';
export const APC_FW_NEW = 'b';
export const APC_UNR_CMDS = '\x1a\x7f~\')-+8QRYayz';
export const APC_STRLEN = 8;

export const STAT = { CAL: 1, TRIM: 2, BOOST: 4, OL: 8, OB: 16, OVER: 32, LB: 64, RB: 128 } as const;

export interface VarDef { name: string; cmd: string; flags: number; regex?: RegExp }

/** the variable table; `flags` of a copy change at run time (PRESENT, RW, ENUM) */
export const VARTAB: readonly VarDef[] = [
  { name: 'ups.temperature', cmd: 'C', flags: APC_POLL | F_CELSIUS },
  { name: 'ups.load', cmd: 'P', flags: APC_POLL | F_PERCENT },
  { name: 'ups.test.interval', cmd: 'E', flags: F_HOURS },
  { name: 'ups.test.result', cmd: 'X', flags: APC_POLL },
  { name: 'ups.delay.start', cmd: 'r', flags: F_SECONDS },
  { name: 'ups.delay.shutdown', cmd: 'p', flags: F_SECONDS },
  { name: 'ups.id', cmd: 'c', flags: APC_STRING },
  { name: 'ups.contacts', cmd: 'i', flags: APC_POLL | F_HEX },
  { name: 'ups.display.language', cmd: '\x0c', flags: 0 },
  { name: 'input.voltage', cmd: 'L', flags: APC_POLL | F_VOLT },
  { name: 'input.frequency', cmd: 'F', flags: APC_POLL | F_DEC },
  { name: 'input.sensitivity', cmd: 's', flags: 0 },
  { name: 'input.quality', cmd: '9', flags: APC_POLL | F_HEX },
  { name: 'input.transfer.low', cmd: 'l', flags: F_VOLT },
  { name: 'input.transfer.high', cmd: 'u', flags: F_VOLT },
  { name: 'input.transfer.reason', cmd: 'G', flags: APC_POLL | F_REASON },
  { name: 'input.voltage.maximum', cmd: 'M', flags: APC_POLL | F_VOLT },
  { name: 'input.voltage.minimum', cmd: 'N', flags: APC_POLL | F_VOLT },
  { name: 'output.current', cmd: '/', flags: APC_POLL | F_AMP },
  { name: 'output.voltage', cmd: 'O', flags: APC_POLL | F_VOLT },
  { name: 'output.voltage.nominal', cmd: 'o', flags: F_VOLT },
  { name: 'ambient.humidity', cmd: 'h', flags: APC_POLL | F_PERCENT },
  { name: 'ambient.0.humidity', cmd: 'H', flags: APC_POLL | APC_PACK | F_PERCENT },
  { name: 'ambient.0.humidity.high', cmd: '{', flags: APC_POLL | APC_PACK | F_PERCENT },
  { name: 'ambient.0.humidity.low', cmd: '}', flags: APC_POLL | APC_PACK | F_PERCENT },
  { name: 'ambient.temperature', cmd: 't', flags: APC_POLL | F_CELSIUS },
  { name: 'ambient.0.temperature', cmd: 'T', flags: APC_MULTI | APC_POLL | APC_PACK | F_CELSIUS, regex: /^[0-9]{2}\.[0-9]{2}$/ },
  { name: 'ambient.0.temperature.high', cmd: '[', flags: APC_POLL | APC_PACK | F_CELSIUS },
  { name: 'ambient.0.temperature.low', cmd: ']', flags: APC_POLL | APC_PACK | F_CELSIUS },
  { name: 'battery.date', cmd: 'x', flags: APC_STRING },
  { name: 'battery.charge', cmd: 'f', flags: APC_POLL | F_PERCENT },
  { name: 'battery.charge.restart', cmd: 'e', flags: F_PERCENT },
  { name: 'battery.voltage', cmd: 'B', flags: APC_POLL | F_VOLT },
  { name: 'battery.voltage.nominal', cmd: 'g', flags: 0 },
  { name: 'battery.runtime', cmd: 'j', flags: APC_POLL | F_MINUTES },
  { name: 'battery.runtime.low', cmd: 'q', flags: F_MINUTES },
  { name: 'battery.packs', cmd: '>', flags: F_DEC },
  { name: 'battery.packs.bad', cmd: '<', flags: F_DEC },
  { name: 'battery.alarm.threshold', cmd: 'k', flags: 0 },
  { name: 'device.uptime', cmd: 'T', flags: APC_MULTI | APC_POLL | F_HOURS, regex: /^[0-9]{3}\.[0-9]{1}$/ },
  { name: 'ups.serial', cmd: 'n', flags: 0 },
  { name: 'ups.mfr.date', cmd: 'm', flags: 0 },
  { name: 'ups.model', cmd: '\x01', flags: 0 },
  { name: 'ups.firmware.aux', cmd: 'v', flags: 0 },
  { name: 'ups.firmware', cmd: 'b', flags: APC_MULTI, regex: /^[a-zA-Z0-9]+\.[a-zA-Z0-9]+\.[a-zA-Z0-9]+$/ },
  { name: 'ups.firmware', cmd: 'V', flags: APC_MULTI },
];

export interface CmdDef { name: string; ext: RegExp | null; cmd: string; flags: number }

export const CMDTAB: readonly CmdDef[] = [
  { name: 'shutdown.return', ext: /^[Aa][Tt]:[0-9]{1,3}$/, cmd: CMD_GRACEDOWN, flags: APC_NASTY },
  { name: 'shutdown.return', ext: /^([Cc][Ss]|)$/, cmd: CMD_SOFTDOWN, flags: APC_NASTY },
  { name: 'shutdown.stayoff', ext: null, cmd: CMD_SHUTDOWN, flags: APC_NASTY | APC_REPEAT },
  { name: 'load.off', ext: null, cmd: CMD_OFF, flags: APC_NASTY | APC_REPEAT },
  { name: 'load.on', ext: null, cmd: CMD_ON, flags: APC_REPEAT },
  { name: 'calibrate.start', ext: null, cmd: CMD_CALTOGGLE, flags: 0 },
  { name: 'calibrate.stop', ext: null, cmd: CMD_CALTOGGLE, flags: 0 },
  { name: 'test.panel.start', ext: null, cmd: CMD_FPTEST, flags: 0 },
  { name: 'test.failure.start', ext: null, cmd: CMD_SIMPWF, flags: 0 },
  { name: 'test.battery.start', ext: null, cmd: CMD_BTESTTOGGLE, flags: 0 },
  { name: 'test.battery.stop', ext: null, cmd: CMD_BTESTTOGGLE, flags: 0 },
  { name: 'bypass.start', ext: null, cmd: CMD_BYPTOGGLE, flags: 0 },
  { name: 'bypass.stop', ext: null, cmd: CMD_BYPTOGGLE, flags: 0 },
];

const MATRIX = '@789ABCDEFGKLMNOPQRSTUVWXYZcefgjklmnopqrsuwxz/<>\\^\x0c\x16';
const MATRIX2 = '@79ABCDEFGKLMNOPQRSUVWXYZcefgjklmnopqrsuxz/<>';
const SU = '@79ABCDEFGKLMNOPQRSUVWXYZcefgjklmnopqrsuxz';
const SUI = '@79ABCEFGKLMNOPQRSUVWXYZcfg';

/** firmware (from 'V'/'b') → command characters, for units without 'a' */
export const COMPATTAB: readonly [string, string][] = [
  ['0XI', MATRIX], ['0XM', MATRIX], ['0ZI', MATRIX2], ['5UI', MATRIX2], ['5ZM', MATRIX2],
  ['6QD', SU], ['6QI', SU], ['6TD', SU], ['6TI', SU], ['7QD', SU], ['7QI', SU], ['7TD', SU], ['7TI', SU],
  ['6JI', '@789ABCFGKLMNOPQSTUVWXYZfg'], ['7II', SUI], ['9II', SUI], ['9GI', SUI], ['8II', SUI],
  ['8GI', '@79ABCEFGKLMNOPQRSUVWXYZfg'], ['8QD', SU], ['8QI', SU], ['8TD', SU], ['8TI', SU],
  ['5.4.D', '@\x01ABPQRSUYbdfgjmnx9'],
  ['set\x01', '@789ABCFGKLMNOPQRSUVWXYZ'],
];

/** convert_data(): APC value → NUT value */
export function convertData(flags: number, upsval: string): string {
  switch ((flags & F_MASK) >>> 0) {
    case F_HOURS: return String(3600 * parseIntC(upsval));
    case F_MINUTES: return String(60 * parseIntC(upsval));
    case F_REASON:
      switch (upsval[0]) {
        case 'R': return 'unacceptable utility voltage rate of change';
        case 'H': return 'high utility voltage';
        case 'L': return 'low utility voltage';
        case 'T': return 'line voltage notch or spike';
        case 'O': return 'no transfers yet since turnon';
        case 'S': return 'simulated power failure or UPS test';
        default: return upsval;
      }
    default: return upsval;
  }
}

function parseIntC(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1]!, 10) : 0;
}

/** prtchr(): printable char or 0xNN */
export function prtchr(c: string): string {
  const code = c.charCodeAt(0);
  return code >= 0x20 && code < 0x7f ? c : `0x${code.toString(16).padStart(2, '0')}`;
}
