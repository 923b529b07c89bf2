// ups.status and ups.alarm from the HID booleans, as NUT 2.8.0's usbhid-ups
// interprets them. The subdriver tables only collect raw flags ("online",
// "!dischrg", ...); they accumulate here, because a report may carry only
// some of them, and are turned into NUT status words in one place. Pure.

/** the raw flags the lookups may set (status_info[] of usbhid-ups.c) */
export const STATUS_FLAGS = [
  'online', 'dischrg', 'chrg', 'lowbatt', 'overload', 'replacebatt', 'shutdownimm', 'trim', 'boost',
  'bypassauto', 'bypassman', 'off', 'cal', 'overheat', 'commfault', 'depleted', 'timelimitexp',
  'fullycharged', 'awaitingpower', 'fanfail', 'nobattery', 'battvoltlo', 'battvolthi', 'chargerfail',
  'vrange', 'frange',
] as const;

export type StatusFlag = (typeof STATUS_FLAGS)[number];

/** Apply "flag" or "!flag" (case-insensitive); false when the word is not a known flag. */
export function applyBoolean(flags: Set<string>, word: string): boolean {
  const clear = word.startsWith('!');
  const name = (clear ? word.slice(1) : word).toLowerCase();
  if (!(STATUS_FLAGS as readonly string[]).includes(name)) return false;
  if (clear) flags.delete(name); else flags.add(name);
  return true;
}

export interface StatusResult {
  /** status words in the reference's order */
  words: string[];
  /** input.transfer.reason, or undefined to delete it */
  transferReason: string | undefined;
  /** OL and discharging, not calibrating, onlinedischarge off: the reference warns */
  warnOnlineDischarging: boolean;
}

/** ups_status_set() */
export function statusWords(f: ReadonlySet<string>, onlinedischarge: boolean): StatusResult {
  const words: string[] = [];
  let warn = false;
  const transferReason = f.has('vrange') ? 'input voltage out of range'
    : f.has('frange') ? 'input frequency out of range' : undefined;
  if (!f.has('online')) words.push('OB');
  else if (f.has('dischrg')) {
    if (onlinedischarge) words.push('OB');
    else {
      if (!f.has('cal')) warn = true;
      words.push('OL');
    }
  } else words.push('OL');
  if (f.has('dischrg') && !f.has('depleted')) words.push('DISCHRG');
  if (f.has('chrg') && !f.has('fullycharged')) words.push('CHRG');
  if (f.has('lowbatt') || f.has('timelimitexp') || f.has('shutdownimm')) words.push('LB');
  if (f.has('overload')) words.push('OVER');
  if (f.has('replacebatt')) words.push('RB');
  if (f.has('trim')) words.push('TRIM');
  if (f.has('boost')) words.push('BOOST');
  if (f.has('bypassauto') || f.has('bypassman')) words.push('BYPASS');
  if (f.has('off')) words.push('OFF');
  if (f.has('cal')) words.push('CAL');
  return { words, transferReason, warnOnlineDischarging: warn };
}

const ALARMS: readonly [StatusFlag, string][] = [
  ['replacebatt', 'Replace battery!'], ['shutdownimm', 'Shutdown imminent!'], ['fanfail', 'Fan failure!'],
  ['nobattery', 'No battery installed!'], ['battvoltlo', 'Battery voltage too low!'], ['battvolthi', 'Battery voltage too high!'],
  ['chargerfail', 'Battery charger fail!'], ['overheat', 'Temperature too high!'], ['commfault', 'Internal UPS fault!'],
  ['awaitingpower', 'Awaiting power!'], ['bypassauto', 'Automatic bypass mode!'], ['bypassman', 'Manual bypass mode!'],
];

/** ups_alarm_set(): alarm texts in the reference's order */
export function alarmTexts(f: ReadonlySet<string>): string[] {
  return ALARMS.filter(([k]) => f.has(k)).map(([, t]) => t);
}
