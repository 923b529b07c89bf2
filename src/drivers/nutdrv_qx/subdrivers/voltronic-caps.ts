// Voltronic capability flags (QFLAG "(E<enabled letters>D<disabled letters>"): five
// with a NUT variable (yes/no, settable), the others settable once from ups.conf
// (enabled/disabled). Alarm control and ECO mode also bring commands and limits.

import type { Item } from '../item.js';
import { QX_FLAG_CMD, QX_FLAG_NONUT, QX_FLAG_SEMI_STATIC, QX_FLAG_SETVAR, cformat } from '../item.js';
import { S, type QxEngine } from '../engine.js';
import { lc, state, unskip } from './voltronic-state.js';

const CMD = QX_FLAG_CMD;
const SEMI = QX_FLAG_SEMI_STATIC;

/** A capability: its QFLAG letter, the letter of its P<E|D>x setter, and whether NUT has a variable for it (yes/no). */
export interface Cap { name: string; letter: string; set: string; nut: boolean }

const cap = (name: string, letter: string, nut: boolean): Cap => ({ name, letter, set: letter.toUpperCase(), nut });

/** in NUT's table order: the five with a NUT variable, then the ups.conf-only ones */
export const CAPS: Cap[] = [
  cap('ups.start.auto', 'r', true), cap('battery.protection', 's', true), cap('battery.energysave', 'g', true),
  cap('ups.start.battery', 'c', true), cap('outlet.0.switchable', 'j', true),
  cap('bypass_alarm', 'p', false), cap('battery_alarm', 'b', false), cap('bypass_when_off', 'o', false),
  cap('alarm_control', 'a', false), cap('converter_mode', 'v', false), cap('eco_mode', 'e', false),
  cap('battery_open_status_check', 'd', false), cap('bypass_forbidding', 'f', false), cap('site_fault_detection', 'l', false),
  cap('advanced_eco_mode', 'n', false), cap('constant_phase_angle', 'q', false), cap('limited_runtime_on_battery', 'w', false),
];

/** what a unit that knows the capability at all (enabled or disabled) gets: commands, and ECO mode its limits */
const BRINGS: Record<string, [string, number][]> = {
  alarm_control: [['beeper.enable', CMD], ['beeper.disable', CMD]],
  eco_mode: [['bypass.start', CMD], ['bypass.stop', CMD], ['input.transfer.high', SEMI], ['input.transfer.low', SEMI],
    ['input.frequency.high', SEMI], ['input.frequency.low', SEMI]],
};

/** C's strtok(value+1, "D") then strtok(NULL, ""): leading D's are skipped, so "ED…" reads as all enabled */
function splitFlags(value: string): [string, string] | null {
  const s = value.slice(1);
  let i = 0;
  while (s[i] === 'D') i++;
  if (i >= s.length) return null;
  const d = s.indexOf('D', i);
  return d < 0 ? [s.slice(i), ''] : [s.slice(i, d), s.slice(d + 1)];
}

export function capability(q: QxEngine, item: Item): string | null {
  const parts = splitFlags(item.value);
  if (!parts) { q.log.debug(2, 'voltronic_capability: parsing failed'); return null; }
  const c = CAPS.find((x) => x.name === lc(item.type));
  if (!c) return null;
  const on = parts[0].includes(c.letter);
  const val = on ? (c.nut ? 'yes' : 'enabled') : parts[1].includes(c.letter) ? (c.nut ? 'no' : 'disabled') : undefined;
  if (!val) return null;
  if (!c.nut) state(q).caps.set(c.name, val);
  if (c.name === 'alarm_control') {
    // the unit's own beeper setting wins over what QGS said, except that a muted beeper stays muted
    if (val === 'disabled') q.host.setInfo('ups.beeper.status', 'disabled');
    else if (q.host.getInfo('ups.beeper.status') !== 'muted') q.host.setInfo('ups.beeper.status', 'enabled');
  }
  for (const [name, flag] of BRINGS[c.name] ?? []) if (!unskip(q, name, flag)) return null;
  if (c.name === 'outlet.0.switchable' && on) {
    for (let n = 1; n <= 4; n++) if (!unskip(q, `outlet.${n}.switchable`) || !unskip(q, `outlet.${n}.status`)) return null;
  }
  const out = cformat(item.dfl ?? '%s', val);
  if (item.flags & QX_FLAG_NONUT && q.host.getval(item.type) === undefined) return out;
  return unskip(q, item.type, QX_FLAG_SETVAR) ? out : null;
}

export function capabilitySet(q: QxEngine, item: Item, value: string): string | null {
  if (lc(value) === 'yes') return cformat(item.command ?? '', 'E');
  if (lc(value) === 'no') return cformat(item.command ?? '', 'D');
  q.log.err(`${item.type}: given value [${value}] is not acceptable. Enter either 'yes' or 'no'.`);
  return null;
}

export function capabilitySetNonut(q: QxEngine, item: Item, value: string): string | null {
  const match = state(q).caps.get(lc(item.type));
  if (!match) return null;
  if (lc(value) === lc(match)) { q.log.info(`${item.type} is already ${match}`); return null; }
  if (lc(value) === 'disabled') return cformat(item.command ?? '', 'D');
  if (lc(value) === 'enabled') return cformat(item.command ?? '', 'E');
  q.log.err(`${item.type}: [${value}] is not within acceptable values [enabled/disabled]`);
  return null;
}

export function capabilityReset(q: QxEngine, item: Item): string | null {
  if (!q.host.testvar('reset_to_default')) return null;
  if (!(q.upsStatus & S.OFF)) {
    q.log.err(`${item.type}: UPS capability options can be reset only when the UPS is in Standby Mode (i.e. ups.status = 'OFF').`);
    return null;
  }
  return item.command ?? '';
}
