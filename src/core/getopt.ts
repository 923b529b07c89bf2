// POSIX getopt(3) as NUT programs use it: clustered flags (-DDD), attached or
// separate option arguments (-uroot, -u root), "--" ends options, and (with a
// leading '+' in the spec, as NUT uses) parsing stops at the first non-option.

export type Opt = { opt: string; arg?: string };

export interface GetoptResult {
  opts: Opt[];
  rest: string[];
  /** first problem, as glibc words it (without the program name prefix) */
  error?: { kind: 'unknown' | 'missing'; opt: string; message: string };
}

export function getopt(argv: readonly string[], spec: string): GetoptResult {
  const s = spec.replace(/^[+:]+/, '');
  const takesArg = new Map<string, boolean>();
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ':') continue;
    takesArg.set(c, s[i + 1] === ':');
  }
  const opts: Opt[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const t = takesArg.get(c);
      if (t === undefined) {
        return { opts, rest: argv.slice(i + 1), error: { kind: 'unknown', opt: c, message: `invalid option -- '${c}'` } };
      }
      if (!t) { opts.push({ opt: c }); continue; }
      if (j + 1 < a.length) { opts.push({ opt: c, arg: a.slice(j + 1) }); break; }
      if (i + 1 < argv.length) { opts.push({ opt: c, arg: argv[++i]! }); break; }
      return { opts, rest: [], error: { kind: 'missing', opt: c, message: `option requires an argument -- '${c}'` } };
    }
  }
  return { opts, rest: argv.slice(i) };
}
