// upssched.conf (upssched.md §2). Pure. NUT acts on AT lines while parsing,
// so order matters: an AT before CMDSCRIPT/PIPEFN/LOCKFN is fatal. We return
// the rules in file order and let the caller match them.

import { tokenizeConfig } from '../core/tokenizer.js';
import type { Diagnostic } from './diagnostics.js';

export interface AtRule {
  notifyType: string;
  upsName: string;
  command: string;
  args: string[];
  line: number;
}

export interface UpsschedConf {
  /** argv prefix; a single token containing spaces is run through the shell (2.8.0 style) */
  cmdScript: string[] | undefined;
  pipeFn: string | undefined;
  lockFn: string | undefined;
  debugMin: number | undefined;
  rules: AtRule[];
  diagnostics: Diagnostic[];
  errorCount: number;
  /** fatal message (printed on stdout and logged, exit 1) */
  fatal: string | undefined;
}

export function parseUpsschedConf(text: string | Uint8Array, file = 'upssched.conf', opts: { listOnly?: boolean } = {}): UpsschedConf {
  const conf: UpsschedConf = {
    cmdScript: undefined, pipeFn: undefined, lockFn: undefined, debugMin: undefined, rules: [], diagnostics: [], errorCount: 0, fatal: undefined,
  };
  const { lines, errors } = tokenizeConfig(text);
  for (const e of errors) conf.diagnostics.push({ file, line: e.line, level: 'error', message: `Parse error: ${file}:${e.line}: ${e.message}` });
  for (const { line, args } of lines) {
    if (args.length === 0) continue;
    const d = args[0]!;
    const n = args.length;
    if (d === 'CMDSCRIPT' && n >= 2) { conf.cmdScript = args.slice(1); continue; }
    if (d === 'PIPEFN' && n >= 2) { conf.pipeFn = args[1]; continue; }
    if (d === 'LOCKFN' && n >= 2) { conf.lockFn = args[1]; continue; }
    if (d === 'DEBUG_MIN' && n >= 2) {
      if (/^\d+$/.test(args[1]!)) conf.debugMin = parseInt(args[1]!, 10);
      continue;
    }
    if (d === 'AT' && n >= 5) {
      if (opts.listOnly) continue;
      for (const [v, name] of [[conf.cmdScript, 'CMDSCRIPT'], [conf.pipeFn, 'PIPEFN'], [conf.lockFn, 'LOCKFN']] as const) {
        if (v === undefined) {
          conf.fatal = `${name} must be set before any ATs in the config file!`;
          conf.diagnostics.push({ file, line, level: 'error', message: conf.fatal });
          return conf;
        }
      }
      conf.rules.push({ notifyType: args[1]!, upsName: args[2]!, command: args[3]!, args: args.slice(4, 6), line });
      continue;
    }
    conf.errorCount++;
    conf.diagnostics.push({ file, line, level: 'warning', message: `upssched.conf: invalid directive ${args.join(' ')}` });
  }
  if (opts.listOnly && conf.pipeFn === undefined) {
    conf.fatal = 'upssched.conf: invalid configuration for timer listing: lacks PIPEFN';
  }
  return conf;
}

/** The rules that apply to one event: exact UPSNAME or `*`, NOTIFYTYPE case-insensitive. */
export function matchRules(conf: UpsschedConf, upsName: string, notifyType: string): AtRule[] {
  const t = notifyType.toUpperCase();
  return conf.rules.filter((r) => (r.upsName === '*' || r.upsName === upsName) && r.notifyType.toUpperCase() === t);
}
