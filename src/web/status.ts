// ups.status tokens in words. Two tables: NUT's own (upsstats' status.h: upper-case
// text + severity, used by the CGI pages) and the dashboard's plain words.

/** status.h as in NUT 2.8.0 (ECO and ALARM come from master; shown by upsstats ?json too) */
export const NUT_STATUS: ReadonlyArray<readonly [token: string, text: string, severity: number]> = [
  ['OFF', 'OFF', 1], ['OL', 'ONLINE', 0], ['OB', 'ON BATTERY', 2], ['LB', 'LOW BATTERY', 2],
  ['RB', 'REPLACE BATTERY', 2], ['OVER', 'OVERLOAD', 2], ['TRIM', 'VOLTAGE TRIM', 1],
  ['BOOST', 'VOLTAGE BOOST', 1], ['CAL', 'CALIBRATION', 1], ['BYPASS', 'BYPASS', 2],
];
/** master's additions (upsstats 2.8.5) */
export const NUT_STATUS_MASTER: ReadonlyArray<readonly [string, string, number]> = [
  ...NUT_STATUS, ['ECO', 'ECO', 1], ['ALARM', 'ALARM', 2],
];

const WORDS: Record<string, string> = {
  OL: 'Online', OB: 'On battery', LB: 'Low battery', HB: 'High battery', RB: 'Replace battery',
  CHRG: 'Charging', DISCHRG: 'Discharging', BYPASS: 'On bypass', CAL: 'Calibrating', OFF: 'Off',
  OVER: 'Overloaded', TRIM: 'Trimming voltage', BOOST: 'Boosting voltage', FSD: 'Forced shutdown',
  ALARM: 'Alarm', ECO: 'ECO mode', SD: 'Shutting down', TEST: 'Testing', COMM: 'Communicating', NOCOMM: 'Not communicating',
};

export function statusTokens(status: string | undefined): string[] {
  return (status ?? '').split(/\s+/).filter((t) => t !== '');
}

/** "OB LB" → "On battery, Low battery"; unknown tokens are shown as they are */
export function statusWords(status: string | undefined): string {
  const t = statusTokens(status);
  return t.length === 0 ? 'Unknown' : t.map((x) => WORDS[x] ?? x).join(', ');
}

export function statusWord(token: string): string {
  return WORDS[token] ?? token;
}

/** 0 fine, 1 attention, 2 trouble — for colours and the page title */
export function severity(status: string | undefined): number {
  let s = 0;
  for (const t of statusTokens(status)) {
    if (['OB', 'LB', 'RB', 'OVER', 'FSD', 'ALARM', 'OFF', 'BYPASS', 'SD'].includes(t)) s = 2;
    else if (s < 1 && ['TRIM', 'BOOST', 'CAL', 'DISCHRG', 'ECO', 'HB', 'TEST'].includes(t)) s = 1;
  }
  return s;
}
