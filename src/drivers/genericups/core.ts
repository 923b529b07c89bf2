// genericups logic (NUT 2.8.0 drivers/genericups.c 1.38): pick the cable type,
// apply CP/SD/OL/LB/RB/BYPASS overrides, turn modem-line levels into a status,
// and signal shutdown on the lines (or with a break).

import { atoi, type DriverHost } from '../../driver/kit/index.js';
import { TIOCM_CD, TIOCM_CTS, TIOCM_DSR, TIOCM_DTR, TIOCM_RNG, TIOCM_RTS, TIOCM_ST, type ModemLines, ModemLineError } from '../../transports/modem-lines.js';
import { UPSTAB, type UpsType } from './table.js';

export const GENERIC_VARTABLE: { kind: 'VALUE' | 'FLAG'; name: string; desc: string }[] = [
  { kind: 'VALUE', name: 'upstype', desc: 'Set UPS type (required)' },
  { kind: 'VALUE', name: 'mfr', desc: 'Override manufacturer name' },
  { kind: 'VALUE', name: 'model', desc: 'Override model name' },
  { kind: 'VALUE', name: 'serial', desc: 'Specify the serial number' },
  { kind: 'VALUE', name: 'CP', desc: 'Override cable power setting' },
  { kind: 'VALUE', name: 'OL', desc: 'Override on line signal' },
  { kind: 'VALUE', name: 'LB', desc: 'Override low battery signal' },
  { kind: 'VALUE', name: 'RB', desc: 'Override replace battery signal' },
  { kind: 'VALUE', name: 'BYPASS', desc: 'Override battery bypass signal' },
  { kind: 'VALUE', name: 'SD', desc: 'Override shutdown setting' },
  { kind: 'VALUE', name: 'sdtime', desc: 'Hold time for shutdown value (seconds)' },
];

/** "Valid UPS types:" list printed by -h and for a bad upstype */
export function listTypes(): string {
  return 'Valid UPS types:\n\n' + UPSTAB.map((t, i) => `${i}: ${t.desc}\n`).join('');
}

type Host = Pick<DriverHost, 'getval' | 'setInfo' | 'statusInit' | 'statusSet' | 'statusCommit' | 'dataOk' | 'dataStale' | 'fatal' | 'log'>;

/** parse_output_signals(): substring matching, as the reference (typos go unnoticed) */
export function parseOutputSignals(h: Host, value: string, old: number): number {
  let line = 0;
  if (value.includes('DTR') && !value.includes('-DTR')) line |= TIOCM_DTR;
  if (value.includes('RTS') && !value.includes('-RTS')) line |= TIOCM_RTS;
  if (value.includes('ST')) line |= TIOCM_ST;
  if (value.includes('CTS')) h.fatal("Can't override output with CTS (not an output)");
  if (value.includes('DCD')) h.fatal("Can't override output with DCD (not an output)");
  if (value.includes('RNG')) h.fatal("Can't override output with RNG (not an output)");
  if (value.includes('DSR')) h.fatal("Can't override output with DSR (not an output)");
  if (value.includes('NULL') || value.includes('none')) line = 0;
  if (line === old) h.log.notice('parse_output_signals: output overrides specified, but no effective difference - check for typos?');
  return line;
}

/** parse_input_signals(): "CTS" = active when set, "-CTS" = active when clear */
export function parseInputSignals(h: Host, value: string, oldLine: number, oldVal: number): [number, number] {
  let line = 0;
  let val = 0;
  for (const [name, bit] of [['CTS', TIOCM_CTS], ['DCD', TIOCM_CD], ['RNG', TIOCM_RNG], ['DSR', TIOCM_DSR]] as const) {
    if (!value.includes(name)) continue;
    line |= bit;
    if (!value.includes(`-${name}`)) val |= bit;
  }
  if (value.includes('DTR')) h.fatal("Can't override input with DTR (not an input)");
  if (value.includes('RTS')) h.fatal("Can't override input with RTS (not an input)");
  if (value.includes('ST')) h.fatal("Can't override input with ST (not an input)");
  if (value.includes('NULL') || value.includes('none')) { line = 0; val = 0; }
  if (line === oldLine && val === oldVal) h.log.notice('parse_input_signals: input overrides specified, but no effective difference - check for typos?');
  return [line, val];
}

/** the status tokens for the given line levels */
export function statusOf(t: UpsType, flags: number): string[] {
  const ol = (flags & t.lineOl) === t.valOl;
  const bl = t.lineBl !== 0 && (flags & t.lineBl) === t.valBl;
  const rb = t.lineRb !== 0 && (flags & t.lineRb) === t.valRb;
  const bypass = t.lineBypass !== 0 && (flags & t.lineBypass) === t.valBypass;
  const s: string[] = [];
  if (bl) s.push('LB');
  s.push(ol ? 'OL' : 'OB');
  if (rb) s.push('RB');
  if (bypass) s.push('BYPASS');
  return s;
}

export class GenericCore {
  type: UpsType | undefined;

  constructor(readonly host: Host) {}

  /** set_ups_type(): returns the text to print before a fatal, if any */
  setUpsType(): void {
    const h: Host = this.host;
    const v = h.getval('upstype');
    if (v === undefined) h.fatal('No upstype set - see help text / man page!');
    const n = atoi(v);
    const t = UPSTAB[n];
    if (n >= 0 && t) {
      h.log.info(`UPS type: ${t.desc}\n`);
      this.type = { ...t };
      return;
    }
    process.stdout.write(listTypes());
    h.fatal('\nFatal error: unknown UPS type number');
  }

  /** the part of upsdrv_initups() after the port is open */
  initLines(lines: ModemLines): void {
    const h: Host = this.host;
    const t = this.type!;
    lines.noHangupOnClose();
    let v = h.getval('CP');
    if (v !== undefined) t.lineNorm = parseOutputSignals(h, v, t.lineNorm);
    v = h.getval('SD');
    if (v !== undefined) t.lineSd = parseOutputSignals(h, v, t.lineSd);
    try { lines.set(t.lineNorm); } catch (e) { h.fatal((e as Error).message); }
  }

  initinfo(): void {
    const h: Host = this.host;
    const t = this.type!;
    h.setInfo('ups.mfr', h.getval('mfr') ?? t.mfr);
    h.setInfo('ups.model', h.getval('model') ?? t.model);
    const serial = h.getval('serial');
    if (serial !== undefined) h.setInfo('ups.serial', serial);
    let v = h.getval('OL');
    if (v !== undefined) [t.lineOl, t.valOl] = parseInputSignals(h, v, t.lineOl, t.valOl);
    v = h.getval('LB');
    if (v !== undefined) [t.lineBl, t.valBl] = parseInputSignals(h, v, t.lineBl, t.valBl);
    v = h.getval('RB');
    if (v !== undefined) [t.lineRb, t.valRb] = parseInputSignals(h, v, t.lineRb, t.valRb);
    v = h.getval('BYPASS');
    if (v !== undefined) [t.lineBypass, t.valBypass] = parseInputSignals(h, v, t.lineBypass, t.valBypass);
  }

  updateinfo(lines: ModemLines): void {
    const h: Host = this.host;
    let flags: number;
    try {
      flags = lines.get();
    } catch (e) {
      h.log.info(`ioctl failed: ${e instanceof ModemLineError ? (e.message.split(': ')[1] ?? e.message) : String(e)}`);
      h.dataStale();
      return;
    }
    h.statusInit();
    for (const s of statusOf(this.type!, flags)) h.statusSet(s);
    h.statusCommit();
    h.dataOk();
  }

  /** upsdrv_shutdown(); resolves after sdtime */
  async shutdown(lines: ModemLines): Promise<void> {
    const h: Host = this.host;
    const t = this.type;
    if (!t) return h.fatal('No upstype set - see help text / man page!');
    const flags = t.lineSd;
    if (flags === -1) h.fatal('No shutdown command defined for this model!');
    if (flags === TIOCM_ST) {
      try { lines.sendBreak(4901); } catch (e) { h.fatal(`tcsendbreak: ${(e as Error).message.split(': ')[1]}`); }
      return;
    }
    try { lines.set(flags); } catch (e) { h.fatal(`ioctl TIOCMSET: ${(e as Error).message.split(': ')[1]}`); }
    const sd = h.getval('sdtime');
    if (sd !== undefined) {
      const sdtime = atoi(sd);
      h.log.info(`Holding shutdown signal for ${sdtime} seconds...\n`);
      if (sdtime > 0) await new Promise((r) => setTimeout(r, sdtime * 1000));
    }
  }
}

