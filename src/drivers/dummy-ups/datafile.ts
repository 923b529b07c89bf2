// dummy-ups definition files (.dev / .seq): `<var>: <value…>` lines, `TIMER
// <sec>` pauses and (NUT ≥2.8.3) `ALARM [text]` instructions, tokenized with
// the parseconf rules. The reader is resumable: a pass stops at a TIMER and the
// next pass continues at the following line (drivers.md §7.1). Pure.

import { tokenizeConfig } from '../../core/tokenizer.js';
import { atoi } from '../../driver/kit/index.js';

/** MAX_STRING_SIZE - 1: the joined value is cut at 127 chars */
export const MAX_DUMMY_VALUE = 127;

export type DataLine =
  | { kind: 'timer'; line: number; seconds: number }
  | { kind: 'alarm'; line: number; text: string }
  | { kind: 'status'; line: number; tokens: string[] }
  | { kind: 'set'; line: number; name: string; value: string }
  | { kind: 'skip'; line: number; name: string };

export interface DataFileProblem { line: number; message: string }

export interface ParsedDataFile {
  lines: DataLine[];
  problems: DataFileProblem[];
  /** whether any ALARM instruction is present (enables the alarm commit per pass) */
  usesAlarm: boolean;
}

export function parseDataFile(text: string | Uint8Array): ParsedDataFile {
  const { lines, errors } = tokenizeConfig(text);
  const out: DataLine[] = [];
  const problems: DataFileProblem[] = errors.map((e) => ({ line: e.line, message: e.message }));
  let usesAlarm = false;
  // NUT keeps the previous value buffer when a line has no value word
  let lastValue = '';
  for (const { line, args } of lines) {
    if (args.length < 1) continue;
    const a0 = args[0]!;
    if (a0.startsWith('TIMER')) {
      if (args.length < 2 || !/^\s*[+-]?\d/.test(args[1]!)) problems.push({ line, message: `TIMER needs a number of seconds, got '${args[1] ?? ''}'` });
      out.push({ kind: 'timer', line, seconds: atoi(args[1]) });
      continue;
    }
    if (a0.startsWith('ALARM')) {
      usesAlarm = true;
      const text = args.slice(1).join(' ').slice(0, MAX_DUMMY_VALUE);
      out.push({ kind: 'alarm', line, text });
      continue;
    }
    const colon = a0.indexOf(':');
    const name = colon >= 0 ? a0.slice(0, colon) : a0;
    if (colon < 0) problems.push({ line, message: `'${a0}' is not of the form '<variable>: <value>'` });
    if (name.startsWith('driver.')) { out.push({ kind: 'skip', line, name }); continue; }
    if (name.startsWith('ups.status')) {
      out.push({ kind: 'status', line, tokens: args.slice(1) });
      continue;
    }
    if (args.length > 1) lastValue = args.slice(1).join(' ').slice(0, MAX_DUMMY_VALUE);
    else problems.push({ line, message: `no value for '${name}'` });
    if (name === '') { problems.push({ line, message: 'empty variable name' }); continue; }
    out.push({ kind: 'set', line, name, value: lastValue });
  }
  problems.sort((a, b) => a.line - b.line);
  return { lines: out, problems, usesAlarm };
}
