// Voltronic settable variables and instant commands: what each SET or INSTCMD sends.

import type { Item } from '../item.js';
import { cformat, fixed, strtod, strtol } from '../item.js';
import type { QxEngine } from '../engine.js';
import { lc, state } from './voltronic-state.js';

/** SET of a numeric variable: delays rounded to what the unit can do; unchanged bypass limits refused */
export function processSetvar(q: QxEngine, item: Item, value: string): string | null {
  if (!value.length) { q.log.debug(2, `voltronic_process_setvar: value not given for ${item.type}`); return null; }
  const val = strtod(value);
  const s = state(q);
  const t = lc(item.type);
  if (t === 'ups.delay.start') return fixed(val - (Math.trunc(val) % 60), 0); // whole minutes
  if (t === 'ups.delay.shutdown') return fixed(val - (Math.trunc(val) % (val < 60 ? 6 : 60)), 0); // tenths of a minute, then minutes
  const current: Record<string, [number, number]> = {
    max_bypass_freq: [s.maxBypassFreq, 1], min_bypass_freq: [s.minBypassFreq, 1],
    max_bypass_volt: [s.maxBypassVolt, 0], min_bypass_volt: [s.minBypassVolt, 0], battery_number: [s.batteryNumber, 0],
  };
  const cur = current[t];
  if (cur && Math.abs(val - cur[0]) <= Number.EPSILON) {
    q.log.info(`${item.type} is already set to ${fixed(val, cur[1])}`);
    return null;
  }
  return cformat(item.command ?? '', val);
}

/** enum setters send the index of the value (for the phase angle too, as upstream does) */
const enumSetter = (guard?: (q: QxEngine, item: Item, i: number) => boolean) => (q: QxEngine, item: Item, value: string): string | null => {
  const i = item.rw.findIndex((r) => lc(r.value) === lc(value));
  if (i < 0) { q.log.err(`${item.type}: value [${value}] out of range`); return null; }
  if (guard && !guard(q, item, i)) return null;
  return processSetvar(q, item, String(i));
};
export const p31BatteryTypeSet = enumSetter();
export const p31WorkRangeSet = enumSetter((q, item, i) => {
  if (i !== state(q).workRangeType) return true;
  q.log.info(`${item.type} is already set to ${item.rw[i]!.value}`);
  return false;
});
export const phaseSet = enumSetter((q, item, i) => {
  if (strtol(item.rw[i]!.value) !== state(q).outputPhaseAngle) return true;
  q.log.info(`${item.type} is already set to ${item.rw[i]!.value}`);
  return false;
});

export function outletDelaySet(_q: QxEngine, item: Item, value: string): string | null {
  return cformat(item.command ?? '', Math.trunc(strtol(value) / 60));
}

/** ".n" (tenths of a minute, 12-54 s) or "nn" (minutes) */
const delayCode = (seconds: number): string => (seconds < 60 ? `.${Math.trunc(seconds / 6)}` : String(Math.trunc(seconds / 60)).padStart(2, '0'));

export function processCommand(q: QxEngine, item: Item, value: string): string | null {
  const t = lc(item.type);
  let arg: string;
  if (t === 'shutdown.return' || t === 'shutdown.stayoff') {
    const offdelay = strtol(q.host.getInfo('ups.delay.shutdown'));
    const ondelay = Math.trunc(strtol(q.host.getInfo('ups.delay.start')) / 60);
    arg = delayCode(offdelay);
    if (t === 'shutdown.return' && ondelay !== 0) arg += `R${String(ondelay).padStart(4, '0')}`;
  } else if (t === 'test.battery.start') {
    if (!/^[0-9]*$/.test(value)) { q.log.err(`${item.type}: non numerical value [${value}]`); return null; }
    const delay = value.length ? strtol(value) : 600;
    if (delay < 12 || delay > 5940) {
      q.log.err(`${item.type}: battery test time '${delay}' out of range [12..5940] seconds`);
      return null;
    }
    arg = delayCode(delay);
  } else if (t === 'beeper.toggle') {
    const beeper = q.host.getInfo('ups.beeper.status') ?? '';
    if (state(q).caps.has('alarm_control')) {
      if (beeper === 'enabled') arg = 'OFF';
      else if (beeper === 'muted') arg = 'ON';
      else { q.log.info('The beeper is already disabled'); return null; }
    } else arg = beeper === 'enabled' ? 'OFF' : beeper === 'disabled' ? 'ON' : '';
  } else return null;
  return cformat(item.command ?? '', arg);
}
