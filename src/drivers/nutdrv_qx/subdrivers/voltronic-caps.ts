// Voltronic capability flags (QFLAG "(E<enabled letters>D<disabled letters>"): five
// with a NUT variable (yes/no, settable), the others settable once from ups.conf
// (enabled/disabled). Alarm control and ECO mode also bring commands and limits.

import type { Item } from '../item.js';
import { QX_FLAG_CMD, QX_FLAG_NONUT, QX_FLAG_SEMI_STATIC, QX_FLAG_SETVAR, cformat } from '../item.js';
import { S, type QxEngine } from '../engine.js';
import { lc, state, unskip } from './voltronic-state.js';

const CMD = QX_FLAG_CMD;
const SEMI = QX_FLAG_SEMI_STATIC;

/** capabilities without a NUT variable: QFLAG letter of each */
export const NONUT_CAPS: [string, string][] = [
  ['bypass_alarm', 'p'], ['battery_alarm', 'b'], ['bypass_when_off', 'o'], ['alarm_control', 'a'], ['converter_mode', 'v'],
  ['eco_mode', 'e'], ['battery_open_status_check', 'd'], ['bypass_forbidding', 'f'], ['site_fault_detection', 'l'],
  ['advanced_eco_mode', 'n'], ['constant_phase_angle', 'q'], ['limited_runtime_on_battery', 'w'],
];
/** capabilities with a NUT variable (yes/no) */
export const NUT_CAPS: [string, string][] = [
  ['ups.start.auto', 'r'], ['battery.protection', 's'], ['battery.energysave', 'g'], ['ups.start.battery', 'c'], ['outlet.0.switchable', 'j'],
];
/** the command letter that sets each capability (P<E|D><letter>) */
export const CAP_SET_LETTER: Record<string, string> = {
  'ups.start.auto': 'R', 'battery.protection': 'S', 'battery.energysave': 'G', 'ups.start.battery': 'C', 'outlet.0.switchable': 'J',
  bypass_alarm: 'P', battery_alarm: 'B', bypass_when_off: 'O', alarm_control: 'A', converter_mode: 'V', eco_mode: 'E',
  battery_open_status_check: 'D', bypass_forbidding: 'F', site_fault_detection: 'L', advanced_eco_mode: 'N',
  constant_phase_angle: 'Q', limited_runtime_on_battery: 'W',
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
  const [enabled, disabled] = parts;
  const t = lc(item.type);
  const s = state(q);
  let val: string | undefined;
  const nonut = NONUT_CAPS.find(([name]) => name === t);
  if (nonut) {
    const letter = nonut[1];
    const pick = enabled.includes(letter) ? 'enabled' : disabled.includes(letter) ? 'disabled' : undefined;
    if (t === 'alarm_control' || t === 'eco_mode') {
      // these two also bring commands (and ECO mode its limits) whenever the unit knows the flag at all
      if (item.value.includes(letter)) {
        if (t === 'alarm_control' && pick) {
          const beeper = q.host.getInfo('ups.beeper.status');
          if (pick === 'disabled') q.host.setInfo('ups.beeper.status', 'disabled');
          else if (beeper === undefined || beeper !== 'muted') q.host.setInfo('ups.beeper.status', 'enabled');
        }
        if (pick) { val = pick; s.caps.set(t, pick); }
        const names: [string, number][] = t === 'alarm_control'
          ? [['beeper.enable', CMD], ['beeper.disable', CMD]]
          : [['bypass.start', CMD], ['bypass.stop', CMD], ['input.transfer.high', SEMI], ['input.transfer.low', SEMI],
            ['input.frequency.high', SEMI], ['input.frequency.low', SEMI]];
        for (const [name, flag] of names) if (!unskip(q, name, flag)) return null;
      }
    } else if (pick) { val = pick; s.caps.set(t, pick); }
  } else {
    const cap = NUT_CAPS.find(([name]) => name === t);
    if (cap) {
      const letter = cap[1];
      if (enabled.includes(letter)) {
        val = 'yes';
        if (t === 'outlet.0.switchable') {
          for (let n = 1; n <= 4; n++) if (!unskip(q, `outlet.${n}.switchable`) || !unskip(q, `outlet.${n}.status`)) return null;
        }
      } else if (disabled.includes(letter)) val = 'no';
    }
  }
  if (!val) return null;
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
