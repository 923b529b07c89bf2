// upsmon notification events (upsmon.md §4): names, stock messages, default
// flags and message formatting. Pure.

export const NOTIFY_TYPES = [
  'ONLINE', 'ONBATT', 'LOWBATT', 'FSD', 'COMMOK', 'COMMBAD', 'SHUTDOWN', 'REPLBATT', 'NOCOMM', 'NOPARENT',
  'CAL', 'NOTCAL', 'OFF', 'NOTOFF', 'BYPASS', 'NOTBYPASS', 'ECO', 'NOTECO', 'ALARM', 'NOTALARM',
  'OVER', 'NOTOVER', 'TRIM', 'NOTTRIM', 'BOOST', 'NOTBOOST', 'OTHER', 'NOTOTHER',
  'SUSPEND_STARTING', 'SUSPEND_FINISHED', 'SUSPEND_TIMEJUMP_UNEXPECTED', 'SHUTDOWN_HOSTSYNC',
] as const;
export type NotifyType = (typeof NOTIFY_TYPES)[number];

export const STOCK_MESSAGES: Record<NotifyType, string> = {
  ONLINE: 'UPS %s on line power',
  ONBATT: 'UPS %s on battery',
  LOWBATT: 'UPS %s battery is low',
  FSD: 'UPS %s: forced shutdown in progress',
  COMMOK: 'Communications with UPS %s established',
  COMMBAD: 'Communications with UPS %s lost',
  SHUTDOWN: 'Auto logout and shutdown proceeding',
  REPLBATT: 'UPS %s battery needs to be replaced',
  NOCOMM: 'UPS %s is unavailable',
  NOPARENT: 'upsmon parent process died - shutdown impossible',
  CAL: 'UPS %s: calibration in progress',
  NOTCAL: 'UPS %s: calibration finished',
  OFF: 'UPS %s: administratively OFF or asleep',
  NOTOFF: 'UPS %s: no longer administratively OFF or asleep',
  BYPASS: 'UPS %s: on bypass (powered, not protecting)',
  NOTBYPASS: 'UPS %s: no longer on bypass',
  ECO: 'UPS %s: in ECO mode (as defined by vendor)',
  NOTECO: 'UPS %s: no longer in ECO mode',
  ALARM: 'UPS %s: one or more active alarms: [%s]',
  NOTALARM: 'UPS %s is no longer in an alarm state (no active alarms)',
  OVER: 'UPS %s: overloaded',
  NOTOVER: 'UPS %s: no longer overloaded',
  TRIM: 'UPS %s: trimming incoming voltage',
  NOTTRIM: 'UPS %s: no longer trimming incoming voltage',
  BOOST: 'UPS %s: boosting incoming voltage',
  NOTBOOST: 'UPS %s: no longer boosting incoming voltage',
  OTHER: 'UPS %s: has at least one unclassified status token: [%s]',
  NOTOTHER: 'UPS %s has no unclassified status tokens anymore',
  SUSPEND_STARTING: 'OS is entering sleep/suspend/hibernate mode',
  SUSPEND_FINISHED: 'OS just finished sleep/suspend/hibernate mode, de-activating obsolete UPS readings to avoid an unfortunate shutdown',
  SUSPEND_TIMEJUMP_UNEXPECTED: 'Unexpected clock change by %s, treating as wake up from sleep',
  SHUTDOWN_HOSTSYNC: 'Shutdown initiated; primary system is waiting for secondaries to log out or time out',
};

export interface NotifyFlags { syslog: boolean; wall: boolean; exec: boolean; ignore: boolean }

export function defaultFlags(): NotifyFlags {
  return { syslog: true, wall: true, exec: false, ignore: false };
}

export function isNotifyType(s: string): s is NotifyType {
  return (NOTIFY_TYPES as readonly string[]).includes(s);
}

export const MAX_NOTIFY_MSG = 511;

/**
 * Positional %s substitution: the first %s gets the UPS name, the second the
 * extra text; %% → %. Other % sequences stay literal (upstream would produce
 * garbage for a user template with e.g. %d; we do not copy that).
 */
export function formatNotify(template: string, upsname: string, extra = ''): string {
  let n = 0;
  const out = template.replace(/%(%|s)/g, (_m, c: string) => {
    if (c === '%') return '%';
    n++;
    if (n === 1) return upsname;
    if (n === 2) return extra;
    return '';
  });
  return Buffer.from(out, 'latin1').subarray(0, MAX_NOTIFY_MSG).toString('latin1');
}
