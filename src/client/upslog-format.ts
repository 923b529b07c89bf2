// upslog's format language, compiled once into a list of actions (clients.md §5).
// Pure: rendering gets the variable values and the environment passed in.

import { strftime } from './strftime.js';

export const DEFAULT_LOGFORMAT = '%TIME @Y@m@d @H@M@S% %VAR battery.charge% %VAR input.voltage% %VAR ups.load% [%VAR ups.status%] %VAR ups.temperature% %VAR input.frequency%';

export type Action =
  | { kind: 'literal'; text: string }
  | { kind: 'host' } | { kind: 'upshost' } | { kind: 'pid' } | { kind: 'etime' }
  | { kind: 'time'; format: string }
  | { kind: 'var'; name: string | undefined };

/** Matched case-insensitively by prefix, in this order (so %hostname% is %HOST%). */
const COMMANDS = ['HOST', 'UPSHOST', 'PID', 'TIME', 'VAR', 'ETIME'] as const;

export function compileFormat(fmt: string): Action[] {
  const acts: Action[] = [];
  const lit = (text: string) => {
    const last = acts[acts.length - 1];
    if (last && last.kind === 'literal') last.text += text;
    else acts.push({ kind: 'literal', text });
  };
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') { lit(fmt[i]!); continue; }
    if (fmt[i + 1] === '%') { lit('%'); i++; continue; }
    const rest = fmt.slice(i + 1);
    const end = rest.indexOf('%');
    // no closing %: INVALID, and the rest is read on as literal text
    if (end < 0) { lit('INVALID'); continue; }
    const body = rest.slice(0, end);
    const sp = body.indexOf(' ');
    const cmd = sp >= 0 ? body.slice(0, sp) : body;
    const arg = sp >= 0 ? body.slice(sp + 1) : undefined;
    const found = COMMANDS.find((c) => cmd.toUpperCase().startsWith(c));
    switch (found) {
      case 'HOST': acts.push({ kind: 'host' }); break;
      case 'UPSHOST': acts.push({ kind: 'upshost' }); break;
      case 'PID': acts.push({ kind: 'pid' }); break;
      // the reference crashes on %TIME% without a format; we print nothing
      case 'TIME': acts.push({ kind: 'time', format: (arg ?? '').replace(/@/g, '%') }); break;
      case 'VAR': acts.push({ kind: 'var', name: arg }); break;
      case 'ETIME': acts.push({ kind: 'etime' }); break;
      default: lit('INVALID');
    }
    i += body.length + 1;
  }
  return acts;
}

/** Variable names a compiled format will ask for (valid ones only). */
export function varsOf(acts: Action[]): string[] {
  const names: string[] = [];
  for (const a of acts) if (a.kind === 'var' && validVar(a.name) && !names.includes(a.name!)) names.push(a.name!);
  return names;
}

function validVar(name: string | undefined): boolean {
  return name !== undefined && name.length > 0 && name.includes('.');
}

export interface RenderEnv {
  hostname: string;
  upshost: string;
  pid: number;
  now: Date;
  /** value of a variable, undefined when it could not be read (→ NA) */
  value(name: string): string | undefined;
}

/** LARGEBUF: the reference formats into 1024 bytes */
const LOGBUF = 1023;

export function renderLine(acts: Action[], env: RenderEnv): string {
  let o = '';
  for (const a of acts) {
    switch (a.kind) {
      case 'literal': o += a.text; break;
      case 'host': o += env.hostname; break;
      case 'upshost': o += env.upshost; break;
      case 'pid': o += String(env.pid); break;
      case 'etime': o += String(Math.floor(env.now.getTime() / 1000)); break;
      case 'time': {
        const t = strftime(a.format, env.now);
        if (t.length < 512) o += t; // strftime into SMALLBUF: too long → nothing
        break;
      }
      case 'var':
        if (!validVar(a.name)) o += 'INVALID';
        else o += env.value(a.name!) ?? 'NA';
        break;
    }
    if (o.length >= LOGBUF) return o.slice(0, LOGBUF);
  }
  return o;
}
